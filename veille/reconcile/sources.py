"""Who says it: document metadata and independent sources, read once per reconciliation.

The reporting clock lives here: a document's publication date (``Document.published``);
ingestion time is not used by facts, so that they depend only on the documents' content and
metadata and an incremental refresh gives what a rebuild gives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from veille.models import Document
from veille.reconcile.values import normalize_date
from veille.store.base import Store


class Sources:
    """Document metadata and near-duplicate links, read once per build (the reporting clock)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, Document | None] = {}
        self._links: dict[str, set[str]] = defaultdict(set)
        for a, b, _ in store.duplicates():
            self._links[a].add(b)
            self._links[b].add(a)

    def doc(self, doc_id: str) -> Document | None:
        """The document's metadata (its text is dropped: a refresh after a large batch touches every document)."""
        if doc_id not in self._docs:
            found = self.store.document(doc_id)
            self._docs[doc_id] = replace(found, text="") if found is not None else None
        return self._docs[doc_id]

    def published(self, doc_id: str) -> str | None:
        d = self.doc(doc_id)
        return normalize_date(d.published) if d else None

    def independent(self, docs: set[str]) -> int:
        """How many independent sources among ``docs``: near-duplicates and same-outlet copies count once.

        Only links between these documents count (no chains through others), so the number
        depends on nothing but the value's own documents.
        """
        parent = {d: d for d in docs}

        def find(d: str) -> str:
            while parent[d] != d:
                d = parent[d]
            return d

        seen: dict[tuple[str, str], str] = {}
        for d in sorted(docs):
            info = self.doc(d)
            twins = {o for o in self._links.get(d, ()) if o in docs}
            if info is not None:
                twins.add(seen.setdefault((info.source or "", info.hash), d))
            for o in twins:
                parent[find(o)] = find(d)
        return len({find(d) for d in docs})
