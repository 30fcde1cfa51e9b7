"""The SQL of following stories: the change log, the sources ``veille watch`` polls, last runs.

A mixin of :class:`veille.store.sql.SQLStore`, kept apart because it is a concept of its own:

- ``changes``: one row per fact rebuild that changed something (written by ``replace_facts``
  in the transaction that replaces the facts, so the log and the facts never disagree);
- ``sources`` and ``source_items``: per watched source, its HTTP validators (ETag,
  Last-Modified), when it was checked, its failures in a row and until when it backs off, and
  a fingerprint per item it gave (feed entry, page, file) to tell new from changed from seen;
- ``runs``: when ``veille changes`` and ``veille watch`` last ran (``--since last-run``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import astuple
from typing import TYPE_CHECKING, Any

from veille.models import Change
from veille.store.base import SourceState
from veille.store.codec import change_from_row, change_json

SOURCE_COLUMNS = "spec, etag, last_modified, checked_at, changed_at, failures, retry_at, last_error"


def _change_row(c: Change) -> tuple[Any, ...]:
    docs = json.dumps(list(c.docs))
    return (c.at, c.kind, c.key, c.subject, c.predicate, c.object, c.status, docs, change_json(c))


class FollowSQL:
    if TYPE_CHECKING:  # provided by SQLStore

        def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...
        def one(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def write(self, fn: Any, *args: Any) -> Any: ...
        def _executemany(self, sql: str, params: list[tuple[Any, ...]]) -> None: ...
        def canonical(self, name: str) -> str: ...

    # the change log ---------------------------------------------------------------
    def log_changes(self, changes: Sequence[Change]) -> None:
        """Append changes to the log (inside the caller's write transaction)."""
        self._executemany(
            "INSERT INTO changes (at, kind, fact_key, subject, predicate, object, status, docs, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_change_row(c) for c in changes],
        )

    def changes(
        self,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        key: str | None = None,
    ) -> list[Change]:
        where: list[str] = []
        params: list[Any] = []
        for clause, value in (("at > ?", since), ("at <= ?", until), ("fact_key = ?", key)):
            if value is not None:
                where.append(clause)
                params.append(value)
        if entity is not None:
            name = self.canonical(entity)
            where.append("(subject = ? OR object = ?)")
            params += [name, name]
        sql = "SELECT id, data FROM changes" + ((" WHERE " + " AND ".join(where)) if where else "")
        return [change_from_row(r[0], r[1]) for r in self.rows(sql + " ORDER BY at, id", params)]

    def arrivals(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.rows("SELECT id, ingested_at FROM documents")}

    # runs -------------------------------------------------------------------------
    def record_run(self, name: str, at: str) -> None:
        self.write(
            self._executemany,
            "INSERT INTO runs (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at",
            [(name, at)],
        )

    def last_run(self, name: str) -> str | None:
        row = self.one("SELECT at FROM runs WHERE name = ?", (name,))
        return row[0] if row else None

    # watched sources --------------------------------------------------------------
    def source_state(self, spec: str) -> SourceState | None:
        row = self.one(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE spec = ?", (spec,))
        return SourceState(*row) if row else None

    def source_items(self, spec: str) -> dict[str, str]:
        return {
            r[0]: r[1]
            for r in self.rows("SELECT item, fingerprint FROM source_items WHERE spec = ?", (spec,))
        }

    def save_source(self, state: SourceState, seen: Sequence[tuple[str, str, str | None]]) -> None:
        updates = ", ".join(f"{c} = excluded.{c}" for c in SOURCE_COLUMNS.split(", ")[1:])

        def run() -> None:
            self._executemany(
                f"INSERT INTO sources ({SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                f" ON CONFLICT (spec) DO UPDATE SET {updates}",
                [astuple(state)],
            )
            self._executemany(
                "INSERT INTO source_items (spec, item, fingerprint, doc, seen_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (spec, item) DO UPDATE SET fingerprint = excluded.fingerprint,"
                " doc = excluded.doc, seen_at = excluded.seen_at",
                [(state.spec, item, fp, doc, state.checked_at) for item, fp, doc in seen],
            )

        self.write(run)
