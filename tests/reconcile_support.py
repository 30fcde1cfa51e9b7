"""Builders for the reconciliation tests: real stores filled with hand-made claims (no NLP).

The sentences are our own, written for the tests; documents are saved the way ingestion
saves them (``store.save`` with ``fact_key``), then ``refresh`` reconciles.
"""

from __future__ import annotations

import hashlib
from typing import Any

from veille.models import Claim, Document, EntityRef, Event, Processed
from veille.reconcile import fact_key, refresh
from veille.store import Store, open_store

TYPES = {"Sam Altman": "person", "Elon Musk": "person", "CMA": "regulator", "FTC": "regulator"}


def claim(doc: str, subject: str, predicate: str, obj: str | None, evidence: str, **values: Any) -> Claim:
    """A claim with its sentence; offsets follow the order of the calls within a document."""
    start = values.pop("start", 0)
    return Claim(doc, subject, predicate, obj, evidence, start, start + len(evidence), **values)


def document(
    doc_id: str,
    claims: list[Claim] | tuple[Claim, ...] = (),
    published: str | None = None,
    source: str | None = None,
    events: list[Event] | tuple[Event, ...] = (),
    text: str | None = None,
) -> Processed:
    """A processed document: its claims (placed one after another in its text; claims with the same
    sentence in a row share it, as claims of one sentence do) and events."""
    placed: list[Claim] = []
    pieces: list[str] = []
    offset = 0
    for c in claims:
        if placed and placed[-1].evidence == c.evidence:
            offset -= len(c.evidence) + 1
        else:
            pieces.append(c.evidence)
        placed.append(
            Claim(**{**c.to_dict(), "doc": doc_id, "start": offset, "end": offset + len(c.evidence)})
        )
        offset += len(c.evidence) + 1
    body = text or " ".join(pieces) or doc_id
    names = sorted(
        {n for c in claims for n in (c.subject, c.object) if n} | {n for e in events for n in e.entities}
    )
    return Processed(
        Document(
            doc_id,
            body,
            hashlib.sha1(f"{doc_id}:{body}".encode()).hexdigest(),
            title=doc_id,
            source=source,
            published=published,
            url=None,
        ),
        entities=tuple(EntityRef(n, TYPES.get(n, "company")) for n in names),
        claims=tuple(placed),
        events=tuple(events),
    )


def filled(docs: list[Processed], path: str = ":memory:") -> Store:
    """A store holding these documents, reconciled."""
    store = open_store(path)
    store.save(docs, fact_key)
    refresh(store)
    return store


def fact_of(store: Store, key: str) -> Any:
    """The stored fact of a key (fails the test when there is none)."""
    found = [f for f in store.facts() if f.key == key]
    assert found, f"no fact {key!r}; facts: {[f.key for f in store.facts()]}"
    return found[0]
