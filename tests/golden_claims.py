"""The golden claims of the demo corpus: every claim veille extracts from ``veille/demo/corpus``.

``tests/golden/claims.jsonl`` holds them, one claim a line, sorted, with the fields that say
what was read (doc, subject, predicate, object, amount, currency, percent, date, modality,
attributed_to, evidence). ``tests/test_golden_claims.py`` runs ``veille ingest --demo`` and
``veille claims`` and compares, printing the differences as a diff. A change to a rule, a
strategy or the lexicon thus shows as a reviewable diff of claims, without ../shared. When the
change is meant, regenerate the file and review its diff before committing it:

    .venv/bin/python tests/golden_claims.py          # show what changed
    .venv/bin/python tests/golden_claims.py --write  # write tests/golden/claims.jsonl
"""

from __future__ import annotations

import difflib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

EXPECTED = Path(__file__).resolve().parent / "golden" / "claims.jsonl"
COMMAND = ".venv/bin/python tests/golden_claims.py --write"
FIELDS = (
    "doc",
    "subject",
    "predicate",
    "object",
    "amount",
    "currency",
    "percent",
    "date",
    "modality",
    "attributed_to",
    "evidence",
)


def _veille(*args: str) -> str:
    from veille.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exit_code != 0:
        raise RuntimeError(f"veille {' '.join(args)} failed: {result.output}")
    return result.stdout


def _line(claim: dict[str, Any]) -> str:
    return json.dumps({k: claim.get(k) for k in FIELDS}, ensure_ascii=False)


def run() -> list[str]:
    """Ingest the demo corpus into a new store; its claims, one JSON line each, sorted."""
    with tempfile.TemporaryDirectory(prefix="veille-golden-claims-") as tmp:
        db = str(Path(tmp) / "demo.db")
        _veille("ingest", "--demo", "--db", db, "--quiet")
        out = _veille("claims", "--db", db, "--format", "jsonl")
    return sorted(_line(json.loads(line)) for line in out.splitlines() if line.strip())


def expected() -> list[str]:
    return EXPECTED.read_text(encoding="utf-8").splitlines() if EXPECTED.is_file() else []


def differences(old: list[str], new: list[str]) -> str:
    """A readable diff of two lists of claims ("" when they are the same)."""
    return "\n".join(difflib.unified_diff(old, new, "tests/golden/claims.jsonl", "now", lineterm="", n=0))


def main(argv: list[str]) -> int:
    actual = run()
    diff = differences(expected(), actual)
    print(diff or "no change")
    if "--write" in argv and diff:
        EXPECTED.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
        print(f"wrote {EXPECTED} ({len(actual)} claims)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's veille
    sys.exit(main(sys.argv[1:]))
