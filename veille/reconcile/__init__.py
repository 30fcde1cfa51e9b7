"""Reconciliation: claims → facts, conflicts, timeline, state as of a date.

``refresh(store)`` rebuilds only the facts whose keys are marked dirty — the store marks the
keys of the claims a save or a delete touches, in the same transaction — so ingesting or
deleting a document re-reconciles only the facts it touches. ``rebuild(store)`` rebuilds all
of them; both give the same facts (tests/test_incremental.py checks it with Hypothesis).

Modules: :mod:`~veille.reconcile.keys` (which claims speak of the same fact),
:mod:`~veille.reconcile.facts` (values, sources, status, validity),
:mod:`~veille.reconcile.values` (ranges, dates, the two clocks),
:mod:`~veille.reconcile.timeline`, :mod:`~veille.reconcile.state`, :mod:`~veille.reconcile.render`,
:mod:`~veille.reconcile.changes` (what a rebuild changed, for the change log) and
:mod:`~veille.reconcile.digest` (what changed since a time).
"""

from __future__ import annotations

from veille.reconcile.changes import differ
from veille.reconcile.facts import build_facts
from veille.reconcile.keys import fact_key
from veille.store.base import Store

REFRESH_CHUNK = 500  # keys reconciled per transaction: memory stays bounded after a large batch


def refresh(store: Store, keys: set[str] | None = None) -> int:
    """Re-reconcile the facts of ``keys`` (default: the store's dirty keys). Returns how many keys.

    Keys go in chunks, each in its own transaction that also clears their dirty marks and
    logs what changed (:mod:`~veille.reconcile.changes`), so a crash in the middle leaves the
    rest marked for the next run.
    """
    todo = sorted(store.dirty_keys() if keys is None else set(keys))
    for at in range(0, len(todo), REFRESH_CHUNK):
        part = set(todo[at : at + REFRESH_CHUNK])
        store.replace_facts(part, build_facts(store.claims(keys=part), store), differ())
    return len(todo)


def rebuild(store: Store) -> int:
    """Re-reconcile every fact, stale ones included (the facts of keys no claim supports go)."""
    stale = {f.key for f in store.facts()}
    return refresh(store, store.claim_keys() | store.dirty_keys() | stale)


__all__ = ["build_facts", "fact_key", "rebuild", "refresh"]
