"""Ingestion throughput: one process vs ``--workers N`` (Dask), and SQLite vs PostgreSQL.

Each run is a fresh ``veille ingest`` process into a fresh store, timed from start to exit
(model loading and, with workers, the cluster's start-up included).

    python bench/throughput.py --n 5000 --workers 2            # all three comparisons
    python bench/throughput.py --n 1000 --only dask             # one process vs workers only
    python bench/throughput.py --n 1000 --only backends --pg-url postgresql://me@host/db
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import Run, corpus, fresh_pg_database, fresh_sqlite, ingest, line, postgres, words  # noqa: E402


def report(label: str, run: Run, n: int, n_words: int) -> None:
    line(label, f"{n / run.seconds:7.1f} docs/s  {n_words / run.seconds:9.0f} words/s  ({run.seconds:.1f} s)")
    line("", f"peak RSS {run.peak_rss_mb:.0f} MB (largest process), {run.peak_tree_mb:.0f} MB (process tree)")
    print(f"  $ {run.command}")
    print(f"    {run.summary}")


def dask_vs_single(source: Path, n: int, n_words: int, workers: int, tmp: Path) -> Run:
    single = ingest(source, fresh_sqlite(tmp / "single.db"))
    report("one process (SQLite)", single, n, n_words)
    dasked = ingest(source, fresh_sqlite(tmp / "dask.db"), "--workers", str(workers))
    report(f"--workers {workers} (SQLite)", dasked, n, n_words)
    line("speed-up", f"{single.seconds / dasked.seconds:.2f} ×  (goal ≥ 1.6 × with 2 workers on 2 cores)")
    return single


def backends(source: Path, n: int, n_words: int, tmp: Path, pg_url: str | None, sqlite: Run | None) -> None:
    sqlite = sqlite or ingest(source, fresh_sqlite(tmp / "single.db"))
    report("SQLite, one process", sqlite, n, n_words)
    with postgres(pg_url) as server:
        pg = ingest(source, fresh_pg_database(server, "veille_bench"))
    report("PostgreSQL, one process", pg, n, n_words)
    line("PostgreSQL / SQLite", f"{sqlite.seconds / pg.seconds:.2f} × the SQLite rate")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the synthetic corpus [1000]")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("dask", "backends"), default=None)
    parser.add_argument("--pg-url", default=None, help="a PostgreSQL server [a throwaway one]")
    args = parser.parse_args(argv)
    source = corpus(args.n)
    n_words = words(source)
    print(f"corpus: {source} — {args.n} articles, {n_words} words; {os.cpu_count()} CPU cores")
    print(f"command: python bench/throughput.py {' '.join(argv or sys.argv[1:])}".rstrip())
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
        single = None
        if args.only in (None, "dask"):
            single = dask_vs_single(source, args.n, n_words, args.workers, Path(tmp))
        if args.only in (None, "backends"):
            backends(source, args.n, n_words, Path(tmp), args.pg_url, single)


if __name__ == "__main__":
    main()
