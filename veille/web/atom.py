"""The Atom feed of changes (``/feeds/changes.atom``), written with feedgen.

Each entry is one entry of "what's new" (:mod:`veille.reconcile.digest`): its id is stable
(``urn:veille:change-N``, ``urn:veille:event-HASH``), its time is when veille learned it, its
link the fact's page (a new event: the sentence that tells it) and its content the same card
as on the web page, with absolute links. Text is article text, so it is untrusted: feedgen
escapes it, and characters XML cannot carry are dropped first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Words(Protocol):
    """What the feed needs of the page's language (``veille.web.pages.UI``)."""

    lang: str

    def t(self, key: str) -> str: ...
    def headline(self, entry: dict[str, Any]) -> str: ...
    def entry_href(self, entry: dict[str, Any]) -> str: ...


def xml_text(text: str) -> str:
    """``text`` without the control characters that no XML 1.0 document may hold."""
    return _NOT_XML.sub("", text)


def feed(
    entries: list[dict[str, Any]],
    ui: Words,
    base: str,
    self_url: str,
    title: str,
    content: Callable[[dict[str, Any]], str],
) -> bytes:
    """The Atom document of ``entries``, in the order given (most important first)."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(xml_text(self_url))
    fg.title(xml_text(title))
    fg.author({"name": "veille"})
    fg.generator("veille")
    fg.link(href=xml_text(self_url), rel="self", type="application/atom+xml")
    fg.link(href=f"{base}/nouveautes", rel="alternate", type="text/html")
    fg.language(ui.lang)
    times = [e["at"] for e in entries]
    fg.updated(max(times) if times else datetime.now(UTC).isoformat(timespec="seconds"))
    for e in entries:
        item = fg.add_entry(order="append")
        item.id(f"urn:veille:{e['id']}")
        item.title(xml_text(f"{ui.t('change.' + e['kind'])} — {ui.headline(e)}"))
        item.link(href=xml_text(base + ui.entry_href(e)), rel="alternate")
        item.updated(e["at"])
        item.content(xml_text(content(e)), type="html")
    return bytes(fg.atom_str(pretty=True))
