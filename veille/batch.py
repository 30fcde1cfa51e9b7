"""The in-process runner: apply the work it is given to documents, a group at a time.

The runners (this one and :mod:`veille.dask_runner`) know nothing of what the work does:
``pipeline`` hands them ``work``, a function from a group of documents to one ``Result``
per document (``Processed``, or ``(document, message)`` when processing failed), and the
group size. They yield the results in input order; one failure never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from veille.models import Document, Result

Work = Callable[[list[Document]], list[Result]]


def run(documents: Iterable[Document], work: Work, group: int) -> Iterator[Result]:
    """``work`` over ``documents``, ``group`` at a time, in this process; results in input order."""
    for part in groups(documents, group):
        yield from work(part)


def groups(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``documents`` in lists of ``size`` (the last one may be shorter), read lazily."""
    group: list[Document] = []
    for doc in documents:
        group.append(doc)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group
