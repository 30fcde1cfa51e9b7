"""The calls the API and the pages make into reconciliation, in one place.

Thin wrappers over :mod:`veille.reconcile`: they turn a bad date into a
:class:`~veille.errors.UsageError` (a 400 problem) and give every fact value the claims
behind it. No reasoning about facts happens here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from veille.errors import UsageError
from veille.models import Fact
from veille.reconcile import digest, render, state
from veille.reconcile import timeline as tl
from veille.store.base import Store


def parse_date(value: str | None, what: str = "date") -> str | None:
    """An ISO date at year, month or day precision; None when empty; else a UsageError."""
    if value is None or not value.strip():
        return None
    try:
        return state.parse_as_of(value)
    except UsageError as e:
        raise UsageError(f"bad {what}: {e}", hint="") from e


def fact_json(fact: Fact) -> dict[str, Any]:
    """The SPEC's JSON form of a fact (with labels, current value and per-value evidence)."""
    return render.fact_json(fact)


def facts_as_of(facts: Sequence[Fact], as_of: str) -> list[Fact]:
    """The facts that held at ``as_of`` (world time), each with the value current then."""
    return state.facts_as_of(list(facts), as_of)


def state_as_of(store: Store, as_of: str, entity: str | None = None) -> list[Fact]:
    """The relations that held at a date."""
    return state.state_as_of(store, as_of, entity=entity)


def timeline(
    store: Store,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str = "fr",
    doc: str | None = None,
) -> list[dict[str, Any]]:
    """Dated events in order, titled in ``lang``; each with ``date``, ``title``, ``entities``, ``docs``,
    ``kind``, ``dated_by`` and ``sources`` (``{doc, source, published, evidence, start, end}``: the
    sentences to link to). ``doc`` keeps only what one document tells."""
    return tl.build_timeline(store, entity=entity, date_from=date_from, date_to=date_to, lang=lang, doc=doc)


def value_claims(store: Store, fact: Fact) -> list[list[dict[str, Any]]]:
    """For each value of a fact, the claims behind it: ``{doc, evidence, start, end, ...}``.

    Facts carry them since reconciliation records them; for a fact stored without, the
    claims of its key in the value's documents stand in.
    """
    if all(v.claims for v in fact.values):
        return [[dict(c) for c in v.claims] for v in fact.values]
    claims = store.claims(keys=[fact.key])
    return [
        [dict(c) for c in v.claims] or [c.to_dict() for c in claims if c.doc in v.docs] for v in fact.values
    ]


NEWS_DAYS = 30  # the window of "what's new" and of the change feed when no date is given


def news_since(value: str | None) -> str:
    """The start of "what's new": the date or time given, else ``NEWS_DAYS`` days ago (UTC timestamp)."""
    if value and value.strip():
        return digest.parse_since(value)
    return digest.parse_since((datetime.now(UTC) - timedelta(days=NEWS_DAYS)).isoformat())


def changes(
    store: Store, since: str, entity: str | None = None, lang: str = "fr"
) -> list[tuple[str, list[dict[str, Any]]]]:
    """What changed after ``since``, by entity, most important first (see :mod:`veille.reconcile.digest`);
    event titles in ``lang``."""
    found = digest.changes_since(store, since, entity, lang=lang)
    return digest.groups(found, entity and store.canonical(entity))


def fact_history(store: Store, key: str) -> tuple[Fact | None, list[dict[str, Any]]]:
    """A fact as it stands (None once withdrawn) and every logged change of it, latest first."""
    found = store.facts_by_key([key])
    history = [digest.change_entry(c) for c in reversed(store.changes(key=key))]
    return (found[0] if found else None), history
