"""Inputs to raw articles: files, folders, JSON Lines, web pages and RSS/Atom feeds.

``read_sources`` never raises for a bad input: it yields the ``InputError`` in place of
the article(s), so one bad file, line or URL never stops the batch. Each error carries
the input it is about as ``origin`` and names it at the start of its message.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import httpx

from veille.config import Settings
from veille.errors import BinaryInput, EmptyInput, InputError, MalformedLine, TooLarge
from veille.ingest.fetch import (
    FeedEntry,
    Fetched,
    body_text,
    fetch,
    is_feed,
    is_html,
    make_client,
    parse_feed,
)
from veille.ingest.files import (
    META_FIELDS,
    fail,
    human_size,
    markdown_to_text,
    meta_value,
    read_text,
    sniff_binary,
    split_front_matter,
)
from veille.models import RawArticle

Item = RawArticle | InputError
SUFFIXES = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
READABLE = ".txt, .md, .html, .htm and .jsonl"
_URL = re.compile(r"^https?://", re.I)


class _Web:
    """One HTTP client for a whole batch, opened with the first URL and closed at the end."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def read_sources(inputs: Sequence[str], settings: Settings) -> Iterator[Item]:
    """Each input expanded into raw articles, or the error of what could not be read.

    An input is a ``.txt``/``.md`` file (optional YAML front matter), an ``.html``/``.htm``
    page, a ``.jsonl`` file (one article per line), a folder (read recursively, in order,
    hidden files skipped) or an ``http(s)://`` URL of a page or an RSS/Atom feed.
    """
    web = _Web(settings)
    try:
        for spec in inputs:
            yield from _guard(_read_one(spec, settings, web))
    finally:
        web.close()


def expected(inputs: Sequence[str]) -> int | None:
    """How many items ``read_sources`` will yield, when it can be told without reading them: files
    and folders on disk (a ``.jsonl`` file counts its lines); None as soon as a URL or feed is given."""
    total = 0
    for spec in inputs:
        path = Path(spec)
        if _URL.match(spec):
            return None
        files = folder_files(path) if path.is_dir() else [path]
        for file in files:
            total += max(1, _count_lines(file)) if file.suffix.lower() == ".jsonl" and file.is_file() else 1
    return total


def _count_lines(path: Path) -> int:
    """The JSON Lines records of a file (non-blank lines), each an item or its error."""
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def _guard(items: Iterator[Item]) -> Iterator[Item]:
    """``items``, where an ``InputError`` raised while reading becomes the last value.

    The error names its own input (``origin``): the file of a folder, the line of a JSONL file.
    """
    try:
        yield from items
    except InputError as e:
        yield e


def _read_one(spec: str, settings: Settings, web: _Web) -> Iterator[Item]:
    """The articles of one input as given on the command line."""
    if _URL.match(spec):
        yield from _read_url(spec, settings, web.client)
        return
    path = Path(spec)
    if path.is_dir():
        yield from _read_folder(path, settings)
    elif path.is_file():
        yield from _read_file(path, settings)
    elif path.exists():
        raise fail(InputError, spec, "not a regular file or folder")
    else:
        hint = f"check the path (relative paths start from {os.getcwd()})"
        raise fail(InputError, spec, f"no such file or folder: {spec}", hint, named=True)


def folder_files(root: Path) -> list[Path]:
    """The readable files under ``root``, recursively, sorted, hidden ones left out."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(folder, f) for f in files if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES
        ]
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _read_folder(root: Path, settings: Settings) -> Iterator[Item]:
    """Every readable file of a folder; a bad file is one error among the articles."""
    files = folder_files(root)
    if not files:
        raise fail(EmptyInput, str(root), f"no {READABLE} file in this folder")
    for path in files:
        yield from _guard(_read_file(path, settings))


def _read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """The article(s) of one file, by its extension."""
    origin = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        what = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        hint = "convert it to text, Markdown or HTML, or leave it out of the batch"
        raise fail(InputError, origin, f"veille reads {READABLE} files, not {what}", hint)
    if kind == "jsonl":
        yield from _read_jsonl(path, settings)
        return
    text = read_text(path, settings.max_bytes)
    if kind == "html":
        yield RawArticle(id=path.stem, origin=origin, html=text)
        return
    meta, body = split_front_matter(text, origin)
    if kind == "markdown":
        body = markdown_to_text(body)
    if not body.strip():
        raise fail(EmptyInput, origin, "the file has a front matter but no text after it")
    yield RawArticle(id=path.stem, origin=origin, text=body, **meta)


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(number, line)`` for each line, ``None`` for a line over ``limit`` (skipped unread)."""
    number = 0
    while line := stream.readline(limit + 2):
        number += 1
        if len(line.rstrip(b"\r\n")) > limit:
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 16)
            yield number, None
        else:
            yield number, line


def _read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    """One article per line; a bad line is a ``MalformedLine`` and the others still come."""
    origin, limit, found = str(path), settings.max_bytes, False
    try:
        with path.open("rb") as f:
            sniff_binary(f.read(8192), origin)
            f.seek(0)
            for number, line in _lines(f, limit):
                where = f"{origin}:{number}"
                if line is None:
                    yield fail(TooLarge, where, f"the line is over the size limit of {human_size(limit)}")
                elif line.strip():
                    found = True
                    yield _jsonl_article(line, where, f"{path.stem}-{number}")
    except OSError as e:
        raise fail(InputError, origin, f"cannot read the file ({e.strerror or e})") from e
    if not found:
        raise fail(EmptyInput, origin, "the file is empty (no JSON line)")


def _jsonl_article(line: bytes, where: str, default_id: str) -> Item:
    """The article of one JSON line, or the ``MalformedLine`` saying what is wrong."""
    try:
        record = json.loads(line.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError:
        return fail(MalformedLine, where, "not valid UTF-8 text")
    except json.JSONDecodeError as e:
        return fail(MalformedLine, where, f"not valid JSON ({e.msg} at column {e.colno})")
    if not isinstance(record, dict):
        return fail(
            MalformedLine, where, f"a JSON {type(record).__name__} where an object {{...}} was expected"
        )
    bad = [k for k in ("id", "text", "html", *META_FIELDS) if isinstance(record.get(k), dict | list)]
    if bad:
        return fail(MalformedLine, where, f"'{bad[0]}' must be a string")
    text, html = (_content(record.get(k)) for k in ("text", "html"))
    if text is None and html is None:
        return fail(MalformedLine, where, "no 'text' or 'html' field with content")
    meta = {k: meta_value(record.get(k)) for k in META_FIELDS}
    rid = meta_value(record.get("id")) or default_id
    return RawArticle(id=rid, origin=where, text=text, html=None if text else html, **meta)


def _content(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def page_article(page: Fetched, origin: str, **meta: str | None) -> RawArticle:
    """A fetched page as an article: HTML, or plain text; refused when it is neither."""
    if is_html(page):
        return RawArticle(origin=origin, html=body_text(page, origin), **meta)  # type: ignore[arg-type]
    if page.content_type.startswith("text/") and page.content_type not in ("text/css", "text/javascript"):
        return RawArticle(origin=origin, text=body_text(page, origin), **meta)  # type: ignore[arg-type]
    media = page.content_type or "no content type"
    raise fail(BinaryInput, origin, f"the server sent {media}, which is neither a web page nor a feed")


def _read_url(url: str, settings: Settings, client: httpx.Client) -> Iterator[Item]:
    """A web page (id = the URL), or each entry of an RSS/Atom feed."""
    fetched = fetch(url, settings, client)
    if not is_feed(fetched):
        yield page_article(fetched, url, id=url, url=fetched.url)
        return
    meta, entries = parse_feed(fetched, url)
    for number, entry in enumerate(entries, 1):
        ident = entry_id(entry, url, number)
        yield from _guard(entry_article(entry, ident, meta, settings, client))


def entry_id(entry: FeedEntry, feed_url: str, number: int) -> str:
    """A feed entry's document id: its link, else the feed's id for it, else its place in the feed."""
    return entry.link or entry.guid or f"{feed_url}#{number}"


def entry_article(
    entry: FeedEntry, ident: str, meta: dict[str, str | None], settings: Settings, client: httpx.Client
) -> Iterator[Item]:
    """A feed entry's article: its full content, else the page its link points to."""
    fields = dict(id=ident, title=entry.title, url=entry.link, published=entry.published, **meta)
    if entry.content:
        kind = "html" if entry.content_is_html else "text"
        yield RawArticle(origin=ident, **{kind: entry.content}, **fields)  # type: ignore[arg-type]
    elif entry.link:
        yield page_article(fetch(entry.link, settings, client), entry.link, **fields)
    elif entry.summary:
        yield RawArticle(origin=ident, html=entry.summary, **fields)  # type: ignore[arg-type]
    else:
        raise fail(EmptyInput, ident, "the feed entry has neither content nor a link")
