"""Reconciliation: claims → facts, conflicts, timeline, state as of a date.

``refresh(store)`` rebuilds the facts of the keys marked dirty (incremental);
``rebuild(store)`` rebuilds all of them.
"""

from __future__ import annotations

from veille.reconcile.facts import build_facts
from veille.reconcile.keys import fact_key
from veille.store.base import Store


def refresh(store: Store, keys: set[str] | None = None) -> int:
    """Re-reconcile the facts of ``keys`` (default: the store's dirty keys). Returns how many."""
    keys = store.dirty_keys() if keys is None else keys
    if not keys:
        return 0
    claims = store.claims(keys=keys)
    store.replace_facts(keys, build_facts(claims, store))
    return len(keys)


def rebuild(store: Store) -> int:
    return refresh(store, store.claim_keys() | store.dirty_keys())


__all__ = ["build_facts", "fact_key", "rebuild", "refresh"]
