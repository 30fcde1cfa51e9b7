"""What a rebuild changed: a fact before and after, compared into the change log.

``refresh`` hands :func:`differ` to the store, which calls it inside the transaction that
replaces the facts, with the facts as they were stored and as they were rebuilt. Each fact
whose values or documents differ gives one :class:`~veille.models.Change`, of the first kind
that applies:

1. ``withdrawn`` — the fact is gone (its documents deleted);
2. ``new`` — the fact appeared (``disputed`` instead when it appears already in dispute);
3. ``disputed`` — it became disputed, or a dispute got a value it did not have;
4. ``withdrawn`` — values or sources left with a deleted document, and nothing came in;
5. ``updated`` — a value came in and the current value changed (``before`` holds the old
   one, ``after`` the new);
6. ``added`` — values came in that change nothing current (a plan, an earlier or compatible
   figure);
7. ``confirmed`` — the same values, stated by more documents.

A rebuild that gives the same values from the same documents logs nothing, whatever else it
recomputes (notes, statuses read anew): the log says what the *sources* changed. ``docs`` are
the documents that caused the change: those added or removed, else those of the values that
differ (an edited document re-read under the same id).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from veille.models import Change, Fact, FactValue
from veille.reconcile.values import ASSERTED, NEGATED, current_value
from veille.store.codec import timestamp

Identity = tuple[Any, ...]


def differ(at: str | None = None) -> Callable[[list[Fact], list[Fact]], list[Change]]:
    """The diff the store runs while it replaces facts; every change stamped with ``at`` (default: now)."""
    return lambda before, after: compare(before, after, at or timestamp())


def compare(before: Sequence[Fact], after: Sequence[Fact], at: str) -> list[Change]:
    """One change per fact key whose values or documents differ, in key order."""
    old = {f.key: f for f in before}
    new = {f.key: f for f in after}
    out = []
    for key in sorted(old.keys() | new.keys()):
        change = fact_change(old.get(key), new.get(key), at)
        if change is not None:
            out.append(change)
    return out


def identity(v: FactValue) -> Identity:
    """What makes two values the same value (their documents aside)."""
    return (v.amount, v.currency, v.qualifier, v.percent, v.date, v.date_end, v.modality)


def _docs(values: Iterable[FactValue]) -> set[str]:
    return {d for v in values for d in v.docs}


def _history(values: Iterable[FactValue]) -> tuple[FactValue, ...]:
    return tuple(v for v in values if v.modality in ASSERTED or v.modality == NEGATED)


def _change(kind: str, fact: Fact, before: Any, after: Any, docs: set[str], at: str) -> Change:
    status = None if kind == "withdrawn" and not after else fact.status
    return Change(
        kind=kind,
        key=fact.key,
        subject=fact.subject,
        predicate=fact.predicate,
        object=fact.object,
        status=status,
        before=tuple(before),
        after=tuple(after),
        docs=tuple(sorted(docs)),
        at=at,
    )


def fact_change(old: Fact | None, new: Fact | None, at: str) -> Change | None:
    """The change from ``old`` to ``new`` (either may be None), or None when the sources changed nothing."""
    if new is None:
        return None if old is None else _change("withdrawn", old, old.values, (), _docs(old.values), at)
    if old is None:
        kind = "disputed" if new.status == "disputed" else "new"
        return _change(kind, new, (), new.values, _docs(new.values), at)
    before = {identity(v): v for v in old.values}
    after = {identity(v): v for v in new.values}
    added = [v for k, v in after.items() if k not in before]
    removed = [v for k, v in before.items() if k not in after]
    sourced = [v for k, v in after.items() if k in before and set(v.docs) - set(before[k].docs)]
    thinned = [v for k, v in before.items() if k in after and set(v.docs) - set(after[k].docs)]
    if not (added or removed or sourced or thinned):
        return None
    docs = (_docs(new.values) ^ _docs(old.values)) or _docs(added + removed)
    kind, was, now = _classify(old, new, added, removed + thinned, sourced)
    return _change(kind, new, was, now, docs, at)


def _classify(
    old: Fact, new: Fact, added: list[FactValue], removed: list[FactValue], sourced: list[FactValue]
) -> tuple[str, Sequence[FactValue], Sequence[FactValue]]:
    """The kind of a change to a fact that stays, with the values before and after it concerns."""
    if new.status == "disputed" and (old.status != "disputed" or added):
        return "disputed", _history(old.values), _history(new.values)
    if removed and not added:
        return "withdrawn", removed, new.values
    was, now = current_value(old), current_value(new)
    if added and now is not None and (was is None or identity(was) != identity(now)):
        return "updated", (was,) if was else old.values, (now,)
    if added:
        return "added", (), added
    return "confirmed", (), sourced
