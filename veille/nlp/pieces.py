"""Long documents in pieces: paragraph-aligned, each under spaCy's limit, offsets kept.

spaCy refuses a text over ``nlp.max_length`` characters (error E088), and on a long text its
time and memory grow faster than the text. ``split`` cuts a text into pieces of at most
``PIECE_CHARS`` characters at paragraph breaks (else at line breaks, sentence ends, spaces);
the pieces put end to end give the text back exactly, so ``offset + position in the piece`` is
a position in the whole text. ``in_pieces`` annotates the pieces with ``nlp.pipe`` (a few at a
time), reads each one as a document of its own, moves the offsets of its mentions, claims and
events into the whole text, and joins the results: time and memory grow with the text, linearly.

An article of a few thousand words is one piece, read exactly as before. What a piece cannot
see is the context of the previous piece (the entity a pronoun refers to, a section date), so
pieces are large and end where a paragraph does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from veille.models import Claim, Document, EntityRef, Event, Mention

PIECE_CHARS = 20_000  # about 3,000 words: most articles are one piece; 4 in flight stay light to parse
BREAKS = ("\n\n", "\n", ". ", " ")

Extraction = tuple[list[EntityRef], list[Mention], list[Claim], list[Event]]
Read = Callable[[Document, Any], Extraction]  # (the piece as a document, its spaCy Doc)
Dedupe = Callable[[list[Claim]], list[Claim]]
T = TypeVar("T", Mention, Claim, Event)


def split(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs, each piece at most ``limit`` characters, ending at a break."""
    if limit < 2:
        raise ValueError("a piece holds at least two characters")
    pieces, start = [], 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    """Where the piece that begins at ``start`` ends: just after the strongest break in the second
    half of ``[start, stop)`` (a paragraph break, else a line break, a sentence end, a space)."""
    middle = start + (stop - start) // 2
    for brk in BREAKS:
        found = text.rfind(brk, middle, stop)
        if found != -1:
            return found + len(brk)
    return stop  # one unbroken run of characters: cut it where the limit falls


def in_pieces(
    documents: Iterable[Document], nlp: Any, read: Read, dedupe: Dedupe, batch_size: int = 4
) -> Iterator[Extraction]:
    """The extraction of each document, long ones read piece by piece and joined, in input order."""
    limit = min(PIECE_CHARS, nlp.max_length - 1)
    cut = [(document, split(document.text, limit)) for document in documents]
    docs = iter(nlp.pipe((piece for _, pieces in cut for _, piece in pieces), batch_size=batch_size))
    for document, pieces in cut:
        parts = [
            _shifted(read(replace(document, text=piece) if len(pieces) > 1 else document, next(docs)), offset)
            for offset, piece in pieces
        ]
        yield parts[0] if len(parts) == 1 else join(parts, dedupe)


def _shifted(extraction: Extraction, offset: int) -> Extraction:
    """A piece's results with their offsets moved into the whole text."""
    if offset == 0:
        return extraction
    entities, mentions, claims, events = extraction
    return entities, _move(mentions, offset), _move(claims, offset), _move(events, offset)


def _move(items: list[T], offset: int) -> list[T]:
    return [replace(item, start=item.start + offset, end=item.end + offset) for item in items]


def join(parts: list[Extraction], dedupe: Dedupe) -> Extraction:
    """The pieces' results as one document's: entities once each, claims deduplicated as within
    a document (a relation stated in two pieces is one claim), mentions and events in order."""
    entities: dict[str, EntityRef] = {}
    mentions: list[Mention] = []
    claims: list[Claim] = []
    events: list[Event] = []
    for found, ments, stated, dated in parts:
        for entity in found:
            entities.setdefault(entity.name, entity)
        mentions += ments
        claims += stated
        events += dated
    return list(entities.values()), mentions, dedupe(claims), events
