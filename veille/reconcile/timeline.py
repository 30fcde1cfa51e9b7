"""The timeline: dated events, from event sentences and from dated claims, merged across sources.

It follows the **world clock**: an entry's ``date`` is when the event happened, as the text
says, ISO at its precision (``2015``, ``2019-07``, ``2025-09-11``); publication dates only
tell, in ``sources``, when each source reported it. A date the extractor took from the
article's publication ("a conclu mardi", ``dated_by = "article"``) counts like a text date;
the entry says so in ``dated_by`` and readers show it as approximate.

Items come from:

* **claims that carry a date** (asserted or reported; a negated role or seat is an ending:
  "renonce à son siège"; cumulative totals are left out — their date is the start of a sum,
  not an event). Nothing enters dated after the article that tells it (that is a plan,
  whatever the tense). A plan or an offer (``planned``, ``conditional``) is an event only as
  an announcement: dated at month or day precision, not after the article's publication
  ("s'est engagé en septembre 2023 à investir jusqu'à 4 milliards"); rumours
  (``speculative``) never enter;
* **event sentences with their participants in roles** (``Event.roles``: agent, patient, org,
  partner), for the kinds the templates know (dismissal, reinstatement, appointment,
  founding, investigation, agreement, merger, ipo…). Only the entities that have a role are
  the event's entities;
* **event sentences without roles** are left out (a cue word and a list of the sentence's
  names is not an event); what their sentence says enters through its dated claims.

Items merge into one entry when they are the same event: the same kind (an event's kind,
aliased to a predicate where one exists: ``founding`` → ``founds``, or a claim's predicate)
and the same modality (an announced plan is not its payment), dates equal, or one finer than
the other (``2019`` and ``2019-07``) only for the same entities, and amounts that agree;
claims of one sentence that share an end are one event told with coordinated names ("la CMA
et la FTC enquêtent sur Microsoft"). A coarse item that fits two finer entries stays apart
rather than be guessed into one.

Titles are rendered at display time in the reader's language (``lang``) by
:mod:`veille.reconcile.titles`: from the event's kind and roles, or from the claim that
carries a value or tells an ending, else from the claims. An entry no template can tell is
left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from veille.models import VALUE_ROLES, Claim, Event
from veille.reconcile import titles
from veille.reconcile.facts import TOLERANCE
from veille.reconcile.keys import CUMULATIVE, claim_kind, endpoints
from veille.reconcile.sources import Sources
from veille.reconcile.values import (
    ASSERTED,
    NEGATED,
    normalize_date,
    overlap,
    precision,
    same_period,
    start,
    value_range,
)
from veille.store.base import Store

KIND_ALIASES = {
    "founding": "founds",
    "foundation": "founds",
    "creation": "founds",
    "fondation": "founds",
    "investment": "invests_in",
    "investissement": "invests_in",
    "funding": "raises",
    "fundraising": "raises",
    "acquisition": "acquires",
    "merger": "acquires",
    "agreement": "contract_with",
    "accord": "contract_with",
    "deal": "contract_with",
    "contract": "contract_with",
    "partnership": "partners_with",
    "licence": "licenses",
    "license": "licenses",
    "investigation": "investigates",
    "enquête": "investigates",
    "approval": "approves",
    "appointment": "leads",
    "helm": "leads",
    "competition": "competes_with",
}
ENDINGS = {
    "board_seat": "withdrawal",
    "leads": "dismissal",
    "partners_with": "termination",
    "provides_cloud_to": "termination",
    "holds_stake": "divestment",
}
DATING = {"text": 0, "heading": 1, "article": 2}  # the best-placed date of an entry's claims wins
ANNOUNCED = frozenset({"planned", "conditional"})  # plans and offers: events once announced


@dataclass
class _Entry:
    """One event while merging: its finest date, kind, entities and every source that tells it."""

    date: str
    kind: str
    identity: frozenset[str]
    entities: list[str]
    amounts: list[tuple[float, str | None, str | None]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sources: dict[tuple[str, int, int], dict[str, Any]] = field(default_factory=dict)
    dated_by: list[str | None] = field(default_factory=list)
    modality: str = "asserted"  # asserted (and reported, negated endings) | planned | conditional


def build_timeline(
    store: Store,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str = "fr",
    doc: str | None = None,
) -> list[dict[str, Any]]:
    """Dated events in order, merged across sources, titled in ``lang`` (``fr`` or ``en``);
    ``doc`` keeps only what one document tells (its own events, not merged with others').

    Each entry has ``date``, ``precision``, ``title``, ``entities``, ``docs``, ``sources``
    ({doc, source, published, url, evidence, start, end}), ``kind``, ``amount``, ``currency``
    and ``dated_by`` (``text``, ``heading``, ``article`` or None)."""
    docs = Sources(store)
    name = store.canonical(entity) if entity else None
    events = [e for e in store.events(entity=entity) if e.roles and (doc is None or e.doc == doc)]
    items = [_from_event(e) for e in events if name is None or any(n == name for _, n in e.roles)]
    items += [_from_claim(c, docs) for c in store.claims(entity=entity, doc=doc)]
    entries: list[_Entry] = []
    for item in sorted((i for i in items if i and _within(i.date, date_from, date_to)), key=_finest_first):
        _merge(entries, item)
    types = store.entity_types()
    out = [r for r in (_render(e, docs, types, titles.language(lang)) for e in entries) if r["title"]]
    return sorted(out, key=lambda e: (start(e["date"]), len(e["date"]), e["title"]))


def _within(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    """The store's rule for events: on or after ``date_from``, and up to ``date_to`` at its precision."""
    d = normalize_date(value) or ""
    return (not date_from or d >= date_from) and (not date_to or d[: len(date_to)] <= date_to)


def _from_claim(c: Claim, docs: Sources) -> _Entry | None:
    """A claim's item, when it tells an event (see the module's rules); None otherwise."""
    date = normalize_date(c.date)
    if date is None or claim_kind(c) == CUMULATIVE or not _tells_event(c, date, docs.published(c.doc)):
        return None
    subject, obj = endpoints(c)
    kind = ENDINGS[c.predicate] if c.modality == NEGATED else c.predicate
    identity = frozenset({obj or subject} if c.predicate == "founds" and obj else {subject, obj or ""} - {""})
    amounts = [(c.amount, c.currency, c.amount_qualifier)] if c.amount is not None else []
    entry = _Entry(date, kind, identity, [c.subject] + ([c.object] if c.object else []), amounts, claims=[c])
    entry.sources[(c.doc, c.start, c.end)] = {
        "doc": c.doc,
        "evidence": c.evidence,
        "start": c.start,
        "end": c.end,
    }
    entry.dated_by.append(c.dated_by)
    entry.modality = c.modality if c.modality in ANNOUNCED else "asserted"
    return entry


def _tells_event(c: Claim, date: str, published: str | None) -> bool:
    """Asserted claims and endings not dated after their article; plans and offers as announced by then."""
    if published is not None and date > published[: len(date)]:
        return False  # told before it happens: a plan, whatever the verb's tense
    if c.modality in ASSERTED or (c.modality == NEGATED and c.predicate in ENDINGS):
        return True
    return c.modality in ANNOUNCED and len(date) >= 7 and published is not None


def _from_event(e: Event) -> _Entry | None:
    date = normalize_date(e.date)
    if date is None:
        return None
    kind = KIND_ALIASES.get(e.kind.lower(), e.kind.lower())
    names = list(dict.fromkeys(n for r, n in e.roles if r not in VALUE_ROLES))
    founded = [n for r, n in e.roles if r in ("org", "patient")] if kind == "founds" else []
    entry = _Entry(date, kind, frozenset(founded[:1] or names), names, events=[e])
    entry.sources[(e.doc, e.start, e.end)] = {
        "doc": e.doc,
        "evidence": e.evidence,
        "start": e.start,
        "end": e.end,
    }
    return entry


def _finest_first(e: _Entry) -> tuple[int, str, str, str]:
    order = {"day": 0, "month": 1, "year": 2}
    first = min(e.sources)
    return (order[precision(e.date) or "year"], e.date, first[0], f"{first[1]:09d}")


def _fits(entry: _Entry, item: _Entry) -> bool:
    """Whether an item tells the same event as an entry (see the module's rules)."""
    if entry.kind != item.kind or entry.modality != item.modality or not same_period(entry.date, item.date):
        return False
    a, b = entry.identity, item.identity
    told_together = {k[:2] for k in entry.sources} & {k[:2] for k in item.sources}
    if told_together and entry.date == item.date and a & b and entry.claims and item.claims:
        return not entry.amounts or not item.amounts  # one sentence, coordinated names
    founding = entry.kind == "founds" and bool(a & b)  # an organisation is founded once
    sentence = bool(entry.events or item.events) and (a <= b or b <= a)  # event sentences name more entities
    if a != b and not founding and not (entry.date == item.date and sentence):
        return False  # a coarser date joins only the same predicate and entities
    return all(
        overlap(value_range(a, qa, TOLERANCE), value_range(b, qb, TOLERANCE))
        for a, ca, qa in entry.amounts
        for b, cb, qb in item.amounts
        if not ca or not cb or ca == cb
    )


def _merge(entries: list[_Entry], item: _Entry) -> None:
    fits = [e for e in entries if _fits(e, item)]
    if len(fits) != 1:
        entries.append(item)
        return
    e = fits[0]
    e.date = max(e.date, item.date, key=len)
    e.identity |= item.identity
    e.entities += [n for n in item.entities if n not in e.entities]
    e.amounts += item.amounts
    e.claims += item.claims
    e.events += item.events
    e.dated_by += item.dated_by
    for k, v in item.sources.items():
        e.sources.setdefault(k, v)


def _render(e: _Entry, docs: Sources, types: Mapping[str, str], lang: str) -> dict[str, Any]:
    sources = []
    for (doc_id, _, _), src in e.sources.items():
        d = docs.doc(doc_id)
        published = normalize_date(d.published) if d else None
        sources.append(
            {**src, "source": d.source if d else None, "published": published, "url": d.url if d else None}
        )
    sources.sort(key=lambda s: (s["published"] or "~", s["doc"], s["start"]))
    dated = sorted((d for d in e.dated_by if d), key=lambda d: DATING.get(d, 3))
    return {
        "date": e.date,
        "precision": precision(e.date),
        "title": title(e, types, lang),
        "entities": e.entities,
        "docs": sorted({s["doc"] for s in sources}),
        "sources": sources,
        "kind": e.kind,
        "amount": e.amounts[0][0] if e.amounts else None,
        "currency": e.amounts[0][1] if e.amounts else None,
        "dated_by": dated[0] if dated and len(dated) == len(e.dated_by) else None,
    }


def title(e: _Entry, types: Mapping[str, str], lang: str) -> str | None:
    """The entry as a sentence: the claim with a value or an ending, else the event's roles, else the claims."""
    valued = next((c for c in e.claims if c.amount is not None or c.percent is not None), None)
    ending = next((c for c in e.claims if c.modality == NEGATED), None)
    told = next(
        (t for ev in e.events if (t := titles.event_title(ev.kind.lower(), ev.roles, types, lang))), None
    )
    if told and not valued and not ending:
        return told
    if not e.claims:
        return None
    c = valued or ending or e.claims[0]
    if e.kind == "founds":
        subjects, objects = sorted({x.subject for x in e.claims if x.object}), [c.object or ""]
    else:
        subjects = list(dict.fromkeys(x.subject for x in e.claims if x.object == c.object))
        objects = list(dict.fromkeys(x.object for x in e.claims if x.subject == c.subject and x.object))
        subjects = subjects if len(objects) < 2 else [c.subject]
    return titles.claim_title(e.kind, subjects, objects, c.to_dict(), types, lang, e.modality)
