"""Exports of the knowledge base for other tools: JSON Lines, CSV, GraphML, Markdown dossiers.

* ``jsonl`` — one JSON object per line, each with a ``type``: ``document``, ``entity`` (its
  own type in ``entity_type``), ``claim``, ``fact``, ``event`` (timeline entries).
* ``csv`` — the claims with the SPEC fields; given a folder, ``claims.csv``, ``facts.csv`` and
  ``entities.csv`` in it.
* ``graphml`` — a directed multigraph (networkx, Gephi): entities are nodes (``name``,
  ``type``, ``wikidata``); facts with an object are edges (``predicate``, ``status``, ``kind``,
  a values summary…: GraphML allows only scalar attributes). Facts without an object
  (``valued_at``) are summarised on their subject's node.
* ``md`` — a folder with a dossier per entity ``<slug>.md`` (facts, conflicts, timeline; every
  statement with its source) and an ``index.md``; to stdout, every dossier one after another.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from veille.errors import OutputError, UsageError
from veille.i18n import DEFAULT, predicate_label, t, tn
from veille.models import Fact
from veille.reconcile import render
from veille.reconcile.timeline import build_timeline
from veille.reconcile.values import current_value
from veille.store.base import Store

FORMATS = ("jsonl", "csv", "graphml", "md")
CLAIM_FIELDS = (
    "doc",
    "subject",
    "predicate",
    "object",
    "amount",
    "currency",
    "amount_qualifier",
    "percent",
    "date",
    "date_end",
    "modality",
    "attributed_to",
    "exclusive",
    "kind",
    "evidence",
    "start",
    "end",
    "dated_by",
)
FACT_FIELDS = (
    "key",
    "subject",
    "predicate",
    "object",
    "status",
    "kind",
    "valid_from",
    "valid_to",
    "values",
    "current",
    "sources",
    "docs",
    "note",
)
ENTITY_FIELDS = ("name", "type", "wikidata", "aliases", "mentions", "documents", "claims")


def export(store: Store, fmt: str, output: Path | None = None, lang: str = DEFAULT) -> str:
    """Write the knowledge base in ``fmt`` to ``output`` (a file, or a folder for md and csv) or stdout;
    what is written for people (labels, notes, dossiers) in ``lang``.

    Returns what was written: the path, or ``stdout``. An unknown format is a ``UsageError``;
    a path that cannot be written, an ``OutputError`` naming it.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}")
    try:
        return _export(store, fmt, output, lang)
    except OSError as e:
        raise OutputError(f"cannot write {e.filename or output or 'stdout'}: {e.strerror or e}") from e


def _export(store: Store, fmt: str, output: Path | None, lang: str) -> str:
    if fmt == "md":
        return _markdown(store, output, lang)
    if fmt == "csv" and output is not None and _is_folder(output):
        output.mkdir(parents=True, exist_ok=True)
        _write(output / "claims.csv", csv_text(CLAIM_FIELDS, (c.to_dict() for c in store.claims())))
        _write(output / "facts.csv", csv_text(FACT_FIELDS, (_fact_row(f, lang) for f in store.facts())))
        _write(output / "entities.csv", csv_text(ENTITY_FIELDS, _entity_rows(store)))
        return str(output)
    text = {"jsonl": jsonl, "csv": claims_csv, "graphml": graphml}[fmt](store, lang)
    if output is None:
        sys.stdout.write(text)
        return "stdout"
    _write(output, text)
    return str(output)


def _is_folder(path: Path) -> bool:
    """An existing folder, or a new path without a file suffix."""
    return path.is_dir() or (not path.exists() and not path.suffix)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# JSON Lines and CSV -----------------------------------------------------------------------


def jsonl(store: Store, lang: str = DEFAULT) -> str:
    """Every document, entity, claim, fact and timeline event, one JSON object per line with its ``type``."""
    rows: list[dict[str, Any]] = []
    for r in store.documents():
        d = r.document
        meta = {
            k: getattr(d, k)
            for k in ("id", "title", "url", "source", "published", "lang", "hash", "ingested_at")
        }
        rows.append(
            {
                "type": "document",
                **meta,
                "claims": r.claims,
                "near_duplicates": list(r.duplicates),
                "text": d.text,
            }
        )
    rows += [{"type": "entity", "entity_type": e.pop("type"), **e} for e in _entity_rows(store)]
    rows += [{"type": "claim", **c.to_dict()} for c in store.claims()]
    rows += [{"type": "fact", **render.fact_json(f, lang)} for f in store.facts()]
    rows += [{"type": "event", **e} for e in build_timeline(store)]
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def claims_csv(store: Store, lang: str = DEFAULT) -> str:
    """The claims, SPEC fields, one row each."""
    return csv_text(CLAIM_FIELDS, (c.to_dict() for c in store.claims()))


def csv_text(fields: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n"
    )  # RFC 4180: a \r in a cell gets quoted
    writer.writeheader()
    writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert (OWASP: a leading quote).

    ``=HYPERLINK(…)``, ``+1``, ``-2+3``, ``@SUM(…)`` and cells starting with a tab or a carriage
    return get a ``'`` in front; numbers stay numbers (a negative amount is not text).
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _entity_rows(store: Store) -> list[dict[str, Any]]:
    return [{**e.to_dict(), "aliases": " | ".join(e.aliases)} for e in store.entities()]


def values_summary(fact: Fact, lang: str = DEFAULT) -> str:
    """``1 Md USD (2019-07, 2 src) ; ≈ 14 Md USD (planned, 1 src)``."""
    parts = []
    for v in fact.values:
        bits = [b for b in (v.date, v.modality if v.modality != "asserted" else "", f"{v.sources} src") if b]
        parts.append(f"{render.value_label(v, lang)} ({', '.join(bits)})")
    return " ; ".join(parts)


def _fact_row(fact: Fact, lang: str = DEFAULT) -> dict[str, Any]:
    current = current_value(fact)
    docs = sorted({d for v in fact.values for d in v.docs})
    return {
        "key": fact.key,
        "subject": fact.subject,
        "predicate": fact.predicate,
        "object": fact.object,
        "status": fact.status,
        "kind": fact.kind,
        "valid_from": fact.valid_from,
        "valid_to": fact.valid_to,
        "values": values_summary(fact, lang),
        "current": render.value_label(current, lang) if current else "",
        "sources": max((v.sources for v in fact.values), default=0),
        "docs": " ".join(docs),
        "note": render.note_text(fact.notes, lang),
    }


# GraphML -------------------------------------------------------------------------------------


def graph(store: Store, lang: str = DEFAULT) -> Any:
    """The facts as a networkx MultiDiGraph: entities as nodes, facts with an object as edges."""
    import networkx as nx

    g = nx.MultiDiGraph(name="veille")
    for e in store.entities():
        g.add_node(
            e.name, label=e.name, name=e.name, type=e.type, wikidata=e.wikidata or "", mentions=e.mentions
        )
    for fact in store.facts():
        for name in (fact.subject, fact.object):
            if name and name not in g:
                g.add_node(name, label=name, name=name, type="other", wikidata="", mentions=0)
        row = {k: ("" if v is None else v) for k, v in _fact_row(fact, lang).items()}
        if fact.object is None:
            node = g.nodes[fact.subject]
            node["facts"] = " ; ".join(
                filter(None, (node.get("facts", ""), f"{fact.predicate}: {row['values']}"))
            )
            continue
        for name in ("subject", "object", "key"):
            row.pop(name)
        label = predicate_label(fact.predicate, lang)
        g.add_edge(fact.subject, fact.object, key=fact.key, fact_key=fact.key, label=label, **row)
    return g


def graphml(store: Store, lang: str = DEFAULT) -> str:
    """The graph as GraphML text (readable by networkx.read_graphml and Gephi)."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(graph(store, lang), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


# Markdown dossiers ---------------------------------------------------------------------------


def slug(name: str) -> str:
    """A file name for an entity: ``Sam Altman`` → ``sam-altman``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entite"


def dossiers(store: Store, lang: str = DEFAULT) -> dict[str, tuple[str, str]]:
    """Entity name → (file name, Markdown dossier), for every entity some fact or event involves."""
    facts = store.facts()
    events = build_timeline(store)
    names = sorted(
        {n for f in facts for n in (f.subject, f.object) if n} | {n for e in events for n in e["entities"]}
    )
    out: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for name in names:
        base = slug(name)
        file, i = f"{base}.md", 2
        while file in used:
            file, i = f"{base}-{i}.md", i + 1
        used.add(file)
        mine = [f for f in facts if name in (f.subject, f.object)]
        out[name] = (file, dossier(name, mine, [e for e in events if name in e["entities"]], lang))
    return out


def dossier(name: str, facts: list[Fact], events: list[dict[str, Any]], lang: str = DEFAULT) -> str:
    """One entity's dossier: its facts, its conflicts, its timeline; every statement with its sources."""
    disputed = [f for f in facts if f.status == "disputed"]
    settled = [f for f in facts if f.status != "disputed"]
    counts = t(
        lang,
        "dossier.summary",
        facts=tn(lang, "facts.count", len(facts)),
        conflicts=tn(lang, "dossier.conflicts_n", len(disputed)),
        events=tn(lang, "dossier.events_n", len(events)),
    )
    lines = [f"# {render.md(name)}", "", f"_{counts}_", "", f"## {t(lang, 'dossier.facts')}", ""]
    for fact in settled:
        lines += render.fact_markdown(fact, level=3, lang=lang)
    lines += [] if settled else [f"_{t(lang, 'dossier.no_fact')}_", ""]
    lines += [f"## {t(lang, 'dossier.conflicts')}", ""]
    for fact in disputed:
        lines += render.fact_markdown(fact, level=3, lang=lang)
    lines += [] if disputed else [f"_{t(lang, 'dossier.no_conflict')}_", ""]
    chronology = render.timeline_markdown(events, lang=lang).split("\n", 2)[2]  # without its title
    return "\n".join(lines + [f"## {t(lang, 'dossier.timeline')}", "", chronology])


def _markdown(store: Store, output: Path | None, lang: str = DEFAULT) -> str:
    books = dossiers(store, lang)
    if output is None:
        sys.stdout.write(
            "\n\n".join(text for _, text in books.values()) or f"_{t(lang, 'dossier.no_entity')}_\n"
        )
        return "stdout"
    output.mkdir(parents=True, exist_ok=True)
    index = [f"# {t(lang, 'dossier.index')}", ""]
    for name, (file, text) in books.items():
        (output / file).write_text(text, encoding="utf-8")
        index.append(f"- [{render.md(name)}]({file})")
    (output / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return str(output)
