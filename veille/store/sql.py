"""The SQL both backends share: one class over a DB-API connection.

Queries are written with ``?`` placeholders; a backend whose driver wants ``%s``
sets ``paramstyle``. Backends differ only in how they connect, lock, migrate the
extras (full-text search) and search.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from veille.models import Claim, Document, Event, Fact, Mention, Processed
from veille.store.base import Diff, DocumentRow, EntityRow, KeyFn, SearchHit
from veille.store.codec import fact_from_json, timestamp
from veille.store.follow import FollowSQL

CLAIM_COLUMNS = (
    "doc, subject, predicate, object, amount, currency, amount_qualifier, percent, date, date_end, "
    "modality, attributed_to, exclusive, kind, evidence, start_at, end_at, dated_by"
)
EVENT_COLUMNS = "doc, date, title, entities, evidence, start_at, end_at, kind, roles"


def _claim(row: Sequence[Any]) -> Claim:
    (doc, subject, predicate, obj, amount, currency, qualifier, percent, date, date_end) = row[:10]
    (modality, attributed, exclusive, kind, evidence, start, end, dated_by) = row[10:18]
    return Claim(
        doc=doc,
        subject=subject,
        predicate=predicate,
        object=obj,
        evidence=evidence,
        start=start,
        end=end,
        amount=amount,
        currency=currency,
        amount_qualifier=qualifier,
        percent=percent,
        date=date,
        date_end=date_end,
        modality=modality,
        attributed_to=attributed,
        exclusive=None if exclusive is None else bool(exclusive),
        kind=kind,
        dated_by=dated_by,
    )


def _event(row: Sequence[Any]) -> Event:
    """An event row; rows stored before roles existed have none."""
    roles = tuple((str(r), str(n)) for r, n in json.loads(row[8])) if row[8] else ()
    return Event(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4], row[5], row[6], row[7], roles)


class SQLStore(FollowSQL):
    """Everything of the Store protocol that is plain SQL."""

    paramstyle = "qmark"
    url: str

    def __init__(self) -> None:
        self.conn: Any = None

    # plumbing ------------------------------------------------------------
    def q(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.paramstyle == "format" else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        cur = self.conn.execute(self.q(sql), tuple(params))
        return list(cur.fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def begin_write(self) -> None:
        """Start a write transaction (backends lock as they need)."""

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def write(self, fn: Any, *args: Any) -> Any:
        self.begin_write()
        try:
            result = fn(*args)
        except BaseException:
            self.rollback()
            raise
        self.commit()
        return result

    # documents -----------------------------------------------------------
    def has_hash(self, content_hash: str) -> str | None:
        row = self.one("SELECT id FROM documents WHERE hash = ?", (content_hash,))
        return row[0] if row else None

    def has_id(self, doc_id: str) -> bool:
        return self.one("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def save(self, items: Sequence[Processed], key: KeyFn) -> list[str]:
        return list(self.write(self._save_all, items, key))

    def _save_all(self, items: Sequence[Processed], key: KeyFn) -> list[str]:
        written = []
        for item in items:
            if self._insert_document(item):
                self._insert_derived(item, key)
                written.append(item.document.id)
        return written

    def _insert_document(self, item: Processed) -> bool:
        """Insert a document; one whose text is stored already is skipped, and one whose id is
        stored with another text (an edited file, an updated page) replaces it."""
        d = item.document
        if self.one("SELECT 1 FROM documents WHERE hash = ?", (d.hash,)):
            return False
        if self.one("SELECT 1 FROM documents WHERE id = ?", (d.id,)):
            self._remove(d.id)
        sig = json.dumps(list(item.minhash)) if item.minhash else None
        self.conn.execute(
            self.q(
                "INSERT INTO documents (id, url, title, source, published, lang, text, hash, ingested_at, minhash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
            ),
            (d.id, d.url, d.title, d.source, d.published, d.lang, d.text, d.hash, timestamp(), sig),
        )
        return True

    def _insert_derived(self, item: Processed, key: KeyFn) -> None:
        doc = item.document.id
        for e in item.entities:
            self.conn.execute(
                self.q("INSERT INTO entities (name, type, wikidata) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                (e.name, e.type, e.wikidata),
            )
            for alias in {e.name, *e.aliases}:
                self.conn.execute(
                    self.q(
                        "INSERT INTO aliases (entity, alias, lower) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                    ),
                    (e.name, alias, alias.lower()),
                )
        self._executemany(
            "INSERT INTO mentions (doc, entity, start_at, end_at, text, how) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc, m.entity, m.start, m.end, m.text, m.how) for m in item.mentions],
        )
        self._executemany(
            f"INSERT INTO claims ({CLAIM_COLUMNS}, seq, fact_key) VALUES ({', '.join(['?'] * 20)})",
            [self._claim_params(c, i, key(c)) for i, c in enumerate(item.claims)],
        )
        self._mark_dirty({key(c) for c in item.claims})
        self._executemany(
            f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc,
                    ev.date,
                    ev.title,
                    json.dumps(list(ev.entities), ensure_ascii=False),
                    ev.evidence,
                    ev.start,
                    ev.end,
                    ev.kind,
                    json.dumps([list(r) for r in ev.roles], ensure_ascii=False) if ev.roles else None,
                )
                for ev in item.events
            ],
        )

    @staticmethod
    def _claim_params(c: Claim, seq: int, fact_key: str) -> tuple[Any, ...]:
        exclusive = None if c.exclusive is None else int(c.exclusive)
        return (
            c.doc,
            c.subject,
            c.predicate,
            c.object,
            c.amount,
            c.currency,
            c.amount_qualifier,
            c.percent,
            c.date,
            c.date_end,
            c.modality,
            c.attributed_to,
            exclusive,
            c.kind,
            c.evidence,
            c.start,
            c.end,
            c.dated_by,
            seq,
            fact_key,
        )

    def _executemany(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        if params:
            self.conn.executemany(self.q(sql), params)

    def document(self, doc_id: str) -> Document | None:
        row = self.one(
            "SELECT id, text, hash, title, url, source, published, lang, ingested_at FROM documents WHERE id = ?",
            (doc_id,),
        )
        return Document(*row) if row else None

    def documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        sql = (
            "SELECT d.id, d.text, d.hash, d.title, d.url, d.source, d.published, d.lang, d.ingested_at,"
            " (SELECT COUNT(*) FROM claims c WHERE c.doc = d.id)"
            " FROM documents d ORDER BY COALESCE(d.published, ''), d.id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        dups = self._duplicate_map()
        return [
            DocumentRow(Document(*r[:9]), r[9], tuple(sorted(dups.get(r[0], ()))))
            for r in self.rows(sql, params)
        ]

    def delete(self, doc_id: str) -> set[str]:
        return set(self.write(self._remove, doc_id))

    def _remove(self, doc_id: str) -> set[str]:
        """Within a write: a document and all derived from it gone, its fact keys marked dirty."""
        keys = {r[0] for r in self.rows("SELECT DISTINCT fact_key FROM claims WHERE doc = ?", (doc_id,))}
        self._mark_dirty(keys)
        for table in ("claims", "mentions", "events"):
            self.conn.execute(self.q(f"DELETE FROM {table} WHERE doc = ?"), (doc_id,))
        self.conn.execute(self.q("DELETE FROM duplicates WHERE doc_a = ? OR doc_b = ?"), (doc_id, doc_id))
        self.conn.execute(self.q("DELETE FROM documents WHERE id = ?"), (doc_id,))
        return keys

    def _mark_dirty(self, keys: Iterable[str]) -> None:
        self._executemany(
            "INSERT INTO dirty_keys (key) VALUES (?) ON CONFLICT DO NOTHING", [(k,) for k in keys]
        )

    def dirty_keys(self) -> set[str]:
        """Fact keys whose claims changed since their facts were last reconciled."""
        return {r[0] for r in self.rows("SELECT key FROM dirty_keys")}

    def signatures(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for doc_id, sig in self.rows("SELECT id, minhash FROM documents WHERE minhash IS NOT NULL"):
            yield doc_id, tuple(json.loads(sig))

    def link_duplicates(self, pairs: Sequence[tuple[str, str, float]]) -> None:
        rows = [(min(a, b), max(a, b), s) for a, b, s in pairs if a != b]
        self.write(
            self._executemany,
            "INSERT INTO duplicates (doc_a, doc_b, similarity) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )

    def duplicates(self) -> list[tuple[str, str, float]]:
        return [tuple(r) for r in self.rows("SELECT doc_a, doc_b, similarity FROM duplicates ORDER BY doc_a")]

    def _duplicate_map(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for a, b, _ in self.duplicates():
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
        return out

    # knowledge -----------------------------------------------------------
    def claims(
        self,
        doc: str | None = None,
        entity: str | None = None,
        predicate: str | None = None,
        keys: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        where: list[str] = []
        params: list[Any] = []
        if doc is not None:
            where.append("doc = ?")
            params.append(doc)
        if entity is not None:
            name = self.canonical(entity)
            where.append("(subject = ? OR object = ?)")
            params += [name, name]
        if predicate is not None:
            where.append("predicate = ?")
            params.append(predicate)
        if keys is not None:
            keys = list(keys)
            if not keys:
                return []
            where.append(f"fact_key IN ({', '.join(['?'] * len(keys))})")
            params += keys
        sql = f"SELECT {CLAIM_COLUMNS} FROM claims"
        sql += (" WHERE " + " AND ".join(where)) if where else ""
        sql += " ORDER BY doc, seq"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_claim(r) for r in self.rows(sql, params)]

    def claim_keys(self, doc: str | None = None) -> set[str]:
        if doc is None:
            return {r[0] for r in self.rows("SELECT DISTINCT fact_key FROM claims")}
        return {r[0] for r in self.rows("SELECT DISTINCT fact_key FROM claims WHERE doc = ?", (doc,))}

    def canonical(self, name: str) -> str:
        """The canonical name for a name or alias (case-insensitive); the name itself if unknown."""
        row = self.one("SELECT entity FROM aliases WHERE lower = ? ORDER BY entity LIMIT 1", (name.lower(),))
        return row[0] if row else name

    def entities(self) -> list[EntityRow]:
        return self._entity_rows("", ())

    def entity(self, name: str) -> EntityRow | None:
        rows = self._entity_rows(" WHERE e.name = ?", (self.canonical(name),))
        return rows[0] if rows else None

    def entity_types(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.rows("SELECT name, type FROM entities")}

    def _entity_rows(self, where: str, params: Sequence[Any]) -> list[EntityRow]:
        sql = (
            "SELECT e.name, e.type, e.wikidata,"
            " (SELECT COUNT(*) FROM mentions m WHERE m.entity = e.name),"
            " (SELECT COUNT(DISTINCT m.doc) FROM mentions m WHERE m.entity = e.name),"
            " (SELECT COUNT(*) FROM claims c WHERE c.subject = e.name OR c.object = e.name)"
            f" FROM entities e{where}"
        )
        aliases: dict[str, list[str]] = {}
        for ent, alias in self.rows("SELECT entity, alias FROM aliases ORDER BY alias"):
            if alias != ent:
                aliases.setdefault(ent, []).append(alias)
        out = [
            EntityRow(r[0], r[1], r[2], tuple(aliases.get(r[0], ())), r[3], r[4], r[5])
            for r in self.rows(sql, params)
        ]
        return sorted((e for e in out if e.mentions or e.claims), key=lambda e: (-e.mentions, e.name))

    def mentions(self, doc_id: str) -> list[Mention]:
        sql = "SELECT entity, start_at, end_at, text, how FROM mentions WHERE doc = ? ORDER BY start_at"
        return [Mention(*r) for r in self.rows(sql, (doc_id,))]

    def events(
        self, entity: str | None = None, date_from: str | None = None, date_to: str | None = None
    ) -> list[Event]:
        where: list[str] = []
        params: list[Any] = []
        if date_from:
            where.append("date >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(date, 1, ?) <= ?")
            params += [len(date_to), date_to]
        sql = f"SELECT {EVENT_COLUMNS} FROM events"
        sql += (" WHERE " + " AND ".join(where)) if where else ""
        sql += " ORDER BY date, doc, start_at"
        out = [_event(r) for r in self.rows(sql, params)]
        if entity:
            name = self.canonical(entity)
            out = [e for e in out if name in e.entities or any(n == name for _, n in e.roles)]
        return out

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        like = f"%{query.lower()}%"
        rows = self.rows(
            "SELECT DISTINCT e.name, e.type FROM entities e JOIN aliases a ON a.entity = e.name"
            " WHERE a.lower LIKE ? ORDER BY e.name LIMIT ?",
            (like, limit),
        )
        return [SearchHit("entity", r[0], r[0], r[1]) for r in rows]

    # facts ---------------------------------------------------------------
    def replace_facts(self, keys: Iterable[str], facts: Sequence[Fact], diff: Diff | None = None) -> None:
        keys = set(keys) | {f.key for f in facts}

        def run() -> None:
            if diff is not None:
                self.log_changes(diff(self.facts_by_key(keys), list(facts)))
            self._executemany("DELETE FROM facts WHERE key = ?", [(k,) for k in keys])
            self._executemany("DELETE FROM dirty_keys WHERE key = ?", [(k,) for k in keys])
            self._executemany(
                "INSERT INTO facts (key, subject, predicate, object, status, kind, valid_from, valid_to, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        f.key,
                        f.subject,
                        f.predicate,
                        f.object,
                        f.status,
                        f.kind,
                        f.valid_from,
                        f.valid_to,
                        json.dumps(f.to_dict(), ensure_ascii=False),
                    )
                    for f in facts
                ],
            )

        self.write(run)

    def facts(
        self, entity: str | None = None, predicate: str | None = None, status: str | None = None
    ) -> list[Fact]:
        where: list[str] = []
        params: list[Any] = []
        if entity is not None:
            name = self.canonical(entity)
            where.append("(subject = ? OR object = ?)")
            params += [name, name]
        if predicate is not None:
            where.append("predicate = ?")
            params.append(predicate)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        sql = "SELECT data FROM facts" + ((" WHERE " + " AND ".join(where)) if where else "")
        sql += " ORDER BY subject, predicate, object, key"
        return [fact_from_json(r[0]) for r in self.rows(sql, params)]

    def facts_by_key(self, keys: Iterable[str]) -> list[Fact]:
        keys = sorted(set(keys))
        out: list[Fact] = []
        for at in range(0, len(keys), 500):  # within the bound parameters of any backend
            part = keys[at : at + 500]
            sql = f"SELECT data FROM facts WHERE key IN ({', '.join(['?'] * len(part))}) ORDER BY key"
            out += [fact_from_json(r[0]) for r in self.rows(sql, part)]
        return out

    def stats(self) -> dict[str, int]:
        count = {
            "documents": "SELECT COUNT(*) FROM documents",
            "sources": "SELECT COUNT(DISTINCT source) FROM documents",
            "entities": "SELECT COUNT(DISTINCT entity) FROM mentions",
            "claims": "SELECT COUNT(*) FROM claims",
            "facts": "SELECT COUNT(*) FROM facts",
            "conflicts": "SELECT COUNT(*) FROM facts WHERE status = 'disputed'",
            "events": "SELECT COUNT(*) FROM events",
            "duplicates": "SELECT COUNT(*) FROM duplicates",
        }
        return {k: int(self.one(sql)[0]) for k, sql in count.items()}

    def period(self) -> tuple[str | None, str | None]:
        row = self.one("SELECT MIN(published), MAX(published) FROM documents")
        return (row[0], row[1]) if row else (None, None)
