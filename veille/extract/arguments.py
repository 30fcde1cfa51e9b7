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
from typing import Any

from spacy.tokens import Span, Token

from veille.extract.mentions import Found
from veille.extract.syntax import CLIMB, OBJ, SUBJ, subject_token
from veille.packs import Pack, fold

GAP_POS = {"PUNCT", "CCONJ", "DET", "ADP", "ADJ"}
AUTHORITATIVE = {"nsubj", "agent", "obj", "iobj"}


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

    def at(self, tok: Token | None) -> Found | None:
        return None if tok is None else self.by_token.get(tok.i)

    def words(self, key: str) -> frozenset[str]:
        return self.pack.folded(None, key, self.lang)

    def words_in(self, group: str, key: str) -> frozenset[str]:
        """Cue words of a lexicon group (``modality``, ``attribution``…) for this language."""
        return self.pack.folded(group, key, self.lang)


def resolve(tok: Token | None, s: Sentence) -> Found | None:
    """The mention a token stands for: itself, a relative pronoun's antecedent, a pronoun's referent."""
    if tok is None:
        return None
    m = s.at(tok)
    if m is not None:
        return m
    low = fold(tok.text)
    if low in s.words("relative_pronouns"):
        return _antecedent(tok, s)
    if low in s.words("subject_pronouns") or low in s.words("possessives"):
        return _possessive(tok, s) if low in s.words("possessives") else s.salient
    return _in_subtree(tok, s)


def _antecedent(tok: Token, s: Sentence) -> Found | None:
    """The noun a relative pronoun stands for: the entity just before it ("Microsoft, qui…"),
    else the head of its relative clause."""
    doc = s.span.doc
    just_before = [m for m in s.mentions if m.end <= tok.i and all(x.is_punct for x in doc[m.end : tok.i])]
    if just_before:
        return just_before[-1]
    node = tok.head
    for _ in range(4):
        if node.dep_ in ("acl:relcl", "relcl"):
            ante = node.head
            m = s.at(ante)
            if m is None and ante.dep_ == "appos":
                m = s.at(ante.head)
            return m or _in_subtree(ante, s)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _in_subtree(tok: Token, s: Sentence, depth: int = 3) -> Found | None:
    """The first mention inside a noun phrase, at most ``depth`` links down (not into clauses)."""
    level = [tok]
    for _ in range(depth + 1):
        nxt = []
        for cur in level:
            m = s.at(cur)
            if m is not None:
                return m
            nxt += [
                c
                for c in cur.children
                if c.dep_ not in ("acl:relcl", "relcl", "ccomp", "advcl", "acl", "parataxis", "conj")
            ]
        level = nxt
    return None


def _possessive(tok: Token, s: Sentence) -> Found | None:
    """ "son/sa/ses": the nearest company named before in the sentence (unless a pronoun stands
    between them: "l'intégration d'OpenAI lui a permis de … ses concurrents" → what "lui" is),
    else the salient one."""
    before = [m for m in s.mentions if m.end <= tok.i and m.type in ("company", "fund", "other")]
    if fold(tok.text) in ("leur", "leurs", "their"):
        pair = _their(tok, before, s)
        if pair is not None:
            return pair
    if not before:
        return s.salient
    between = s.span.doc[before[-1].end : tok.i]
    if any(fold(x.text) in s.words("subject_pronouns") and x.pos_ == "PRON" for x in between):
        return s.salient
    return before[-1]


def _their(tok: Token, before: list[Found], s: Sentence) -> Found | None:
    """ "leur alliance", "leur concurrent": the two organisations of the clause's coordinated
    subject, else the last two named in the sentence, as a group (see ``expand``)."""
    subject = resolve(subject_token(tok.head), s) if tok.head.i != tok.i else None
    group = [m for m in expand(subject, s) if m.type in ("company", "fund")] if subject else []
    if len(group) < 2:
        distinct: list[Found] = []
        for m in reversed(before):
            if m.entity not in {x.entity for x in distinct}:
                distinct.insert(0, m)
        group = distinct[-2:]
    if len(group) != 2:
        return None
    s.groups[tok.i] = group
    return Found(group[0].entity, group[0].type, tok.i, tok.i + 1, "pair", group[0].startup)


def expand(m: Found, s: Sentence) -> list[Found]:
    """A mention and those coordinated with it ("Oracle, SoftBank et MGX"); "les deux groupes",
    the two it stands for."""
    if m.how == "pair" and m.start in s.groups:
        return list(s.groups[m.start])
    doc = s.span.doc
    out = [m]
    ordered = s.mentions
    i = ordered.index(m) if m in ordered else -1
    if i < 0:
        return out
    for j in range(i + 1, len(ordered)):
        if not _coordinated(doc[ordered[j - 1].end : ordered[j].start], s) or not _linked(
            ordered[j - 1], ordered[j], s
        ):
            break
        out.append(ordered[j])
    for j in range(i - 1, -1, -1):
        if not _coordinated(doc[ordered[j].end : ordered[j + 1].start], s) or not _linked(
            ordered[j], ordered[j + 1], s
        ):
            break
        out.insert(0, ordered[j])
    return out


def _root(m: Found, s: Sentence) -> Token:
    return s.span.doc[m.start : m.end].root


SOURCE_LIST_WORDS = frozenset({"dont", "notamment", "comme", "et", "ou", "including", "like", "and", "or"})


def attributed(m: Found, s: Sentence) -> bool:
    """ "Selon Reuters, Apple…", "Selon des sources, dont Reuters et Les Échos, …": a source
    named in an attribution phrase (no verb between its marker and the name) is no argument."""
    doc = s.span.doc
    start = max(s.span.start, m.start - 9)
    markers = s.words_in("attribution", "markers")
    for i in range(m.start - 1, start - 1, -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.text in {",", ";", ":"} and fold(doc[i + 1].text) not in SOURCE_LIST_WORDS:
            return False  # "Selon Reuters, Apple…": the phrase ended at the comma
        before = fold(doc[max(s.span.start, i - 2) : i + 1].text)
        if any(before.endswith(marker) for marker in markers):
            nxt = doc[i + 1]  # "selon lesquelles Belsa…", "selon elle": no source named
            return not (nxt.pos_ == "PRON" or fold(nxt.text).startswith(("lequel", "laquel", "lesquel")))
    return False


def _linked(a: Found, b: Found, s: Sentence) -> bool:
    """Two neighbouring mentions are not coordinated when the second opens a new clause as its
    subject ("… à OpenAI, Microsoft et son partenaire ont choisi …")."""
    if attributed(a, s) or attributed(b, s):
        return False
    rb = _root(b, s)
    if rb.dep_ in SUBJ and _root(a, s).head.i != rb.head.i:
        return False
    doc = s.span.doc
    noun = False
    for tok in doc[b.end : min(s.span.end, b.end + 6)]:
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


def _coordinated(gap: Span, s: Sentence) -> bool:
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
    if any(w in {"comme", "dont", "notamment", "avec", "contre", "including"} for w in words):
        return False
    return all(t.pos_ in GAP_POS or t.ent_type_ in ("LOC", "GPE") or t.text in "()" for t in kept)


# strategies -----------------------------------------------------------------


def _nsubj(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The subject of the trigger's clause; "Nos offres…", "Sa valorisation…": the possessor."""
    subj = subject_token(t)
    m = resolve(subj, s)
    if m is None and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
        poss = next(
            (c for c in subj.children if c.dep_ in ("det", "poss") and "Poss=Yes" in str(c.morph)), None
        )
        if poss is not None:
            return _possessive(poss, s)
    return m


def _nsubj_cop(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The subject of a nominal predicate ("X est le patron de…", "X, devenu patron de…"), not of
    another verb the noun is the object of ("X a rencontré les dirigeants de Y" says nothing of X)."""
    own = next((c for c in t.children if c.dep_ in SUBJ), None)
    if own is not None:
        return resolve(own, s)
    if t.dep_ in ("xcomp", "attr", "oprd") and t.head.i != t.i:  # "nommé PDG", "is the largest shareholder"
        return resolve(subject_token(t.head), s)
    return None


def _nsubj_pass(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The patient of a passive verb ("Anthropic a été fondée par…"): the object of the relation."""
    patient = next((c for c in t.children if c.dep_ in ("nsubj:pass", "nsubjpass")), None)
    return resolve(patient, s) if patient is not None else None


def _agent(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The "par"/"by" complement of a passive verb or of a deal noun ("le rachat de Belsa par
    Orvane", where the parse may hang "par Orvane" on Belsa)."""
    near = list(t.children)
    hosts = ("nmod",) if t.pos_ == "NOUN" else ("obl", "obl:arg", "obl:mod")  # "détenue à 51 % par A"
    near += [g for c in t.children if c.dep_ in hosts and c.i > t.i for g in c.children if g.dep_ == "nmod"]
    for c in near:
        if (
            c.dep_ in ("obl:agent", "agent")
            or (c.dep_ == "prep" and fold(c.text) == "by")
            or any(fold(g.text) in ("par", "by") and g.dep_ == "case" for g in c.children)
        ):
            return _agent_name(c, s) or next((resolve(g, s) for g in c.children if g.dep_ == "pobj"), None)
    return None


def _agent_name(c: Token, s: Sentence) -> Found | None:
    """The name of a "par" complement, or one set beside its noun ("par le designer Jo Ivo"),
    not one of its "de" complements ("par d'anciens chercheurs de Kiro" names no founder)."""
    m = s.at(c)
    if m is not None or c.pos_ not in ("NOUN", "ADJ"):
        return m or resolve(c, s)
    for g in c.children:
        if g.dep_ in ("appos", "flat:name", "nmod", "flat") and not any(
            fold(x.text) in GENITIVE for x in g.children
        ):
            m = s.at(g)
            if m is not None:
                return m
    doc = s.span.doc  # "par l'ancien dirigeant de Kiro Jo Ivo": the person that closes the phrase
    last = [m for m in s.mentions if m.type == "person" and c.i < m.start and m.end == c.right_edge.i + 1]
    if last and fold(doc[last[0].start - 1].text) not in GENITIVE:
        return last[0]
    return None


GENITIVE = frozenset({"de", "d'", "d’", "du", "des", "of"})


def _possessor(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """Whose the noun is: its "de" complement ("l'investissement de Kiro"), an English
    possessive, or the one a possessive determiner stands for ("sa participation")."""
    for c in t.children:
        genitive = c.dep_ == "nmod" and c.i > t.i and any(fold(g.text) in GENITIVE for g in c.children)
        if genitive or c.dep_ in ("poss", "nmod:poss"):
            m = resolve(c, s)
            if m is not None:
                return m
        if c.dep_ == "det" and "Poss=Yes" in str(c.morph):
            return _possessive(c, s)
    return None


def _undescribed_owner(t: Token, s: Sentence) -> bool:
    """Whether the noun's "de" complement is a company description no mention resolves ("du
    géant américain des logiciels"): the owner is said, so no other name may stand in for it."""
    heads = s.words("description_heads")
    return t.pos_ == "NOUN" and any(
        c.dep_ == "nmod"
        and c.i > t.i
        and fold(c.lemma_) in heads
        and any(fold(g.text) in GENITIVE for g in c.children)
        and s.at(c) is None
        for c in t.children
    )


def _recipient(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """Who receives what a noun gives: the subject of "bénéficier de", "recevoir", "obtenir"
    governing it ("Belsa bénéficie d'un investissement de Kiro" → Belsa)."""
    verb = t.head
    for _ in range(2):
        if verb.pos_ == "VERB" and fold(verb.lemma_) in s.words("receiving_verbs"):
            m = resolve(subject_token(verb), s)
            return m if m is not None and _ok(m, spec) else None
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return None


def _led_by(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The agent of a participle describing the noun: "cet investissement, mené par Kiro"."""
    for c in t.children:
        if c.dep_ in ("acl", "acl:relcl", "relcl") and c.pos_ == "VERB":
            m = _agent(c, s, spec)
            if m is not None:
                return m
    return None


def _possessive_det(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """Only what a possessive determiner stands for ("son rachat de Belsa"): for a noun whose
    "de" complement is the other party."""
    poss = next((c for c in t.children if c.dep_ in ("det", "poss") and "Poss=Yes" in str(c.morph)), None)
    return _possessive(poss, s) if poss is not None else None


def _ok(m: Found, spec: dict[str, Any]) -> bool:
    return m.type in spec.get("types", ()) and m.entity not in spec.get("_exclude", ())


def _left(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The nearest allowed entity before the trigger (a fallback by word order)."""
    before = [m for m in s.mentions if m.end <= t.i and _ok(m, spec)]
    return before[-1] if before else None


def _right(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    after = [m for m in s.mentions if m.start > t.i and _ok(m, spec) and not _contrasted(m, s)]
    return after[0] if after else None


def _salient(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The entity the text is about, when the trigger's clause names none before it."""
    if subject_token(t) is not None or any(m.end <= t.i for m in s.mentions):
        return None
    return s.salient


def _named(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The name a common noun introduces, adjectives aside: "sa puce Velo", "le modèle d'IA
    Orva" (a complement of the noun may stand between), "un assistant appelé Orva"."""
    doc = s.span.doc
    end = min(s.span.end, t.i + 6)
    for m in s.mentions:
        if m.start <= t.i or m.start >= end or not _ok(m, spec) or (m.type == "company" and m.how != "ner"):
            continue  # a company known as such is no product's name
        words = [fold(x.text) for x in doc[t.i + 1 : m.start]]
        tags = [x.pos_ for x in doc[t.i + 1 : m.start]]
        plain = all(tag == "ADJ" for tag in tags)
        classified = (  # "son modèle d'IA Orva": a complement that says what kind of product
            len(words) >= 2
            and words[0] in ("de", "d'", "d’")
            and all(x in ("NOUN", "ADJ", "PROPN", "ADV", "X") for x in tags[1:])
            and not any(i in s.by_token for i in range(t.i + 1, m.start))
        )
        called = bool(words) and fold(doc[m.start - 1].lemma_) in (
            "appeler",
            "baptiser",
            "nommer",
            "call",
            "dub",
        )
        if plain or classified or called:
            return m
    return None


def _maker(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """Who makes the product a noun introduces: its possessive ("sa puce Velo" → the one "sa"
    stands for) or the "de" complement after the product's name ("la puce Velo de Kiro")."""
    poss = next((c for c in t.children if c.dep_ in ("det", "poss") and "Poss=Yes" in str(c.morph)), None)
    if poss is not None:
        m = _possessive(poss, s)
        return m if m is not None and _ok(m, spec) else None
    product = _named(t, s, {"types": ("product", "other", "company", "person", "project")})
    if product is None:
        return None
    doc = s.span.doc
    after = doc[product.end : min(s.span.end, product.end + 2)]
    if after and fold(after[0].text) in ("de", "d'", "du", "of"):
        m = next((m for m in s.mentions if product.end < m.start <= product.end + 2), None)
        return m if m is not None and _ok(m, spec) else None
    return None


def _topic(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The company the text is about at this point (the last main-clause subject), for a role
    with no complement of its own: "de nouveaux investisseurs, parmi lesquels Orvane"."""
    return s.salient if s.salient is not None and _ok(s.salient, spec) else None


def _obj(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The direct object, or the names set in apposition right after it ("ses modèles, MAI-1 et …")."""
    for c in t.children:
        if c.dep_ in OBJ:
            m = resolve(c, s) or _apposed(c, s) or _baptised(c, s)
            if m is not None:
                return m
    return None


NAMING_VERBS = frozenset({"baptiser", "appeler", "nommer", "denommer", "call", "name", "dub"})


def _baptised(tok: Token, s: Sentence) -> Found | None:
    """The name a noun is given: "une coentreprise, baptisée Belsa Motors", "a venture called X"."""
    for c in tok.children:
        if c.dep_ in ("acl", "amod", "acl:relcl", "relcl") and fold(c.lemma_) in NAMING_VERBS:
            named = [m for m in s.mentions if c.i < m.start <= c.right_edge.i]
            if named:
                return named[0]
    return None


def _apposed(tok: Token, s: Sentence) -> Found | None:
    end = tok.right_edge.i + 1
    doc = s.span.doc
    after = [
        m
        for m in s.mentions
        if end <= m.start <= end + 1 and all(x.text in {",", ":", "(", "-"} for x in doc[end : m.start])
    ]
    return after[0] if after and after[0].start > end else None


def _iobj(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The indirect object of the verb governing the trigger ("L'accord lui garantit une participation")."""
    v = t
    for _ in range(4):
        for c in v.children:
            if c.dep_ in ("iobj", "dative"):
                return resolve(c, s)
            if (
                v.i != t.i
                and c.dep_ in ("obl:arg", "obl")
                and any(fold(g.text) in ("a", "au", "aux") for g in c.children)
            ):
                m = s.at(c)  # "confère à Orvane une participation": "à" + a name
                if m is not None:
                    return m
        if v.dep_ not in CLIMB or v.head.i == v.i:
            return None
        v = v.head
    return None


def _relative(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """What a relative pronoun of the trigger's clause stands for: "Belsa, dont Orvane est le
    premier actionnaire" → Belsa."""
    subjects = [c for c in t.children if c.dep_ in SUBJ]
    for c in [
        *t.children,
        *(g for x in subjects for g in x.children),
        *(t.head.children if t.dep_ in ("obj", "xcomp") else []),
    ]:
        if fold(c.text) in s.words("relative_pronouns") and c.i < t.i:
            m = resolve(c, s)
            if m is not None and _ok(m, spec):
                return m
    return None


def _obj_of_head(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    return _obj(t.head, s, spec) if t.head.i != t.i else None


def _head_noun(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The noun a participle describes ("la start-up valorisée…", "OpenAI, organisation fondée en 2015…")."""
    if t.dep_ not in ("acl", "amod", "acl:relcl", "relcl", "dep") or t.head.i == t.i or t.pos_ == "NOUN":
        return None  # a noun is not a participle: "…, le fondateur d'Amazon" describes no noun before it
    head = t.head
    if t.dep_ == "dep":  # a participle the parser could not attach: the noun just before it
        prev = [m for m in s.mentions if m.end == t.i]
        return prev[-1] if prev else None
    for _ in range(3):
        m = s.at(head) or (s.at(head.head) if head.dep_ == "appos" else None)
        if m is None:  # "le groupe Belsa, dirigé par…": the name that follows the noun
            m = next((s.at(c) for c in head.children if c.i == head.i + 1 and s.at(c)), None)
        if m is not None:
            return m
        if head.dep_ not in ("nmod", "amod") or head.head.i == head.i:
            break
        head = head.head
    start = head.left_edge.i
    doc = s.span.doc
    before = [m for m in s.mentions if m.end <= start and all(x.is_punct for x in doc[m.end : start])]
    return before[-1] if before else None


def _left_np(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The nearest entity before the trigger that heads a phrase of the clause (not inside a complement)."""
    doc = s.span.doc
    before = [
        m
        for m in s.mentions
        if m.end <= t.i and _ok(m, spec) and doc[m.start].dep_ in ("nsubj", "appos", "ROOT", "nsubj:pass")
    ]
    return before[-1] if before else None


def _prep(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    preps = [
        fold(p) for p in (spec.get("preps") or {}).get(s.lang, []) or (spec.get("preps") or {}).get("fr", [])
    ]
    if not preps:
        return None
    doc = s.span.doc
    pattern = re.compile(
        r"(?:^|\s)(?:" + "|".join(_contracted(p) for p in preps) + r")\s*"
        r"(?:(?:l'|la|le|les|des|du|ses|son|sa|leurs?|the|its)\s*)?(?:[a-z\u00e0-\u00ff-]+\s+){0,2}$"
    )
    anchors = [t, t.head] if t.dep_ in OBJ + SUBJ + ("obl:arg",) else [t]
    near = {x.i for a in anchors for x in _within(a, int(spec.get("hops", 3)))}
    for m in s.mentions:
        if m.start <= t.i or _contrasted(m, s) or (m.start not in near and m.start - t.i > 8):
            continue
        before = fold(doc[max(t.i + 1, m.start - 5) : m.start].text)
        if pattern.search(" " + before + " ") and _ok(m, spec):
            return m
    return None


def _contracted(prep: str) -> str:
    """A preposition as a pattern that also matches its French contractions with the article:
    "auprès de" matches "auprès du néerlandais ASML", "à" matches "au", "aux"."""
    words = prep.split()
    last = {"de": "(?:de|du|des)", "a": "(?:a|au|aux)"}.get(words[-1]) if words else None
    if last is None:
        return re.escape(prep)
    return r"\s+".join([*(re.escape(w) for w in words[:-1]), last])


def _within(t: Token, hops: int) -> list[Token]:
    """Tokens at most ``hops`` links below ``t``, not entering relative, adverbial or juxtaposed clauses."""
    out, level = [], [t]
    for _ in range(hops):
        level = [
            c
            for x in level
            for c in x.children
            if c.dep_ not in ("acl:relcl", "relcl", "advcl", "parataxis", "ccomp")
        ]
        out += level
    return out


def _list(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The first mention after a list marker ("comme", "tels que", "notamment") just after the trigger."""
    doc = s.span.doc
    end = min(s.span.end, t.i + 12)
    window = fold(doc[t.i + 1 : end].text)
    markers = [m for m in s.words("list_markers") if m in window]
    if not markers:
        return None
    for i in range(t.i + 1, end):
        for marker in markers:
            n = len(marker.split())
            if fold(doc[i : i + n].text).startswith(marker):
                after = [m for m in s.mentions if i < m.start <= i + n + 4 and _ok(m, spec)]
                if after:
                    return after[0]
    return None


def _appos_person(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The person the trigger noun is set beside: by the parse ("le directeur général de Microsoft,
    Satya Nadella", "Satya Nadella, directeur…"), else the nearest person within four words."""
    linked = [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else [])
    for tok in linked:
        m = s.at(tok)
        if m is not None and m.type == "person":
            return m
    near = [
        m for m in s.mentions if m.type == "person" and (0 < t.i - m.end + 1 <= 4 or 0 < m.start - t.i <= 4)
    ]
    if near:
        return min(near, key=lambda m: min(abs(m.start - t.i), abs(m.end - 1 - t.i)))
    people = {**spec, "types": ("person",)}
    head = t.head if t.dep_ == "conj" and t.head.pos_ == "NOUN" else t  # "son cofondateur et PDG"
    m = _appos(head, s, people)
    if m is not None:
        return m
    end = _phrase_end(head)  # "le PDG de Belsa Jo Ivo": the name that closes the phrase
    return next((m for m in s.mentions if m.type == "person" and m.start == end), None)


def _person_owner(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The person a company noun belongs to: "la société de capital-risque de Jo Ivo", "Jo Ivo et
    son studio" (the nearest person before the possessive)."""
    for c in t.children:
        if c.dep_ == "nmod" and c.i > t.i and any(fold(g.text) in GENITIVE for g in c.children):
            m = s.at(c)
            if m is not None and m.type == "person":
                return m
    poss = next((c for c in t.children if c.dep_ in ("det", "poss") and "Poss=Yes" in str(c.morph)), None)
    if poss is not None:
        before = [m for m in s.mentions if m.end <= poss.i and m.type == "person"]
        return before[-1] if before else None
    return None


def _appos(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The entity a role noun describes, of any type: set beside it by the parse or by commas
    ("Orvane, principal actionnaire de Belsa", "les investisseurs de Belsa, Orvane et Kiro"), or
    its subject when the noun is the predicate ("Orvane est le premier actionnaire de Belsa")."""
    for tok in [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else []):
        m = s.at(tok)
        if m is not None and _ok(m, spec):
            return m
    doc = s.span.doc
    start, end = _phrase_start(t), _phrase_end(t)
    before = [m for m in s.mentions if m.end == start - 1 and doc[start - 1].text == "," and _ok(m, spec)]
    if before:
        return before[-1]
    after = [
        m
        for m in s.mentions
        if m.start == end + 1 and end < s.span.end and doc[end].text in {",", ":"} and _ok(m, spec)
    ]
    if after:
        return after[0]
    named = [  # "sa filiale Belsa", "les investisseurs historiques Orvane et Kiro"
        m
        for m in s.mentions
        if m.start > t.i and all(x.pos_ == "ADJ" for x in doc[t.i + 1 : m.start]) and _ok(m, spec)
    ]
    return named[0] if named else _nsubj_cop(t, s, spec)


def _phrase_start(t: Token) -> int:
    """The first word of a noun phrase: its determiner and adjectives, not a comma or a
    conjunction the parse hangs on it ("…, mais également de nouveaux investisseurs")."""
    before = [c.left_edge.i for c in t.children if c.i < t.i and c.dep_ in ("det", "amod", "nummod", "flat")]
    return min([t.i, *before])


def _phrase_end(t: Token) -> int:
    """The token after a noun phrase: its own words and complements, not a clause hanging on it."""
    end = t.i + 1
    for c in t.children:
        if c.i > t.i and c.dep_ not in ("acl:relcl", "relcl", "acl", "appos", "punct", "conj", "cc"):
            end = max(end, c.right_edge.i + 1)
    return end


def _between(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The first party of a relation noun followed by "entre"/"between" ("le partenariat entre
    Orvane et Belsa"): the group it opens holds the parties, paired by the rule."""
    doc = s.span.doc
    for i in range(t.i + 1, min(s.span.end, t.i + 4)):
        if fold(doc[i].text) in s.words("between_words"):
            first = [m for m in s.mentions if i < m.start <= i + 3 and _ok(m, spec)]
            return first[0] if first else None
    return None


def opens_between(m: Found, s: Sentence) -> bool:
    """Whether a mention comes right after "entre"/"between" (a determiner or adjective aside)."""
    doc = s.span.doc
    i = m.start - 1
    while i > s.span.start and doc[i].pos_ in ("DET", "ADJ"):
        i -= 1
    return i >= s.span.start and fold(doc[i].text) in s.words("between_words")


def _alongside(group: list[Found], t: Token, s: Sentence) -> list[Found]:
    """Those named with the group after "aux côtés de", "ainsi que", "avec", right after the
    group or after the next name after the trigger: "mené par Orvane, aux côtés de Kiro" gives Kiro too,
    "cofondateur de Belsa avec Kiro" makes Kiro a cofounder."""
    doc = s.span.doc
    following = next((m.end for m in s.mentions if m.start > t.i and m not in group), -1)
    for end in (group[-1].end, following):
        if end < 0 or end >= s.span.end:
            continue
        window = fold(doc[end : min(s.span.end, end + 6)].text)
        marker = next((w for w in s.words("co_markers") if window.lstrip(", ").startswith(w)), None)
        after = [m for m in s.mentions if marker and end <= m.start <= end + len(marker.split()) + 4]
        if after:
            return expand(after[0], s)
    return []


def _round_owner(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """The company whose funding round the trigger is about: "le tour de table de Belsa", "sa
    levée", "Belsa a bouclé une levée … à laquelle ont participé …", "la levée, menée par …";
    else the company the text is about (the round of the last sentence's subject)."""
    rounds = s.words("round_nouns")
    near = [t, t.head, *t.children, *(g for c in t.children for g in c.children)]
    if t.dep_ in ("acl:relcl", "relcl", "acl"):  # "une levée de 70 millions à laquelle a participé…"
        near[1:1] = [t.head, t.head.head]
    found = next((x for x in near if fold(x.lemma_) in rounds or fold(x.text) in rounds), None)
    if found is None:
        return None
    for x in [found, *(c for c in found.children if c.dep_ == "nmod")]:
        for c in x.children:
            if c.dep_ == "nmod" and not any(fold(g.text) in ("par", "by") for g in c.children):
                m = resolve(c, s)
                if m is not None and _ok(m, spec):
                    return m
        poss = next((c for c in x.children if c.dep_ in ("det", "poss") and "Poss=Yes" in str(c.morph)), None)
        if poss is not None:
            m = _possessive(poss, s)
            if m is not None and _ok(m, spec):
                return m
    m = resolve(subject_token(found), s) if found.i != t.i or t.pos_ == "NOUN" else None
    if m is not None and _ok(m, spec):
        return m
    return s.salient if s.salient is not None and _ok(s.salient, spec) else None


def _brand(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """A cloud brand named right after the trigger ("l'exclusivité Azure")."""
    brands = {fold(b) for b in s.pack.lexicon.get("cloud_brands", [])}
    doc = s.span.doc
    return next(
        (m for m in s.mentions if 0 < m.start - t.i <= 3 and fold(doc[m.start : m.end].text) in brands), None
    )


def _owner(t: Token, s: Sentence, spec: dict[str, Any]) -> Found | None:
    """A product named after the trigger stands for the company that owns it."""
    for m in s.mentions:
        if m.start <= t.i or _contrasted(m, s):
            continue
        known = s.pack.entities.get(m.entity)
        if known and known.owner and known.owner in s.pack.entities:
            owner = s.pack.entities[known.owner]
            return Found(owner.name, owner.type, m.start, m.end, "owner", owner.startup)
    return None


def _contrasted(m: Found, s: Sentence) -> bool:
    """Named as what the relation is NOT about: "une alternative à X", "un concurrent de X"."""
    doc = s.span.doc
    before = fold(doc[max(s.span.start, m.start - 3) : m.start].text)
    return bool(
        re.search(
            r"(alternatives? (a|aux?)|concurrents? d[eu']?|rival(e|s)? d[eu']?|face (a|aux?)|contre|alternatives? to|rivals? (of|to)|against)\s*(l'|la|le|les)?$",
            before,
        )
    )


STRATEGIES: dict[str, Callable[[Token, Sentence, dict[str, Any]], Found | None]] = {
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
    "brand": _brand,
    "appos": _appos,
    "between": _between,
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
}


def find(t: Token, s: Sentence, spec: dict[str, Any], exclude: set[str] | None = None) -> list[Found]:
    """The argument of a rule's slot: the first strategy giving a mention of an allowed type."""
    types = spec.get("types", ())
    spec = {**spec, "_exclude": exclude or set()}
    order = list(
        (t.pos_ == "NOUN" and spec.get("noun_find")) or spec.get("find") or ()
    )  # a noun may read its own
    if "possessor" in order and any(c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in t.children):
        order.insert(0, order.pop(order.index("possessor")))
    if order[:1] == ["head_noun"] and (
        t.dep_ in ("acl", "amod") or (t.dep_ == "dep" and "Part" in t.morph.get("VerbForm", []))
    ):
        order = ["head_noun"]  # a participle describes the noun it modifies, and nothing else
    if "possessor" in order and _undescribed_owner(t, s):
        return []  # "l'investissement du géant américain": the owner is named, but not resolved
    for name in order:
        m = STRATEGIES[name](t, s, spec)
        if m is not None and attributed(m, s):
            continue  # a source is not a party
        if m is None and name == "obj" and any(c.dep_ in OBJ for c in t.children):
            return []  # the verb's object is not an entity: the relation is not between entities
        if m is not None and _contrasted(m, s):
            if name in AUTHORITATIVE:
                return []  # the parse's argument is named as what the relation is not about
            continue
        if m is None or (exclude and m.entity in exclude):
            continue
        if m.type not in types:
            if name in AUTHORITATIVE:
                return []  # the parse names an argument of the wrong kind: no guessing around it
            continue
        single = (
            name in ("appos", "appos_person") and t.pos_ == "NOUN" and "Sing" in t.morph.get("Number", [])
        )
        group = [x for x in expand(m, s) if x.type in types] if m.how != "owner" and not single else [m]
        if spec.get("co"):
            group += [x for x in _alongside(group, t, s) if x.type in types and x not in group]
        return [x for x in group if not exclude or x.entity not in exclude]
    return []
