"""The timeline: dated events, from event sentences and from dated claims, merged across sources.

It follows the **world clock**: an entry's ``date`` is when the event happened, as the text
says, ISO at its precision (``2015``, ``2019-07``, ``2025-09-11``); publication dates only
tell, in ``sources``, when each source reported it.

Two sources of items: the event sentences the extractor stores (foundings, agreements,
dismissals, reinstatements, investigations, withdrawals…) and the claims that carry a date
(asserted or reported; a negated role or seat is an ending: "renonce à son siège"; cumulative
totals are left out, their date is the start of a sum, not an event). Items merge into one
entry when they are the same event: the same kind (an event's kind or a claim's predicate),
dates equal, or one finer than the other (``2019`` and ``2019-07``) only for the same
entities, and amounts that agree. A coarse item that fits two finer entries stays apart
rather than be guessed into one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veille.models import Claim, Event
from veille.reconcile.facts import TOLERANCE
from veille.reconcile.keys import CUMULATIVE, claim_kind, endpoints
from veille.reconcile.sources import Sources
from veille.reconcile.values import (
    ASSERTED,
    NEGATED,
    normalize_date,
    number,
    overlap,
    precision,
    same_period,
    start,
    value_range,
)
from veille.store.base import Store

KIND_ALIASES = {
    "founding": "founds",
    "foundation": "founds",
    "creation": "founds",
    "fondation": "founds",
    "investment": "invests_in",
    "investissement": "invests_in",
    "funding": "raises",
    "fundraising": "raises",
    "acquisition": "acquires",
    "agreement": "contract_with",
    "accord": "contract_with",
    "deal": "contract_with",
    "contract": "contract_with",
    "partnership": "partners_with",
    "licence": "licenses",
    "license": "licenses",
    "investigation": "investigates",
    "enquête": "investigates",
    "approval": "approves",
    "appointment": "leads",
    "competition": "competes_with",
}
ENDINGS = {
    "board_seat": "withdrawal",
    "leads": "dismissal",
    "partners_with": "termination",
    "provides_cloud_to": "termination",
    "holds_stake": "divestment",
}
CURRENCIES = {
    "USD": "dollars",
    "EUR": "euros",
    "GBP": "livres sterling",
    "JPY": "yens",
    "CHF": "francs suisses",
}
TITLES = {
    "invests_in": "{s} investit{m} dans {o}",
    "raises": "{s} lève{m}{aupres}",
    "holds_stake": "{s} détient {p} {de_o}",
    "profit_share": "{s} a droit à {p} des bénéfices {de_o}",
    "valued_at": "{s} est valorisée{m}",
    "contract_with": "Accord entre {s} et {o}{paren_m}",
    "plans_spending": "{s} prévoit de dépenser{m}{aupres}",
    "acquires": "{s} acquiert {o}{pour_m}",
    "provides_cloud_to": "{s} devient fournisseur cloud{excl} {de_o}",
    "supplies": "{s} fournit {o}{paren_m}",
    "licenses": "{s} obtient une licence{excl_f} sur les technologies {de_o}",
    "partners_with": "Partenariat entre {s} et {o}",
    "competes_with": "{s} en concurrence avec {o}",
    "develops": "{s} développe {o}",
    "uses": "{s} utilise {o}",
    "investigates": "{s} enquête sur {o}",
    "approves": "{s} autorise l'opération {de_o}",
    "founds": "Fondation {de_o} par {s}",
    "leads": "{s} prend la tête {de_o}",
    "board_seat": "{s} obtient un siège au conseil {de_o}",
    "withdrawal": "{s} renonce à son siège au conseil {de_o}",
    "dismissal": "{s} quitte la direction {de_o}",
    "termination": "Fin de la relation entre {s} et {o}",
    "divestment": "{s} cède sa participation {de_o}",
}


@dataclass
class _Entry:
    """One event while merging: its finest date, kind, entities and every source that tells it."""

    date: str
    kind: str
    identity: frozenset[str]
    entities: list[str]
    amounts: list[tuple[float, str | None, str | None]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sources: dict[tuple[str, int, int], dict[str, Any]] = field(default_factory=dict)


def build_timeline(
    store: Store, entity: str | None = None, date_from: str | None = None, date_to: str | None = None
) -> list[dict[str, Any]]:
    """Dated events in order, merged across sources; each with ``date``, ``precision``, ``title``,
    ``entities``, ``docs``, ``sources`` ({doc, source, published, url, evidence, start, end}) and ``kind``."""
    docs = Sources(store)
    items = [_from_event(e) for e in store.events(entity=entity, date_from=date_from, date_to=date_to)]
    claims = [c for c in store.claims(entity=entity) if _is_event(c) and _within(c.date, date_from, date_to)]
    items += [_from_claim(c) for c in claims]
    entries: list[_Entry] = []
    for item in sorted((i for i in items if i is not None), key=_finest_first):
        _merge(entries, item)
    out = [_render(e, docs) for e in entries]
    return sorted(out, key=lambda e: (start(e["date"]), len(e["date"]), e["title"]))


def _is_event(c: Claim) -> bool:
    if normalize_date(c.date) is None or claim_kind(c) == CUMULATIVE:
        return False
    return c.modality in ASSERTED or (c.modality == NEGATED and c.predicate in ENDINGS)


def _within(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    """The store's rule for events: on or after ``date_from``, and up to ``date_to`` at its precision."""
    d = normalize_date(value) or ""
    return (not date_from or d >= date_from) and (not date_to or d[: len(date_to)] <= date_to)


def _from_claim(c: Claim) -> _Entry | None:
    date = normalize_date(c.date)
    if date is None:
        return None
    subject, obj = endpoints(c)
    kind = ENDINGS[c.predicate] if c.modality == NEGATED else c.predicate
    identity = frozenset({obj or subject} if c.predicate == "founds" and obj else {subject, obj or ""} - {""})
    amounts = [(c.amount, c.currency, c.amount_qualifier)] if c.amount is not None else []
    entry = _Entry(date, kind, identity, [c.subject] + ([c.object] if c.object else []), amounts, claims=[c])
    entry.sources[(c.doc, c.start, c.end)] = {
        "doc": c.doc,
        "evidence": c.evidence,
        "start": c.start,
        "end": c.end,
    }
    return entry


def _from_event(e: Event) -> _Entry | None:
    date = normalize_date(e.date)
    if date is None:
        return None
    kind = KIND_ALIASES.get(e.kind.lower(), e.kind.lower())
    entry = _Entry(date, kind, frozenset(e.entities), list(e.entities), events=[e])
    entry.sources[(e.doc, e.start, e.end)] = {
        "doc": e.doc,
        "evidence": e.evidence,
        "start": e.start,
        "end": e.end,
    }
    return entry


def _finest_first(e: _Entry) -> tuple[int, str, str, str]:
    order = {"day": 0, "month": 1, "year": 2}
    first = min(e.sources)
    return (order[precision(e.date) or "year"], e.date, first[0], f"{first[1]:09d}")


def _fits(entry: _Entry, item: _Entry) -> bool:
    """Whether an item tells the same event as an entry (see the module's rules)."""
    if entry.kind != item.kind or not same_period(entry.date, item.date):
        return False
    a, b = entry.identity, item.identity
    founding = entry.kind == "founds" and bool(a & b)  # an organisation is founded once
    sentence = bool(entry.events or item.events) and (a <= b or b <= a)  # event sentences name more entities
    if a != b and not founding and not (entry.date == item.date and sentence):
        return False  # a coarser date joins only the same predicate and entities
    return all(
        overlap(value_range(a, qa, TOLERANCE), value_range(b, qb, TOLERANCE))
        for a, ca, qa in entry.amounts
        for b, cb, qb in item.amounts
        if not ca or not cb or ca == cb
    )


def _merge(entries: list[_Entry], item: _Entry) -> None:
    fits = [e for e in entries if _fits(e, item)]
    if len(fits) != 1:
        entries.append(item)
        return
    e = fits[0]
    e.date = max(e.date, item.date, key=len)
    e.identity |= item.identity
    e.entities += [n for n in item.entities if n not in e.entities]
    e.amounts += item.amounts
    e.claims += item.claims
    e.events += item.events
    for k, v in item.sources.items():
        e.sources.setdefault(k, v)


def _render(e: _Entry, docs: Sources) -> dict[str, Any]:
    sources = []
    for (doc_id, _, _), src in e.sources.items():
        d = docs.doc(doc_id)
        published = normalize_date(d.published) if d else None
        sources.append(
            {**src, "source": d.source if d else None, "published": published, "url": d.url if d else None}
        )
    sources.sort(key=lambda s: (s["published"] or "~", s["doc"], s["start"]))
    return {
        "date": e.date,
        "precision": precision(e.date),
        "title": _title(e),
        "entities": e.entities,
        "docs": sorted({s["doc"] for s in sources}),
        "sources": sources,
        "kind": e.kind,
        "amount": e.amounts[0][0] if e.amounts else None,
        "currency": e.amounts[0][1] if e.amounts else None,
    }


def _title(e: _Entry) -> str:
    """From the claims when there are some (the one with an amount first), else the event sentence's title."""
    if not e.claims:
        return e.events[0].title
    if e.kind == "founds":
        founders = " et ".join(sorted({c.subject for c in e.claims if c.object}))
        return _fill("founds", founders, e.claims[0].object, e.claims[0])
    c = next((c for c in e.claims if c.amount is not None or c.percent is not None), e.claims[0])
    return _fill(e.kind, c.subject, c.object, c)


def _fill(kind: str, subject: str, obj: str | None, claim: Claim) -> str:
    """The title template of ``kind`` with the claim's parties, amount (``m``) and share (``p``)."""
    amount = money(claim.amount, claim.currency, claim.amount_qualifier) if claim.amount is not None else ""
    share = f"{claim.percent:g} %".replace(".", ",") if claim.percent is not None else "une participation"
    if kind == "profit_share" and claim.percent is None:
        share = "une part"
    text = TITLES.get(kind, "{s} — {o}").format(
        s=subject,
        o=obj or "",
        de_o=de(obj) if obj else "",
        p=share,
        m=f" {amount}" if amount else "",
        paren_m=f" ({amount})" if amount else "",
        pour_m=f" pour {amount}" if amount else "",
        aupres=f" auprès {de(obj)}" if obj else "",
        excl=" exclusif" if claim.exclusive else "",
        excl_f=" exclusive" if claim.exclusive else "",
    )
    return " ".join(text.split())


def de(name: str) -> str:
    """``de Microsoft``, ``d'OpenAI``: the French preposition with elision before a vowel."""
    return f"d'{name}" if name[:1].lower() in "aeiouyàâéèêëîïôöûü" else f"de {name}"


def money(amount: float, currency: str | None, qualifier: str | None = None) -> str:
    """An amount in French words: ``1 milliard de dollars``, ``plus de 11 milliards de dollars``."""
    prefix = {
        "about": "environ ",
        "more_than": "plus de ",
        "at_least": "au moins ",
        "less_than": "moins de ",
        "up_to": "jusqu'à ",
    }.get(qualifier or "", "")
    for scale, unit in ((1e9, "milliard"), (1e6, "million")):
        if abs(amount) >= scale:
            n = round(amount / scale, 2)
            words = f"{number(n)} {unit}{'s' if n >= 2 else ''}"
            break
    else:
        words = number(amount)
    name = CURRENCIES.get(currency or "", currency or "")
    return prefix + words + (f" {de(name)}" if name and words[-1:].isalpha() else f" {name}" if name else "")
