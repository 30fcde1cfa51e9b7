"""The golden reconciliation corpus: run it through veille, summarise what comes out, compare.

``tests/golden/reconcile/`` holds short articles we wrote (several outlets and dates on three
stories: Lufthansa and ITA Airways, Renault and the battery maker Verkor, Air France-KLM and
SAS; French and English) and ``expected.json``: the facts with their status and values, the
timeline in French and in English, and the state as of a date, one readable line each.

``tests/test_golden_reconcile.py`` runs ``veille ingest`` on the folder, then ``veille facts``,
``veille timeline`` and ``veille state``, and compares with ``expected.json``, printing the
differences as a diff. When a change is meant (better claims, a new rule), regenerate the
expected file and review its diff before committing it:

    .venv/bin/python tests/golden_reconcile.py          # show what changed
    .venv/bin/python tests/golden_reconcile.py --write  # write expected.json
"""

from __future__ import annotations

import difflib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

FOLDER = Path(__file__).resolve().parent / "golden" / "reconcile"
EXPECTED = FOLDER / "expected.json"
AS_OF = "2025-06-01"


def _veille(*args: str) -> list[dict[str, Any]]:
    """One veille command (in process, as the CLI runs it); its JSON Lines output."""
    from veille.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exit_code != 0:
        raise RuntimeError(f"veille {' '.join(args)} failed: {result.output}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _value(v: dict[str, Any]) -> str:
    parts = [v["label"], v["date"] or "-", v["modality"], f"{v['sources']} src", ",".join(v["docs"])]
    if v.get("condition"):
        parts.append(f"« {v['condition']} »")
    return " | ".join(parts)


def _fact(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": f["key"],
        "status": f["status"],
        "current": f["current"]["label"] if f["current"] else None,
        "values": [_value(v) for v in f["values"]],
    }


def _event(e: dict[str, Any]) -> str:
    return f"{e['date']} | {e['title']} | {', '.join(e['docs'])}"


def summarise(db: str) -> dict[str, Any]:
    """What the store's facts, timeline and state say, as the expected file keeps it."""
    state = _veille("state", "--as-of", AS_OF, "--db", db, "--format", "jsonl")
    return {
        "facts": [_fact(f) for f in _veille("facts", "--db", db, "--format", "jsonl")],
        "timeline": {
            lang: [_event(e) for e in _veille("--lang", lang, "timeline", "--db", db, "--format", "jsonl")]
            for lang in ("fr", "en")
        },
        f"state {AS_OF}": [f"{f['key']}: {' ; '.join(v['label'] for v in f['values'])}" for f in state],
    }


def run(folder: Path = FOLDER) -> dict[str, Any]:
    """Ingest the corpus into a new store and summarise it."""
    with tempfile.TemporaryDirectory(prefix="veille-golden-") as tmp:
        db = str(Path(tmp) / "golden.db")
        from veille.cli import app

        result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--quiet"])
        if result.exit_code != 0:
            raise RuntimeError(f"veille ingest failed: {result.output}")
        return summarise(db)


def dump(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=1) + "\n"


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """A readable diff of two summaries ("" when they are the same)."""
    lines = difflib.unified_diff(
        dump(expected).splitlines(), dump(actual).splitlines(), "expected.json", "now", lineterm="", n=2
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    actual = run()
    expected = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.is_file() else {}
    diff = differences(expected, actual)
    print(diff or "no change")
    if "--write" in argv and diff:
        EXPECTED.write_text(dump(actual), encoding="utf-8")
        print(f"wrote {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
