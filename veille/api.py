"""The HTTP API (JSON under ``/api``, OpenAPI at ``/docs``) and the web UI, in one app.

A thin edge: each endpoint reads the store or runs the pipeline and returns JSON. Lists
are paginated with ``limit``/``offset`` and answer ``{"items", "total", "limit", "offset"}``.
Writes (``POST``/``DELETE /api/documents``) need the configured token; every error is an
RFC 7807 problem (``application/problem+json``) without a stack trace.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.staticfiles import StaticFiles

from veille.config import Settings
from veille.errors import InputError, UsageError
from veille.models import PREDICATES, Document, IngestReport, RawArticle
from veille.store import open_store
from veille.web import core
from veille.web.http import (
    BodyLimit,
    Db,
    SameOriginWrites,
    SecurityHeaders,
    StorePool,
    check_token,
    install_problem_handlers,
    served_hosts,
)

STATUSES = ("agreed", "updated", "disputed", "prospective")
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page")]
Offset = Annotated[int, Query(ge=0, description="Items to skip")]
EntityQ = Annotated[str | None, Query(description="Only what involves this entity (name or alias)")]
PredicateQ = Annotated[str | None, Query(description=f"Only this predicate: {', '.join(PREDICATES)}")]
FromQ = Annotated[
    str | None, Query(alias="from", description="From this date (ISO: 2019, 2019-07, 2019-07-22)")
]
ToQ = Annotated[str | None, Query(alias="to", description="Up to this date, included (ISO)")]


class NewDocument(BaseModel):
    """An article to ingest: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Plain text of the article")
    html: str | None = Field(None, description="HTML page of the article")
    url: str | None = Field(None, description="http(s) address of an article or an RSS/Atom feed")
    title: str | None = None
    id: str | None = Field(None, description="Document id; default: the URL, else a hash of the content")
    published: str | None = Field(None, description="Publication date, ISO")
    source: str | None = Field(None, description="The outlet")
    lang: str | None = Field(None, description="fr or en; guessed when absent")

    @model_validator(mode="after")
    def one_content(self) -> NewDocument:
        given = [k for k in ("text", "html", "url") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'text', 'html' or 'url'")
        if self.url and not self.url.startswith(("http://", "https://")):
            raise ValueError("'url' must be an http:// or https:// address")
        return self


def require_token(request: Request) -> None:
    check_token(request, request.app.state.settings.token)


def page(items: Sequence[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """A page of a list; ``items`` is the whole list unless ``total`` is given."""
    if total is None:
        total, items = len(items), items[offset : offset + limit]
    return {"items": list(items), "total": total, "limit": limit, "offset": offset}


def check_predicate(predicate: str | None) -> None:
    if predicate is not None and predicate not in PREDICATES:
        raise UsageError(f"unknown predicate {predicate!r}", hint=f"choose one of: {', '.join(PREDICATES)}")


def doc_meta(d: Document) -> dict[str, Any]:
    keys = ("id", "title", "url", "source", "published", "lang", "hash", "ingested_at")
    return {k: getattr(d, k) for k in keys}


router = APIRouter(prefix="/api")


@router.get("/stats", tags=["corpus"])
def stats(store: Db) -> dict[str, Any]:
    """Counts (documents, outlets, entities, claims, facts, conflicts…) and the period covered."""
    first, last = store.period()
    return {**store.stats(), "period": {"from": first, "to": last}}


@router.get("/documents", tags=["documents"])
def documents(store: Db, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The stored documents, by publication date (metadata only; the text is on each document)."""
    rows = store.documents(limit=limit, offset=offset)
    items = [
        {**doc_meta(r.document), "claims": r.claims, "near_duplicates": list(r.duplicates)} for r in rows
    ]
    return page(items, limit, offset, total=store.stats()["documents"])


@router.get("/documents/{doc_id:path}", tags=["documents"])
def document(doc_id: str, store: Db) -> dict[str, Any]:
    """One document: metadata, clean text, entity mentions, claims and near-duplicates."""
    d = store.document(doc_id)
    if d is None:
        raise HTTPException(404, f"no document {doc_id!r}; GET /api/documents lists the ids")
    dups = sorted({b if a == doc_id else a for a, b, _ in store.duplicates() if doc_id in (a, b)})
    mentions = [
        {"entity": m.entity, "start": m.start, "end": m.end, "text": m.text} for m in store.mentions(doc_id)
    ]
    claims = [c.to_dict() for c in store.claims(doc=doc_id)]
    return {**doc_meta(d), "text": d.text, "near_duplicates": dups, "mentions": mentions, "claims": claims}


@router.post("/documents", tags=["documents"], status_code=201, dependencies=[Depends(require_token)])
def add_document(body: NewDocument, request: Request, store: Db) -> JSONResponse:
    """Ingest an article (text, HTML or URL) through the whole pipeline. Needs the token if one is set.

    201 when a new document was stored; 200 otherwise: ``updated`` lists the ids whose text changed
    (the old version and all derived from it replaced), ``unchanged`` those already stored as they are.
    """
    from veille.pipeline import ingest_documents, prepare

    settings = request.app.state.settings
    docs = [prepare(raw) for raw in raw_articles(body, settings)]
    report = ingest_documents(docs, store, settings)
    return JSONResponse(report_json(report), status_code=201 if report.ingested else 200)


@router.delete("/documents/{doc_id:path}", tags=["documents"], dependencies=[Depends(require_token)])
def delete_document(doc_id: str, store: Db) -> dict[str, Any]:
    """Remove a document and all derived from it; facts are re-reconciled. Needs the token if set."""
    from veille.pipeline import delete

    if not delete(store, doc_id):
        raise HTTPException(404, f"no document {doc_id!r}; GET /api/documents lists the ids")
    return {"deleted": doc_id}


def raw_articles(body: NewDocument, settings: Settings) -> list[RawArticle]:
    """The request as articles for the pipeline (a feed URL may give several)."""
    meta = {"title": body.title, "published": body.published, "source": body.source, "lang": body.lang}
    if body.url is None:
        content = (body.text or body.html or "").encode()
        doc_id = body.id or "api-" + hashlib.sha256(content).hexdigest()[:16]
        return [RawArticle(id=doc_id, origin="POST /api/documents", text=body.text, html=body.html, **meta)]
    from veille.ingest.sources import read_sources

    found = list(read_sources([body.url], settings))
    articles = [a for a in found if isinstance(a, RawArticle)]
    if not articles:
        errors = [e for e in found if isinstance(e, InputError)]
        raise errors[0] if errors else InputError(f"no article found at {body.url}", origin=body.url)
    if len(articles) == 1:
        overrides = {k: v for k, v in {**meta, "id": body.id}.items() if v is not None}
        articles = [replace(articles[0], **overrides)]
    return articles


def report_json(report: IngestReport) -> dict[str, Any]:
    return {
        "ingested": list(report.ingested),
        "updated": list(report.updated),
        "unchanged": list(report.unchanged),
        "near_duplicates": [list(p) for p in report.near_duplicates],
        "failed": [{"origin": o, "message": m} for o, m in report.failed],
        "claims": report.claims,
    }


@router.get("/entities", tags=["knowledge"])
def entities(store: Db, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Canonical entities with type, aliases and counts, most mentioned first."""
    return page([e.to_dict() for e in store.entities()], limit, offset)


LangQ = Annotated[Literal["fr", "en"], Query(description="Language of the event titles: fr | en")]


@router.get("/entities/{name:path}", tags=["knowledge"])
def entity(name: str, store: Db, lang: LangQ = "fr") -> dict[str, Any]:
    """One entity (by name or alias) with its facts and its timeline (titles in ``lang``)."""
    e = store.entity(name)
    if e is None:
        raise HTTPException(404, f"no entity {name!r}; GET /api/search?q=… finds names")
    facts = [core.fact_json(f) for f in store.facts(entity=e.name)]
    return {**e.to_dict(), "facts": facts, "timeline": core.timeline(store, entity=e.name, lang=lang)}


@router.get("/claims", tags=["knowledge"])
def claims(
    store: Db,
    doc: str | None = None,
    entity: EntityQ = None,
    predicate: PredicateQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The extracted claims (one relation stated in one sentence), filtered like `veille claims`."""
    check_predicate(predicate)
    found = store.claims(doc=doc, entity=entity, predicate=predicate)
    return page([c.to_dict() for c in found], limit, offset)


@router.get("/facts", tags=["knowledge"])
def facts(
    store: Db,
    entity: EntityQ = None,
    predicate: PredicateQ = None,
    status: str | None = None,
    as_of: Annotated[str | None, Query(description="Only facts that held at this date (ISO)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims reconciled across sources: each fact with its values and their sources."""
    check_predicate(predicate)
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r}", hint=f"choose one of: {', '.join(STATUSES)}")
    found = store.facts(entity=entity, predicate=predicate, status=status)
    when = core.parse_date(as_of, "as_of date")
    if when:
        found = core.facts_as_of(found, when)
    return page([core.fact_json(f) for f in found], limit, offset)


@router.get("/conflicts", tags=["knowledge"])
def conflicts(
    store: Db,
    entity: EntityQ = None,
    predicate: PredicateQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Only the facts whose sources disagree, every value with its sources."""
    check_predicate(predicate)
    found = store.facts(entity=entity, predicate=predicate, status="disputed")
    return page([core.fact_json(f) for f in found], limit, offset)


@router.get("/timeline", tags=["knowledge"])
def timeline(
    store: Db,
    entity: EntityQ = None,
    date_from: FromQ = None,
    date_to: ToQ = None,
    lang: LangQ = "fr",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Dated events in order, each titled as a sentence in ``lang``, with its entities, documents and
    evidence sentences."""
    start, end = core.parse_date(date_from, "from date"), core.parse_date(date_to, "to date")
    return page(core.timeline(store, entity=entity, date_from=start, date_to=end, lang=lang), limit, offset)


@router.get("/state", tags=["knowledge"])
def state(
    store: Db,
    as_of: Annotated[str, Query(description="The date (ISO: 2024, 2024-01, 2024-01-01)")],
    entity: EntityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The relations that held at a date (world time)."""
    when = core.parse_date(as_of, "as_of date") or ""
    found = core.state_as_of(store, when, entity=entity)
    return {**page([core.fact_json(f) for f in found], limit, offset), "as_of": when}


@router.get("/changes", tags=["knowledge"])
def changes(
    store: Db,
    since: Annotated[
        str | None, Query(description="From this date or time (ISO); default: the last 30 days")
    ] = None,
    entity: EntityQ = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """What the sources changed (new disputes, updated values, new facts and events), by entity, most
    important first, each with the documents that caused it: the same as the web page and the Atom feed."""
    start = core.news_since(since)
    found = [{**e, "entity": name} for name, group in core.changes(store, start, entity) for e in group]
    return {**page(found, limit, offset), "since": start}


@router.get("/search", tags=["corpus"])
def search(
    store: Db,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Full-text search over documents, and over entity names and aliases."""
    hits = store.search(q, limit=limit)
    return {
        "query": q,
        "items": [{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet} for h in hits],
    }


def create_app(settings: Settings) -> FastAPI:
    """The API and the web UI over the store at ``settings.db``."""
    from veille.web import pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(app.state.pool.warm)
        yield
        app.state.pool.close_all()

    app = FastAPI(
        title="veille",
        version="0.1.0",
        summary="A sourced, temporal knowledge base from news articles: documents, entities, claims, facts.",
        lifespan=lifespan,
        docs_url=None,  # served below from the vendored Swagger UI: nothing is fetched from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.pool = StorePool(settings.db)
    install_problem_handlers(app, pages.error_page)
    app.include_router(router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("veille.web", "static")]), name="static")
    _offline_docs(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(SameOriginWrites)
    app.add_middleware(
        TrustedHostMiddleware, allowed_hosts=served_hosts(settings.host, settings.allowed_hosts)
    )
    return app


def _offline_docs(app: FastAPI) -> None:
    """OpenAPI's interactive docs at ``/docs``: Swagger UI 5 (it reads the OpenAPI 3.1 schema FastAPI
    writes), its files from the installed ``fastapi-offline`` package, so nothing comes from a CDN."""
    from importlib.resources import files

    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse

    assets = str(files("fastapi_offline") / "static")
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="veille — API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},  # no call to the public validator
        )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server; a non-loopback address needs a token (anyone on the network could write)."""
    if not 1 <= port <= 65535:
        raise UsageError(
            f"the port {port} does not exist", hint="choose a port from 1 to 65535, e.g. --port 8000"
        )
    if not is_loopback(host) and not settings.token:
        raise UsageError(
            f"refusing to listen on {host} without a token: anyone who reaches it could write",
            hint="set --token (or VEILLE_TOKEN), or keep the default --host 127.0.0.1",
        )
    open_store(settings.db).close()  # fail now, with a clear message, if the database cannot be opened
    import uvicorn

    uvicorn.run(create_app(settings.with_(host=host)), host=host, port=port, log_level="info")
