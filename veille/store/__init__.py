"""Storage: ``open_store(url)`` picks the backend from the URL."""

from __future__ import annotations

from veille.store.base import Store


def open_store(url: str) -> Store:
    """SQLite for a path (the default ``veille.db``), PostgreSQL for ``postgresql://`` URLs."""
    if url.startswith(("postgresql://", "postgres://")):
        from veille.store.postgres import PostgresStore

        return PostgresStore(url)
    from veille.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    return SQLiteStore(path)


__all__ = ["Store", "open_store"]
