"""``veille eval GOLD --explain`` on an article and a gold file we write: each missed claim gets the
cause a reader would give it, and the causes are tallied by predicate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.store import open_store

runner = CliRunner()

ARTICLE = (
    "Orvane, un fabricant de batteries.\n\n"
    "Orvane a noué un partenariat avec la mairie de Lyon pour ses bornes de recharge.\n\n"
    "Orvane chaperonne désormais Microsoft.\n"
)


@pytest.fixture(scope="module")
def explained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("explain")
    article = folder / "batteries.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = folder / "v.db"
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    store = open_store(str(db))
    try:
        doc_id = store.documents()[0].document.id
    finally:
        store.close()
    gold = folder / "gold.jsonl"
    rows = [
        {  # the party is a city council the text names only as "la mairie de Lyon"
            "doc": doc_id,
            "subject": "Orvane",
            "predicate": "partners_with",
            "object": "Conseil municipal de Lyon",
            "evidence": "Orvane a noué un partenariat avec la mairie de Lyon",
        },
        {  # both named, but no rule knows the verb
            "doc": doc_id,
            "subject": "Orvane",
            "predicate": "partners_with",
            "object": "Microsoft",
            "evidence": "Orvane chaperonne désormais Microsoft.",
        },
    ]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return db, gold, doc_id


def test_each_missed_claim_gets_its_cause(explained: tuple[Path, Path, str]) -> None:
    db, gold, _ = explained
    result = runner.invoke(app, ["eval", str(gold), "--db", str(db), "--explain", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    causes = {(i["claim"].get("object"), i["kind"]): i for i in data["explain"]["items"]}
    unknown = causes[("Conseil municipal de Lyon", "missed")]
    assert unknown["cause"] == "no_mention"
    assert unknown["parties"] == {"Orvane": True, "Conseil municipal de Lyon": False}
    assert unknown["unnamed"] == ["Conseil municipal de Lyon"]  # the text says "la mairie"
    assert any(r["predicate"] == "partners_with" for r in unknown["rules"])  # "partenariat" triggers
    untriggered = causes[("Microsoft", "missed")]
    assert untriggered["cause"] == "no_trigger"
    assert untriggered["sentence"] == "Orvane chaperonne désormais Microsoft."
    assert {m["entity"] for m in untriggered["mentions"]} >= {"Orvane", "Microsoft"}
    tally = data["explain"]["causes"]["partners_with"]
    assert tally["no_mention"] == 1 and tally["no_trigger"] == 1
    assert any(w.startswith("chaperon") for w, _ in data["explain"]["uncovered_words"])


def test_the_text_report_prints_the_causes_table(explained: tuple[Path, Path, str]) -> None:
    db, gold, _ = explained
    result = runner.invoke(app, ["eval", str(gold), "--db", str(db), "--explain"])
    assert result.exit_code == 0, result.output
    assert "[no_mention]" in result.output and "[no_trigger]" in result.output
    table = result.output.split("causes by predicate", 1)[1]
    row = next(line for line in table.splitlines() if line.startswith("partners_with"))
    assert "no_mention" in table.splitlines()[1] and "1" in row.split()
    assert "recall" in result.output  # the usual scores still follow
