"""Facts from claims: the claims of one key, grouped into values, with a status and a validity.

Rules, in order:

1. **Values.** Claims that give the same quantity (amount, currency, qualifier, percent) with
   the same modality class are one value; ``asserted`` and ``reported`` are one class, each
   prospective modality (``planned``, ``speculative``, ``conditional``) and ``negated`` are their
   own. In an event fact, claims of incompatible dates (``2023-01`` and ``2023-06``) stay two
   values; a coarser date joins the one finer value it fits (``2019`` → ``2019-07``).
2. **Sources.** A value counts its independent sources: its documents, where documents linked
   as near-duplicates (wire copies) or of the same outlet with the same text count once.
3. **Order** (history): asserted and negated values by their time — the world clock (the
   claim's date; a date the extractor took from the article's publication, ``dated_by =
   "article"``, counts as a text date) for states and tranches; the reporting clock (the
   publication date, else the day the document was ingested) for cumulative totals, which grow
   as they are reported, and for values the text does not date — then prospective values apart.
4. **Status.** Two values *conflict* when their quantities cannot both hold (qualified
   numbers are ranges: "plus de 11" and "environ 14" can; values within rounding — ± 0.5 %, or
   0.05 percentage point — are the same); a bare relation conflicts only with its negation; the
   values of one sequence ("75 % jusqu'à …, puis 49 %", see :mod:`~veille.reconcile.readings`)
   never conflict: they are one arrangement; a value all of whose claims are such a step keeps
   the words that tie them in ``condition``. A conflicting pair at distinguishable times is an
   **update** — a value reported later for a later or an unknown time updates the earlier one —;
   at the same time a **dispute**, unless one document tells both in order (then an update). World dates are the same time when one contains the
   other (``2023`` and ``2023-06``); on the reporting clock, reports less than about a month apart
   are the same time. A cumulative total that shrinks as it is reported later is a dispute too
   (a total cannot shrink: the later report contradicts the earlier for the later time). Any
   dispute makes the fact ``disputed``; else any update ``updated``; else ``agreed``. A fact with
   only prospective values is ``prospective``; prospective values never become the current one.
5. **Plans and payments.** In an event fact (an investment, a deal, an acquisition…), a
   prospective value (a plan, a promise, a rumour) that a later or simultaneous asserted value
   fits (same amount, or within the plan's range: "jusqu'à 4 milliards" then "4 milliards
   versés") is that plan carried out: the fact keeps both, the payment current, and is
   ``updated`` (unless disputed).
6. **Values on the right fact**: before all this, a stake or a profit share sheds an amount its
   sentence gives to another relation or tells as a cap (:mod:`~veille.reconcile.readings`).
7. **Validity** (world clock): ``valid_from`` is the earliest date of an asserted value;
   ``valid_to`` the date of a negation that closes the history ("a renoncé à son siège").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from veille.models import Claim, Fact, FactValue
from veille.reconcile import readings
from veille.reconcile.keys import (
    CUMULATIVE,
    EVENT_PREDICATES,
    FUNDING_PREDICATES,
    UNDATED,
    claim_kind,
    endpoints,
    fact_key,
)
from veille.reconcile.sources import Sources
from veille.reconcile.values import (
    ASSERTED,
    NEGATED,
    PROSPECTIVE,
    months_apart,
    normalize_date,
    overlap,
    precision,
    same_period,
    start,
    value_range,
)
from veille.store.base import Store

TOLERANCE = 0.005  # plain amounts within ± 0.5 % are the same number
TOTAL_TOLERANCE = 0.025  # cumulative totals: within 5 % of each other they agree
PERCENT_TOLERANCE = 0.05  # percentage points


@dataclass
class _Value:
    """A value while it is built: its claims and what ordering and status need."""

    claims: list[Claim]
    modality: str
    date: str | None = None
    time: str | None = None  # on the clock that orders this fact
    reported_time: bool = False  # True when ``time`` is on the reporting clock (publication, ingestion)
    first: tuple[str, str, int] = ("", "", 0)  # (published, doc, offset) of its first claim
    out: FactValue | None = field(default=None, repr=False)
    sequence: tuple[float, ...] = ()  # the values of the sequence it is a step of


def build_facts(claims: list[Claim], store: Store) -> list[Fact]:
    """Reconcile claims into facts, one per key (see the module's rules)."""
    sources = Sources(store)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[fact_key(c)].append(readings.right_values(c, sources.lang(c.doc), sources.sentence))
    return [_fact(key, group, sources) for key, group in sorted(groups.items())]


def _fact(key: str, claims: list[Claim], sources: Sources) -> Fact:
    claims = sorted(claims, key=lambda c: (sources.published(c.doc) or "~", c.doc, c.start, c.end))
    first = claims[0]
    cumulative = key.endswith("|" + CUMULATIVE)
    event = first.predicate in EVENT_PREDICATES
    values = [_make_value(cs, sources, event, cumulative) for cs in _clusters(claims, event)]
    history = sorted((v for v in values if v.modality not in PROSPECTIVE), key=_history_order)
    prospective = sorted(
        (v for v in values if v.modality in PROSPECTIVE), key=lambda v: (v.modality, _history_order(v))
    )
    status, notes = _status(history, prospective, cumulative, event)
    subject, obj = endpoints(first)
    return Fact(
        key=key,
        subject=subject,
        predicate=first.predicate,
        object=obj,
        status=status,
        kind=_kind(key, claims),
        values=tuple(v.out for v in history + prospective if v.out is not None),
        valid_from=_valid_from(history),
        valid_to=_valid_to(history, notes) if status != "disputed" else None,
        notes=tuple(notes + _key_notes(key, first, history, cumulative)),
    )


# values -------------------------------------------------------------------------


def _identity(c: Claim) -> tuple[Any, ...]:
    modality = "asserted" if c.modality in ASSERTED else c.modality
    amount = None if c.amount is None else round(c.amount, 2)
    percent = None if c.percent is None else round(c.percent, 3)
    return (
        modality,
        amount,
        c.currency,
        c.amount_qualifier if amount is not None or percent is not None else None,
        percent,
    )


def _clusters(claims: list[Claim], event: bool) -> list[list[Claim]]:
    """Claims grouped into values: same identity, and in an event fact, compatible dates."""
    by_identity: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        by_identity[_identity(c)].append(c)
    out: list[list[Claim]] = []
    for group in by_identity.values():
        out += _split_by_date(group) if event else [group]
    return out


def _split_by_date(claims: list[Claim]) -> list[list[Claim]]:
    """Finer dates first; a date joins the one cluster it fits, else starts its own (never a guess)."""
    order = {"day": 0, "month": 1, "year": 2, None: 3}
    clusters: list[tuple[str | None, list[Claim]]] = []
    for claim in sorted(claims, key=lambda c: order[precision(c.date)]):
        date = normalize_date(claim.date)
        fits = [
            i
            for i, (cluster_date, _) in enumerate(clusters)
            if date is None or cluster_date is None or same_period(date, cluster_date)
        ]
        if len(fits) == 1 or (date is None and fits):
            cluster_date, members = clusters[fits[0]]
            clusters[fits[0]] = (cluster_date or date, [*members, claim])
        else:
            clusters.append((date, [claim]))
    return [members for _, members in clusters]


def _best_date(dates: list[str], event: bool) -> str | None:
    """An event value's finest date; a state value's earliest date, refined when the refinement is unique."""
    known = sorted({d for d in (normalize_date(x) for x in dates) if d}, key=lambda d: (start(d), -len(d)))
    if not known:
        return None
    if event:
        return max(known, key=len)
    earliest = known[0]
    finer = {d for d in known if d.startswith(earliest) and d != earliest}
    if finer and all(same_period(a, b) for a, b in combinations(finer, 2)):
        return max(finer, key=len)
    return earliest


def _make_value(claims: list[Claim], sources: Sources, event: bool, cumulative: bool) -> _Value:
    c0 = claims[0]
    docs = {c.doc for c in claims}
    modalities = {c.modality for c in claims}
    modality = "asserted" if "asserted" in modalities else c0.modality
    published = sorted(p for p in (sources.published(d) for d in docs) if p)
    reports = sorted(r for r in (sources.reported(d) for d in docs) if r)
    date = _best_date([c.date for c in claims if c.date], event)
    ends = [d for d in (normalize_date(c.date_end) for c in claims) if d]
    steps = [s for s in (readings.sequence(c, sources.lang(c.doc)) for c in claims) if s]
    out = FactValue(
        amount=c0.amount,
        currency=next((c.currency for c in claims if c.currency), None),
        percent=c0.percent,
        date=date,
        date_end=max(ends, key=len) if ends else None,
        modality=modality,
        sources=sources.independent(docs),
        docs=tuple(sorted(docs)),
        claims=tuple(_claim_dict(c, sources) for c in claims),
        qualifier=c0.amount_qualifier,
        reported=published[0] if published else None,
        dated_by=_dated_by(claims, date),
        condition=steps[0].words if steps and len(steps) == len(claims) else None,
    )
    report = reports[0] if reports else None
    time = report if cumulative else (date or report)
    first = (sources.published(c0.doc) or "~", c0.doc, c0.start)
    sequence = steps[0].values if steps else ()
    return _Value(list(claims), modality, date, time, cumulative or not date, first, out, sequence)


def _dated_by(claims: list[Claim], date: str | None) -> str | None:
    """Where the value's date comes from: the best-placed of its claims with that date."""
    rank = {"text": 0, "heading": 1, "article": 2}
    found = [c.dated_by for c in claims if c.dated_by and date and normalize_date(c.date) == date]
    return min(found, key=lambda d: rank.get(d, 3)) if found else None


def _claim_dict(c: Claim, sources: Sources) -> dict[str, Any]:
    doc = sources.doc(c.doc)
    return {
        "doc": c.doc,
        "source": doc.source if doc else None,
        "published": normalize_date(doc.published) if doc else None,
        "url": doc.url if doc else None,
        "evidence": c.evidence,
        "start": c.start,
        "end": c.end,
        "date": c.date,
        "modality": c.modality,
        "attributed_to": c.attributed_to,
        "dated_by": c.dated_by,
    }


def _history_order(v: _Value) -> tuple[str, str, str, int]:
    return (start(v.time), *v.first)


# status ----------------------------------------------------------------------------


def _compatible(a: _Value, b: _Value, cumulative: bool) -> bool:
    """Whether two values can both hold: negation against assertion never; ranges must overlap."""
    if (a.modality == NEGATED) != (b.modality == NEGATED):
        return False
    x, y = a.out, b.out
    assert x is not None and y is not None
    if _in_sequence(a, b) or _in_sequence(b, a):
        return True
    if x.percent is not None and y.percent is not None:
        tol = PERCENT_TOLERANCE
        rx = value_range(x.percent, x.qualifier if x.amount is None else None, 0)
        ry = value_range(y.percent, y.qualifier if y.amount is None else None, 0)
        if not overlap((rx[0] - tol, rx[1] + tol), (ry[0] - tol, ry[1] + tol)):
            return False
    if (
        x.amount is not None
        and y.amount is not None
        and (x.currency == y.currency or not x.currency or not y.currency)
    ):
        tol = TOTAL_TOLERANCE if cumulative else TOLERANCE
        return overlap(value_range(x.amount, x.qualifier, tol), value_range(y.amount, y.qualifier, tol))
    return True


def _in_sequence(a: _Value, b: _Value) -> bool:
    """Whether ``b``'s figure is a step of the sequence ``a`` belongs to."""
    x, y = a.out, b.out
    if not a.sequence or x is None or y is None:
        return False
    figure = y.percent if x.percent is not None else y.amount
    return figure is not None and any(readings.same(figure, v) for v in a.sequence)


def _when(a: _Value, b: _Value) -> int | None:
    """-1 when ``a`` comes before ``b``, 1 after, 0 at the same time, None when it cannot be told."""
    if a.time is None or b.time is None:
        return None
    if a.reported_time or b.reported_time:  # reported within a month of each other: the same time
        gap = months_apart(a.time, b.time)
        if gap is None:
            return 0 if a.time[:4] == b.time[:4] else (-1 if a.time < b.time else 1)
        return 0 if abs(gap) <= 1 else (-1 if gap > 0 else 1)
    if same_period(a.time, b.time):
        return 0
    return -1 if start(a.time) < start(b.time) else 1


def _in_text_order(a: _Value, b: _Value) -> int | None:
    """When one document states both, the order in which it tells them; else None."""
    shared = {c.doc for c in a.claims} & {c.doc for c in b.claims}
    if not shared:
        return None
    doc = min(shared)
    pa = min(c.start for c in a.claims if c.doc == doc)
    pb = min(c.start for c in b.claims if c.doc == doc)
    return None if pa == pb else (-1 if pa < pb else 1)


def _pair_status(a: _Value, b: _Value, cumulative: bool) -> str | None:
    """None when the two values agree, else ``updated`` or ``disputed``."""
    if _compatible(a, b, cumulative):
        return None
    order = _when(a, b)
    if not order:
        order = _in_text_order(a, b)
    if not order:
        return "disputed"
    earlier, later = (a, b) if order < 0 else (b, a)
    if cumulative and earlier.out and later.out and earlier.out.amount and later.out.amount:
        return "updated" if later.out.amount > earlier.out.amount else "disputed"
    return "updated"


Note = dict[str, Any]  # a note in no language: its catalogue key and what fills it (render.note_text)


def _status(
    history: list[_Value], prospective: list[_Value], cumulative: bool, event: bool
) -> tuple[str, list[Note]]:
    if not history:
        return ("prospective" if prospective else "agreed"), []
    found = {s for a, b in combinations(history, 2) if (s := _pair_status(a, b, cumulative))}
    done = [(p, h) for p in prospective if event and (h := _carried_out(p, history)) is not None]
    status = "disputed" if "disputed" in found else "updated" if found or done else "agreed"
    notes: list[Note] = []
    if status == "disputed":
        clash = [
            _label(v)
            for v in history
            if any(_pair_status(v, o, cumulative) == "disputed" for o in history if o is not v)
        ]
        notes.append({"key": "note.disputed", "values": clash})
    elif found:
        notes.append({"key": "note.history", "values": [_label(v, with_date=True) for v in history]})
    elif len(history) > 1 and any(v.out and (v.out.amount or v.out.percent) for v in history):
        notes.append({"key": "note.compatible", "values": [_label(v) for v in history]})
    if done:
        pairs = [[_label(p, with_date=True), _label(h, with_date=True)] for p, h in done]
        notes.append({"key": "note.done", "pairs": pairs})
    rest = [p for p in prospective if all(p is not q for q, _ in done)]
    if rest and history:
        notes.append({"key": "note.prospective", "values": [_label(v) for v in rest]})
    return status, notes


def _carried_out(plan: _Value, history: list[_Value]) -> _Value | None:
    """The first asserted value, at the plan's time or later, that the plan's amount fits; else None."""
    for h in history:
        if h.modality not in ASSERTED or not _compatible(plan, h, False):
            continue
        if _when(plan, h) in (-1, 0, None):
            return h
    return None


def _label(v: _Value, with_date: bool = False) -> dict[str, Any]:
    """A value as a note names it: its figure, modality, sources, and (with_date) its time."""
    assert v.out is not None
    o = v.out
    label = {
        "amount": o.amount,
        "currency": o.currency,
        "qualifier": o.qualifier,
        "percent": o.percent,
        "modality": v.modality,
        "sources": o.sources,
    }
    return {**label, "dated": True, "time": v.time} if with_date else label


# validity and labels ----------------------------------------------------------------


def _valid_from(history: list[_Value]) -> str | None:
    dates = [v.date for v in history if v.modality in ASSERTED and v.date]
    return min(dates, key=lambda d: (start(d), -len(d))) if dates else None


def _valid_to(history: list[_Value], notes: list[Note]) -> str | None:
    """The date of a negation that closes the history after an assertion (world clock, else reporting)."""
    if len(history) < 2 or history[-1].modality != NEGATED or all(v.modality == NEGATED for v in history):
        return None
    end = history[-1].date or history[-1].time
    if end is None:
        notes.append({"key": "note.end_undated"})
    elif history[-1].date is None:
        notes.append({"key": "note.end_by_publication", "date": end})
    return end


def _kind(key: str, claims: list[Claim]) -> str | None:
    if key.endswith("|" + CUMULATIVE):
        return CUMULATIVE
    kinds = [k for k in (claim_kind(c) for c in claims) if k]
    if kinds:
        return max(sorted(set(kinds)), key=kinds.count)
    return "tranche" if claims[0].predicate in FUNDING_PREDICATES else None


def _key_notes(key: str, first: Claim, history: list[_Value], cumulative: bool) -> list[Note]:
    notes: list[Note] = []
    if key.endswith("|" + UNDATED):
        funding = first.predicate in FUNDING_PREDICATES
        notes.append({"key": "note.undated_tranche" if funding else "note.undated_deal"})
    if cumulative:
        since = [v.date for v in history if v.date]
        notes.append(
            {"key": "note.cumulative_since", "date": min(since)} if since else {"key": "note.cumulative"}
        )
    return notes
