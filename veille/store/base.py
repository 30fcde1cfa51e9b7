"""The storage protocol: the one small surface the rest of veille talks to.

Two implementations: :mod:`veille.store.sqlite` (default, a file) and
:mod:`veille.store.postgres` (``postgresql://`` URLs). Both run the same SQL from
:mod:`veille.store.schema` with a dialect for the few places where they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from veille.models import Change, Claim, Document, Event, Fact, Mention, Processed


@dataclass(frozen=True, slots=True)
class EntityRow:
    name: str
    type: str
    wikidata: str | None
    aliases: tuple[str, ...]
    mentions: int
    docs: int
    claims: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the API, ``veille entities --format jsonl`` and the exports share."""
        return {
            "name": self.name,
            "type": self.type,
            "wikidata": self.wikidata,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "documents": self.docs,
            "claims": self.claims,
        }


@dataclass(frozen=True, slots=True)
class DocumentRow:
    document: Document
    claims: int
    duplicates: tuple[str, ...]  # ids of near-duplicate documents


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # document | entity
    id: str
    title: str
    snippet: str


@dataclass(frozen=True, slots=True)
class SourceState:
    """What ``veille watch`` remembers of one source between cycles."""

    spec: str  # the URL, or the absolute path of a file or folder
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None  # last time it was polled (UTC, ISO)
    changed_at: str | None = None  # last time it gave something new or changed
    failures: int = 0  # failures in a row
    retry_at: str | None = None  # backing off: not polled before this time
    last_error: str | None = None


KeyFn = Callable[[Claim], str]
Diff = Callable[[list[Fact], list[Fact]], Sequence[Change]]  # (facts before, facts after) → changes


class Store(Protocol):
    url: str

    def close(self) -> None: ...

    # documents -----------------------------------------------------------
    def has_hash(self, content_hash: str) -> str | None:
        """The id of the stored document with this content hash, if any."""

    def has_id(self, doc_id: str) -> bool: ...

    def save(self, items: Sequence[Processed], key: KeyFn) -> list[str]:
        """Store documents with all that was derived from them, in one transaction.

        A document whose text (hash) is already stored is skipped (re-ingesting changes
        nothing); one whose id is stored with another text replaces it with all that was
        derived from it, its fact keys marked dirty. ``key`` gives each claim its fact key.
        Returns the ids written.
        """

    def document(self, doc_id: str) -> Document | None: ...

    def documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentRow]: ...

    def delete(self, doc_id: str) -> set[str]:
        """Remove a document and all derived from it; returns the fact keys it touched."""

    def dirty_keys(self) -> set[str]:
        """Fact keys whose claims changed (saved or deleted) since their facts were rebuilt.

        Marked in the same transaction as the change, cleared by ``replace_facts``: a
        crash between the two leaves them marked, and the next run reconciles them.
        """

    def canonical(self, name: str) -> str:
        """The canonical entity name for a name or alias; the name itself if unknown."""

    def period(self) -> tuple[str | None, str | None]:
        """Earliest and latest publication dates of the stored documents."""

    def signatures(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        """(doc id, MinHash signature) of every stored document."""

    def link_duplicates(self, pairs: Sequence[tuple[str, str, float]]) -> None: ...

    def duplicates(self) -> list[tuple[str, str, float]]: ...

    # knowledge -----------------------------------------------------------
    def claims(
        self,
        doc: str | None = None,
        entity: str | None = None,
        predicate: str | None = None,
        keys: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]: ...

    def claim_keys(self, doc: str | None = None) -> set[str]: ...

    def entities(self) -> list[EntityRow]: ...

    def entity(self, name: str) -> EntityRow | None:
        """Look an entity up by canonical name or alias (case-insensitive)."""

    def entity_types(self) -> dict[str, str]:
        """Canonical name → type, for every stored entity (cheap: no counts)."""

    def mentions(self, doc_id: str) -> list[Mention]: ...

    def events(
        self, entity: str | None = None, date_from: str | None = None, date_to: str | None = None
    ) -> list[Event]: ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    # facts ---------------------------------------------------------------
    def replace_facts(self, keys: Iterable[str], facts: Sequence[Fact], diff: Diff | None = None) -> None:
        """Delete the facts of these keys, store the new ones and clear the keys' dirty marks,
        in one transaction; with ``diff``, also log the changes it finds between the facts
        stored before and the new ones, in the same transaction."""

    def facts_by_key(self, keys: Iterable[str]) -> list[Fact]: ...

    def facts(
        self, entity: str | None = None, predicate: str | None = None, status: str | None = None
    ) -> list[Fact]: ...

    def stats(self) -> dict[str, int]:
        """Counts: documents, entities, claims, facts, conflicts, sources."""

    # following: the change log, watched sources, last runs ------------------
    def changes(
        self,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        key: str | None = None,
    ) -> list[Change]:
        """Logged changes recorded after ``since`` and up to ``until`` (ISO times), oldest first."""

    def arrivals(self) -> dict[str, str]:
        """Document id → when it was ingested (``ingested_at``)."""

    def record_run(self, name: str, at: str) -> None:
        """Remember when the command ``name`` (``changes``, ``watch``) last ran."""

    def last_run(self, name: str) -> str | None: ...

    def source_state(self, spec: str) -> SourceState | None: ...

    def source_items(self, spec: str) -> dict[str, str]:
        """Item (feed entry, page, file) → fingerprint of what the source gave last time."""

    def save_source(self, state: SourceState, seen: Sequence[tuple[str, str, str | None]]) -> None:
        """Store a source's state and the items seen (item, fingerprint, document id), in one transaction."""
