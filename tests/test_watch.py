"""``veille watch``: polling feeds, pages and folders, politely, and stopping cleanly.

Feeds and pages come from a real HTTP server on 127.0.0.1 (tests/httpserver.py) that honours
ETag and Last-Modified; signals are real signals sent to a real ``veille watch`` process. The
articles are short ones written for these tests, with simple sentences between companies the
bundled pack knows.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import veille_command
from httpserver import LocalServer, Page, closed_port
from typer.testing import CliRunner

from veille.cli import app
from veille.config import Settings
from veille.errors import UsageError
from veille.ingest.fetch import fetch
from veille.store import Store, open_store
from veille.store.base import SourceState
from veille.watch import Stop, gather, parse_every, read_source_list, rest, watch

runner = CliRunner()
RSS = "application/rss+xml"


def page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1>{body}</article><footer>La Lettre des Alliances</footer></body></html>"
    ).encode()


STAKE_16 = page(
    "Microsoft entre au capital de Mistral AI",
    "Microsoft détient 16 % de Mistral AI.",
    "Les deux groupes travaillent ensemble sur des modèles de langue depuis un an.",
)
STAKE_27 = page(
    "Microsoft monte au capital de Mistral AI",
    "Microsoft détient désormais 27 % de Mistral AI.",
    "La participation a été relevée après une nouvelle levée de fonds de la jeune pousse.",
)
NVIDIA = page(
    "Nvidia mise sur Mistral AI",
    "Nvidia investit 5 milliards de dollars dans Mistral AI.",
    "Le fabricant de puces veut sécuriser ses débouchés en Europe.",
)
MARCH_2024, OCTOBER_2025 = "Fri, 01 Mar 2024 09:00:00 +0100", "Tue, 28 Oct 2025 09:00:00 +0100"
LAST_MODIFIED = "Mon, 03 Nov 2025 08:00:00 GMT"


def rss(base: str, *items: tuple[str, str, str]) -> bytes:
    """A feed whose entries carry only a title, a link and a date: the watcher fetches each page."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{date}</pubDate></item>"
        for title, path, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>La Lettre des Alliances</title><link>{base}/</link><language>fr</language>"
        f"<description>Les alliances de la semaine</description>{entries}</channel></rss>"
    ).encode()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch log is read here in English (tests/test_i18n.py checks both languages)."""
    monkeypatch.setenv("VEILLE_LANG", "en")


def cycle(*args: str) -> str:
    """One ``veille watch --once`` cycle; its log (stderr and stdout together)."""
    result = runner.invoke(app, ["watch", *args, "--once", "--delay", "0"])
    assert result.exit_code in (0, 2), result.output
    return result.output


def requests_since(server: LocalServer, start: int) -> list[tuple[str, str | None, str | None, int]]:
    """(path, If-None-Match, If-Modified-Since, status answered) of the requests after the first ``start``."""
    return [
        (path, headers.get("If-None-Match"), headers.get("If-Modified-Since"), status)
        for (path, headers), status in zip(server.requests[start:], server.answers[start:], strict=True)
    ]


def test_second_cycle_ingests_only_the_new_item_honours_304_and_changes_show_the_update(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "veille.db")
    routes = {"/a.html": Page(body=STAKE_16), "/b.html": Page(body=STAKE_27)}
    routes["/nvidia.html"] = Page(body=NVIDIA, last_modified=LAST_MODIFIED)
    with LocalServer(routes) as server:
        feed, other = server.url("/feed.xml"), server.url("/nvidia.html")
        base = server.url("")
        server.routes["/feed.xml"] = Page(
            content_type=RSS, body=rss(base, ("16 %", "/a.html", MARCH_2024)), etag='"v1"'
        )
        log = cycle(feed, other, "--db", db)
        assert "cycle 1: 2 new, 0 changed, 0 unchanged, 0 failed" in log

        # the feed gains an item; the page stays as it was
        server.routes["/feed.xml"] = Page(
            content_type=RSS,
            body=rss(base, ("27 %", "/b.html", OCTOBER_2025), ("16 %", "/a.html", MARCH_2024)),
            etag='"v2"',
        )
        start = len(server.requests)
        log = cycle(feed, other, "--db", db)
        assert "cycle 1: 1 new, 0 changed, 2 unchanged, 0 failed (1 not modified" in log
        assert requests_since(server, start) == [
            ("/feed.xml", '"v1"', None, 200),  # asked conditionally; it changed, so it came whole
            ("/b.html", None, None, 200),  # the new item only: /a.html is not fetched again
            ("/nvidia.html", None, LAST_MODIFIED, 304),  # unchanged: a 304, no body
        ]

        # what changed since the last watch run: the stake, with both sources ("monte au capital"
        # in the new title also confirms Microsoft's investment, a second source for it)
        jsonl = runner.invoke(app, ["changes", "--since", "last-run", "--format", "jsonl", "--db", db])
        assert jsonl.exit_code == 0, jsonl.output
        entries = [json.loads(line) for line in jsonl.output.splitlines()]
        kinds = {(e["kind"], e["entity"], e["key"]) for e in entries}
        assert ("updated", "Microsoft", "Microsoft|holds_stake|Mistral AI") in kinds
        assert kinds <= {
            ("updated", "Microsoft", "Microsoft|holds_stake|Mistral AI"),
            ("confirmed", "Microsoft", "Microsoft|invests_in|Mistral AI|undated"),
        }
        (update,) = [e for e in entries if e["kind"] == "updated"]
        assert [v["percent"] for v in update["before"]] == [16.0]
        assert [v["percent"] for v in update["after"]] == [27.0]
        assert update["before"][0]["docs"] == [server.url("/a.html")]
        assert update["after"][0]["docs"] == [server.url("/b.html")]
        assert update["docs"] == [server.url("/b.html")]  # what caused it

        md = runner.invoke(
            app, ["--lang", "fr", "changes", "--since", "2000-01-01", "--format", "md", "--db", db]
        ).output
        assert "Microsoft détient une part de Mistral AI : 16\u202f% → 27\u202f%" in md
        assert server.url("/a.html") in md and server.url("/b.html") in md
        assert "« Microsoft détient désormais 27 % de Mistral AI. »" in md
        assert md.index("Valeur mise à jour") < md.index("Nouveau fait")  # the update first
        again = runner.invoke(app, ["changes", "--db", db])
        assert "Nothing new" in again.output  # last-run moved to the previous call

        start = len(server.requests)
        log = cycle(feed, other, "--db", db)
        assert "0 new, 0 changed, 3 unchanged, 0 failed (2 not modified" in log
        assert [(p, status) for p, *_, status in requests_since(server, start)] == [
            ("/feed.xml", 304),
            ("/nvidia.html", 304),
        ]
    store = open_store(db)
    try:
        assert sorted(r.document.id for r in store.documents()) == sorted(
            server.url(p) for p in ("/a.html", "/b.html", "/nvidia.html")
        )
        state = store.source_state(feed)
        assert state is not None and state.etag == '"v2"' and state.failures == 0
    finally:
        store.close()


def test_a_failing_source_is_reported_rests_and_the_others_go_on(tmp_path: Path) -> None:
    folder = tmp_path / "depeches"
    folder.mkdir()
    (folder / "nvidia.md").write_text(
        "---\ntitle: Nvidia et Mistral AI\npublished: 2025-09-01\n---\n"
        "Nvidia investit 5 milliards de dollars dans Mistral AI.\n",
        encoding="utf-8",
    )
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    db = str(tmp_path / "veille.db")
    result = runner.invoke(app, ["watch", dead, str(folder), "--once", "--db", db, "--every", "10m"])
    assert result.exit_code == 2, result.output
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.output
    assert f"failed {dead}: cannot connect" in result.output
    store = open_store(db)
    try:
        state = store.source_state(dead)
        assert state is not None and state.failures == 1 and state.last_error
        assert (
            state.retry_at is not None and state.checked_at is not None and state.retry_at > state.checked_at
        )
        assert store.has_id("nvidia")
    finally:
        store.close()
    again = runner.invoke(app, ["watch", dead, str(folder), "--once", "--db", db, "--every", "10m"])
    assert again.exit_code == 0, again.output  # resting is not failing
    assert "0 failed" in again.output and f"resting {dead} until" in again.output
    assert "after 1 failure in a row" in again.output


def test_sources_and_runs_are_remembered(store: Store) -> None:
    spec = "https://example.org/feed.xml"
    assert (store.source_state(spec), store.source_items(spec), store.last_run("watch")) == (None, {}, None)
    state = SourceState(spec, etag='"a"', last_modified=LAST_MODIFIED, checked_at="2025-11-03T08:00:00+00:00")
    store.save_source(state, [("https://example.org/1", "f1", "https://example.org/1"), ("x#2", "f2", None)])
    assert store.source_state(spec) == state
    failing = SourceState(
        spec, '"a"', LAST_MODIFIED, "2025-11-03T09:00:00+00:00", None, 2, "2025-11-03T11:00", "boom"
    )
    store.save_source(failing, [("https://example.org/1", "f1b", "https://example.org/1")])
    assert store.source_state(spec) == failing
    assert store.source_items(spec) == {"https://example.org/1": "f1b", "x#2": "f2"}
    store.record_run("watch", "2025-11-03T08:00:00.000000+00:00")
    store.record_run("watch", "2025-11-03T09:00:00.000000+00:00")
    assert store.last_run("watch") == "2025-11-03T09:00:00.000000+00:00" and store.last_run("changes") is None


def test_rest_doubles_with_each_failure_up_to_a_day() -> None:
    assert [rest(n, 600) for n in (1, 2, 3, 4)] == [600, 1200, 2400, 4800]
    assert rest(30, 3600) == 86400


def test_requests_to_one_host_are_spaced_by_the_delay(tmp_path: Path) -> None:
    pages = {
        f"/p{i}.txt": Page(content_type="text/plain; charset=utf-8", body=f"Note {i}.".encode())
        for i in range(3)
    }
    with LocalServer(pages) as server:
        urls = [server.url(p) for p in pages]
        result = runner.invoke(
            app, ["watch", *urls, "--once", "--delay", "0.3", "--db", str(tmp_path / "v.db")]
        )
        assert result.exit_code == 0, result.output
    gaps = [b - a for a, b in zip(server.times, server.times[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.29


def test_conditional_fetch_reads_no_body_on_304() -> None:
    with LocalServer({"/f.xml": Page(content_type=RSS, body=b"<rss/>", etag='"x"')}) as server:
        first = fetch(server.url("/f.xml"), Settings())
        second = fetch(server.url("/f.xml"), Settings(), etag=first.etag)
    assert (first.not_modified, first.etag, first.body) == (False, '"x"', b"<rss/>")
    assert (second.not_modified, second.etag, second.body) == (True, '"x"', b"")


def test_a_folder_tells_new_changed_and_unchanged_files(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    note = folder / "amazon.md"
    note.write_text("Amazon investit 4 milliards de dollars dans Anthropic.\n", encoding="utf-8")
    db = str(tmp_path / "veille.db")
    assert "1 new, 0 changed, 0 unchanged" in cycle(str(folder), "--db", db)
    assert "0 new, 0 changed, 1 unchanged" in cycle(str(folder), "--db", db)
    os.utime(note, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched, same text
    assert "0 new, 0 changed, 1 unchanged" in cycle(str(folder), "--db", db)
    note.write_text("Amazon investit 8 milliards de dollars dans Anthropic.\n", encoding="utf-8")
    (folder / "google.md").write_text("Google détient 14 % d'Anthropic.\n", encoding="utf-8")
    assert "1 new, 1 changed, 0 unchanged" in cycle(str(folder), "--db", db)


def test_a_broken_file_is_reported_once_then_again_when_it_changes(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "vide.md").write_text("---\ntitle: rien\n---\n", encoding="utf-8")
    db = str(tmp_path / "veille.db")
    first = cycle(str(folder), "--db", db)
    assert "0 new, 0 changed, 0 unchanged, 1 failed" in first and "vide.md" in first
    assert "0 failed" in cycle(str(folder), "--db", db)
    (folder / "vide.md").write_text(
        "---\ntitle: Oracle\n---\nOracle fournit le cloud à OpenAI.\n", encoding="utf-8"
    )
    assert "1 new, 0 changed, 0 unchanged, 0 failed" in cycle(str(folder), "--db", db)


def test_sources_file_comments_and_intervals(tmp_path: Path) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text(
        "# mes sources\nhttps://example.org/feed.xml  # la lettre\n\n  notes  \nhttps://example.org/p#frag\n",
        encoding="utf-8",
    )
    assert read_source_list(listing) == [
        "https://example.org/feed.xml",
        "notes",
        "https://example.org/p#frag",
    ]
    found = gather(["https://example.org/feed.xml"], listing)
    assert found[0] == "https://example.org/feed.xml" and len(found) == 3
    assert found[1] == str(Path("notes").resolve())
    assert [parse_every(x) for x in ("90s", "30m", "1h", "1h30m", "2d", "45")] == [
        90,
        1800,
        3600,
        5400,
        172800,
        45,
    ]
    for bad in ("soon", "0m", "1 week", ""):
        with pytest.raises(UsageError):
            parse_every(bad)
    with pytest.raises(UsageError):
        gather([], None)


def test_watch_cli_errors_are_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["watch", "--once", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1 and "nothing to watch" in result.output
    result = runner.invoke(app, ["watch", "x", "--every", "sometimes", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1 and "30m" in result.output
    result = runner.invoke(
        app, ["watch", "--sources", str(tmp_path / "none.txt"), "--db", str(tmp_path / "v.db")]
    )
    assert result.exit_code == 1 and "cannot read the list of sources" in result.output


def test_a_stop_asked_between_cycles_ends_the_wait_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "vide"
    folder.mkdir()
    store = open_store(str(tmp_path / "veille.db"))
    stop, logged = Stop(), threading.Event()
    settings = Settings(db=str(tmp_path / "veille.db"), watch_every=3600)
    found: list[int] = []

    def run() -> None:
        found.extend(
            c.number for c in watch([str(folder)], store, settings, log=lambda c: logged.set(), stop=stop)
        )

    worker = threading.Thread(target=run)
    worker.start()
    assert logged.wait(30)
    stop.set()
    worker.join(10)
    store.close()
    assert not worker.is_alive() and found == [1]


# real signals to a real process ---------------------------------------------------------


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        veille_command("watch", *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_sigterm_lets_the_cycle_finish_then_stops(tmp_path: Path) -> None:
    """The first source answers slowly (a 304: nothing to process); SIGTERM arrives meanwhile."""
    db = str(tmp_path / "veille.db")
    routes = {"/slow.html": Page(body=NVIDIA, etag='"n1"'), "/next.html": Page(body=STAKE_16)}
    with LocalServer(routes) as server:
        slow, following = server.url("/slow.html"), server.url("/next.html")
        cycle(slow, "--db", db)
        store = open_store(db)
        checked = store.source_state(slow).checked_at  # type: ignore[union-attr]
        store.close()
        server.routes["/slow.html"] = Page(body=NVIDIA, etag='"n1"', delay=1.5)
        start = len(server.requests)
        proc = _start(slow, following, "--every", "1h", "--delay", "0", "--db", db)
        _wait_for(lambda: len(server.requests) > start)
        proc.send_signal(signal.SIGTERM)  # while the first source is on its way
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert [p for p, _ in server.requests[start:]] == ["/slow.html"]  # no further source polled
    assert "stopping after this cycle" in err
    assert "cycle 1: 0 new, 0 changed, 1 unchanged, 0 failed (1 not modified" in err
    assert "the sources left are polled next time" in err
    store = open_store(db)
    try:
        state = store.source_state(slow)
        assert (
            state is not None and checked is not None and state.checked_at > checked
        )  # its cycle was stored
        assert store.source_state(following) is None
    finally:
        store.close()


def test_a_second_signal_aborts_the_cycle_and_nothing_is_half_written(tmp_path: Path) -> None:
    db = str(tmp_path / "veille.db")
    with LocalServer({"/slow.html": Page(body=NVIDIA, delay=3)}) as server:
        proc = _start(server.url("/slow.html"), "--once", "--delay", "0", "--db", db)
        _wait_for(lambda: server.requests)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "aborted" in err and "rolled back" in err and "Traceback" not in err
    store = open_store(db)
    try:
        assert store.documents() == [] and store.source_state(server.url("/slow.html")) is None
    finally:
        store.close()
