"""The command line: a thin edge that turns options into calls and results into text."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from veille import config
from veille.errors import UsageError, VeilleError
from veille.models import PREDICATES
from veille.store import Store, open_store

app = typer.Typer(
    name="veille",
    help="veille — strategic news monitoring: turn articles into a sourced, temporal knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)  # paths and hints stay whole: the terminal wraps them

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database: a SQLite file or a postgresql:// URL \\[default: $VEILLE_DB or ./veille.db]"
    ),
]
EntityOption = Annotated[
    str | None, typer.Option("--entity", "-e", help="Only what involves this entity (name or alias)")
]
PredicateOption = Annotated[
    str | None, typer.Option("--predicate", "-p", help=f"Only this predicate: {', '.join(PREDICATES)}")
]
MaxSizeOption = Annotated[
    float | None, typer.Option("--max-size", help="Largest input accepted, in MB \\[default: 5]")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")]
DEMO_CORPUS = Path(__file__).parent / "demo" / "corpus"


def settings(db: str | None, **more: Any) -> config.Settings:
    return config.from_env().with_(db=db, **more)


@contextmanager
def opened(db: str | None) -> Iterator[Store]:
    """Open the store, turning every storage error into a one-line message."""
    store = None
    try:
        store = open_store(settings(db).db)
        yield store
    except VeilleError as e:
        fail(str(e))
    except Exception as e:  # driver errors (sqlite3, psycopg) have no common base
        if type(e).__module__.split(".")[0] in {"sqlite3", "psycopg"}:
            fail(f"database error on {settings(db).db}: {e} — check the --db path or URL and try again")
        raise
    finally:
        if store is not None:
            store.close()


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def check_predicate(predicate: str | None) -> None:
    if predicate is not None and predicate not in PREDICATES:
        fail(str(UsageError(f"unknown predicate {predicate!r}; choose one of: {', '.join(PREDICATES)}")))


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        fail(f"unknown format {fmt!r}; choose one of: {', '.join(allowed)}")


def emit_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


# ingest ------------------------------------------------------------------


@app.command()
def ingest(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, http(s) pages or RSS/Atom feeds")
    ] = None,
    db: DbOption = None,
    demo: Annotated[bool, typer.Option("--demo", help="Ingest the demo corpus bundled with veille")] = False,
    max_size: MaxSizeOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Run on a local Dask cluster of N workers")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Run on an existing Dask scheduler (tcp://HOST:PORT)")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Read articles and run the whole pipeline on them.

    Re-ingesting the same article changes nothing; an article whose text changed under the same
    id (an edited file, an updated page) replaces its old version and all derived from it.

    Extraction uses the domain pack $VEILLE_PACK names: a bundled one or a folder (default: alliances).
    """
    from veille.pipeline import ingest as run_ingest

    paths = list(inputs or []) + ([str(DEMO_CORPUS)] if demo else [])
    if not paths:
        fail("nothing to ingest: give files, folders or URLs, or --demo for the bundled demo corpus")
    conf = settings(db, max_size_mb=max_size)
    with opened(db) as store, _progress(quiet) as progress:
        task = progress.add_task("ingest", total=None)

        def tick(event: str, label: str) -> None:
            if event == "fail":
                progress.console.print(f"[red]failed[/] {label}", highlight=False)
            else:
                progress.update(task, advance=1, description=f"{event} {label[:50]}")

        report = run_ingest(paths, store, conf, progress=tick, workers=workers, scheduler=scheduler)
    _summary(report)
    if report.failed:
        raise typer.Exit(2)


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, disable=quiet or not err.is_terminal, transient=True) as progress:
        yield progress


def _summary(report: Any) -> None:
    err.print(
        f"[bold]{len(report.ingested)}[/] ingested, [bold]{len(report.updated)}[/] updated, "
        f"[bold]{len(report.unchanged)}[/] unchanged, "
        f"[bold]{len(report.near_duplicates)}[/] near-duplicates, [bold]{len(report.failed)}[/] failed, "
        f"{report.claims} claims extracted",
        highlight=False,
    )
    for a, b in report.near_duplicates:
        err.print(f"  near-duplicate: {a} ≈ {b}", highlight=False)
    for origin, message in report.failed:
        err.print(
            f"  [red]failed[/] {message if origin in message else f'{origin}: {message}'}", highlight=False
        )


@app.command()
def watch(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Feeds, pages, files or folders to watch", show_default=False)
    ] = None,
    source_list: Annotated[
        Path | None,
        typer.Option("--sources", help="A file of sources to watch, one per line ('#' starts a comment)"),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option("--every", help="Time between two cycles: 90s, 30m, 1h, 1h30m, 2d \\[default: 1h]"),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="One cycle, then exit (for cron)")] = False,
    delay: Annotated[
        float | None,
        typer.Option("--delay", help="Seconds at least between two requests to one host \\[default: 1]"),
    ] = None,
    db: DbOption = None,
    max_size: MaxSizeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Poll sources and ingest what is new or changed, one log line per cycle.

    Conditional requests (a 304 costs nothing), a delay between requests to one host, a rest that
    doubles for a source that keeps failing. Ctrl-C or SIGTERM: the cycle in progress finishes,
    then veille stops; a second one aborts the cycle, rolling it back.
    """
    from veille import watch as watcher

    try:
        specs = watcher.gather(inputs or [], source_list)
        interval = watcher.parse_every(every) if every else None
    except VeilleError as e:
        fail(str(e))
        return
    conf = settings(db, max_size_mb=max_size, watch_every=interval, host_delay=delay)

    def log(cycle: Any) -> None:
        for line in watcher.log_lines(cycle):
            err.print(line, highlight=False, markup=False)

    def stopping() -> None:
        err.print(
            "stopping after this cycle (press Ctrl-C again to abort it and roll it back)", highlight=False
        )

    with opened(db) as store, watcher.Stop(stopping) as stop, _progress(quiet) as progress:
        task = progress.add_task("watch", total=None)

        def tick(event: str, label: str) -> None:  # failures are in the cycle's log
            if event != "fail":
                progress.update(task, advance=1, description=f"{event} {label[:50]}")

        try:
            cycles = watcher.watch(specs, store, conf, once=once, log=log, stop=stop, progress=tick)
        except KeyboardInterrupt:
            fail("aborted: the cycle in progress was rolled back; the next run reads its sources again", 130)
            return
    if once and cycles and not cycles[-1].ok:
        raise typer.Exit(2)


@app.command()
def changes(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            help="From this date or time (ISO: 2025-06-01, 2025-06-01T08:30), or 'last-run': since the"
            " previous such run (the first time, since the last `veille watch` began)",
        ),
    ] = "last-run",
    entity: EntityOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | md | jsonl")] = "table",
    db: DbOption = None,
) -> None:
    """What changed: new disputes, updated values, new facts and events, with the documents behind them."""
    from veille.reconcile import digest

    check_format(fmt, ("table", "md", "jsonl"))
    with opened(db) as store:
        start = digest.resolve_since(store, since, entity)
        entries = digest.changes_since(store, start, entity, remember=digest.is_last_run(since))
    if fmt == "jsonl":
        emit_jsonl([{**e, "entity": name} for name, group in digest.groups(entries, entity) for e in group])
    elif fmt == "md":
        sys.stdout.write(digest.markdown(entries, start, entity))
    elif entries:
        out.print(digest.table(entries, entity))
    else:
        out.print(f"Rien de nouveau{f' depuis le {digest.when_label(start)}' if start else ''}.")


@app.command()
def status(db: DbOption = None) -> None:
    """The knowledge base at a glance, and what to try next."""
    with opened(db) as store:
        counts = store.stats()
        first, last = store.period()
        url = store.url
    out.print(
        f"[bold]{url}[/]: {counts['documents']} documents from {counts['sources']} sources"
        f"{f' ({first} → {last})' if first else ''}, {counts['entities']} entities, {counts['claims']} claims, "
        f"{counts['facts']} facts, [bold]{counts['conflicts']}[/] conflicts, {counts['events']} dated events, "
        f"{counts['duplicates']} near-duplicate pairs",
        highlight=False,
    )
    flag = "" if url == config.DEFAULT_DB else f" --db {url}"
    out.print("\nTry next:", style="bold")
    for line in (
        f"veille conflicts{flag}                       the figures sources disagree on",
        f"veille facts --entity OpenAI{flag}           what is known about OpenAI, with sources",
        f"veille timeline --entity Microsoft --format md{flag}",
        f"veille state --as-of 2024-01-01{flag}        the alliances as they stood then",
        f"veille serve{flag}                           the web UI on http://127.0.0.1:8000",
    ):
        out.print(f"  {line}", highlight=False, markup=False)


# documents ----------------------------------------------------------------


@app.command()
def documents(
    db: DbOption = None, fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl")] = "table"
) -> None:
    """List the stored documents."""
    check_format(fmt, ("table", "jsonl"))
    with opened(db) as store:
        rows = store.documents()
    if fmt == "jsonl":
        emit_jsonl(
            [
                {**_doc_meta(r.document), "claims": r.claims, "near_duplicates": list(r.duplicates)}
                for r in rows
            ]
        )
        return
    table = Table("id", "published", "lang", "source", "title", "claims", "near-dup.")
    for r in rows:
        d = r.document
        table.add_row(
            d.id,
            d.published or "",
            d.lang,
            d.source or "",
            (d.title or "")[:60],
            str(r.claims),
            ", ".join(r.duplicates),
        )
    out.print(table)


def _doc_meta(d: Any) -> dict[str, Any]:
    return {
        k: getattr(d, k) for k in ("id", "title", "url", "source", "published", "lang", "hash", "ingested_at")
    }


@app.command()
def show(doc: Annotated[str, typer.Argument(help="Document id")], db: DbOption = None) -> None:
    """Show a document: its metadata and clean text."""
    with opened(db) as store:
        d = store.document(doc)
    if d is None:
        fail(f"no document {doc!r}; `veille documents` lists the ids")
        return
    for key, value in _doc_meta(d).items():
        out.print(f"[bold]{key}:[/] {value if value is not None else ''}", highlight=False)
    out.print()
    out.print(d.text, markup=False, highlight=False)


@app.command()
def delete(doc: Annotated[str, typer.Argument(help="Document id")], db: DbOption = None) -> None:
    """Remove a document with all that was derived from it (facts are re-reconciled)."""
    from veille.pipeline import delete as run_delete

    with opened(db) as store:
        if not run_delete(store, doc):
            fail(f"no document {doc!r}; `veille documents` lists the ids")
    err.print(f"deleted {doc}", highlight=False)


# claims and entities ------------------------------------------------------


@app.command()
def claims(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | table")] = "table",
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document")] = None,
    entity: EntityOption = None,
    predicate: PredicateOption = None,
) -> None:
    """The extracted claims: one relation stated in one sentence of one document."""
    from veille.export import CLAIM_FIELDS

    check_format(fmt, ("jsonl", "csv", "table"))
    check_predicate(predicate)
    with opened(db) as store:
        rows = [c.to_dict() for c in store.claims(doc=doc, entity=entity, predicate=predicate)]
    if fmt == "jsonl":
        emit_jsonl(rows)
    elif fmt == "csv":
        from veille.export import CLAIM_FIELDS, csv_text

        sys.stdout.write(csv_text(CLAIM_FIELDS, rows))
    else:
        table = Table("doc", "subject", "predicate", "object", "value", "date", "modality", "evidence")
        for c in rows:
            table.add_row(
                c["doc"][:16],
                c["subject"],
                c["predicate"],
                c["object"] or "",
                _value(c),
                _dates(c),
                c["modality"],
                c["evidence"][:80],
            )
        out.print(table)


def _value(c: dict[str, Any]) -> str:
    from veille.reconcile.render import format_value

    return format_value(c)


def _dates(c: dict[str, Any]) -> str:
    """ "2019-07 → 2029", with where the date comes from when not the sentence: "2025-03-04 (article)"."""
    text = " → ".join(x for x in (c.get("date"), c.get("date_end")) if x) or ""
    return f"{text} ({c['dated_by']})" if text and c.get("dated_by") in ("heading", "article") else text


@app.command()
def entities(
    db: DbOption = None, fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl")] = "table"
) -> None:
    """Canonical entities with type, aliases and counts."""
    check_format(fmt, ("table", "jsonl"))
    with opened(db) as store:
        rows = store.entities()
    if fmt == "jsonl":
        emit_jsonl([e.to_dict() for e in rows])
        return
    table = Table("name", "type", "wikidata", "mentions", "docs", "claims", "aliases")
    for e in rows:
        table.add_row(
            e.name,
            e.type,
            e.wikidata or "",
            str(e.mentions),
            str(e.docs),
            str(e.claims),
            ", ".join(e.aliases[:6]),
        )
    out.print(table)


# facts, conflicts, timeline, state, export --------------------------------


@app.command()
def facts(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | md")] = "table",
    entity: EntityOption = None,
    predicate: PredicateOption = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Only facts that held at this date (ISO)")
    ] = None,
) -> None:
    """Claims reconciled across sources: each fact with its values and their sources."""
    _facts(db, fmt, entity, predicate, as_of, conflicts_only=False)


@app.command()
def conflicts(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | md")] = "table",
    entity: EntityOption = None,
    predicate: PredicateOption = None,
) -> None:
    """Only the facts whose sources disagree, every value with its sources."""
    _facts(db, fmt, entity, predicate, None, conflicts_only=True)


def _facts(
    db: str | None,
    fmt: str,
    entity: str | None,
    predicate: str | None,
    as_of: str | None,
    conflicts_only: bool,
) -> None:
    from veille.reconcile import render, state

    check_format(fmt, ("table", "jsonl", "md"))
    check_predicate(predicate)
    with opened(db) as store:
        found = store.facts(entity=entity, predicate=predicate, status="disputed" if conflicts_only else None)
        if as_of:
            found = state.facts_as_of(found, _iso(as_of))
    if fmt == "jsonl":
        emit_jsonl([render.fact_json(f) for f in found])
    elif fmt == "md":
        sys.stdout.write(render.facts_markdown(found))
    else:
        out.print(render.facts_table(found))


def _iso(value: str) -> str:
    from veille.reconcile.state import parse_as_of

    try:
        return parse_as_of(value)
    except VeilleError as e:
        fail(str(e))
        raise


@app.command()
def timeline(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | jsonl | md")] = "table",
    entity: EntityOption = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="From this date (ISO: 2019, 2019-07, 2019-07-22)")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Up to this date, included")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the titles and labels: fr | en")] = "fr",
) -> None:
    """Dated events in order, told as sentences, merged across sources, with evidence."""
    from veille.reconcile import render
    from veille.reconcile import timeline as tl

    check_format(fmt, ("table", "json", "jsonl", "md"))
    if lang not in ("fr", "en"):
        fail(f"unknown language {lang!r}; choose fr or en")
    with opened(db) as store:
        entries = tl.build_timeline(
            store,
            entity=entity,
            date_from=date_from and _iso(date_from),
            date_to=date_to and _iso(date_to),
            lang=lang,
        )
    if fmt == "jsonl":
        emit_jsonl(entries)
    elif fmt == "json":
        sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "md":
        sys.stdout.write(render.timeline_markdown(entries, entity=entity, lang=lang))
    else:
        out.print(render.timeline_table(entries, lang=lang))


@app.command()
def state(
    as_of: Annotated[str, typer.Option("--as-of", help="The date (ISO: 2024, 2024-01, 2024-01-01)")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | md")] = "table",
    entity: EntityOption = None,
) -> None:
    """The relations that held at a date (from the facts' validity in the world)."""
    from veille.reconcile import render
    from veille.reconcile.state import state_as_of

    check_format(fmt, ("table", "jsonl", "md"))
    with opened(db) as store:
        found = state_as_of(store, _iso(as_of), entity=entity)
    if fmt == "jsonl":
        emit_jsonl([render.fact_json(f) for f in found])
    elif fmt == "md":
        sys.stdout.write(render.facts_markdown(found, title=f"État au {as_of}"))
    else:
        out.print(render.facts_table(found))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | graphml | md")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (or folder for md) to write; default stdout")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the knowledge base for other tools; md writes a dossier per entity."""
    from veille import export as exporter

    check_format(fmt, exporter.FORMATS)
    with opened(db) as store:
        written = exporter.export(store, fmt, output)
    if output is not None:
        err.print(f"wrote {written}", highlight=False)


# serve and eval -------------------------------------------------------------


def _port(value: int) -> int:
    if not 1 <= value <= 65535:
        raise typer.BadParameter(f"{value} is no port: choose one from 1 to 65535, e.g. --port 8000")
    return value


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; non-loopback needs --token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (1–65535)", callback=_port)] = 8000,
    token: Annotated[
        str | None, typer.Option(help="Token required for writes (POST); default $VEILLE_TOKEN")
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name the server answers to besides its address, 127.0.0.1 and localhost "
            "(repeat it; default $VEILLE_ALLOWED_HOSTS, comma-separated)",
        ),
    ] = None,
) -> None:
    """Start the HTTP API (OpenAPI at /docs) and the web UI.

    Requests naming another host are refused (DNS rebinding), and so are writes from pages of
    other sites (their Origin header).
    """
    from veille.api import serve as run_server

    conf = settings(db, token=token, allowed_hosts=tuple(allowed_host) if allowed_host else None)
    try:
        run_server(conf, host=host, port=port)
    except VeilleError as e:
        fail(str(e))


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold claims, JSON Lines (SPEC format)")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    aliases: Annotated[Path | None, typer.Option(help="JSON file of names that are one entity")] = None,
) -> None:
    """Precision, recall and F1 of the stored claims against a gold file."""
    from veille import evaluation

    check_format(fmt, ("text", "json"))
    if not gold.is_file():
        fail(f"no gold file {gold}")
    with opened(db) as store:
        result = evaluation.evaluate(gold, store, aliases)
    if fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(evaluation.report(result))


def main() -> None:
    try:
        app()
    except VeilleError as e:
        fail(str(e))


if __name__ == "__main__":
    main()
