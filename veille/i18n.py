"""veille's two languages, French (the default) and English: one message catalogue each.

Everything the web UI, the CLI, the Markdown exports and the timeline show to people comes
from ``veille/locales/fr.po`` or ``veille/locales/en.po``: gettext catalogues, read with
Babel the first time a language is used (no build step, no compiled ``.mo`` file).

- A message's ``msgid`` is a key, ``area.what`` (``nav.home``, ``cli.summary.updated``), and
  its ``msgstr`` the text in the catalogue's language. The CLI's help texts are the exception:
  their ``msgid`` is the English text written where Typer declares them.
- Placeholders are ``str.format`` names: ``"{n} faits"``, ``"de {start} à {end}"``.
- A count has plural forms (``msgid_plural`` and ``msgstr[0]``, ``msgstr[1]``), chosen by the
  catalogue's ``Plural-Forms``: French takes the singular for 0 and 1, English for 1 only.

Adding a string:

1. choose a key (``timeline.legend``) and add it to **both** catalogues, each in its language;
2. call ``t(lang, "timeline.legend", name=…)``, or ``tn(lang, "timeline.events", n)`` for a
   count; templates have ``t("key")`` and ``tn("key", n)`` for the page's language.

``tests/test_i18n.py`` fails when a key is in one catalogue and not the other, or a placeholder
differs; the page test renders every page in both languages and fails on any string of the
other language's catalogue.
"""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("fr", "en")
DEFAULT = "fr"
LOCALES = Path(__file__).parent / "locales"
ENV = "VEILLE_LANG"


def language(value: str | None = None) -> str:
    """``value`` if it names one of our languages (``fr``, ``en``, ``en_US.UTF-8``…), else
    ``$VEILLE_LANG``, else French."""
    for candidate in (value, os.environ.get(ENV)):
        code = (candidate or "").strip().lower().replace("-", "_").split("_")[0].split(".")[0]
        if code in LANGS:
            return code
    return DEFAULT


@cache
def catalogue(lang: str) -> Any:
    """The language's gettext translations (``babel.support.Translations``), read once per process."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    lang = lang if lang in LANGS else DEFAULT
    with (LOCALES / f"{lang}.po").open("rb") as f:
        po = read_po(f, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    return Translations(compiled)


def t(lang: str, key: str, **fields: Any) -> str:
    """The message ``key`` in ``lang``, its placeholders filled; the key itself if it is missing."""
    text: str = catalogue(lang).gettext(key)
    return text.format(**fields) if fields else text


def tn(lang: str, key: str, n: float, **fields: Any) -> str:
    """The plural form of ``key`` for the count ``n`` (``{n}`` is the count, written for ``lang``)."""
    text: str = catalogue(lang).ngettext(key, key, int(n))
    return text.format(n=number(n, lang), **fields)


def label(lang: str, area: str, name: str | None) -> str:
    """The label of a code in an area (``status``, ``modality``, ``type``…): ``t(lang, "status.agreed")``;
    an unknown code shows as it is."""
    if not name:
        return ""
    key = f"{area}.{name}"
    text = t(lang, key)
    return name if text == key else text


def predicate_label(predicate: str, lang: str) -> str:
    """How a relation reads in ``lang``: ``invests_in`` → "investit dans" / "invests in".

    The one place predicate labels come from (the web UI, the CLI, exports): the ``label`` of
    the predicate in the pack's ``predicates.json``; an unknown predicate shows as it is."""
    from veille.models import PREDICATE_INFO

    known = PREDICATE_INFO.get(predicate)
    return known.label(lang) if known else predicate


def number(value: float, lang: str) -> str:
    """``1234.5`` → "1 234,5" in French, "1,234.5" in English (Babel, the locale's rules)."""
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, 2), format="#,##0.##", locale=lang if lang in LANGS else DEFAULT))


def messages(lang: str) -> dict[str, tuple[str, ...]]:
    """Every message of a catalogue: key → its text (one per plural form), and the predicate
    labels of the pack as ``predicate.NAME``. For checks and tests."""
    from babel.messages.pofile import read_po

    with (LOCALES / f"{lang}.po").open("rb") as f:
        po = read_po(f, locale=lang)
    out: dict[str, tuple[str, ...]] = {}
    for message in po:
        ids = message.id if isinstance(message.id, list | tuple) else (message.id,)
        strings = message.string if isinstance(message.string, list | tuple) else (message.string,)
        if ids[0]:
            out[str(ids[0])] = tuple(str(s or "") for s in strings)
    from veille.models import PREDICATE_INFO  # the labels the pack holds, checked like the others

    out.update({f"predicate.{p}": (d.label(lang),) for p, d in PREDICATE_INFO.items()})
    return out
