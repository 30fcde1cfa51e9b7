"""What the benchmarks share: the corpus, running ``veille ingest`` and measuring it, a PostgreSQL."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VEILLE = [sys.executable, "-m", "veille"]


def corpus(n: int, seed: int = 7) -> Path:
    """``bench/corpus-N.jsonl`` (written by make_corpus.py the first time)."""
    sys.path.insert(0, str(BENCH))
    import make_corpus

    path = BENCH / f"corpus-{n}.jsonl"
    if not path.exists():
        make_corpus.write(n, path, seed)
    return path


def words(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(len(json.loads(line)["text"].split()) for line in f if line.strip())


@dataclass(frozen=True)
class Run:
    command: str
    seconds: float
    ingested: int
    peak_rss_mb: float  # the largest single process (ru_maxrss of the ingest or a worker)
    peak_tree_mb: float  # the whole process tree at its largest (sampled)
    summary: str


def ingest(source: Path, db: str, *extra: str) -> Run:
    """Run ``veille ingest SOURCE --db DB --quiet EXTRA`` in a fresh process; time and memory."""
    cmd = [*VEILLE, "ingest", str(source), "--db", db, "--quiet", *extra]
    shown = " ".join(shlex.quote(c) for c in ["veille", *cmd[3:]])
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)\n"
        "sys.stderr.write(p.stderr)\n"
    )
    with tree_sampler() as peak:
        done = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, cwd=ROOT)
    seconds, maxrss_kb, rc = done.stdout.split()
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    if int(rc) not in (0, 2):
        raise SystemExit(f"{shown} failed ({rc}):\n{done.stderr}")
    ingested = int(summary.split()[0]) if summary[:1].isdigit() else -1
    return Run(shown, float(seconds), ingested, int(maxrss_kb) / 1024, peak[0] / 2**20, summary)


@contextmanager
def tree_sampler(every: float = 0.2) -> Iterator[list[float]]:
    """Sample the summed RSS of this process's descendants; ``peak[0]`` is the largest seen (bytes)."""
    import psutil

    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not stop.is_set():
            total = 0
            for child in me.children(recursive=True):
                with suppress(psutil.Error):
                    total += child.memory_info().rss
            peak[0] = max(peak[0], total)
            stop.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()


@contextmanager
def postgres(url: str | None) -> Iterator[str]:
    """The given PostgreSQL URL, or a throwaway server (as the tests start one) for the time of the block."""
    if url:
        yield url
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import PgServer

    try:
        server = PgServer.launch()
    except LookupError as e:
        raise SystemExit(f"{e} (or give --pg-url)") from None
    try:
        yield server.url()
    finally:
        server.stop()


def fresh_pg_database(url: str, name: str) -> str:
    """Drop and create database ``name`` on the server of ``url``; its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def fresh_sqlite(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return str(path)


def line(label: str, value: str) -> None:
    print(f"{label:<34} {value}")
