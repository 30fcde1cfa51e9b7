"""Finding a relation's subject and object around its trigger word.

Each rule of the pack lists, for its subject and its object, strategies tried in order
(see ``STRATEGIES``). They read spaCy's dependency parse (French UD labels, English
ClearNLP labels) and fall back on word order inside the sentence. A found mention is
expanded over coordination ("avec Oracle, SoftBank et MGX" → three).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from veille.extract import trace
from veille.extract.mentions import Found
from veille.extract.syntax import AGENT_MARKERS, BECOMING, CLIMB, OBJ, SUBJ, apposed_noun, subject_token
from veille.models import ENTITY_TYPES
from veille.nlp.money import currency_code
from veille.packs import Pack, fold
from veille.packs.schema import STRATEGY_NAMES

GAP_POS = {"PUNCT", "CCONJ", "DET", "ADP", "ADJ"}
AUTHORITATIVE = {"nsubj", "agent", "obj", "iobj"}
NAMING_VERBS = frozenset({"baptiser", "appeler", "nommer", "denommer", "call", "name", "dub"})

GENITIVE = frozenset({"de", "d'", "d’", "du", "des", "of"})


def possessive_det(tok: Token) -> Token | None:
    """The possessive determiner of a noun ("sa participation", "their stake"), if any."""
    return next((c for c in tok.children if c.dep_ in ("det", "poss") and "Poss=Yes" in str(c.morph)), None)


def _genitive(c: Token, head: Token) -> bool:
    """Whether ``c`` is a "de"/"of" complement after ``head`` ("l'investissement de Kiro")."""
    return c.dep_ == "nmod" and c.i > head.i and any(fold(g.text) in GENITIVE for g in c.children)


Told = tuple[str, Found, Found]  # a relation made: predicate, subject, object


@dataclass(slots=True)
class Sentence:
    """What the strategies need to know about one sentence."""

    span: Span
    mentions: list[Found]
    by_token: dict[int, Found]
    pack: Pack
    lang: str
    salient: Found | None
    used: set[int] = field(default_factory=set)
    groups: dict[int, list[Found]] = field(default_factory=dict)  # "les deux groupes": token → members
    topic: Found | None = None  # the company the whole article is about (see ``extract.article_topic``)
    told: list[Told] = field(default_factory=list)  # the relations the two sentences before made, in order
    made: list[Told] = field(default_factory=list)  # those this sentence makes

    def at(self, tok: Token | None) -> Found | None:
        return None if tok is None else self.by_token.get(tok.i)

    def words(self, key: str) -> frozenset[str]:
        return self.pack.folded(None, key, self.lang)

    def words_in(self, group: str, key: str) -> frozenset[str]:
        """Cue words of a lexicon group (``modality``, ``attribution``…) for this language."""
        return self.pack.folded(group, key, self.lang)


def resolve(tok: Token | None, sentence: Sentence) -> Found | None:
    """The mention a token stands for: itself, a relative pronoun's antecedent, a pronoun's referent."""
    if tok is None:
        return None
    m = sentence.at(tok)
    if m is not None:
        return m
    low = fold(tok.text)
    if low in sentence.words("relative_pronouns"):
        return _antecedent(tok, sentence)
    if low in sentence.words("first_person") and (speaker := _speaker(tok, sentence)) is not None:
        return speaker
    if low in sentence.words("possessives"):
        return _possessive(tok, sentence)
    if low in sentence.words("subject_pronouns"):
        return _reporter(tok, sentence) or sentence.salient
    return (
        _apposed_subject(tok, sentence)
        or _in_subtree(tok, sentence)
        or _apposed_to(tok, sentence)
        or _introduced_name(tok, sentence)
    )


def _apposed_subject(tok: Token, sentence: Sentence) -> Found | None:
    """A subject noun set between commas right after a name is that name's apposition: "Brisa et
    Vendal, les principaux investisseurs de Kovalt, vendront leurs parts" — the subject is Brisa
    and Vendal, not Kovalt."""
    doc = sentence.span.doc
    left, right = tok.left_edge.i - 1, tok.right_edge.i + 1
    if tok.dep_ not in SUBJ or tok.pos_ != "NOUN" or left <= sentence.span.start or right >= len(doc):
        return None
    between = doc[right + 1 : tok.head.i]  # the verb follows the closing comma ("…, ont vendu")
    if doc[left].text != "," or doc[right].text != "," or right >= tok.head.i:
        return None
    if not all(t.dep_.startswith("aux") or t.pos_ in ("ADV", "PRON") for t in between):
        return None
    return next((m for m in sentence.mentions if m.end == left), None)


def _speaker(tok: Token, sentence: Sentence) -> Found | None:
    """ "'We will invest $2bn in Y,' Kovalt chief executive Jo Ivo said": "we", "our" in words a
    verb of saying reports are the speaker's company — the speaker when a company, else the
    company named in the speaker's own phrase."""
    verbs = sentence.words_in("attribution", "reporting_verbs")
    verb = next((a for a in tok.ancestors if fold(a.lemma_) in verbs), None)
    subj = subject_token(verb) if verb is not None else None
    if subj is None:
        return None
    m = sentence.at(subj)
    if m is not None and m.type in ("company", "fund", "government"):
        return m
    inside = {t.i for t in subj.subtree}
    return next(
        (x for x in sentence.mentions if x.start in inside and x.type in ("company", "fund", "government")),
        None,
    )


def _introduced_name(tok: Token, sentence: Sentence) -> Found | None:
    """The name a common noun introduces, however the model attached it: "a lancé la citadine
    T03" (the product), "rachète la société Kiro"."""
    if tok.pos_ != "NOUN" or not tok.is_lower:
        return None
    return _named(tok, sentence, {"types": ENTITY_TYPES})


def _apposed_to(tok: Token, sentence: Sentence) -> Found | None:
    """The name an apposed noun describes (``syntax.apposed_noun``): the mention that ends at
    the comma before it."""
    comma = tok.left_edge.i - 1
    if not apposed_noun(tok) or comma <= sentence.span.start:
        return None
    return next((m for m in sentence.mentions if m.end == comma), None)


def _reporter(tok: Token, sentence: Sentence) -> Found | None:
    """The subject of the verb that reports the pronoun's clause: "X said it would invest…",
    "X a indiqué qu'elle allait investir…" — "it", "elle" is X."""
    clause = tok.head
    if tok.dep_ not in SUBJ or clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
        return None
    subj = next((c for c in clause.head.children if c.dep_ in SUBJ), None)
    return sentence.at(subj) if subj is not None else None


def _antecedent(tok: Token, sentence: Sentence) -> Found | None:
    """The noun a relative pronoun stands for: the entity just before it ("Microsoft, qui…"),
    else the head of its relative clause."""
    doc = sentence.span.doc
    just_before = [
        m for m in sentence.mentions if m.end <= tok.i and all(x.is_punct for x in doc[m.end : tok.i])
    ]
    if just_before:
        return just_before[-1]
    node = tok.head
    for _ in range(4):
        if node.dep_ in ("acl:relcl", "relcl"):
            ante = node.head
            m = sentence.at(ante)
            if m is None and ante.dep_ == "appos":
                m = sentence.at(ante.head)
            return m or _in_subtree(ante, sentence)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _in_subtree(tok: Token, sentence: Sentence, depth: int = 3) -> Found | None:
    """The first mention inside a noun phrase, at most ``depth`` links down (not into clauses)."""
    level = [tok]
    for _ in range(depth + 1):
        nxt = []
        for cur in level:
            m = sentence.at(cur)
            if m is not None:
                return m
            nxt += [
                c
                for c in cur.children
                if c.dep_ not in ("acl:relcl", "relcl", "ccomp", "advcl", "acl", "parataxis", "conj")
            ]
        level = nxt
    return None


def _possessive(tok: Token, sentence: Sentence) -> Found | None:
    """ "son/sa/ses": the nearest company named before in the sentence (unless a pronoun stands
    between them: "l'intégration d'OpenAI lui a permis de … ses concurrents" → what "lui" is),
    else the salient one."""
    before = [
        m
        for m in sentence.mentions
        if m.end <= tok.i and m.type in ("company", "fund", "government", "other")
    ]
    if fold(tok.text) in ("leur", "leurs", "their"):
        pair = _their(tok, before, sentence)
        if pair is not None:
            return pair
    if not before:
        return sentence.salient
    between = sentence.span.doc[before[-1].end : tok.i]
    pronouns = [x for x in between if fold(x.text) in sentence.words("subject_pronouns") and x.pos_ == "PRON"]
    if pronouns:
        return _sayer(pronouns[-1], sentence) or sentence.salient
    own = _clause_subject_of(tok, sentence)
    return own if own is not None and own in before else before[-1]


def _sayer(pron: Token, sentence: Sentence) -> Found | None:
    """ "X said it had raised its stake": the subject pronoun of a reported clause is the
    company that says it, the subject of the verb governing that clause."""
    if not pron.dep_.startswith("nsubj") or pron.head.dep_ not in ("ccomp", "xcomp"):
        return None
    subj = subject_token(pron.head.head)
    m = resolve(subj, sentence) if subj is not None and subj.i < pron.i else None
    return m if m is not None and m.type in ("company", "fund", "government") else None


def _clause_subject_of(tok: Token, sentence: Sentence) -> Found | None:
    """The subject of the clause whose object a possessive's noun is: "X annonce le rachat de Y,
    portant ainsi sa participation à 100 %" (a participle's subject is its main verb's) — "sa"
    is X's, though Y is nearer. Not for a noun inside another's complement ("le rachat de Y et
    de sa filiale")."""
    noun = tok.head
    if noun.dep_ not in OBJ or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    subj = subject_token(noun.head)
    m = resolve(subj, sentence) if subj is not None and subj.i < tok.i else None
    return m if m is not None and m.type in ("company", "fund", "government") else None


def _their(tok: Token, before: list[Found], sentence: Sentence) -> Found | None:
    """ "leur alliance", "leur concurrent": the two organisations of the clause's coordinated
    subject, else the last two named in the sentence, as a group (see ``expand``)."""
    subject = resolve(subject_token(tok.head), sentence) if tok.head.i != tok.i else None
    group = [m for m in expand(subject, sentence) if m.type in ("company", "fund")] if subject else []
    if len(group) < 2:
        group = last_two(before)
    if len(group) != 2:
        return None
    sentence.groups[tok.i] = group
    return Found(group[0].entity, group[0].type, tok.i, tok.i + 1, "pair", group[0].startup)


def last_two(before: list[Found]) -> list[Found]:
    """The last two distinct entities of a list of mentions, in text order (fewer if there are none)."""
    distinct: list[Found] = []
    for m in reversed(before):
        if m.entity not in {x.entity for x in distinct}:
            distinct.insert(0, m)
        if len(distinct) == 2:
            break
    return distinct


def expand(m: Found, sentence: Sentence) -> list[Found]:
    """A mention and those coordinated with it ("Oracle, SoftBank et MGX"); "les deux groupes",
    the two it stands for."""
    if m.how == "pair" and m.start in sentence.groups:
        return list(sentence.groups[m.start])
    doc = sentence.span.doc
    out = [m]
    ordered = sentence.mentions
    i = ordered.index(m) if m in ordered else -1
    if i < 0:
        return out
    for j in range(i + 1, len(ordered)):
        if not _coordinated(doc[ordered[j - 1].end : ordered[j].start], sentence) or not _linked(
            ordered[j - 1], ordered[j], sentence
        ):
            break
        out.append(ordered[j])
    for j in range(i - 1, -1, -1):
        if not _coordinated(doc[ordered[j].end : ordered[j + 1].start], sentence) or not _linked(
            ordered[j], ordered[j + 1], sentence
        ):
            break
        out.insert(0, ordered[j])
    return out


def _root(m: Found, sentence: Sentence) -> Token:
    return sentence.span.doc[m.start : m.end].root


def attributed(m: Found, sentence: Sentence) -> bool:
    """ "Selon Reuters, Apple…", "Selon des sources, dont Reuters et Les Échos, …": a source
    named in an attribution phrase (no verb between its marker and the name) is no argument."""
    doc = sentence.span.doc
    known = doc.user_data.setdefault("veille_attributed", {})  # asked again for each rule and role
    key = (m.start, sentence.span.start, sentence.pack.name, sentence.lang)
    if key not in known:
        known[key] = _attributed(m, sentence)
    return known[key]  # type: ignore[no-any-return]


def _attributed(m: Found, sentence: Sentence) -> bool:
    doc = sentence.span.doc
    start = max(sentence.span.start, m.start - 9)
    markers = sentence.words_in("attribution", "markers")
    for i in range(m.start - 1, start - 1, -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.text in {",", ";", ":"} and fold(doc[i + 1].text) not in sentence.words_in(
            "attribution", "list_words"
        ):
            return False  # "Selon Reuters, Apple…": the phrase ended at the comma
        before = fold(doc[max(sentence.span.start, i - 2) : i + 1].text)
        if any(before.endswith(marker) for marker in markers):
            nxt = doc[i + 1]  # "selon lesquelles Belsa…", "selon elle": no source named
            return not (nxt.pos_ == "PRON" or fold(nxt.text).startswith(("lequel", "laquel", "lesquel")))
    return False


def _source_member(m: Found, sentence: Sentence) -> bool:
    """Whether a name the parse sets beside an argument is the news's source, not one more
    member of the group: named in an attribution phrase, or (English) the subject of a saying
    verb after the clause it reports ("X will buy Y, the Financial Times reported")."""
    if attributed(m, sentence):
        return True
    if sentence.lang != "en":
        return False
    doc, verbs = sentence.span.doc, sentence.words_in("attribution", "reporting_verbs")
    root = _root(m, sentence)
    verb = root.head
    if (
        root.dep_ == "nsubj"
        and fold(verb.lemma_) in verbs
        and any(c.dep_ == "ccomp" and c.i < m.start for c in verb.children)
    ):
        return True
    start = m.start - 1 if m.start > 0 and fold(doc[m.start - 1].text) == "the" else m.start
    after = doc[m.end] if m.end < sentence.span.end else None  # "…, the Financial Times reported."
    return (
        after is not None
        and after.pos_ == "VERB"
        and fold(after.lemma_) in verbs
        and start > sentence.span.start
        and doc[start - 1].text == ","
    )


def _linked(a: Found, b: Found, sentence: Sentence) -> bool:
    """Two neighbouring mentions are not coordinated when the second opens a new clause as its
    subject ("… à OpenAI, Microsoft et son partenaire ont choisi …")."""
    if attributed(a, sentence) or attributed(b, sentence):
        return False
    gap = [fold(t.text) for t in sentence.span.doc[a.end : b.start]]
    if gap in ([","], ["et"], ["and"]) and b.how != "anaphora" and _listed_after_between(a, sentence):
        return True  # "entre A, B et C, une clause…": the list "entre" opens holds C, whatever the parse
    rb, ra = _root(b, sentence), _root(a, sentence)
    if ra.dep_ in ("nmod", "appos", "flat:name") and ra.head.dep_ in SUBJ:
        ra = ra.head  # "Les groupes Vendal et Kovalt créent…": Vendal names the subject noun
    if rb.dep_ in SUBJ and ra.head.i != rb.head.i:
        return False
    doc = sentence.span.doc
    noun = False
    for tok in doc[b.end : min(sentence.span.end, b.end + 6)]:
        if tok.text in {".", ";", ":", "(", ")", "!", "?"} or fold(tok.text) in {
            "qui",
            "que",
            "qu'",
            "dont",
            "who",
            "which",
            "that",
        }:
            break
        noun = noun or tok.pos_ in ("NOUN", "PROPN", "PRON")
        if noun and tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm", []):
            return False  # "X, Y et son partenaire ont choisi": Y opens the next clause
    return True


def _coordinated(gap: Span, sentence: Sentence) -> bool:
    depth, kept = 0, []
    for t in gap:
        depth += t.text == "("
        if depth == 0:
            kept.append(t)
        depth -= t.text == ")" and depth > 0
    if len(kept) == 0 or len(kept) > 6 or any(t.text == ")" for t in kept):
        return False  # "Orvane (alliée à Kiro) et Belsa": the first is inside a parenthesis
    words = [t.text.lower() for t in kept]
    if not any(w in {",", "et", "ou", "and", "or", "&", "ainsi", "voire", "ni"} for w in words):
        return False
    if any(
        w in {"comme", "dont", "notamment", "avec", "contre", "including", "with", "alongside"} for w in words
    ):
        return False
    if _introduced_member(kept, sentence):
        return True  # "Vendal et la société Kovalt": the second member's own description noun
    return all(t.pos_ in GAP_POS or t.ent_type_ in ("LOC", "GPE") or t.text in "()" for t in kept)


def _introduced_member(gap: list[Token], sentence: Sentence) -> bool:
    """A gap of a coordinator, then an article, adjectives and a description noun that
    introduces the next name: "A et la société B", "A et le groupe allemand B"."""
    if len(gap) < 2 or fold(gap[0].text) not in {"et", "ou", "and", "or"}:
        return False
    rest = gap[1:]
    nouns = [t for t in rest if t.pos_ == "NOUN"]
    return (
        len(nouns) == 1
        and fold(nouns[0].lemma_) in sentence.words("apposition_heads")
        and all(t.pos_ in ("DET", "ADJ", "NOUN") for t in rest)
        and rest[0].pos_ == "DET"
        and fold(rest[0].text) not in sentence.words("possessives")  # "A et sa filiale B": a relation
    )


# strategies -----------------------------------------------------------------


def _nsubj(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The subject of the trigger's clause; "Nos offres…", "Sa valorisation…": the possessor.
    A participle set before the clause ("Fondée par X, Belsa…") has no subject of its own: the
    clause's subject is what it tells of (see ``nsubj_pass``)."""
    if _fronted_participle(trigger) or _opening_participle(trigger, sentence):
        return None
    subj = subject_token(trigger)
    m = resolve(subj, sentence)
    if m is None and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
        poss = possessive_det(subj)
        if poss is not None:
            return _possessive(poss, sentence)
    return m


def _nsubj_cop(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The subject of a nominal predicate ("X est le patron de…", "X, devenu patron de…"), not of
    another verb the noun is the object of ("X a rencontré les dirigeants de Y" says nothing of X)."""
    own = next((c for c in trigger.children if c.dep_ in SUBJ), None)
    if own is not None:
        return resolve(own, sentence)
    if (
        trigger.dep_ in ("xcomp", "attr", "oprd")
        or (trigger.dep_ in OBJ and fold(trigger.head.lemma_) in BECOMING)  # "X deviendra une filiale de Y"
    ) and trigger.head.i != trigger.i:  # "nommé PDG", "is the largest shareholder"
        return resolve(subject_token(trigger.head), sentence)
    return None


def _nsubj_pass(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The patient of a passive verb ("Anthropic a été fondée par…", "Y is majority-owned by X"):
    the object of the relation; of a participle set before its clause, that clause's subject
    ("Rachetée en 2020 par X, Belsa…")."""
    patient = next((c for c in trigger.children if c.dep_ in ("nsubj:pass", "nsubjpass")), None)
    if patient is None and trigger.dep_ == "acomp" and trigger.tag_ == "VBN":
        patient = subject_token(trigger.head)  # "Y is majority-owned by X": read as an adjective of "is"
    if patient is None and _fronted_participle(trigger):
        patient = subject_token(trigger.head)
    if patient is None:
        return _after_opening_participle(trigger, sentence)
    return resolve(patient, sentence)


def _agent(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The "par"/"by" complement of a passive verb or of a deal noun ("le rachat de Belsa par
    Orvane", where the parse may hang "par Orvane" on Belsa)."""
    near = list(trigger.children)
    hosts = (
        ("nmod",) if trigger.pos_ == "NOUN" else ("obl", "obl:arg", "obl:mod", "nmod")
    )  # "détenue à 51 % par A"
    near += [
        g
        for c in trigger.children
        if c.dep_ in hosts and c.i > trigger.i
        for g in c.children
        if g.dep_ == "nmod"
    ]
    for c in near:
        if (
            c.dep_ in ("obl:agent", "agent")
            or (c.dep_ == "prep" and fold(c.text) == "by")
            or any(fold(g.text) in AGENT_MARKERS and g.dep_ == "case" for g in c.children)
        ):
            return _agent_name(c, sentence) or next(
                (resolve(g, sentence) for g in c.children if g.dep_ == "pobj"), None
            )
    return None


def _fronted_participle(trigger: Token) -> bool:
    """A past participle without auxiliary that opens a clause it modifies ("Fondée en 2019 par
    X, Belsa…", "Acquired by X in 2020, Belsa…"): passive, its patient is the clause's subject."""
    return (
        trigger.dep_ == "advcl"
        and trigger.i < trigger.head.i
        and "Part" in trigger.morph.get("VerbForm", [])
        and "Past" in trigger.morph.get("Tense", ["Past"])
        and not any(c.dep_.startswith("aux") for c in trigger.children)
    )


def _after_opening_participle(trigger: Token, sentence: Sentence) -> Found | None:
    """The name a sentence-opening past participle describes, read from the words when the
    parse does not link them: the noun phrase right after the phrase's closing comma ("Fondée en
    2019 par X, la start-up Belsa…", "Déjà détenue à 40 % par X, Belsa…")."""
    comma = _opening_participle(trigger, sentence)
    if comma is None:
        return None
    doc = sentence.span.doc
    m = next((m for m in sentence.mentions if m.start > comma), None)
    if m is None or m.start - comma > 4:
        return None
    between = doc[comma + 1 : m.start]
    return m if all(t.is_lower and t.pos_ in ("DET", "ADJ", "NOUN", "NUM") for t in between) else None


def _opening_participle(trigger: Token, sentence: Sentence) -> int | None:
    """Where the phrase of a past participle that opens the sentence ends (its comma), when
    the trigger is one: no auxiliary, no finite verb before the comma, only adverbs before it."""
    doc, span = sentence.span.doc, sentence.span
    if (
        "Part" not in trigger.morph.get("VerbForm", [])
        or "Past" not in trigger.morph.get("Tense", [])
        or any(c.dep_.startswith("aux") for c in trigger.children)
        or any(t.pos_ not in ("ADV", "PUNCT", "SPACE") or t.text == "," for t in doc[span.start : trigger.i])
    ):
        return None
    comma = next((t.i for t in doc[trigger.i + 1 : span.end] if t.text == ","), None)
    if comma is None or any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in doc[trigger.i : comma]
    ):
        return None
    return comma


def _after_participle(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """What a present participle acts on, read from the words when the parse does not give its
    object: the name or anaphor right after it, an article aside ("…, valorisant l'entreprise à
    9 milliards", "valuing the company at $9bn")."""
    if "Part" not in trigger.morph.get("VerbForm", []) and "Ger" not in trigger.morph.get("VerbForm", []):
        return None
    if "Past" in trigger.morph.get("Tense", []):
        return None
    doc = sentence.span.doc
    j = trigger.i + 1
    if j < sentence.span.end and doc[j].pos_ == "DET":
        j += 1
    m = next((m for m in sentence.mentions if m.start == j), None)
    return m if m is not None and _ok(m, spec) else None


def _agent_noun(trigger: Token) -> bool:
    """Whether a passive verb's "par"/"by" complement is a common noun ("par d'anciens salariés")."""
    return trigger.pos_ == "VERB" and any(
        c.dep_ in ("obl:agent", "agent") and c.pos_ == "NOUN" for c in trigger.children
    )


def _agent_name(c: Token, sentence: Sentence) -> Found | None:
    """The name of a "par" complement, or one set beside its noun ("par le designer Jo Ivo"),
    not one of its "de" complements ("par d'anciens chercheurs de Kiro" names no founder)."""
    m = sentence.at(c)
    if m is not None or c.pos_ not in ("NOUN", "ADJ"):
        return m or resolve(c, sentence)
    for g in c.children:
        if g.dep_ in ("appos", "flat:name", "nmod", "flat") and not any(
            fold(x.text) in GENITIVE for x in g.children
        ):
            m = sentence.at(g)
            if m is not None:
                return m
    doc = sentence.span.doc  # "par l'ancien dirigeant de Kiro Jo Ivo": the person that closes the phrase
    last = [
        m for m in sentence.mentions if m.type == "person" and c.i < m.start and m.end == c.right_edge.i + 1
    ]
    if last and fold(doc[last[0].start - 1].text) not in GENITIVE:
        return last[0]
    return None


def _possessor(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """Whose the noun is: its "de" complement ("l'investissement de Kiro"), an English
    possessive, or the one a possessive determiner stands for ("sa participation"). An English
    noun set before a name shares the name's possessive ("its subsidiary Kovalt": "its" hangs on
    Kovalt); so does the first word of a noun phrase of two ("Kovalt's chief executive": "chief"
    modifies "executive", which the possessive hangs on)."""
    near = list(trigger.children)
    if trigger.dep_ in ("compound", "amod") and trigger.lang_ == "en" and trigger.head.i > trigger.i:
        near += [c for c in trigger.head.children if c.dep_ == "poss" and c.i < trigger.i]
    for c in near:
        if _genitive(c, trigger) or c.dep_ in ("poss", "nmod:poss"):
            m = resolve(c, sentence)
            if m is not None:
                return m
        if c.dep_ == "det" and "Poss=Yes" in str(c.morph):
            return _possessive(c, sentence)
    return None


def _undescribed_owner(trigger: Token, sentence: Sentence) -> bool:
    """Whether the noun's "de" complement is a company description no mention resolves ("du
    géant américain des logiciels"): the owner is said, so no other name may stand in for it."""
    heads = sentence.words("description_heads")
    return trigger.pos_ == "NOUN" and any(
        _genitive(c, trigger)
        and fold(c.lemma_) in heads
        and sentence.at(c) is None
        and not any(
            sentence.at(t) for t in c.subtree if c.i < t.i <= c.i + 3
        )  # "du groupe (japonais) Vendal"
        and (c.i + 1 >= len(trigger.doc) or sentence.at(trigger.doc[c.i + 1]) is None)  # however parsed
        for c in trigger.children
    )


def _recipient(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """Who receives what a noun gives: the subject of "bénéficier de", "recevoir", "obtenir"
    governing it ("Belsa bénéficie d'un investissement de Kiro" → Belsa)."""
    verb = trigger.head
    for _ in range(2):
        if verb.pos_ == "VERB" and fold(verb.lemma_) in sentence.words("receiving_verbs"):
            m = resolve(subject_token(verb), sentence)
            return m if m is not None and _ok(m, spec) else None
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return None


def _led_by(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The agent of a participle describing the noun: "cet investissement, mené par Kiro"."""
    for c in trigger.children:
        if c.dep_ in ("acl", "acl:relcl", "relcl") and c.pos_ == "VERB":
            m = _agent(c, sentence, spec)
            if m is not None:
                return m
    return None


def _possessive_det(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """Only what a possessive determiner stands for ("son rachat de Belsa"), or an English
    genitive name when an "of" complement follows ("Orvane's $2bn takeover of Belsa"): for a noun
    whose "de"/"of" complement is the other party."""
    poss = possessive_det(trigger)
    if poss is not None:
        return _possessive(poss, sentence)
    if any(c.dep_ == "prep" and fold(c.text) == "of" and c.i > trigger.i for c in trigger.children):
        for c in trigger.children:
            if c.dep_ == "poss" and c.i < trigger.i and any(g.dep_ == "case" for g in c.children):
                return resolve(c, sentence)
    return None


def _ok(m: Found, spec: dict[str, Any]) -> bool:
    return m.type in spec.get("types", ()) and m.entity not in spec.get("_exclude", ())


def _left(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The nearest allowed entity before the trigger (a fallback by word order)."""
    before = [m for m in sentence.mentions if m.end <= trigger.i and _ok(m, spec)]
    return before[-1] if before else None


def _right(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The nearest allowed entity after the trigger, not one named as what the relation is not
    about ("une alternative à X") nor one in a clause of its own (", while X…"): a fallback by
    word order."""
    after = [
        m
        for m in sentence.mentions
        if m.start > trigger.i
        and _ok(m, spec)
        and not _contrasted(m, sentence)
        and not _new_clause(sentence.span.doc[trigger.i + 1 : m.start])
    ]
    return after[0] if after else None


def _new_clause(gap: Span) -> bool:
    """Whether the words between a trigger and a name open another clause: a semicolon, or a
    comma and a subordinating conjunction ("…, while Kovalt will supply…", "…, tandis que…")."""
    toks = list(gap)
    return any(
        t.text == ";" or (t.pos_ == "SCONJ" and k > 0 and toks[k - 1].text == ",") for k, t in enumerate(toks)
    )


def _salient(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The entity the text is about, when the trigger's clause names none before it."""
    if subject_token(trigger) is not None or any(m.end <= trigger.i for m in sentence.mentions):
        return None
    return sentence.salient


def _named(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The name a common noun introduces, adjectives aside: "sa puce Velo", "sa marque phare
    Orvio" (lexicon ``flagship_words``), "le modèle d'IA Orva" (a complement of the noun may
    stand between), "un assistant appelé Orva"; in English the name may come first, right
    before the noun ("Kovalt's Velo chips", "the Velox sedan")."""
    doc = sentence.span.doc
    end = min(sentence.span.end, trigger.i + 6)
    if sentence.lang == "en":
        before = next((m for m in sentence.mentions if m.end == trigger.i), None)
        if (
            before is not None
            and _ok(before, spec)
            and not (before.type == "company" and before.how != "ner")
        ):
            return before
    for m in sentence.mentions:
        if (
            m.start <= trigger.i
            or m.start >= end
            or not _ok(m, spec)
            or (m.type == "company" and m.how != "ner")
        ):
            continue  # a company known as such is no product's name
        words = [fold(x.text) for x in doc[trigger.i + 1 : m.start]]
        flagship = sentence.words("flagship_words")  # "sa marque phare Orvio": a noun used as an adjective
        tags = [
            "ADJ" if w in flagship else x.pos_
            for w, x in zip(words, doc[trigger.i + 1 : m.start], strict=True)
        ]
        plain = (
            all(tag == "ADJ" for tag in tags)
            or (  # "son médicament phare, Zelvora, est…"
                doc[m.start - 1].text == ","
                and m.start - 1 > trigger.i
                and all(tag == "ADJ" for tag in tags[:-1])
                and m.end < sentence.span.end
                and doc[m.end].text in {",", "(", ")", "."}
            )
        )
        classified = (  # "son modèle d'IA Orva": a complement that says what kind of product
            len(words) >= 2
            and words[0] in ("de", "d'", "d’")
            and all(x in ("NOUN", "ADJ", "PROPN", "ADV", "X") for x in tags[1:])
            and not any(i in sentence.by_token for i in range(trigger.i + 1, m.start))
        )
        called = bool(words) and fold(doc[m.start - 1].lemma_) in NAMING_VERBS
        if plain or classified or called:
            return m
    return None


def _maker(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """Who makes the product a noun introduces: its possessive ("sa puce Velo" → the one "sa"
    stands for), an English genitive ("Kovalt's custom Velo chips") or the "de" complement after
    the product's name ("la puce Velo de Kiro")."""
    poss = possessive_det(trigger)
    if poss is not None:
        m = _possessive(poss, sentence)
        return m if m is not None and _ok(m, spec) else None
    genitive = next((c for c in trigger.children if c.dep_ == "poss"), None)
    if sentence.lang == "en" and genitive is not None:  # "Kovalt's custom Velo chips"
        m = resolve(genitive, sentence)
        return m if m is not None and _ok(m, spec) else None
    product = _named(trigger, sentence, {"types": ("product", "other", "company", "person", "project")})
    if product is None:
        return None
    doc = sentence.span.doc
    after = doc[product.end : min(sentence.span.end, product.end + 2)]
    if after and fold(after[0].text) in ("de", "d'", "du", "of"):
        m = next((m for m in sentence.mentions if product.end < m.start <= product.end + 2), None)
        return m if m is not None and _ok(m, spec) else None
    return None


def _topic(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The company the text is about at this point (the last main-clause subject), for a role
    with no complement of its own: "de nouveaux investisseurs, parmi lesquels Orvane"; else the
    company the whole article is about. Not for a description ("X est un investisseur
    pressé"): an indefinite noun said of its subject names no relation."""
    if any(c.dep_ == "cop" for c in trigger.children) and any(
        c.dep_ == "det" and fold(c.text) in ("un", "une", "a", "an") for c in trigger.children
    ):
        return None
    for m in (sentence.salient, sentence.topic):
        if m is not None and _ok(m, spec):
            return m
    return None


def _obj(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The direct object, or the names set in apposition right after it ("ses modèles, MAI-1 et …")."""
    for c in trigger.children:
        if c.dep_ in OBJ:
            m = resolve(c, sentence) or _apposed(c, sentence) or _baptised(c, sentence)
            if m is not None:
                return m
    return None


def _baptised(tok: Token, sentence: Sentence) -> Found | None:
    """The name a noun is given: "une coentreprise, baptisée Belsa Motors", "a venture called X"."""
    for c in tok.children:
        if c.dep_ in ("acl", "amod", "acl:relcl", "relcl") and fold(c.lemma_) in NAMING_VERBS:
            named = [m for m in sentence.mentions if c.i < m.start <= c.right_edge.i]
            if named:
                return named[0]
    return None


def _apposed(tok: Token, sentence: Sentence) -> Found | None:
    end = tok.right_edge.i + 1
    doc = sentence.span.doc
    after = [
        m
        for m in sentence.mentions
        if end <= m.start <= end + 1 and all(x.text in {",", ":", "(", "-"} for x in doc[end : m.start])
    ]
    return after[0] if after and after[0].start > end else None


def _iobj(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The indirect object of the verb governing the trigger ("L'accord lui garantit une participation")."""
    v = trigger
    for _ in range(4):
        for c in v.children:
            if c.dep_ in ("iobj", "dative"):
                return resolve(c, sentence)
            if (
                v.i != trigger.i
                and c.dep_ in ("obl:arg", "obl")
                and any(fold(g.text) in ("a", "au", "aux") for g in c.children)
            ):
                m = sentence.at(c)  # "confère à Orvane une participation": "à" + a name
                if m is not None:
                    return m
        if v.dep_ not in CLIMB or v.head.i == v.i:
            return None
        v = v.head
    return None


def _relative(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """What a relative pronoun of the trigger's clause stands for: "Belsa, dont Orvane est le
    premier actionnaire" → Belsa; after one of the slot's ``preps`` too: "Belsa, in which Orvane
    has invested"."""
    subjects = [c for c in trigger.children if c.dep_ in SUBJ]
    preps = {fold(p) for p in (spec.get("preps") or {}).get(sentence.lang, [])}
    for c in [
        *trigger.children,
        *(g for x in subjects for g in x.children),
        *(trigger.head.children if trigger.dep_ in ("obj", "xcomp") else []),
        *(g for x in trigger.children if x.dep_ == "prep" and fold(x.text) in preps for g in x.children),
    ]:
        if fold(c.text) in sentence.words("relative_pronouns") and c.i < trigger.i:
            m = resolve(c, sentence)
            if m is not None and _ok(m, spec):
                return m
    return None


def _obj_of_head(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The direct object (see ``obj``) of the word the trigger hangs on: for a noun, of the verb
    it completes."""
    return _obj(trigger.head, sentence, spec) if trigger.head.i != trigger.i else None


def _head_noun(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The noun a participle describes ("la start-up valorisée…", "OpenAI, organisation fondée en 2015…")."""
    if _apposed_participle(trigger) and (trigger.dep_ == "fixed" or trigger.doc[trigger.i - 1].text == "("):
        # "Le Zelvane, développé par Norvik, …" read as a fixed phrase of the comma, "Vendal (allié
        # à Kovalt)": the name before the comma or the parenthesis, however the model hung it
        return next((m for m in sentence.mentions if m.end == trigger.i - 1), None)
    if (
        trigger.dep_ not in ("acl", "amod", "acl:relcl", "relcl", "dep")
        or trigger.head.i == trigger.i
        or trigger.pos_ == "NOUN"
    ):
        return None  # a noun is not a participle: "…, le fondateur d'Amazon" describes no noun before it
    if "Fin" in trigger.morph.get("VerbForm", []) and any(c.dep_ == "mark" for c in trigger.children):
        return None  # "sous condition que X rachète…": a clause of its own, not a description of "condition"
    head = trigger.head
    if trigger.dep_ == "dep":  # a participle the parser could not attach: the noun just before it
        prev = [m for m in sentence.mentions if m.end == trigger.i]
        return prev[-1] if prev else None
    for _ in range(3):
        m = sentence.at(head) or (sentence.at(head.head) if head.dep_ == "appos" else None)
        if m is None:  # "le groupe Belsa, dirigé par…": the name that follows the noun
            m = next((sentence.at(c) for c in head.children if c.i == head.i + 1 and sentence.at(c)), None)
        if m is not None:
            return m
        if head.dep_ not in ("nmod", "amod") or head.head.i == head.i:
            break
        head = head.head
    start = head.left_edge.i
    doc = sentence.span.doc
    before = [m for m in sentence.mentions if m.end <= start and all(x.is_punct for x in doc[m.end : start])]
    return before[-1] if before else None


def _apposed_participle(trigger: Token) -> bool:
    """A past participle set after a comma or an opening parenthesis with no auxiliary: it
    describes what comes before."""
    return (
        trigger.pos_ == "VERB"
        and "Part" in trigger.morph.get("VerbForm", [])
        and not any(c.dep_.startswith("aux") for c in trigger.children)
        and trigger.i > 0
        and trigger.doc[trigger.i - 1].text in (",", "(")
    )


def _left_np(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The nearest entity before the trigger that heads a phrase of the clause (not inside a complement)."""
    doc = sentence.span.doc
    before = [
        m
        for m in sentence.mentions
        if m.end <= trigger.i
        and _ok(m, spec)
        and (doc[m.start] if sentence.lang != "en" else _root(m, sentence)).dep_  # "Vendal Motors": its head
        in ("nsubj", "appos", "ROOT", "nsubj:pass")
    ]
    return before[-1] if before else None


def _prep(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The first entity after one of the slot's ``preps`` (its French contractions too: "du",
    "au", "aux"), at most two words between, within ``hops`` links below the trigger (or its
    verb) or eight words after it: "investit dans Belsa", "un accord avec Kiro"."""
    preps = [
        fold(p)
        for p in (spec.get("preps") or {}).get(sentence.lang, []) or (spec.get("preps") or {}).get("fr", [])
    ]
    if not preps:
        return None
    doc = sentence.span.doc
    pattern = _prep_pattern(tuple(preps))
    anchors = [trigger, trigger.head] if trigger.dep_ in OBJ + SUBJ + ("obl:arg",) else [trigger]
    near = {x.i for a in anchors for x in _within(a, int(spec.get("hops", 3)))}
    for m in sentence.mentions:
        if (
            m.start <= trigger.i
            or _contrasted(m, sentence)
            or (m.start not in near and m.start - trigger.i > 8)
        ):
            continue
        before = fold(doc[max(trigger.i + 1, m.start - 5) : m.start].text)
        if pattern.search(" " + before + " ") and _ok(m, spec):
            return m
    return None


@lru_cache(maxsize=256)
def _prep_pattern(preps: tuple[str, ...]) -> re.Pattern[str]:
    """The words before a mention that open it with one of ``preps`` (built once per slot)."""
    return re.compile(
        r"(?:^|\s)(?:" + "|".join(_contracted(p) for p in preps) + r")\s*"
        r"(?:(?:l'|la|le|les|des|du|ses|son|sa|leurs?|the|its)\s*)?(?:[a-z\u00e0-\u00ff-]+\s+){0,2}$"
    )


def _contracted(prep: str) -> str:
    """A preposition as a pattern that also matches its French contractions with the article:
    "auprès de" matches "auprès du néerlandais ASML", "à" matches "au", "aux"."""
    words = prep.split()
    last = {"de": "(?:de|du|des)", "a": "(?:a|au|aux)"}.get(words[-1]) if words else None
    if last is None:
        return re.escape(prep)
    return r"\s+".join([*(re.escape(w) for w in words[:-1]), last])


def _within(top: Token, hops: int) -> list[Token]:
    """Tokens at most ``hops`` links below ``top``, not entering relative, adverbial, juxtaposed
    or coordinated clauses (a verb joined by "et" or a comma tells its own statement)."""
    out, level = [], [top]
    for _ in range(hops):
        level = [
            c
            for x in level
            for c in x.children
            if c.dep_ not in ("acl:relcl", "relcl", "advcl", "parataxis", "ccomp")
            and not (c.dep_ == "conj" and c.pos_ == "VERB")
        ]
        out += level
    return out


def _list(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The first mention after a list marker ("comme", "tels que", "notamment") just after the
    trigger, or after the verb that lists what the trigger noun covers ("Ses investisseurs
    comprennent A, B et C", "Parmi les investisseurs figurent A et B")."""
    doc = sentence.span.doc
    verb = _listing_verb(trigger, sentence)
    if verb is not None:
        after = [m for m in sentence.mentions if verb.i < m.start <= verb.i + 14 and _ok(m, spec)]
        if after and not any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : after[0].start]):
            return after[0]
    end = min(sentence.span.end, trigger.i + 12)
    window = fold(doc[trigger.i + 1 : end].text)
    markers = [m for m in sentence.words("list_markers") if m in window]
    if not markers:
        return None
    for i in range(trigger.i + 1, end):
        for marker in markers:
            n = len(marker.split())
            if fold(doc[i : i + n].text).startswith(marker):
                after = [m for m in sentence.mentions if i < m.start <= i + n + 6 and _ok(m, spec)]
                if after and not any(
                    t.pos_ in ("VERB", "AUX") or t.text in CLAUSE_ENDS for t in doc[i + n : after[0].start]
                ):
                    return after[0]  # "comme le fonds souverain norvégien Belsa"
    return None


def _listing_verb(trigger: Token, sentence: Sentence) -> Token | None:
    """The verb whose subject the trigger noun is ("les investisseurs … comprennent"), or whose
    inverted subject follows the trigger under "parmi" ("Parmi les investisseurs figurent …")."""
    verbs = sentence.words("list_verbs")
    head = trigger.head
    if trigger.dep_ in SUBJ and fold(head.lemma_) in verbs:
        return head
    among = sentence.words("among_words")
    if (
        any(c.dep_ == "case" and fold(c.text) in among for c in trigger.children)
        and fold(head.lemma_) in verbs
    ):
        return head if head.i > trigger.i else None
    return None


def list_members(first: Found, sentence: Sentence) -> list[Found]:
    """The members of a list that opens with ``first``: the names that follow, separated by commas
    or "et"/"ainsi que", each perhaps introduced by a description ("le fonds suédois Belsa").
    A name that completes a description ("l'ancien patron de Kiro Anne Roux", "la société de
    Jo Ivo, Orvane") is not a member; the clause ends the list."""
    doc = sentence.span.doc
    ordered = sentence.mentions
    out = [first]
    if first not in ordered:
        return out
    joints = sentence.words("coordination") | {",", "ainsi", "que", "qu'"}
    markers = sentence.words("list_markers")
    prev_end, complement = first.end, False
    for nxt in ordered[ordered.index(first) + 1 :]:
        gap = _outside_brackets(doc[prev_end : nxt.start])  # "Belsa (en mai) et Kiro"
        if (
            gap is None
            or len(gap) > 10
            or any(
                t.text in CLAUSE_ENDS
                or t.pos_ in ("VERB", "AUX")
                or t.like_num  # "51 % par A et 49 % par B": each its own figure, not one list
                or fold(t.text) in {"qui", "dont", "lequel", "laquelle", "who", "which"}
                for t in gap
            )
        ):
            break
        words = {fold(t.text) for t in gap}
        if _another_list(gap, markers):
            break  # "its partners, such as A and B, and with investors such as C": another list
        if gap and fold(gap[-1].text) in {"de", "d'", "du", "des", "of", "chez", "at"}:
            prev_end, complement = nxt.end, True  # "le patron de Kiro": Kiro completes the description
            continue
        if not (words & joints or words & markers or (complement and not gap)):
            break
        out.append(nxt)
        prev_end, complement = nxt.end, False
    return out


def _another_list(gap: list[Token], markers: frozenset[str]) -> bool:
    """Whether a gap between two names opens a list of its own: a preposition, a noun and a list
    marker ("…, and with investors such as C", "…, et avec des fonds comme C"), not one list's
    members told in two groups ("des investisseurs existants comme A et entrants, tels que B")."""
    words = [fold(t.text) for t in gap]
    for k in range(2, len(gap)):
        if not any(words[k : k + len(m.split())] == m.split() for m in markers):
            continue
        j = k - 1
        while j > 0 and gap[j].pos_ == "ADJ":
            j -= 1
        if gap[j].pos_ == "NOUN" and any(t.pos_ == "ADP" for t in gap[max(0, j - 2) : j]):
            return True
    return False


CLAUSE_ENDS = frozenset({".", ";", ":", "(", ")", "!", "?"})


def _outside_brackets(gap: Span) -> list[Token] | None:
    """The tokens of a gap outside balanced parentheses; None when a parenthesis is left open."""
    depth, kept = 0, []
    for t in gap:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0:
            kept.append(t)
    return kept if depth == 0 else None


def _appos_person(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The person the trigger noun is set beside: by the parse ("le directeur général de Microsoft,
    Satya Nadella", "Satya Nadella, directeur…"), else the nearest person within four words."""
    linked = [c for c in trigger.children if c.dep_ == "appos"] + (
        [trigger.head] if trigger.dep_ == "appos" else []
    )
    for tok in linked:
        m = sentence.at(tok)
        if m is not None and m.type == "person":
            return m
    near = [
        m
        for m in sentence.mentions
        if m.type == "person" and (0 < trigger.i - m.end + 1 <= 4 or 0 < m.start - trigger.i <= 4)
    ]
    if near:
        return min(near, key=lambda m: min(abs(m.start - trigger.i), abs(m.end - 1 - trigger.i)))
    people = {**spec, "types": ("person",)}
    head = (
        trigger.head if trigger.dep_ == "conj" and trigger.head.pos_ == "NOUN" else trigger
    )  # "son cofondateur et PDG"
    m = _appos(head, sentence, people)
    if m is not None:
        return m
    end = _phrase_end(head)  # "le PDG de Belsa Jo Ivo": the name that closes the phrase
    closing = next((m for m in sentence.mentions if m.type == "person" and m.start == end), None)
    if closing is not None or head is not trigger:
        return closing
    joined = [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return (
        _appos_person(joined[0], sentence, spec) if joined else None
    )  # "le cofondateur et PDG de Belsa Jo Ivo"


def _person_owner(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The person a company noun belongs to: "la société de capital-risque de Jo Ivo", "Jo Ivo et
    son studio" (the nearest person before the possessive)."""
    for c in trigger.children:
        if _genitive(c, trigger):
            m = sentence.at(c)
            if m is not None and m.type == "person":
                return m
    poss = possessive_det(trigger)
    if poss is not None:
        before = [m for m in sentence.mentions if m.end <= poss.i and m.type == "person"]
        return before[-1] if before else None
    return None


def _appos(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The entity a role noun describes, of any type: set beside it by the parse or by commas
    ("Orvane, principal actionnaire de Belsa", "les investisseurs de Belsa, Orvane et Kiro"), its
    subject when the noun is the predicate ("Orvane est le premier actionnaire de Belsa"), or
    the predicate when the noun is the subject ("Belsa's largest shareholder is Orvane")."""
    for tok in [c for c in trigger.children if c.dep_ == "appos"] + (
        [trigger.head] if trigger.dep_ == "appos" else []
    ):
        m = sentence.at(tok)
        if m is not None and _ok(m, spec):
            return m
    doc = sentence.span.doc
    start, end = _phrase_start(trigger), _phrase_end(trigger)
    before = [
        m for m in sentence.mentions if m.end == start - 1 and doc[start - 1].text == "," and _ok(m, spec)
    ]
    if before:
        return before[-1]
    after = [
        m
        for m in sentence.mentions
        if m.start == end + 1 and end < sentence.span.end and doc[end].text in {",", ":"} and _ok(m, spec)
    ]
    if after:
        return after[0]
    opens = all(x.pos_ == "ADV" for x in doc[sentence.span.start : start])  # "Déjà actionnaire de…"
    if end + 1 < sentence.span.end and doc[end].text == "," and opens:
        pronoun = doc[end + 1]  # "Déjà actionnaire de Belsa, il…": the pronoun's referent
        if fold(pronoun.text) in sentence.words("subject_pronouns") and pronoun.dep_.startswith(
            ("nsubj", "expl")
        ):
            m = resolve(pronoun, sentence)
            if m is not None and _ok(m, spec):
                return m
    named = [  # "sa filiale Belsa", "les investisseurs historiques Orvane et Kiro"
        m
        for m in sentence.mentions
        if m.start > trigger.i and all(x.pos_ == "ADJ" for x in doc[trigger.i + 1 : m.start]) and _ok(m, spec)
    ]
    if named:
        return named[0]
    return _nsubj_cop(trigger, sentence, spec) or _copula_attribute(trigger, sentence, spec)


def _copula_attribute(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """What a role noun that is the subject of "to be" is said to be: "Belsa's largest
    shareholder is Orvane", "Belsa, whose main investor is Orvane", "le premier actionnaire de
    Belsa est Orvane" (French makes the attribute the head, the copula its child)."""
    if not trigger.dep_.startswith("nsubj") or trigger.head.i == trigger.i:
        return None
    head = trigger.head
    if any(c.dep_ == "cop" for c in head.children):
        attr: Token | None = head
    elif fold(head.lemma_) in ("be", "etre"):
        attr = next((c for c in head.children if c.dep_ == "attr" and c.i > trigger.i), None)
    else:
        return None
    m = sentence.at(attr) if attr is not None else None
    return m if m is not None and _ok(m, spec) else None


def _phrase_start(trigger: Token) -> int:
    """The first word of a noun phrase: its determiner and adjectives, not a comma or a
    conjunction the parse hangs on it ("…, mais également de nouveaux investisseurs")."""
    before = [
        c.left_edge.i
        for c in trigger.children
        if c.i < trigger.i and c.dep_ in ("det", "amod", "nummod", "flat")
    ]
    return min([trigger.i, *before])


def _phrase_end(trigger: Token) -> int:
    """The token after a noun phrase: its own words and complements, not a clause hanging on it,
    nor what the parse hangs on it past its closing comma ("Déjà propriétaire de 20 % de Kiro,
    Orvane vise…")."""
    end = trigger.i + 1
    comma = next((c.i for c in trigger.children if c.i > trigger.i and c.text == ","), None)
    for c in trigger.children:
        if (
            c.i > trigger.i
            and (comma is None or c.i < comma)
            and c.dep_ not in ("acl:relcl", "relcl", "acl", "appos", "punct", "conj", "cc")
        ):
            end = max(end, c.right_edge.i + 1)
    return end


def _between(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The first party of a relation noun followed by "entre"/"between" ("le partenariat entre
    Orvane et Belsa"): the group it opens holds the parties, paired by the rule."""
    doc = sentence.span.doc
    for i in range(trigger.i + 1, min(sentence.span.end, trigger.i + 4)):
        if fold(doc[i].text) in sentence.words("between_words"):
            first = [m for m in sentence.mentions if i < m.start <= i + 3 and _ok(m, spec)]
            return first[0] if first else None
    return None


def _merger(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The parties of the merger, split or alliance a company was born of, as a group: the
    organisations named after that noun up to the phrase's end ("X, née en 2017 du rapprochement
    entre les activités de A et celles de B", "issue de la fusion de A et B", "formed by the
    merger of A and B"); the noun (lexicon ``merger_nouns``) follows the trigger closely."""
    doc = sentence.span.doc
    nouns = sentence.words("merger_nouns")
    end = min(trigger.i + 7, sentence.span.end)
    noun = next(
        (t for t in doc[trigger.i + 1 : end] if fold(t.text) in nouns or fold(t.lemma_) in nouns), None
    )
    if noun is None:
        return None
    stop = noun.i + 1
    while stop < min(noun.i + 16, sentence.span.end) and doc[stop].text not in {",", ";", ")", ".", ":"}:
        stop += 1
    members = [m for m in sentence.mentions if noun.i < m.start and m.end <= stop and _ok(m, spec)]
    members = [m for k, m in enumerate(members) if m.entity not in {x.entity for x in members[:k]}]
    if len(members) < 2:
        return members[0] if members else None
    first = members[0]
    sentence.groups[first.start] = members
    return Found(first.entity, first.type, first.start, first.end, "pair", first.startup)


def _listed_after_between(m: Found, sentence: Sentence) -> bool:
    """Whether a mention belongs to the list that "entre"/"between" opens: only names, commas
    and "et"/"and" stand between them."""
    by_end = {x.end: x for x in sentence.mentions}
    doc, i = sentence.span.doc, m.start
    while i > sentence.span.start:
        if i in by_end:
            i = by_end[i].start
            continue
        prev = doc[i - 1]
        if prev.text != "," and fold(prev.text) not in ("et", "and"):
            break
        i -= 1
    first = next((x for x in sentence.mentions if x.start == i), None)
    return first is not None and opens_between(first, sentence)


def opens_between(m: Found, sentence: Sentence) -> bool:
    """Whether a mention comes right after "entre"/"between" (a determiner or adjective aside)."""
    doc = sentence.span.doc
    i = m.start - 1
    while i > sentence.span.start and doc[i].pos_ in ("DET", "ADJ", "NUM"):  # "entre les deux groupes"
        i -= 1
    return i >= sentence.span.start and fold(doc[i].text) in sentence.words("between_words")


def _alongside(group: list[Found], trigger: Token, sentence: Sentence) -> list[Found]:
    """Those named with the group after "aux côtés de", "ainsi que", "avec", right after the
    group or after the next name after the trigger: "mené par Orvane, aux côtés de Kiro" gives Kiro too,
    "cofondateur de Belsa avec Kiro" makes Kiro a cofounder."""
    doc = sentence.span.doc
    following = next((m.end for m in sentence.mentions if m.start > trigger.i and m not in group), -1)
    for end in (group[-1].end, following):
        if end < 0 or end >= sentence.span.end:
            continue
        window = fold(doc[end : min(sentence.span.end, end + 6)].text)
        marker = next((w for w in sentence.words("co_markers") if window.lstrip(", ").startswith(w)), None)
        after = [m for m in sentence.mentions if marker and end <= m.start <= end + len(marker.split()) + 4]
        if after:
            return expand(after[0], sentence)
    return []


def _round_owner(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """The company whose funding round the trigger is about: "le tour de table de Belsa", "sa
    levée", "Belsa a bouclé une levée … à laquelle ont participé …", "la levée, menée par …",
    "a round in Belsa", "Belsa's Series B", "the round … valued Belsa at…"; else the company the
    text is about (the round of the last sentence's subject)."""
    rounds = sentence.words("round_nouns")
    near = [trigger, trigger.head, *trigger.children, *(g for c in trigger.children for g in c.children)]
    if trigger.dep_ in ("acl:relcl", "relcl", "acl"):  # "une levée de 70 millions à laquelle a participé…"
        near[1:1] = [trigger.head, trigger.head.head]
    found = next(
        (
            x
            for x in near
            if fold(x.lemma_) in rounds
            or fold(x.text) in rounds
            or any(c.dep_ == "compound" and fold(c.text) in rounds for c in x.children)  # "a Series B"
        ),
        None,
    )
    if found is None:
        return None
    if found.dep_ == "compound":
        found = found.head  # "a Series B", "a funding round": the phrase's head
    for x in [found, *(c for c in found.children if c.dep_ == "nmod")]:
        for c in x.children:
            if c.dep_ == "nmod" and not any(fold(g.text) in AGENT_MARKERS for g in c.children):
                m = resolve(c, sentence)
                if m is not None and _ok(m, spec):
                    return m
            if c.dep_ == "prep" and fold(c.text) in ("in", "of", "for"):  # "a round in Belsa"
                m = next((resolve(g, sentence) for g in c.children if g.dep_ == "pobj"), None)
                if m is not None and _ok(m, spec):
                    return m
            if c.dep_ == "poss" and "Poss=Yes" not in str(c.morph):  # "Belsa's Series B"
                m = resolve(c, sentence)
                if m is not None and _ok(m, spec):
                    return m
        poss = possessive_det(x)
        if poss is not None:
            m = _possessive(poss, sentence)
            if m is not None and _ok(m, spec):
                return m
    for c in trigger.children:  # "a mené une levée de 30 millions dans la start-up Belsa"
        if c.dep_.startswith("obl") and any(
            g.dep_ == "case" and fold(g.text) in ("dans", "chez") for g in c.children
        ):
            m = resolve(c, sentence)
            if m is not None and _ok(m, spec):
                return m
    valuing = found.head if found.dep_ in SUBJ and fold(found.head.lemma_) == "value" else None
    if valuing is None:  # "Kiro led the round, which valued Belsa at…"
        valuing = next(
            (c for c in found.children if c.dep_ in ("relcl", "acl:relcl") and fold(c.lemma_) == "value"),
            None,
        )
    if valuing is not None:  # "The round, led by Kiro, valued Belsa at $5 billion"
        m = next((resolve(c, sentence) for c in valuing.children if c.dep_ in OBJ), None)
        if m is not None and _ok(m, spec):
            return m
    m = resolve(subject_token(found), sentence) if found.i != trigger.i or trigger.pos_ == "NOUN" else None
    if m is not None and _ok(m, spec):
        return m
    return sentence.salient if sentence.salient is not None and _ok(sentence.salient, spec) else None


def _brand(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """A cloud brand named right after the trigger ("l'exclusivité Azure")."""
    brands = {fold(b) for b in sentence.pack.lexicon.get("cloud_brands", [])}
    doc = sentence.span.doc
    return next(
        (
            m
            for m in sentence.mentions
            if 0 < m.start - trigger.i <= 3 and fold(doc[m.start : m.end].text) in brands
        ),
        None,
    )


def _compound(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """A name set right before a noun as its modifier, as English does ("Vendal Motors CEO Jo
    Ivo", "the Nvidia chief"): nothing between them."""
    if sentence.lang != "en":
        return None
    before = [m for m in sentence.mentions if m.end == trigger.i and _ok(m, spec)]
    return before[0] if before else None


def _owner(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """A product named after the trigger stands for the company that owns it."""
    for m in sentence.mentions:
        if m.start <= trigger.i or _contrasted(m, sentence):
            continue
        known = sentence.pack.entities.get(m.entity)
        if known and known.owner and known.owner in sentence.pack.entities:
            owner = sentence.pack.entities[known.owner]
            return Found(owner.name, owner.type, m.start, m.end, "owner", owner.startup)
    return None


def _part_owner(trigger: Token, sentence: Sentence, spec: dict[str, Any]) -> Found | None:
    """Whose part a deal noun is about, when its "de"/"of" complement has a possessive: "la
    vente (l'an dernier) de ses activités africaines à X" (the seller's), "the sale of its unit"."""
    for tok in trigger.subtree:
        if tok.i <= trigger.i or tok.pos_ in ("VERB", "AUX"):
            continue
        of = tok.head if tok.head.dep_ == "prep" else None  # English: noun → "of" → its object
        case = (
            fold(of.text)
            if of is not None
            else next((fold(c.text) for c in tok.children if c.dep_ == "case"), "")
        )
        if tok.pos_ != "NOUN" or case not in ("de", "d'", "d’", "of"):
            continue
        poss = possessive_det(tok)
        if poss is not None:
            m = _possessive(poss, sentence)
            return m if m is not None and _ok(m, spec) else None
    return None


def _contrasted(m: Found, sentence: Sentence) -> bool:
    """Named as what the relation is NOT about: "une alternative à X", "un concurrent de X"."""
    doc = sentence.span.doc
    before = fold(doc[max(sentence.span.start, m.start - 3) : m.start].text)
    return bool(CONTRASTED.search(before))


CONTRASTED = re.compile(
    r"(alternatives? (a|aux?)|concurrents? d[eu']?|rival(e|s)? d[eu']?|face (a|aux?)|contre|alternatives? to|rivals? (of|to)|against)\s*(l'|la|le|les)?$"
)


STRATEGIES: dict[str, Callable[[Token, Sentence, dict[str, Any]], Found | None]] = {
    "compound": _compound,
    "nsubj": _nsubj,
    "agent": _agent,
    "possessor": _possessor,
    "left": _left,
    "right": _right,
    "left_other": _left,  # the same search, named for an object slot
    "salient": _salient,
    "obj": _obj,
    "iobj": _iobj,
    "obj_of_head": _obj_of_head,
    "head_noun": _head_noun,
    "prep": _prep,
    "list": _list,
    "appos_person": _appos_person,
    "owner": _owner,
    "part_owner": _part_owner,
    "brand": _brand,
    "appos": _appos,
    "between": _between,
    "merger": _merger,
    "round_owner": _round_owner,
    "topic": _topic,
    "named": _named,
    "maker": _maker,
    "relative": _relative,
    "possessive": _possessive_det,
    "recipient": _recipient,
    "led_by": _led_by,
    "person_owner": _person_owner,
    "left_np": _left_np,
    "nsubj_cop": _nsubj_cop,
    "nsubj_pass": _nsubj_pass,
    "after_participle": _after_participle,
}


if set(STRATEGIES) != STRATEGY_NAMES:  # the pack's schema names the strategies a role may use
    raise RuntimeError(
        f"packs/schema.py STRATEGY_NAMES differs from STRATEGIES: {set(STRATEGIES) ^ STRATEGY_NAMES}"
    )


def _figure(tok: Token) -> bool:
    """A bare number or sum ("900 millions d'euros"): the value of a relation, not a party that
    is missing; "300 milliards de puissance de calcul" is a sum of something, not bare."""
    if not (tok.pos_ == "NUM" or any(c.dep_ == "nummod" for c in tok.children)):
        return False
    if fold(tok.text) in ("%", "pourcent", "percent", "cent"):
        return False  # "détient 35 %" of something the sentence must name
    if (
        tok.lang_ == "en"
        and tok.pos_ == "NOUN"
        and currency_code(tok.text) is None
        and tok.ent_type_ != "MONEY"
    ):
        return False  # "to buy 100 jets": things counted, not a sum
    return not any(
        c.dep_ in ("nmod", "prep") and currency_code(c.text) is None and c.pos_ != "NUM" for c in tok.children
    )


@trace.role
def find(
    trigger: Token, sentence: Sentence, spec: dict[str, Any], exclude: set[str] | None = None
) -> list[Found]:
    """The argument of a rule's slot: the first strategy giving a mention of an allowed type."""
    types = spec.get("types", ())
    spec = {**spec, "_exclude": exclude or set()}
    order = list(
        (trigger.pos_ == "NOUN" and spec.get("noun_find")) or spec.get("find") or ()
    )  # a noun may read its own
    if "possessor" in order and possessive_det(trigger) is not None:
        order.insert(0, order.pop(order.index("possessor")))
    if (
        order[:1] == ["head_noun"]
        and "Inf" not in trigger.morph.get("VerbForm", [])  # "son projet de racheter X" has an object
        and (
            trigger.dep_ in ("acl", "amod")
            or (trigger.dep_ == "dep" and "Part" in trigger.morph.get("VerbForm", []))
        )
        and _opening_participle(trigger, sentence) is None  # "Rachetée par X, la société Y…"
    ):
        order = ["head_noun"]  # a participle describes the noun it modifies, and nothing else
    if "possessor" in order and _undescribed_owner(trigger, sentence):
        return []  # "l'investissement du géant américain": the owner is named, but not resolved
    for name in order:
        m = STRATEGIES[name](trigger, sentence, spec)
        trace.tried(name, m)
        if m is not None and attributed(m, sentence):
            continue  # a source is not a party
        if m is None and name == "obj" and any(c.dep_ in OBJ and not _figure(c) for c in trigger.children):
            return []  # the verb's object is not an entity: the relation is not between entities
        if m is None and name == "agent" and _agent_noun(trigger):
            return []  # "fondée par d'anciens salariés de X": the agent is somebody unnamed, not X
        if m is not None and _contrasted(m, sentence):
            if name in AUTHORITATIVE:
                return []  # the parse's argument is named as what the relation is not about
            continue
        if m is None or (exclude and m.entity in exclude):
            continue
        if m.type not in types:
            if name in AUTHORITATIVE:
                return []  # the parse names an argument of the wrong kind: no guessing around it
            continue
        single = "Sing" in trigger.morph.get("Number", []) and (
            (name in ("appos", "appos_person") and trigger.pos_ == "NOUN")
            or (name == "head_noun" and "Part" in trigger.morph.get("VerbForm", []))
        )  # "Brisa et Vendal (allié à Kovalt)": a singular participle tells of one name
        members = list_members(m, sentence) if name == "list" else expand(m, sentence)
        if (
            name == "agent" and len(members) == 1 and m.type == "person"
        ):  # "par A, ancien chercheur chez X, B et C"
            members = [m] + [
                x
                for x in list_members(m, sentence)[1:]
                if x.type == "person" and _root(x, sentence).dep_ not in SUBJ  # not the next clause's subject
            ]
        group = (
            [x for x in members if x.type in types and (x is m or not _source_member(x, sentence))]
            if m.how != "owner" and not single
            else [m]
        )
        if spec.get("co"):
            group += [x for x in _alongside(group, trigger, sentence) if x.type in types and x not in group]
        return [x for x in group if not exclude or x.entity not in exclude]
    return []
