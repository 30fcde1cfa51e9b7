"""Facts and timelines for people and programs: JSON, Markdown, rich tables, in French or English.

Every statement carries its sources: a value lists the documents (outlet, publication date,
sentence) that state it; a timeline line ends with its sources. The words come from the
catalogues of :mod:`veille.i18n` (``lang``: ``fr``, the default, or ``en``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from rich import box
from rich.table import Table
from rich.text import Text

from veille import fmt
from veille.i18n import DEFAULT, label, predicate_label, t, tn
from veille.models import Fact, FactValue
from veille.reconcile.values import ASSERTED, NEGATED, PROSPECTIVE, current_value

__all__ = [
    "fact_json",
    "facts_markdown",
    "facts_table",
    "format_date",
    "format_value",
    "note_text",
    "timeline_markdown",
    "timeline_table",
]


# words ------------------------------------------------------------------------------


def format_date(value: str | None, lang: str = DEFAULT) -> str:
    """``2019`` → ``2019``, ``2019-07`` → ``juillet 2019``, ``2025-06-01`` → ``1er juin 2025``."""
    return fmt.fmt_date(value, lang)


def dated(value: str | None, dated_by: str | None, lang: str = DEFAULT) -> str:
    """A date in words, with how it was found when that makes it approximate: "mars 2024 (daté par l'article)"."""
    text = format_date(value, lang)
    if dated_by in ("heading", "article") and text:
        text += f" ({t(lang, 'dated.' + dated_by)})"
    return text


def format_value(item: Any, lang: str = DEFAULT) -> str:
    """A claim's or a fact value's quantity in short: ``≈ 14 Md USD``, ``49 %``, ``""``."""
    return fmt.value_short(item, lang)


def fact_label(fact: Fact, lang: str = DEFAULT) -> str:
    """``Microsoft → OpenAI : investit dans (tranche 2019)``."""
    head = f"{fact.subject} → {fact.object}" if fact.object else fact.subject
    kind = kind_label(fact, lang)
    pred = predicate_label(fact.predicate, lang)
    return t(lang, "facts.label_kind" if kind else "facts.label", head=head, predicate=pred, kind=kind)


def kind_label(fact: Fact, lang: str = DEFAULT) -> str:
    """``tranche 2019``, ``tranche non datée``, ``total cumulé``, ``2015`` or ``""``."""
    time = fact.key.split("|")[3] if fact.key.count("|") >= 3 else None
    if fact.kind == "cumulative":
        return label(lang, "kind", "cumulative")
    if fact.kind == "tranche":
        if time == "undated":
            return t(lang, "facts.undated_tranche")
        return t(lang, "facts.tranche_year", year=time) if time else label(lang, "kind", "tranche")
    kind = label(lang, "kind", fact.kind)
    when = t(lang, "facts.undated") if time == "undated" else (time or "")
    return " ".join(p for p in (kind, when) if p)


LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # runs of spaces and breaks; no-break spaces stay
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


def md(text: str | None) -> str:
    """Article-derived text made inert in Markdown: on one line, Markdown and HTML characters escaped.

    ``<script>`` stays visible as text, ``[x](javascript:…)`` is no link, ``**`` no emphasis.
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", LINE_BREAKS.sub(" ", (text or "").strip()))


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


def value_label(value: FactValue | dict[str, Any], lang: str = DEFAULT) -> str:
    """A value in short: its quantity (or ``oui``/``non`` for a bare relation)."""
    modality = value["modality"] if isinstance(value, dict) else value.modality
    return fmt.value_short(value, lang) or t(lang, "value.no" if modality == NEGATED else "value.yes")


SEPARATORS = {"note.disputed": " / ", "note.history": " → "}


def note_text(notes: Any, lang: str = DEFAULT) -> str:
    """A fact's notes (``Fact.notes``: keys and what fills them) as sentences in ``lang``."""
    return " ".join(_one_note(n, lang) for n in notes)


def _one_note(note: dict[str, Any], lang: str) -> str:
    fields: dict[str, Any] = {}
    for name, value in note.items():
        if name == "values":
            fields[name] = SEPARATORS.get(note["key"], " ; ").join(_note_value(v, lang) for v in value)
        elif name == "pairs":  # a plan and what carried it out
            fields[name] = " ; ".join(f"{_note_value(a, lang)} → {_note_value(b, lang)}" for a, b in value)
        elif name == "date":
            fields[name] = fmt.fmt_date(value, lang)
        elif isinstance(value, dict):
            fields[name] = _one_note(value, lang)
        elif name != "key":
            fields[name] = value
    return t(lang, note["key"], **fields)


def _note_value(v: dict[str, Any], lang: str) -> str:
    """``10 Md USD (prévu) [2023], 2 sources``: a value as a note names it."""
    key = (
        "note.value"
        + ("_modality" if v["modality"] != "asserted" else "")
        + ("_dated" if v.get("dated") else "")
    )
    return t(
        lang,
        key,
        value=value_label(v, lang),
        modality=label(lang, "modality", v["modality"]),
        date=fmt.fmt_date(v.get("time"), lang) or t(lang, "date.unknown"),
        sources=tn(lang, "fact.sources", v["sources"]),
    )


# JSON -----------------------------------------------------------------------------------


def fact_json(fact: Fact, lang: str = DEFAULT) -> dict[str, Any]:
    """A fact as SPEC "Facts" gives it, plus its key, validity, note, label and per-value evidence
    (the label and the note written in ``lang``)."""
    current = current_value(fact)
    return {
        "key": fact.key,
        "subject": fact.subject,
        "predicate": fact.predicate,
        "object": fact.object,
        "status": fact.status,
        "kind": fact.kind,
        "label": fact_label(fact, lang),
        "valid_from": fact.valid_from,
        "valid_to": fact.valid_to,
        "note": note_text(fact.notes, lang) or None,
        "current": value_json(current, False, lang) if current else None,
        "values": [value_json(v, v == current, lang) for v in fact.values],
    }


def value_json(v: FactValue, is_current: bool, lang: str = DEFAULT) -> dict[str, Any]:
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
        "label": value_label(v, lang),
        "sources": v.sources,
        "docs": list(v.docs),
        "reported": v.reported,
        "dated_by": v.dated_by,
        "condition": v.condition,
        "claims": [dict(c) for c in v.claims],
    }


# Markdown ----------------------------------------------------------------------------------


def facts_markdown(facts: list[Fact], title: str | None = None, lang: str = DEFAULT) -> str:
    """Facts as Markdown: a section per fact, each value with its sources and their sentences."""
    lines = [f"# {md(title) if title else t(lang, 'facts.title')}", ""]
    if not facts:
        lines += [f"_{t(lang, 'facts.none')}_", ""]
    for fact in facts:
        lines += fact_markdown(fact, level=2, lang=lang)
    return "\n".join(lines)


def fact_markdown(fact: Fact, level: int = 2, lang: str = DEFAULT) -> list[str]:
    """One fact: heading, status and validity, note, values (history, then prospective) with sources."""
    status = label(lang, "status", fact.status)
    when = fmt.validity(fact.valid_from, fact.valid_to, lang)
    lines = [
        f"{'#' * level} {md(fact_label(fact, lang))}",
        "",
        f"_{t(lang, 'facts.status_line', status=status)}{f' · {when}' if when else ''}_",
        "",
    ]
    if fact.notes:
        lines += [f"> {md(note_text(fact.notes, lang))}", ""]
    current = current_value(fact)
    history = [v for v in fact.values if v.modality in ASSERTED or v.modality == NEGATED]
    prospective = [v for v in fact.values if v.modality in PROSPECTIVE]
    for v in history:
        lines += _value_markdown(v, fact, v == current, lang)
    if prospective:
        lines += ["", t(lang, "facts.prospective_head"), ""] if history else []
        for v in prospective:
            lines += _value_markdown(v, fact, False, lang)
    return lines + [""]


def _value_markdown(v: FactValue, fact: Fact, is_current: bool, lang: str) -> list[str]:
    when = ""
    if v.date:
        cumulative = fact.kind == "cumulative"
        when = fmt.validity(v.date, None, lang) if cumulative else dated(v.date, v.dated_by, lang)
    if v.date_end:
        when += f" → {format_date(v.date_end, lang)}"
    parts = [
        f"**{value_label(v, lang)}**",
        t(lang, "facts.quote", text=md(v.condition)) if v.condition else "",
        when.strip(),
        label(lang, "modality", v.modality),
        tn(lang, "fact.sources", v.sources),
    ]
    if is_current and (fact.status == "updated" or len(fact.values) > 1):
        parts.append(t(lang, "facts.current"))
    lines = ["- " + " — ".join(p for p in parts if p)]
    for c in v.claims:
        who = f" ({t(lang, 'facts.said_by', who=md(c['attributed_to']))})" if c.get("attributed_to") else ""
        quote = t(lang, "facts.quote", text=md(c.get("evidence")))
        lines.append(f"  - {cite(c)}{who} : {quote}" if lang == "fr" else f"  - {cite(c)}{who}: {quote}")
    return lines


def timeline_markdown(entries: list[dict[str, Any]], entity: str | None = None, lang: str = DEFAULT) -> str:
    """A chronology to paste in a note: ``- **juillet 2019** — Title. _Sources : [Outlet, date](url)_``."""
    head = t(lang, "timeline.md_title_entity", entity=md(entity)) if entity else t(lang, "timeline.md_title")
    lines = [f"# {head}", ""]
    if not entries:
        lines.append(f"_{t(lang, 'timeline.md_none')}_")
    for e in entries:
        title = md(e["title"]).rstrip()
        title += "" if title.endswith((".", "!", "?", "…")) else "."
        sources = ", ".join(dict.fromkeys(cite(s) for s in e["sources"]))
        when = dated(e["date"], e.get("dated_by"), lang)
        lines.append(f"- **{when}** — {title} _{t(lang, 'timeline.md_sources', sources=sources)}_")
    return "\n".join(lines) + "\n"


# tables ------------------------------------------------------------------------------------------


def facts_table(facts: list[Fact], lang: str = DEFAULT) -> Table:
    """Facts as a rich table that reads at 80 columns: the fact (who, relation, whom, and its kind),
    its status, its values one per line with date, modality and sources, its validity."""
    columns = [t(lang, f"col.{c}") for c in ("fact", "status", "values", "validity")]
    table = Table(*columns, title=tn(lang, "facts.count", len(facts)), box=box.SIMPLE_HEAD)
    table.columns[1].no_wrap = True
    for fact in facts:
        current = current_value(fact)
        cells = []
        for v in fact.values:
            bits = [
                value_label(v, lang),
                t(lang, "facts.quote", text=v.condition) if v.condition else "",
                dated(v.date, v.dated_by, lang) if v.date else "",
                label(lang, "modality", v.modality),
                t(lang, "facts.src", n=v.sources),
            ]
            mark = "▶ " if v == current and len(fact.values) > 1 else ""
            cells.append(mark + " · ".join(b for b in bits if b))
        head = " ".join(x for x in (fact.subject, predicate_label(fact.predicate, lang), fact.object) if x)
        kind = kind_label(fact, lang)
        table.add_row(
            Text(head) + (Text(f"\n{kind}", style="dim") if kind else Text()),
            label(lang, "status", fact.status),
            Text("\n".join(cells)),
            fmt.validity(fact.valid_from, fact.valid_to, lang),
        )
    return table


def timeline_table(entries: list[dict[str, Any]], lang: str = DEFAULT) -> Table:
    """The timeline as a rich table: date, event, entities, sources."""
    columns = [t(lang, f"col.{c}") for c in ("date", "event", "entities", "sources")]
    table = Table(*columns, title=tn(lang, "timeline.count", len(entries)), box=box.SIMPLE_HEAD)
    for e in entries:
        sources = ", ".join(dict.fromkeys(f"{s.get('source') or s['doc']}" for s in e["sources"]))
        when = dated(e["date"], e.get("dated_by"), lang)
        table.add_row(when, Text(e["title"]), Text(", ".join(e["entities"])), Text(sources))
    return table
