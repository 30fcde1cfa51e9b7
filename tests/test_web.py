"""The web UI in a real headless Chromium (Debian's ``chromium``, driven by playwright).

A reader's path: home → an entity → its timeline → a conflict → the sentence behind it
(the document page scrolled to the highlighted sentence) → English. A hostile article's
``<script>`` and HTML attributes must show as text and run nothing. Screenshots go to
``artifacts/screenshots/`` at the repository root.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from markupsafe import Markup
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright
from webfixtures import HOSTILE_TITLE, PWN, LiveServer, corpus_db

from veille import fmt
from veille.api import create_app
from veille.config import Settings
from veille.models import Mention
from veille.reconcile import titles
from veille.web import highlight, i18n

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

NO_CHROMIUM = f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium); the test command does"


def in_chromium(test: Callable[..., None]) -> Callable[..., None]:
    """Mark a browser test; skip it, saying why, where Debian's Chromium is not installed."""
    return pytest.mark.browser(pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)(test))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = corpus_db(tmp_path_factory.mktemp("web"))
    with LiveServer(create_app(Settings(db=db))) as live:
        yield live


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """A fresh Chromium profile, French first (as a French reader's browser asks)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            locale="fr-FR",
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    browser.clear_cookies()
    tab = browser.new_page()
    tab.dialogs: list[str] = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield tab
    tab.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 900
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height


@in_chromium
def test_from_home_to_the_sentence_behind_a_conflict(page: Page, server: LiveServer) -> None:
    home_to_entity(page, server)
    entity_to_timeline(page, server)
    conflict_to_sentence(page, server)
    switch_to_english(page)


def home_to_entity(page: Page, server: LiveServer) -> None:
    page.goto(server.url("/"))
    expect(page.locator("h1")).to_have_text("Le corpus en un coup d'œil")
    expect(page.locator(".stat-documents .stat-n")).to_have_text("4")
    shot(page, "01-home")
    page.locator(".chips a", has_text="Microsoft").click()
    expect(page).to_have_url(server.url("/entites/Microsoft"))
    expect(page.locator(".entity-head h1")).to_contain_text("Microsoft")
    expect(page.locator("svg.network .node").first).to_be_visible()
    expect(page.locator("#facts .fact").first).to_be_visible()
    shot(page, "02-entity")


def entity_to_timeline(page: Page, server: LiveServer) -> None:
    page.locator("#entity-timeline-link").click()
    expect(page).to_have_url(server.url("/chronologie?entity=Microsoft"))
    expect(page.locator("svg.chrono .mark").first).to_be_visible()
    expect(page.locator(".event-title").first).to_be_visible()
    assert page.locator(".event").count() >= 2
    shot(page, "03-timeline")


def conflict_to_sentence(page: Page, server: LiveServer) -> None:
    page.locator("nav.nav a", has_text="Conflits").click()
    card = page.locator("article.fact-disputed").filter(has_text="Microsoft").first
    expect(card.locator(".badge.status-disputed")).to_have_text("contesté")
    figures = card.locator(".value .figure")
    expect(figures).to_have_count(2)
    expect(figures.nth(0)).to_contain_text("milliards de dollars")
    left, right = figures.nth(0).bounding_box(), figures.nth(1).bounding_box()
    assert left and right and abs(left["y"] - right["y"]) < 5 and right["x"] > left["x"]  # side by side
    shot(page, "04-conflicts")
    value = card.locator(".value").filter(has_text="13 milliards")
    sentence = value.locator("blockquote.sentence").first.inner_text()
    value.locator(".cite a.doc-ref").first.click()
    expect(page).to_have_url(server.url("/documents/observateur-2023#s-0"))
    target = page.locator("mark.claim:target")
    expect(target).to_have_count(1)
    assert target.inner_text().strip() == sentence.strip()
    assert in_viewport(page, "mark.claim:target")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "05-sentence")


def switch_to_english(page: Page) -> None:
    page.locator("#lang-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav.nav a").nth(2)).to_have_text("Timeline")
    expect(page.locator("aside h2").first).to_have_text("Metadata")
    page.locator("nav.nav a", has_text="Home").click()
    expect(page.locator("h1")).to_have_text("The corpus at a glance")  # the choice is remembered
    shot(page, "06-english")


@in_chromium
def test_hostile_article_shows_as_text_and_runs_nothing(page: Page, server: LiveServer) -> None:
    for path in ("/", "/documents", "/documents/piege-2024", "/nouveautes", "/recherche?q=Nvidia"):
        page.goto(server.url(path))
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script").count() == 0, path
        assert page.locator("main img").count() == 0, path
    expect(page.locator("h1")).to_contain_text("Recherche")
    page.goto(server.url("/documents/piege-2024"))
    expect(page.locator("h1.doc-h1")).to_have_text(HOSTILE_TITLE)
    expect(page.locator(".doc-text")).to_contain_text(PWN)
    expect(page.locator(".doc-byline")).to_contain_text('<b onmouseover="window.__pwned=4">Piégé</b>')
    expect(page.get_by_text(PWN).first).to_be_visible()
    page.locator(".doc-byline").hover()
    page.locator(".doc-text").click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []  # type: ignore[attr-defined]
    shot(page, "07-hostile-article")


@in_chromium
def test_whats_new_from_the_menu_to_a_fact_in_both_languages(page: Page, server: LiveServer) -> None:
    page.goto(server.url("/"))
    assert page.locator("header.top .top-inner").bounding_box()["height"] < 70  # type: ignore[index]  # one row
    page.locator("nav.nav a", has_text="Quoi de neuf").click()
    expect(page).to_have_url(server.url("/nouveautes"))
    expect(page.locator("h1")).to_have_text("Quoi de neuf")
    dispute = page.locator("article.change-disputed").filter(has_text="Microsoft").first
    expect(dispute.locator(".change-kind")).to_have_text("Nouveau désaccord")
    expect(dispute.locator("blockquote.sentence")).to_have_count(2)  # 10 and 13 billion, side by side in time
    expect(page.locator("#feed-link")).to_have_attribute("href", "/feeds/changes.atom")
    shot(page, "08-whats-new")
    dispute.locator(".change-title a").click()
    expect(page.locator("article.fact-disputed")).to_have_count(1)
    expect(page.locator(".history h2")).to_have_text("Historique des changements")
    page.locator("#lang-switch").click()
    expect(page.locator(".history h2")).to_have_text("History of changes")
    page.locator("nav.nav a", has_text="What's new").click()
    expect(page.locator("h1")).to_have_text("What's new")
    expect(page.locator("article.change-disputed .change-kind").first).to_have_text("New dispute")
    shot(page, "09-whats-new-english")


@in_chromium
def test_api_page_renders_the_openapi_schema_offline(page: Page, server: LiveServer) -> None:
    """The UI's "API" link: Swagger UI reads FastAPI's OpenAPI 3.1 schema, every operation listed,
    and the browser asks nothing of any host but this server."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    schema = httpx.get(server.url("/openapi.json")).json()
    assert schema["openapi"].startswith("3.1")
    operations = [(m.upper(), p) for p, item in schema["paths"].items() for m in item]
    page.goto(server.url("/"))
    page.locator("nav a", has_text="API").click()
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".opblock")).to_have_count(len(operations))
    for method, path in operations:
        block = page.locator(f".opblock-{method.lower()}").filter(has_text=path).first
        expect(block.locator(".opblock-summary-method")).to_have_text(method)
    assert page.get_by_text("Unable to render this definition").count() == 0
    assert [u for u in asked if not u.startswith(server.url("/")) and not u.startswith("data:")] == []
    shot(page, "11-api")


@in_chromium
def test_timeline_marks_link_to_their_evidence(page: Page, server: LiveServer) -> None:
    page.goto(server.url("/chronologie?from=2024&to=2024-12"))
    dates = page.locator(".event-date").all_inner_texts()
    assert dates and all("2024" in d for d in dates)
    page.locator("svg.chrono a.mark circle").first.click()
    expect(page.locator("mark.claim:target")).to_have_count(1)
    assert "/documents/" in page.url and "#s-" in page.url


def _template_words(lang: str) -> set[str]:
    """The words of every timeline title template of a language (placeholders left out)."""
    data = titles.catalogue()
    texts = [v[lang] for v in data["claims"].values()] + [
        v["pl"][lang] for v in data["claims"].values() if "pl" in v
    ]
    texts += [o[lang] for options in data["events"].values() for o in options]
    texts += [v[lang] for v in data["kinds"].values()]
    return {w.lower() for t in texts for w in re.findall(r"[^\W\d_]{2,}", re.sub(r"\{\w+\}", " ", t))}


@in_chromium
def test_timeline_titles_speak_the_pages_language(page: Page, server: LiveServer) -> None:
    """Each event is a sentence in the page's language; no word of the other language's titles."""
    fr, en = _template_words("fr"), _template_words("en")
    for lang, expected, foreign in (
        ("fr", "Amazon investit 4 Md$ dans Anthropic", en - fr),
        ("en", "Amazon invests $4bn in Anthropic", fr - en),
    ):
        page.goto(server.url(f"/chronologie?lang={lang}"))
        shown = (
            page.locator(".event-title").all_inner_texts()
            + page.locator(".chrono-figure .legend li").all_inner_texts()
        )
        assert expected in shown
        words = {w.lower() for text in shown for w in re.findall(r"[^\W\d_]{2,}", text)}
        assert not words & foreign, (lang, words & foreign)
        assert not any(" — " in t for t in page.locator(".event-title").all_inner_texts())


@in_chromium
def test_graph_filters_by_predicate_and_date(page: Page, server: LiveServer) -> None:
    page.goto(server.url("/graphe"))
    every = page.locator("svg.network .edges path").count()
    assert every >= 4
    page.locator("select[name=predicate]").select_option("invests_in")
    page.locator(".filters button").click()
    expect(page).to_have_url(server.url("/graphe?predicate=invests_in&as_of="))
    kept = page.locator("svg.network .edges path").count()
    assert 1 <= kept < every
    page.goto(server.url("/graphe?as_of=2023-06"))
    assert page.locator("svg.network .node", has_text="Amazon").count() == 0  # invested only in 2024
    page.goto(server.url("/graphe"))
    shot(page, "08-graph")
    page.locator("svg.network a.node", has_text="Anthropic").click()
    expect(page).to_have_url(server.url("/entites/Anthropic"))


# the pieces the pages are made of (no browser needed) -------------------------------------


def test_highlight_escapes_every_piece() -> None:
    text = 'Nvidia <b onclick="x()">aime</b> "OpenAI" & co. Fin.'
    at = text.index("OpenAI")
    outer = highlight.sentences(text, [(0, text.index(" Fin"), 'label "with" <quotes>')])
    ments = [Mention("Nvidia", 0, 6, "Nvidia"), Mention("OpenAI", at, at + 6, "OpenAI")]
    spans = highlight.inner(ments, [], outer)
    html = highlight.render(text, outer, spans, highlight.entity_href)
    assert isinstance(html, Markup)
    assert html == Markup(
        '<mark class="claim" id="s-0" title="label &#34;with&#34; &lt;quotes&gt;">'
        '<a class="ent" href="/entites/Nvidia">Nvidia</a> &lt;b onclick=&#34;x()&#34;&gt;aime&lt;/b&gt; '
        '&#34;<a class="ent" href="/entites/OpenAI">OpenAI</a>&#34; &amp; co.</mark> Fin.'
    )


def test_highlight_merges_overlapping_sentences_and_drops_crossing_spans() -> None:
    text = "Un deux trois. Quatre cinq six."
    outer = highlight.sentences(text, [(0, 14, "a"), (4, 14, "b"), (0, 14, "a"), (15, 31, "c")])
    assert [(s.start, s.end, s.anchors) for s in outer] == [(0, 14, (4,)), (15, 31, ())]
    crossing = Mention("X", 8, 20, text[8:20])
    inside = (3, 7, "2")
    assert [(s.start, s.kind) for s in highlight.inner([crossing], [inside], outer)] == [(3, "value")]
    assert 'id="s-4"' in highlight.render(text, outer, [], highlight.entity_href)


def test_entity_links_quote_every_character() -> None:
    assert highlight.entity_href("AT&T / Bell Labs") == "/entites/AT%26T%20%2F%20Bell%20Labs"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2019", "fr", "2019"),
        ("2019-07", "fr", "juillet 2019"),
        ("2025-09-01", "fr", "1er septembre 2025"),
        ("2025-09-11", "en", "11 September 2025"),
        ("2019-13", "fr", "2019-13"),
        (None, "fr", ""),
    ],
)
def test_dates_in_words(value: str | None, lang: str, expected: str) -> None:
    assert fmt.fmt_date(value, lang) == expected


def test_money_and_percents_in_words() -> None:
    assert fmt.fmt_money(1.15e11, "USD", "more_than", "fr") == "plus de 115 milliards de dollars"
    assert fmt.fmt_money(1e9, "EUR", None, "fr") == "1 milliard d'euros"
    assert fmt.fmt_money(1.15e11, "USD", "more_than", "en") == "more than $115 billion"
    assert fmt.fmt_money(2.5e6, "CHF", None, "en") == "2.5 million CHF"
    assert fmt.fmt_percent(49, "fr") == "49\u202f%" and fmt.fmt_percent(27.5, "en") == "27.5%"
    assert fmt.fmt_value({"amount": 1e10, "currency": "USD", "percent": 49}, "fr") == (
        "10 milliards de dollars · 49\u202f%"
    )


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        (None, None, None, "fr"),
        (None, None, "en-US,en;q=0.9", "en"),
        (None, None, "de-DE,fr;q=0.3,en;q=0.5", "en"),
        (None, "en", "fr", "en"),
        ("fr", "en", "en", "fr"),
        ("xx", None, "fr", "fr"),
        (None, None, "en;q=bad,fr", "fr"),
    ],
)
def test_language_negotiation(
    query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    assert i18n.negotiate(query, cookie, header) == expected


@pytest.mark.parametrize(
    ("lang", "dated"), [("fr", "(daté par l'article)"), ("en", "(dated by the article)")]
)
def test_a_value_shows_its_condition_escaped_and_how_it_was_dated(lang: str, dated: str) -> None:
    from veille.models import FactValue
    from veille.web import pages

    value = FactValue(
        None,
        None,
        41.0,
        "2025-03",
        None,
        "asserted",
        1,
        ("a",),
        dated_by="article",
        condition="jusqu'en 2026 <b>puis</b> 90 %",
    )
    ui = pages.UI(None, lang)  # type: ignore[arg-type]
    template = pages.environment().from_string(
        '{% import "_macros.html" as m with context %}{{ m.value_card(card) }}'
    )
    html = template.render(ui=ui, t=ui.t, tn=ui.tn, card={"value": value, "evidence": [], "docs": []})
    assert dated in html.replace("&#39;", "'")
    assert "« jusqu&#39;en 2026 &lt;b&gt;puis&lt;/b&gt; 90 % »" in html


def test_entity_page_tells_relations_apart_by_their_figures_and_dates(tmp_path: Path) -> None:
    """Four investments of one company in another are four lines, each with its amount and its time."""
    import httpx
    from lxml import html as lxml_html
    from reconcile_support import claim, document, filled

    ms, oa, b = "Microsoft", "OpenAI", 1e9
    docs = [
        document(
            "a",
            [
                claim(
                    "a",
                    ms,
                    "invests_in",
                    oa,
                    "Un milliard en juillet 2019.",
                    amount=b,
                    currency="USD",
                    date="2019-07",
                )
            ],
            "2019-07-23",
            "Le Blog",
        ),
        document(
            "b",
            [
                claim(
                    "b",
                    ms,
                    "invests_in",
                    oa,
                    "Dix milliards en janvier 2023.",
                    amount=10 * b,
                    currency="USD",
                    date="2023-01",
                )
            ],
            "2023-01-24",
            "La Presse",
        ),
        document(
            "c",
            [
                claim(
                    "c",
                    ms,
                    "invests_in",
                    oa,
                    "Treize milliards au total.",
                    amount=13 * b,
                    currency="USD",
                    kind="cumulative",
                    date="2019",
                )
            ],
            "2023-11-22",
            "La Radio",
        ),
        document(
            "d",
            [claim("d", ms, "holds_stake", oa, "Il détient 27 %.", percent=27, date="2025-10")],
            "2025-10-28",
            "Le Journal",
        ),
    ]
    filled(docs, str(tmp_path / "kb.db")).close()
    with LiveServer(create_app(Settings(db=str(tmp_path / "kb.db")))) as live:
        page = httpx.get(live.url("/entites/OpenAI"))
    lines = [
        " ".join(li.text_content().split())
        for li in lxml_html.fromstring(page.text).xpath("//ul[@class='relations']/li")
    ]
    invests = [line for line in lines if line.startswith("investit dans")]
    assert len(invests) == 3 and len(set(lines)) == len(lines), lines
    assert any("1 milliard de dollars" in x and "tranche 2019" in x for x in invests), invests
    assert any("10 milliards de dollars" in x and "tranche 2023" in x for x in invests), invests
    assert any("13 milliards de dollars" in x and "total cumulé" in x for x in invests), invests
    assert any("27 %" in x and "depuis octobre 2025" in x for x in lines), lines  # (spaces made plain)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The demo corpus as `make demo` ingests it, served."""
    from veille.cli import DEMO_CORPUS
    from veille.pipeline import ingest
    from veille.store import open_store

    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    store = open_store(db)
    try:
        assert ingest([str(DEMO_CORPUS)], store, Settings(db=db)).ok
    finally:
        store.close()
    with LiveServer(create_app(Settings(db=db))) as live:
        yield live


LABEL_BOXES = """() => [...document.querySelectorAll('svg.network .node text')].map(t => {
  const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height];
})"""


@in_chromium
@pytest.mark.parametrize(
    "path", ["/graphe", "/entites/OpenAI", "/entites/Microsoft", "/graphe?as_of=2024-01"]
)
def test_graph_labels_do_not_collide_on_the_demo(page: Page, demo: LiveServer, path: str) -> None:
    """The labels' boxes as Chromium lays them out: no two overlap, and none leaves the picture."""
    page.goto(demo.url(path))
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 3, boxes
    width, height = page.evaluate(
        "() => [document.querySelector('svg.network').viewBox.baseVal.width,"
        " document.querySelector('svg.network').viewBox.baseVal.height]"
    )
    clashes = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and min(a[4], b[4]) - max(a[2], b[2]) > 0.5
    ]
    assert clashes == [], clashes
    outside = [
        b
        for b in boxes
        if not (b[1] >= -0.5 and b[3] <= width + 0.5 and b[2] >= -0.5 and b[4] <= height + 0.5)
    ]
    assert outside == [], (outside, width, height)
    shot(page, "12-demo" + path.replace("/", "-").replace("?", "-").replace("=", "-"))
