"""The command line: a thin edge that turns options into calls and results into text.

One language for all it writes, chosen by ``--lang`` or ``$VEILLE_LANG`` (French by default):
tables, summaries, Markdown, help texts (translated when ``main`` builds the commands: see
:mod:`veille.cli_help`). The words are in the catalogues of :mod:`veille.i18n`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from veille import config, i18n
from veille.cli_output import (
    Session,
    claims_tables,
    documents_list,
    entities_table,
    err,
    i18n_date,
    next_steps,
    out,
    print_table,
    summary,
    tr,
    trn,
)
from veille.errors import VeilleError
from veille.models import PREDICATES
from veille.store import Store, exists, open_store

app = typer.Typer(
    name="veille",
    help="veille — strategic news monitoring: turn articles into a sourced, temporal knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def options(
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of all output: fr or en \\[default: $VEILLE_LANG, else fr]"),
    ] = None,
) -> None:
    """veille — strategic news monitoring: turn articles into a sourced, temporal knowledge base."""
    if lang is not None and lang not in i18n.LANGS:
        raise typer.BadParameter(f"{lang!r}: choose fr or en", param_hint="'--lang'")
    Session.lang = i18n.language(lang)


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
def opened(db: str | None, create: bool = False) -> Iterator[Store]:
    """Open the store, turning every storage error into a one-line message. A read command
    (``create=False``) never creates a database: where none is, it says how to make one."""
    url = settings(db).db
    if not create and not exists(url):
        fail(tr("cli.no_database", db=url))
    store = None
    try:
        store = open_store(url)
        yield store
    except VeilleError as e:
        fail(e.in_language(Session.lang))
    except Exception as e:  # driver errors (sqlite3, psycopg) have no common base
        if type(e).__module__.split(".")[0] in {"sqlite3", "psycopg"}:
            fail(tr("cli.database_error", db=url, error=e))
        raise
    finally:
        if store is not None:
            store.close()


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]{tr('cli.error')}[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)


def check_predicate(predicate: str | None) -> None:
    if predicate is not None and predicate not in PREDICATES:
        fail(tr("cli.unknown_predicate", value=repr(predicate), choices=", ".join(PREDICATES)))


def check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        fail(tr("cli.unknown_format", value=repr(fmt), choices=", ".join(allowed)))


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
    from veille.ingest.sources import expected
    from veille.pipeline import ingest as run_ingest

    paths = list(inputs or []) + ([str(DEMO_CORPUS)] if demo else [])
    if not paths:
        fail(tr("cli.nothing_to_ingest"))
    if workers is not None and workers < 1:
        fail(tr("cli.workers_zero", n=workers))
    conf = settings(db, max_size_mb=max_size)
    with opened(db, create=True) as store, _progress(quiet) as progress:
        task = progress.add_task(tr("cli.progress.ingest"), total=expected(paths))

        def tick(event: str, label: str) -> None:
            what = tr(f"cli.progress.{event}")
            progress.update(task, advance=1, description=f"{what} {label[:40]}")

        report = run_ingest(paths, store, conf, progress=tick, workers=workers, scheduler=scheduler)
    summary(report)
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
        fail(e.in_language(Session.lang))
        return
    conf = settings(db, max_size_mb=max_size, watch_every=interval, host_delay=delay)

    def log(cycle: Any) -> None:
        for line in watcher.log_lines(cycle, Session.lang):
            err.print(line, highlight=False, markup=False)

    def stopping() -> None:
        err.print(tr("watch.stopping"), highlight=False, markup=False)

    with opened(db, create=True) as store, watcher.Stop(stopping) as stop, _progress(quiet) as progress:
        task = progress.add_task(tr("cli.progress.watch"), total=None)

        def tick(event: str, label: str) -> None:  # failures are in the cycle's log
            if event != "fail":
                progress.update(task, advance=1, description=f"{tr(f'cli.progress.{event}')} {label[:40]}")

        try:
            cycles = watcher.watch(specs, store, conf, once=once, log=log, stop=stop, progress=tick)
        except KeyboardInterrupt:
            fail(tr("watch.aborted"), 130)
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
        sys.stdout.write(digest.markdown(entries, start, entity, Session.lang))
    elif entries:
        print_table(digest.table(entries, entity, Session.lang))
    else:
        when = digest.when_label(start) if start else ""
        out.print(
            tr("digest.none_since", when=when) if start else tr("digest.none"), highlight=False, markup=False
        )


@app.command()
def status(db: DbOption = None) -> None:
    """The knowledge base at a glance, and what to try next."""
    from veille.reconcile.timeline import build_timeline

    with opened(db) as store:
        counts = store.stats()
        first, last = store.period()
        events = len(build_timeline(store))  # what `veille timeline` lists
        top = [e.name for e in store.entities()[:2]]
        url = store.url
    period = tr("cli.status.period", first=i18n_date(first), last=i18n_date(last)) if first else ""
    parts = {
        k: trn(f"cli.status.{k}", counts[k])
        for k in ("documents", "sources", "entities", "claims", "facts", "conflicts", "duplicates")
    }
    out.print(
        tr("cli.status.line", url=url, period=period, events=trn("cli.status.events", events), **parts),
        highlight=False,
        markup=False,
    )
    if not counts["documents"] or not top:
        out.print(tr("cli.status.empty"), highlight=False, markup=False)
        return
    next_steps("" if url == config.DEFAULT_DB else f" --db {url}", top, (last or first or "")[:4])


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
    documents_list(rows)


DOC_FIELDS = ("id", "title", "url", "source", "published", "lang", "hash", "ingested_at")


def _doc_meta(d: Any) -> dict[str, Any]:
    return {k: getattr(d, k) for k in DOC_FIELDS}


@app.command()
def show(doc: Annotated[str, typer.Argument(help="Document id")], db: DbOption = None) -> None:
    """Show a document: its metadata and clean text."""
    with opened(db) as store:
        d = store.document(doc)
    if d is None:
        fail(tr("cli.no_document", id=repr(doc)))
        return
    for key, value in _doc_meta(d).items():
        label = tr(f"cli.meta.{key}")
        out.print(
            f"[bold]{label} :[/] " if Session.lang == "fr" else f"[bold]{label}:[/] ", end="", highlight=False
        )
        out.print("" if value is None else str(value), highlight=False, markup=False)
    out.print()
    out.print(d.text, markup=False, highlight=False)


@app.command()
def delete(doc: Annotated[str, typer.Argument(help="Document id")], db: DbOption = None) -> None:
    """Remove a document with all that was derived from it (facts are re-reconciled)."""
    from veille.pipeline import delete as run_delete

    with opened(db) as store:
        if not run_delete(store, doc):
            fail(tr("cli.no_document", id=repr(doc)))
    err.print(tr("cli.deleted", id=doc), highlight=False, markup=False)


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
        claims_tables(rows)


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
    entities_table(rows)


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
    when = _iso(as_of) if as_of else None
    with opened(db) as store:
        found = store.facts(entity=entity, predicate=predicate, status="disputed" if conflicts_only else None)
        if when:
            found = state.facts_as_of(found, when)
    if fmt == "jsonl":
        emit_jsonl([render.fact_json(f, Session.lang) for f in found])
    elif fmt == "md":
        sys.stdout.write(render.facts_markdown(found, lang=Session.lang))
    else:
        print_table(render.facts_table(found, Session.lang))


def _iso(value: str) -> str:
    from veille.reconcile.state import parse_as_of

    try:
        return parse_as_of(value)
    except VeilleError as e:
        fail(e.in_language(Session.lang))
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
) -> None:
    """Dated events in order, told as sentences, merged across sources, with evidence."""
    from veille.reconcile import render
    from veille.reconcile import timeline as tl

    check_format(fmt, ("table", "json", "jsonl", "md"))
    start, end = date_from and _iso(date_from), date_to and _iso(date_to)
    with opened(db) as store:
        entries = tl.build_timeline(store, entity=entity, date_from=start, date_to=end, lang=Session.lang)
    if fmt == "jsonl":
        emit_jsonl(entries)
    elif fmt == "json":
        sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "md":
        sys.stdout.write(render.timeline_markdown(entries, entity=entity, lang=Session.lang))
    else:
        print_table(render.timeline_table(entries, Session.lang))


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
    when = _iso(as_of)
    with opened(db) as store:
        found = state_as_of(store, when, entity=entity)
    if fmt == "jsonl":
        emit_jsonl([render.fact_json(f, Session.lang) for f in found])
    elif fmt == "md":
        title = tr("state.title", date=i18n_date(when))
        sys.stdout.write(render.facts_markdown(found, title=title, lang=Session.lang))
    else:
        print_table(render.facts_table(found, Session.lang))


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
        written = exporter.export(store, fmt, output, Session.lang)
    if output is not None:
        err.print(tr("cli.wrote", path=written), highlight=False, markup=False)


# serve and eval -------------------------------------------------------------


def _port(value: int) -> int:
    if not 1 <= value <= 65535:
        raise typer.BadParameter(tr("cli.port", value=value))
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
        fail(e.in_language(Session.lang))


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold claims, JSON Lines (SPEC format)")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
    aliases: Annotated[Path | None, typer.Option(help="JSON file of names that are one entity")] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also say why each claim was missed or made (cause codes, sentence, mentions, rules)",
        ),
    ] = False,
) -> None:
    """Precision, recall and F1 of the stored claims against a gold file."""
    from veille import evaluation

    check_format(fmt, ("text", "json"))
    if not gold.is_file():
        fail(tr("cli.no_gold", path=gold))
    with opened(db) as store:
        result = evaluation.evaluate(gold, store, aliases)
        explained = None
        if explain:
            from veille import explain as why

            extra = json.loads(aliases.read_text(encoding="utf-8")) if aliases else None
            explained = why.explain(result, store, evaluation.Names(extra))
    if fmt == "json":
        data = {**result, "explain": explained} if explained is not None else result
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        if explained is not None:
            sys.stdout.write(why.report(explained))
        sys.stdout.write(evaluation.report(result))


def main(argv: list[str] | None = None) -> None:
    """The ``veille`` command: the language read first (``--lang`` anywhere on the line, else
    ``$VEILLE_LANG``, else French), so that help and messages are all in it."""
    from veille.cli_help import localized

    args = _lang_first(list(sys.argv[1:] if argv is None else argv))
    lang = i18n.language(args[1] if args[:1] == ["--lang"] and len(args) > 1 else None)
    Session.lang = lang
    command = typer.main.get_command(app)
    try:
        with localized(command, lang):  # type: ignore[arg-type]  # typer's vendored click
            command.main(args=args, prog_name="veille")
    except VeilleError as e:
        err.print(f"[bold red]{tr('cli.error')}[/] {e.in_language(lang)}", highlight=False)
        sys.exit(1)


def _lang_first(args: list[str]) -> list[str]:
    """``veille facts --lang en`` as ``veille --lang en facts``: the option is the whole CLI's."""
    for i, arg in enumerate(args):
        if arg.startswith("--lang="):
            return ["--lang", arg.split("=", 1)[1], *args[:i], *args[i + 1 :]]
        if arg == "--lang" and i + 1 < len(args):
            return ["--lang", args[i + 1], *args[:i], *args[i + 2 :]]
    return args


if __name__ == "__main__":
    main()
