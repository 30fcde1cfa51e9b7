"""The records that flow through veille, from a raw article to a fact.

Every record is a frozen dataclass with slots: cheap, hashable, picklable (so it can
travel to a Dask worker and back) and impossible to change by accident.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PREDICATES_FILE = Path(__file__).parent / "packs" / "alliances" / "predicates.json"


@dataclass(frozen=True, slots=True)
class Predicate:
    """A relation of the vocabulary, as ``predicates.json`` of the bundled pack describes it."""

    name: str
    label_fr: str
    label_en: str
    kind: str  # "event" (dated: one fact a year) or "state" (one current value)
    symmetric: bool = False  # holds both ways: a fact orders its two ends by name
    funding: bool = False  # money going in: a tranche or a cumulative total

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_fr


def _predicates() -> dict[str, Predicate]:
    """The vocabulary of relations, read once from the bundled pack (checked by ``veille.packs.schema``)."""
    data = json.loads(PREDICATES_FILE.read_text(encoding="utf-8"))["predicates"]
    return {
        name: Predicate(
            name,
            d["label"]["fr"],
            d["label"]["en"],
            d["kind"],
            bool(d.get("symmetric", False)),
            bool(d.get("funding", False)),
        )
        for name, d in data.items()
        if not name.startswith("_")
    }


PREDICATE_INFO = _predicates()
PREDICATES = tuple(PREDICATE_INFO)
SYMMETRIC = frozenset(p for p, d in PREDICATE_INFO.items() if d.symmetric)
EVENT_PREDICATES = frozenset(p for p, d in PREDICATE_INFO.items() if d.kind == "event")
STATE_PREDICATES = frozenset(p for p, d in PREDICATE_INFO.items() if d.kind == "state")
FUNDING_PREDICATES = frozenset(p for p, d in PREDICATE_INFO.items() if d.funding)
MODALITIES = ("asserted", "reported", "planned", "speculative", "conditional", "negated")
QUALIFIERS = ("about", "more_than", "at_least", "less_than", "up_to")
ENTITY_TYPES = ("company", "person", "regulator", "government", "product", "project", "fund", "other")
DATED_BY = ("text", "heading", "article")  # where a claim's date comes from (None: no date)
ROLES = ("agent", "patient", "org", "partner", "rank")  # the participants of an event, and its values
VALUE_ROLES = ("rank",)  # roles that hold a value ("2": the second largest), not an entity
EVENT_KINDS = (
    "dismissal",
    "reinstatement",
    "resignation",
    "appointment",
    "founding",
    "investigation",
    "withdrawal",
    "agreement",
    "termination",
    "merger",
    "ipo",
    "lawsuit",
    "fine",
    "approval",
    "succession",
    "helm",
    "posting",
    "approach",
    "partner_search",
    "plan",
    "ranking",
)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as a reader found it, before cleaning.

    Exactly one of ``text`` and ``html`` is set. ``origin`` names where it came from
    (a path, a URL, ``file.jsonl:12``) for messages.
    """

    id: str
    origin: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: normalised text plus metadata and its identity."""

    id: str
    text: str
    hash: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date at its precision
    lang: str = "fr"
    ingested_at: str | None = None


@dataclass(frozen=True, slots=True)
class Money:
    """A money expression: ``plus de 115 milliards de dollars`` → 115e9 USD more_than."""

    amount: float
    currency: str | None
    qualifier: str | None
    start: int
    end: int
    text: str
    amount_high: float | None = None  # upper bound of a range ("entre 10 et 20 milliards")


@dataclass(frozen=True, slots=True)
class Percent:
    value: float
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in text.

    ``value`` is ISO 8601 at the stated precision (``2019``, ``2019-07``,
    ``2025-09-11``) or None when it is relative and no reference date was known.
    ``kind`` says how it relates to the event: ``point`` (en 2019), ``since``
    (depuis 2019), ``until`` (d'ici 2029, jusqu'en 2032, avant fin 2025), ``after``
    (au-delà de 2030), ``duration`` (sur dix ans: see ``years``).
    """

    text: str
    start: int
    end: int
    value: str | None
    kind: str = "point"
    precision: str | None = None  # year | half | quarter | month | day
    fuzzy: str | None = None  # start | mid | end (of the period)
    years: float | None = None  # for durations


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A canonical entity as the extractor knows it."""

    name: str
    type: str = "other"
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a document's clean text where an entity is named or referred to."""

    entity: str  # canonical name
    start: int
    end: int
    text: str
    how: str = "name"  # name | alias | description | anaphora | ner


@dataclass(frozen=True, slots=True)
class Claim:
    """One relation stated in one sentence of one document (SPEC "Claims")."""

    doc: str
    subject: str
    predicate: str
    object: str | None
    evidence: str
    start: int
    end: int
    amount: float | None = None
    currency: str | None = None
    amount_qualifier: str | None = None
    percent: float | None = None
    date: str | None = None
    date_end: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    exclusive: bool | None = None
    kind: str | None = None  # tranche | cumulative | None (for facts)
    dated_by: str | None = None  # text | heading | article | None: where ``date`` comes from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event sentence: its kind and its participants in their roles.

    ``roles`` maps a role (:data:`ROLES`: ``agent`` who acts, ``patient`` who undergoes,
    ``org`` the organisation it happens in or to, ``partner`` the other party) to a canonical
    entity, e.g. ``(("agent", "OpenAI"), ("patient", "Sam Altman"))``; a role may repeat.
    The timeline titles an event from its kind and roles in the reader's language; ``title``
    is the extractor's own label, kept for the record, never shown as the event's title.
    """

    doc: str
    date: str
    title: str
    entities: tuple[str, ...]
    evidence: str
    start: int
    end: int
    kind: str = "event"  # one of EVENT_KINDS (or a predicate)
    roles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Processed:
    """All that the per-document pipeline derives from one article.

    This is what travels back from a worker to the process that writes the store.
    """

    document: Document
    entities: tuple[EntityRef, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    minhash: tuple[int, ...] = ()


# What the per-document work gives for one document: its result, or ``(document, message)``
# when processing it failed (the runners report it and go on with the others).
Result = Processed | tuple[Document, str]


@dataclass(frozen=True, slots=True)
class FactValue:
    """One value a fact takes, with who says it."""

    amount: float | None
    currency: str | None
    percent: float | None
    date: str | None
    date_end: str | None
    modality: str
    sources: int  # independent sources (near-duplicates count once)
    docs: tuple[str, ...]
    claims: tuple[dict[str, Any], ...] = ()  # evidence, doc, source, published, offsets
    qualifier: str | None = None
    reported: str | None = None  # earliest publication date among its docs
    dated_by: str | None = None  # where ``date`` comes from: text | heading | article
    condition: str | None = None  # a value tied to a condition or a sequence: "jusqu'à …, puis 49 %"


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims reconciled across sources (SPEC "Facts")."""

    key: str
    subject: str
    predicate: str
    object: str | None
    status: str  # agreed | updated | disputed | prospective
    kind: str | None
    values: tuple[FactValue, ...]
    valid_from: str | None = None
    valid_to: str | None = None
    # why the status, in no language: ``{"key": "note.history", "values": [...], "date": …}``;
    # veille.reconcile.render.note_text writes them in French or English
    notes: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


CHANGE_KINDS = ("disputed", "updated", "new", "withdrawn", "added", "confirmed")  # most important first


@dataclass(frozen=True, slots=True)
class Change:
    """What one rebuild of a fact changed, as the change log keeps it.

    ``kind``: ``new`` (the fact appeared), ``disputed`` (it became disputed, or a dispute got
    a new value), ``updated`` (its current value changed: ``before`` → ``after``), ``withdrawn``
    (values or the whole fact gone with a deleted document), ``added`` (a value that changes
    nothing current: a plan, an earlier value, a compatible figure), ``confirmed`` (the same
    values from more sources). ``docs`` are the documents that caused it; ``at`` is when it
    was recorded (UTC, ISO 8601).
    """

    kind: str
    key: str
    subject: str
    predicate: str
    object: str | None
    status: str | None  # the fact's status after the change; None once the fact is gone
    before: tuple[FactValue, ...]
    after: tuple[FactValue, ...]
    docs: tuple[str, ...]
    at: str = ""
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What a batch did: counted per outcome, with the reasons of failures."""

    ingested: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    near_duplicates: tuple[tuple[str, str], ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (origin, message)
    claims: int = 0
    updated: tuple[str, ...] = ()  # stored before with another text: replaced, facts re-reconciled

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(slots=True)
class Counter:
    """A mutable tally used while a batch runs; frozen into an IngestReport at the end."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    updated: list[str] = field(default_factory=list)

    def freeze(self) -> IngestReport:
        return IngestReport(
            tuple(self.ingested),
            tuple(self.unchanged),
            tuple(self.near_duplicates),
            tuple(self.failed),
            self.claims,
            tuple(self.updated),
        )
