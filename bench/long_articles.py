"""Time and peak memory of one long article through cleaning and extraction: 100 KB, 1 MB, 5 MB.

A long article is read in paragraph-aligned pieces (``veille/nlp/pieces.py``), so time and
memory should grow with the text, linearly. Each size runs in a fresh process: the model is
loaded and warmed on 200 KB of other synthetic articles (so that the caches a first long text
fills are full before the clock starts), then ``pipeline.prepare`` and ``pipeline.process`` run
on the long one. Printed per size: wall-clock and CPU seconds, CPU seconds per MB, peak RSS of
the process and its growth over the loaded model; then the per-MB ratios of CPU time between
sizes (goal: within 1.3×; CPU time, as other work on a shared machine stretches the wall clock)
and the peak at the largest size (goal: under 1 GB).

The texts are the synthetic articles of ``make_corpus.py`` (varied from the demo corpus we
wrote) put one after another until the size is reached.

    python bench/long_articles.py                    # 0.1, 1 and 5 MB
    python bench/long_articles.py --mb 0.1 1 5 10
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import ROOT, line  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from veille.config import from_env
from veille.models import RawArticle
from veille.pipeline import prepare, process

settings = from_env()

def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024

text = open(sys.argv[1], encoding="utf-8").read()
warm = open(sys.argv[2], encoding="utf-8").read()  # other articles: models, lexicons and caches loaded
process(prepare(RawArticle(id="warm", origin="warm", text=warm)), settings)
loaded = rss_mb()
t, cpu = time.perf_counter(), time.process_time()
result = process(prepare(RawArticle(id="long", origin=sys.argv[1], text=text)), settings)
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "loaded_mb": loaded,
                  "claims": len(result.claims), "chars": len(result.document.text)}))
"""


def long_text(size_bytes: int, seed: int = 7) -> str:
    """Synthetic articles end to end until ``size_bytes`` of UTF-8."""
    import make_corpus

    parts, total = [], 0
    for record in make_corpus.articles(10**9, seed):
        body = str(record["text"])
        parts.append(body)
        total += len(body.encode("utf-8")) + 2
        if total >= size_bytes:
            break
    return "\n\n".join(parts)


def measure(mb: float, folder: Path) -> dict[str, float]:
    path, warm = folder / f"long-{mb:g}mb.txt", folder / "warm.txt"
    path.write_text(long_text(int(mb * 1024 * 1024)), encoding="utf-8")
    if not warm.exists():
        warm.write_text(long_text(200 * 1024, seed=99), encoding="utf-8")
    command = [sys.executable, "-c", CHILD, str(path), str(warm)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{mb:g} MB failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["mb"] = path.stat().st_size / 1024 / 1024
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.1, 1, 5], help="article sizes in MB")
    args = parser.parse_args(argv)
    print(f"command: python bench/long_articles.py --mb {' '.join(f'{m:g}' for m in args.mb)}")
    runs = []
    with tempfile.TemporaryDirectory(prefix="veille-long-") as tmp:
        for mb in args.mb:
            r = measure(mb, Path(tmp))
            runs.append(r)
            line(
                f"{r['mb']:.2f} MB ({int(r['chars']):,} chars)",
                f"{r['seconds']:6.1f} s ({r['cpu']:.1f} s CPU, {r['cpu'] / r['mb']:.1f} s/MB)  peak {r['peak_mb']:5.0f} MB "
                f"(+{r['peak_mb'] - r['loaded_mb']:.0f} over the loaded model)  {int(r['claims'])} claims",
            )
    for small, large in zip(runs, runs[1:], strict=False):
        ratio = (large["cpu"] / large["mb"]) / (small["cpu"] / small["mb"])
        line(
            f"CPU time per MB, {large['mb']:.2f} vs {small['mb']:.2f} MB",
            f"{ratio:.2f}×  (goal: within 1.3×)",
        )
    line("peak memory at the largest size", f"{runs[-1]['peak_mb']:.0f} MB  (goal: under 1,024 MB)")


if __name__ == "__main__":
    main()
