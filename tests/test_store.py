"""The store protocol, on SQLite and on PostgreSQL (the ``store`` fixture runs each test on both).

Stores are filled by hand (no NLP): documents, entities, mentions, claims and events of our
own, saved the way ingestion saves them (``store.save`` with ``fact_key``).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import math
import os
import socket
from collections.abc import Iterator

import pytest
from conftest import PgServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.errors import StoreError
from veille.models import (
    DATED_BY,
    MODALITIES,
    PREDICATES,
    Claim,
    Document,
    EntityRef,
    Event,
    Fact,
    FactValue,
    Mention,
    Processed,
)
from veille.reconcile import fact_key, refresh
from veille.store import Store, open_store
from veille.store.schema import MIGRATIONS

BODY_FR = (
    "Le groupe Orbital a annoncé mardi des investissements massifs dans ses centres de calcul. "
    "Selon la direction, Orbital investira 12 milliards d'euros avec Nimbus d'ici 2027."
)
BODY_EN = "Nimbus said on Friday that it partners with Orbital on new data centres in Ohio."


def doc(
    doc_id: str, text: str, lang: str = "fr", published: str | None = "2024-05-02", source: str = "La Gazette"
) -> Document:
    digest = hashlib.sha256(f"{doc_id}\n{text}".encode()).hexdigest()
    return Document(
        doc_id,
        text,
        digest,
        title=f"Titre {doc_id}",
        url=f"https://example.org/{doc_id}",
        source=source,
        published=published,
        lang=lang,
    )


def processed(
    document: Document, claims: tuple[Claim, ...] = (), events: tuple[Event, ...] = ()
) -> Processed:
    """A processed document naming Orbital and Nimbus, with the given claims and events."""
    text = document.text
    mentions = tuple(
        Mention(name, i, i + len(name), name, "name")
        for name in ("Orbital", "Nimbus")
        for i in [text.find(name)]
        if i >= 0
    )
    entities = (
        EntityRef("Orbital", "company", "Q1", ("Orbital Group", "le groupe Orbital")),
        EntityRef("Nimbus", "company", None, ("Nimbus Cloud",)),
    )
    return Processed(document, entities, mentions, claims, events, minhash=(3, 1, 4, 1, 5))


def invest(doc_id: str, amount: float = 12e9, date: str | None = "2027", modality: str = "planned") -> Claim:
    evidence = "Orbital investira 12 milliards d'euros avec Nimbus d'ici 2027."
    return Claim(
        doc_id,
        "Orbital",
        "invests_in",
        "Nimbus",
        evidence,
        90,
        90 + len(evidence),
        amount=amount,
        currency="EUR",
        amount_qualifier="about",
        date=date,
        modality=modality,
        attributed_to="la direction",
        exclusive=False,
        kind="tranche",
    )


def event(doc_id: str, date: str) -> Event:
    return Event(
        doc_id,
        date,
        "Orbital investit dans Nimbus",
        ("Orbital", "Nimbus"),
        "Orbital investira.",
        90,
        108,
        "invests_in",
    )


def fill(store: Store) -> None:
    """Two French documents and one English one, with claims and events."""
    a, b, c = (
        doc("a", BODY_FR),
        doc("b", BODY_FR + " Une suite.", published="2024-06-10"),
        doc("c", BODY_EN, lang="en"),
    )
    items = [
        processed(a, (invest("a"),), (event("a", "2024-05-02"),)),
        processed(b, (invest("b", 13e9),), (event("b", "2024-06-10"),)),
        processed(
            c,
            (
                Claim(
                    "c", "Nimbus", "partners_with", "Orbital", BODY_EN, 0, len(BODY_EN), modality="asserted"
                ),
            ),
        ),
    ]
    assert store.save(items, fact_key) == ["a", "b", "c"]


def test_save_and_read_back(store: Store) -> None:
    fill(store)
    d = store.document("a")
    assert d is not None and d.ingested_at
    assert d == Document(**{**_fields(doc("a", BODY_FR)), "ingested_at": d.ingested_at})
    assert store.has_id("a") and not store.has_id("z")
    assert store.has_hash(doc("a", BODY_FR).hash) == "a"
    assert store.has_hash("nope") is None
    assert [r.document.id for r in store.documents()] == ["a", "c", "b"]  # by publication date, then id
    rows = {r.document.id: r for r in store.documents()}
    assert rows["a"].claims == 1 and rows["c"].claims == 1
    assert [r.document.id for r in store.documents(limit=1, offset=1)] == ["c"]
    assert store.claims(doc="a") == [invest("a")]
    assert store.mentions("a") == sorted(processed(doc("a", BODY_FR)).mentions, key=lambda m: m.start)
    assert store.period() == ("2024-05-02", "2024-06-10")


def _fields(d: Document) -> dict[str, object]:
    return {f: getattr(d, f) for f in Document.__slots__}


def test_resave_is_idempotent(store: Store) -> None:
    fill(store)
    before = store.stats()
    again = doc("a", BODY_FR)
    assert store.save([processed(again, (invest("a"),))], fact_key) == []
    same_text_other_id = Document("a2", again.text, again.hash, lang="fr")
    assert store.save([processed(same_text_other_id, (invest("a2"),))], fact_key) == []
    assert store.stats() == before


def test_batch_with_a_repeated_document_writes_it_once(store: Store) -> None:
    a = processed(doc("a", BODY_FR), (invest("a"),))
    assert store.save([a, a], fact_key) == ["a"]
    assert store.stats()["claims"] == 1


def test_delete_cascades_and_marks_dirty(store: Store) -> None:
    fill(store)
    refresh(store)
    assert store.dirty_keys() == set()
    store.link_duplicates([("a", "b", 0.91)])
    keys = store.delete("a")
    assert keys == {fact_key(invest("a"))}
    assert store.dirty_keys() == keys
    assert store.document("a") is None and store.claims(doc="a") == [] and store.mentions("a") == []
    assert all(e.doc != "a" for e in store.events()) and store.duplicates() == []
    assert store.stats()["documents"] == 2
    refresh(store)
    assert store.dirty_keys() == set()


def test_dirty_keys_follow_saves_and_refresh(store: Store) -> None:
    fill(store)
    assert store.dirty_keys() == {
        fact_key(invest("a")),
        fact_key(invest("b")),
        store.claim_keys(doc="c").pop(),
    }
    assert store.claim_keys() == store.dirty_keys()
    refresh(store)
    assert store.dirty_keys() == set()
    assert store.stats()["facts"] == len(store.facts())


def test_facts_round_trip(store: Store) -> None:
    fill(store)
    refresh(store)
    store.replace_facts([f.key for f in store.facts()], [])
    value = FactValue(
        12e9,
        "EUR",
        None,
        "2027",
        None,
        "planned",
        2,
        ("a", "b"),
        ({"doc": "a", "evidence": "Orbital investira…", "start": 1, "end": 9},),
        "about",
        "2024-05-02",
    )
    fact = Fact(
        "Orbital|invests_in|Nimbus|2027",
        "Orbital",
        "invests_in",
        "Nimbus",
        "disputed",
        "tranche",
        (value,),
        valid_from="2027",
        valid_to=None,
        notes=({"key": "note.disputed", "values": []},),
    )
    store.replace_facts([fact.key], [fact])
    assert store.facts() == [fact]
    assert store.facts(entity="orbital group", status="disputed") == [fact]
    assert store.facts(predicate="holds_stake") == []
    store.replace_facts([fact.key], [])
    assert store.facts() == []


def test_entities_and_aliases_case_insensitive(store: Store) -> None:
    fill(store)
    assert store.canonical("LE GROUPE ORBITAL") == "Orbital"
    assert store.canonical("nimbus cloud") == "Nimbus"
    assert store.canonical("Inconnu") == "Inconnu"
    row = store.entity("orbital group")
    assert row is not None and row.name == "Orbital" and row.wikidata == "Q1"
    assert set(row.aliases) == {"Orbital Group", "le groupe Orbital"}
    assert (row.mentions, row.docs, row.claims) == (3, 3, 3)
    assert [e.name for e in store.entities()] == ["Nimbus", "Orbital"]
    assert store.entity("Personne") is None
    assert [c.doc for c in store.claims(entity="NIMBUS CLOUD")] == ["a", "b", "c"]


def test_claims_filters_and_paging(store: Store) -> None:
    fill(store)
    assert [c.doc for c in store.claims(predicate="invests_in")] == ["a", "b"]
    assert store.claims(keys=[]) == []
    assert [c.doc for c in store.claims(keys=[fact_key(invest("a"))])] == ["a", "b"]
    assert [c.doc for c in store.claims(limit=2, offset=1)] == ["b", "c"]


def test_events_filters(store: Store) -> None:
    fill(store)
    assert [e.doc for e in store.events()] == ["a", "b"]
    assert [e.doc for e in store.events(date_from="2024-06")] == ["b"]
    assert [e.doc for e in store.events(date_to="2024-05")] == ["a"]
    assert [e.doc for e in store.events(date_to="2024")] == ["a", "b"]
    assert [e.doc for e in store.events(entity="nimbus cloud")] == ["a", "b"]
    assert store.events(entity="Personne") == []


def test_stats(store: Store) -> None:
    fill(store)
    store.link_duplicates([("b", "a", 0.9), ("a", "a", 1.0)])
    assert store.duplicates() == [("a", "b", 0.9)]
    assert [r.duplicates for r in store.documents() if r.document.id == "a"] == [("b",)]
    refresh(store)
    stats = store.stats()
    assert stats == {
        "documents": 3,
        "sources": 1,
        "entities": 2,
        "claims": 3,
        "facts": len(store.facts()),
        "conflicts": len(store.facts(status="disputed")),
        "events": 2,
        "duplicates": 1,
    }
    assert all(type(v) is int for v in stats.values())


def test_search_entities_then_documents(store: Store) -> None:
    fill(store)
    hits = store.search("orbital")
    assert hits[0] == hits[0].__class__("entity", "Orbital", "Orbital", "company")
    docs = [h for h in hits if h.kind == "document"]
    assert {h.id for h in docs} == {"a", "b", "c"}
    assert all("[" in h.snippet and "]" in h.snippet for h in docs)
    assert {h.id for h in store.search("centres de calcul")} == {"a", "b"}
    assert [h for h in store.search("") if h.kind == "document"] == []
    assert [h for h in store.search("zyxwvu") if h.kind == "document"] == []


def test_search_by_prefix_of_last_word(store: Store) -> None:
    fill(store)
    assert {h.id for h in store.search("investis") if h.kind == "document"} == {"a", "b"}


@pytest.mark.postgres
def test_postgres_search_matches_french_stems(pg_url: str) -> None:
    """'investissement' finds 'investira' and 'investissements' (same French stem), in French only."""
    store = open_store(pg_url)
    try:
        fill(store)
        assert {h.id for h in store.search("investissement") if h.kind == "document"} == {"a", "b"}
        assert {h.id for h in store.search("partnering") if h.kind == "document"} == {"c"}
    finally:
        store.close()


def test_sqlite_search_matches_words(sqlite_store: Store) -> None:
    fill(sqlite_store)
    assert {h.id for h in sqlite_store.search("investissements") if h.kind == "document"} == {"a", "b"}


def test_postgres_unreachable_names_url_without_password() -> None:
    with socket_closed_port() as port:
        url = f"postgresql://veille:s3cret@127.0.0.1:{port}/nowhere"
        with pytest.raises(StoreError) as caught:
            open_store(url)
    message = str(caught.value)
    assert f"postgresql://veille@127.0.0.1:{port}/nowhere" in message and "s3cret" not in message


@pytest.mark.postgres
def test_postgres_missing_database(pg_url: str) -> None:
    url = pg_url.rsplit("/", 1)[0] + "/no_such_db?password=hidden"
    with pytest.raises(StoreError, match="no_such_db") as caught:
        open_store(url)
    assert "hidden" not in str(caught.value)


@pytest.mark.postgres
def test_postgres_migrates_once_and_reopens(pg_url: str) -> None:
    first, second = open_store(pg_url), open_store(pg_url)
    try:
        fill(first)
        assert second.stats()["documents"] == 3
        versions = first.rows("SELECT version FROM schema_version ORDER BY version")  # type: ignore[attr-defined]
        assert [v[0] for v in versions] == list(range(1, len(MIGRATIONS) + 1))
        assert first.url == pg_url
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_postgres_sorts_by_code_point_whatever_the_locale(pg_server: PgServer) -> None:
    """Text columns sort as in SQLite even in a database created with a French ICU collation."""
    import psycopg

    name = f"veille_icu_{os.getpid()}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'fr-FR'")
    store = open_store(pg_server.url(name))
    try:
        ids = ["b", "B", "a-c", "ab", "é", "z", "Z"]
        store.save([processed(doc(i, f"Texte {i}")) for i in ids], fact_key)
        assert [r.document.id for r in store.documents()] == sorted(ids)
    finally:
        store.close()
        with psycopg.connect(pg_server.url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


def test_event_roles_and_claim_dating_round_trip(store: Store) -> None:
    roles = (("agent", "Orbital"), ("patient", "Nimbus"), ("partner", "Nimbus"))
    ousted = Event(
        "a", "2024-05", "x", ("Orbital", "Nimbus"), "Orbital évince Nimbus.", 0, 22, "dismissal", roles
    )
    dated = Claim(
        "a", "Orbital", "invests_in", "Nimbus", BODY_FR, 0, 10, date="2024-05-02", dated_by="article"
    )
    store.save([processed(doc("a", BODY_FR), (dated,), (ousted,))], fact_key)
    assert store.events() == [ousted]
    assert store.claims(doc="a") == [dated]


def test_rows_stored_before_roles_and_dating_still_load(db_url: str) -> None:
    """A database from before the roles migration (no ``dated_by``, no ``roles``) migrates and its
    rows load as before."""
    before = next(i for i, m in enumerate(MIGRATIONS) if any("ADD COLUMN dated_by" in sql for sql in m))
    store = open_store(db_url)
    fill(store)
    sqlite = db_url.endswith(".db")
    for table, column in (("claims", "dated_by"), ("events", "roles")):
        store.conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # type: ignore[attr-defined]
    reset = (
        f"PRAGMA user_version = {before}"
        if sqlite
        else f"DELETE FROM schema_version WHERE version > {before}"
    )
    store.conn.execute(reset)  # type: ignore[attr-defined]
    store.close()
    store = open_store(db_url)
    try:
        assert [e.roles for e in store.events()] == [(), ()]
        assert store.claims(doc="a") == [invest("a")]
    finally:
        store.close()


@contextlib.contextmanager
def socket_closed_port() -> Iterator[int]:
    """A local port nobody listens on (bound, never listening, for the time of the block)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield int(s.getsockname()[1])


# Hypothesis: whatever claims are saved come back equal ------------------------------------

_ids = itertools.count()
text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
optional_text = st.none() | text
number = st.floats(allow_nan=False, allow_infinity=False, width=64)
claim_fields = st.fixed_dictionaries(
    {
        "subject": text.filter(bool),
        "predicate": st.sampled_from(PREDICATES),
        "object": optional_text,
        "evidence": text,
        "start": st.integers(0, 2**31 - 1),
        "end": st.integers(0, 2**31 - 1),
        "amount": st.none() | number,
        "currency": optional_text,
        "amount_qualifier": optional_text,
        "percent": st.none() | number,
        "date": optional_text,
        "date_end": optional_text,
        "modality": st.sampled_from(MODALITIES),
        "attributed_to": optional_text,
        "exclusive": st.none() | st.booleans(),
        "kind": optional_text,
        "dated_by": st.none() | st.sampled_from(DATED_BY),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.lists(claim_fields, max_size=5), body=text.filter(lambda t: t.strip() != ""))
def test_claims_round_trip(store: Store, fields: list[dict[str, object]], body: str) -> None:
    doc_id = f"h{next(_ids)}"
    claims = tuple(Claim(doc=doc_id, **f) for f in fields)  # type: ignore[arg-type]
    document = doc(doc_id, body)
    assert store.save([Processed(document, claims=claims)], fact_key) == [doc_id]
    back = store.claims(doc=doc_id)
    assert back == list(claims)
    assert all(type(c.amount) is float for c in back if c.amount is not None)
    assert all(not isinstance(c.amount, float) or not math.isnan(c.amount) for c in back)
    stored = store.document(doc_id)
    assert stored is not None and stored.text == body
