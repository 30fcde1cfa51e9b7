"""Reading URLs: pages, RSS and Atom feeds, redirects, and every network failure.

All requests go to a real HTTP server on 127.0.0.1 (tests/httpserver.py); nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

import pytest
from httpserver import LocalServer, Page, closed_port, redirect

from veille.config import Settings
from veille.errors import BinaryInput, EmptyInput, FetchError, InputError, TooLarge
from veille.ingest.clean import to_document
from veille.ingest.fetch import Fetched, fetch, is_feed
from veille.ingest.sources import read_sources
from veille.models import RawArticle

SETTINGS = Settings(http_timeout=5.0)


def page(title: str, *paragraphs: str) -> bytes:
    """An article page with a menu and a footer around it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<nav><a href='/'>Une</a> <a href='/regions'>Régions</a> <a href='/meteo'>Météo locale</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright La Gazette du Port - abonnements - publicité</footer></body></html>"
    ).encode()


QUAI = page(
    "Le quai nord rouvre",
    "Le quai nord du port de Kerbrat rouvre lundi après huit mois de travaux financés par la région "
    "à hauteur de 6 millions d'euros.",
    "Les pêcheurs pourront de nouveau y décharger leurs prises dès l'aube, a précisé la capitainerie.",
)
DEUX = page(
    "Une criée toute neuve",
    "La nouvelle criée de Kerbrat ouvrira ses portes en septembre, annonce la chambre de commerce "
    "qui en assure la gestion depuis la fin de l'année dernière.",
    "Le bâtiment pourra accueillir deux ventes par jour au lieu d'une seule.",
)
FERRY = page(
    "Ferry line extended",
    "The Northport ferry company will extend its island line to the southern pier from May, "
    "its managing director said on Tuesday.",
    "Two new boats were ordered from a shipyard in the north of the country last year.",
)
FULL_FR = (
    "<p>La mairie de Kerbrat a choisi la société Atlantique Levage pour remplacer les deux grues du port, "
    "un marché de 4 millions d'euros attribué après un appel d'offres de six mois.</p>"
    "<p>Les nouvelles grues seront livrées au printemps et pourront soulever des conteneurs plus lourds.</p>"
)
FULL_EN = (
    "<p>The Northport council approved on Monday a plan to dredge the eastern channel of the harbour, "
    "so that larger cargo ships can dock there without waiting for the high tide.</p>"
    "<p>The works will cost about 40 million dollars and should end before the winter storms.</p>"
)


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>La Gazette du Port</title><link>{base}/</link><language>fr-FR</language>
<description>Nouvelles du port</description>
<item><title>Deux grues neuves</title><link>{base}/articles/grues.html</link>
<pubDate>Tue, 04 Mar 2025 00:30:00 +0100</pubDate><description>Un résumé.</description>
<content:encoded><![CDATA[{FULL_FR}]]></content:encoded></item>
<item><title>Une criée toute neuve</title><link>{base}/articles/deux.html</link>
<pubDate>Wed, 05 Mar 2025 10:00:00 +0100</pubDate><description>La criée ouvre.</description></item>
</channel></rss>""".encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Northport Harbour News</title><id>urn:northport</id><updated>2025-04-02T09:00:00Z</updated>
<entry><title>Dredging approved</title><link href="{base}/en/dredging.html"/><id>urn:1</id>
<published>2025-04-01T23:30:00-05:00</published><updated>2025-04-01T23:30:00-05:00</updated>
<content type="html">{escape(FULL_EN)}</content></entry>
<entry><title>Ferry line extended</title><link href="{base}/en/ferry.html"/><id>urn:2</id>
<updated>2025-04-02T09:00:00Z</updated><summary>A short summary.</summary></entry>
</feed>""".encode()


EMPTY_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title>
<link>http://x/</link><description>Rien</description></channel></rss>"""
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    routes: dict[str, Page | tuple[int, str, bytes]] = {
        "/articles/quai.html": (200, "text/html; charset=utf-8", QUAI),
        "/articles/deux.html": (200, "text/html; charset=utf-8", DEUX),
        "/en/ferry.html": (200, "text/html", FERRY),
        "/old": redirect("/articles/quai.html", 301),
        "/older": redirect("/old"),
        "/loop": redirect("/loop"),
        "/gone": (404, "text/html", b"<html><body>Page introuvable</body></html>"),
        "/boom": (500, "text/plain", b"oops"),
        "/empty.xml": (200, RSS_TYPE, EMPTY_RSS),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/slow": Page(body=QUAI, delay=2.0),
        "/plain.txt": (
            200,
            "text/plain; charset=utf-8",
            "Un texte brut, sans balises, écrit en français.".encode(),
        ),
        "/stream": Page(body=QUAI, send_length=False),
    }
    with LocalServer(routes) as srv:
        base = srv.url("").rstrip("/")
        srv.routes["/feed.rss"] = Page(200, RSS_TYPE, rss(base))
        srv.routes["/feed.atom"] = Page(200, ATOM_TYPE, atom(base))
        srv.routes["/sniffed"] = Page(200, "text/plain", rss(base))
        broken = rss(base).replace(b"/articles/deux.html", b"/articles/missing.html")
        srv.routes["/broken-link.rss"] = Page(200, RSS_TYPE, broken)
        yield srv


def read(*inputs: str, settings: Settings = SETTINGS) -> list[RawArticle | InputError]:
    return list(read_sources(list(inputs), settings))


def only_articles(items: list[RawArticle | InputError]) -> list[RawArticle]:
    assert all(isinstance(i, RawArticle) for i in items), items
    return [i for i in items if isinstance(i, RawArticle)]


def assert_one_line_error(item: object, cls: type[InputError], *words: str) -> None:
    assert isinstance(item, cls), item
    message = str(item)
    assert "\n" not in message and item.hint and message.endswith(item.hint)
    for word in words:
        assert word in message, (word, message)


# good inputs ----------------------------------------------------------------------


def test_page_url(server: LocalServer) -> None:
    url = server.url("/articles/quai.html")
    (item,) = only_articles(read(url))
    assert (item.id, item.origin, item.url) == (url, url, url)
    doc = to_document(item)
    assert "6 millions d'euros" in doc.text and "capitainerie" in doc.text
    assert "Météo locale" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Le quai nord rouvre" and doc.lang == "fr"
    path, headers = server.requests[-1]
    assert path == "/articles/quai.html" and headers["User-Agent"] == SETTINGS.user_agent


def test_plain_text_url(server: LocalServer) -> None:
    (item,) = only_articles(read(server.url("/plain.txt")))
    assert item.html is None and item.text == "Un texte brut, sans balises, écrit en français."


def test_redirects_are_followed_and_the_id_is_the_given_url(server: LocalServer) -> None:
    url = server.url("/older")
    (item,) = only_articles(read(url))
    assert item.id == url and item.url == server.url("/articles/quai.html")
    assert "quai nord" in to_document(item).text


def test_rss_feed_with_full_content_and_a_linked_page(server: LocalServer) -> None:
    items = only_articles(read(server.url("/feed.rss")))
    assert [i.id for i in items] == [server.url("/articles/grues.html"), server.url("/articles/deux.html")]
    fetched = [path for path, _ in server.requests]
    assert "/articles/deux.html" in fetched and "/articles/grues.html" not in fetched
    full, linked = (to_document(i) for i in items)
    assert "Atlantique Levage" in full.text and "criée de Kerbrat" in linked.text
    assert (full.title, full.published, full.source, full.lang) == (
        "Deux grues neuves",
        "2025-03-04",  # the date as written, not moved to UTC
        "La Gazette du Port",
        "fr",
    )
    assert (linked.title, linked.published, linked.url) == (
        "Une criée toute neuve",
        "2025-03-05",
        server.url("/articles/deux.html"),
    )


def test_atom_feed_with_full_content_and_a_linked_page(server: LocalServer) -> None:
    items = only_articles(read(server.url("/feed.atom")))
    assert [i.id for i in items] == [server.url("/en/dredging.html"), server.url("/en/ferry.html")]
    full, linked = (to_document(i) for i in items)
    assert "eastern channel" in full.text and "southern pier" in linked.text
    assert (full.published, full.source, full.lang) == ("2025-04-01", "Northport Harbour News", "en")
    assert (linked.published, linked.lang) == ("2025-04-02", "en")


def test_feed_detected_by_its_first_bytes(server: LocalServer) -> None:
    items = only_articles(read(server.url("/sniffed")))
    assert len(items) == 2
    assert is_feed(Fetched("u", "application/xml", None, b"<?xml version='1.0'?><anything/>"))
    assert is_feed(Fetched("u", "", None, b"\n<rdf:RDF xmlns:rdf='x'>"))
    assert not is_feed(Fetched("u", "text/html", None, b"<!doctype html><html><body>feed</body></html>"))


def test_body_without_content_length_is_read_to_the_end(server: LocalServer) -> None:
    fetched = fetch(server.url("/stream"), SETTINGS)
    assert fetched.body == QUAI and fetched.content_type == "text/html"


# bad inputs: each is one error and the batch goes on --------------------------------


def test_network_failures_in_a_batch(server: LocalServer) -> None:
    port = closed_port()
    inputs = [
        server.url("/articles/quai.html"),
        server.url("/gone"),
        server.url("/boom"),
        f"http://127.0.0.1:{port}/article",
        server.url("/empty.xml"),
        server.url("/image.png"),
        server.url("/articles/deux.html"),
    ]
    items = read(*inputs)
    kinds = [type(i).__name__ for i in items]
    assert kinds == [
        "RawArticle",
        "FetchError",
        "FetchError",
        "FetchError",
        "EmptyInput",
        "BinaryInput",
        "RawArticle",
    ]
    assert_one_line_error(items[1], FetchError, inputs[1], "HTTP 404 Not Found")
    assert_one_line_error(items[2], FetchError, inputs[2], "HTTP 500 Internal Server Error")
    assert_one_line_error(items[3], FetchError, inputs[3], "cannot connect", "refused")
    assert_one_line_error(items[4], EmptyInput, inputs[4], "feed has no items")
    assert_one_line_error(items[5], BinaryInput, inputs[5], "image/png")
    assert [getattr(i, "origin", None) for i in items[1:6]] == inputs[1:6]


def test_timeout(server: LocalServer) -> None:
    url = server.url("/slow")
    (item,) = read(url, settings=Settings(http_timeout=0.3))
    assert_one_line_error(item, FetchError, url, "timed out")


def test_too_many_redirects(server: LocalServer) -> None:
    url = server.url("/loop")
    (item,) = read(url, settings=Settings(max_redirects=3))
    assert_one_line_error(item, FetchError, url, "too many redirects (more than 3)")


def test_page_over_the_size_limit(server: LocalServer) -> None:
    small = Settings(max_size_mb=100 / (1024 * 1024))
    declared, streamed = server.url("/articles/quai.html"), server.url("/stream")
    items = read(declared, streamed, server.url("/plain.txt"), settings=small)
    assert_one_line_error(items[0], TooLarge, declared, "over the size limit of 100 bytes")
    assert_one_line_error(items[1], TooLarge, streamed, "over the size limit of 100 bytes")
    assert isinstance(items[2], RawArticle)


def test_feed_entry_whose_link_fails_is_one_error(server: LocalServer) -> None:
    items = read(server.url("/broken-link.rss"))
    assert isinstance(items[0], RawArticle)
    missing = server.url("/articles/missing.html")
    assert_one_line_error(items[1], FetchError, missing, "HTTP 404")
    assert getattr(items[1], "origin", None) == missing


def test_invalid_address() -> None:
    (item,) = read("http://")
    assert_one_line_error(item, FetchError, "http://", "not a valid web address")
