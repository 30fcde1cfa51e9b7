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


# a pack is checked when it is read ---------------------------------------------------------------


def _pack_with(
    tmp_path: Path, relations: object = None, lexicon: object = None, entities: object = None
) -> Path:
    """The tiny pack with one of its files replaced."""
    folder = tmp_path / "typo"
    folder.mkdir(exist_ok=True)
    for name, data in (
        ("entities", entities or ENTITIES),
        ("relations", relations or RELATIONS),
        ("lexicon", lexicon or LEXICON),
    ):
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def _rule(**changes: object) -> dict[str, object]:
    rule = json.loads(json.dumps(RELATIONS["relations"][0]))
    for path, value in changes.items():
        *parents, key = path.split("__")
        node = rule
        for p in parents:
            node = node[p]
        node[key] = value
    return {"version": 1, "relations": [rule]}


def _refused(folder: Path) -> str:
    from veille.errors import UsageError
    from veille.packs import load_pack

    with pytest.raises(UsageError) as e:
        load_pack(str(folder))
    return str(e.value)


def test_a_mistyped_strategy_is_refused_at_load_naming_file_rule_and_choices(tmp_path: Path) -> None:
    message = _refused(_pack_with(tmp_path, relations=_rule(subject__find=["nsbuj"])))
    assert str(tmp_path / "typo" / "relations.json") in message
    assert "rule 0 (acquires, trigger 'reprendre'), subject.find" in message
    assert "unknown strategy 'nsbuj' (did you mean 'nsubj'?)" in message
    assert "valid choices: after_participle, agent, appos," in message and "nsubj_pass" in message


def test_a_mistyped_rule_key_or_role_key_is_refused(tmp_path: Path) -> None:
    message = _refused(_pack_with(tmp_path, relations=_rule(valeu="amount")))
    assert (
        "rule 0 (acquires, trigger 'reprendre'): unknown rule key 'valeu' (did you mean 'value'?)" in message
    )
    assert "value_required" in message  # among the choices
    message = _refused(_pack_with(tmp_path, relations=_rule(object__requird=True)))
    assert "rule 0 (acquires, trigger 'reprendre'), object: unknown role key 'requird'" in message
    assert "(did you mean 'required'?)" in message


def test_a_value_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    message = _refused(_pack_with(tmp_path, relations=_rule(object__required="yes")))
    assert "'required' must be true or false, found 'yes'" in message
    message = _refused(_pack_with(tmp_path, relations=_rule(value="montant")))
    assert "'value' must be one of amount, percent, amount_or_percent" in message
    message = _refused(_pack_with(tmp_path, relations=_rule(verbs=["reprendre"])))
    assert "'verbs' must be words per language" in message
    message = _refused(_pack_with(tmp_path, relations=_rule(subject__types=["company", "firm"])))
    assert "not 'firm'" in message


def test_a_predicate_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    message = _refused(_pack_with(tmp_path, relations=_rule(predicate="acquire")))
    assert "unknown predicate 'acquire' in 'predicate' (did you mean 'acquires'?)" in message
    message = _refused(_pack_with(tmp_path, relations=_rule(object__told=["invest_in"])))
    assert "object.told: unknown predicate 'invest_in' (did you mean 'invests_in'?)" in message


def test_a_lexicon_key_no_code_reads_is_refused(tmp_path: Path) -> None:
    message = _refused(_pack_with(tmp_path, lexicon={"version": 1, "not_entity": ["groupe"]}))
    assert (
        "lexicon.json: the lexicon: unknown lexicon key 'not_entity' (did you mean 'not_entities'?)"
        in message
    )
    message = _refused(_pack_with(tmp_path, lexicon={"version": 1, "modality": {"negation_word": ["pas"]}}))
    assert "the lexicon's 'modality': unknown modality key 'negation_word'" in message


def test_a_mistyped_entity_field_is_refused(tmp_path: Path) -> None:
    broken = {"version": 1, "entities": [{"name": "Biotessa", "type": "company", "alias": ["Bio"]}]}
    message = _refused(_pack_with(tmp_path, entities=broken))
    assert (
        "entities.json: entity 0 (Biotessa): unknown entity key 'alias' (did you mean 'aliases'?)" in message
    )


def test_comments_are_allowed_anywhere(tmp_path: Path) -> None:
    from veille.packs import load_pack

    relations = _rule(_why="a comment", subject___note="another")
    pack = load_pack(str(_pack_with(tmp_path, relations={**relations, "_about": "rules"})))
    assert [r["predicate"] for r in pack.relations] == ["acquires"]


def test_a_pack_with_a_typo_stops_the_ingest_with_the_message(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEILLE_PACK", str(_pack_with(tmp_path, relations=_rule(subject__find=["nsbuj"]))))
    done = run_veille("ingest", str(article), "--db", str(tmp_path / "v.db"), check=False)
    assert done.returncode == 1
    assert "unknown strategy 'nsbuj' (did you mean 'nsubj'?)" in done.stderr
    assert "Traceback" not in done.stderr and "KeyError" not in done.stderr
