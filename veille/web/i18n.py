"""The web UI's language: French by default, English on request.

The language comes, in order, from ``?lang=`` (the switch), the ``veille_lang`` cookie
the switch leaves, and the browser's ``Accept-Language``; French otherwise. The words
themselves are in the catalogues of :mod:`veille.i18n`; templates call ``t(key)`` and
``tn(key, n)``, and :mod:`veille.fmt` writes dates, numbers and money in the same language.
"""

from __future__ import annotations

from veille.i18n import DEFAULT, LANGS

__all__ = ["COOKIE", "DEFAULT", "LANGS", "from_accept_language", "negotiate"]

COOKIE = "veille_lang"


def negotiate(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page language: explicit choice, then the cookie, then Accept-Language, then French."""
    for choice in (query, cookie):
        if choice in LANGS:
            return choice
    return from_accept_language(accept or "")


def from_accept_language(header: str) -> str:
    """The preferred of our languages in an ``Accept-Language`` header (q-values honoured)."""
    best, best_q = DEFAULT, 0.0
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        q -= position * 1e-6  # earlier wins among equals
        if lang in LANGS and q > best_q:
            best, best_q = lang, q
    return best
