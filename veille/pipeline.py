"""The orchestrator: the only place that knows the order of the stages.

    source ─► RawArticle ─► Document (clean, identity) ─► Processed (NLP, claims) ─► Store ─► facts
              readers        ingest.clean                  process_group(), run here       reconcile
                                                           (batch) or on Dask (dask_runner)

``process_group`` is the per-document work, a few documents at a time: pure, picklable
input and output, so the same function runs in this process or on a Dask worker. The
runners receive it (with the settings it needs) from ``run``; they never import this
module. ``ingest`` drives a whole batch: reading, skipping what is already stored,
processing, writing in batches, linking near-duplicates and re-reconciling the facts the
batch touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from veille import batch, dask_runner
from veille.config import Settings
from veille.errors import InputError, VeilleError
from veille.models import Counter, Document, IngestReport, Processed, RawArticle, Result
from veille.store.base import Store

if TYPE_CHECKING:
    from veille.ingest.dedup import NearDuplicates

Progress = Callable[[str, str], None]  # (event, label): event in read|skip|done|fail
# Documents processed together: one task on a Dask worker (fewer round trips) and one call
# of the extractor. How that call batches them for spaCy (``extract.PIPE_BATCH``) is the
# extractor's own tuning, kept there.
GROUP = 4


def prepare(raw: RawArticle) -> Document:
    """Stage 1, cheap: clean the text and compute the document's identity."""
    from veille.ingest.clean import to_document

    return to_document(raw)


def process(document: Document, settings: Settings) -> Processed:
    """Stage 2, the heavy one: NLP, entities, values, claims, events, near-dup signature."""
    return process_many([document], settings)[0]


def process_many(documents: list[Document], settings: Settings) -> list[Processed]:
    """``process`` over a few documents at once, with the domain pack the settings name."""
    from veille.extract import extract_many
    from veille.ingest.dedup import signature

    extracted = extract_many(documents, pack_name=settings.pack)
    return [
        Processed(d, tuple(e), tuple(m), tuple(c), tuple(ev), signature(d.text))
        for d, (e, m, c, ev) in zip(documents, extracted, strict=True)
    ]


def process_safely(document: Document, settings: Settings) -> Result:
    """``process`` that turns an exception into a message naming the document."""
    try:
        return process(document, settings)
    except Exception as e:  # noqa: BLE001 — reported per document, the batch goes on
        return (document, f"processing failed: {type(e).__name__}: {e}")


def process_group(documents: list[Document], settings: Settings) -> list[Result]:
    """Process a few documents together; if that fails, one by one so only the bad one fails."""
    if not documents:
        return []
    try:
        return list(process_many(documents, settings))
    except Exception:  # noqa: BLE001 — retried one by one to name the document that fails
        return [process_safely(d, settings) for d in documents]


def run(
    documents: Iterable[Document],
    settings: Settings,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """Process documents in input order: here, or on Dask when ``workers`` or ``scheduler`` is given."""
    work = partial(process_group, settings=settings)
    if workers or scheduler:
        return dask_runner.run_on_dask(
            documents, work, GROUP, workers=workers, scheduler=scheduler, chunk=settings.batch_size
        )
    return batch.run(documents, work, GROUP)


def _novel(
    items: Iterable[RawArticle | InputError], store: Store, tally: Counter, progress: Progress
) -> Iterator[Document]:
    """Clean each article and keep those whose text is not stored yet (new, or edited under its id)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            tally.failed.append((item.origin, str(item)))
            progress("fail", str(item))
            continue
        try:
            doc = prepare(item)
        except VeilleError as e:
            tally.failed.append((item.origin, str(e)))
            progress("fail", f"{item.origin}: {e}")
            continue
        if doc.hash in seen or doc.id in seen or store.has_hash(doc.hash):
            tally.unchanged.append(doc.id)
            progress("skip", doc.id)
            continue
        seen.update((doc.hash, doc.id))
        yield doc


def ingest(
    inputs: Sequence[str],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Read, process and store every article of ``inputs``; one bad input never stops the rest."""
    from veille.ingest.sources import read_sources

    return ingest_items(read_sources(inputs, settings), store, settings, progress, workers, scheduler)


def ingest_items(
    items: Iterable[RawArticle | InputError],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Process and store articles already read (``veille watch`` reads its sources itself)."""
    progress = progress or (lambda event, label: None)
    check_pack(settings)
    tally = Counter()
    refresh_facts(store)  # finish what an interrupted run left
    docs = _novel(items, store, tally, progress)
    index = duplicate_index(store)
    chunk: list[Processed] = []
    for result in run(docs, settings, workers=workers, scheduler=scheduler):
        if isinstance(result, Processed):
            chunk.append(result)
            progress("done", result.document.id)
        else:
            doc, message = result
            tally.failed.append((doc.id, message))
            progress("fail", f"{doc.id}: {message}")
        if len(chunk) >= settings.batch_size:
            write(store, chunk, tally, index)
            chunk = []
    write(store, chunk, tally, index)
    refresh_facts(store)
    return tally.freeze()


def ingest_documents(documents: Iterable[Document], store: Store, settings: Settings) -> IngestReport:
    """Process and store documents already cleaned (the API's entry point)."""
    check_pack(settings)
    tally = Counter()
    items = []
    for doc in documents:
        if store.has_hash(doc.hash):
            tally.unchanged.append(doc.id)
        else:
            items.append(process(doc, settings))
    write(store, items, tally, duplicate_index(store))
    refresh_facts(store)
    return tally.freeze()


def check_pack(settings: Settings) -> None:
    """Read the domain pack the settings name: a bad ``VEILLE_PACK`` is one clear error up front."""
    from veille.packs import load_pack

    load_pack(settings.pack)


def write(store: Store, items: list[Processed], tally: Counter, index: NearDuplicates) -> None:
    """Store a batch in one transaction (an edited document replacing its old text), then link
    near-duplicates of what was written."""
    if not items:
        return
    from veille.reconcile import fact_key

    edited = {p.document.id for p in items if store.has_id(p.document.id)}
    written = set(store.save(items, fact_key))
    new = [p for p in items if p.document.id in written]
    tally.ingested.extend(p.document.id for p in new if p.document.id not in edited)
    tally.updated.extend(p.document.id for p in new if p.document.id in edited)
    tally.unchanged.extend(p.document.id for p in items if p.document.id not in written)
    tally.claims += sum(len(p.claims) for p in new)
    pairs = []
    for p in new:
        pairs += [
            (p.document.id, other, sim) for other, sim in index.query(p.minhash) if other != p.document.id
        ]
        index.add(p.document.id, p.minhash)
    if pairs:
        store.link_duplicates(pairs)
        tally.near_duplicates.extend((a, b) for a, b, _ in pairs)


def duplicate_index(store: Store) -> NearDuplicates:
    """The near-duplicate index of what is stored, built once per batch."""
    from veille.ingest.dedup import NearDuplicates

    return NearDuplicates(store.signatures())


def refresh_facts(store: Store) -> int:
    from veille.reconcile import refresh

    return refresh(store)


def delete(store: Store, doc_id: str) -> bool:
    """Remove a document and all derived from it, then re-reconcile what it supported."""
    if not store.has_id(doc_id):
        return False
    store.delete(doc_id)
    refresh_facts(store)
    return True
