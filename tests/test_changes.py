"""What changed: the change log kept with the facts, ``veille changes``, the web page and its Atom feed.

Stores are filled with documents and claims written for these tests (tests/reconcile_support.py,
no NLP), saved and reconciled the way ingestion does it, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import feedparser
import httpx
import lxml.html
import pytest
from reconcile_support import claim, document
from typer.testing import CliRunner
from webfixtures import HOSTILE_SOURCE, PWN, LiveServer

from veille.api import create_app
from veille.cli import app
from veille.config import Settings
from veille.models import Fact, FactValue, Processed
from veille.pipeline import delete
from veille.reconcile import build_facts, fact_key, rebuild, refresh
from veille.reconcile.changes import compare
from veille.reconcile.digest import changes_since, groups, parse_since
from veille.store import Store, open_store

runner = CliRunner()
KEY = "Microsoft|holds_stake|Mistral AI"


def stake(doc: str, percent: float, published: str, source: str, verb: str = "détient") -> Processed:
    sentence = f"Microsoft {verb} {percent:g} % de Mistral AI."
    return document(
        doc,
        [claim(doc, "Microsoft", "holds_stake", "Mistral AI", sentence, percent=percent)],
        published=published,
        source=source,
    )


def invest(doc: str, amount: float, published: str, source: str, **more: Any) -> Processed:
    sentence = f"Nvidia investit {amount / 1e9:g} milliards de dollars dans Mistral AI."
    c = claim(doc, "Nvidia", "invests_in", "Mistral AI", sentence, amount=amount, currency="USD", **more)
    return document(doc, [c], published=published, source=source)


def add(store: Store, *docs: Processed) -> None:
    store.save(list(docs), fact_key)
    refresh(store)


def story(store: Store) -> None:
    """A stake reported at 16 %, raised to 27 % (said twice), then disputed at 30 %."""
    add(store, stake("lettre", 16.0, "2024-03-01", "La Lettre"))
    add(store, stake("courrier", 27.0, "2025-10-28", "Le Courrier"))
    add(store, stake("echo", 27.0, "2025-10-29", "L'Écho", verb="possède"))
    add(store, stake("rumeur", 30.0, "2025-10-29", "La Rumeur"))


def test_the_change_log_follows_a_story_and_its_deletions(store: Store) -> None:
    story(store)
    for doc in ("rumeur", "lettre", "courrier", "echo"):
        delete(store, doc)
    log = store.changes()
    assert [(c.kind, c.docs) for c in log] == [
        ("new", ("lettre",)),
        ("updated", ("courrier",)),
        ("confirmed", ("echo",)),
        ("disputed", ("rumeur",)),
        ("withdrawn", ("rumeur",)),
        ("withdrawn", ("lettre",)),
        ("withdrawn", ("courrier",)),
        ("withdrawn", ("echo",)),
    ]
    update = log[1]
    assert (update.key, update.status) == (KEY, "updated")
    assert [(v.percent, v.docs) for v in update.before] == [(16.0, ("lettre",))]
    assert [(v.percent, v.docs) for v in update.after] == [(27.0, ("courrier",))]
    assert update.after[0].claims[0]["evidence"] == "Microsoft détient 27 % de Mistral AI."
    assert [v.percent for v in log[3].after] == [16.0, 27.0, 30.0]
    assert log[-1].status is None and log[-1].after == ()  # the fact is gone
    assert [c.at for c in log] == sorted(c.at for c in log) and len({c.id for c in log}) == len(log)


def test_a_rebuild_that_changes_no_source_logs_nothing(store: Store) -> None:
    story(store)
    before = len(store.changes())
    rebuild(store)
    add(store, stake("lettre", 16.0, "2024-03-01", "La Lettre"))  # the same document again
    assert len(store.changes()) == before


def test_plans_and_earlier_values_are_added_not_updates(store: Store) -> None:
    add(store, invest("a", 2e9, "2025-09-01", "La Lettre", date="2025"))
    add(store, invest("b", 3e9, "2025-09-03", "Le Courrier", date="2025", modality="planned"))
    assert [(c.kind, c.docs, [v.amount for v in c.after]) for c in store.changes()] == [
        ("new", ("a",), [2e9]),
        ("added", ("b",), [3e9]),
    ]


def test_an_edited_document_that_changes_its_value_is_an_update_caused_by_it() -> None:
    def fact(amount: float) -> Fact:
        value = FactValue(amount, "USD", None, "2025", None, "asserted", 1, ("gazette",))
        return Fact("k", "Nvidia", "invests_in", "Mistral AI", "agreed", "tranche", (value,))

    (change,) = compare([fact(2e9)], [fact(3e9)], "2025-11-01T00:00:00.000000+00:00")
    assert (change.kind, change.docs) == ("updated", ("gazette",))
    assert ([v.amount for v in change.before], [v.amount for v in change.after]) == ([2e9], [3e9])
    assert compare([fact(2e9)], [fact(2e9)], "2025-11-01T00:00:00.000000+00:00") == []


def test_facts_and_their_changes_are_written_together_or_not_at_all(store: Store) -> None:
    store.save([stake("lettre", 16.0, "2024-03-01", "La Lettre")], fact_key)
    keys = store.dirty_keys()

    def broken(before: list[Fact], after: list[Fact]) -> list[Any]:
        raise RuntimeError("the diff fails half-way")

    with pytest.raises(RuntimeError):
        store.replace_facts(keys, build_facts(store.claims(keys=keys), store), broken)
    assert (store.facts(), store.changes(), store.dirty_keys()) == ([], [], keys)
    refresh(store)
    assert [c.kind for c in store.changes()] == ["new"] and store.dirty_keys() == set()


def test_entries_come_by_entity_most_important_first(store: Store) -> None:
    start = parse_since("2000-01-01")
    add(store, invest("a", 2e9, "2025-09-01", "La Lettre", date="2025-09"))
    story(store)
    entries = changes_since(store, start)
    assert [(e["kind"], e["subject"]) for e in entries] == [
        ("disputed", "Microsoft"),
        ("updated", "Microsoft"),
        ("new", "Microsoft"),
        ("new", "Nvidia"),
        ("event", "Nvidia"),  # the dated investment, on the timeline
        ("confirmed", "Microsoft"),
    ]
    assert [name for name, _ in groups(entries)] == ["Microsoft", "Nvidia"]
    assert [name for name, _ in groups(entries, "Mistral AI")] == ["Mistral AI"]
    event = entries[4]
    assert event["date"] == "2025-09" and event["docs"] == ["a"] and event["id"].startswith("event-")
    assert changes_since(store, store.changes()[-1].at) == []


# the command ------------------------------------------------------------------------------


@pytest.fixture
def story_db(tmp_path: Path) -> str:
    db = str(tmp_path / "veille.db")
    store = open_store(db)
    try:
        story(store)
        add(store, invest("a", 2e9, "2025-09-01", "La Lettre", date="2025-09"))
    finally:
        store.close()
    return db


def changes(*args: str) -> str:
    result = runner.invoke(app, ["changes", *args], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_changes_in_its_three_formats(story_db: str) -> None:
    table = changes("--since", "2000-01-01", "--db", story_db)
    for words in (
        "Nouveau désaccord",
        "Valeur mise à jour",
        "16\u202f% → 27\u202f%",
        "La Rumeur",
        "Nouvel événement",
    ):
        assert words in table
    md = changes("--since", "2000-01-01", "--format", "md", "--db", story_db)
    assert md.startswith("# Quoi de neuf depuis le 2000-01-01")
    assert md.index("## Microsoft") < md.index("## Nvidia")
    assert (
        "  - avant : 16\u202f% — La Lettre, 2024-03-01 (`lettre`) : « Microsoft détient 16 % de Mistral AI. »"
        in md
    )
    rows = [
        json.loads(x) for x in changes("--since", "2000-01-01", "-f", "jsonl", "--db", story_db).splitlines()
    ]
    assert {r["entity"] for r in rows} == {"Microsoft", "Nvidia"} and rows[0]["kind"] == "disputed"
    only = [
        json.loads(x)
        for x in changes("--since", "2000", "-f", "jsonl", "-e", "Nvidia", "--db", story_db).splitlines()
    ]
    assert {(r["entity"], r["subject"]) for r in only} == {("Nvidia", "Nvidia")}


def test_last_run_remembers_each_following(story_db: str) -> None:
    assert "Valeur mise à jour" in changes("--db", story_db)  # no run yet: everything
    assert "Rien de nouveau depuis le" in changes("--db", story_db)
    assert "Nouvel événement" in changes("--entity", "Nvidia", "--db", story_db)  # its own last run
    store = open_store(story_db)
    try:
        add(store, invest("b", 2e9, "2025-09-02", "Le Courrier", date="2025-09"))
    finally:
        store.close()
    later = changes("--db", story_db)
    assert "Nouvelle source" in later and "Le Courrier" in later and "Valeur mise à jour" not in later
    assert "Rien de nouveau" in changes("--since", "last-run", "--db", story_db)
    assert "Le Courrier" in changes("--since", "2000-01-01", "--db", story_db)  # a date moves nothing
    assert "Rien de nouveau" in changes("--db", story_db)


def test_changes_errors_are_clear(story_db: str) -> None:
    result = runner.invoke(app, ["changes", "--since", "hier", "--db", story_db])
    assert (
        result.exit_code == 1
        and "cannot read the time 'hier'" in result.output
        and "last-run" in result.output
    )
    result = runner.invoke(app, ["changes", "--format", "xml", "--db", story_db])
    assert result.exit_code == 1 and "table, md, jsonl" in result.output


# the web page and its feed -------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server over the story, plus a hostile document whose sentence and outlet carry markup."""
    db = str(tmp_path_factory.mktemp("news") / "veille.db")
    store = open_store(db)
    try:
        story(store)
        add(store, invest("a", 2e9, "2025-09-01", "La Lettre", date="2025-09"))
        hostile = claim("piege", "Nvidia", "supplies", "OpenAI", f"Nvidia fournit OpenAI. {PWN}")
        add(store, document("piege", [hostile], published="2025-09-05", source=HOSTILE_SOURCE))
    finally:
        store.close()
    with LiveServer(create_app(Settings(db=db))) as live, httpx.Client(base_url=live.url()) as client:
        yield client


@pytest.fixture
def site(server: httpx.Client) -> httpx.Client:
    """The client, without the language cookie an earlier test's ``?lang=`` left."""
    server.cookies.clear()
    return server


def page_entries(html: str) -> list[tuple[str, str, str]]:
    """(id, kind label, headline) of each change card of the page, in order."""
    tree = lxml.html.fromstring(html)
    cards = tree.xpath("//article[contains(concat(' ', @class, ' '), ' change ')]")
    return [
        (
            card.get("id"),
            card.xpath(".//*[contains(@class, 'change-kind')]")[0].text_content(),
            card.xpath(".//*[contains(@class, 'change-title')]")[0].text_content(),
        )
        for card in cards
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_and_the_feed_show_the_same_changes(site: httpx.Client, lang: str) -> None:
    html = site.get("/nouveautes", params={"lang": lang}).text
    shown = page_entries(html)
    assert len(shown) == 7
    atom = site.get("/feeds/changes.atom", params={"lang": lang})
    assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(atom.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == lang
    assert [(e.id, e.title) for e in feed.entries] == [
        (f"urn:veille:{ident}", f"{kind} — {title}") for ident, kind, title in shown
    ]
    words = {"fr": ("Valeur mise à jour", "16\u202f% → 27\u202f%"), "en": ("Updated value", "16% → 27%")}[
        lang
    ]
    assert any(words[0] in e.title and words[1] in e.title for e in feed.entries)
    assert all(e.updated_parsed for e in feed.entries) and feed.feed.updated_parsed
    again = feedparser.parse(site.get("/feeds/changes.atom", params={"lang": lang}).content)
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]  # stable ids
    events = [(ident, title) for ident, _, title in shown if ident.startswith("event-")]
    told = {"fr": "investit", "en": "invests"}[lang]
    assert events and all(told in title for _, title in events)  # event titles in the page's language


def test_an_event_keeps_its_id_in_both_languages(site: httpx.Client) -> None:
    ids = {
        lang: [i for i, _, _ in page_entries(site.get("/nouveautes", params={"lang": lang}).text)]
        for lang in ("fr", "en")
    }
    assert ids["fr"] == ids["en"]


def test_the_api_lists_the_same_changes(site: httpx.Client) -> None:
    body = site.get("/api/changes", params={"limit": 3}).json()
    feed = feedparser.parse(site.get("/feeds/changes.atom").content)
    assert body["total"] == len(feed.entries) and len(body["items"]) == 3
    assert [f"urn:veille:{e['id']}" for e in body["items"]] == [e.id for e in feed.entries[:3]]
    assert body["items"][0]["kind"] == "disputed" and body["items"][0]["entity"] == "Microsoft"
    assert site.get("/api/changes", params={"since": "demain"}).status_code == 400


def test_feed_entries_link_to_the_fact_pages(site: httpx.Client) -> None:
    feed = feedparser.parse(site.get("/feeds/changes.atom").content)
    update = next(e for e in feed.entries if "Valeur mise à jour" in e.title)
    assert update.link.endswith("/faits/" + quote(KEY, safe=""))
    fact = site.get(update.link)
    assert fact.status_code == 200
    assert "Historique des changements" in fact.text and "Microsoft détient 27 % de Mistral AI." in fact.text
    assert page_entries(fact.text)[0][1] == "Nouveau désaccord"  # latest first
    assert site.get("/faits/" + quote("Nobody|invests_in|Nothing", safe="")).status_code == 404


def test_the_feed_follows_one_entity(site: httpx.Client) -> None:
    feed = feedparser.parse(site.get("/feeds/changes.atom", params={"entity": "Nvidia"}).content)
    assert feed.entries and all("Nvidia" in e.title for e in feed.entries)
    assert "Nvidia" in feed.feed.title
    page = site.get("/nouveautes", params={"entity": "Nvidia"}).text
    assert [i for i, _, _ in page_entries(page)] == [e.id.removeprefix("urn:veille:") for e in feed.entries]
    assert 'href="/feeds/changes.atom?entity=Nvidia"' in page


def test_article_text_is_escaped_in_the_page_and_the_feed(site: httpx.Client) -> None:
    html = site.get("/nouveautes").text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    assert "<b onmouseover" not in html
    atom = site.get("/feeds/changes.atom").content
    contents = [c.text or "" for c in ET.fromstring(atom).iter("{http://www.w3.org/2005/Atom}content")]
    hostile = [c for c in contents if "__pwned" in c]
    assert hostile and all("<script>" not in c and "&lt;script&gt;" in c for c in hostile)
    assert all("<b onmouseover" not in c for c in contents)


def test_an_empty_period_gives_an_empty_page_and_a_valid_feed(site: httpx.Client) -> None:
    html = site.get("/nouveautes", params={"since": "2999-01-01"}).text
    assert page_entries(html) == [] and "Rien de nouveau sur cette période." in html
    feed = feedparser.parse(
        site.get("/feeds/changes.atom", params={"since": "2999-01-01", "lang": "en"}).content
    )
    assert not feed.bozo and feed.entries == [] and feed.feed.title == "veille — what's new"
    bad = site.get("/nouveautes", params={"since": "demain"}, headers={"accept": "text/html"})
    assert bad.status_code == 400 and "cannot read the time" in bad.text
