"""``veille eval GOLD --explain`` on an article and a gold file we write: each missed claim gets the
cause a reader would give it — down to the gate or the role of the rule that stopped it — and the
causes are tallied by predicate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.extract import extract, trace
from veille.models import Document
from veille.store import open_store

runner = CliRunner()
GATES = {"context", "near", "refers_back", "veto", "label", "named_before", "told_deal"}

ARTICLE = (
    "Orvane, un fabricant de batteries.\n\n"
    "Orvane a noué un partenariat avec la mairie de Lyon pour ses bornes de recharge.\n\n"
    "Orvane chaperonne désormais Microsoft.\n\n"
    "Orvane a obtenu un siège chez Dravex.\n\n"
    "Kelto est entrée chez Valmor à hauteur de 20 millions d'euros.\n\n"
    "Orvane conserve une participation dans Kelto.\n\n"
    "Valmor et Brisane ont signé un accord.\n\n"
    "Orvane a investi 30 millions d'euros, une somme versée à Kelto.\n\n"
    "Valmor fournit ses serveurs de calcul à Kelto.\n\n"
    "Brisane a signé un contrat avec Dravex pour fournir des capacités de calcul à Dravex.\n\n"
    "Orvane, rival de Valmor, a racheté Kelto.\n\n"
    "L'investissement de 20 millions d'euros dans Dravex a été décidé par Orvane.\n"
)


def gold_row(doc_id: str, subject: str, predicate: str, obj: str, evidence: str, **values: float) -> dict:
    return {
        "doc": doc_id,
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "evidence": evidence,
        **values,
    }


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
        # a seat on a board, but the sentence does not say "conseil": the rule's context gate
        gold_row(doc_id, "Orvane", "board_seat", "Dravex", "Orvane a obtenu un siège chez Dravex."),
        # "entrer" is an investment only near "capital"
        gold_row(doc_id, "Kelto", "invests_in", "Valmor", "Kelto est entrée chez Valmor", amount=2e7),
        # a stake that the sentence gives no percent or sum for: the rule requires a value
        gold_row(doc_id, "Orvane", "holds_stake", "Kelto", "Orvane conserve une participation dans Kelto."),
        # the recipient is the complement of another verb
        gold_row(doc_id, "Orvane", "invests_in", "Kelto", "une somme versée à Kelto", amount=3e7),
        # "fournir" serves computing (provides_cloud_to) first; the supply rule is never tried
        gold_row(doc_id, "Valmor", "supplies", "Kelto", "Valmor fournit ses serveurs de calcul à Kelto."),
        # the contract gives way to the more specific provides_cloud_to of the same two companies
        gold_row(doc_id, "Brisane", "contract_with", "Dravex", "Brisane a signé un contrat avec Dravex"),
        # the rival named in the apposition, while the rule takes the object of the clause
        gold_row(doc_id, "Orvane", "competes_with", "Valmor", "Orvane, rival de Valmor, a racheté Kelto."),
        gold_row(doc_id, "Orvane", "acquires", "Kelto", "Orvane, rival de Valmor, a racheté Kelto."),
        # the investor is the agent of the clause's passive verb, not a complement of the noun
        gold_row(doc_id, "Orvane", "invests_in", "Dravex", "a été décidé par Orvane", amount=2e7),
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
    assert "[gate:context]" in result.output and "[dropped:prefer_specific]" in result.output
    assert any(line.startswith("board_seat") and "1" in line.split() for line in table.splitlines())
    entering = result.output.split("[gate:near]", 1)[1].split("\n\n", 1)[0]
    assert 'values:   money "20 millions d\'euros"' in entering
    assert re.search(r"rule: +#\d+ invests_in \(trigger 'entrée'\): gate:near", entering)
    paid = result.output.split("[role:object]", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"subject: .*-> Orvane \(company\)", paid) and "object: " in paid
    assert "-> nothing" in paid.split("object: ", 1)[1]


def _items(db: Path, gold: Path) -> dict[tuple[str, str | None, str], dict[str, Any]]:
    result = runner.invoke(app, ["eval", str(gold), "--db", str(db), "--explain", "--format", "json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["explain"]["items"]
    return {(i["claim"]["subject"], i["claim"]["object"], i["claim"]["predicate"]): i for i in items}


def _rule(item: dict[str, Any], predicate: str) -> dict[str, Any]:
    return next(r for r in item["rules"] if r["predicate"] == predicate)


def test_a_rule_that_fires_says_which_gate_or_role_stopped_it(explained: tuple[Path, Path, str]) -> None:
    db, gold, _ = explained
    items = _items(db, gold)
    seat = items[("Orvane", "Dravex", "board_seat")]
    assert seat["cause"] == "gate:context" and _rule(seat, "board_seat")["outcome"] == "gate:context"
    entering = items[("Kelto", "Valmor", "invests_in")]
    assert entering["cause"] == "gate:near"
    assert [m["amount"] for m in entering["values"]["money"]] == [2e7]  # the candidate value was there
    stake = items[("Orvane", "Kelto", "holds_stake")]
    assert stake["cause"] == "value_required"
    assert stake["values"]["money"] == [] and stake["values"]["percents"] == []
    paid = items[("Orvane", "Kelto", "invests_in")]
    assert paid["cause"] == "role:object"
    subject, obj = _rule(paid, "invests_in")["roles"]
    assert subject["role"] == "subject" and [m["entity"] for m in subject["found"]] == ["Orvane"]
    assert obj["role"] == "object" and obj["found"] == [] and obj["tried"]  # strategies tried, none found
    decided = items[("Orvane", "Dravex", "invests_in")]
    assert decided["cause"] == "role:subject"
    assert [r["role"] for r in _rule(decided, "invests_in")["roles"]] == ["subject"]  # object never searched


def test_a_claim_made_then_lost_says_what_took_its_place(explained: tuple[Path, Path, str]) -> None:
    db, gold, _ = explained
    items = _items(db, gold)
    served = items[("Valmor", "Kelto", "supplies")]
    assert served["cause"] == "shadowed"  # "fournir" made provides_cloud_to first
    assert _rule(served, "supplies")["outcome"] == "not_tried"
    assert _rule(served, "provides_cloud_to")["outcome"] == "made"
    contract = items[("Brisane", "Dravex", "contract_with")]
    assert contract["cause"] == "dropped:prefer_specific"
    assert {(d["step"], d["predicate"]) for d in contract["dropped"]} == {
        ("prefer_specific", "contract_with")
    }
    rival = items[("Orvane", "Valmor", "competes_with")]
    assert rival["cause"] == "wrong_arguments"
    assert [(c["subject"], c["object"]) for c in rival["made"]] == [("Orvane", "Kelto")]
    spurious = items[("Orvane", "Kelto", "competes_with")]
    assert spurious["kind"] == "spurious" and spurious["made_by"]["trigger"] == "rival"
    assert ("Orvane", "Kelto", "acquires") not in items  # found, so neither missed nor spurious


def test_tracing_changes_no_claim() -> None:
    document = Document(id="t", text=ARTICLE, hash="t")
    plain = extract(document)[2]
    with trace.collect() as traced:
        again = extract(document)[2]
    assert again == plain
    steps = {o.step for s in traced.sentences for o in s.outcomes}
    assert {"made", "gate:context", "gate:near", "value_required", "role:object"} <= steps
    assert not any(s.startswith("gate:") and s[5:] not in GATES for s in steps)  # every gate has its name
    assert trace._TRACE.get() is None  # collected only inside the block
