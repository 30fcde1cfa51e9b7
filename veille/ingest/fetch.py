"""HTTP fetching with httpx, and RSS/Atom feeds parsed with feedparser.

``fetch`` follows redirects, sends the configured User-Agent, stops reading past the size
limit and turns every failure (HTTP status, refused connection, DNS, timeout) into a
``FetchError`` or ``TooLarge`` whose message starts with the URL.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from veille.config import Settings
from veille.errors import EmptyInput, FetchError
from veille.ingest.clean import parse_date
from veille.ingest.files import check_size, decode, fail

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"})
FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response read in full: final URL (after redirects), media type, charset, body.

    ``etag`` and ``last_modified`` are the validators the server gave, for a conditional
    request next time; ``not_modified`` marks a ``304 Not Modified`` answer (no body).
    """

    url: str
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: its link, and its full content when the feed carries it."""

    link: str | None
    title: str | None
    published: str | None
    content: str | None
    content_is_html: bool
    summary: str | None
    guid: str | None = None  # the feed's own id of the item (RSS guid, Atom id)


def make_client(
    settings: Settings, before_request: Callable[[httpx.Request], None] | None = None
) -> httpx.Client:
    """An httpx client with the settings' timeout, redirect limit and User-Agent.

    ``before_request`` is called before every request the client sends, redirects included
    (``veille watch`` spaces its requests to a host with it).
    """
    return httpx.Client(
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=settings.http_timeout,
        headers={"User-Agent": settings.user_agent},
        event_hooks={"request": [before_request]} if before_request else None,
    )


def _reason(exc: Exception) -> str:
    """The cause of a connection failure without the ``[Errno N]`` noise."""
    text = _ERRNO.sub("", str(exc).strip()) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _read(response: httpx.Response, url: str, limit: int) -> bytes:
    """The body, read in chunks and abandoned as soon as it goes over ``limit``."""
    if response.is_error:
        raise fail(FetchError, url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    declared = response.headers.get("content-length", "")
    if declared.isdigit():
        check_size(int(declared), limit, url)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        check_size(size, limit, url)
        chunks.append(chunk)
    return b"".join(chunks)


def _fetched(
    response: httpx.Response, url: str, limit: int, etag: str | None, modified: str | None
) -> Fetched:
    """The response as a ``Fetched``; a 304 keeps the validators it answered to."""
    if response.status_code == 304:
        etag = response.headers.get("etag") or etag
        modified = response.headers.get("last-modified") or modified
        return Fetched(str(response.url), "", None, b"", etag, modified, not_modified=True)
    body = _read(response, url, limit)
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    validators = response.headers.get("etag"), response.headers.get("last-modified")
    return Fetched(str(response.url), media, response.charset_encoding, body, *validators)


def fetch(
    url: str,
    settings: Settings,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url`` and read it whole, within the size limit.

    Given the ``etag`` or ``last_modified`` of an earlier answer, the request is conditional
    (``If-None-Match``, ``If-Modified-Since``): a ``304 Not Modified`` costs no body and comes
    back with ``not_modified`` set. Raises ``FetchError`` (HTTP error status, refused
    connection, unknown host, timeout, too many redirects, bad address) or ``TooLarge``.
    """
    own = client is None
    client = client or make_client(settings)
    headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
    try:
        with client.stream("GET", url, headers=headers) as response:
            return _fetched(response, url, settings.max_bytes, etag, last_modified)
    except httpx.TimeoutException as e:
        raise fail(FetchError, url, f"no answer within {settings.http_timeout:g} s (timed out)") from e
    except httpx.TooManyRedirects as e:
        raise fail(FetchError, url, f"too many redirects (more than {settings.max_redirects})") from e
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        raise fail(FetchError, url, f"not a valid web address ({e})") from e
    except httpx.ConnectError as e:
        raise fail(FetchError, url, f"cannot connect: {_reason(e)}") from e
    except httpx.HTTPError as e:
        raise fail(FetchError, url, f"the transfer failed: {_reason(e)}") from e
    finally:
        if own:
            client.close()


def is_feed(fetched: Fetched) -> bool:
    """True for an RSS/Atom/RDF feed: by media type, or by its first bytes."""
    if fetched.content_type in FEED_TYPES or fetched.content_type.endswith(("+rss", "rss+xml", "atom+xml")):
        return True
    head = fetched.body[:2048].lower()
    if b"<html" in head:
        return False
    return any(mark in head for mark in FEED_MARKS)


def is_html(fetched: Fetched) -> bool:
    """True for a web page: HTML media type, or no media type and markup at the start."""
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        return True
    return fetched.content_type in ("", "application/octet-stream") and fetched.body.lstrip()[:1] == b"<"


def body_text(fetched: Fetched, origin: str | None = None) -> str:
    """The body as text: the HTTP charset, else a ``<meta charset>``, else detection."""
    declared = fetched.charset
    if not declared:
        found = _META_CHARSET.search(fetched.body[:4096])
        declared = found.group(1).decode("ascii", "replace") if found else None
    if declared:
        try:
            return fetched.body.decode(declared).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(fetched.body, origin or fetched.url)


def _published(item: dict) -> str | None:  # type: ignore[type-arg]
    """The entry's date as written (feedparser's parsed one is moved to UTC), else as parsed."""
    written = item.get("published") or item.get("updated")
    if written and parse_date(written):
        return str(written)
    parsed: time.struct_time | None = item.get("published_parsed") or item.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _entry(item: dict) -> FeedEntry:  # type: ignore[type-arg]
    """A feedparser entry as a ``FeedEntry``: the longest full content, if any."""
    contents = [c for c in item.get("content") or [] if (c.get("value") or "").strip()]
    best = max(contents, key=lambda c: len(c["value"]), default=None)
    ctype = (best or {}).get("type") or "text/html"
    return FeedEntry(
        link=item.get("link") or None,
        title=item.get("title") or None,
        published=_published(item),
        content=best["value"] if best else None,
        content_is_html="html" in ctype,
        summary=item.get("summary") or None,
        guid=item.get("id") or None,
    )


def parse_feed(fetched: Fetched, origin: str | None = None) -> tuple[dict[str, str | None], list[FeedEntry]]:
    """The feed's metadata (``source``, ``lang``) and its entries, parsed from the bytes read.

    Raises ``EmptyInput`` when the feed has no items.
    """
    import feedparser

    headers = {"content-location": fetched.url, "content-type": fetched.content_type or "application/xml"}
    parsed = feedparser.parse(fetched.body, response_headers=headers)
    entries = [_entry(e) for e in parsed.entries]
    if not entries:
        why = (
            f" (it could not be read as RSS or Atom: {_reason(parsed.bozo_exception)})" if parsed.bozo else ""
        )
        raise fail(EmptyInput, origin or fetched.url, f"feed has no items{why}")
    feed = parsed.feed
    meta = {"source": feed.get("title") or None, "lang": feed.get("language") or None}
    return meta, entries
