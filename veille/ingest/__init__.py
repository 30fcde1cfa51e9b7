"""Ingestion: inputs (files, folders, JSON Lines, pages, feeds) to clean documents.

    read_sources(inputs, settings)  → RawArticle, or the InputError of a bad input (yielded)
    to_document(raw)                → Document (clean text, metadata, language, hash)
    signature(text), NearDuplicates → near-duplicate detection (MinHash LSH)

The names are imported on first use, so importing this package loads nothing heavy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "read_sources": "veille.ingest.sources",
    "to_document": "veille.ingest.clean",
    "signature": "veille.ingest.dedup",
    "NearDuplicates": "veille.ingest.dedup",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
