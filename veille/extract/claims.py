"""Claims from one annotated sentence, driven by the pack's relation rules.

For each trigger word (a lemma or a phrase of a rule), the rule's strategies find the
subject and object mentions (see :mod:`veille.extract.arguments`); the sentence's money,
percent and date values nearest to the trigger give the claim its values; modality and
attribution are read around the trigger (:mod:`veille.extract.modality`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Token

from veille.extract import arguments, modality
from veille.extract.arguments import Sentence
from veille.extract.mentions import Ment
from veille.models import Claim, DateExpr, Money, Percent
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
    found = list(trig.single.get(fold(tok.lemma_), ())) + list(trig.single.get(fold(tok.text), ()))
    doc = tok.doc
    for parts, i in trig.phrases.get(fold(tok.text), ()) + trig.phrases.get(fold(tok.lemma_), ()):
        words = [fold(t.text).replace("'", "'") for t in doc[tok.i : tok.i + len(parts) + 2] if not t.is_space]
        joined = " ".join(words).replace("' ", "'")
        if joined.startswith(" ".join(parts).replace("' ", "'")):
            found.insert(0, i)
    return sorted(dict.fromkeys(found))


def sentence_claims(doc_id: str, s: Sentence, values: Values, pack_name: str) -> list[Claim]:
    pack = load_pack(pack_name)
    trig = triggers(pack_name, s.lang)
    out: list[Claim] = []
    for tok in s.span:
        for i in rules_for(tok, trig):
            made = _apply(doc_id, pack.relations[i], tok, s, values, pack)
            if made:
                out += made
                break
    out += _cloud_on(doc_id, s, values, pack)
    return _prefer_specific(out)


def _context_ok(rule: dict[str, Any], s: Sentence) -> bool:
    words = (rule.get("context") or {}).get(s.lang) or (rule.get("context") or {}).get("fr")
    if not words:
        return True
    text = " " + fold(s.span.text) + " "
    return any((" " + fold(w) + " ") in text or (" " + fold(w)) in text for w in words)


def _apply(doc_id: str, rule: dict[str, Any], t: Token, s: Sentence, values: Values, pack: Pack) -> list[Claim]:
    if not _context_ok(rule, s):
        return []
    amount, percent = _value(rule, t, values)
    if rule.get("value_required") and amount is None and percent is None:
        return []
    subjects = arguments.find(t, s, rule["subject"])
    if not subjects:
        return []
    objects: list[Ment] = []
    if "object" in rule:
        objects = arguments.find(t, s, rule["object"], exclude={m.entity for m in subjects})
        if not objects and rule["object"].get("required") and not (rule.get("pair") and len(subjects) > 1):
            return []
    pairs = [(a, b) for a in subjects for b in objects] if objects else _pairs(subjects, rule)
    base = _base(doc_id, rule, t, s, values, amount, percent)
    claims = []
    for subj, obj in pairs:
        if obj is not None and subj.entity == obj.entity or not _owner_ok(rule, subj, obj, pack):
            continue
        s.used.update({subj.start, obj.start if obj else -1})
        claims.append(replace(base, subject=subj.entity, object=obj.entity if obj else None))
    return claims


def _pairs(subjects: list[Ment], rule: dict[str, Any]) -> list[tuple[Ment, Ment | None]]:
    if rule.get("pair") and len(subjects) > 1:
        return [(subjects[0], other) for other in subjects[1:]]
    if "object" in rule and rule["object"].get("required"):
        return []
    return [(m, None) for m in subjects]


def _owner_ok(rule: dict[str, Any], subj: Ment, obj: Ment | None, pack: Pack) -> bool:
    """"X develops P" needs P not to be known as someone else's product."""
    if rule["predicate"] != "develops" or obj is None:
        return True
    known = pack.entities.get(obj.entity)
    return not (known and known.owner and known.owner != subj.entity)


def _base(doc_id: str, rule: dict[str, Any], t: Token, s: Sentence, values: Values,
          amount: Money | None, percent: Percent | None) -> Claim:  # fmt: skip
    date, date_end, since = _dates(t, values)
    mod = modality.modality(t, s, rule.get("default_modality"))
    source = modality.attribution(t, s)
    if source and mod == "asserted":
        mod = "reported"
    span = s.span
    return Claim(
        doc=doc_id, subject="", predicate=rule["predicate"], object=None,
        evidence=span.text.strip(), start=span.start_char, end=span.end_char,
        amount=amount.amount if amount else None,
        currency=(amount.currency or values.currency) if amount else None,
        amount_qualifier=amount.qualifier if amount else None,
        percent=percent.value if percent else None,
        date=date, date_end=date_end, modality=mod, attributed_to=source,
        exclusive=_exclusive(rule, s), kind=_kind(rule, s, since, date),
    )  # fmt: skip


def _near(t: Token, items: list[Any]) -> Any:
    if not items:
        return None
    pos = t.idx
    return min(items, key=lambda v: (abs(v.start - pos) if v.start >= pos else 1.5 * abs(pos - v.end)))


def _value(rule: dict[str, Any], t: Token, values: Values) -> tuple[Money | None, Percent | None]:
    want = rule.get("value")
    if want == "amount":
        return _near(t, values.money), None
    if want == "percent":
        return None, _near(t, values.percents)
    if want == "amount_or_percent":
        p = _near(t, values.percents)
        return (None, p) if p else (_near(t, values.money), None)
    return None, None


def _dates(t: Token, values: Values) -> tuple[str | None, str | None, bool]:
    points = [d for d in values.dates if d.kind in ("point", "since") and d.value]
    ends = [d for d in values.dates if d.kind in ("until", "after") and d.value]
    point = _near(t, points)
    date = point.value if point else values.heading_date
    end = _near(t, ends)
    date_end = end.value if end else None
    duration = next((d for d in values.dates if d.kind == "duration" and d.years), None)
    if date_end is None and duration and date and duration.years:
        date_end = str(int(date[:4]) + int(duration.years))
    return date, date_end, bool(point and point.kind == "since")


def _exclusive(rule: dict[str, Any], s: Sentence) -> bool | None:
    if not rule.get("exclusive"):
        return None
    words = s.words("exclusive_words")
    return True if any(fold(t.text) in words for t in s.span) else None


def _kind(rule: dict[str, Any], s: Sentence, since: bool, date: str | None) -> str | None:
    if not rule.get("kinds"):
        return None
    text = " " + fold(s.span.text) + " "
    kinds = s.pack.lexicon.get("kinds", {})
    if since or any(f" {fold(w)} " in text for w in _lang(kinds.get("cumulative", {}), s.lang)):
        return "cumulative"
    if any(f" {fold(w)} " in text for w in _lang(kinds.get("tranche", {}), s.lang)) or date:
        return "tranche"
    return None


def _lang(entry: Any, lang: str) -> list[str]:
    return list(entry.get(lang) or entry.get("fr") or []) if isinstance(entry, dict) else list(entry)


def _cloud_on(doc_id: str, s: Sentence, values: Values, pack: Pack) -> list[Claim]:
    """"tourne sur Azure", "ses services sur AWS": the brand's owner provides cloud to the clause subject."""
    brands = {fold(b) for b in pack.lexicon.get("cloud_brands", [])}
    preps = {fold(p) for p in _lang(pack.relations_extra("cloud_on").get("preps", {}), s.lang)}
    doc = s.span.doc
    out: list[Claim] = []
    for m in s.mentions:
        if fold(doc[m.start : m.end].text) not in brands or m.start == 0 or fold(doc[m.start - 1].text) not in preps:
            continue
        head = doc[m.start].head
        customer = arguments.resolve(arguments.subject_token(head), s)
        if customer is None or customer.entity == m.entity or customer.type not in ("company", "other"):
            continue
        rule = {"predicate": "provides_cloud_to", "exclusive": True}
        for provider in [x for x in arguments.expand(m, s) if x.type == "company"]:
            base = _base(doc_id, rule, doc[m.start], s, values, None, None)
            out.append(replace(base, subject=provider.entity, object=customer.entity))
    return out


SPECIFICITY = ("provides_cloud_to", "licenses", "invests_in", "holds_stake", "profit_share", "acquires", "supplies",
               "plans_spending", "board_seat", "founds", "leads", "contract_with", "develops", "investigates",
               "approves", "raises", "valued_at", "competes_with", "partners_with", "uses")  # fmt: skip


def _prefer_specific(claims: list[Claim]) -> list[Claim]:
    """In one sentence, one relation per pair of entities: the most specific predicate wins."""
    best: dict[frozenset[str], int] = {}
    for c in claims:
        pair = frozenset((c.subject, c.object or ""))
        rank = SPECIFICITY.index(c.predicate) if c.predicate in SPECIFICITY else len(SPECIFICITY)
        best[pair] = min(best.get(pair, rank), rank)
    keep = []
    for c in claims:
        rank = SPECIFICITY.index(c.predicate) if c.predicate in SPECIFICITY else len(SPECIFICITY)
        if c.object is None or rank == best[frozenset((c.subject, c.object))] or _valued(c):
            keep.append(c)
    return keep


def _valued(c: Claim) -> bool:
    return c.amount is not None or c.percent is not None
