"""Peak memory of ``veille ingest`` for 1,000 and 5,000 articles: it must stay flat.

Ingestion streams its input and writes in batches, so the peak should not grow with the
corpus. Reported per size: the peak RSS of the largest single process (``ru_maxrss`` of the
ingest process, or of a Dask worker) and of the whole process tree (sampled every 0.2 s).

    python bench/memory.py                    # 1,000 and 5,000 articles, one process
    python bench/memory.py --workers 2        # the same on a local Dask cluster
    python bench/memory.py --sizes 500 2000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import Run, corpus, fresh_sqlite, ingest, line  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, default=None, help="run on a local Dask cluster of N workers")
    args = parser.parse_args(argv)
    print(f"command: python bench/memory.py {' '.join(argv or sys.argv[1:])}".rstrip())
    runs: list[tuple[int, Run]] = []
    extra = ["--workers", str(args.workers)] if args.workers else []
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
        for n in args.sizes:
            run = ingest(corpus(n), fresh_sqlite(Path(tmp) / f"m{n}.db"), *extra)
            runs.append((n, run))
            line(
                f"{n} articles",
                f"peak RSS {run.peak_rss_mb:7.1f} MB (largest process), "
                f"{run.peak_tree_mb:7.1f} MB (process tree); {run.seconds:.0f} s",
            )
            print(f"  $ {run.command}")
            print(f"    {run.summary}")
    (n0, first), (n1, last) = runs[0], runs[-1]
    line(
        f"ratio {n1} / {n0}",
        f"{last.peak_rss_mb / first.peak_rss_mb:.2f} × (largest process), "
        f"{last.peak_tree_mb / max(first.peak_tree_mb, 1):.2f} × (tree); flat is about 1",
    )


if __name__ == "__main__":
    main()
