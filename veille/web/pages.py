"""The web UI: server-rendered HTML pages over the same store as the API.

French URLs: ``/`` (home), ``/recherche``, ``/entites``, ``/entites/{name}``,
``/chronologie``, ``/conflits``, ``/graphe``, ``/nouveautes`` (what's new), ``/faits/{key}``
(a fact and its history), ``/documents``, ``/documents/{id}``; and the Atom feed of changes,
``/feeds/changes.atom`` (``?entity=`` to follow one company).
Templates autoescape everything; article text reaches them only as plain strings, or as
:mod:`veille.web.highlight` markup built from escaped pieces. No page runs JavaScript.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader

from veille import fmt, i18n
from veille.models import PREDICATES
from veille.reconcile import digest, titles
from veille.reconcile import render as render_notes
from veille.web import atom, core, highlight, svg, views
from veille.web.http import Db, problem, respond
from veille.web.i18n import COOKIE, negotiate

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
OptStr = Annotated[str | None, Query()]
FromQ = Annotated[str | None, Query(alias="from")]
ToQ = Annotated[str | None, Query(alias="to")]


@cache
def environment() -> Environment:
    """The template environment: autoescape on for every template, whatever its name."""
    env = Environment(
        loader=PackageLoader("veille.web", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.globals.update(predicates=PREDICATES)
    return env


class UI:
    """What templates need to speak the page's language and link pages together."""

    def __init__(self, request: Request, lang: str) -> None:
        self.request = request
        self.lang = lang
        self.other = "en" if lang == "fr" else "fr"

    def t(self, key: str, **fields: Any) -> str:
        return i18n.t(self.lang, key, **fields)

    def tn(self, key: str, n: float, **fields: Any) -> str:
        return i18n.tn(self.lang, key, n, **fields)

    def pred(self, predicate: str) -> str:
        return i18n.predicate_label(predicate, self.lang)

    def kind(self, entity_type: str) -> str:
        return i18n.label(self.lang, "type", entity_type)

    def fact_kind(self, kind: str) -> str:
        return i18n.label(self.lang, "kind", kind)

    def event_kind(self, kind: str) -> str:
        """A timeline entry's kind: the predicate's label, else the event kind's ("éviction")."""
        if kind in PREDICATES:
            return self.pred(kind)
        return titles.kind_label(kind, self.lang) or kind

    def dated(self, iso: str | None, dated_by: str | None) -> str:
        """A date in words, marked when the text did not give it: "mars 2024 (daté par l'article)"."""
        text = self.date(iso)
        if dated_by in ("heading", "article") and text:
            text += f" ({self.t('dated.' + dated_by)})"
        return text

    def date(self, iso: str | None) -> str:
        return fmt.fmt_date(iso, self.lang)

    def period(self, start: str | None, end: str | None) -> str:
        return fmt.fmt_period(start, end, self.lang)

    def validity(self, start: str | None, end: str | None) -> str:
        """When a fact held: "depuis juillet 2019", "jusqu'en 2029", "de 2019 à 2023"."""
        return fmt.validity(start, end, self.lang)

    def figures(self, fact: Any) -> str:
        """What tells a relation apart from another of the same kind: its figures ("10 / 13 milliards")."""
        labels = [self.value(v) for v in fact.values if self.value(v)]
        return " / ".join(dict.fromkeys(labels))

    def when(self, fact: Any) -> str:
        """…and its time: what kind of fact (a tranche of a year, a cumulative total) and when it held."""
        parts = (render_notes.kind_label(fact, self.lang), self.validity(fact.valid_from, fact.valid_to))
        return " · ".join(p for p in parts if p)

    def note(self, fact: Any) -> str:
        return render_notes.note_text(fact.notes, self.lang)

    def value(self, value: Any) -> str:
        return fmt.fmt_value(value, self.lang)

    def number(self, n: float) -> str:
        return fmt.fmt_number(n, self.lang)

    def switch_url(self) -> str:
        params = {**self.request.query_params, "lang": self.other}
        return f"{self.request.url.path}?{urlencode(params)}"

    @staticmethod
    def entity(name: str) -> str:
        return highlight.entity_href(name)

    @staticmethod
    def doc(doc_id: str, start: int | None = None) -> str:
        return "/documents/" + quote(doc_id, safe="") + (f"#s-{start}" if start is not None else "")

    @staticmethod
    def timeline(entity: str) -> str:
        return "/chronologie?" + urlencode({"entity": entity})

    @staticmethod
    def fact(key: str) -> str:
        return "/faits/" + quote(key, safe="")

    def moment(self, at: str | None) -> str:
        """A logged time in words: "2 décembre 2026, 03:32 UTC"."""
        return f"{self.date(at[:10])}, {at[11:16]} UTC" if at else ""

    def headline(self, entry: dict[str, Any]) -> str:
        """One line for a change or a new event: the fact and what changed in it."""
        colon = ": " if self.lang == "en" else " : "
        return digest.headline(entry, self.pred, self.value, self.date, colon, self.fact_kind)

    def entry_href(self, entry: dict[str, Any]) -> str:
        """A change links to its fact's page; a new event to the sentence that tells it."""
        if entry["key"]:
            return self.fact(entry["key"])
        first = entry["sources"][0] if entry["sources"] else None
        return self.doc(first["doc"], first.get("start")) if first else self.timeline(entry["subject"])


def language(request: Request) -> str:
    return negotiate(
        request.query_params.get("lang"),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language; ``?lang=`` also leaves a cookie for the next pages."""
    ui = UI(request, language(request))
    html = environment().get_template(template).render(ui=ui, t=ui.t, tn=ui.tn, **context)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie(COOKIE, ui.lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    response.headers["content-language"] = ui.lang
    return response


def error_page(request: Request, status: int, title: str, detail: str) -> Response:
    """The HTML form of a problem, for browsers; falls back to JSON if even that fails."""
    try:
        return render(request, "error.html", status=status, status_code=status, title=title, detail=detail)
    except Exception:
        return problem(status, detail, title)


def not_found(request: Request, key: str, name: str) -> Response:
    """404 for a page: what was not found, in the page's language."""
    lang = language(request)
    return respond(request, 404, i18n.t(lang, key, name=name), i18n.t(lang, "error.404"))


# pages -------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Db) -> HTMLResponse:
    stats = store.stats()
    conflicts = store.facts(status="disputed")[:3]
    return render(
        request,
        "home.html",
        stats=stats,
        period=store.period(),
        recent=views.recent_documents(store),
        top=store.entities()[:12],
        conflicts=views.fact_cards(store, conflicts),
    )


@router.get("/recherche", response_class=HTMLResponse)
def search(request: Request, store: Db, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    hits = store.search(q, limit=50) if q.strip() else []
    items = [{"hit": h, "pieces": views.search_snippet(h.snippet)} for h in hits]
    return render(request, "search.html", q=q, items=items)


@router.get("/entites", response_class=HTMLResponse)
def entities(request: Request, store: Db) -> HTMLResponse:
    return render(request, "entities.html", entities=store.entities())


@router.get("/entites/{name:path}", response_class=HTMLResponse, response_model=None)
def entity(name: str, request: Request, store: Db) -> Response:
    found = store.entity(name)
    if found is None:
        return not_found(request, "error.no_entity", name)
    if found.name != name:
        return RedirectResponse(highlight.entity_href(found.name), status_code=307)
    facts = store.facts(entity=found.name)
    cards = views.fact_cards(store, facts)
    return render(
        request,
        "entity.html",
        entity=found,
        cards=cards,
        relations=views.relations(facts, found.name),
        conflicts=[c for c in cards if c["fact"].status == "disputed"],
        network=svg.network(facts, width=560, height=300 if len(cards) <= 3 else 420, centre=found.name),
        events=core.timeline(store, entity=found.name, lang=language(request)),
    )


@router.get("/chronologie", response_class=HTMLResponse)
def timeline(
    request: Request, store: Db, entity: OptStr = None, date_from: FromQ = None, date_to: ToQ = None
) -> HTMLResponse:
    start, end = core.parse_date(date_from, "from date"), core.parse_date(date_to, "to date")
    entity = entity.strip() if entity and entity.strip() else None
    entries = core.timeline(store, entity=entity, date_from=start, date_to=end, lang=language(request))
    years: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        years.setdefault(e["date"][:4], []).append(e)
    return render(
        request,
        "timeline.html",
        entries=entries,
        years=years,
        chrono=svg.chronology(entries),
        entity=entity,
        date_from=date_from or "",
        date_to=date_to or "",
        names=[e.name for e in store.entities()],
    )


@router.get("/conflits", response_class=HTMLResponse)
def conflicts(request: Request, store: Db, entity: OptStr = None, predicate: OptStr = None) -> HTMLResponse:
    predicate = predicate if predicate in PREDICATES else None
    facts = store.facts(entity=entity or None, predicate=predicate, status="disputed")
    return render(
        request, "conflicts.html", cards=views.fact_cards(store, facts), entity=entity, predicate=predicate
    )


@router.get("/graphe", response_class=HTMLResponse)
def graph(request: Request, store: Db, predicate: OptStr = None, as_of: OptStr = None) -> HTMLResponse:
    predicate = predicate if predicate in PREDICATES else None
    when = core.parse_date(as_of, "as-of date")
    facts = core.state_as_of(store, when) if when else store.facts()
    facts = [f for f in facts if predicate is None or f.predicate == predicate]
    links = [f for f in facts if f.object]
    return render(
        request,
        "graph.html",
        network=svg.network(links),
        links=links,
        predicate=predicate,
        as_of=as_of or "",
        used=sorted({f.predicate for f in store.facts()}),
    )


@router.get("/nouveautes", response_class=HTMLResponse)
def news(request: Request, store: Db, since: OptStr = None, entity: OptStr = None) -> HTMLResponse:
    entity = entity.strip() if entity and entity.strip() else None
    start = core.news_since(since)
    found = core.changes(store, start, entity, lang=language(request))
    feed = "/feeds/changes.atom" + (f"?{urlencode({'entity': entity})}" if entity else "")
    return render(
        request,
        "news.html",
        groups=found,
        count=sum(len(g) for _, g in found),
        entity=entity,
        since=since or start[:10],
        feed=feed,
        names=[e.name for e in store.entities()],
    )


@router.get("/feeds/changes.atom")
def news_feed(request: Request, store: Db, since: OptStr = None, entity: OptStr = None) -> Response:
    """The same changes as /nouveautes, as an Atom feed in the request's language."""
    entity = entity.strip() if entity and entity.strip() else None
    ui = UI(request, language(request))
    found = core.changes(store, core.news_since(since), entity, lang=ui.lang)
    base = str(request.base_url).rstrip("/")
    macros = environment().get_template("_macros.html").make_module({"ui": ui, "t": ui.t, "tn": ui.tn})
    body = atom.feed(
        [e for _, group in found for e in group],
        ui,
        base=base,
        self_url=str(request.url),
        title=ui.t("news.feed") + (f" · {entity}" if entity else ""),
        content=lambda e: str(macros.change_card(e, base)),  # type: ignore[attr-defined]
    )
    return Response(
        body, media_type="application/atom+xml; charset=utf-8", headers={"content-language": ui.lang}
    )


@router.get("/faits/{key:path}", response_class=HTMLResponse, response_model=None)
def fact(key: str, request: Request, store: Db) -> Response:
    found, history = core.fact_history(store, key)
    if found is None and not history:
        return not_found(request, "error.no_fact", key)
    card = views.fact_cards(store, [found])[0] if found else None
    return render(request, "fact.html", key=key, card=card, history=history, head=found or history[0])


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: Db, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    total = store.stats()["documents"]
    rows = store.documents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(request, "documents.html", rows=rows, page=page, pages=pages, total=total)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse, response_model=None)
def document(doc_id: str, request: Request, store: Db) -> Response:
    d = store.document(doc_id)
    if d is None:
        return not_found(request, "error.no_document", doc_id)
    ui = UI(request, language(request))
    claims = store.claims(doc=doc_id)
    spans = [(c.start, c.end, _claim_label(c, ui)) for c in claims]
    spans += views.document_events(store, doc_id, ui.lang)
    outer = highlight.sentences(d.text, spans)
    inner = highlight.inner(store.mentions(doc_id), views.value_spans(d, ui.lang), outer)
    body = highlight.render(d.text, outer, inner, highlight.entity_href)
    return render(
        request,
        "document.html",
        doc=d,
        body=body,
        claims=claims,
        duplicates=views.near_duplicates(store, doc_id),
    )


def _claim_label(claim: Any, ui: UI) -> str:
    """The tooltip of a claim sentence: "Microsoft — investit dans — OpenAI · 10 milliards…"."""
    parts = [f"{claim.subject} — {ui.pred(claim.predicate)}" + (f" — {claim.object}" if claim.object else "")]
    when = ui.period(claim.date, claim.date_end)
    if when and claim.dated_by in ("heading", "article"):
        when += f" ({ui.t('dated.' + claim.dated_by)})"
    parts += [x for x in (ui.value(claim), when) if x]
    return " · ".join(parts)
