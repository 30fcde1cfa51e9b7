"""Incremental reconciliation equals a full rebuild, after any sequence of ingests and deletes."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reconcile_support import claim, document

from veille.models import Claim, Processed
from veille.reconcile import fact_key, rebuild, refresh
from veille.reconcile.render import fact_json
from veille.store import Store, open_store

DOCS = [f"d{i}" for i in range(6)]

claims = st.builds(
    lambda subject, predicate, amount, qualifier, percent, date, modality, kind, words: claim(
        "x",
        subject,
        predicate,
        "OpenAI",
        f"Phrase {words} sur {subject}.",
        amount=amount,
        currency="USD" if amount else None,
        amount_qualifier=qualifier if amount else None,
        percent=percent,
        date=date,
        modality=modality,
        kind=kind,
    ),
    st.sampled_from(["Microsoft", "Amazon"]),
    st.sampled_from(["invests_in", "holds_stake", "board_seat", "partners_with"]),
    st.sampled_from([None, 1e9, 10e9, 13e9, 14e9]),
    st.sampled_from([None, "about", "more_than"]),
    st.sampled_from([None, 27.0, 49.0]),
    st.sampled_from([None, "2019", "2019-07", "2023", "2023-01", "2024-07"]),
    st.sampled_from(["asserted", "reported", "planned", "negated"]),
    st.sampled_from([None, "cumulative", "tranche"]),
    st.sampled_from(["un", "deux", "au total", "supplémentaire"]),
)
pools = st.lists(claims, min_size=1, max_size=6)  # documents draw from a few shared claims, so sources meet
operations = st.lists(
    st.tuples(st.sampled_from(["save", "delete"]), st.sampled_from(DOCS), st.none() | st.sampled_from(DOCS)),
    min_size=1,
    max_size=16,
)


def documents(pool: list[Claim]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            "claims": st.lists(st.sampled_from(pool), max_size=4, unique_by=lambda c: c.to_dict().__repr__()),
            "published": st.sampled_from([None, "2024-01-15", "2025-06-22", "2025-07-01"]),
            "source": st.sampled_from(["Le Blog", "La Presse"]),
        }
    )


def _processed(doc_id: str, spec: dict) -> Processed:
    own: list[Claim] = spec["claims"]
    return document(doc_id, own, spec["published"], spec["source"])


def _facts(store: Store) -> set[str]:
    return {json.dumps(fact_json(f), sort_keys=True, ensure_ascii=False) for f in store.facts()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), pool=pools, ops=operations)
def test_incremental_equals_rebuild(
    data: st.DataObject, pool: list[Claim], ops: list[tuple[str, str, str | None]]
) -> None:
    """Random saves (some near-duplicates of a stored article) and deletes, each followed by ``refresh``,
    give the facts that ``rebuild`` gives on a fresh store holding the same documents and links."""
    specs = {d: data.draw(documents(pool), label=d) for d in DOCS}
    store = open_store(":memory:")
    for op, doc_id, twin in ops:
        if op == "save" and not store.has_id(doc_id):
            store.save([_processed(doc_id, specs[doc_id])], fact_key)
            if twin and twin != doc_id and store.has_id(twin):  # a near-duplicate of a stored article
                store.link_duplicates([(doc_id, twin, 0.9)])
        elif op == "delete" and store.has_id(doc_id):
            store.delete(doc_id)
        refresh(store)
        assert store.dirty_keys() == set()
    kept = [r.document.id for r in store.documents()]
    fresh = open_store(":memory:")
    fresh.save([_processed(d, specs[d]) for d in kept], fact_key)
    fresh.link_duplicates(store.duplicates())
    rebuild(fresh)
    assert _facts(store) == _facts(fresh)
    rebuild(store)
    assert _facts(store) == _facts(fresh)


def test_ingest_touches_only_the_keys_of_its_claims() -> None:
    store = open_store(":memory:")
    store.save(
        [document("a", [claim("a", "Microsoft", "holds_stake", "OpenAI", "Il détient 49 %.", percent=49.0)])],
        fact_key,
    )
    refresh(store)
    before = _facts(store)
    new = claim(
        "b", "Amazon", "invests_in", "Anthropic", "Quatre milliards en 2023.", amount=4e9, date="2023"
    )
    store.save([document("b", [new])], fact_key)
    assert store.dirty_keys() == {"Amazon|invests_in|Anthropic|2023"}
    assert refresh(store) == 1
    assert before < _facts(store)


def test_deleting_the_middle_of_a_duplicate_chain_leaves_no_stale_count() -> None:
    """A ≈ B ≈ C: a value stated by A and C counts by their own link only, so deleting B changes nothing."""
    same = claim("x", "Microsoft", "holds_stake", "OpenAI", "Il détient 49 %.", percent=49.0)
    other = claim("x", "Amazon", "partners_with", "OpenAI", "Une alliance.")
    store = open_store(":memory:")
    for doc_id, own, twin in (("a", [same], None), ("b", [other], "a"), ("c", [same], "b")):
        store.save([document(doc_id, own)], fact_key)
        if twin:
            store.link_duplicates([(doc_id, twin, 0.9)])
        refresh(store)
    [value] = [f for f in store.facts() if f.predicate == "holds_stake"][0].values
    assert value.sources == 2
    store.delete("b")
    refresh(store)
    after = _facts(store)
    rebuild(store)
    assert after == _facts(store)


def test_refresh_equals_rebuild_on_both_backends(store: Store) -> None:
    """A fixed script of saves, near-duplicate links and deletes, on SQLite and on PostgreSQL."""
    ms, oa, b = "Microsoft", "OpenAI", 1e9
    # Kept as written (fmt: skip): a table, one claim a line; ruff format would spread each over ten lines.
    docs = {
        "a": document("a", [claim("a", ms, "holds_stake", oa, "Il détient 49 %.", percent=49.0, date="2019"),
                            claim("a", ms, "invests_in", oa, "Un milliard en 2019.", amount=b, date="2019-07")],
                      "2023-01-01", "Le Blog"),
        "b": document("b", [claim("b", ms, "holds_stake", oa, "Il détient 27 %.", percent=27.0, date="2025-10"),
                            claim("b", ms, "invests_in", oa, "Au total 14 milliards.", amount=14 * b, kind="cumulative")],
                      "2025-10-30", "La Presse"),
        "c": document("c", [claim("c", ms, "invests_in", oa, "Un milliard en 2019.", amount=b, date="2019"),
                            claim("c", ms, "invests_in", oa, "Au total 11 milliards.", amount=11 * b, kind="cumulative"),
                            claim("c", ms, "board_seat", oa, "Il quitte le conseil.", date="2024-07", modality="negated")],
                      "2025-10-29", "La Radio"),
        "d": document("d", [claim("d", ms, "board_seat", oa, "Il entre au conseil.", date="2023-11"),
                            claim("d", ms, "holds_stake", oa, "Il pourrait avoir 30 %.", percent=30.0, modality="speculative")],
                      None, "Le Blog"),
    }  # fmt: skip
    script = [
        ("save", "a", None),
        ("save", "c", "a"),
        ("save", "b", None),
        ("delete", "a", None),
        ("save", "d", "c"),
        ("save", "a", "b"),
        ("delete", "c", None),
    ]
    for op, doc_id, twin in script:
        if op == "save":
            store.save([docs[doc_id]], fact_key)
            if twin:
                store.link_duplicates([(doc_id, twin, 0.9)])
        else:
            store.delete(doc_id)
        refresh(store)
    fresh = open_store(":memory:")
    fresh.save([docs[r.document.id] for r in store.documents()], fact_key)
    fresh.link_duplicates(store.duplicates())
    rebuild(fresh)
    assert _facts(store) == _facts(fresh)
    assert {f.status for f in store.facts()} == {"updated", "agreed"}


def test_refresh_in_small_chunks_gives_the_same_facts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A large batch is reconciled a chunk of keys at a time: the chunk size changes nothing."""
    import veille.reconcile as reconcile

    def build(chunk: int) -> set[str]:
        monkeypatch.setattr(reconcile, "REFRESH_CHUNK", chunk)
        store = open_store(":memory:")
        docs = [
            document(
                f"d{i}",
                [
                    claim(
                        f"d{i}",
                        name,
                        "invests_in",
                        "OpenAI",
                        f"Tranche {i}.",
                        amount=(i + 1) * 1e9,
                        currency="USD",
                        date=str(2019 + i % 5),
                    )
                ],
                "2025-01-0" + str(1 + i % 9),
            )
            for i, name in enumerate(["Microsoft", "Amazon", "Nvidia"] * 7)
        ]
        store.save(docs, fact_key)
        assert refresh(store) == 15  # three investors, five years
        assert store.dirty_keys() == set()
        return _facts(store)

    assert build(2) == build(1000) and len(build(2)) == 15


def test_an_edited_document_replaces_its_old_version(store: Store) -> None:
    """Same id, other text: the old claims, mentions and events go, the facts they supported are
    rebuilt from what remains (no dispute between a document and its own earlier version)."""
    ms, oa, b = "Microsoft", "OpenAI", 1e9
    first = document(
        "ed",
        [
            claim("ed", ms, "invests_in", oa, "Dix milliards en 2023.", amount=10 * b, date="2023"),
            claim("ed", ms, "board_seat", oa, "Il entre au conseil.", date="2023-11"),
        ],
        "2023-02-01",
        "Le Blog",
    )
    other = document(
        "other",
        [claim("other", ms, "invests_in", oa, "Dix milliards.", amount=10 * b, date="2023")],
        "2023-02-02",
        "La Presse",
    )
    edited = document(
        "ed",
        [claim("ed", ms, "invests_in", oa, "Treize milliards en 2023.", amount=13 * b, date="2023")],
        "2023-02-01",
        "Le Blog",
    )
    assert store.save([first, other], fact_key) == ["ed", "other"]
    refresh(store)
    assert store.save([first], fact_key) == []  # the same text again: nothing written
    assert store.save([edited], fact_key) == ["ed"]
    refresh(store)
    assert [c.evidence for c in store.claims(doc="ed")] == ["Treize milliards en 2023."]
    assert [d.document.id for d in store.documents()] == ["ed", "other"]
    assert store.document("ed").text == edited.document.text  # type: ignore[union-attr]
    fresh = open_store(":memory:")
    fresh.save([edited, other], fact_key)
    rebuild(fresh)
    assert _facts(store) == _facts(fresh)  # as if the old text had never been stored
    assert not any(f.predicate == "board_seat" for f in store.facts())
