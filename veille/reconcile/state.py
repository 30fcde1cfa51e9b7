"""The state of the world as of a date: the relations that held then, with the value current then.

This view follows the **world clock**: a fact's ``valid_from``/``valid_to`` (claim dates) and,
for each value, the date the text gives it. Where the text gives no date, the **reporting
clock** stands in: a value cannot have held later than it was first reported (publication
date, then ingestion time where the store knows it), so an undated fact counts from its
first report. A date at month or year precision stands for its whole period: as of ``2024``
lists what held at some time in 2024, with the value current at its end.

Rules: a fact is in the state when it has an asserted value, began (``valid_from``, else its
first report) by the end of the period, and did not end (``valid_to``) before the period began.
Prospective values never held; a fact with nothing else is left out. An updated fact keeps the
one value current then (its interval in ``valid_from``/``valid_to``); a disputed fact keeps
every asserted value that may have held then; a cumulative total keeps the largest total
reported by then.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from veille.errors import UsageError
from veille.models import Fact, FactValue
from veille.reconcile.values import ASSERTED, NEGATED, bounds, current_value, normalize_date, start
from veille.store.base import Store

_AS_OF = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
ISO_FORMS = "write it as ISO: 2024, 2024-01 or 2024-01-31"


def parse_as_of(value: str) -> str:
    """A date given by a user, as ISO at its precision (``2024``, ``2024-01``, ``2024-01-01``).

    Raises ``UsageError`` saying what is wrong with it, with the accepted forms as its hint.
    """
    text = (value or "").strip()
    said = {"hint": ISO_FORMS, "hint_key": "error.date.hint"}
    if not _AS_OF.fullmatch(text):
        raise UsageError(
            f"cannot read the date {value!r}",
            key="error.date.unreadable",
            fields={"value": repr(value)},
            **said,
        )
    try:
        bounds(text)
        if len(text) == 10:
            date.fromisoformat(text)
    except ValueError as e:
        fields = {"value": repr(value), "detail": str(e)}
        raise UsageError(
            f"no such date {value!r}: {e}", key="error.date.no_such_day", fields=fields, **said
        ) from e
    if len(text) >= 7 and not 1 <= int(text[5:7]) <= 12:
        raise UsageError(
            f"no such month in {value!r}",
            key="error.date.no_such_month",
            fields={"value": repr(value)},
            **said,
        )
    return text


def value_time(fact: Fact, value: FactValue, reported: Mapping[str, str] | None = None) -> str | None:
    """When a value began, on the clock that orders its fact.

    World clock (the value's date) for states and tranches; for a cumulative total, and for
    any value the text does not date, the reporting clock: the first publication of its
    documents, else (given ``reported``: doc id → ingestion date) their first ingestion.
    """
    if fact.kind != "cumulative" and value.date:
        return value.date
    if value.reported:
        return value.reported
    known = sorted(normalize_date(reported[d]) or "~" for d in value.docs if reported and reported.get(d))
    return known[0] if known and known[0] != "~" else None


def facts_as_of(facts: list[Fact], as_of: str, reported: Mapping[str, str] | None = None) -> list[Fact]:
    """The facts that held at ``as_of`` (ISO at any precision), each with the value(s) current then.

    ``reported`` (doc id → ingestion date) stands in for unknown publication dates.
    """
    as_of = parse_as_of(as_of)
    first, last = (d.isoformat() for d in bounds(as_of))
    out = []
    for fact in facts:
        held = _as_of(fact, as_of, first, last, reported)
        if held is not None:
            out.append(held)
    return out


def _as_of(fact: Fact, as_of: str, first: str, last: str, reported: Mapping[str, str] | None) -> Fact | None:
    history = [v for v in fact.values if v.modality in ASSERTED or v.modality == NEGATED]
    times = [value_time(fact, v, reported) for v in history]
    began = fact.valid_from or min(
        (t for t, v in zip(times, history, strict=True) if t and v.modality in ASSERTED), default=None
    )
    if began is None or start(began) > last:
        return None
    if fact.valid_to and start(fact.valid_to) <= first:
        return None
    strict = fact.kind == "cumulative"  # a total counts only once it was reported
    known = [
        (t, v)
        for t, v in zip(times, history, strict=True)
        if (t and start(t) <= last) or (t is None and not strict)
    ]
    if not any(v.modality in ASSERTED for _, v in known):
        return None
    return _with_values(fact, known, history, times, as_of)


def _with_values(
    fact: Fact,
    known: list[tuple[str | None, FactValue]],
    history: list[FactValue],
    times: list[str | None],
    as_of: str,
) -> Fact | None:
    asserted = [(t, v) for t, v in known if v.modality in ASSERTED]
    note = _notes(fact, as_of)
    if fact.status == "disputed":
        return replace(fact, values=tuple(v for _, v in asserted), notes=note)
    if fact.kind == "cumulative":
        value = max(asserted, key=lambda tv: (tv[1].amount or 0, start(tv[0])))[1]
        return replace(fact, values=(value,), notes=note)
    if fact.status == "updated":
        t, value = ([tv for tv in known if tv[0]] or known)[-1]
        if value.modality == NEGATED:
            return None
        later = [tt for tt in times[history.index(value) + 1 :] if tt]
        return replace(
            fact, values=(value,), valid_from=t, valid_to=later[0] if later else fact.valid_to, notes=note
        )
    best = current_value(replace(fact, values=tuple(v for _, v in asserted)))
    return replace(fact, values=(best or asserted[-1][1],), notes=note)


def _notes(fact: Fact, as_of: str) -> tuple[dict[str, Any], ...]:
    what = {"disputed": "note.as_of_disputed", "updated": "note.as_of_updated"}.get(
        fact.status, "note.as_of_other"
    )
    return ({"key": "note.as_of", "date": as_of, "what": {"key": what}}, *fact.notes)


def ingestion_dates(store: Store) -> dict[str, str]:
    """Doc id → ingestion date: the reporting clock's fallback where a publication date is unknown."""
    return {r.document.id: r.document.ingested_at[:10] for r in store.documents() if r.document.ingested_at}


def state_as_of(store: Store, as_of: str, entity: str | None = None) -> list[Fact]:
    """The relations that held at ``as_of``, read from the store's facts (see the module's rules)."""
    return facts_as_of(store.facts(entity=entity), as_of, ingestion_dates(store))
