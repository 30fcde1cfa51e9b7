"""Run the per-document pipeline over many documents: in this process, or on Dask.

``run`` yields, for each document, its ``Processed`` result or ``(document, message)``
when processing failed; one failure never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from veille.models import Document, Processed

Result = Processed | tuple[Document, str]


def process_safely(document: Document) -> Result:
    """``pipeline.process`` that turns an exception into a message naming the document."""
    from veille.pipeline import process

    try:
        return process(document)
    except Exception as e:  # noqa: BLE001 — reported per document, the batch goes on
        return (document, f"processing failed: {type(e).__name__}: {e}")


def run(
    documents: Iterable[Document], workers: int | None = None, scheduler: str | None = None, chunk: int = 16
) -> Iterator[Result]:
    """Process documents in order; on a Dask cluster when ``workers`` or ``scheduler`` is given."""
    if workers or scheduler:
        from veille.dask_runner import run_on_dask

        yield from run_on_dask(documents, workers=workers, scheduler=scheduler, chunk=chunk)
        return
    group: list[Document] = []
    for doc in documents:
        group.append(doc)
        if len(group) >= GROUP:
            yield from process_group(group)
            group = []
    yield from process_group(group)


GROUP = 4  # documents annotated together in this process (see extract.PIPE_BATCH)


def process_group(documents: list[Document]) -> list[Result]:
    """Process a few documents together; if that fails, one by one so only the bad one fails."""
    from veille.pipeline import process_many

    if not documents:
        return []
    try:
        return list(process_many(documents))
    except Exception:  # noqa: BLE001 — retried one by one to name the document that fails
        return [process_safely(d) for d in documents]
