"""A document's clean text as HTML with its sentences, entities and values highlighted.

The text is cut at the stored character offsets and every piece is escaped on its own
(:func:`markupsafe.escape`); markup is only ever added around escaped pieces, never by
searching and replacing in the raw text. An article's ``<script>`` stays text.

Each sentence that carries a claim or an event becomes ``<mark id="s-START">``, so
``/documents/ID#s-START`` opens the page scrolled to it (and ``:target`` lights it up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from veille.models import Mention


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text to mark: ``kind`` is ``sentence``, ``entity`` or ``value``."""

    start: int
    end: int
    kind: str
    label: str = ""  # tooltip (sentence), canonical name (entity)
    anchors: tuple[int, ...] = ()  # starts of sentences merged into this one


def sentences(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Claim and event sentences as disjoint spans, without their trailing blanks; overlapping
    ones are merged (their labels joined, their starts kept as extra anchors)."""
    out: list[Span] = []
    trimmed = {(s, s + len(text[s:e].rstrip()), label) for s, e, label in spans if 0 <= s < e <= len(text)}
    for start, end, label in sorted(trimmed):
        if out and start < out[-1].end:
            last = out[-1]
            labels = last.label if label in last.label.split("\n") else f"{last.label}\n{label}"
            anchors = last.anchors if start == last.start else (*last.anchors, start)
            out[-1] = Span(last.start, max(last.end, end), "sentence", labels, anchors)
        else:
            out.append(Span(start, end, "sentence", label))
    return out


def inner(
    mentions: Sequence[Mention], values: Iterable[tuple[int, int, str]], outer: Sequence[Span]
) -> list[Span]:
    """Entity and value spans (``(start, end, label)``) that overlap nothing else and cross no
    sentence boundary; where two overlap, the one that starts first (then the longer) wins."""
    candidates = [Span(s, e, "value", label) for s, e, label in values]
    candidates += [Span(m.start, m.end, "entity", m.entity) for m in mentions]
    kept: list[Span] = []
    for span in sorted(candidates, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start or (kept and span.start < kept[-1].end) or _crosses(span, outer):
            continue
        kept.append(span)
    return kept


def _crosses(span: Span, outer: Sequence[Span]) -> bool:
    """Whether ``span`` overlaps a sentence without lying inside it."""
    return any(
        o.start < span.end and span.start < o.end and not o.start <= span.start < span.end <= o.end
        for o in outer
    )


def render(
    text: str, outer: Sequence[Span], spans: Sequence[Span], entity_href: Callable[[str], str]
) -> Markup:
    """The whole text as safe HTML: escaped pieces inside ``<mark>`` and ``<a>`` elements."""
    parts: list[Markup] = []
    pos = 0
    for sentence in outer:
        parts.append(_pieces(text, pos, sentence.start, spans, entity_href))
        parts.append(_sentence(text, sentence, spans, entity_href))
        pos = sentence.end
    parts.append(_pieces(text, pos, len(text), spans, entity_href))
    return Markup("").join(parts)


def _sentence(text: str, sentence: Span, spans: Sequence[Span], entity_href: Callable[[str], str]) -> Markup:
    anchors = Markup("").join(
        Markup('<span class="anchor" id="s-{}"></span>').format(a) for a in sentence.anchors
    )
    body = _pieces(text, sentence.start, sentence.end, spans, entity_href)
    return Markup('<mark class="claim" id="s-{}" title="{}">{}{}</mark>').format(
        sentence.start, sentence.label, anchors, body
    )


def _pieces(
    text: str, start: int, end: int, spans: Sequence[Span], entity_href: Callable[[str], str]
) -> Markup:
    out: list[Markup] = []
    pos = start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        out.append(escape(text[pos : span.start]))
        piece = text[span.start : span.end]
        if span.kind == "entity":
            out.append(Markup('<a class="ent" href="{}">{}</a>').format(entity_href(span.label), piece))
        else:
            out.append(Markup('<span class="val" title="{}">{}</span>').format(span.label, piece))
        pos = span.end
    out.append(escape(text[pos:end]))
    return Markup("").join(out)


def entity_href(name: str) -> str:
    """The entity page of a canonical name (every character quoted, slashes included)."""
    return "/entites/" + quote(name, safe="")
