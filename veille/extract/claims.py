"""Claims from one annotated sentence, driven by the pack's relation rules.

For each trigger word (a lemma or a phrase of a rule), the rule's strategies find the
subject and object mentions (see :mod:`veille.extract.arguments`); the sentence's money,
percent and date values nearest to the trigger give the claim its values; modality and
attribution are read around the trigger (:mod:`veille.extract.modality`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from veille.extract import arguments, modality, trace
from veille.extract.arguments import Sentence
from veille.extract.mentions import Found
from veille.extract.syntax import (
    AGENT_MARKERS,
    OBJ,
    SUBJ,
    apposed_noun,
    doc_text,
    folded_words,
    misread_forms,
    misread_verb_lemmas,
    relation_nouns,
    relation_words,
    span_text,
)
from veille.models import FUNDING_PREDICATES, SYMMETRIC, Claim, DateExpr, Money, Percent
from veille.packs import Pack, fold, load_pack


@dataclass(slots=True)
class Values:
    """The values found in a sentence, with offsets in the document."""

    money: list[Money]
    percents: list[Percent]
    dates: list[DateExpr]
    heading_date: str | None = None
    currency: str | None = None  # last currency seen in the document, for "environ 14 milliards"


@dataclass(frozen=True, slots=True)
class Triggers:
    single: dict[str, tuple[int, ...]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], int], ...]]


@cache
def triggers(pack_name: str, lang: str) -> Triggers:
    """Index the rules' trigger words by lemma (and multiword phrases by their first word)."""
    pack = load_pack(pack_name)
    single: dict[str, list[int]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for i, rule in enumerate(pack.relations):
        for key in ("verbs", "nouns"):
            for word in (rule.get(key) or {}).get(lang, []):
                parts = tuple(fold(word).replace("'", "' ").split())
                if len(parts) == 1:
                    single.setdefault(parts[0], []).append(i)
                else:
                    phrases.setdefault(parts[0], []).append((parts, i))
    return Triggers({k: tuple(v) for k, v in single.items()}, {k: tuple(v) for k, v in phrases.items()})


def rules_for(tok: Token, trig: Triggers) -> list[int]:
    texts, lemmas = folded_words(tok.doc)
    text, lemma = texts[tok.i], lemmas[tok.i]
    found = [*trig.single.get(lemma, ()), *trig.single.get(text, ())]
    guesses = misread_verb_lemmas(tok)
    for guess in guesses:
        found += trig.single.get(guess, ())
    heads = dict.fromkeys([text, lemma, *guesses])  # the phrase's first word as written, or its verb
    phrases = [(head, p) for head in heads for p in trig.phrases.get(head, ())]
    if not phrases:
        return sorted(set(found)) if found else []  # most words: no phrase to read further
    doc = tok.doc
    for head, (parts, i) in phrases:
        words = [
            fold(t.text).replace("'", "'") for t in doc[tok.i : tok.i + len(parts) + 2] if not t.is_space
        ]
        said = " ".join([head, *words[1:]]).replace("' ", "'")  # "a mis au point": "mettre au point"
        if said.startswith(" ".join(parts).replace("' ", "'")):
            found.insert(0, i)
    return sorted(dict.fromkeys(found))


def _may_trigger(doc: Doc, trig: Triggers, pack_name: str, lang: str) -> list[bool]:
    """Whether ``rules_for`` may find a rule for each word of the document (a trigger word or a
    misread form of one), read from the folded words once per document, each distinct word once."""
    key = f"veille_may_trigger:{pack_name}:{lang}"
    flags: list[bool] | None = doc.user_data.get(key)
    if flags is None:
        texts, lemmas = folded_words(doc)
        first_words = trig.single.keys() | trig.phrases.keys()
        misread: dict[tuple[str, bool], bool] = {}
        flags = []
        for i, (text, lemma) in enumerate(zip(texts, lemmas, strict=True)):
            if text in first_words or lemma in first_words:
                flags.append(True)
                continue
            word = (text, i > 0 and texts[i - 1] == "en")  # all that misread_forms reads
            if word not in misread:
                misread[word] = any(guess in first_words for guess in misread_forms(texts, i))
            flags.append(misread[word])
        doc.user_data[key] = flags
    return flags


def sentence_claims(doc_id: str, sentence: Sentence, values: Values, pack_name: str) -> list[Claim]:
    if span_text(sentence.span).rstrip().endswith("?"):
        return []  # a question asserts nothing
    pack = load_pack(pack_name)
    trig = triggers(pack_name, sentence.lang)
    trace.sentence(sentence, values)
    out: list[tuple[Claim, int]] = []
    doc = sentence.span.doc
    may_trigger = _may_trigger(doc, trig, pack_name, sentence.lang)
    for at in range(sentence.span.start, sentence.span.end):
        if not may_trigger[at]:
            continue  # most words: no trigger word nor a misread form of one (no Token made)
        tok = doc[at]
        for i in rules_for(tok, trig):
            made = _apply(doc_id, pack.relations[i], tok, sentence, values, pack)
            trace.outcome(i, tok, made)
            if made:
                out += [(c, tok.i) for c in made]
                break
    out += _cloud_on(doc_id, sentence, values, pack)
    out += _compounds(doc_id, sentence, values, pack)
    out += _genitive_products(doc_id, sentence, values, pack)
    return _prefer_specific(_one_owner_per_sum(_one_direction(out), values, sentence), sentence)


def _gap(m: Money | Percent | DateExpr, t: Token) -> float:
    """How far a value is from a trigger (a value before it counts half as far again)."""
    return abs(m.start - t.idx) if m.start >= t.idx else 1.5 * abs(t.idx - m.end)


def _one_owner_per_sum(
    found: list[tuple[Claim, int]], values: Values, sentence: Sentence
) -> list[tuple[Claim, int]]:
    """A sum is one statement's: "X investissait dans Y, rachetée par Z pour 116 millions" gives
    the 116 million to the purchase, the trigger nearest to it, not to the investment too. Claims
    of one trigger (a round and its investors) share their sum; so do claims of the same relation,
    and a valuation with what it values."""
    doc = sentence.span.doc
    out = []
    for c, at in found:
        money = [m for m in values.money if c.amount is not None and m.amount == c.amount]
        rivals = [
            i
            for x, i in found
            if i != at
            and x.amount == c.amount
            and "valued_at" not in (x.predicate, c.predicate)  # "une participation valorisée à": one sum
            and not _stake_paid(x, c)
            and (x.subject, x.predicate, x.object) != (c.subject, c.predicate, c.object)
        ]
        if (
            len(money) == 1
            and rivals
            and min(_gap(money[0], doc[i]) for i in rivals) < _gap(money[0], doc[at])
        ):
            c = replace(
                c,
                amount=None,
                currency=None,
                amount_qualifier=None,
                kind=None if c.kind == "tranche" else c.kind,
            )
        out.append((c, at))
    return out


def _stake_paid(a: Claim, b: Claim) -> bool:
    """A stake and an investment of one holder in one company share the sum: "X bought a 10 %
    stake in Y for $2bn" invests $2bn, and that is what the stake is worth."""
    return {a.predicate, b.predicate} == {"invests_in", "holds_stake"} and (a.subject, a.object) == (
        b.subject,
        b.object,
    )


@trace.drops("one_direction")
def _one_direction(found: list[tuple[Claim, int]]) -> list[tuple[Claim, int]]:
    """A sentence does not state a relation both ways: the reading found first stands."""
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for c, at in found:
        if c.object and c.predicate not in SYMMETRIC and (c.object, c.predicate, c.subject) in seen:
            continue
        seen.add((c.subject, c.predicate, c.object))
        out.append((c, at))
    return out


def _context_ok(rule: dict[str, Any], sentence: Sentence) -> bool:
    words = (rule.get("context") or {}).get(sentence.lang) or (rule.get("context") or {}).get("fr")
    if not words:
        return True
    text = " " + fold(span_text(sentence.span)) + " "
    lemmas = " " + " ".join(fold(t.lemma_) for t in sentence.span) + " "  # "tours de table"
    return any((" " + fold(w)) in text or (" " + fold(w) + " ") in lemmas for w in words)


DEFINITE = {"le", "la", "les", "l'", "ce", "cet", "cette", "ces", "the", "this", "that", "these"}


def _named_before(trigger: Token, sentence: Sentence) -> bool:
    """ "Avant cette acquisition, X était…": a deal noun with a demonstrative points back to a
    deal already told, unless its own complements name a party ("ce rachat de Belsa")."""
    return (
        trigger.pos_ == "NOUN"
        and any(
            c.dep_ == "det" and fold(c.text) in sentence.words("demonstratives") for c in trigger.children
        )
        and not any(c.dep_ in ("nmod", "appos") and c.pos_ == "PROPN" for c in trigger.children)
        and not any(
            c.dep_ in ("acl", "acl:relcl") and c.pos_ == "VERB" for c in trigger.children
        )  # "…, mené par X"
    )


def _refers_back(trigger: Token) -> bool:
    """ "L'accord lui garantit…", "Ce partenariat a permis…": a noun trigger that is the subject
    of its clause with a definite article names a relation stated before, not a new one — unless
    an apposition or its own complement names who it is ("Le patron de Microsoft, Satya Nadella, a
    défendu…", "Le rachat de Belsa par Orvane a été bouclé"), its own or that of a noun joined to
    it ("Le cofondateur et PDG de Belsa Jo Ivo a…")."""
    own = [c for x in (trigger, *(c for c in trigger.children if c.dep_ == "conj")) for c in x.children]
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_.startswith("nsubj")
        and any(c.dep_ == "det" and fold(c.text) in DEFINITE for c in trigger.children)
        and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in own)
        and not any(c.dep_ == "nmod" and c.i > trigger.i and _names(c) for c in own)
        and not any(
            c.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
            for c in trigger.children
        )
        and not _after_a_name(trigger)
    )


def _names(tok: Token) -> bool:
    """A complement that is a name, or a noun introducing one ("de la société Kovalt"), however
    the model attached the name."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        tok.pos_ == "PROPN"
        or (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper())
        or any(
            g.pos_ == "PROPN" and g.dep_ in ("nmod", "appos", "flat:name") and tok.i < g.i <= tok.i + 3
            for g in tok.children
        )
    )


def _after_a_name(trigger: Token) -> bool:
    """ "Satya Nadella, le patron de Microsoft, …": a noun phrase right after a name and a comma
    is an apposition to it, however the parser attached it."""
    start = trigger.left_edge.i
    return start >= 2 and trigger.doc[start - 1].text == "," and trigger.doc[start - 2].pos_ == "PROPN"


def _vetoed(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    """A rule's ``veto`` words just after the trigger mean another relation ("participation … dans
    les bénéfices"), or set before it as its modifier ("a 30% market share")."""
    words = {fold(w) for w in (rule.get("veto") or {}).get(sentence.lang, [])}
    modifiers = [c for c in trigger.children if c.dep_ == "compound" and c.i < trigger.i]
    return bool(words) and any(
        fold(x.text) in words or fold(x.lemma_) in words
        for x in [*trigger.doc[trigger.i + 1 : trigger.i + 7], *modifiers]
    )


def _a_field(trigger: Token) -> bool:
    """A noun that is the complement of another common noun names a field ("l'impact pour la
    concurrence", "l'Autorité de la concurrence"), not a relation between named parties."""
    return (
        trigger.pos_ == "NOUN" and trigger.dep_ in ("nmod", "pobj") and trigger.head.pos_ in ("NOUN", "ADP")
    )


def _object_vetoed(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    """A rule's ``veto_obj`` words as the trigger verb's direct object mean that is what the verb
    acts on, not the company named after it: "X bought a 10% stake in Y" buys a stake (Y is not
    acquired), "X will buy 30 million Y shares" buys shares."""
    words = {fold(w) for w in (rule.get("veto_obj") or {}).get(sentence.lang, [])}
    return bool(words) and any(
        c.dep_ in ("dobj", "obj") and fold(c.lemma_) in words and c.i not in sentence.by_token
        for c in trigger.children
    )  # a word of a name is no stake ("buy Orvane Holdings")


def _next_vetoed(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    """A rule's ``veto_next`` words right after the trigger make it part of another phrase: "Chief
    Financial Officer X", "chief scientist X" name another office than the head's."""
    words = {fold(w) for w in (rule.get("veto_next") or {}).get(sentence.lang, [])}
    nxt = trigger.doc[trigger.i + 1] if trigger.i + 1 < len(trigger.doc) else None
    return bool(words) and nxt is not None and fold(nxt.text) in words


def _unit_of_price(trigger: Token) -> bool:
    """ "$45 a share", "$20 per share", "12 euros l'action": the noun after a price is its unit,
    no stake of anyone."""
    doc, i = trigger.doc, trigger.i
    if i < 2 or trigger.pos_ != "NOUN" or doc[i - 1].text.lower() not in ("a", "per", "par", "l'", "l’"):
        return False
    before = doc[i - 2]
    return before.like_num or before.is_currency or fold(before.text) in CURRENCY_WORDS


CURRENCY_WORDS = {"euro", "euros", "dollar", "dollars", "cents", "centimes", "pence", "yen", "francs"}


def _in_label(trigger: Token, sentence: Sentence) -> bool:
    """ "Concurrence croissante : Microsoft développe…": a word of a run-in heading is no trigger."""
    head = sentence.span.doc[sentence.span.start : min(sentence.span.end, sentence.span.start + 5)]
    colon = next((x.i for x in head if x.text == ":"), None)
    return colon is not None and trigger.i < colon


def _near_ok(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    """A rule's ``near`` words, one of which must follow the trigger closely ("accès aux modèles"),
    as a word of the text, not inside a name ("vend des robots à Orvane Capital" sells no stake)."""
    words = {fold(w) for w in (rule.get("near") or {}).get(sentence.lang, [])}
    return not words or any(
        (fold(x.text) in words or fold(x.lemma_) in words) and x.i not in sentence.by_token
        for x in trigger.doc[trigger.i + 1 : trigger.i + 7]
    )


def _refusal(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> str | None:
    """The name of the first gate that refuses the rule on this trigger, None when all let it
    through (``_applies``; ``veille eval --explain`` shows the name)."""
    gates: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("verb", lambda: _verb_of_a_noun(rule, trigger, sentence)),
        ("modifier", lambda: _verb_as_modifier(rule, trigger, sentence)),
        ("context", lambda: not _context_ok(rule, sentence)),
        ("near", lambda: not _near_ok(rule, trigger, sentence)),
        ("refers_back", lambda: _refers_back(trigger) and not rule.get("role")),
        ("veto", lambda: _vetoed(rule, trigger, sentence)),
        ("veto_obj", lambda: _object_vetoed(rule, trigger, sentence)),
        ("veto_next", lambda: _next_vetoed(rule, trigger, sentence)),
        ("unit", lambda: _unit_of_price(trigger)),
        ("label", lambda: _in_label(trigger, sentence)),
        ("field", lambda: bool(rule.get("field_noun")) and _a_field(trigger)),
        ("named_before", lambda: _named_before(trigger, sentence)),
        (
            "told_deal",
            lambda: bool(rule.get("nouns") and not rule.get("role") and _told_deal(trigger, sentence)),
        ),
    )
    return next((name for name, refuses in gates if refuses()), None)


def _verb_of_a_noun(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    """In French a verb spelt like one of a noun rule's nouns ("marque un tournant") is another
    word; English makes verbs of its nouns ("licensed", "to partner"), which keep the meaning."""
    return sentence.lang == "fr" and not rule.get("verbs") and trigger.pos_ in ("VERB", "AUX")


def _verb_as_modifier(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    """An English verb's form set before a noun as its modifier, an adjective or a present
    participle ("secure payment contracts", "a leading player", "the growing market"), states no
    action of the verb; a past participle still tells one ("its custom-designed chips")."""
    if sentence.lang != "en" or trigger.dep_ != "amod" or trigger.head.i <= trigger.i:
        return False
    if trigger.tag_ == "VBN":
        return False
    nouns = {fold(w) for w in (rule.get("nouns") or {}).get("en", [])}
    firsts = {n.split()[0] for n in nouns}  # "controlling stake": a noun phrase of the rule
    return not {fold(trigger.lemma_), fold(trigger.text)} & (nouns | firsts)


def refusing_gate(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> str:
    """The gate that refused the rule, for the trace (``unnamed`` if none did)."""
    return _refusal(rule, trigger, sentence) or "unnamed"


def _applies(rule: dict[str, Any], trigger: Token, sentence: Sentence) -> bool:
    return _refusal(rule, trigger, sentence) is None


def _told_deal(trigger: Token, sentence: Sentence) -> bool:
    """ "une enquête sur l'accord entre A et B": a definite deal noun that is the topic of an
    inquiry's or an approval's noun is a deal already told, not a new one."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "nmod" or trigger.head.pos_ != "NOUN":
        return False
    definite = any(c.dep_ == "det" and fold(c.text) in DEFINITE for c in trigger.children)
    return definite and fold(trigger.head.lemma_) in relation_nouns(sentence.pack, sentence.lang, SCRUTINY)


SCRUTINY = ("investigates", "approves")  # relations whose nouns take a deal as their topic


def _apply(
    doc_id: str, rule: dict[str, Any], trigger: Token, sentence: Sentence, values: Values, pack: Pack
) -> list[Claim]:
    if not _applies(rule, trigger, sentence):
        return trace.refused("gate", lambda: refusing_gate(rule, trigger, sentence))
    amount, percent = _value(rule, trigger, values, pack)
    if rule.get("value_required") and amount is None and percent is None:
        return trace.refused("value_required")
    subjects = arguments.find(trigger, sentence, rule["subject"])
    told = None if subjects else _told_parties(rule, trigger, sentence, values)
    if told is not None:
        subjects = [told[0]]
    if not subjects:
        return trace.refused("role:subject")
    objects: list[Found] = []
    if "object" in rule:
        objects = arguments.find(trigger, sentence, rule["object"], exclude={m.entity for m in subjects})
        if told is not None and objects:
            return trace.refused("role:object")  # a party of its own: not the deal told before
        if told is not None:
            objects = [told[1]]
        elif not objects and (got := _told_object(rule, trigger, sentence, values, subjects)):
            subjects, objects = got
        if not objects and rule["object"].get("required") and not (rule.get("pair") and len(subjects) > 1):
            return trace.refused("role:object")
    pairs = (
        [(a, b) for a in subjects for b in objects] if objects else _pairs(subjects, rule, trigger, sentence)
    )
    base = _base(doc_id, rule, trigger, sentence, values, amount, percent)
    claims = []
    for subj, obj in pairs:
        if obj is not None and subj.entity == obj.entity or not _owner_ok(rule, subj, obj, pack):
            continue
        sentence.used.update({subj.start, obj.start if obj else -1})
        if obj is not None:
            sentence.made.append((rule["predicate"], subj, obj))
        date, date_end, _ = _dates(
            trigger, values, sentence, {subj.entity, obj.entity if obj else subj.entity}
        )
        if rule["predicate"] == "founds" and trigger.pos_ == "NOUN" and not _own_date(trigger, values):
            date, date_end = (
                None,
                None,
            )  # "son fondateur, P, …" names a standing tie: the news's date is not its
        claims.append(
            replace(
                base, subject=subj.entity, object=obj.entity if obj else None, date=date, date_end=date_end
            )
        )
    claims = _changes_of_value(claims, values, sentence)
    claims = _respective(rule, claims, values, sentence)
    claims = _payments(claims, trigger, values, sentence)
    if not rule.get("gives_up"):  # a stake sold for a price keeps its sum: what it was worth
        claims = _priced_stakes(claims, trigger, values, sentence)
    if rule.get("gives_up"):
        claims += _given_up(rule, claims, trigger, sentence, {m.entity for m in subjects + objects})
    return _investors(rule, claims) if rule.get("investors") else claims


def _told_parties(
    rule: dict[str, Any], trigger: Token, sentence: Sentence, values: Values
) -> tuple[Found, Found] | None:
    """ "L'accord prévoit un investissement de 500 M$", "Cette opération s'accompagne d'un accord
    de collaboration": a relation that a deal told before provides for (the subject of the
    trigger's verb is a definite deal noun pointing back, ``_refers_back``) is between the parties
    of the last relation of the two sentences before whose predicate the subject's ``told`` names."""
    kinds = rule["subject"].get("told")
    if not kinds or not sentence.told or _misread(rule, trigger) or _slot_filled(trigger, values):
        return None
    verb = trigger.head
    deal = next((c for c in verb.children if c.dep_ in SUBJ and c.i != trigger.i), None)
    if (
        verb.pos_ not in ("VERB", "AUX")
        or deal is None
        or fold(deal.lemma_) not in sentence.words("deal_nouns")
        or not _refers_back(deal)
    ):
        return None
    last = next((t for t in reversed(sentence.told) if t[0] in kinds), None)
    return None if last is None else (_here(last[1], trigger), _here(last[2], trigger))


def _told_object(
    rule: dict[str, Any], trigger: Token, sentence: Sentence, values: Values, subjects: list[Found]
) -> tuple[list[Found], list[Found]] | None:
    """ "Vendal a pris 20 % de Kiro. … Il doit porter sa participation à 60 %": a relation whose
    sentence names no object, and whose trigger has no complement but values, is about the object
    of the subject's last relation of the two sentences before whose predicate the object's
    ``told`` names."""
    kinds = rule["object"].get("told")
    if not kinds or not sentence.told or _misread(rule, trigger) or _slot_filled(trigger, values):
        return None
    names = {m.entity for m in subjects}
    last = next((t for t in reversed(sentence.told) if t[0] in kinds and t[1].entity in names), None)
    if last is None:
        return None
    return [m for m in subjects if m.entity == last[1].entity], [_here(last[2], trigger)]


def _misread(rule: dict[str, Any], trigger: Token) -> bool:
    """A noun that triggered a verb's rule ("mettre en place" for "placer"): too weak a reading
    to take parties from elsewhere."""
    nouns = {fold(w) for words in (rule.get("nouns") or {}).values() for w in words}
    return trigger.pos_ == "NOUN" and fold(trigger.lemma_) not in nouns


def _slot_filled(trigger: Token, values: Values) -> bool:
    """Whether the trigger has a complement other than its values and dates ("investi 300 M$ en
    février" has none; "investi 300 M$ dans la recherche" has one that is no entity)."""
    found: list[Money | Percent | DateExpr] = [*values.money, *values.percents, *values.dates]
    spans = [(v.start, v.end) for v in found]
    complements = [
        g
        for c in trigger.children
        for g in ([x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" else [c])
        if c.dep_ in (*OBJ, "obl", "obl:arg", "obl:mod", "nmod", "iobj", "prep")
    ]
    doc = trigger.doc
    after = doc[trigger.i + 1 : trigger.i + 4]  # "ses investissements dans l'infrastructure", however parsed
    said = (
        len(after) >= 2
        and after[0].pos_ == "ADP"
        and any(t.pos_ in ("NOUN", "PROPN") for t in after[1:])
        and not any(a <= after[1].idx < b for a, b in spans)
    )
    return said or any(
        c.pos_ in ("NOUN", "PROPN", "PRON") and not any(a <= c.idx < b for a, b in spans) for c in complements
    )


def _here(m: Found, trigger: Token) -> Found:
    """A party taken from a sentence before, placed at the trigger that now tells of it."""
    return Found(m.entity, m.type, trigger.i, trigger.i + 1, "told", m.startup)


def _given_up(
    rule: dict[str, Any], claims: list[Claim], trigger: Token, sentence: Sentence, parties: set[str]
) -> list[Claim]:
    """The party a sale takes the object from ("Vendal a cédé Kiro à Orvane": Vendal): it no
    longer holds it, a negated ``holds_stake`` beside the buyer's purchase, dated as the sale."""
    sellers = arguments.find(trigger, sentence, rule["gives_up"], exclude=parties)
    return [
        replace(
            c,
            subject=seller.entity,
            predicate="holds_stake",
            modality="negated",
            amount=None,
            currency=None,
            amount_qualifier=None,
            percent=None,
            kind=None,
        )
        for c in claims
        for seller in sellers
        if c.object is not None and seller.entity != c.object
    ]


def _respective(rule: dict[str, Any], claims: list[Claim], values: Values, sentence: Sentence) -> list[Claim]:
    """Shares told member by member: "détenue à 51 % par A et à 49 % par B" (each percent
    followed by "par"/"by" and its holder) or "A et B détiendront respectivement 60 % et 40 %"
    (as many percents as coordinated subjects, in order): each holder gets its own share, where
    the rule gave all of them the nearest one, or found only the first."""
    if not claims or rule.get("value") not in ("percent", "amount_or_percent") or len(values.percents) < 2:
        return claims
    doc = sentence.span.doc
    subject_types = set(rule["subject"].get("types", ()))
    owned: list[tuple[Percent, Found]] = []
    for p in values.percents:
        after = [t for t in doc if p.end <= t.idx < p.end + 12]
        if not after or fold(after[0].text) not in AGENT_MARKERS:
            continue
        m = next(
            (m for m in sentence.mentions if 0 <= m.start - after[0].i <= 2 and m.type in subject_types), None
        )
        if m is not None:
            owned.append((p, m))
    base = claims[0]
    if len(owned) >= 2:
        told = {m.entity: p.value for p, m in owned}
        kept = [replace(c, percent=told[c.subject]) if c.subject in told else c for c in claims]
        have = {c.subject for c in kept}
        extra = [replace(base, subject=m.entity, percent=p.value) for p, m in owned if m.entity not in have]
        return kept + [c for c in extra if c.subject != c.object]
    if not any(fold(t.text) in ("respectivement", "respectively") for t in sentence.span):
        return claims
    subjects = list(dict.fromkeys(c.subject for c in claims))
    if len(subjects) < 2 or len(values.percents) != len(subjects):
        return claims
    order = {s: values.percents[k].value for k, s in enumerate(subjects)}
    return [replace(c, percent=order[c.subject]) for c in claims]


def _payments(claims: list[Claim], trigger: Token, values: Values, sentence: Sentence) -> list[Claim]:
    """A sum told as paid ("une première enveloppe de 4 milliards promise en 2023 et versée
    jusqu'en mars 2024", "dont 500 millions versés immédiatement", "$2 billion already paid"):
    whatever the clause's modality (a promise, a total to come), that sum was paid. The funding
    claim gets a twin with that sum, asserted, as a tranche, dated by the payment's own date (else
    the claim's); the dates inside the sum's phrase no longer date the claim itself."""
    funding = FUNDING_PREDICATES
    if not claims or not any(c.predicate in funding for c in claims):
        return claims
    paid = _paid_sums(trigger, values, sentence)
    if not paid:
        return claims
    out = []
    for c in claims:
        if c.predicate not in funding or c.object is None:
            out.append(c)
            continue
        inside = [
            d
            for d in values.dates
            if any(m.start <= d.start < end and m.amount != c.amount for m, _, end in paid)
        ]
        rest = replace(values, dates=[d for d in values.dates if d not in inside])
        date, date_end, _ = _dates(trigger, rest, sentence, {c.subject, c.object})
        if date is None and not inside:
            date, date_end = c.date, c.date_end
        out.append(replace(c, date=date, date_end=date_end))
        for money, participle, end in paid:
            if money.amount == c.amount and c.modality in ("asserted", "reported"):
                continue  # the claim is that payment already
            own = [d for d in values.dates if participle <= d.start < end and d.value]
            when = next((d.value for d in own if d.kind in ("point", "until")), None)
            out.append(
                replace(
                    c,
                    amount=money.amount,
                    currency=money.currency or c.currency,
                    amount_qualifier=money.qualifier,
                    percent=None,
                    modality="reported" if c.attributed_to else "asserted",
                    kind="tranche",
                    date=when or c.date,
                    date_end=None,
                )
            )
    return out


PAID_GAP = 10  # tokens between a sum and its participle ("4 milliards promise en septembre 2023 et versée")


def _priced_stakes(claims: list[Claim], trigger: Token, values: Values, sentence: Sentence) -> list[Claim]:
    """A stake taken for a price ("acquérir une participation de 30 % dans Kiro pour 1,7
    milliard", "a pris 15 % de Kiro pour 300 millions", "acquire a 10% stake in Kiro in exchange
    for $8.9 billion"; lexicon ``price_markers``) is two claims: the stake, with its percent, and
    an investment of that sum. The sum is in the trigger's phrase (its verb's, for a noun). A
    stake given up (negated) keeps its sum: what the stake was worth."""
    price = _price(trigger, values, sentence)
    if price is None:
        return claims
    out: list[Claim] = []
    for c in claims:
        if c.predicate != "holds_stake" or c.modality == "negated" or c.amount not in (None, price.amount):
            out.append(c)
            continue
        out.append(replace(c, amount=None, currency=None, amount_qualifier=None))
        out.append(
            replace(
                c,
                predicate="invests_in",
                percent=None,
                amount=price.amount,
                currency=price.currency,
                amount_qualifier=price.qualifier,
            )
        )
    return out


def _price(trigger: Token, values: Values, sentence: Sentence) -> Money | None:
    """The first sum of the trigger's phrase that a price marker opens ("pour 1,7 milliard")."""
    markers = sentence.words("price_markers")
    if not markers or not values.money:
        return None
    doc = sentence.span.doc
    text = doc_text(doc)
    scope = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") else trigger
    if scope is not trigger and fold(scope.lemma_) in relation_words(
        sentence.pack, sentence.lang, "verbs", flag="gives_up"
    ):
        return None  # "a vendu sa participation pour 5 milliards": the stake's worth
    lo, hi = scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge)
    for m in values.money:
        if not m.currency or not lo <= m.start < hi:  # "a warrant for 160 million shares": no price
            continue
        before = " " + fold(text[max(sentence.span.start_char, m.start - 40) : m.start]).strip()
        if any(before.endswith(" " + w) for w in markers):
            return m
    return None


def _paid_sums(trigger: Token, values: Values, sentence: Sentence) -> list[tuple[Money, int, int]]:
    """The sentence's sums that a payment participle follows, with no finite verb between: each
    with the participle's offset and the end of its phrase (the next comma, or the sentence end)."""
    words = sentence.words("payment_participles")
    span = sentence.span
    doc = span.doc
    text = doc_text(doc)
    found = []
    for tok in span:
        if fold(tok.lemma_) not in words or "Part" not in tok.morph.get("VerbForm", []):
            continue
        if tok.i > span.start and doc[tok.i - 1].lemma_ in ("avoir", "être", "have", "be"):
            continue  # "a été versé": a finite verb, read by the relation rules
        before = [m for m in values.money if m.end <= tok.idx]
        if not before:
            continue
        money = max(before, key=lambda m: m.end)
        first = doc.char_span(money.end, tok.idx, alignment_mode="expand")
        between = list(first) if first is not None else []
        if len(between) > PAID_GAP or any(
            t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in between
        ):
            continue
        if any(t.text in (";", ".", ":") for t in between):
            continue
        comma = text.find(",", tok.idx, span.end_char)
        found.append((money, tok.idx, comma if comma >= 0 else span.end_char))
    return found


REVERSED_CHANGE_GAP = re.compile(
    r"^\s*,?\s*(up |down )?from\s*(about|nearly)?\s*$"
)  # English: the new state first
CHANGE_GAP = re.compile(
    r"^\s*(actuellement|aujourd'hui|currently|today)?\s*(a|à|to)\s*(pres de|près de|environ|plus de|about|nearly)?\s*$"
)


def _changes_of_value(claims: list[Claim], values: Values, sentence: Sentence) -> list[Claim]:
    """ "porter sa participation de 19,9 % à 60,5 %", "(43,4 % à 15 %)", "from 10% to 25%", "to
    25% from 10%": a
    change tells two states, the one held until now (asserted) and the one reached (the clause's
    modality)."""
    if len(values.percents) < 2:
        return claims
    text = doc_text(sentence.span.doc)
    pairs = {}
    ordered = sorted(values.percents, key=lambda p: p.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if CHANGE_GAP.match(fold(text[a.end : b.start])):
            pairs[a.value] = pairs[b.value] = (a, b)
        elif REVERSED_CHANGE_GAP.match(fold(text[a.end : b.start])):
            pairs[a.value] = pairs[b.value] = (b, a)  # "cut its stake to 5% from 12%"
    out = []
    for c in claims:
        pair = pairs.get(c.percent) if c.percent is not None else None
        if pair is None:
            out.append(c)
            continue
        before, after = pair
        out.append(replace(c, percent=before.value, modality="asserted", amount=None, currency=None))
        out.append(replace(c, percent=after.value))
    return out


def _investors(rule: dict[str, Any], claims: list[Claim]) -> list[Claim]:
    """A round and its investors: "Belsa a levé 50 millions auprès d'Orvane et de Kiro" is one
    ``raises`` of Belsa with no object, and one ``invests_in`` of each investor in Belsa."""
    out: list[Claim] = []
    several = len({c.object for c in claims}) > 1  # the round's total is no one investor's share
    for c in claims:
        if not any(x.subject == c.subject and x.predicate == c.predicate for x in out):
            out.append(replace(c, object=None))
        if c.object is not None:
            made = replace(c, predicate=rule["investors"], subject=c.object, object=c.subject, kind=None)
            out.append(replace(made, amount=None, currency=None, amount_qualifier=None) if several else made)
    return out


NAMING_DEPS = ("nmod", "appos", "flat:name", "compound")  # how a name hangs on the noun that introduces it


def _pairs(
    subjects: list[Found], rule: dict[str, Any], trigger: Token, sentence: Sentence
) -> list[tuple[Found, Found | None]]:
    """Without an object, coordinated subjects of the trigger's own verb relate to each other
    ("Microsoft et OpenAI entretiennent une alliance"); three or more, each pair of them."""
    subj = arguments.subject_token(trigger)
    doc = trigger.doc
    direct = subj is not None and any(
        m.start <= subj.i < m.end
        or (doc[m.start : m.end].root.head.i == subj.i and doc[m.start : m.end].root.dep_ in NAMING_DEPS)
        for m in subjects
    )  # "Les groupes Vendal et Kovalt créent…": the subject noun the first name follows
    if subj is None and len(subjects) > 1:  # an unattached subject group just before the trigger's verb
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        gap = trigger.doc[subjects[-1].end : verb.i]
        direct = verb.i >= subjects[-1].end and all(x.pos_ in ("AUX", "ADV", "PRON") for x in gap)
    direct = direct or any(  # "entre A et B", "entre les deux compagnies" (the pair it stands for)
        arguments.opens_between(m, sentence)
        for m in [
            subjects[0],
            *(x for x in sentence.mentions if x.how == "pair" and x.entity == subjects[0].entity),
        ]
    )
    if rule.get("pair") and len(subjects) > 1 and direct:  # "entre A, B et C": each pair is bound
        return [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
    if "object" in rule and rule["object"].get("required"):
        return []
    return [(m, None) for m in subjects]


@trace.check("owner")
def _owner_ok(rule: dict[str, Any], subj: Found, obj: Found | None, pack: Pack) -> bool:
    """ "X develops P" needs P not to be known as someone else's product."""
    if rule["predicate"] != "develops" or obj is None:
        return True
    known = pack.entities.get(obj.entity)
    return not (known and known.owner and known.owner != subj.entity)


def _base(
    doc_id: str,
    rule: dict[str, Any],
    trigger: Token,
    sentence: Sentence,
    values: Values,
    amount: Money | None,
    percent: Percent | None,
) -> Claim:
    date, date_end, since = _dates(trigger, values)
    mod = modality.modality(trigger, sentence, rule.get("default_modality"))
    source = modality.attribution(trigger, sentence)
    if source and mod == "asserted":
        mod = "reported"
    span = sentence.span
    return Claim(
        doc=doc_id,
        subject="",
        predicate=rule["predicate"],
        object=None,
        evidence=span_text(span).strip(),
        start=span.start_char,
        end=span.end_char,
        amount=amount.amount if amount else None,
        currency=(amount.currency or values.currency) if amount else None,
        amount_qualifier=amount.qualifier if amount else None,
        percent=percent.value if percent else None,
        date=date,
        date_end=date_end,
        modality=mod,
        attributed_to=source,
        exclusive=_exclusive(rule, sentence),
        kind=_kind(rule, sentence, since, date),
    )


NEAR_CHARS = 160  # a value further from its trigger belongs to another statement of the sentence


def _near(trigger: Token, items: list[Any], limit: int | None = NEAR_CHARS) -> Any:
    close = [v for v in items if limit is None or _gap(v, trigger) <= limit]
    return min(close, key=lambda v: _gap(v, trigger)) if close else None


def _value(
    rule: dict[str, Any], trigger: Token, values: Values, pack: Pack
) -> tuple[Money | None, Percent | None]:
    if rule.get("value_after"):  # "fondée par X, dotée de 50 millions": not a sum named before the trigger
        values = Values(
            [m for m in values.money if m.start > trigger.idx],
            [p for p in values.percents if p.start > trigger.idx],
            values.dates,
        )
    if trigger.pos_ == "NOUN":
        values = _own_values(rule, trigger, values)
    elif trigger.dep_ == "acl" and "Part" in trigger.morph.get("VerbForm", []):
        values = _in_phrase(trigger, values)
    values = replace(values, money=[m for m in values.money if not _per_unit(m, trigger, pack)])
    if rule["predicate"] == "valued_at":
        values = replace(values, money=[m for m in values.money if not _change_of_worth(m, trigger, pack)])
    if rule["predicate"] not in ("valued_at", "holds_stake"):  # a stake may be "valorisée à" its worth
        values = replace(
            values,
            money=[m for m in values.money if not _valuation_sum(m, trigger, pack.words("valuation_cues"))],
        )
    want = rule.get("value")
    if want == "amount":
        return _near(trigger, values.money), None
    if want == "percent":
        return None, _near(trigger, values.percents)
    if want == "amount_or_percent":  # a stake: its percent, its value in money, or both
        return _near(trigger, [m for m in values.money if m.currency]), _near(trigger, values.percents)
    return None, None


def _in_phrase(trigger: Token, values: Values) -> Values:
    """A participle describing a noun tells of that noun in its own words: "Kiro, une entreprise
    fondée par A, pour 3 milliards" (the sum after the phrase is closed by a comma is the main
    clause's, not the founding's) against "Kiro, rachetée par B pour 116 millions" (the
    purchase's, even where the model hangs the sum elsewhere), or the sum it describes ("plus de
    3 milliards investis dans Kiro")."""
    doc = trigger.doc
    lo, end = trigger.left_edge.idx, trigger.right_edge.i + 1
    noun = trigger.head

    def inside(v: Money | Percent) -> bool:
        if v.start <= noun.idx < v.end:
            return True
        if v.start < lo:
            return False
        return not any(t.is_punct and t.idx < v.start for t in doc[end : end + 40])

    return replace(
        values,
        money=[m for m in values.money if inside(m)],
        percents=[p for p in values.percents if inside(p)],
    )


def _per_unit(m: Money, trigger: Token, pack: Pack) -> bool:
    """A price per share ("433 million shares at $20.47 apiece", "à 12 euros par action") or a
    count of shares ("30 million shares", no currency) is no sum of the deal."""
    lang = "en" if trigger.doc.lang_ == "en" else "fr"
    after = " " + fold(doc_text(trigger.doc)[m.end : m.end + 40]).replace(",", " ") + " "
    if any(after.startswith(" " + w + " ") for w in pack.words("unit_price_words", lang)):
        return True
    if m.currency is not None:
        return False
    words = after.split()[:3]  # "30 million Orvane shares"
    return any(fold(w) in words for w in pack.words("share_nouns", lang))


def _change_of_worth(m: Money, trigger: Token, pack: Pack) -> bool:
    """A sum a company gains or loses ("X gained $2 trillion of market value", "X lost $40bn in
    market value") tells a change of its worth, not what it is worth ("X's market value rose
    to $40bn" still is)."""
    lang = "en" if trigger.doc.lang_ == "en" else "fr"
    span = trigger.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("dobj", "obj", "npadvmod") and fold(root.head.lemma_) in {
        fold(w) for w in pack.words("change_verbs", lang)
    }


def _valuation_sum(m: Money, trigger: Token, cues: list[str]) -> bool:
    """A sum that is what a company is worth ("valorisant Belsa à 6 milliards", "valued at $6
    billion") belongs to the valuation, not to the round or deal of the same sentence."""
    before = fold(doc_text(trigger.doc)[max(0, m.start - 45) : m.start])
    clause = before.replace(".", ",").rsplit(",", 1)[-1]
    return any(cue in clause for cue in cues)


def _own_values(rule: dict[str, Any], trigger: Token, values: Values) -> Values:
    """A deal noun's values are in its own phrase or after it ("un accord de 3 milliards entre A
    et B", "le rachat de B pour 2 milliards"), not a sum named before it for something else
    ("10 milliards, conditionnés à un accord entre A et B"); a noun that needs a value may still
    take the nearest when none follows. A value the noun hangs on is its own too ("10 % des
    bénéfices", "2 milliards d'investissement")."""
    lo = trigger.left_edge.idx
    heads, x = set(), trigger
    while x.dep_ == "nmod" and x.head.i != x.i:  # "10 % des bénéfices": the noun is the value's complement
        x = x.head
        heads.add(x.i)

    def own(v: Money | Percent) -> bool:
        span = trigger.doc.char_span(v.start, v.end, alignment_mode="expand")
        return lo <= v.start or (span is not None and any(x.i in heads for x in span))

    money = [m for m in values.money if own(m)]
    percents = [p for p in values.percents if own(p)]
    if rule.get("value_required") and not money and not percents:
        return values
    return replace(values, money=money, percents=percents)


def _own_date(trigger: Token, values: Values) -> bool:
    """Whether a date of the sentence lies in the trigger's own phrase ("cofondateur en 2015 de X")."""
    lo, hi = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge)
    return any(lo <= d.start < hi for d in values.dates)


def _dates(
    trigger: Token, values: Values, sentence: Sentence | None = None, entities: set[str] | None = None
) -> tuple[str | None, str | None, bool]:
    """The claim's date and horizon: the sentence's dates nearest to the trigger (a date in
    parentheses right after an entity, "Google Cloud (mai 2025)", dates only that entity's claims)."""
    own = [
        d
        for d in values.dates
        if (sentence is None or entities is None or _paren_owner(d, sentence) in (None, *entities))
        and not (sentence is not None and _described_date(d, trigger, sentence))
    ]
    points = [d for d in own if d.kind in ("point", "since") and d.value]
    ends = [d for d in own if d.kind in ("until", "after") and d.value]
    point = _near(trigger, points, limit=None)  # a date frames its whole sentence
    date = point.value if point else values.heading_date
    end = _near(trigger, ends, limit=None)
    date_end = end.value if end else None
    duration = next((d for d in values.dates if d.kind == "duration" and d.years), None)
    if date_end is None and duration and date and duration.years:
        date_end = str(int(date[:4]) + int(duration.years))
    return date, date_end, bool(point and point.kind == "since")


def _described_date(d: DateExpr, trigger: Token, sentence: Sentence) -> bool:
    """A date inside a participle phrase that describes a noun, tells a relation of its own and
    does not hold the trigger dates what that phrase tells ("X a racheté Kiro, société née en
    2017 de…", "la start-up, fondée en 2023 par…, rend son modèle disponible": the birth, not the
    purchase or the release); a participle that tells no relation ("a letter sent on July 9")
    dates the news."""
    trig = triggers(sentence.pack.name, sentence.lang)
    span = trigger.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    for anc in [span.root, *span.root.ancestors]:
        if anc.i == trigger.i:
            return False
        if (
            anc.pos_ == "VERB"
            and "Part" in anc.morph.get("VerbForm", [])
            and not any(c.dep_.startswith("aux") for c in anc.children)
            and (anc.dep_ == "acl" or (anc.dep_ == "conj" and _apposed_subject(anc)))
            and rules_for(anc, trig)
        ):
            # a phrase inside the trigger's own ("le projet lancé en janvier") describes it
            inner = anc.dep_ == "acl" and trigger in anc.ancestors
            return not inner and not anc.left_edge.i <= trigger.i <= anc.right_edge.i
    return False


def _apposed_subject(verb: Token) -> bool:
    """A participle whose "subject" is an apposed noun: an apposition the model read as a
    clause ("Kiro, société née en 2017…")."""
    return any(c.dep_.startswith("nsubj") and apposed_noun(c) for c in verb.children)


def _paren_owner(d: DateExpr, sentence: Sentence) -> str | None:
    """The entity a parenthesised date is attached to: "Google Cloud (mai 2025)" → Google."""
    base = sentence.span.start_char
    text = span_text(sentence.span)
    if "(" not in text[max(0, d.start - base - 3) : d.start - base]:
        return None
    doc = sentence.span.doc
    before = [m for m in sentence.mentions if doc[m.end - 1].idx + len(doc[m.end - 1]) <= d.start]
    if not before:
        return None
    last_end = doc[before[-1].end - 1].idx + len(doc[before[-1].end - 1])
    return before[-1].entity if text[last_end - base : d.start - base].strip() == "(" else None


def _exclusive(rule: dict[str, Any], sentence: Sentence) -> bool | None:
    if not rule.get("exclusive"):
        return None
    words = sentence.words("exclusive_words")
    return True if any(fold(t.text) in words for t in sentence.span) else None


def _kind(rule: dict[str, Any], sentence: Sentence, since: bool, date: str | None) -> str | None:
    if not rule.get("kinds"):
        return None
    text = " " + fold(span_text(sentence.span)) + " "
    kinds = sentence.pack.lexicon.get("kinds", {})
    if since or any(f" {fold(w)} " in text for w in _words_for(kinds.get("cumulative", {}), sentence.lang)):
        return "cumulative"
    if any(f" {fold(w)} " in text for w in _words_for(kinds.get("tranche", {}), sentence.lang)) or date:
        return "tranche"
    return None


def _words_for(entry: Any, lang: str) -> list[str]:
    return list(entry.get(lang) or entry.get("fr") or []) if isinstance(entry, dict) else list(entry)


def _cloud_on(doc_id: str, sentence: Sentence, values: Values, pack: Pack) -> list[tuple[Claim, int]]:
    """ "tourne sur Azure", "ses services sur AWS": the brand's owner provides cloud to the clause subject."""
    brands = {fold(b) for b in pack.lexicon.get("cloud_brands", [])}
    preps = {fold(p) for p in _words_for(pack.relations_extra("cloud_on").get("preps", {}), sentence.lang)}
    doc = sentence.span.doc
    out: list[tuple[Claim, int]] = []
    for m in sentence.mentions:
        if (
            fold(doc[m.start : m.end].text) not in brands
            or m.start == 0
            or fold(doc[m.start - 1].text) not in preps
        ):
            continue
        head = doc[m.start].head
        customer = arguments.resolve(arguments.subject_token(head), sentence)
        if customer is None or customer.entity == m.entity or customer.type not in ("company", "other"):
            continue
        rule = {"predicate": "provides_cloud_to", "exclusive": True}
        for provider in [x for x in arguments.expand(m, sentence) if x.type == "company"]:
            base = _base(doc_id, rule, doc[m.start], sentence, values, None, None)
            out.append((replace(base, subject=provider.entity, object=customer.entity), m.start))
    return out


def _compounds(doc_id: str, sentence: Sentence, values: Values, pack: Pack) -> list[tuple[Claim, int]]:
    """ "Vendal Capital-backed Kiro", "the SoftBank-owned Arm", "an Orvane-funded startup, Kiro":
    a name joined by a hyphen to a participle of the lexicon's ``compound_participles`` relates
    to the name the phrase describes (at most two words on), by that participle's predicate."""
    table = {
        fold(k): v for k, v in (pack.lexicon.get("compound_participles", {}).get(sentence.lang) or {}).items()
    }
    if not table:
        return []
    doc = sentence.span.doc
    ordered = sentence.mentions
    out: list[tuple[Claim, int]] = []
    for k, m in enumerate(ordered):
        if m.end + 1 >= sentence.span.end or doc[m.end].text not in {"-", "‑"}:
            continue
        participle = doc[m.end + 1]
        predicate = table.get(fold(participle.text))
        later = [x for x in ordered[k + 1 :] if x.start > participle.i]
        if predicate is None or not later or later[0].start - participle.i > 3:
            continue
        gap = doc[participle.i + 1 : later[0].start]
        if any(t.is_punct and t.text != "," for t in gap) or later[0].entity == m.entity:
            continue
        base = _base(doc_id, {"predicate": predicate}, participle, sentence, values, None, None)
        made = replace(base, subject=m.entity, object=later[0].entity, date=None, date_end=None)
        out.append((made, participle.i))  # a standing tie, not dated by the sentence's news
    return out


def _genitive_products(
    doc_id: str, sentence: Sentence, values: Values, pack: Pack
) -> list[tuple[Claim, int]]:
    """English: a company's genitive on a product's name, adjectives aside ("Kovalt's new Velox",
    "Brisca Labs' Orva model"), says the company makes it — for a name the pack or the article
    types as a product, never a company's."""
    if sentence.lang != "en":
        return []
    doc = sentence.span.doc
    out: list[tuple[Claim, int]] = []
    for m in sentence.mentions:
        if m.type != "product":
            continue
        j = m.start - 1
        while j > sentence.span.start and doc[j].pos_ == "ADJ":
            j -= 1
        if j <= sentence.span.start or doc[j].text not in ("'s", "’s", "'", "’"):
            continue
        owner = next((x for x in sentence.mentions if x.end == j), None)
        if owner is None or owner.type not in ("company", "fund") or owner.entity == m.entity:
            continue
        base = _base(doc_id, {"predicate": "develops"}, doc[m.start], sentence, values, None, None)
        mod = "reported" if base.attributed_to else "asserted"  # a standing tie, whatever the clause plans
        made = replace(base, subject=owner.entity, object=m.entity, date=None, date_end=None, modality=mod)
        out.append((made, m.start))
    return out


SPECIFICITY = (
    "provides_cloud_to",
    "licenses",
    "invests_in",
    "holds_stake",
    "profit_share",
    "acquires",
    "supplies",
    "plans_spending",
    "board_seat",
    "founds",
    "leads",
    "contract_with",
    "develops",
    "investigates",
    "approves",
    "raises",
    "valued_at",
    "competes_with",
    "partners_with",
    "uses",
)


GENERIC = frozenset({"contract_with", "partners_with", "supplies", "uses"})


@trace.drops("prefer_specific")
def _prefer_specific(found: list[tuple[Claim, int]], sentence: Sentence) -> list[Claim]:
    """A generic relation (a deal, a partnership, a supply, a use) between two entities that a
    specific one links a few words away is the same statement: the specific claim stays and takes
    the values the generic one found ("un contrat de 300 milliards pour fournir ses serveurs à X"
    → one provides_cloud_to with 300 billion). Between two generic ones, the noun a verb of
    concluding takes for object says what was concluded ("a conclu un partenariat avec X": a
    partnership, not a contract)."""
    doc = sentence.span.doc
    out = []
    for c, at in found:
        same = [
            (x, i)
            for x, i in found
            if x.object and c.object and {x.subject, x.object} == {c.subject, c.object}
        ]
        close = [(x, i) for x, i in same if abs(i - at) <= 12]
        specific = [x for x, _ in close if x.predicate not in GENERIC]
        concluded = [
            x
            for x, i in close
            if doc[i].pos_ == "NOUN" and doc[i].dep_ in OBJ and any(j == doc[i].head.i for _, j in close)
        ]
        first = concluded[0] if concluded and not specific else None
        if (
            c.object is None
            or len(close) == 1
            or (
                not specific
                and (c is first or (first is None and c is min((x for x, _ in close), key=_rank)))
            )
        ):
            out.append(_with_values(c, [x for x, _ in close]))
        elif c.predicate not in GENERIC:
            out.append(_with_values(c, [x for x, _ in close]) if c is specific[0] else c)
    return out


def _rank(c: Claim) -> int:
    return SPECIFICITY.index(c.predicate) if c.predicate in SPECIFICITY else len(SPECIFICITY)


def _with_values(best: Claim, group: list[Claim]) -> Claim:
    if best.amount is not None or best.percent is not None:
        return best
    donor = next(
        (c for c in group if c.predicate in GENERIC and (c.amount is not None or c.percent is not None)), None
    )
    if donor is None:
        return best
    return replace(
        best,
        amount=donor.amount,
        currency=donor.currency,
        amount_qualifier=donor.amount_qualifier,
        percent=donor.percent,
        date=best.date or donor.date,
        date_end=best.date_end or donor.date_end,
    )
