"""One language per screen: the catalogues (veille/locales/*.po) are complete and consistent, and
every page of the web UI and every output of the CLI, in French and in English, shows no string
of the other language's catalogue.

The check is generic: it iterates the catalogues, so a string added to both catalogues is checked
everywhere without touching this file. What comes from the articles (their text, titles, outlets,
the names of entities) is taken out of a page before the check: it is in the article's language.
The timeline's event titles stay in: they are written in the page's language (reconcile/titles.json).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import click.testing
import httpx
import pytest
import typer
from lxml import html as lxml_html
from typer.testing import CliRunner
from webfixtures import LiveServer, corpus_db

from veille import i18n
from veille.api import create_app
from veille.cli import app
from veille.cli_help import localized, texts
from veille.config import Settings
from veille.models import PREDICATES, PREDICATES_FILE
from veille.store import Store, open_store

OTHER = {"fr": "en", "en": "fr"}
DATA_CLASSES = ("doc-text", "sentence", "event-evidence", "snippet")  # elements that hold article text only


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# the catalogues ---------------------------------------------------------------------------------


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    fr, en = i18n.messages("fr"), i18n.messages("en")
    assert sorted(set(fr) ^ set(en)) == []
    for key in fr:
        assert len(fr[key]) == len(en[key]), f"{key}: plural in one catalogue only"
        assert all(fr[key]) and all(en[key]), f"{key}: an empty translation"
        names = {frozenset(fields(text)) for text in fr[key] + en[key]}
        assert len(names) == 1 or all(n <= {"n"} | max(names, key=len) for n in names), (key, names)


def test_plural_forms_follow_each_language() -> None:
    assert [i18n.tn("fr", "facts.count", n) for n in (0, 1, 2)] == ["0 fait", "1 fait", "2 faits"]
    assert [i18n.tn("en", "facts.count", n) for n in (0, 1, 2)] == ["0 facts", "1 fact", "2 facts"]
    assert i18n.tn("fr", "dossier.conflicts_n", 1) == "1 conflit" and i18n.tn(
        "en", "dossier.conflicts_n", 1
    ) == ("1 conflict")
    assert i18n.tn("fr", "fact.sources", 1234) == "1\u202f234 sources"  # numbers written by Babel


def test_every_help_text_of_the_cli_is_in_both_catalogues() -> None:
    command = typer.main.get_command(app)
    fr, en = i18n.messages("fr"), i18n.messages("en")
    missing = [text for text in texts(command) if text not in fr or text not in en]
    assert missing == [], "add these help texts to veille/locales/fr.po and en.po"


def test_predicate_labels_come_from_the_pack_through_one_function() -> None:
    fr, en = i18n.messages("fr"), i18n.messages("en")
    assert [p for p in PREDICATES if f"predicate.{p}" not in fr or f"predicate.{p}" not in en] == []
    data = json.loads(PREDICATES_FILE.read_text(encoding="utf-8"))["predicates"]
    assert {p: (i18n.predicate_label(p, "fr"), i18n.predicate_label(p, "en")) for p in PREDICATES} == {
        p: (d["label"]["fr"], d["label"]["en"]) for p, d in data.items()
    }
    assert i18n.predicate_label("invests_in", "fr") == "investit dans"
    assert i18n.predicate_label("invests_in", "en") == "invests in"
    assert i18n.predicate_label("not_a_predicate", "fr") == "not_a_predicate"


# the check --------------------------------------------------------------------------------------


@cache
def patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A pattern for each text of ``lang``'s catalogue that the other language never uses."""
    own = {text for texts_ in i18n.messages(OTHER[lang]).values() for text in texts_}
    own_words = {w for text in own for w in WORD.findall(text.lower())}
    found = []
    for key, forms in i18n.messages(lang).items():
        for text in forms:
            literal = "".join(part for part, _, _, _ in string.Formatter().parse(text))
            words = set(WORD.findall(literal.lower()))
            if text in own or not words or words <= own_words or key.startswith("help."):
                continue  # the same in both languages, or no word of its own ("{head} : {predicate}")
            found.append((text, _pattern(text)))
    return tuple(found)


WORD = re.compile(r"[^\W\d_]{3,}")


def _pattern(text: str) -> re.Pattern[str]:
    pieces = []
    for literal, name, _, _ in string.Formatter().parse(text):
        pieces.append(re.escape(literal))
        if name is not None:
            pieces.append(r".{1,80}?")
    body = "".join(pieces)
    start = r"(?<![\w-])" if text[:1].isalnum() else ""
    end = r"(?![\w-])" if text[-1:].isalnum() else ""
    return re.compile(start + body + end)


def foreign(pieces: list[str], lang: str, data: list[str]) -> list[tuple[str, str]]:
    """The strings of the other language's catalogue found in ``pieces`` once ``data`` is taken out."""
    hits = []
    for piece in pieces:
        text = " ".join(piece.split())
        if text.startswith("veille ") or (text.endswith("…") and any(v.startswith(text[:-1]) for v in data)):
            continue  # a command to type (its words are code), a label cut from an article's words
        text = re.sub(r"(?<!\w)--[\w-]+", " ", text)  # option names are code too
        for value in data:
            text = text.replace(value, " ¶ ")
        for message, pattern in patterns(OTHER[lang]):
            if pattern.search(text):
                hits.append((message, text[:160]))
    return hits


def data_strings(store: Store) -> list[str]:
    """What comes from the articles, longest first (so that a name inside a title goes with it)."""
    found: set[str] = set()
    for row in store.documents():
        d = row.document
        found |= {x for x in (d.id, d.title, d.source, d.url) if x}
        found |= {" ".join(p.split()) for p in re.split(r"\n+|(?<=[.!?»])\s", d.text) if p.strip()}
    for e in store.entities():
        found |= {e.name, *e.aliases}
    found |= {" ".join(c.evidence.split()) for c in store.claims()}
    found.add(", ".join(PREDICATES))  # the predicates' codes, listed by an error message
    return sorted((x for x in found if len(x) > 1), key=len, reverse=True)


# the web UI ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, list[str], list[str]]]:
    db = corpus_db(tmp_path_factory.mktemp("i18n"))
    store = open_store(db)
    try:
        data = data_strings(store)
        docs = [r.document.id for r in store.documents()]
        names = [e.name for e in store.entities()[:4]]
        keys = [f.key for f in store.facts()[:3]]
    finally:
        store.close()
    paths = [
        "/",
        "/recherche?q=Microsoft",
        "/recherche?q=zzzz",
        "/entites",
        "/chronologie",
        "/chronologie?from=2024",
        "/conflits",
        "/graphe",
        "/graphe?as_of=2023-06",
        "/documents",
        "/entites/inconnue",
        "/documents/inconnu",
    ]
    paths += (
        [f"/documents/{d}" for d in docs] + [f"/entites/{n}" for n in names] + [f"/faits/{k}" for k in keys]
    )
    paths += ["/nouveautes", "/nouveautes?since=2000-01-01", "/faits/inconnu"]
    with LiveServer(create_app(Settings(db=db))) as server:
        yield server, paths, data


def visible(page: str) -> list[str]:
    """Text nodes and the attributes people read (title, aria-label, placeholder, alt), article text left out."""
    tree = lxml_html.fromstring(page)
    for data in tree.xpath(
        " | ".join(f"//*[contains(concat(' ', @class, ' '), ' {c} ')]" for c in DATA_CLASSES)
    ):
        for node in data.iter():
            node.text = node.tail = None if node is not data else node.tail
        data.text = None
    pieces = [t for t in tree.xpath("//body//text()") if t.strip()]
    pieces += [v for a in ("title", "aria-label", "placeholder", "alt") for v in tree.xpath(f"//@{a}")]
    pieces += tree.xpath("//head/title/text()")
    return pieces


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_speaks_one_language(site: tuple[LiveServer, list[str], list[str]], lang: str) -> None:
    server, paths, data = site
    problems = []
    with httpx.Client(base_url=server.url(), headers={"Accept": "text/html"}) as client:
        for path in paths:
            page = client.get(path, params={"lang": lang})
            assert page.status_code in (200, 404), (path, page.status_code)
            assert page.headers["content-language"] == lang
            problems += [(path, *hit) for hit in foreign(visible(page.text), lang, data)]
    assert problems == [], "\n".join(f"{p}: «{m}» in «{t}»" for p, m, t in problems)


# the CLI -----------------------------------------------------------------------------------------


COMMANDS = [
    ["status"],
    ["documents"],
    ["entities"],
    ["claims"],
    ["facts"],
    ["facts", "--format", "md"],
    ["conflicts"],
    ["conflicts", "--format", "md"],
    ["timeline"],
    ["timeline", "--format", "md"],
    ["state", "--as-of", "2024-06"],
    ["state", "--as-of", "2024-06", "--format", "md"],
    ["export", "--format", "md"],
    ["show", "gazette-2023"],
    ["show", "nope"],
    ["facts", "--predicate", "x"],
    ["timeline", "--from", "hier"],
    ["changes", "--since", "2000-01-01"],
    ["changes", "--since", "2000-01-01", "--format", "md"],
    ["changes", "--since", "2090-01-01"],
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    db = corpus_db(tmp_path_factory.mktemp("i18n-cli"))
    store = open_store(db)
    try:
        return db, data_strings(store)
    finally:
        store.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_cli_output_speaks_one_language(kb: tuple[str, list[str]], lang: str, tmp_path: Path) -> None:
    db, data = kb
    runner = CliRunner()
    problems = []
    for command in COMMANDS:
        result = runner.invoke(app, ["--lang", lang, *command, "--db", db], env={"COLUMNS": "200"})
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.output)
        problems += [(command, *hit) for hit in foreign(result.output.splitlines(), lang, [*data, db])]
    assert problems == [], "\n".join(f"{c}: «{m}» in «{t}»" for c, m, t in problems)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cli_help_speaks_one_language(lang: str) -> None:
    with localized(typer.main.get_command(app), lang) as command:
        check_help(command, lang)


def check_help(command: click.Command, lang: str) -> None:
    declared = texts(typer.main.get_command(app))  # the English help, as declared
    other = {text for text in declared if i18n.catalogue("fr").gettext(text) != text}
    runner = click.testing.CliRunner()
    names = [None, *sorted(command.commands)]  # type: ignore[attr-defined]
    for name in names:
        output = runner.invoke(command, [*([name] if name else []), "--help"], env={"COLUMNS": "2000"}).output
        output = re.sub(rf"(?<![\w-])({'|'.join(names[1:])})(?![\w-])", " ", output)  # command names are code
        if lang == "fr":
            english = [t for t in other if len(t) > 12 and " ".join(t.split()) in " ".join(output.split())]
            assert english == [], (name, english)
        assert foreign(output.splitlines(), lang, []) == [], name


def test_the_language_comes_from_the_option_then_the_environment(kb: tuple[str, list[str]]) -> None:
    db, _ = kb
    runner = CliRunner()
    assert "faits" in runner.invoke(app, ["facts", "--db", db]).output  # French by default
    assert "facts" in runner.invoke(app, ["facts", "--db", db], env={"VEILLE_LANG": "en"}).output
    assert (
        "faits" in runner.invoke(app, ["--lang", "fr", "facts", "--db", db], env={"VEILLE_LANG": "en"}).output
    )
    bad = runner.invoke(app, ["--lang", "de", "facts", "--db", db])
    assert bad.exit_code == 2 and "fr or en" in bad.output


def test_lang_may_come_after_the_command() -> None:
    from veille.cli import _lang_first

    assert _lang_first(["facts", "--db", "x", "--lang", "en"]) == ["--lang", "en", "facts", "--db", "x"]
    assert _lang_first(["facts", "--lang=en"]) == ["--lang", "en", "facts"]
