"""What the pages show, gathered from the store: plain dicts for the templates.

No reasoning about facts happens here: facts, claims, timelines and states come from the
store and :mod:`veille.web.core`; these functions only pick, group and label them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from veille import fmt
from veille.models import Document, Fact
from veille.store.base import Store
from veille.web import core

log = logging.getLogger("veille.web")


def anchor(fact: Fact) -> str:
    """A stable HTML id for a fact (its key may hold any character)."""
    return "f-" + hashlib.sha1(fact.key.encode()).hexdigest()[:10]


class DocIndex:
    """Titles, outlets and dates of documents, looked up once per page."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, Document | None] = {}

    def get(self, doc_id: str) -> Document | None:
        if doc_id not in self.cache:
            self.cache[doc_id] = self.store.document(doc_id)
        return self.cache[doc_id]

    def label(self, doc_id: str) -> dict[str, Any]:
        d = self.get(doc_id)
        if d is None:
            return {"id": doc_id, "title": doc_id, "source": None, "published": None}
        return {"id": doc_id, "title": d.title or doc_id, "source": d.source, "published": d.published}


def fact_cards(store: Store, facts: Iterable[Fact], docs: DocIndex | None = None) -> list[dict[str, Any]]:
    """Each fact with, for each of its values, the sentences behind it and their documents."""
    docs = docs or DocIndex(store)
    cards = []
    for fact in facts:
        values = []
        for value, claims in zip(fact.values, core.value_claims(store, fact), strict=True):
            evidence = [{**docs.label(c["doc"]), **_sentence(c)} for c in claims]
            values.append({"value": value, "evidence": evidence, "docs": [docs.label(d) for d in value.docs]})
        cards.append({"fact": fact, "anchor": anchor(fact), "values": values})
    return cards


def _sentence(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": claim.get("evidence") or "",
        "start": claim.get("start"),
        "attributed_to": claim.get("attributed_to"),
    }


def relations(facts: Sequence[Fact], name: str) -> list[dict[str, Any]]:
    """One entity's relations: predicate, the other party, and which way the relation goes."""
    out = []
    for f in facts:
        if not f.object:
            continue
        outgoing = f.subject == name
        out.append(
            {
                "fact": f,
                "other": f.object if outgoing else f.subject,
                "outgoing": outgoing,
                "anchor": anchor(f),
            }
        )
    return sorted(out, key=lambda r: (r["fact"].predicate, r["other"]))


def recent_documents(store: Store, count: int = 8) -> list[dict[str, Any]]:
    """The last documents by publication date, newest first."""
    total = store.stats()["documents"]
    rows = store.documents(limit=count, offset=max(0, total - count))
    return [{"document": r.document, "claims": r.claims} for r in reversed(rows)]


def document_events(store: Store, doc_id: str, lang: str) -> list[tuple[int, int, str]]:
    """The timeline's events told in one document: ``(start, end, "date · title")`` of their sentences."""
    out = []
    for e in core.timeline(store, doc=doc_id, lang=lang):
        when = fmt.fmt_date(e["date"], lang)
        out += [(s["start"], s["end"], f"{when} · {e['title']}") for s in e["sources"] if s["doc"] == doc_id]
    return out


def value_spans(document: Document, lang: str) -> list[tuple[int, int, str]]:
    """Amounts, percents and dates of a document's text: ``(start, end, value in words)``.

    Decoration only: should a value reader fail on some text, the page still shows the
    document (without these marks) and the error goes to the log.
    """
    from veille.nlp.dates import find_dates
    from veille.nlp.money import find_money
    from veille.nlp.percent import find_percents

    text, text_lang = document.text, document.lang
    try:
        spans = [
            (m.start, m.end, fmt.fmt_money(m.amount, m.currency, m.qualifier, lang))
            for m in find_money(text, text_lang)
        ]
        spans += [(p.start, p.end, fmt.fmt_percent(p.value, lang)) for p in find_percents(text, text_lang)]
        dates = find_dates(text, document.published, text_lang)
    except Exception:
        log.exception("cannot find the values of document %s", document.id)
        return []
    return spans + [(d.start, d.end, fmt.fmt_date(d.value, lang)) for d in dates]


def near_duplicates(store: Store, doc_id: str) -> list[dict[str, Any]]:
    docs = DocIndex(store)
    out = []
    for a, b, similarity in store.duplicates():
        if doc_id in (a, b):
            out.append({**docs.label(b if a == doc_id else a), "similarity": similarity})
    return out


def search_snippet(snippet: str) -> list[tuple[str, bool]]:
    """An FTS snippet (matches between ``[`` and ``]``) as (text, matched) pieces to escape."""
    pieces: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split("[")):
        hit, _, rest = chunk.partition("]") if i else ("", "", chunk)
        if hit:
            pieces.append((hit, True))
        if rest:
            pieces.append((rest, False))
    return pieces
