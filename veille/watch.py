"""Watch sources: poll feeds, pages and folders, ingest what is new or changed, remember what was seen.

    veille watch https://example.org/feed.xml ./dossiers --every 30m    a long-running process
    veille watch --sources sources.txt --once                           one cycle, for cron

A **cycle** polls each source once, in order, then ingests what they gave through the same
path as ``veille ingest`` (``pipeline.ingest_items``: cleaning, near-duplicates, NLP,
reconciliation and its change log), and only then stores each source's new state. A cycle cut
short is read again in full next time: nothing is half-written, nothing is lost.

**HTTP, politely.** The ETag and Last-Modified of a source's last answer go back with the next
request (``If-None-Match``, ``If-Modified-Since``): a ``304 Not Modified`` costs no body and no
processing. Requests to one host are spaced by at least ``delay`` seconds (feeds and the pages
their entries link to alike). A source that fails is reported and the others go on; after *n*
failures in a row it rests ``every × 2^(n−1)`` (at most a day) before it is tried again.

**What is new.** Each feed entry, page or file a source gives is an item with a fingerprint
(the entry's fields; the page's clean text; the file's size and modification time). An item
seen before with the same fingerprint is unchanged and costs nothing. Another is read: it is
*new* when no document has its id, *changed* when the stored document's clean text differs,
else unchanged. Items that could not be fetched are tried again next cycle; a broken file is
reported once, and again when it changes.

**Stopping.** A first Ctrl-C or SIGTERM lets the cycle in progress finish (no further source is
polled, what was read is stored), then the loop ends; a second one aborts the cycle, and its
open transaction rolls back.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

from veille.config import Settings
from veille.errors import FetchError, InputError, UsageError, VeilleError
from veille.i18n import DEFAULT, t, tn
from veille.ingest.fetch import FeedEntry, Fetched, fetch, is_feed, make_client, parse_feed
from veille.ingest.files import fail
from veille.ingest.sources import entry_article, entry_id, folder_files, page_article, read_sources
from veille.models import RawArticle
from veille.store.base import SourceState, Store
from veille.store.codec import timestamp

MAX_REST = 86400.0  # a failing source is tried at least once a day
_URL = re.compile(r"^https?://", re.I)
_DURATION = re.compile(r"(?:\d+(?:\.\d+)?\s*[smhd]?\s*)+", re.I)
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

Seen = tuple[str, str, str | None]  # (item, fingerprint, document id)
Progress = Callable[[str, str], None]  # as pipeline.Progress: (event, label)


# what the user gives ------------------------------------------------------------


def parse_every(text: str) -> float:
    """A duration in seconds from ``90s``, ``30m``, ``1h``, ``1h30m``, ``2d`` or a bare number of seconds."""
    if not _DURATION.fullmatch(text.strip()):
        raise UsageError(f"cannot read the interval {text!r}", hint="write it as 90s, 30m, 1h, 1h30m or 2d")
    seconds = sum(float(n) * _UNIT[unit.lower()] for n, unit in _PART.findall(text))
    if seconds <= 0:
        raise UsageError(f"the interval {text!r} is empty", hint="give a positive interval such as 30m or 1h")
    return seconds


def read_source_list(path: Path) -> list[str]:
    """The sources of a file: one per line; blank lines and ``#`` comments (whole or trailing) skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(
            f"cannot read the list of sources {path}: {getattr(e, 'strerror', None) or e}",
            hint="give a text file with one URL, file or folder per line",
        ) from e
    lines = (re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def gather(specs: Sequence[str], source_list: Path | None = None) -> list[str]:
    """The sources to watch, each once, in order: URLs as given, paths made absolute."""
    given = list(specs) + (read_source_list(source_list) if source_list else [])
    out: list[str] = []
    for spec in given:
        spec = spec if _URL.match(spec) else str(Path(spec).expanduser().resolve())
        if spec not in out:
            out.append(spec)
    if not out:
        raise UsageError(
            "nothing to watch", hint="give feeds, pages, files or folders, or --sources FILE (one per line)"
        )
    return out


def rest(failures: int, every: float) -> float:
    """Seconds a source rests after ``failures`` failures in a row: ``every``, doubled per failure, at most a day."""
    return min(every * 2 ** max(failures - 1, 0), MAX_REST)


# plumbing: polite HTTP, a clean stop --------------------------------------------


class Throttle:
    """An httpx request hook: at most one request per host every ``delay`` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.last: dict[str, float] = {}

    def __call__(self, request: httpx.Request) -> None:
        host = request.url.host
        if self.delay > 0 and host in self.last:
            wait = self.last[host] + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self.last[host] = time.monotonic()


class Stop:
    """Ctrl-C and SIGTERM while the ``with`` block runs: the first asks to stop, a second aborts.

    Outside the main thread (where Python cannot take signals) it only stops on ``set()``.
    """

    def __init__(self, on_request: Callable[[], None] | None = None) -> None:
        self._event = threading.Event()
        self._on_request = on_request
        self._previous: dict[int, Any] = {}

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True as soon as a stop is asked."""
        return self._event.wait(max(seconds, 0))

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._event.is_set():
            raise KeyboardInterrupt  # the second signal: abort; open transactions roll back
        self._event.set()
        if self._on_request:
            self._on_request()

    def __enter__(self) -> Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()


# what a source gave ---------------------------------------------------------------


@dataclass(slots=True)
class Poll:
    """What one source gave in a cycle, and its state to store once that is ingested."""

    state: SourceState
    articles: list[RawArticle] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # ids of documents whose text changed
    unchanged: int = 0
    not_modified: bool = False
    resting: bool = False  # skipped: backing off after failures
    retry: bool = False  # an item must be fetched again: keep the source's validators
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)


@dataclass(frozen=True, slots=True)
class Cycle:
    """What one cycle did, for its log line."""

    number: int
    started: str
    seconds: float
    new: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: int
    failed: tuple[tuple[str, str], ...]
    resting: tuple[SourceState, ...] = ()
    not_modified: int = 0
    claims: int = 0
    cut_short: bool = False  # a stop was asked: the sources after it were left for next time

    @property
    def ok(self) -> bool:
        return not self.failed


def fingerprint(*parts: object) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


def _entry_fingerprint(entry: FeedEntry) -> str:
    return fingerprint(entry.title, entry.published, entry.content, entry.summary, entry.link)


class Watcher:
    """Polls sources into a store, one cycle at a time; keeps one HTTP client across cycles."""

    def __init__(
        self, specs: Sequence[str], store: Store, settings: Settings, progress: Progress | None = None
    ) -> None:
        self.specs = list(specs)
        self.store = store
        self.settings = settings
        self.progress = progress  # told of each article processed, as ``veille ingest`` tells it
        self.every = settings.watch_every
        self.throttle = Throttle(settings.host_delay)
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.settings, before_request=self.throttle)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    # one cycle ------------------------------------------------------------------
    def cycle(self, number: int = 1, stop: Stop | None = None) -> Cycle:
        """Poll every source (until a stop is asked), ingest what they gave, store their states."""
        from veille.pipeline import ingest_items

        began, clock = datetime.now(UTC), time.monotonic()
        polls: list[Poll] = []
        for spec in self.specs:
            if stop is not None and stop.is_set():
                break
            polls.append(self.poll(spec, began))
        articles = [a for p in polls for a in p.articles]
        report = ingest_items(articles, self.store, self.settings, self.progress) if articles else None
        failed_ids = {origin for origin, _ in report.failed} if report else set()
        for p in polls:
            if not p.resting:
                self._save(p, failed_ids)
        changed = {d for p in polls for d in p.changed}
        ingested, unchanged = (report.ingested, report.unchanged) if report else ((), ())
        return Cycle(
            number=number,
            started=timestamp(began),
            seconds=time.monotonic() - clock,
            new=tuple(d for d in ingested if d not in changed),
            changed=tuple(sorted(changed)),
            unchanged=sum(p.unchanged for p in polls) + len([d for d in unchanged if d not in changed]),
            failed=tuple(f for p in polls for f in p.failed) + (report.failed if report else ()),
            resting=tuple(p.state for p in polls if p.resting),
            not_modified=sum(p.not_modified for p in polls),
            claims=report.claims if report else 0,
            cut_short=len(polls) < len(self.specs),
        )

    def _save(self, poll: Poll, failed_ids: set[str]) -> None:
        """Store a source's state once its articles are in; what failed is seen again next cycle."""
        seen = [s for s in poll.seen if s[2] not in failed_ids]
        state = poll.state
        if poll.retry or len(seen) < len(poll.seen):
            state = replace(state, etag=None, last_modified=None)
        self.store.save_source(state, seen)

    # one source -------------------------------------------------------------------
    def poll(self, spec: str, began: datetime) -> Poll:
        """What one source gives now; its own failure is reported in the Poll, never raised."""
        state = self.store.source_state(spec) or SourceState(spec)
        now = timestamp(began)
        if state.retry_at and state.retry_at > now:
            return Poll(state, resting=True)
        known = self.store.source_items(spec)
        try:
            poll = self._poll_url(state, known) if _URL.match(spec) else self._poll_path(state, known)
        except InputError as e:
            failures = state.failures + 1
            retry = timestamp(began + timedelta(seconds=rest(failures, self.every)))
            failed = replace(state, checked_at=now, failures=failures, retry_at=retry, last_error=str(e))
            return Poll(failed, failed=[(spec, str(e))])
        news = bool(poll.articles)
        poll.state = replace(
            poll.state,
            checked_at=now,
            failures=0,
            retry_at=None,
            last_error=None,
            changed_at=now if news else state.changed_at,
        )
        return poll

    def _poll_url(self, state: SourceState, known: dict[str, str]) -> Poll:
        fetched = fetch(state.spec, self.settings, self.client, state.etag, state.last_modified)
        state = replace(state, etag=fetched.etag, last_modified=fetched.last_modified)
        if fetched.not_modified:
            return Poll(state, unchanged=max(len(known), 1), not_modified=True)
        if is_feed(fetched):
            return self._poll_feed(state, fetched, known)
        poll = Poll(state)
        raw = page_article(fetched, state.spec, id=state.spec, url=fetched.url)
        self._judge(poll, state.spec, None, raw, known)
        return poll

    def _poll_feed(self, state: SourceState, fetched: Fetched, known: dict[str, str]) -> Poll:
        meta, entries = parse_feed(fetched, state.spec)
        poll = Poll(state)
        for number, entry in enumerate(entries, 1):
            ident, mark = entry_id(entry, state.spec, number), _entry_fingerprint(entry)
            if known.get(ident) == mark:
                poll.unchanged += 1
                continue
            try:
                raw = next(entry_article(entry, ident, meta, self.settings, self.client))
            except InputError as e:
                raw = e
            if isinstance(raw, InputError):
                self._item_failed(poll, ident, mark, raw)
            else:
                self._judge(poll, ident, mark, raw, known)
        return poll

    def _poll_path(self, state: SourceState, known: dict[str, str]) -> Poll:
        path = Path(state.spec)
        if not path.exists():
            raise fail(
                InputError, state.spec, "no such file or folder", "check the path, or stop watching it"
            )
        poll = Poll(state)
        for file in folder_files(path) if path.is_dir() else [path]:
            item, info = str(file), file.stat()
            mark = fingerprint(info.st_size, info.st_mtime_ns)
            if known.get(item) == mark:
                poll.unchanged += 1
                continue
            for read in read_sources([item], self.settings):
                if isinstance(read, InputError):
                    self._item_failed(poll, item, mark, read)
                else:
                    self._judge(poll, item, mark, read, known)
        return poll

    # one item -----------------------------------------------------------------------
    def _judge(self, poll: Poll, item: str, mark: str | None, raw: RawArticle, known: dict[str, str]) -> None:
        """New, changed or unchanged: by the stored document of the same id and its clean text."""
        from veille.pipeline import prepare

        stored = self.store.document(raw.id)
        if stored is None and mark is not None:
            poll.articles.append(raw)
            poll.seen.append((item, mark, raw.id))
            return
        try:
            doc = prepare(raw)
        except VeilleError as e:
            self._item_failed(poll, item, mark or "", e)
            return
        poll.seen.append((item, mark or doc.hash, raw.id))
        if stored is not None and stored.hash == doc.hash or known.get(item) == doc.hash:
            poll.unchanged += 1
            return
        poll.articles.append(raw)
        if stored is not None:
            poll.changed.append(raw.id)

    @staticmethod
    def _item_failed(poll: Poll, item: str, mark: str, error: VeilleError) -> None:
        """Reported; a network failure is tried again next cycle, a bad file only once it changes."""
        poll.failed.append((item, str(error)))
        if isinstance(error, FetchError) or not mark:
            poll.retry = True
        else:
            poll.seen.append((item, mark, None))


# the loop -------------------------------------------------------------------------


def watch(
    specs: Sequence[str],
    store: Store,
    settings: Settings,
    once: bool = False,
    log: Callable[[Cycle], None] | None = None,
    stop: Stop | None = None,
    progress: Progress | None = None,
) -> list[Cycle]:
    """Run cycles every ``settings.watch_every`` seconds until stopped (one with ``once``)."""
    log = log or (lambda cycle: None)
    stop = stop or Stop()
    store.record_run("watch", timestamp())
    watcher = Watcher(specs, store, settings, progress)
    cycles: list[Cycle] = []
    try:
        for number in _numbers(once):
            begun = time.monotonic()
            cycles.append(watcher.cycle(number, stop))
            log(cycles[-1])
            if once or stop.wait(settings.watch_every - (time.monotonic() - begun)):
                break
    finally:
        watcher.close()
    return cycles


def _numbers(once: bool) -> Iterator[int]:
    number = 0
    while True:
        number += 1
        yield number
        if once:
            return


def log_lines(cycle: Cycle, lang: str = DEFAULT) -> list[str]:
    """The cycle's line, then one line per failure and per resting source, in ``lang``."""
    when = cycle.started[:19].replace("T", " ") + " UTC"
    extra = [tn(lang, "watch.not_modified", cycle.not_modified)] if cycle.not_modified else []
    extra += [tn(lang, "watch.claims", cycle.claims), f"{cycle.seconds:.1f} s"]
    counts = {
        "new": tn(lang, "watch.new", len(cycle.new)),
        "changed": tn(lang, "watch.changed", len(cycle.changed)),
        "unchanged": tn(lang, "watch.unchanged", cycle.unchanged),
        "failed": tn(lang, "watch.failed", len(cycle.failed)),
    }
    lines = [t(lang, "watch.cycle", when=when, number=cycle.number, extra=", ".join(extra), **counts)]
    lines += [f"  {t(lang, 'cli.failed')} {m if o in m else f'{o}: {m}'}" for o, m in cycle.failed]
    for s in cycle.resting:
        until = (s.retry_at or "")[:16].replace("T", " ")
        failures = tn(lang, "watch.failures", s.failures)
        lines.append("  " + t(lang, "watch.resting", spec=s.spec, until=until, failures=failures))
    if cycle.cut_short:
        lines.append("  " + t(lang, "watch.cut_short"))
    return lines
