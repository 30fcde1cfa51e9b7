"""Validation of the data files a user edits by hand: the alliances pack's entity gazetteer
(``veille/packs/alliances/entities.json``) and the bundled demo corpus (``veille/demo/corpus``).

Each failure names the entry or file at fault, so that a broken edit is quick to find.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import frontmatter
import pytest

from veille.models import ENTITY_TYPES

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "veille" / "packs" / "alliances"
ENTITIES = PACK / "entities.json"
LEXICON = PACK / "lexicon.json"
CORPUS = ROOT / "veille" / "demo" / "corpus"

FIELDS = {"name", "type", "wikidata", "aliases", "descriptions", "hq", "owner", "org", "role", "country"}
WIKIDATA = re.compile(r"^Q[0-9]+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
ARTICLE_NAME = re.compile(r"^[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
FRONT_MATTER = ("title", "source", "published", "url", "lang")


def fold(text: str) -> str:
    """The key under which the pack indexes a name: no case, no accents, one kind of apostrophe."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("–", "-"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _load_entities() -> list[dict[str, Any]]:
    data = json.loads(ENTITIES.read_text(encoding="utf-8"))
    return list(data["entities"])


@pytest.fixture(scope="module")
def entities() -> list[dict[str, Any]]:
    return _load_entities()


@pytest.fixture(scope="module")
def lexicon() -> dict[str, Any]:
    return dict(json.loads(LEXICON.read_text(encoding="utf-8")))


def _surface_forms(e: dict[str, Any]) -> list[tuple[str, str]]:
    """Every text that points at an entity: (field, text)."""
    forms = [("name", e["name"])]
    forms += [("alias", a) for a in e.get("aliases", [])]
    forms += [("description", d) for d in e.get("descriptions", [])]
    if e.get("hq"):
        forms.append(("hq", e["hq"]))
    return forms


# --- entities.json ---------------------------------------------------------------------


def test_entities_file_parses_with_version_and_list() -> None:
    data = json.loads(ENTITIES.read_text(encoding="utf-8"))
    assert data.get("version") == 1
    assert isinstance(data.get("entities"), list) and data["entities"], (
        "entities.json needs a non-empty 'entities' list"
    )


def test_every_entry_is_well_formed(entities: list[dict[str, Any]]) -> None:
    problems = []
    for i, e in enumerate(entities):
        where = f"entry {i} ({e.get('name')!r})"
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            problems.append(f"{where}: 'name' must be a non-empty string")
            continue
        if e["name"] != e["name"].strip():
            problems.append(f"{where}: 'name' has leading or trailing spaces")
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{where}: type {e.get('type')!r} is not one of {', '.join(ENTITY_TYPES)}")
        unknown = set(e) - FIELDS
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)} (allowed: {sorted(FIELDS)})")
        for key in ("aliases", "descriptions"):
            value = e.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() == v and v for v in value
            ):
                problems.append(f"{where}: {key!r} must be a list of non-empty, trimmed strings")
        for key in ("hq", "owner", "org", "role", "country", "wikidata"):
            if key in e and (not isinstance(e[key], str) or not e[key].strip()):
                problems.append(f"{where}: {key!r} must be a non-empty string when present")
    assert not problems, "\n".join(problems)


def test_wikidata_ids_look_right_and_are_unique(entities: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for e in entities:
        qid = e.get("wikidata")
        if qid is None:
            continue
        if not WIKIDATA.match(qid):
            problems.append(
                f"{e['name']}: wikidata {qid!r} does not match Q<digits> (omit the field when unsure)"
            )
        elif qid in seen:
            problems.append(f"{e['name']}: wikidata {qid} is already used by {seen[qid]}")
        seen.setdefault(qid, e["name"])
    assert not problems, "\n".join(problems)


def test_country_codes_are_two_capital_letters(entities: list[dict[str, Any]]) -> None:
    bad = [
        f"{e['name']}: {e['country']!r}"
        for e in entities
        if "country" in e and not COUNTRY.match(e["country"])
    ]
    assert not bad, "country must be an ISO 3166 alpha-2 code:\n" + "\n".join(bad)


def test_no_name_alias_description_or_hq_points_at_two_entities(entities: list[dict[str, Any]]) -> None:
    """The pack looks texts up without case or accents: one text, one entity."""
    owners: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        for _, text in _surface_forms(e):
            owners[fold(text)].add(e["name"])
            texts[fold(text)].add(text)
    clashes = [f"{sorted(texts[k])} → {sorted(v)}" for k, v in owners.items() if len(v) > 1]
    assert not clashes, "texts shared by several entities:\n" + "\n".join(sorted(clashes))


def test_no_text_is_repeated_within_an_entry(entities: list[dict[str, Any]]) -> None:
    """Other casings and accent-less spellings are welcome, since names are matched as written
    ("NVIDIA", "Commission europeenne"); exact repeats are noise."""
    problems = []
    for e in entities:
        seen: dict[str, str] = {}
        for field, text in _surface_forms(e):
            key = text
            if key in seen:
                problems.append(f"{e['name']}: {field} {text!r} repeats {seen[key]}")
            seen.setdefault(key, f"{field} {text!r}")
    assert not problems, "\n".join(problems)


def test_names_are_unique(entities: list[dict[str, Any]]) -> None:
    names = [e["name"].casefold() for e in entities]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"names used twice: {dupes}"


def test_owner_and_org_name_existing_entities(entities: list[dict[str, Any]]) -> None:
    names = {e["name"] for e in entities}
    problems = []
    for e in entities:
        for key in ("owner", "org"):
            target = e.get(key)
            if target is None:
                continue
            if target not in names:
                problems.append(f"{e['name']}: {key} {target!r} is not the name of an entity")
            elif target == e["name"]:
                problems.append(f"{e['name']}: {key} points at itself")
    assert not problems, "\n".join(problems)


def test_people_have_an_organisation_and_a_role(entities: list[dict[str, Any]]) -> None:
    missing = [e["name"] for e in entities if e["type"] == "person" and not (e.get("org") and e.get("role"))]
    assert not missing, f"people without org and role: {missing}"
    misplaced = [e["name"] for e in entities if e["type"] != "person" and ("org" in e or "role" in e)]
    assert not misplaced, f"org/role are for people only: {misplaced}"


def test_products_name_their_owner(entities: list[dict[str, Any]]) -> None:
    missing = [e["name"] for e in entities if e["type"] == "product" and not e.get("owner")]
    assert not missing, f"products without owner: {missing}"


def test_aliases_are_long_enough_and_not_common_words(
    entities: list[dict[str, Any]], lexicon: dict[str, Any]
) -> None:
    """An alias is matched everywhere: a common word or a cue word of the lexicon would be a false entity."""
    banned = {fold(w) for w in lexicon.get("not_entities", [])}
    for key in ("anaphors", "description_heads"):
        for words in (lexicon.get(key) or {}).values():
            banned |= {fold(w) for w in words}
    problems = []
    for e in entities:
        for field, text in _surface_forms(e):
            if field == "description":
                continue
            if len(text) < 2:
                problems.append(f"{e['name']}: {field} {text!r} is shorter than 2 characters")
            if fold(text) in banned:
                problems.append(
                    f"{e['name']}: {field} {text!r} is a cue word or a listed non-entity (lexicon.json)"
                )
    assert not problems, "\n".join(problems)


def test_descriptions_are_phrases_the_gazetteer_can_match(entities: list[dict[str, Any]]) -> None:
    """A description is a lowercase phrase of at least three words ("le géant de Redmond").

    English possessives ("Google's parent") are left out: the patterns are tokenised the
    French way, which splits "'s" differently, so such a phrase would never match.
    """
    problems = []
    for e in entities:
        for d in e.get("descriptions", []):
            words = re.findall(r"[^\s']+'?", d)
            if len(words) < 3:
                problems.append(f"{e['name']}: description {d!r} has fewer than three words (too generic)")
            if not d[0].islower():
                problems.append(f"{e['name']}: description {d!r} should start with a lowercase word")
            if re.search(r"['’]s\b", d):
                problems.append(f"{e['name']}: description {d!r} uses an English possessive")
    assert not problems, "\n".join(problems)


def test_startups_of_the_lexicon_are_companies_of_the_pack(
    entities: list[dict[str, Any]], lexicon: dict[str, Any]
) -> None:
    types = {e["name"]: e["type"] for e in entities}
    problems = [
        f"{n!r}: {types.get(n, 'missing')}" for n in lexicon.get("startups", []) if types.get(n) != "company"
    ]
    assert not problems, "lexicon.json 'startups' must name company entities:\n" + "\n".join(problems)


def test_core_actors_are_present(entities: list[dict[str, Any]]) -> None:
    names = {e["name"] for e in entities}
    core = {
        "Microsoft",
        "OpenAI",
        "OpenAI nonprofit",
        "Google",
        "Amazon",
        "Meta",
        "Nvidia",
        "Oracle",
        "SoftBank",
        "Anthropic",
        "Mistral AI",
        "xAI",
        "MGX",
        "Stargate",
        "CMA",
        "FTC",
        "European Commission",
        "Sam Altman",
    }
    assert core <= names, f"missing: {sorted(core - names)}"


# --- demo corpus -----------------------------------------------------------------------


def _articles() -> list[Path]:
    return sorted(CORPUS.glob("*.md"))


def _published(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def test_corpus_has_enough_articles_languages_and_sources() -> None:
    posts = [frontmatter.load(p) for p in _articles()]
    assert len(posts) >= 12, f"the demo corpus needs at least 12 articles, found {len(posts)}"
    langs = [p.get("lang") for p in posts]
    assert langs.count("en") >= 2, "the demo corpus needs at least 2 English articles"
    sources = {p.get("source") for p in posts}
    assert len(sources) >= 5, (
        f"the demo corpus needs at least 5 distinct sources, found {sorted(map(str, sources))}"
    )


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_article_front_matter_and_length(path: Path) -> None:
    assert ARTICLE_NAME.match(path.name), f"{path.name}: name files NN-short-slug.md"
    post = frontmatter.load(path)
    missing = [k for k in FRONT_MATTER if not post.get(k)]
    assert not missing, f"{path.name}: front matter lacks {missing}"
    for key in ("title", "source", "url"):
        assert isinstance(post[key], str), f"{path.name}: {key} must be a string (quote it)"
    try:
        published = _published(post["published"])
    except ValueError as e:
        raise AssertionError(f"{path.name}: published {post['published']!r} is not an ISO date") from e
    assert dt.date(2000, 1, 1) <= published <= dt.date.today(), (
        f"{path.name}: published {published} is out of range"
    )
    assert post["lang"] in ("fr", "en"), f"{path.name}: lang must be fr or en"
    assert post["url"].startswith("https://"), f"{path.name}: url must be an https:// address"
    words = len(post.content.split())
    assert 100 <= words <= 600, f"{path.name}: body has {words} words, keep it between 100 and 600"


def test_articles_have_distinct_urls_and_titles() -> None:
    posts = {p.name: frontmatter.load(p) for p in _articles()}
    for key in ("url", "title"):
        values = [post.get(key) for post in posts.values()]
        dupes = sorted({str(v) for v in values if values.count(v) > 1})
        assert not dupes, f"{key} used by several articles: {dupes}"


def test_articles_name_entities_of_the_pack() -> None:
    """Each demo article is about the actors of the pack: at least two of them are named."""
    forms: dict[str, str] = {}
    for e in _load_entities():
        for field, text in _surface_forms(e):
            if field in ("name", "alias") and len(text) > 2:
                forms[text] = e["name"]
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")(?!\w)"
    )
    for path in _articles():
        named = {forms[m.group(1)] for m in pattern.finditer(frontmatter.load(path).content)}
        assert len(named) >= 2, f"{path.name}: names only {sorted(named)} from entities.json"


# the checks at load, the strategy reference, the predicate vocabulary ----------------------------


def test_the_shipped_pack_passes_the_checks_at_load() -> None:
    from veille.packs import load_pack

    pack = load_pack(str(PACK))  # by its path: read and checked again, whatever was cached
    assert len(pack.relations) == len(json.loads((PACK / "relations.json").read_text("utf-8"))["relations"])


def test_every_lexicon_key_the_checks_accept_is_read_by_code() -> None:
    """The checks refuse a lexicon key no code reads; this keeps their list honest the other way:
    each key they accept is named in veille's code (a key left behind by a change shows here)."""
    from veille.packs import schema

    code = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "veille").rglob("*.py") if p.name != "schema.py"
    )
    keys = [k for k in schema.LEXICON_KEYS if k != "version"] + [
        k for members in schema.LEXICON_GROUPS.values() for k in members
    ]
    assert [k for k in keys if f'"{k}"' not in code] == []


def test_every_rule_uses_a_predicate_of_the_vocabulary_and_every_predicate_reads_in_both_languages() -> None:
    from veille.models import PREDICATE_INFO, PREDICATES, SYMMETRIC

    data = json.loads((PACK / "predicates.json").read_text(encoding="utf-8"))["predicates"]
    assert list(PREDICATES) == list(data)  # the order of menus and filters is the file's
    assert {p for p, d in data.items() if d.get("symmetric")} == SYMMETRIC
    used = {r["predicate"] for r in json.loads((PACK / "relations.json").read_text("utf-8"))["relations"]}
    assert used <= set(PREDICATES)
    assert all(
        d.label("fr") and d.label("en") and d.kind in ("event", "state") for d in PREDICATE_INFO.values()
    )


def test_the_strategy_reference_of_the_pack_readme_is_generated_from_the_docstrings() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("pack_reference", ROOT / "scripts" / "pack_reference.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = script.README.read_text(encoding="utf-8")
    expected = script.updated(written)
    if written != expected:
        import difflib

        diff = "\n".join(
            difflib.unified_diff(
                written.splitlines(), expected.splitlines(), "README.md", "docstrings", lineterm="", n=0
            )
        )
        raise AssertionError(
            f"the strategy table of {script.README} is out of date. Regenerate it and commit it:\n\n"
            f"    {script.COMMAND}\n\n(or `make pack-reference`). What changed:\n{diff}"
        )
    from veille.extract.arguments import STRATEGIES

    assert all(f"`{name}`" in script.render() for name in STRATEGIES)
