"""Facts and timelines for people and programs: JSON, Markdown, rich tables. French labels.

Every statement carries its sources: a value lists the documents (outlet, publication date,
sentence) that state it; a timeline line ends with its sources.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from rich.table import Table

from veille.models import Fact, FactValue
from veille.reconcile.values import (
    ASSERTED,
    MODALITY_FR,
    NEGATED,
    PROSPECTIVE,
    current_value,
    format_value,
    normalize_date,
)

__all__ = [
    "fact_json",
    "facts_markdown",
    "facts_table",
    "format_date",
    "format_value",
    "timeline_markdown",
    "timeline_table",
]

PREDICATE_FR = {
    "invests_in": "investit dans",
    "raises": "lève des fonds",
    "holds_stake": "détient une participation dans",
    "profit_share": "a droit aux bénéfices de",
    "valued_at": "est valorisée",
    "contract_with": "a un accord avec",
    "plans_spending": "prévoit de dépenser",
    "acquires": "acquiert",
    "provides_cloud_to": "fournit le cloud à",
    "supplies": "fournit",
    "licenses": "a une licence de",
    "partners_with": "est partenaire de",
    "competes_with": "est en concurrence avec",
    "develops": "développe",
    "uses": "utilise",
    "investigates": "enquête sur",
    "approves": "autorise",
    "founds": "fonde",
    "leads": "dirige",
    "board_seat": "siège au conseil de",
}
STATUS_FR = {
    "agreed": "concordant",
    "updated": "mis à jour",
    "disputed": "contesté",
    "prospective": "prospectif",
}
KIND_FR = {"tranche": "tranche", "cumulative": "total cumulé"}
MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
TIMELINE_WORDS = {
    "fr": {
        "title": "Chronologie",
        "none": "_Aucun événement daté._",
        "sources": "Sources :",
        "date": "date",
        "event": "événement",
        "entities": "entités",
        "events": "événements",
        "text": "daté par le texte",
        "heading": "daté par son intertitre",
        "article": "daté par l'article",
    },
    "en": {
        "title": "Timeline",
        "none": "_No dated event._",
        "sources": "Sources:",
        "date": "date",
        "event": "event",
        "entities": "entities",
        "events": "events",
        "text": "dated by the text",
        "heading": "dated by its heading",
        "article": "dated by the article",
    },
}


# words ------------------------------------------------------------------------------


def format_date(value: str | None, lang: str = "fr") -> str:
    """``2019`` → ``2019``, ``2019-07`` → ``juillet 2019`` / ``July 2019``, ``2025-06-01`` → ``1er juin 2025``."""
    iso = normalize_date(value)
    if iso is None:
        return value or ""
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    month = MONTHS["en" if lang == "en" else "fr"][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    if lang == "en":
        return f"{day} {month} {parts[0]}"
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def dated(value: str | None, dated_by: str | None, lang: str = "fr") -> str:
    """A date in words, with how it was found when that makes it approximate: "mars 2024 (daté par l'article)"."""
    text = format_date(value, lang)
    if dated_by in ("heading", "article") and text:
        text += f" ({TIMELINE_WORDS['en' if lang == 'en' else 'fr'][dated_by]})"
    return text


def fact_label(fact: Fact) -> str:
    """``Microsoft → OpenAI : investit dans (tranche 2019)``."""
    head = f"{fact.subject} → {fact.object}" if fact.object else fact.subject
    return f"{head} : {PREDICATE_FR.get(fact.predicate, fact.predicate)}" + (
        f" ({kind_label(fact)})" if kind_label(fact) else ""
    )


def kind_label(fact: Fact) -> str:
    """``tranche 2019``, ``tranche non datée``, ``total cumulé``, ``2015`` or ``""``."""
    time = fact.key.split("|")[3] if fact.key.count("|") >= 3 else None
    if fact.kind == "cumulative":
        return KIND_FR["cumulative"]
    kind = KIND_FR.get(fact.kind or "", fact.kind or "")
    when = {"undated": "non datée" if kind else "non daté"}.get(time or "", time or "")
    return " ".join(p for p in (kind, when) if p)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


def md(text: str | None) -> str:
    """Article-derived text made inert in Markdown: on one line, Markdown and HTML characters escaped.

    ``<script>`` stays visible as text, ``[x](javascript:…)`` is no link, ``**`` no emphasis.
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def cite(src: dict[str, Any]) -> str:
    """``[Outlet, 2025-06-22](https://…)``: the outlet (else the document id), the publication date,
    and a link only to an http(s) address; without one, the document id to paste in ``veille show``."""
    label = md(src.get("source") or src.get("doc") or "?")
    if src.get("published"):
        label += f", {md(src['published'])}"
    url = (src.get("url") or "").strip()
    if urlsplit(url).scheme.lower() in ("http", "https") and not re.search(r"[\s<>()]", url):
        return f"[{label}]({url})"
    return f"{label} (`{str(src.get('doc') or '?').replace('`', '')}`)"


def value_label(value: FactValue | dict[str, Any]) -> str:
    """A value in short: its quantity (or ``oui``/``non`` for a bare relation)."""
    modality = value["modality"] if isinstance(value, dict) else value.modality
    return format_value(value) or ("non" if modality == NEGATED else "oui")


# JSON -----------------------------------------------------------------------------------


def fact_json(fact: Fact) -> dict[str, Any]:
    """A fact as SPEC "Facts" gives it, plus its key, validity, note, label and per-value evidence."""
    current = current_value(fact)
    return {
        "key": fact.key,
        "subject": fact.subject,
        "predicate": fact.predicate,
        "object": fact.object,
        "status": fact.status,
        "kind": fact.kind,
        "label": fact_label(fact),
        "valid_from": fact.valid_from,
        "valid_to": fact.valid_to,
        "note": fact.note,
        "current": value_json(current, False) if current else None,
        "values": [value_json(v, v == current) for v in fact.values],
    }


def value_json(v: FactValue, is_current: bool) -> dict[str, Any]:
    return {
        "amount": v.amount,
        "currency": v.currency,
        "amount_qualifier": v.qualifier,
        "percent": v.percent,
        "date": v.date,
        "date_end": v.date_end,
        "modality": v.modality,
        "prospective": v.modality in PROSPECTIVE,
        "current": is_current,
        "label": value_label(v),
        "sources": v.sources,
        "docs": list(v.docs),
        "reported": v.reported,
        "dated_by": v.dated_by,
        "condition": v.condition,
        "claims": [dict(c) for c in v.claims],
    }


# Markdown ----------------------------------------------------------------------------------


def facts_markdown(facts: list[Fact], title: str | None = None) -> str:
    """Facts as Markdown: a section per fact, each value with its sources and their sentences."""
    lines = [f"# {md(title) if title else 'Faits'}", ""]
    if not facts:
        lines += ["_Aucun fait._", ""]
    for fact in facts:
        lines += fact_markdown(fact, level=2)
    return "\n".join(lines)


def fact_markdown(fact: Fact, level: int = 2) -> list[str]:
    """One fact: heading, status and validity, note, values (history, then prospective) with sources."""
    lines = [
        f"{'#' * level} {md(fact_label(fact))}",
        "",
        f"_Statut : {STATUS_FR.get(fact.status, fact.status)}{_validity(fact)}_",
        "",
    ]
    if fact.note:
        lines += [f"> {md(fact.note)}", ""]
    current = current_value(fact)
    history = [v for v in fact.values if v.modality in ASSERTED or v.modality == NEGATED]
    prospective = [v for v in fact.values if v.modality in PROSPECTIVE]
    for v in history:
        lines += _value_markdown(v, fact, v == current)
    if prospective:
        lines += ["", "Valeurs prospectives (jamais tenues pour acquises) :", ""] if history else []
        for v in prospective:
            lines += _value_markdown(v, fact, False)
    return lines + [""]


def _validity(fact: Fact) -> str:
    if fact.valid_from and fact.valid_to:
        return f" · de {format_date(fact.valid_from)} à {format_date(fact.valid_to)}"
    if fact.valid_from:
        return f" · depuis {format_date(fact.valid_from)}"
    if fact.valid_to:
        return f" · jusqu'à {format_date(fact.valid_to)}"
    return ""


def _value_markdown(v: FactValue, fact: Fact, is_current: bool) -> list[str]:
    when = ""
    if v.date:
        when = dated(v.date, v.dated_by)
        when = f"depuis {when}" if fact.kind == "cumulative" else when
    if v.date_end:
        when += f" → {format_date(v.date_end)}"
    parts = [
        f"**{value_label(v)}**",
        f"« {_one_line(v.condition)} »" if v.condition else "",
        when.strip(),
        MODALITY_FR.get(v.modality, v.modality),
        f"{v.sources} source{'s' if v.sources > 1 else ''}",
    ]
    if is_current and (fact.status == "updated" or len(fact.values) > 1):
        parts.append("valeur actuelle")
    lines = ["- " + " — ".join(p for p in parts if p)]
    for c in v.claims:
        who = f" (selon {md(c['attributed_to'])})" if c.get("attributed_to") else ""
        lines.append(f"  - {cite(c)}{who} : « {md(c.get('evidence'))} »")
    return lines


def timeline_markdown(entries: list[dict[str, Any]], entity: str | None = None, lang: str = "fr") -> str:
    """A chronology to paste in a note: ``- **juillet 2019** — Title. _Sources : [Outlet, date](doc)_``."""
    words = TIMELINE_WORDS["en" if lang == "en" else "fr"]
    lines = [f"# {words['title']}{f' — {md(entity)}' if entity else ''}", ""]
    if not entries:
        lines.append(words["none"])
    for e in entries:
        title = md(e["title"]).rstrip()
        title += "" if title.endswith((".", "!", "?", "…")) else "."
        sources = ", ".join(dict.fromkeys(cite(s) for s in e["sources"]))
        when = dated(e["date"], e.get("dated_by"), lang)
        lines.append(f"- **{when}** — {title} _{words['sources']} {sources}_")
    return "\n".join(lines) + "\n"


# tables ------------------------------------------------------------------------------------------


def facts_table(facts: list[Fact]) -> Table:
    """Facts as a rich table: one row per fact, its values one per line with date, modality, sources."""
    table = Table(
        "sujet", "relation", "objet", "type", "statut", "valeurs", "validité", title=f"{len(facts)} faits"
    )
    for fact in facts:
        current = current_value(fact)
        cells = []
        for v in fact.values:
            when = dated(v.date, v.dated_by) if v.date else ""
            bits = [
                value_label(v),
                f"« {v.condition} »" if v.condition else "",
                when,
                MODALITY_FR.get(v.modality, v.modality),
                f"{v.sources} src",
            ]
            mark = "▶ " if v == current and len(fact.values) > 1 else ""
            cells.append(mark + " · ".join(b for b in bits if b))
        table.add_row(
            fact.subject,
            PREDICATE_FR.get(fact.predicate, fact.predicate),
            fact.object or "",
            kind_label(fact),
            STATUS_FR.get(fact.status, fact.status),
            "\n".join(cells),
            _validity(fact).removeprefix(" · "),
        )
    return table


def timeline_table(entries: list[dict[str, Any]], lang: str = "fr") -> Table:
    """The timeline as a rich table: date, event, entities, sources."""
    words = TIMELINE_WORDS["en" if lang == "en" else "fr"]
    table = Table(
        words["date"], words["event"], words["entities"], "sources", title=f"{len(entries)} {words['events']}"
    )
    for e in entries:
        sources = ", ".join(dict.fromkeys(f"{s.get('source') or s['doc']}" for s in e["sources"]))
        when = dated(e["date"], e.get("dated_by"), lang)
        table.add_row(when, e["title"], ", ".join(e["entities"]), sources)
    return table
