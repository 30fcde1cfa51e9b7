"""The domain pack named by the settings (``VEILLE_PACK``) is the one extraction uses.

A second, tiny pack — a pharmaceutical laboratory and a biotech, one relation rule — is
written in tmp_path, copying the shapes of ``veille/packs/alliances/``. Its rule reads a
verb the bundled pack does not know ("reprendre") and its gazetteer gives "Vermeil" a
canonical name, so its claim can only come from it: the bundled pack finds nothing in the
same article. The rule is modelled on the bundled ``acquires`` rule; when the schema of
``relations.json`` changes, only ``RELATIONS`` below changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_veille

ENTITIES = {
    "version": 1,
    "entities": [
        {
            "name": "Laboratoires Vermeil",
            "type": "company",
            "aliases": ["Vermeil"],
            "descriptions": ["le laboratoire de Valence"],
        },
        {"name": "Biotessa", "type": "company"},
    ],
}
RELATIONS = {
    "version": 1,
    "relations": [
        {
            "predicate": "acquires",
            "verbs": {"fr": ["reprendre"]},
            "subject": {"types": ["company"], "find": ["nsubj"]},
            "object": {"types": ["company"], "find": ["obj"], "required": True},
        }
    ],
}
LEXICON = {"version": 1, "not_entities": []}
ARTICLE = "---\ntitle: Pharmacie\npublished: 2024-03-05\n---\nVermeil reprend Biotessa.\n"
EXPECTED = [("Laboratoires Vermeil", "acquires", "Biotessa")]


@pytest.fixture
def tiny_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pharma"
    folder.mkdir()
    for name, data in (("entities", ENTITIES), ("relations", RELATIONS), ("lexicon", LEXICON)):
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "corpus" / "rachat.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def claims(db: Path) -> list[tuple[str, str, str]]:
    out = run_veille("claims", "--db", str(db), "--format", "jsonl").stdout
    return [(c["subject"], c["predicate"], c["object"]) for c in map(json.loads, out.splitlines())]


@pytest.mark.slow
def test_veille_pack_selects_the_pack_extraction_uses(
    tmp_path: Path, tiny_pack: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VEILLE_PACK", raising=False)
    run_veille("ingest", str(article), "--db", str(tmp_path / "bundled.db"), "--quiet")
    assert claims(tmp_path / "bundled.db") == []  # the bundled pack knows neither name nor verb
    monkeypatch.setenv("VEILLE_PACK", str(tiny_pack))
    run_veille("ingest", str(article), "--db", str(tmp_path / "pharma.db"), "--quiet")
    assert claims(tmp_path / "pharma.db") == EXPECTED


@pytest.mark.slow
def test_dask_workers_use_the_pack_of_the_settings(
    tmp_path: Path, tiny_pack: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEILLE_PACK", str(tiny_pack))
    db = tmp_path / "dask.db"
    run_veille("ingest", str(article), "--db", str(db), "--quiet", "--workers", "1")
    assert claims(db) == EXPECTED


def test_an_unknown_pack_stops_the_ingest_before_any_work(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEILLE_PACK", "pharmacie")
    done = run_veille("ingest", str(article), "--db", str(tmp_path / "v.db"), check=False)
    assert done.returncode == 1
    assert "no domain pack 'pharmacie'" in done.stderr and "bundled packs: alliances" in done.stderr
    assert "Traceback" not in done.stderr
