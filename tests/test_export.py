"""Exports: JSON Lines with types, CSV, GraphML read back with networkx, Markdown dossiers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from reconcile_support import claim, document, filled
from typer.testing import CliRunner

from veille.cli import app
from veille.errors import OutputError, UsageError
from veille.export import CLAIM_FIELDS, FORMATS, export, slug
from veille.models import Event
from veille.store import Store

MS, OA = "Microsoft", "OpenAI"
B = 1e9


def small(path: str = ":memory:") -> Store:
    a = [
        claim(
            "a",
            MS,
            "invests_in",
            OA,
            "En juillet 2019, un milliard est versé.",
            amount=B,
            currency="USD",
            date="2019-07",
        ),
        claim("a", MS, "holds_stake", OA, "Il détient 49 % de la filiale.", percent=49),
        claim(
            "a", OA, "valued_at", None, "Le laboratoire vaut 300 milliards.", amount=300 * B, currency="USD"
        ),
    ]
    b = [
        claim(
            "b", MS, "invests_in", OA, "Dix milliards en 2023.", amount=10 * B, currency="USD", date="2023"
        ),
        claim("b", MS, "holds_stake", OA, "Il détient 27 % de la filiale.", percent=27),
    ]
    c = [
        claim(
            "c", MS, "invests_in", OA, "Treize milliards en 2023.", amount=13 * B, currency="USD", date="2023"
        )
    ]
    founding = Event(
        "a",
        "2015-12",
        "Création",
        (OA, "Elon Musk"),
        "Le laboratoire naît fin 2015.",
        200,
        230,
        "founding",
        (("agent", "Elon Musk"), ("org", OA)),
    )
    docs = [
        document("a", a, "2025-06-22", "Le Blog", events=[founding]),
        document("b", b, "2025-06-23", "La Presse"),
        document("c", c, "2025-06-24", "La Radio"),
    ]
    return filled(docs, path)


def test_formats() -> None:
    assert FORMATS == ("jsonl", "csv", "graphml", "md")
    with pytest.raises(UsageError, match="unknown export format 'xml'") as caught:
        export(small(), "xml", None)
    assert caught.value.hint == "choose one of: jsonl, csv, graphml, md"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_path_that_cannot_be_written_is_a_clear_error(tmp_path: Path, fmt: str) -> None:
    blocker = tmp_path / "rapport"
    blocker.write_text("a file where a folder is needed", encoding="utf-8")
    with pytest.raises(OutputError, match=f"cannot write {blocker}") as caught:
        export(small(), fmt, blocker / "sous-dossier" / "export")
    assert "--output" in caught.value.hint
    assert blocker.read_text(encoding="utf-8") == "a file where a folder is needed"


def test_cli_export_to_a_path_that_cannot_be_written(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    small(db).close()
    blocker = tmp_path / "rapport"
    blocker.write_text("", encoding="utf-8")
    target = str(blocker / "g.graphml")
    result = CliRunner().invoke(
        app, ["--lang", "en", "export", "--format", "graphml", "--db", db, "--output", target]
    )
    assert result.exit_code == 1
    assert f"error: cannot write {blocker}" in result.output and "check the --output path" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_jsonl_has_every_type(tmp_path: Path) -> None:
    out = tmp_path / "kb.jsonl"
    assert export(small(), "jsonl", out) == str(out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["type"] for r in rows} == {"document", "entity", "claim", "fact", "event"}
    fact = next(r for r in rows if r["type"] == "fact" and r["predicate"] == "holds_stake")
    assert fact["status"] == "disputed" and fact["values"][0]["sources"] == 1
    event = next(r for r in rows if r["type"] == "event")
    assert (event["date"], event["title"]) == ("2015-12", "Elon Musk fonde OpenAI")
    assert next(r for r in rows if r["type"] == "entity" and r["name"] == MS)["entity_type"] == "company"


def test_csv_to_stdout_and_to_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = small()
    assert export(store, "csv", None) == "stdout"
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 6 and tuple(rows[0]) == CLAIM_FIELDS
    folder = tmp_path / "csv"
    export(store, "csv", folder)
    assert sorted(p.name for p in folder.iterdir()) == ["claims.csv", "entities.csv", "facts.csv"]
    facts = list(csv.DictReader(io.StringIO((folder / "facts.csv").read_text(encoding="utf-8"))))
    assert {f["status"] for f in facts} == {"agreed", "disputed"}
    assert any(f["values"].startswith("1 Md USD (2019-07") for f in facts)


def test_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    out = tmp_path / "kb.graphml"
    export(small(), "graphml", out)
    g = nx.read_graphml(out, force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.nodes) == [MS, OA]
    assert (g.nodes[MS]["type"], g.nodes[MS]["wikidata"]) == ("company", "")
    edges = {d["fact_key"]: d for _, _, d in g.edges(data=True)}
    assert set(edges) == {
        "Microsoft|holds_stake|OpenAI",
        "Microsoft|invests_in|OpenAI|2019",
        "Microsoft|invests_in|OpenAI|2023",
    }
    stake = edges["Microsoft|holds_stake|OpenAI"]
    assert (stake["predicate"], stake["status"]) == ("holds_stake", "disputed")
    assert "49\u202f%" in stake["values"] and "27\u202f%" in stake["values"]
    assert "valued_at" in g.nodes[OA]["facts"]  # a fact without an object sits on its node


def test_markdown_dossiers_with_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = small()
    folder = tmp_path / "dossiers"
    export(store, "md", folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["elon-musk.md", "index.md", "microsoft.md", "openai.md"]
    ms = (folder / "microsoft.md").read_text(encoding="utf-8")
    assert ms.startswith("# Microsoft")
    assert ms.index("## Faits") < ms.index("## Conflits") < ms.index("## Chronologie")
    conflicts = ms[ms.index("## Conflits") : ms.index("## Chronologie")]
    assert "27\u202f%" in conflicts and "La Presse, 2025-06-23 (`b`)" in conflicts
    lines = ms.splitlines()
    for i, line in enumerate(lines):  # every statement with its source
        if line.startswith("- **"):
            assert "_Sources : " in line or lines[i + 1].startswith("  - "), line
    assert "- [Microsoft](microsoft.md)" in (folder / "index.md").read_text(encoding="utf-8")
    assert export(store, "md", None) == "stdout"
    assert capsys.readouterr().out.count("\n# ") == 2  # three dossiers one after another


def test_slug() -> None:
    assert [slug(n) for n in ("Sam Altman", "Commission européenne", "xAI", "!!")] == [
        "sam-altman",
        "commission-europeenne",
        "xai",
        "entite",
    ]


def test_cli_export_facts_conflicts_timeline(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    small(db).close()
    runner = CliRunner()
    result = runner.invoke(
        app, ["export", "--format", "graphml", "--db", db, "--output", str(tmp_path / "g.graphml")]
    )
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == 2
    conflicts = runner.invoke(app, ["conflicts", "--format", "jsonl", "--db", db])
    assert [json.loads(line)["key"] for line in conflicts.stdout.splitlines()] == [
        "Microsoft|holds_stake|OpenAI",
        "Microsoft|invests_in|OpenAI|2023",
    ]
    for fmt in ("table", "md", "jsonl"):
        assert runner.invoke(app, ["facts", "--format", fmt, "--db", db, "--entity", MS]).exit_code == 0
    timeline = runner.invoke(
        app, ["timeline", "--format", "md", "--db", db, "--entity", OA, "--from", "2015"]
    )
    assert timeline.exit_code == 0 and "- **décembre 2015** — Elon Musk fonde OpenAI." in timeline.stdout
    english = runner.invoke(app, ["--lang", "en", "timeline", "--format", "md", "--db", db])
    assert english.exit_code == 0 and english.stdout.startswith("# Timeline")
    assert "- **December 2015** — Elon Musk founds OpenAI." in english.stdout
    rows = runner.invoke(
        app, ["--lang", "en", "timeline", "--db", db, "--format", "jsonl"]
    ).stdout.splitlines()
    assert "Microsoft invests $1bn in OpenAI" in [json.loads(r)["title"] for r in rows]
    unknown = runner.invoke(app, ["--lang", "de", "timeline", "--db", db])
    assert unknown.exit_code != 0 and "choose fr or en" in unknown.output


FORMULAS = (
    '=HYPERLINK("http://example.test/x","clic")',
    "+33 1 23",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab SA",
    "\rCR SA",
)


def hostile_cells() -> Store:
    """Names and a sentence that a spreadsheet would run as formulas if written as they are."""
    evil, plus, minus, at, tab, cr = FORMULAS
    claims = [
        claim("x", at, "invests_in", plus, evil, amount=-2 * B, currency="USD", date="2024"),
        claim("x", minus, "partners_with", tab, f"{cr} est partenaire."),
        claim("x", cr, "holds_stake", at, "=1+1 dit la note.", percent=5),
    ]
    return filled([document("x", claims, "2024-05-02", "=cmd|' /C calc'!A0")])


def test_csv_cells_never_start_a_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = hostile_cells()
    folder = tmp_path / "csv"
    export(store, "csv", folder)
    export(store, "csv", None)
    texts = [capsys.readouterr().out] + [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    result = CliRunner().invoke(app, ["claims", "--format", "csv", "--db", _saved(store, tmp_path)])
    texts.append(result.stdout)
    for text in texts:
        cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
        assert cells, text
        risky = [
            c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))
        ]
        assert not risky, risky
    claims = list(csv.DictReader(io.StringIO(texts[-1], newline="")))
    assert {c["subject"] for c in claims} >= {"'@SUM(A1:A9)", "'-2+3"}  # the text is kept, made inert
    assert claims[0]["amount"] == "-2000000000.0"  # numbers stay numbers


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _saved(store: Store, tmp_path: Path) -> str:
    """The same claims in a SQLite file, for the CLI."""
    path = str(tmp_path / "hostile.db")
    filled([document("x", store.claims(), "2024-05-02", "=cmd|' /C calc'!A0")], path).close()
    return path


def test_markdown_dossier_escapes_text_and_links_only_to_http(tmp_path: Path) -> None:
    from dataclasses import replace

    from markdown_it import MarkdownIt

    evil = "**Evil** [clic](javascript:alert(2)) <b>Corp</b>"
    said = "<script>window.__pwned=1</script>"
    claims = [
        claim(
            "p",
            evil,
            "invests_in",
            OA,
            f'Elle investit <img src=x onerror="alert(3)"> {said}',
            amount=B,
            currency="USD",
            date="2024-03",
        )
    ]
    docs = [
        document("p", claims, "2024-03-05", "<i>Le Site</i> [x](javascript:alert(4))"),
        document(
            "q",
            [
                claim(
                    "q",
                    evil,
                    "invests_in",
                    OA,
                    "Un milliard en mars 2024.",
                    amount=B,
                    currency="USD",
                    date="2024-03",
                )
            ],
            "2024-03-06",
            "Le Journal",
        ),
    ]
    docs[0] = replace(docs[0], document=replace(docs[0].document, url="javascript:alert(5)"))
    docs[1] = replace(docs[1], document=replace(docs[1].document, url="https://journal.example/article"))
    folder = tmp_path / "md"
    export(filled(docs), "md", folder)
    for page in folder.iterdir():
        html = MarkdownIt("commonmark").render(page.read_text(encoding="utf-8"))
        assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
        links = html.split('href="')[1:]
        assert not [h for h in links if not h.startswith(("https://", "http://", "evil-", "openai.md"))], (
            links
        )
    text = (folder / "evil-clic-javascript-alert-2-b-corp-b.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").render(text)
    assert "<h1>**Evil** [clic](javascript:alert(2)) &lt;b&gt;Corp&lt;/b&gt;</h1>" in html  # text, not markup
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # shown, not run
    assert '<a href="https://journal.example/article">Le Journal, 2024-03-06</a>' in html
    assert "(<code>p</code>)" in html  # no http(s) address: the document id, to paste in `veille show`
