"""What the CLI writes, in the language of the run: the consoles, tables that read at 80 columns,
ids on lines of their own, the ingest summary and the next steps after ``status``.

``Session.lang`` is set once per run, from ``--lang`` or ``$VEILLE_LANG`` (French otherwise); ``tr``
and ``trn`` read the catalogues of :mod:`veille.i18n` in it.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from veille import i18n

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)  # paths and hints stay whole: the terminal wraps them
table_out = Console()  # tables fit the terminal: long cells wrap, ids are never cut


class Session:
    """The language of this run, set from ``--lang`` / ``$VEILLE_LANG`` before any command runs."""

    lang: str = i18n.DEFAULT


def tr(key: str, **fields: Any) -> str:
    return i18n.t(Session.lang, key, **fields)


def trn(key: str, n: float, **fields: Any) -> str:
    return i18n.tn(Session.lang, key, n, **fields)


def table(*columns: str, ids: tuple[int, ...] = (), **options: Any) -> Table:
    """A table that reads at 80 columns: headers from the catalogue (``col.*``), light borders;
    the columns at ``ids`` hold identifiers, never cut nor wrapped (pasteable into another
    command); text wraps at word boundaries."""
    t = Table(*(tr(f"col.{c}") for c in columns), box=box.SIMPLE_HEAD, **options)
    for i in ids:
        t.columns[i].no_wrap = True
        t.columns[i].overflow = "ignore"
    return t


def print_table(t: Table) -> None:
    table_out.print(t)


def summary(report: Any) -> None:
    """What the batch did, counted; then each near-duplicate pair and each failure, once."""
    counts = [
        trn("cli.summary.ingested", len(report.ingested)),
        trn("cli.summary.updated", len(report.updated)),
        trn("cli.summary.unchanged", len(report.unchanged)),
        trn("cli.summary.near_duplicates", len(report.near_duplicates)),
        trn("cli.summary.failed", len(report.failed)),
        trn("cli.summary.claims", report.claims),
    ]
    err.print(", ".join(counts), highlight=False, markup=False)
    for a, b in report.near_duplicates:
        err.print(f"  {tr('cli.near_duplicate', a=a, b=b)}", highlight=False, markup=False)
    for origin, message in report.failed:
        text = message if origin in message else f"{origin}: {message}"
        err.print(f"  [red]{tr('cli.failed')}[/] {text}", highlight=False)


def next_steps(flag: str, top: list[str], year: str) -> None:
    """Commands to try on this knowledge base: its most mentioned entities, a date it covers."""
    one, two = (f'"{n}"' if " " in n else n for n in (top[0], top[-1]))
    out.print("\n" + tr("cli.status.next"), style="bold", highlight=False, markup=False)
    for command, note in (
        (f"veille conflicts{flag}", tr("cli.status.try_conflicts")),
        (f"veille facts --entity {one}{flag}", tr("cli.status.try_facts", entity=top[0])),
        (f"veille timeline --entity {two} --format md{flag}", tr("cli.status.try_timeline", entity=top[-1])),
        (f"veille state --as-of {year or '2024'}-01-01{flag}", tr("cli.status.try_state")),
        (f"veille serve{flag}", tr("cli.status.try_serve")),
    ):
        out.print(f"  {command}\n      {note}", highlight=False, markup=False)


def i18n_date(value: str | None) -> str:
    from veille.fmt import fmt_date

    return fmt_date(value, Session.lang)


def id_line(doc_id: str, prefix: str = "") -> None:
    """An id on a line of its own, never cut nor folded: it can be pasted into another command."""
    out.print(
        prefix + doc_id, style="bold" if not prefix else None, soft_wrap=True, highlight=False, markup=False
    )


def claims_tables(rows: list[dict[str, Any]]) -> None:
    """The claims, a table per document under its id: the relation with its values, and its sentence."""
    from veille.fmt import value_short

    by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in rows:
        by_doc.setdefault(c["doc"], []).append(c)
    for doc, found in by_doc.items():
        id_line(doc)
        t = table("claim", "evidence")
        for c in found:
            head = " ".join(
                x
                for x in (c["subject"], i18n.predicate_label(c["predicate"], Session.lang), c["object"])
                if x
            )
            bits = [
                value_short(c, Session.lang),
                dates(c),
                i18n.label(Session.lang, "modality", c["modality"]),
            ]
            t.add_row(
                Text(head) + Text("\n" + " · ".join(b for b in bits if b), style="dim"), Text(c["evidence"])
            )
        print_table(t)


def _dates(c: dict[str, Any]) -> str:
    return " → ".join(x for x in (c.get("date"), c.get("date_end")) if x) or ""


def dates(c: dict[str, Any]) -> str:
    """ "2019-07 → 2029", with where the date comes from when not the sentence: "(daté par l'article)"."""
    text = " → ".join(x for x in (c.get("date"), c.get("date_end")) if x) or ""
    if text and c.get("dated_by") in ("heading", "article"):
        text += f" ({tr('dated.' + c['dated_by'])})"
    return text


def documents_list(rows: list[Any]) -> None:
    """Each document: its id whole on a line, then its date, outlet, language and claims, its title,
    and the ids of its near-duplicates."""
    for r in rows:
        d = r.document
        id_line(d.id)
        about = " · ".join(
            x for x in (d.published, d.source, d.lang, trn("cli.status.claims", r.claims)) if x
        )
        table_out.print(Padding(Text(about, style="dim"), (0, 0, 0, 2)))
        if d.title:
            table_out.print(Padding(Text(d.title), (0, 0, 0, 2)))
        for other in r.duplicates:
            id_line(other, prefix="  ≈ ")


def entities_table(rows: list[Any]) -> None:
    """The entities: name (and Wikidata id), type, counts, other names."""
    t = table("name_lc", "type_lc", "counts", "aliases", ids=(1,))
    for e in rows:
        name = Text(e.name) + (Text(f"\n{e.wikidata}", style="dim") if e.wikidata else Text())
        aliases = Text(", ".join(a for a in e.aliases[:6] if a != e.name))
        t.add_row(
            name, i18n.label(Session.lang, "type", e.type), f"{e.mentions} · {e.docs} · {e.claims}", aliases
        )
    print_table(t)
