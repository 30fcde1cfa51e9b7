"""Storage: ``open_store(url)`` picks the backend from the URL."""

from __future__ import annotations

from pathlib import Path

from veille.store.base import Store


def open_store(url: str) -> Store:
    """SQLite for a path (the default ``veille.db``), PostgreSQL for ``postgresql://`` URLs."""
    if url.startswith(("postgresql://", "postgres://")):
        from veille.store.postgres import PostgresStore

        return PostgresStore(url)
    from veille.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    return SQLiteStore(path)


def exists(url: str) -> bool:
    """Whether a store is there to read: a SQLite file that exists (``:memory:`` always), or any
    PostgreSQL URL (the server says the rest when connecting). Read commands check it first, so
    that they never create an empty database where none was."""
    if url.startswith(("postgresql://", "postgres://")):
        return True
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    return path == ":memory:" or Path(path).exists()


__all__ = ["Store", "exists", "open_store"]
