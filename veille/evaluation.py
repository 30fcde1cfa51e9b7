"""``veille eval``: precision, recall and F1 of stored claims against a gold file.

The matching rules are those of the project's scorer (shared/eval/score.py): same
document and predicate; subject and object name the same entity (case, accents,
punctuation and legal suffixes ignored, aliases merged, either order for symmetric
predicates); amounts within 2 %, percents within 0.5 point; a gold claim may list
alternative readings. Dates and modality are scored on the matched pairs. Entity names
are merged through the pack's aliases, plus an optional aliases file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from veille.errors import UsageError
from veille.models import SYMMETRIC
from veille.packs import load_pack
from veille.store.base import Store

SUFFIXES = {"inc", "llc", "corp", "corporation", "sa", "sas", "ltd", "plc", "gmbh", "global", "group", "lp"}
FACTUAL = {
    "asserted": "factual",
    "reported": "factual",
    "planned": "prospective",
    "speculative": "prospective",
    "conditional": "prospective",
    "negated": "negated",
}


def norm(name: str | None) -> str | None:
    if name is None:
        return None
    s = unicodedata.normalize("NFKD", str(name))
    words = re.sub(r"[^a-z0-9]+", " ", "".join(c for c in s if not unicodedata.combining(c)).lower()).split()
    while words and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


class Names:
    """Which names are one entity: the pack's aliases and an optional aliases file."""

    def __init__(self, extra: dict[str, list[str]] | None = None) -> None:
        self.group: dict[str | None, str | None] = {}
        for e in load_pack().entities.values():
            for n in (e.name, *e.aliases):
                self.group.setdefault(norm(n), norm(e.name))
        for canon, names in (extra or {}).items():
            if not canon.startswith("_"):
                for n in (canon, *names):
                    self.group[norm(n)] = norm(canon)

    def key(self, name: str | None) -> str | None:
        n = norm(name)
        return self.group.get(n, n)

    def same(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return self.key(a) == self.key(b)


def _close(a: Any, b: Any, rel: float | None = None, abs_: float | None = None) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= (rel * abs(y) if rel is not None else (abs_ or 0))


def matches(g: dict[str, Any], p: dict[str, Any], names: Names) -> bool:
    for alt in [{}, *g.get("alternatives", [])]:
        h = {**g, **alt}
        if h["predicate"] != p.get("predicate"):
            continue
        pair = names.same(h.get("subject"), p.get("subject")) and (
            h.get("object") is None or names.same(h.get("object"), p.get("object"))
        )
        if not pair and h["predicate"] in SYMMETRIC:
            pair = names.same(h.get("subject"), p.get("object")) and names.same(
                h.get("object"), p.get("subject")
            )
        if not pair:
            continue
        if h.get("amount") is not None and not _close(p.get("amount"), h["amount"], rel=0.02):
            continue
        if h.get("percent") is not None and not _close(p.get("percent"), h["percent"], abs_=0.5):
            continue
        return True
    return False


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]], names: Names) -> dict[str, Any]:
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        by_doc[str(p.get("doc"))].append(i)
    used: set[int] = set()
    pairs, missed = [], []
    for g in gold:
        hit = next(
            (i for i in by_doc.get(g["doc"], []) if i not in used and matches(g, pred[i], names)), None
        )
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            pairs.append((g, pred[hit]))
    docs = {g["doc"] for g in gold}
    scored = [i for i, p in enumerate(pred) if str(p.get("doc")) in docs]
    tp = len(pairs)
    precision = tp / len(scored) if scored else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    dated = [
        bool(p.get("date")) and str(p["date"])[: len(str(g["date"]))] == str(g["date"])
        for g, p in pairs
        if g.get("date")
    ]
    mods = [
        FACTUAL.get(g.get("modality") or "", "factual") == FACTUAL.get(p.get("modality") or "", "factual")
        for g, p in pairs
    ]
    return {
        "gold": len(gold),
        "predicted": len(scored),
        "matched": tp,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "date_accuracy": round(sum(dated) / len(dated), 3) if dated else None,
        "modality_accuracy": round(sum(mods) / len(mods), 3) if mods else None,
        "missed": missed,
        "spurious": [pred[i] for i in scored if i not in used],
    }


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise UsageError(
                    f"{path}:{n}: not JSON ({e})", hint="a gold file holds one JSON claim per line"
                ) from e
    return rows


def evaluate(gold_path: Path, store: Store, aliases: Path | None = None) -> dict[str, Any]:
    extra = json.loads(aliases.read_text(encoding="utf-8")) if aliases else None
    gold = load_jsonl(gold_path)
    pred = [c.to_dict() for c in store.claims()]
    return score(gold, pred, Names(extra))


def report(result: dict[str, Any]) -> str:
    lines = []
    for g in result["missed"]:
        lines.append(f"missed   {g['doc'][:12]}  {g['subject']} {g['predicate']} {g.get('object')}")
    for p in result["spurious"]:
        lines.append(
            f"spurious {str(p.get('doc'))[:12]}  {p.get('subject')} {p.get('predicate')} {p.get('object')}"
        )
    lines.append("")
    lines.append(f"date accuracy {result['date_accuracy']}  modality accuracy {result['modality_accuracy']}")
    lines.append(
        f"gold {result['gold']}  predicted {result['predicted']}  matched {result['matched']}  "
        f"precision {result['precision']}  recall {result['recall']}  f1 {result['f1']}"
    )
    return "\n".join(lines) + "\n"
