"""The command line as a user meets it: help, documented commands, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SPEC_COMMANDS = [
    "ingest",
    "claims",
    "facts",
    "conflicts",
    "timeline",
    "entities",
    "state",
    "documents",
    "show",
    "delete",
    "export",
    "serve",
    "eval",
]
runner = CliRunner()


def commands() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


def test_help_lists_every_command_of_the_contract() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in SPEC_COMMANDS:
        assert name in result.output


def test_python_dash_m_veille_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "veille", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "ingest" in result.stdout


@pytest.mark.parametrize("name", commands())
def test_every_command_is_documented(name: str) -> None:
    """Docs that cannot drift: each command has a help text and appears in the README's tour."""
    assert runner.invoke(app, [name, "--help"]).exit_code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"veille {name}" in readme, f"`veille {name}` is missing from the README"


def test_database_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "veille.db"
    result = runner.invoke(app, ["ingest", "--demo", "--db", str(db)])
    assert result.exit_code == 1
    assert "does not exist" in result.output and str(db) in result.output


@pytest.mark.parametrize(
    "command",
    [
        "status",
        "documents",
        "claims",
        "entities",
        "facts",
        "conflicts",
        "timeline",
        "export",
        "show x",
        "delete x",
        "state --as-of 2024",
    ],
)
def test_read_commands_never_create_a_database(tmp_path: Path, command: str) -> None:
    """Where there is no database, a read command says so and how to make one; it creates none."""
    db = tmp_path / "veille.db"
    result = runner.invoke(app, [*command.split(), "--db", str(db)])
    assert result.exit_code == 1 and not db.exists()
    assert f"pas de base de connaissances à {db}" in result.output and "veille ingest" in result.output
    english = runner.invoke(app, ["--lang", "en", *command.split(), "--db", str(db)])
    assert f"no knowledge base at {db}" in english.output and not db.exists()


@pytest.mark.parametrize("where", ["folder", "read-only filesystem"])
def test_database_path_not_writable_is_a_clear_error(tmp_path: Path, where: str) -> None:
    """A path that names a folder, or a file on a read-only filesystem (even root cannot write /proc)."""
    db = str(tmp_path) if where == "folder" else "/proc/veille-test.db"
    result = runner.invoke(app, ["ingest", "--demo", "--db", db])
    assert result.exit_code == 1
    assert "cannot" in result.output and db in result.output and "Traceback" not in result.output


def test_database_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "veille.db"
    db.write_bytes(b"this is not an sqlite file at all" * 100)
    result = runner.invoke(app, ["documents", "--db", str(db)])
    assert result.exit_code == 1
    assert "erreur :" in result.output and "Traceback" not in result.output


def test_unknown_predicate_lists_the_valid_ones(tmp_path: Path) -> None:
    result = runner.invoke(app, ["claims", "--predicate", "buys", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1
    assert "invests_in" in result.output


def test_unknown_document_says_how_to_list_them(tmp_path: Path) -> None:
    open_store(str(tmp_path / "v.db")).close()
    result = runner.invoke(app, ["show", "nope", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1
    assert "veille documents" in result.output


def test_ingest_with_nothing_to_read_says_what_to_give(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1
    assert "--demo" in result.output


def test_empty_store_commands_answer_with_empty_output(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    open_store(db).close()
    assert runner.invoke(app, ["claims", "--format", "jsonl", "--db", db]).output == ""
    status = runner.invoke(app, ["status", "--db", db])
    assert status.exit_code == 0 and "0 document de 0 source, 0 entité" in status.output
    assert (
        "0 documents from 0 sources, 0 entities"
        in runner.invoke(app, ["--lang", "en", "status", "--db", db]).output
    )


@pytest.mark.slow
def test_ingest_then_read_back_and_delete(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    article = tmp_path / "nvidia.md"
    article.write_text(
        "---\ntitle: Nvidia et Mistral\npublished: 2024-06-11\nsource: Le Veilleur\n---\n"
        "Nvidia a investi 500 millions d'euros dans Mistral AI en juin 2024.\n",
        encoding="utf-8",
    )
    broken = tmp_path / "vide.txt"
    broken.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), str(broken), "--db", db, "--quiet"])
    assert result.exit_code == 2  # one input failed, the other went in
    assert "1 ajouté, 0 mis à jour, 0 inchangé" in result.output and "1 échec" in result.output
    assert result.output.count("vide.txt") == 1  # each failed input named once
    claims = [
        json.loads(line)
        for line in runner.invoke(app, ["claims", "--format", "jsonl", "--db", db]).output.splitlines()
    ]
    assert {"subject": "Nvidia", "predicate": "invests_in", "object": "Mistral AI"}.items() <= claims[
        0
    ].items()
    assert "dated_by" in claims[0]
    table = runner.invoke(app, ["claims", "--format", "csv", "--db", db])
    assert table.exit_code == 0 and table.output.splitlines()[0].endswith(",end,dated_by")
    again = runner.invoke(app, ["ingest", str(article), "--db", db, "--quiet"])
    assert again.exit_code == 0 and "1 inchangé" in again.output
    article.write_text(
        article.read_text(encoding="utf-8").replace("500 millions", "700 millions"), encoding="utf-8"
    )
    edited = runner.invoke(app, ["--lang", "en", "ingest", str(article), "--db", db, "--quiet"])
    assert edited.exit_code == 0 and "1 updated" in edited.output and "0 ingested" in edited.output
    facts = runner.invoke(app, ["facts", "--format", "jsonl", "--db", db]).output.splitlines()
    values = [v["amount"] for line in facts for v in json.loads(line)["values"]]
    assert values == [7e8]  # the old figure went with the old text: no dispute with itself
    assert "1 inchangé" in runner.invoke(app, ["ingest", str(article), "--db", db, "--quiet"]).output
    assert runner.invoke(app, ["delete", "nvidia", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["claims", "--format", "jsonl", "--db", db]).output == ""


# at 80 columns, and small things ------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb80(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of hand-made claims with long ids and a long sentence (no NLP)."""
    from reconcile_support import claim, document, filled

    long_id = "2024-11-22-la-gazette-du-numerique-amazon-et-anthropic-renforcent-leur-alliance-de-longue-date"
    sentence = (
        "Amazon a investi quatre milliards de dollars supplémentaires dans Anthropic, portant son "
        "engagement total à huit milliards, selon un communiqué publié vendredi soir par les deux groupes."
    )
    docs = [
        document(
            long_id,
            [
                claim(
                    long_id,
                    "Amazon",
                    "invests_in",
                    "Anthropic",
                    sentence,
                    amount=4e9,
                    currency="USD",
                    date="2024-11-22",
                )
            ],
            "2024-11-22",
            "La Gazette du Numérique",
        ),
        document(
            "court",
            [
                claim(
                    "court",
                    "Amazon",
                    "invests_in",
                    "Anthropic",
                    "Quatre milliards en 2024.",
                    amount=4e9,
                    currency="USD",
                    date="2024-11",
                )
            ],
            "2024-11-23",
            "Le Blog",
        ),
    ]
    db = str(tmp_path_factory.mktemp("kb80") / "kb.db")
    filled(docs, db).close()
    return db


@pytest.mark.parametrize("command", [["documents"], ["claims"], ["timeline"], ["facts"]])
def test_at_80_columns_ids_are_whole_and_text_wraps(kb80: str, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--db", kb80], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    long_id = "2024-11-22-la-gazette-du-numerique-amazon-et-anthropic-renforcent-leur-alliance-de-longue-date"
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines if line.strip() != long_id), result.output
    if command[0] in ("documents", "claims"):
        assert long_id in lines  # whole, on a line of its own: it can be pasted into `veille show`
    if command[0] == "claims":
        words = " ".join(result.output.split())
        assert "publié vendredi soir par les deux groupes." in words  # the whole sentence, wrapped
        assert "…" not in result.output


def test_status_counts_the_events_the_timeline_lists(kb80: str) -> None:
    events = runner.invoke(app, ["timeline", "--format", "jsonl", "--db", kb80]).output.splitlines()
    status = runner.invoke(app, ["status", "--db", kb80]).output
    assert len(events) >= 1 and f"{len(events)} événement{'s' if len(events) > 1 else ''} daté" in status


def test_french_grammar_and_plurals(kb80: str) -> None:
    from veille import fmt

    assert fmt.validity("2023-01-24", "2024-03-01", "fr") == "du 24 janvier 2023 au 1er mars 2024"
    assert fmt.validity("2023-01", "2024", "fr") == "de janvier 2023 à 2024"
    assert (
        fmt.validity("2019", None, "fr") == "depuis 2019"
        and fmt.validity(None, "2029", "fr") == "jusqu'en 2029"
    )
    assert fmt.validity("2023-01-24", None, "fr") == "depuis le 24 janvier 2023"
    assert fmt.validity("2023-01-24", "2024-03-01", "en") == "from 24 January 2023 to 1 March 2024"
    facts = runner.invoke(app, ["facts", "--db", kb80], env={"COLUMNS": "200"}).output
    assert "1 fait" in facts and "1 faits" not in facts
    conflicts = runner.invoke(app, ["--lang", "en", "conflicts", "--db", kb80], env={"COLUMNS": "200"}).output
    assert "0 facts" in conflicts


def test_progress_knows_how_many_inputs_a_folder_holds(tmp_path: Path) -> None:
    """The bar's total: what the readers will yield, counted before reading (a .jsonl counts its lines)."""
    from veille.config import Settings
    from veille.ingest.sources import expected, read_sources

    (tmp_path / "a.md").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("", encoding="utf-8")  # an error, counted as one item
    (tmp_path / "sub" / "c.jsonl").write_text(
        '{"text": "Un."}\n\n{"text": "Deux."}\nnot json\n', encoding="utf-8"
    )
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "d.md").write_text("Caché.", encoding="utf-8")
    paths = [str(tmp_path), str(tmp_path / "missing.md")]
    assert expected(paths) == len(list(read_sources(paths, Settings()))) == 6
    assert expected(["https://example.org/feed.xml"]) is None
