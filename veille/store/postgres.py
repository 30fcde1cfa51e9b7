"""PostgreSQL backend: the same SQL as SQLite, PostgreSQL's own full-text search.

Chosen by a ``postgresql://`` URL. What differs from :mod:`veille.store.sqlite`:

- **Transactions.** The connection runs in autocommit mode so that reads never leave a
  transaction open (``veille serve`` keeps connections idle for hours); every write is one
  explicit transaction that first takes a transaction-level advisory lock, so writers
  queue exactly like SQLite's ``BEGIN IMMEDIATE``: two ingesters can never both insert the
  same document, and a killed writer leaves nothing half-written (the server rolls back).
- **Migrations** are recorded in a ``schema_version`` table and run under their own
  advisory lock, so two processes opening a fresh database migrate it once.
- **Dialect.** ``{auto}`` is ``BIGSERIAL PRIMARY KEY``, ``{blob}`` ``TEXT``; ``REAL`` becomes
  ``DOUBLE PRECISION`` (PostgreSQL's ``REAL`` is 4 bytes: 115e9 would come back changed)
  and text columns use the ``"C"`` collation, so ``ORDER BY`` sorts by code point as
  SQLite does, whatever the locale the database was created with.
- **Search.** A generated ``tsvector`` column, stemmed with the ``french`` configuration
  for French documents, ``english`` for English ones, ``simple`` otherwise, under a GIN
  index; snippets come from ``ts_headline``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from veille.errors import StoreError
from veille.store.base import SearchHit
from veille.store.schema import MIGRATIONS
from veille.store.sql import SQLStore

# Advisory lock keys (any bigint; these spell "veille" + a digit).
MIGRATE_LOCK = 0x7665696C6C6531
WRITE_LOCK = 0x7665696C6C6532
CONNECT_TIMEOUT_S = 10

CONFIG = "CASE {lang} WHEN 'fr' THEN 'french'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END"
PG_FTS = [
    f"""ALTER TABLE documents ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector({CONFIG.format(lang="lang")}, COALESCE(title, '')), 'A')
        || setweight(to_tsvector({CONFIG.format(lang="lang")}, text), 'B')
    ) STORED""",
    "CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING GIN (tsv)",
]
HEADLINE = (
    'StartSel=[, StopSel=], MaxWords=14, MinWords=6, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
)
SEARCH = (
    "WITH q AS (SELECT to_tsquery('french', ?) || to_tsquery('english', ?) || to_tsquery('simple', ?) AS query)"
    " SELECT id, title, ts_headline(" + CONFIG.format(lang="lang") + ", text, query, ?) FROM ("
    "  SELECT d.id, COALESCE(d.title, d.id) AS title, d.lang, d.text, q.query, ts_rank(d.tsv, q.query) AS rank"
    "  FROM documents d, q WHERE d.tsv @@ q.query ORDER BY rank DESC, d.id LIMIT ?"
    ") AS hits ORDER BY rank DESC, id"
)


def redact(url: str) -> str:
    """The URL without its password (in the user part or a ``password=`` parameter)."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.split(':', 1)[0]}@{host}" if user else host
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "password"])
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return re.sub(r":[^:@/]*@", "@", url)


def dialect(sql: str) -> str:
    """A statement of :data:`veille.store.schema.MIGRATIONS` in PostgreSQL's words."""
    sql = sql.format(auto="BIGSERIAL PRIMARY KEY", blob="TEXT")
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)


def tsquery(text: str) -> str:
    """User words as a ``to_tsquery`` text: every word must appear, prefix match on the last."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return ""
    quoted = [f"'{w}'" for w in words]
    quoted[-1] += ":*"
    return " & ".join(quoted)


class PostgresStore(SQLStore):
    """The store in a PostgreSQL database (psycopg 3)."""

    paramstyle = "format"

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = redact(url)
        self.conn = self._connect(url)
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def _connect(self, url: str) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as e:
            reason = " ".join(str(e).split()) or type(e).__name__
            raise StoreError(
                f"cannot connect to PostgreSQL at {self.url}: {reason}",
                hint="check that the server is running and the URL (postgresql://USER@HOST:PORT/DATABASE)"
                " names an existing database you may write to",
            ) from e

    def _migrate(self) -> None:
        try:
            self.conn.execute("BEGIN")
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version"
                " (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            version = self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"database {self.url} has schema version {version}, newer than this veille knows"
                    f" ({len(MIGRATIONS)})",
                    hint="upgrade veille, or point --db at another database",
                )
            for i, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                for sql in statements:
                    self.conn.execute(dialect(sql))
                if i == 1:
                    for sql in PG_FTS:
                        self.conn.execute(sql)
                self.conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (i,))
            self.commit()
        except psycopg.Error as e:
            self.rollback()
            raise StoreError(f"cannot prepare database {self.url}: {e}") from e
        except BaseException:
            self.rollback()
            raise

    def begin_write(self) -> None:
        """Open a transaction and wait for the writer lock (held until commit or rollback)."""
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def rollback(self) -> None:
        if self.conn is not None and not self.conn.closed:
            self.conn.rollback()

    def _executemany(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        if params:
            with self.conn.cursor() as cur:
                cur.executemany(self.q(sql), params)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Entities whose name or an alias contains the words, then documents by stem."""
        hits = super().search(query, limit)
        words = tsquery(query)
        if not words:
            return hits
        rows = self.rows(SEARCH, (words, words, words, HEADLINE, limit))
        return hits + [SearchHit("document", r[0], r[1], r[2]) for r in rows]
