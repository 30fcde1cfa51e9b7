"""How records are written into the store's columns and read back: times, facts, changes."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from veille.models import Change, Fact, FactValue


def timestamp(when: datetime | None = None) -> str:
    """A UTC time to the microsecond, as documents' ``ingested_at``, the change log and the run marks keep it.

    Every such text has the same shape, so comparing texts compares times.
    """
    when = when or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.astimezone()  # a naive time is the local time of this machine
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def values_from_json(values: list[dict[str, Any]]) -> tuple[FactValue, ...]:
    return tuple(
        FactValue(**{**v, "docs": tuple(v["docs"]), "claims": tuple(v.get("claims", ()))}) for v in values
    )


def fact_from_json(data: str) -> Fact:
    d = json.loads(data)
    d.pop("note", None)  # a fact stored before notes had a language of their own: rebuilt at its next change
    return Fact(**{**d, "values": values_from_json(d["values"]), "notes": tuple(d.get("notes", ()))})


def change_json(change: Change) -> str:
    d = asdict(change)
    d.pop("id")
    return json.dumps(d, ensure_ascii=False)


def change_from_row(row_id: int, data: str) -> Change:
    d = json.loads(data)
    d.update(
        before=values_from_json(d["before"]),
        after=values_from_json(d["after"]),
        docs=tuple(d["docs"]),
        id=row_id,
    )
    return Change(**d)
