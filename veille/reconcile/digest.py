"""What changed since a time: the change log and the timeline's new events, by entity, most important first.

An **entry** is a logged change of a fact (:mod:`~veille.reconcile.changes`) or a timeline
event whose documents all came in after the time asked (events are read from the timeline as
it stands, so a deleted document takes its events away). Entries are plain dicts, the same for
the CLI, the web page and the Atom feed:

``id`` (stable: ``change-N`` or ``event-HASH``), ``kind``, ``rank``, ``at`` (when veille
learned it, UTC), ``key``, ``subject``, ``predicate``, ``object``, ``status``, ``before`` and
``after`` (values, each with its sentences and their sources), ``docs`` (the documents that
caused it), and for events ``date``, ``title``, ``entities``, ``sources``.

Order: by entity, the entity with the most important entry first; in an entity, new disputes,
updated values, new facts, new events, withdrawals, added values, new sources; the latest first
among equals. ``last-run`` is the previous ``veille changes`` run, else the start of the last
``veille watch`` run, else the beginning.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from veille.errors import UsageError
from veille.i18n import DEFAULT, label, predicate_label, t, tn
from veille.models import Change
from veille.reconcile import render
from veille.reconcile import timeline as tl
from veille.store.base import Store
from veille.store.codec import timestamp

RANK = {"disputed": 0, "updated": 1, "new": 2, "event": 3, "withdrawn": 4, "added": 5, "confirmed": 6}
LAST_RUN = "last-run"
Entry = dict[str, Any]


def parse_since(text: str) -> str:
    """A date (``2025``, ``2025-06``, ``2025-06-01``) or a time (ISO; local time unless it says its
    zone) as the change log's UTC timestamp."""
    value = text.strip().replace("Z", "+00:00")
    value += {4: "-01-01", 7: "-01"}.get(len(value), "") if re.fullmatch(r"\d{4}(-\d{2})?", value) else ""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"cannot read the time {text!r}",
            hint="write a date or a time as ISO (2025, 2025-06, 2025-06-01, 2025-06-01T08:30) or 'last-run'",
        ) from None
    return timestamp(when)


def is_last_run(since: str | None) -> bool:
    return since is None or since.strip().lower() == LAST_RUN


def run_name(entity: str | None) -> str:
    """Each ``--entity`` keeps its own last run, so following one company does not hide the rest."""
    return f"changes:{entity}" if entity else "changes"


def resolve_since(store: Store, since: str | None, entity: str | None = None) -> str | None:
    """``last-run`` (or nothing) → the time of the previous run (None: from the beginning); else the time given."""
    if since is None or is_last_run(since):
        return store.last_run(run_name(entity and store.canonical(entity))) or store.last_run("watch")
    return parse_since(since)


def changes_since(
    store: Store, since: str | None, entity: str | None = None, remember: bool = False, lang: str = "fr"
) -> list[Entry]:
    """The entries after ``since`` (a timestamp, or None for all), ordered; ``remember`` marks this run;
    event titles in ``lang``."""
    until = timestamp()
    found = [change_entry(c) for c in store.changes(since=since, until=until, entity=entity)]
    found += new_events(store, since, entity, lang)
    if remember:
        store.record_run(run_name(entity and store.canonical(entity)), until)
    return ordered(found)


def ordered(entries: list[Entry]) -> list[Entry]:
    """Most important first, then the latest first, then by fact."""
    entries = sorted(entries, key=lambda e: (e["key"] or e["title"] or "", e["id"]))
    entries.sort(key=lambda e: e["at"], reverse=True)
    return sorted(entries, key=lambda e: e["rank"])


def groups(entries: list[Entry], entity: str | None = None) -> list[tuple[str, list[Entry]]]:
    """Entries by entity (the one asked for, else each entry's subject), most important entity first."""
    by: dict[str, list[Entry]] = {}
    for e in entries:
        by.setdefault(entity or e["subject"], []).append(e)
    return sorted(by.items(), key=lambda kv: (kv[1][0]["rank"], -len(kv[1]), kv[0]))


def change_entry(c: Change) -> Entry:
    return {
        "id": f"change-{c.id}",
        "kind": c.kind,
        "rank": RANK.get(c.kind, len(RANK)),
        "at": c.at,
        "key": c.key,
        "subject": c.subject,
        "predicate": c.predicate,
        "object": c.object,
        "status": c.status,
        "before": [render.value_json(v, False) for v in c.before],
        "after": [render.value_json(v, False) for v in c.after],
        "docs": list(c.docs),
        "date": None,
        "title": None,
        "entities": [n for n in (c.subject, c.object) if n],
        "sources": [],
    }


def new_events(store: Store, since: str | None, entity: str | None = None, lang: str = "fr") -> list[Entry]:
    """Timeline events all of whose documents came in after ``since``, titled in ``lang``."""
    arrived = {d: timestamp(datetime.fromisoformat(at)) for d, at in store.arrivals().items() if at}
    if since is not None and not any(at > since for at in arrived.values()):
        return []  # nothing came in: no need to build the timeline
    out = []
    for e in tl.build_timeline(store, entity=entity, lang=lang):
        first = min((arrived[d] for d in e["docs"] if d in arrived), default="")
        if first and (since is None or first > since):
            out.append(_event_entry(e, first))
    return out


def _event_entry(e: Mapping[str, Any], at: str) -> Entry:
    told = [e["date"], e.get("kind") or "", *e["entities"], *e["docs"]]  # not the title: it has a language
    ident = hashlib.sha1("|".join(told).encode()).hexdigest()[:16]
    names = list(e["entities"]) or [""]
    return {
        "id": f"event-{ident}",
        "kind": "event",
        "rank": RANK["event"],
        "at": at,
        "key": None,
        "subject": names[0],
        "predicate": e.get("kind"),
        "object": None,
        "status": None,
        "before": [],
        "after": [],
        "docs": list(e["docs"]),
        "date": e["date"],
        "title": e["title"],
        "entities": names,
        "sources": list(e["sources"]),
    }


# words -------------------------------------------------------------------------------------


def headline(
    e: Entry,
    pred: Callable[[str], str],
    value: Callable[[Any], str],
    date: Callable[[str], str],
    colon: str = " : ",
    kind: Callable[[str], str] = str,
) -> str:
    """One line for an entry: the fact (with its year, ``kind("cumulative")`` or ``kind("undated")``
    for an event fact) and what changed in it, in the words the callables give."""
    if e["kind"] == "event":
        return f"{date(e['date'])} — {e['title']}"
    fact = f"{e['subject']} {pred(e['predicate'])}" + (f" {e['object']}" if e["object"] else "")
    when = e["key"].split("|")[3] if e["key"].count("|") >= 3 else ""
    fact += f" ({when if when.isdigit() else kind(when)})" if when else ""
    before = " / ".join(dict.fromkeys(value(v) for v in e["before"] if value(v)))
    after = " / ".join(dict.fromkeys(value(v) for v in e["after"] if value(v)))
    if e["kind"] == "updated" and before and after:
        return f"{fact}{colon}{before} → {after}"
    shown = before if e["kind"] == "withdrawn" else after
    return f"{fact}{colon}{shown}" if shown else fact


def text_headline(e: Entry, lang: str = DEFAULT) -> str:
    """:func:`headline` in the words of ``lang``'s catalogue."""
    return headline(
        e,
        lambda p: predicate_label(p, lang),
        lambda v: render.value_label(v, lang),
        lambda d: render.format_date(d, lang),
        colon=t(lang, "digest.colon"),
        kind=lambda k: label(lang, "kind", k),
    )


def when_label(at: str) -> str:
    """``2025-06-01 08:30 UTC``."""
    return at[:16].replace("T", " ") + " UTC"


def _roles(e: Entry, lang: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """The values an entry shows, each group with its label: before and after for an update."""
    if e["kind"] == "updated":
        return [(t(lang, "digest.before"), e["before"]), (t(lang, "digest.after"), e["after"])]
    if e["kind"] == "withdrawn":
        return [(t(lang, "digest.withdrawn"), e["before"])]
    return [("", e["after"])]


def _cites(e: Entry, lang: str) -> list[str]:
    """``avant : 49 % — [Outlet, date](url) : « sentence »`` for each value's sentences, or the event's."""
    colon = t(lang, "digest.colon")

    def said(c: Mapping[str, Any]) -> str:
        text = " ".join(str(c.get("evidence") or "").split())
        return f"{colon}{t(lang, 'facts.quote', text=render.md(text))}" if text else ""

    lines = []
    for role, values in _roles(e, lang):
        for v in values:
            for c in v["claims"] or [{"doc": d} for d in v["docs"]]:
                lines.append(f"{role}{render.value_label(v, lang)} — {render.cite(c)}{said(c)}")
    lines += [f"{render.cite(s)}{said(s)}" for s in e["sources"]]
    return lines


def markdown(entries: list[Entry], since: str | None, entity: str | None = None, lang: str = DEFAULT) -> str:
    """The digest as Markdown: a section per entity, a bullet per entry with its sources and sentences."""
    head = t(lang, "news.title") + (f" — {render.md(entity)}" if entity else "")
    lines = [f"# {head}" + (t(lang, "digest.since", when=when_label(since)) if since else ""), ""]
    if not entries:
        lines.append(f"_{t(lang, 'digest.none')}_")
    for name, items in groups(entries, entity):
        lines += [f"## {render.md(name)}", ""]
        for e in items:
            kind = t(lang, f"change.{e['kind']}")
            lines.append(f"- **{kind}** — {render.md(text_headline(e, lang))} _({when_label(e['at'])})_")
            lines += [f"  - {c}" for c in _cites(e, lang)]
        lines.append("")
    return "\n".join(lines) + "\n"


def table(entries: list[Entry], entity: str | None = None, lang: str = DEFAULT) -> Any:
    """The digest as a rich table: entity, what changed, the fact and its values, sources, when."""
    from rich import box
    from rich.table import Table

    columns = [t(lang, f"col.{c}") for c in ("entity", "change", "fact", "sources", "when")]
    out = Table(*columns, title=tn(lang, "digest.count", len(entries)), box=box.SIMPLE_HEAD)
    for name, items in groups(entries, entity):
        for i, e in enumerate(items):
            sources = {c.get("source") or c.get("doc") for v in e["before"] + e["after"] for c in v["claims"]}
            sources |= {s.get("source") or s["doc"] for s in e["sources"]}
            out.add_row(
                name if i == 0 else "",
                t(lang, f"change.{e['kind']}"),
                text_headline(e, lang),
                ", ".join(sorted(str(s) for s in sources if s)),
                when_label(e["at"]),
            )
    return out
