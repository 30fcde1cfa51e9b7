"""From a raw article to a clean ``Document``: extraction, normalisation, date, language, hash.

HTML goes through trafilatura (main text, title, date, site name). Every text is then
repaired with ftfy, put in Unicode NFC, its whitespace normalised (paragraph breaks kept
as they are: the NLP uses them as sentence boundaries) and its blog boilerplate removed
(the vocabulary is data: ``boilerplate.json``). The content hash is over that clean text.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from veille.errors import EmptyInput
from veille.ingest.files import fail
from veille.models import Document, RawArticle

LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "nl")
_LANG_NAMES = {"french": "fr", "français": "fr", "francais": "fr", "english": "en", "anglais": "en"}
_MONTHS = {
    **dict.fromkeys(("janvier", "janv", "january", "jan"), 1),
    **dict.fromkeys(("février", "fevrier", "févr", "fevr", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("avril", "avr", "april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juin", "june", "jun"), 6),
    **dict.fromkeys(("juillet", "juil", "july", "jul"), 7),
    **dict.fromkeys(("août", "aout", "august", "aug"), 8),
    **dict.fromkeys(("septembre", "sept", "september", "sep"), 9),
    **dict.fromkeys(("octobre", "oct", "october"), 10),
    **dict.fromkeys(("novembre", "nov", "november"), 11),
    **dict.fromkeys(("décembre", "decembre", "déc", "dec", "december"), 12),
}
_PREFIX = (
    r"(?:(?:publié|publiée|publie|mis à jour|mise à jour|modifié|posted|published|updated|last updated)"
    r"(?:\s+(?:le|on))?\s*:?\s*|le\s+|on\s+)?"
)
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?"
)
_TIME = (
    r"(?:\s*(?:,|à|at|-|–|—|\|)?\s*\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*(?:am|pm|utc|gmt|cet|cest))?)?\.?"
)
_MONTH = r"(?P<mon>[^\W\d_]{3,10})\.?"
_FORMS = (
    rf"(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+{_MONTH}\s+(?P<y>\d{{4}})",
    rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
    r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})",
)
_DATES = tuple(re.compile(_PREFIX + _WEEKDAY + form + _TIME, re.I) for form in _FORMS)
_ISO = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?=$|[T\s])")
_MONTH_YEAR = re.compile(r"^([^\W\d_]{3,10})\.?\s+(\d{4})$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
_BLANKS = re.compile(r"\n{3,}")
MAX_PREFIX_LINE = 300
PRUNE = ["//nav", "//footer", "//aside"]  # never article text, even in a fallback
_PAGE = re.compile(r"<(?:html|body)[\s>]", re.I)


# dates --------------------------------------------------------------------------


def _iso(year: str | int, month: str | int | None = None, day: str | int | None = None) -> str | None:
    """ISO 8601 at the precision given, or None when it is not a real date."""
    y, m, d = int(year), int(month or 1), int(day or 1)
    try:
        dt.date(y, m, d)
    except ValueError:
        return None
    if not 1800 <= y <= 2200:
        return None
    return f"{y:04d}" + (f"-{m:02d}" if month else "") + (f"-{d:02d}" if month and day else "")


def _date_in(text: str, whole: bool) -> str | None:
    """A day-precision date that is ``text`` (``whole``) or starts it, in French or English."""
    for pattern in _DATES:
        found = pattern.fullmatch(text) if whole else pattern.match(text)
        if not found:
            continue
        parts = found.groupdict()
        month = _MONTHS.get(parts["mon"].lower()) if parts.get("mon") else int(parts["m"])
        day = int(parts["d"])
        if month is None:
            continue
        if not parts.get("mon") and month > 12 >= day:  # 06/22/2025: US order
            month, day = day, month
        return _iso(parts["y"], month, day)
    return None


def parse_date(value: str | None) -> str | None:
    """A metadata date as ISO (``2025-09-14``, or ``2025-09`` / ``2025`` at that precision).

    Reads ISO dates and datetimes, French and English dates, RFC 2822 (feeds); None when
    the value cannot be read.
    """
    text = " ".join((value or "").split())
    if not text:
        return None
    if found := _ISO.match(text):
        return _iso(*found.groups())
    if day := _date_in(text, whole=False):
        return day
    if (found := _MONTH_YEAR.match(text)) and (month := _MONTHS.get(found.group(1).lower())):
        return _iso(found.group(2), month)
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def date_from_text(text: str, lines: int = 3) -> str | None:
    """The date of a date line among the first non-empty lines (``dimanche 22 juin 2025``)."""
    heads = [line.strip() for line in text.splitlines() if line.strip()][:lines]
    for line in heads:
        if len(line) <= 80 and (found := _date_in(line, whole=True)):
            return found
    return None


# text ---------------------------------------------------------------------------


@cache
def _boilerplate() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """The exact lines, line prefixes and trailing lines of every language, as match keys."""
    data = json.loads(resources.files("veille.ingest").joinpath("boilerplate.json").read_text("utf-8"))
    langs = [v for k, v in data.items() if not k.startswith("_")]
    exact = frozenset(_key(s) for lang in langs for s in lang.get("exact", []))
    prefixes = tuple(s.casefold() for lang in langs for s in lang.get("prefix", []))
    trailing = frozenset(_key(s) for lang in langs for s in lang.get("trailing", []))
    return exact, prefixes, trailing


def _key(line: str) -> str:
    """A line as compared with the vocabulary: case-folded, straight quotes, no final ':' or dots."""
    return line.casefold().replace("’", "'").replace(" :", ":").rstrip(" :.…!").strip()


def remove_boilerplate(text: str) -> str:
    """The text without comment-form, sharing and subscription lines, nor trailing teasers."""
    exact, prefixes, trailing = _boilerplate()
    kept = []
    for line in text.split("\n"):
        folded = line.casefold().replace("’", "'").replace(" :", ":")
        if _key(line) in exact or (len(line) <= MAX_PREFIX_LINE and folded.startswith(prefixes)):
            continue
        kept.append(line)
    while kept and (not kept[-1].strip() or _key(kept[-1]) in trailing):
        kept.pop()
    return _BLANKS.sub("\n\n", "\n".join(kept)).strip()


# "vendue en 2018.Le groupe": a full stop glued to the next sentence (a lost line break)
_GLUED = re.compile(r"(?<![\w./@])([\w)»\"']*[a-zà-ÿ0-9)»\"'])\.([A-ZÀ-Ý][a-zà-ÿ]+)(?![\w.])")


def normalise_text(text: str) -> str:
    """ftfy repairs, NFC, one space between words, stripped lines, at most one blank line, a
    space after a full stop glued to the next sentence ("en 2018.Le groupe" → "en 2018. Le")."""
    import ftfy

    text = unicodedata.normalize("NFC", ftfy.fix_text(text)).translate(_INVISIBLE)
    lines = (_SPACES.sub(" ", _GLUED.sub(r"\1. \2", line)).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def clean_text(text: str) -> str:
    """The text as stored and analysed: normalised, boilerplate removed."""
    return remove_boilerplate(normalise_text(text))


def _one_line(value: str | None) -> str | None:
    """A title or a name, repaired and on one line."""
    if not value:
        return None
    return " ".join(normalise_text(value).split()) or None


# language -----------------------------------------------------------------------


@cache
def _detector() -> Any:
    """The lingua detector for a handful of languages, built once per process."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language among ``LANGUAGES``, or ``und``."""
    language = _detector().detect_language_of(text[:3000])
    return language.iso_code_639_1.name.lower() if language is not None else "und"


def normalise_lang(value: str | None) -> str | None:
    """``fr-FR``, ``FR``, ``french`` → ``fr``; None when it does not look like a language."""
    if not value:
        return None
    code = re.split(r"[-_\s]", value.strip().lower())[0]
    code = _LANG_NAMES.get(code, code)
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


# documents ----------------------------------------------------------------------


def _extract(raw: RawArticle) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page with trafilatura, precision first."""
    import trafilatura
    from trafilatura.settings import set_date_params

    html = raw.html or ""
    if not _PAGE.search(html[:10000]):  # a fragment (feed entry, JSON line): make it a page
        html = f"<html><body><article>{html}</article></body></html>"
    result = trafilatura.bare_extraction(
        html,
        url=raw.url,
        include_comments=False,
        with_metadata=True,
        favor_precision=True,
        prune_xpath=PRUNE,
        date_extraction_params=set_date_params(extensive=False),
    )
    text = getattr(result, "text", None) or ""
    if not text.strip():
        raise fail(EmptyInput, raw.origin, f"no article text found in {raw.origin}", named=True)
    found = {k: getattr(result, k, None) for k in ("title", "url", "date", "sitename")}
    return text, {k: v if isinstance(v, str) and v.strip() else None for k, v in found.items()}


def to_document(raw: RawArticle) -> Document:
    """Clean a raw article into a ``Document``.

    Metadata given with the article wins over what the page says; a date line at the top
    of the text gives ``published`` when no metadata does. Raises ``EmptyInput`` when no
    text is left.
    """
    found: dict[str, str | None] = {}
    text = raw.text or ""
    if raw.html is not None and raw.text is None:
        text, found = _extract(raw)
    text = clean_text(text)
    if not text:
        raise fail(EmptyInput, raw.origin, "no text left after cleaning")
    published = parse_date(raw.published) or parse_date(found.get("date")) or date_from_text(text)
    return Document(
        id=raw.id,
        text=text,
        hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=_one_line(raw.title or found.get("title")),
        url=raw.url or found.get("url"),
        source=_one_line(raw.source or found.get("sitename")),
        published=published,
        lang=normalise_lang(raw.lang) or detect_language(text),
    )
