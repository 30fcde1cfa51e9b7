"""Shared by the API and browser tests: a small corpus of our own articles, a store filled by
the real pipeline (built once per test process, copied for each module), and a live uvicorn
server on a free 127.0.0.1 port in a background thread.

The articles are written for these tests. One of them is hostile: its title, outlet and
text carry ``<script>`` elements and HTML attributes that would set ``window.__pwned`` if
a page ever let them through unescaped.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

import uvicorn

from veille.config import Settings
from veille.pipeline import ingest
from veille.store import open_store

PWN = "<script>window.__pwned = 1</script>"
HOSTILE_TITLE = f'Nvidia et OpenAI {PWN} <img src=x onerror="window.__pwned=3">'
HOSTILE_SOURCE = 'Le Site <b onmouseover="window.__pwned=4">Piégé</b>'

ARTICLES: dict[str, tuple[dict[str, str], str]] = {
    "gazette-2023": (
        {
            "title": "Microsoft double la mise sur OpenAI",
            "source": "La Gazette du Numérique",
            "published": "2023-01-25",
        },
        "Microsoft a investi 10 milliards de dollars dans OpenAI en janvier 2023.\n\n"
        "Le groupe de Redmond devient ainsi le premier soutien financier du laboratoire californien. "
        "Les deux entreprises travaillent ensemble depuis plusieurs années sur les supercalculateurs.",
    ),
    "observateur-2023": (
        {"title": "Un pari à treize milliards", "source": "L'Observateur Tech", "published": "2023-02-03"},
        "Microsoft a investi 13 milliards de dollars dans OpenAI en janvier 2023.\n\n"
        "Ce montant fait de l'opération l'un des plus gros paris jamais faits sur une jeune pousse. "
        "OpenAI a été fondée en 2015 par Sam Altman.",
    ),
    "hebdo-2024": (
        {"title": "Amazon renforce Anthropic", "source": "Tech Hebdo", "published": "2024-11-22"},
        "Amazon a investi 4 milliards de dollars dans Anthropic en novembre 2024.\n\n"
        "Google détient 14 % d'Anthropic. Anthropic est un concurrent d'OpenAI.",
    ),
    "piege-2024": (
        {"title": HOSTILE_TITLE, "source": HOSTILE_SOURCE, "published": "2024-03-05"},
        f"Nvidia a signé un contrat avec OpenAI en mars 2024. {PWN}\n\n"
        'Le texte cite aussi <a href="javascript:alert(1)" onclick="window.__pwned=2">un lien</a>, '
        '<img src=x onerror="window.__pwned=5"> et des "guillemets" & des esperluettes.',
    ),
}


def _front_matter(meta: dict[str, str]) -> str:
    lines = [f"{k}: '{v.replace(chr(39), chr(39) * 2)}'" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def write_articles(folder: Path) -> list[Path]:
    """The corpus as Markdown files with front matter; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc_id, (meta, text) in ARTICLES.items():
        path = folder / f"{doc_id}.md"
        path.write_text(_front_matter(meta) + text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@cache
def _built() -> Path:
    """The corpus ingested once per test process by the real pipeline; the database path."""
    root = Path(tempfile.mkdtemp(prefix="veille-web-"))
    atexit.register(shutil.rmtree, root, True)
    db = root / "corpus.db"
    store = open_store(str(db))
    try:
        report = ingest([str(p) for p in write_articles(root / "articles")], store, Settings(db=str(db)))
    finally:
        store.close()  # the last connection checkpoints the WAL into the file
    assert report.ok, report.failed
    return db


def corpus_db(folder: Path) -> str:
    """A private copy of the ingested corpus in ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "veille.db"
    shutil.copyfile(_built(), target)
    return str(target)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving ``app`` on 127.0.0.1 from a thread while the ``with`` block runs."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="critical", ws="none", http="h11", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
