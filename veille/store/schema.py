"""The schema, as numbered migrations shared by SQLite and PostgreSQL.

Each migration is a list of statements in the common subset of both dialects, with
``{auto}`` (an auto-increment integer key) and ``{blob}`` filled per dialect. Full-text
search differs too much and lives in each backend (``FTS`` below for SQLite; the
PostgreSQL backend adds its own ``tsvector`` column).
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY,
            url TEXT, title TEXT, source TEXT, published TEXT, lang TEXT,
            text TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            ingested_at TEXT NOT NULL,
            minhash {blob}
        )""",
        "CREATE INDEX IF NOT EXISTS documents_published ON documents (published)",
        """CREATE TABLE IF NOT EXISTS duplicates (
            doc_a TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            doc_b TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            PRIMARY KEY (doc_a, doc_b)
        )""",
        """CREATE TABLE IF NOT EXISTS entities (
            name TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            wikidata TEXT
        )""",
        """CREATE TABLE IF NOT EXISTS aliases (
            entity TEXT NOT NULL REFERENCES entities (name) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            lower TEXT NOT NULL,
            PRIMARY KEY (entity, alias)
        )""",
        "CREATE INDEX IF NOT EXISTS aliases_lower ON aliases (lower)",
        """CREATE TABLE IF NOT EXISTS mentions (
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            entity TEXT NOT NULL REFERENCES entities (name),
            start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,
            text TEXT NOT NULL, how TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc)",
        "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity)",
        """CREATE TABLE IF NOT EXISTS claims (
            id {auto},
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT,
            amount REAL, currency TEXT, amount_qualifier TEXT, percent REAL,
            date TEXT, date_end TEXT, modality TEXT NOT NULL, attributed_to TEXT,
            exclusive INTEGER, kind TEXT,
            evidence TEXT NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,
            fact_key TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc)",
        "CREATE INDEX IF NOT EXISTS claims_subject ON claims (subject)",
        "CREATE INDEX IF NOT EXISTS claims_object ON claims (object)",
        "CREATE INDEX IF NOT EXISTS claims_predicate ON claims (predicate)",
        "CREATE INDEX IF NOT EXISTS claims_key ON claims (fact_key)",
        """CREATE TABLE IF NOT EXISTS events (
            id {auto},
            doc TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            date TEXT NOT NULL, title TEXT NOT NULL, entities TEXT NOT NULL,
            evidence TEXT NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,
            kind TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
        "CREATE INDEX IF NOT EXISTS events_doc ON events (doc)",
        """CREATE TABLE IF NOT EXISTS facts (
            key TEXT PRIMARY KEY,
            subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT,
            status TEXT NOT NULL, kind TEXT,
            valid_from TEXT, valid_to TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS facts_subject ON facts (subject)",
        "CREATE INDEX IF NOT EXISTS facts_object ON facts (object)",
        "CREATE INDEX IF NOT EXISTS facts_status ON facts (status)",
        "CREATE TABLE IF NOT EXISTS dirty_keys (key TEXT PRIMARY KEY)",
    ],
    # 2: following stories — watched sources, what they gave, the change log, last runs
    [
        """CREATE TABLE IF NOT EXISTS sources (
            spec TEXT PRIMARY KEY,
            etag TEXT, last_modified TEXT,
            checked_at TEXT, changed_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            retry_at TEXT, last_error TEXT
        )""",
        """CREATE TABLE IF NOT EXISTS source_items (
            spec TEXT NOT NULL REFERENCES sources (spec) ON DELETE CASCADE,
            item TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            doc TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (spec, item)
        )""",
        """CREATE TABLE IF NOT EXISTS changes (
            id {auto},
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            fact_key TEXT NOT NULL,
            subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT,
            status TEXT,
            docs TEXT NOT NULL,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS changes_at ON changes (at)",
        "CREATE INDEX IF NOT EXISTS changes_key ON changes (fact_key)",
        "CREATE TABLE IF NOT EXISTS runs (name TEXT PRIMARY KEY, at TEXT NOT NULL)",
    ],
    # 3: where a claim's date comes from; an event's participants in their roles (JSON pairs)
    [
        "ALTER TABLE claims ADD COLUMN dated_by TEXT",
        "ALTER TABLE events ADD COLUMN roles TEXT",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
]
