"""As of a date: the relations that held then, on the world clock, with the value current then."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reconcile_support import claim, document, filled
from typer.testing import CliRunner

from veille.cli import app
from veille.errors import UsageError
from veille.reconcile.render import note_text
from veille.reconcile.state import facts_as_of, parse_as_of, state_as_of
from veille.store import Store

MS, OA = "Microsoft", "OpenAI"
B = 1e9


def world() -> Store:
    # Kept as written (fmt: skip): a table, one claim a line; ruff format would spread each over ten lines.
    docs = [
        document("early", [
            claim("early", MS, "holds_stake", OA, "Il prend 49 % en 2019.", percent=49, date="2019"),
            claim("early", MS, "invests_in", OA, "Un milliard en juillet 2019.", amount=B, currency="USD", date="2019-07"),
        ], "2019-08-01", "Blog"),
        document("mid", [
            claim("mid", MS, "holds_stake", OA, "Sa part passe à 32,5 % en septembre 2025.", percent=32.5, date="2025-09"),
            claim("mid", MS, "board_seat", OA, "Il obtient un siège d'observateur en novembre 2023.", date="2023-11"),
            claim("mid", MS, "board_seat", OA, "Il quitte ce siège en juillet 2024.", date="2024-07", modality="negated"),
            claim("mid", MS, "invests_in", OA, "Au total 11 milliards.", amount=11 * B, currency="USD", kind="cumulative"),
        ], "2025-09-20", "Presse"),
        document("late", [
            claim("late", MS, "holds_stake", OA, "Sa part tombe à 27 % fin octobre 2025.", percent=27, date="2025-10-28"),
            claim("late", MS, "holds_stake", OA, "Il pourrait monter à 35 %.", percent=35, modality="speculative"),
            claim("late", MS, "invests_in", OA, "Au total 14 milliards.", amount=14 * B, currency="USD", kind="cumulative"),
            claim("late", MS, "uses", "Anthropic", "Il recourt aussi aux modèles d'un rival.", ),
            claim("late", OA, "acquires", "Windsurf", "Le laboratoire veut racheter la pépite.", modality="planned"),
        ], "2025-11-05", "Radio"),
    ]  # fmt: skip
    return filled(docs)


def held(store: Store, as_of: str) -> dict[str, list[object]]:
    return {f.key: [v.percent or v.amount or v.modality for v in f.values] for f in state_as_of(store, as_of)}


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2024", "2024"), ("2024-01", "2024-01"), (" 2024-01-01 ", "2024-01-01"), ("2024-02-29", "2024-02-29")],
)
def test_parse_as_of(text: str, iso: str) -> None:
    assert parse_as_of(text) == iso


@pytest.mark.parametrize("text", ["", "hier", "2024-13", "2023-02-29", "24-01-01", "2024/01/01", "2024-1-1"])
def test_parse_as_of_rejects_bad_dates(text: str) -> None:
    with pytest.raises(UsageError, match="ISO") as caught:
        parse_as_of(text)
    assert caught.value.hint == "write it as ISO: 2024, 2024-01 or 2024-01-31"


@pytest.mark.parametrize(
    ("text", "precise"),
    [
        ("2023-02-29", "no such date '2023-02-29': day is out of range for month"),
        ("2024-13", "no such month in '2024-13'"),
        ("hier", "cannot read the date 'hier'"),
    ],
)
def test_cli_says_what_is_wrong_with_a_date(tmp_path: Path, text: str, precise: str) -> None:
    result = CliRunner().invoke(
        app, ["--lang", "en", "state", "--as-of", text, "--db", str(tmp_path / "v.db")]
    )
    assert result.exit_code == 1
    assert f"error: {precise} — write it as ISO: 2024, 2024-01 or 2024-01-31" in result.output


def test_state_follows_the_world_clock() -> None:
    store = world()
    assert held(store, "2019-01-01") == {
        "Microsoft|holds_stake|OpenAI": [49]
    }  # 2019 counts for the whole year
    assert held(store, "2024-01-01") == {
        "Microsoft|holds_stake|OpenAI": [49],
        "Microsoft|invests_in|OpenAI|2019": [B],
        "Microsoft|board_seat|OpenAI": ["asserted"],
    }
    at = held(store, "2025-10-01")
    assert at["Microsoft|holds_stake|OpenAI"] == [32.5] and "Microsoft|board_seat|OpenAI" not in at
    assert at["Microsoft|invests_in|OpenAI|cumulative"] == [11 * B]  # the total reported by then
    late = held(store, "2025-12-31")
    assert late["Microsoft|holds_stake|OpenAI"] == [27]  # never the speculative 35 %
    assert late["Microsoft|invests_in|OpenAI|cumulative"] == [14 * B]
    assert late["Microsoft|uses|Anthropic"] == ["asserted"]  # undated: counts from its first report
    assert "OpenAI|acquires|Windsurf|undated" not in late  # only planned: it never held


def test_updated_value_carries_its_own_interval() -> None:
    [fact] = [f for f in state_as_of(world(), "2025-09-15") if f.predicate == "holds_stake"]
    assert (fact.values[0].percent, fact.valid_from, fact.valid_to) == (32.5, "2025-09", "2025-10-28")
    assert note_text(fact.notes).startswith("État au 15 septembre 2025")


def test_entity_filter_and_facts_as_of_without_store() -> None:
    store = world()
    assert {f.object for f in state_as_of(store, "2026", entity="Anthropic")} == {"Anthropic"}
    assert [f.key for f in facts_as_of(store.facts(predicate="board_seat"), "2024-03")] == [
        "Microsoft|board_seat|OpenAI"
    ]
    assert facts_as_of(store.facts(predicate="board_seat"), "2024-08") == []


def test_undated_unpublished_facts_count_from_ingestion() -> None:
    store = filled(
        [document("x", [claim("x", MS, "uses", "Anthropic", "Il recourt aux modèles d'un rival.")])]
    )
    assert facts_as_of(store.facts(), "2100-01-01") == []  # no clock at all: cannot be placed
    assert [f.key for f in state_as_of(store, "2100-01-01")] == ["Microsoft|uses|Anthropic"]
    assert state_as_of(store, "2000-01-01") == []


def test_cli_state_and_facts_as_of(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    stake = claim("early", MS, "holds_stake", OA, "Il prend 49 % en 2019.", percent=49, date="2019")
    filled([document("early", [stake], "2019-08-01")], db).close()
    runner = CliRunner()
    result = runner.invoke(app, ["state", "--as-of", "2024-01-01", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["predicate"], row["values"][0]["percent"]) == ("holds_stake", 49)
    result = runner.invoke(app, ["facts", "--as-of", "2018", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0 and result.stdout == ""
    result = runner.invoke(app, ["state", "--as-of", "demain", "--db", db])
    assert result.exit_code == 1


def test_state_shows_a_paid_investment_not_a_mere_promise() -> None:
    promise = claim(
        "a",
        "Amazon",
        "invests_in",
        "Anthropic",
        "Amazon s'engage en septembre 2023 à investir jusqu'à 4 milliards.",
        amount=4 * B,
        currency="USD",
        amount_qualifier="up_to",
        date="2023-09",
        modality="planned",
    )
    paid = claim(
        "b",
        "Amazon",
        "invests_in",
        "Anthropic",
        "Amazon a versé ces 4 milliards en septembre 2023 et en mars 2024.",
        amount=4 * B,
        currency="USD",
        date="2023-09",
        date_end="2024-03",
    )
    promised = filled([document("a", [promise], "2023-09-26")])
    assert held(promised, "2025-06-01") == {}
    both = filled([document("a", [promise], "2023-09-26"), document("b", [paid], "2024-11-23")])
    assert held(both, "2025-06-01") == {"Amazon|invests_in|Anthropic|2023": [4 * B]}
    assert held(both, "2023-06") == {}
