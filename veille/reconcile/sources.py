"""Who says it: document metadata and independent sources, read once per reconciliation.

The reporting clock lives here: a document's publication date (``Document.published``),
else the day it was ingested (``Document.ingested_at``: when we learned it at the latest).
Both are stored with the document and never change, so an incremental refresh still gives
what a rebuild gives.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import replace

from veille.models import Claim, Document
from veille.reconcile.values import normalize_date
from veille.store.base import Store

SENTENCE_CACHE = 64  # documents whose claims are kept while reconciling (a few are read again)


class Sources:
    """Document metadata and near-duplicate links, read once per build (the reporting clock)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, Document | None] = {}
        self._claims: OrderedDict[str, list[Claim]] = OrderedDict()
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

    def reported(self, doc_id: str) -> str | None:
        """When the document reported what it says: its publication date, else its ingestion day."""
        d = self.doc(doc_id)
        if d is None:
            return None
        return normalize_date(d.published) or normalize_date((d.ingested_at or "")[:10])

    def lang(self, doc_id: str) -> str:
        d = self.doc(doc_id)
        return d.lang if d and d.lang else "fr"

    def sentence(self, claim: Claim) -> list[Claim]:
        """The other claims of the claim's sentence (same document, same offsets)."""
        if claim.doc not in self._claims:
            self._claims[claim.doc] = self.store.claims(doc=claim.doc)
            if len(self._claims) > SENTENCE_CACHE:
                self._claims.popitem(last=False)
        return [c for c in self._claims[claim.doc] if c.start == claim.start and c != claim]

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
