"""Cost of one document in a plain process vs inside a Dask worker (same documents, models warm).

Runs ``pipeline.process_many`` over the same documents of the synthetic corpus, a group
(``pipeline.GROUP``) at a time, in three places and prints seconds per document for each:

- a plain Python process (what ``veille ingest`` does without ``--workers``);
- a plain process with ``MALLOC_TRIM_THRESHOLD_`` set as Dask sets it by default (64 KiB)
  and as an earlier veille did (128 MiB): setting it at all turns off glibc's adaptive mmap
  threshold;
- a task on a worker of veille's local cluster (``dask_runner``'s settings).

The worker line should match the plain one within noise (±5 %); the throughput benchmark
then shows the speed-up that two workers can give.

    python bench/worker_overhead.py --n 120
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import ROOT, corpus, line  # noqa: E402

WARM = 8


def per_document(path: str, n: int) -> float:
    """Seconds per document of ``process_many`` over documents WARM … n of ``path`` (models loaded first)."""
    from veille.config import Settings
    from veille.ingest.clean import to_document
    from veille.ingest.sources import read_sources
    from veille.nlp.model import pipeline
    from veille.pipeline import GROUP, process_many

    pipeline("fr", "alliances")
    pipeline("en", "alliances")
    docs = []
    for raw in read_sources([path], Settings()):
        if not isinstance(raw, Exception):
            docs.append(to_document(raw))
        if len(docs) >= n:
            break
    process_many(docs[:WARM], Settings())
    start = time.perf_counter()
    for i in range(WARM, len(docs), GROUP):
        process_many(docs[i : i + GROUP], Settings())
    return (time.perf_counter() - start) / max(1, len(docs) - WARM)


def in_worker(path: str, n: int) -> float:
    from veille.dask_runner import _client

    with _client(1, None) as client:
        return float(client.submit(per_document, path, n, pure=False).result())


def child(where: str, path: str, n: int, env: dict[str, str]) -> float:
    cmd = [sys.executable, __file__, "--child", where, path, str(n)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env})
    if done.returncode:
        raise SystemExit(done.stderr)
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=120, help="documents to process in each place [120]")
    parser.add_argument("--child", nargs=3, metavar=("WHERE", "PATH", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        where, path, n = args.child
        print(per_document(path, int(n)) if where == "plain" else in_worker(path, int(n)))
        return
    source = str(corpus(1000))
    print(f"corpus: {source}, documents {WARM}–{args.n}; {os.cpu_count()} CPU cores")
    print(f"command: python bench/worker_overhead.py --n {args.n}")
    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    os.environ.clear()
    os.environ.update(clean)
    plain = child("plain", source, args.n, {})
    line("plain process", f"{plain * 1000:6.1f} ms/document")
    for label, value in (("64 KiB", 65536), ("128 MiB", 128 * 1024 * 1024)):
        t = child("plain", source, args.n, {"MALLOC_TRIM_THRESHOLD_": str(value)})
        line(f"plain, trim threshold {label}", f"{t * 1000:6.1f} ms/document  ({t / plain:.2f} ×)")
    worker = child("worker", source, args.n, {})
    line("Dask worker (veille's settings)", f"{worker * 1000:6.1f} ms/document  ({worker / plain:.2f} ×)")


if __name__ == "__main__":
    main()
