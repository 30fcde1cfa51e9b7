"""A synthetic corpus for the benchmarks: N articles as JSON Lines, varied from the demo articles.

Each synthetic article takes most paragraphs of one demo article and one or two of another,
shuffles all but the first, swaps company names for others of the domain pack, scales the
amounts and percentages, and shifts the years (and the publication date) by up to two years.
The result reads like the demo articles but is not a near-duplicate of them nor of each other,
so every article is processed in full. Deterministic: the same ``--seed`` gives the same file.

    python bench/make_corpus.py 5000 --out bench/corpus-5000.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "veille" / "demo" / "corpus"
# Used only while the demo corpus is not there: a few paragraphs of our own in the same vein.
FALLBACK = [
    (
        "fr",
        "Microsoft renforce son alliance avec OpenAI",
        "Microsoft investit 10 milliards de dollars dans OpenAI, selon un communiqué publié en janvier 2023.\n\n"
        "Le groupe de Redmond détiendrait 49 % des bénéfices de la start-up, d'après des documents consultés.\n\n"
        "OpenAI utilise Azure pour entraîner ses modèles depuis 2019.\n\n"
        "Nvidia fournit à Microsoft des dizaines de milliers de puces pour ces centres de calcul.",
    ),
    (
        "fr",
        "Amazon mise sur Anthropic",
        "Amazon a annoncé un investissement de 4 milliards de dollars dans Anthropic en septembre 2023.\n\n"
        "Anthropic a choisi AWS comme fournisseur principal de cloud, a précisé la société.\n\n"
        "Google avait déjà investi 2 milliards de dollars dans Anthropic quelques semaines plus tard.\n\n"
        "La CMA britannique examine ces accords depuis avril 2024.",
    ),
    (
        "en",
        "Oracle signs a cloud deal with OpenAI",
        "Oracle signed a contract worth 30 billion dollars a year with OpenAI in July 2025.\n\n"
        "SoftBank plans to invest 19 billion dollars in the Stargate project by 2029.\n\n"
        "Nvidia supplies the chips for the first data centre in Texas.",
    ),
]
AMOUNT = re.compile(r"\b(\d+(?:[,.]\d+)?)(\s*(?:milliards?|millions?|billions?|millions?|%|bn\b))")
YEAR = re.compile(r"\b(20[0-3]\d)\b")


@dataclass(frozen=True)
class Base:
    lang: str
    title: str
    published: str | None
    source: str | None
    paragraphs: list[str]


def demo_articles() -> list[Base]:
    """The demo articles (``veille/demo/corpus/*.md``), or the fallback ones if there are none."""
    import frontmatter

    out = []
    for path in sorted(DEMO.glob("*.md")):
        post = frontmatter.load(str(path))
        meta = {k: (str(v) if v is not None else None) for k, v in post.metadata.items()}
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", post.content) if p.strip()]
        out.append(
            Base(
                meta.get("lang") or "fr",
                meta.get("title") or path.stem,
                meta.get("published"),
                meta.get("source"),
                paragraphs,
            )
        )
    if not out:
        print(f"note: no demo corpus in {DEMO}; using the built-in fallback articles", file=sys.stderr)
        out = [
            Base(lang, title, "2024-01-15", "Fallback", text.split("\n\n")) for lang, title, text in FALLBACK
        ]
    return out


def company_names() -> list[str]:
    """The companies of the domain pack (names that can stand in for each other)."""
    from veille.packs import load_pack

    names = [e.name for e in load_pack("alliances").entities.values() if e.type == "company"]
    return sorted(names) or [
        "Microsoft",
        "OpenAI",
        "Nvidia",
        "Amazon",
        "Anthropic",
        "Google",
        "Oracle",
        "SoftBank",
    ]


def vary(i: int, bases: list[Base], names: list[str], seed: int) -> dict[str, str | None]:
    """The ``i``-th synthetic article."""
    rng = random.Random(seed * 1_000_003 + i)
    base = bases[i % len(bases)]
    other = rng.choice([b for b in bases if b.lang == base.lang])
    keep = [p for p in base.paragraphs[1:] if rng.random() < 0.85]
    extra = rng.sample(other.paragraphs, k=min(len(other.paragraphs), rng.randint(1, 2)))
    body = keep + extra
    rng.shuffle(body)
    text = "\n\n".join(base.paragraphs[:1] + body)
    shift = rng.randint(-2, 2)
    mapping = name_mapping(text, names, rng)
    text, title = rename(text, mapping), rename(base.title, mapping)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    text = AMOUNT.sub(lambda m: scaled(m.group(1), rng) + m.group(2), text)
    return {
        "id": f"synth-{i:05d}",
        "title": f"{title} ({i})",
        "text": text + f"\n\nRéf. {i}-{rng.randrange(10**6)}.",
        "published": shifted(base.published, shift),
        "source": base.source,
        "lang": base.lang,
    }


def name_mapping(text: str, names: list[str], rng: random.Random) -> dict[str, str]:
    """Each pack company named in the text → another one (a permutation of the pack's names)."""
    present = [n for n in names if re.search(rf"\b{re.escape(n)}\b", text)]
    return dict(zip(present, rng.sample(names, k=len(present)), strict=True))


def rename(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def scaled(number: str, rng: random.Random) -> str:
    value = float(number.replace(",", ".")) * rng.uniform(0.4, 2.5)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if "," in number else text


def shifted(date: str | None, years: int) -> str | None:
    if not date or not re.match(r"^\d{4}", date):
        return date
    return f"{int(date[:4]) + years}{date[4:]}".replace("-02-29", "-02-28")


def articles(n: int, seed: int) -> Iterator[dict[str, str | None]]:
    bases, names = demo_articles(), company_names()
    for i in range(n):
        yield vary(i, bases, names, seed)


def write(n: int, out: Path, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles to ``out`` (JSON Lines); returns ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for record in articles(n, seed):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, default=None, help="output file [bench/corpus-N.jsonl]")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    out = write(args.n, args.out or Path(__file__).parent / f"corpus-{args.n}.jsonl", args.seed)
    print(f"{args.n} articles → {out}")
    print(f"command: python bench/make_corpus.py {args.n} --out {out} --seed {args.seed}")


if __name__ == "__main__":
    main()
