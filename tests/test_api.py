"""The HTTP API, over real HTTP (uvicorn) and a real SQLite store filled by the real pipeline.

Checks the JSON shapes, pagination and filters, writes (token, size bound), errors as RFC 7807
problem details without stack traces, escaping in the HTML pages, reading while another
connection writes, and the loopback rule of ``serve``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from httpserver import LocalServer, Page, closed_port
from typer.testing import CliRunner
from webfixtures import HOSTILE_TITLE, PWN, LiveServer, corpus_db

from veille import api
from veille.api import create_app, is_loopback, serve
from veille.cli import app as cli_app
from veille.config import Settings
from veille.errors import UsageError

PROBLEM = "application/problem+json"
TOKEN = "tok-3f9a"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return corpus_db(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[httpx.Client]:
    """A client of a server without token (writes open, as on a loopback-only install)."""
    with LiveServer(create_app(Settings(db=db))) as server, httpx.Client(base_url=server.url()) as c:
        yield c


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of a server with a token and a 0.05 MB body bound, on its own copy of the corpus."""
    settings = Settings(db=corpus_db(tmp_path_factory.mktemp("guarded")), token=TOKEN, max_size_mb=0.05)
    app = create_app(settings)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail at /srv/veille/passwords.txt")

    with LiveServer(app) as server, httpx.Client(base_url=server.url()) as c:
        yield c


def assert_problem(r: httpx.Response, status: int) -> dict[str, Any]:
    """An RFC 7807 body with the given status, and nothing that looks like a stack trace."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert "Traceback" not in r.text and 'File "' not in r.text and ".py" not in r.text
    return dict(body)


# reading -------------------------------------------------------------------------------


def test_stats_count_the_corpus(client: httpx.Client) -> None:
    body = client.get("/api/stats").json()
    assert body["documents"] == 4
    assert body["sources"] == 4
    assert body["conflicts"] >= 1
    assert body["claims"] >= 4
    assert body["period"] == {"from": "2023-01-25", "to": "2024-11-22"}


def test_documents_are_paginated(client: httpx.Client) -> None:
    first = client.get("/api/documents", params={"limit": 3}).json()
    rest = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert (first["total"], first["limit"], first["offset"]) == (4, 3, 0)
    assert len(first["items"]) == 3 and len(rest["items"]) == 1
    ids = [d["id"] for d in first["items"] + rest["items"]]
    assert sorted(ids) == ["gazette-2023", "hebdo-2024", "observateur-2023", "piege-2024"]
    assert {"id", "title", "source", "published", "lang", "claims", "near_duplicates"} <= set(
        first["items"][0]
    )
    assert "text" not in first["items"][0]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 5000}, {"offset": -1}, {"limit": "many"}])
def test_bad_pagination_is_a_422_problem(client: httpx.Client, params: dict[str, Any]) -> None:
    body = assert_problem(client.get("/api/documents", params=params), 422)
    assert body["errors"] and all({"field", "message"} <= set(e) for e in body["errors"])


def test_document_has_text_claims_and_mentions(client: httpx.Client) -> None:
    body = client.get("/api/documents/gazette-2023").json()
    assert body["text"].startswith("Microsoft a investi 10 milliards")
    assert body["source"] == "La Gazette du Numérique"
    claim = next(c for c in body["claims"] if c["predicate"] == "invests_in")
    assert body["text"][claim["start"] : claim["end"]].strip() == claim["evidence"].strip()
    assert {"Microsoft", "OpenAI"} <= {m["entity"] for m in body["mentions"]}
    for m in body["mentions"]:
        assert body["text"][m["start"] : m["end"]] == m["text"]


def test_unknown_document_is_a_404_problem(client: httpx.Client) -> None:
    body = assert_problem(client.get("/api/documents/nothing-here"), 404)
    assert "nothing-here" in body["detail"]


def test_entities_and_one_entity(client: httpx.Client) -> None:
    page = client.get("/api/entities", params={"limit": 2}).json()
    assert page["total"] >= 5 and len(page["items"]) == 2
    assert {"name", "type", "aliases", "wikidata", "mentions", "documents", "claims"} <= set(page["items"][0])
    one = client.get("/api/entities/Microsoft").json()
    assert one["name"] == "Microsoft"
    assert any(f["predicate"] == "invests_in" and f["object"] == "OpenAI" for f in one["facts"])
    assert all("date" in e and "title" in e for e in one["timeline"])
    assert_problem(client.get("/api/entities/Nobody%20Known"), 404)


def test_claims_filters(client: httpx.Client) -> None:
    by_entity = client.get("/api/claims", params={"entity": "Amazon"}).json()["items"]
    assert by_entity and all("Amazon" in (c["subject"], c["object"]) for c in by_entity)
    by_pred = client.get("/api/claims", params={"predicate": "invests_in"}).json()
    assert by_pred["total"] >= 3 and all(c["predicate"] == "invests_in" for c in by_pred["items"])
    by_doc = client.get("/api/claims", params={"doc": "hebdo-2024"}).json()["items"]
    assert by_doc and {c["doc"] for c in by_doc} == {"hebdo-2024"}
    paged = client.get("/api/claims", params={"predicate": "invests_in", "limit": 1, "offset": 1}).json()
    assert len(paged["items"]) == 1 and paged["items"][0] == by_pred["items"][1]


def test_unknown_predicate_is_a_400_problem(client: httpx.Client) -> None:
    body = assert_problem(client.get("/api/claims", params={"predicate": "loves"}), 400)
    assert "invests_in" in body["detail"]


def test_facts_and_conflicts(client: httpx.Client) -> None:
    facts = client.get("/api/facts", params={"entity": "OpenAI", "limit": 100}).json()["items"]
    assert facts and all(
        {"subject", "predicate", "object", "status", "kind", "values"} <= set(f) for f in facts
    )
    conflicts = client.get("/api/conflicts").json()["items"]
    assert conflicts and all(f["status"] == "disputed" for f in conflicts)
    money = next(f for f in conflicts if f["subject"] == "Microsoft" and f["predicate"] == "invests_in")
    assert sorted(v["amount"] for v in money["values"]) == [10e9, 13e9]
    assert all(v["docs"] and v["sources"] >= 1 for v in money["values"])
    assert client.get("/api/facts", params={"status": "disputed"}).json()["total"] == len(conflicts)
    assert_problem(client.get("/api/facts", params={"status": "maybe"}), 400)


def test_timeline_in_order_and_filtered(client: httpx.Client) -> None:
    items = client.get("/api/timeline", params={"limit": 1000}).json()["items"]
    dates = [e["date"] for e in items]
    assert dates and dates == sorted(dates)
    assert all({"date", "title", "entities", "docs"} <= set(e) for e in items)
    later = client.get("/api/timeline", params={"from": "2024"}).json()["items"]
    assert later and all(e["date"] >= "2024" for e in later)
    amazon = client.get("/api/timeline", params={"entity": "Amazon"}).json()["items"]
    assert amazon and all("Amazon" in e["entities"] for e in amazon)
    assert_problem(client.get("/api/timeline", params={"to": "next week"}), 400)


def test_timeline_titles_in_the_asked_language(client: httpx.Client) -> None:
    def titles(lang: str) -> list[str]:
        items = client.get("/api/timeline", params={"entity": "Amazon", "lang": lang}).json()["items"]
        return [e["title"] for e in items]

    assert titles("fr") == ["Amazon investit 4 Md$ dans Anthropic"]
    assert titles("en") == ["Amazon invests $4bn in Anthropic"]
    assert_problem(client.get("/api/timeline", params={"lang": "de"}), 422)


def test_state_as_of(client: httpx.Client) -> None:
    before = client.get("/api/state", params={"as_of": "2022"}).json()
    after = client.get("/api/state", params={"as_of": "2025-01"}).json()
    assert before["as_of"] == "2022"
    pairs = {(f["subject"], f["predicate"], f["object"]) for f in after["items"]}
    assert ("Amazon", "invests_in", "Anthropic") in pairs
    assert ("Amazon", "invests_in", "Anthropic") not in {
        (f["subject"], f["predicate"], f["object"]) for f in before["items"]
    }
    assert_problem(client.get("/api/state"), 422)


def test_search_finds_entities_and_documents(client: httpx.Client) -> None:
    hits = client.get("/api/search", params={"q": "Anthropic"}).json()["items"]
    assert {"entity", "document"} <= {h["kind"] for h in hits}
    text = client.get("/api/search", params={"q": "supercalculateurs"}).json()["items"]
    assert [h["id"] for h in text if h["kind"] == "document"] == ["gazette-2023"]
    assert_problem(client.get("/api/search"), 422)


def test_unknown_route_is_a_problem(client: httpx.Client) -> None:
    assert_problem(client.get("/api/nothing"), 404)
    assert_problem(client.delete("/api/stats"), 405)


# writing -------------------------------------------------------------------------------


def test_post_text_runs_the_pipeline(client: httpx.Client) -> None:
    article = {
        "id": "posted-1",
        "title": "Une alliance dans les puces",
        "source": "Le Journal des Tests",
        "published": "2024-06-10",
        "text": "Nvidia a signé un contrat avec Microsoft en juin 2024.\n\nLes deux groupes ne donnent aucun montant.",
    }
    r = client.post("/api/documents", json=article)
    assert r.status_code == 201, r.text
    assert r.json()["ingested"] == ["posted-1"]
    doc = client.get("/api/documents/posted-1").json()
    assert doc["title"] == "Une alliance dans les puces" and doc["published"] == "2024-06-10"
    again = client.post("/api/documents", json=article)
    assert again.status_code == 200 and again.json()["unchanged"] == ["posted-1"]
    edited = client.post(
        "/api/documents", json={**article, "text": article["text"].replace("juin", "juillet")}
    )
    assert edited.status_code == 200 and edited.json()["updated"] == ["posted-1"], edited.text
    assert edited.json()["ingested"] == [] and edited.json()["unchanged"] == []
    assert "juillet" in client.get("/api/documents/posted-1").json()["text"]
    dates = {c["date"] for c in client.get("/api/claims", params={"doc": "posted-1"}).json()["items"]}
    assert dates == {"2024-07"}


def test_post_html_gets_an_id_from_its_content(client: httpx.Client) -> None:
    html = (
        "<html><head><title>Essai</title></head><body><article><h1>Essai HTML</h1>"
        "<p>Amazon a investi 2 milliards de dollars dans Anthropic en mars 2024.</p>"
        "<p>Le reste de la page parle d'autre chose, longuement, pour que le texte soit un article.</p>"
        "</article></body></html>"
    )
    r = client.post("/api/documents", json={"html": html, "source": "Essais"})
    assert r.status_code == 201, r.text
    (doc_id,) = r.json()["ingested"]
    assert doc_id.startswith("api-")
    assert "Amazon a investi 2 milliards" in client.get(f"/api/documents/{doc_id}").json()["text"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "a", "url": "https://example.org/"},
        {"url": "ftp://example.org/a"},
        {"text": "a", "colour": "red"},
    ],
)
def test_post_needs_exactly_one_content(client: httpx.Client, body: dict[str, Any]) -> None:
    assert_problem(client.post("/api/documents", json=body), 422)


def test_post_broken_json_is_a_problem(client: httpx.Client) -> None:
    r = client.post("/api/documents", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(r, 422)


def test_post_url_fetches_the_page(client: httpx.Client) -> None:
    page = (
        b"<html><head><title>Page servie</title></head><body><article><h1>Google et Anthropic</h1>"
        b"<p>Google a investi 2 milliards de dollars dans Anthropic en octobre 2023.</p>"
        b"<p>Le reste de la page parle d'autre chose, assez longuement pour faire un article.</p>"
        b"</article></body></html>"
    )
    with LocalServer({"/article.html": Page(body=page)}) as site:
        url = site.url("/article.html")
        r = client.post(
            "/api/documents", json={"url": url, "source": "Site local", "published": "2023-10-30"}
        )
    assert r.status_code == 201, r.text
    assert r.json()["ingested"] == [url]
    doc = client.get("/api/documents/" + quote(url, safe="")).json()
    assert doc["url"] == url and doc["source"] == "Site local" and "2 milliards" in doc["text"]


def test_post_unreachable_url_is_a_502_problem(client: httpx.Client) -> None:
    body = assert_problem(
        client.post("/api/documents", json={"url": f"http://127.0.0.1:{closed_port()}/a"}), 502
    )
    assert "127.0.0.1" in body["detail"]


def test_writes_need_the_token(guarded: httpx.Client) -> None:
    article = {
        "id": "tok-1",
        "text": "Google a signé un contrat avec Anthropic en mai 2024. Rien de plus à signaler ici.",
    }
    r = guarded.post("/api/documents", json=article)
    assert_problem(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert_problem(
        guarded.post("/api/documents", json=article, headers={"Authorization": "Bearer wrong"}), 401
    )
    assert_problem(guarded.delete("/api/documents/gazette-2023"), 401)
    ok = guarded.post("/api/documents", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    other = {**article, "id": "tok-2", "text": article["text"] + " Une phrase de plus."}
    assert guarded.post("/api/documents", json=other, headers={"X-Veille-Token": TOKEN}).status_code == 201
    assert guarded.get("/api/documents/tok-1").status_code == 200  # reads need no token


def test_delete_removes_a_document(guarded: httpx.Client) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.delete("/api/documents/hebdo-2024", headers=headers).json() == {"deleted": "hebdo-2024"}
    assert_problem(guarded.get("/api/documents/hebdo-2024"), 404)
    assert_problem(guarded.delete("/api/documents/hebdo-2024", headers=headers), 404)


def test_big_bodies_are_refused(guarded: httpx.Client) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "Microsoft a investi. " * 5000}
    body = assert_problem(guarded.post("/api/documents", json=big, headers=headers), 413)
    assert "MB" in body["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    r = guarded.post(
        "/api/documents", content=chunks(), headers={**headers, "content-type": "application/json"}
    )
    assert_problem(r, 413)


def test_crash_is_a_500_problem_without_details(guarded: httpx.Client) -> None:
    body = assert_problem(guarded.get("/api/boom"), 500)
    assert "secret" not in str(body) and "passwords" not in str(body)


def test_reads_go_on_while_another_connection_writes(db: str, client: httpx.Client) -> None:
    client.get("/api/stats")  # the server has a connection open already
    writer = sqlite3.connect(db, isolation_level=None, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO dirty_keys (key) VALUES ('held|by|another|process')")
        started = time.monotonic()
        for path in ("/api/stats", "/api/documents", "/api/conflicts", "/", "/conflits"):
            assert client.get(path).status_code == 200
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


# pages: escaping and language ------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/documents", "/documents/piege-2024", "/recherche?q=Nvidia"])
def test_pages_escape_article_text(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for raw in (PWN, "<img", "<b ", 'href="javascript:', 'onclick="', 'onerror="'):
        assert raw not in r.text, raw
    assert "&lt;" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_document_page_shows_the_hostile_text_as_text(client: httpx.Client) -> None:
    page = client.get("/documents/piege-2024").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert HOSTILE_TITLE.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in page


def test_every_page_renders(client: httpx.Client) -> None:
    for path in (
        "/entites",
        "/entites/OpenAI",
        "/conflits",
        "/graphe",
        "/graphe?predicate=invests_in&as_of=2024",
        "/chronologie?entity=Microsoft&from=2023&to=2024-12",
        "/documents/gazette-2023",
    ):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:200])
    assert "<svg" in client.get("/graphe").text
    assert client.get("/static/veille.css").status_code == 200


def test_entity_alias_and_case_redirect_to_the_canonical_page(client: httpx.Client) -> None:
    r = client.get("/entites/microsoft", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/entites/Microsoft"


def test_language_from_query_cookie_and_header(client: httpx.Client) -> None:
    assert '<html lang="fr">' in client.get("/", headers={"accept-language": "de"}).text
    assert '<html lang="en">' in client.get("/", headers={"accept-language": "en-GB,en;q=0.9,fr;q=0.5"}).text
    with httpx.Client(base_url=client.base_url) as browser:  # its own cookie jar
        r = browser.get("/?lang=en", headers={"accept-language": "fr"})
        assert "Timeline" in r.text and browser.cookies.get("veille_lang") == "en"
        assert "Timeline" in browser.get("/conflits", headers={"accept-language": "fr"}).text
        assert "Chronologie" in browser.get("/?lang=fr").text


def test_page_errors_are_html_for_browsers_and_problems_otherwise(client: httpx.Client) -> None:
    page = client.get("/entites/Nobody", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Traceback" not in page.text
    assert_problem(client.get("/entites/Nobody"), 404)
    assert_problem(client.get("/chronologie", params={"from": "demain"}), 400)


# serve -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_public_address_without_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, int]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: started.append((host, port)))
    settings = Settings(db=str(tmp_path / "v.db"))
    with pytest.raises(UsageError, match="token"):
        serve(settings, host="0.0.0.0", port=8123)
    assert started == []
    serve(settings, host="127.0.0.1", port=8123)
    serve(Settings(db=str(tmp_path / "v.db"), token="t"), host="0.0.0.0", port=8124)
    assert started == [("127.0.0.1", 8123), ("0.0.0.0", 8124)]
    assert api.create_app(settings).openapi()["info"]["title"] == "veille"


def test_openapi_docs_work_offline(client: httpx.Client) -> None:
    """/docs serves Swagger UI from the installed package: no CDN, so it works without internet."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "veille"


# hosts, origins, ports ------------------------------------------------------------------------


def test_only_the_hosts_it_serves(tmp_path: Path) -> None:
    """A page that reached the loopback server under a name of its own (DNS rebinding) is refused,
    reads and writes alike; the server's own names, and those configured, are served."""
    settings = Settings(db=corpus_db(tmp_path), allowed_hosts=("veille.intranet.test",))
    with LiveServer(create_app(settings)) as server, httpx.Client(base_url=server.url()) as c:
        for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1.evil.example"):
            assert c.get("/api/stats", headers={"Host": host}).status_code == 400, host
            post = c.post(
                "/api/documents",
                json={"text": "Apple a investi 1 milliard dans Foo."},
                headers={"Host": host},
            )
            assert post.status_code == 400, host
        for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", "veille.intranet.test"):
            assert c.get("/api/stats", headers={"Host": host}).status_code == 200, host
        assert c.get("/api/stats").json()["documents"] == 4  # nothing was written


def test_writes_from_another_site_are_refused(tmp_path: Path) -> None:
    """Without a token too: a browser's write whose Origin is not this server is refused with 403;
    the server's own pages and clients without Origin (scripts) may write."""
    with (
        LiveServer(create_app(Settings(db=corpus_db(tmp_path)))) as server,
        httpx.Client(base_url=server.url()) as c,
    ):
        body = {"text": "Nvidia a investi 2 milliards de dollars dans Mistral AI en 2025.", "id": "o-1"}
        for origin in ("http://evil.example", "null", f"http://localhost:{server.port}.evil.example"):
            r = c.post("/api/documents", json=body, headers={"Origin": origin})
            assert_problem(r, 403)
            assert "only pages of this server" in r.json()["detail"]
            assert_problem(c.delete("/api/documents/gazette-2023", headers={"Origin": origin}), 403)
        assert (
            c.get("/api/documents/o-1").status_code == 404 and c.get("/api/documents/gazette-2023").is_success
        )
        own = c.post("/api/documents", json=body, headers={"Origin": server.url("").rstrip("/")})
        assert own.status_code == 201
        assert c.post("/api/documents", json={**body, "id": "o-2", "text": body["text"] + " Oui."}).is_success
        assert c.get(
            "/api/search", params={"q": "Mistral"}, headers={"Origin": "http://evil.example"}
        ).is_success


@pytest.mark.parametrize("port", [0, 65536, 99999, -1])
def test_ports_outside_1_to_65535_are_refused_clearly(port: int, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="1 to 65535"):
        serve(Settings(db=str(tmp_path / "v.db")), port=port)
    result = CliRunner().invoke(
        cli_app, ["serve", "--port", str(port), "--db", str(tmp_path / "v.db")], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert (
        "'--port'" in result.output and "de 1 à 65535" in result.output and "Traceback" not in result.output
    )
