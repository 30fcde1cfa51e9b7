"""Following a story: what a watch cycle costs, and what the change log adds to reconciliation.

    python bench/watch.py --n 200

1. **Watch.** A feed of N synthetic articles (``make_corpus.py``, full text in the feed) is
   served with an ETag by a local HTTP server on 127.0.0.1 (tests/httpserver.py). Three cycles
   of ``veille watch``, in this process (the NLP model loaded beforehand): the first reads
   everything, the second finds the feed unchanged (a 304), the third finds one new entry.
   Prints each cycle's time, the requests it made and the bytes it received.
2. **Change log.** On the store the first cycle filled, every fact is rebuilt from scratch
   twice — once logging what changed (one ``new`` change per fact), once without — and the two
   times are compared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))

from _common import line  # noqa: E402
from httpserver import LocalServer, Page  # noqa: E402
from make_corpus import articles  # noqa: E402


def feed(items: list[dict[str, str | None]]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(a['title'] or '')}</title><link>https://example.org/{a['id']}</link>"
        f"<guid>{a['id']}</guid><pubDate>{a['published']}</pubDate><content:encoded><![CDATA["
        + "".join(f"<p>{escape(p)}</p>" for p in (a["text"] or "").split("\n\n"))
        + "]]></content:encoded></item>"
        for a in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>'
        f"<link>https://example.org/</link><description>bench</description>{entries}</channel></rss>"
    ).encode()


def cycles(n: int, tmp: Path) -> str:
    from veille.config import Settings
    from veille.models import RawArticle
    from veille.pipeline import prepare, process
    from veille.store import open_store
    from veille.watch import Watcher

    process(prepare(RawArticle(id="warm", origin="warm", text="Microsoft investit dans OpenAI.")))
    items = list(articles(n + 1, seed=7))
    db = str(tmp / "watch.db")
    store = open_store(db)
    with LocalServer({}) as server:
        watcher = Watcher([server.url("/feed.xml")], store, Settings(db=db, host_delay=0))
        for label, shown, etag in (
            ("first cycle", n, '"a"'),
            ("unchanged (304)", n, '"a"'),
            ("one new", n + 1, '"b"'),
        ):
            body = feed(items[:shown][::-1])
            server.routes["/feed.xml"] = Page(content_type="application/rss+xml", body=body, etag=etag)
            before = len(server.requests)
            started = time.perf_counter()
            done = watcher.cycle()
            seconds = time.perf_counter() - started
            got = len(body) if server.answers[-1] == 200 else 0
            line(
                label,
                f"{seconds:8.2f} s  {len(done.new):4d} new  {len(server.requests) - before} request(s), {got:,} bytes",
            )
        watcher.close()
    store.close()
    return db


def change_log(db: str, tmp: Path) -> None:
    from veille.reconcile import build_facts
    from veille.reconcile.changes import differ
    from veille.store import open_store

    times = {}
    for logged in (True, False):
        copy = tmp / f"log-{logged}.db"
        shutil.copyfile(db, copy)
        store = open_store(str(copy))
        store.conn.execute("DELETE FROM facts")  # type: ignore[attr-defined]
        store.conn.execute("DELETE FROM changes")  # type: ignore[attr-defined]
        keys = sorted(store.claim_keys())
        started = time.perf_counter()
        for at in range(0, len(keys), 500):
            part = set(keys[at : at + 500])
            store.replace_facts(
                part, build_facts(store.claims(keys=part), store), differ() if logged else None
            )
        times[logged] = time.perf_counter() - started
        count = len(store.changes())
        store.close()
        line(
            "rebuild, " + ("with the change log" if logged else "without it"),
            f"{times[logged]:8.2f} s  ({len(keys)} facts, {count} changes logged)",
        )
    line("change log cost", f"{times[True] / times[False]:8.2f} × the time without it")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles in the feed [200]")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="veille-bench-watch-") as folder:
        db = cycles(args.n, Path(folder))
        change_log(db, Path(folder))


if __name__ == "__main__":
    main()
