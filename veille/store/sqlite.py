"""SQLite backend: the default, one file, WAL mode, FTS5 for full-text search."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from veille.errors import StoreError
from veille.store.base import SearchHit
from veille.store.schema import MIGRATIONS, SQLITE_FTS
from veille.store.sql import SQLStore

BUSY_TIMEOUT_MS = 60_000


def _fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must appear (prefix match on the last)."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return '""'
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class SQLiteStore(SQLStore):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.url = path
        self.path = path
        self.conn = self._connect(path)
        self._migrate()

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot open database {path}: folder {parent} does not exist")
        try:
            conn = sqlite3.connect(
                path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database {path}: {e}") from e
        return conn

    def _migrate(self) -> None:
        try:
            if self.conn.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
                return  # up to date: no write lock, so opening never waits for a running ingest
            self.begin_write()
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for i, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                for sql in statements:
                    self.conn.execute(sql.format(auto="INTEGER PRIMARY KEY AUTOINCREMENT", blob="TEXT"))
                if i == 1:
                    for sql in SQLITE_FTS:
                        self.conn.execute(sql)
                self.conn.execute(f"PRAGMA user_version = {i}")
            self.commit()
        except sqlite3.Error as e:
            self.rollback()
            raise StoreError(f"cannot prepare database {self.path}: {e}") from e

    def begin_write(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        hits = super().search(query, limit)
        rows = self.rows(
            "SELECT d.id, COALESCE(d.title, d.id), snippet(documents_fts, 1, '[', ']', ' … ', 12)"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (_fts_query(query), limit),
        )
        return hits + [SearchHit("document", r[0], r[1], r[2]) for r in rows]
