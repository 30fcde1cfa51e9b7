"""Money expressions in French and English news text, as :class:`Money` records.

``find_money(text, lang)`` reads amounts written as

- a number and a scale word, with or without a currency: ``10 milliards de dollars``,
  ``1,7 milliard d'euros``, ``350 millions de dollars``, ``4 500 milliards de dollars`` (space,
  no-break or narrow no-break space between thousands), ``1.5 billion dollars``, ``14 milliards``
  (currency None: the extractor may take it from the context);
- abbreviations: ``13 Md$``, ``1,3 Md€``, ``600 M€``, ``$1bn``, ``€600m``, ``10 k€`` (a one-letter
  scale — k, M, m, B, G, T, mn — counts only next to a currency);
- a currency before the number: ``$10 billion``, ``US$ 2.5 billion``, ``€600 million``, ``USD 5m``;
- a currency alone: ``100 000 euros``, ``500 dollars`` (``livres``/``pounds`` need a scale);
- number words: ``un milliard``, ``deux millions``, ``a billion``, ``une dizaine de milliards``
  (about 10e9);
- a qualifier cue before it (``plus de``, ``environ``, ``près de``, ``estimé à``, ``au moins``,
  ``moins de``, ``jusqu'à``, ``pouvant atteindre``, ``more than``, ``nearly``, ``up to`` …),
  included in the span;
- lists and ranges sharing a scale and a currency: ``10, 13 ou 14 milliards de dollars`` gives
  three Money in USD, ``1, 10 ou 13 milliards`` gives 1e9, 1e10, 1.3e10; ``entre 10 et 20
  milliards de dollars``, ``between $10 and $20 billion``, ``10-20 milliards`` and ``10 à 20
  milliards`` give one Money with ``amount_high``; ``de 10 à 20 milliards`` (a change as
  often as a range) gives two.

In French, ``billion(s) de``/``billion(s) d'`` is 10^12 (the French word); any other
``billion`` is the English 10^9. A scale word followed by a counted noun (``800 millions
d'utilisateurs``, ``10 billion parameters``) is not money; bare numbers, years and
percentages never are. The vocabulary lives in ``values_lexicon.json``; the number and
lexicon helpers here are shared with :mod:`veille.nlp.percent` and :mod:`veille.nlp.dates`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from veille.models import Money

SP = "[ \u00a0\u202f\u2009]"  # a space inside an expression (never a line break)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
_NO_LETTER_HYPHEN = r"(?<![^\W\d_]-)"  # not the "4" of "GPT-4"


# --------------------------------------------------------------------------- shared helpers


@cache
def lexicon() -> dict[str, Any]:
    """The vocabulary file, read once per process."""
    path = Path(__file__).with_name("values_lexicon.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def normalise(text: str) -> str:
    """Curly apostrophes as ``'``; the result has the same length, so offsets hold."""
    return text.translate(_APOSTROPHES)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first; a space matches any run of spaces."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", SP + "+") for p in ordered)


def number_pattern(lang: str) -> str:
    """Digits with thousands groups and decimals: ``4 500``, ``1,7`` (fr), ``1,000.5`` (en)."""
    if lang == "en":
        groups, decimals = "[,\u00a0\u202f\u2009]", r"(?:\.\d+)?"
    else:
        groups, decimals = SP, r"(?:[.,]\d+)?"
    return rf"(?:\d{{1,3}}(?:{groups}\d{{3}})+(?!\d)|\d+){decimals}(?![.,]?\d)"


def parse_number(text: str, lang: str) -> Decimal:
    """The value of a string matched by :func:`number_pattern`."""
    digits = re.sub(SP, "", text)
    digits = digits.replace(",", "") if lang == "en" else digits.replace(",", ".")
    return Decimal(digits)


def number_words(lang: str) -> dict[str, int]:
    """Number words of a language (``deux``, ``cent``; ``a``, ``ten``)."""
    words: dict[str, int] = lexicon()["numbers"].get(lang, lexicon()["numbers"]["fr"])
    return words


def words_pattern(lang: str) -> str:
    """A run of number words: ``trois``, ``deux cents``, ``vingt et un``, ``five hundred``."""
    word = alternation(number_words(lang))
    return rf"(?:{word})(?:(?:{SP}+|-)(?:et{SP}+(?=un|onze))?(?:{word})){{0,4}}(?!\w)"


def parse_words(text: str, lang: str) -> Decimal:
    """The value of a run of number words (``deux cents`` → 200, ``vingt et un`` → 21)."""
    values, multipliers = number_words(lang), lexicon()["multipliers"]
    total, current = 0, 0
    for w in re.split(rf"(?:{SP}|-)+", text.lower()):
        if w in multipliers and multipliers[w] >= 1000:
            total, current = total + (current or 1) * multipliers[w], 0
        elif w in multipliers:
            current = (current or 1) * multipliers[w]
        elif w in values:
            current += values[w]
    return Decimal(total + current)


def is_year_like(text: str) -> bool:
    """A four-digit integer between 1900 and 2100 (never taken as an amount in a list)."""
    return bool(re.fullmatch(r"(?:19|20)\d\d|2100", text))


def list_separator() -> re.Pattern[str]:
    """What joins the members of a list or a range: ``, ``, `` ou ``, `` et ``, `` à ``, ``-``."""
    return _separator()


@cache
def _separator() -> re.Pattern[str]:
    conj = alternation(
        [*lexicon()["list_words"], *(w for w in lexicon()["range_words"]["to"] if w.isalpha())]
    )
    return re.compile(rf"{SP}*(?:,{SP}*(?:(?:{conj}){SP}+)?|(?:{conj}){SP}+|[-\u2013]{SP}*)", re.I)


def ends_with(pattern: re.Pattern[str], text: str, end: int, reach: int = 40) -> re.Match[str] | None:
    """A match of ``pattern`` (anchored with ``$``) that ends exactly at ``end``."""
    return pattern.search(text, max(0, end - reach), end)


def rstrip(text: str, end: int) -> int:
    """``end`` moved back over spaces."""
    while end > 0 and text[end - 1] in " \u00a0\u202f\u2009":
        end -= 1
    return end


# --------------------------------------------------------------------------- money


@dataclass(slots=True)
class _Item:
    """One number of the text with what stands next to it."""

    start: int
    end: int
    value: Decimal
    scale: Decimal | None
    currency: str | None
    suffix_currency: bool
    approx: bool
    count: bool  # "800 millions d'utilisateurs": a count, not money
    bare_year: bool


@cache
def _money_regex(lang: str) -> re.Pattern[str]:
    lex, cur = lexicon(), lexicon()["currencies"]
    codes = "|".join(cur["codes"])
    scales = lex["scales"]
    approx = alternation(lex["approx_numbers"])
    return re.compile(
        rf"(?:(?<![\w$])(?P<pcur>{alternation(cur['prefix'])}|(?-i:{codes})(?={SP}?\d)){SP}?)?"
        rf"(?:(?<![\w.,]){_NO_LETTER_HYPHEN}(?P<num>{number_pattern(lang)})"
        rf"|(?<!\w)(?:{alternation(lex['approx_articles'])}){SP}+(?P<approx>{approx}){SP}*(?:de|d'|of)?{SP}*"
        rf"|(?<!\w)(?P<words>{words_pattern(lang)}))"
        rf"(?:{SP}*(?P<scale>(?:{alternation(scales['words'])})(?!\w)"
        rf"|(?-i:{alternation(scales['abbrev'])})(?![A-Za-z])"
        rf"|(?P<letter>(?-i:{alternation(scales['letters'])}))(?![A-Za-z])))?"
        rf"(?:{SP}*(?P<scur>{alternation(s for s in cur['prefix'] if not s[0].isalpha())}"
        rf"|(?-i:{codes})(?![A-Za-z]))"
        rf"|{SP}+(?:(?:de|of){SP}+|d')?(?P<wcur>{alternation(cur['words'])})(?!\w))?",
        re.I,
    )


@cache
def _de_regex() -> re.Pattern[str]:
    return re.compile(rf"{SP}+(?:de{SP}|d')", re.I)


@cache
def _count_regex() -> re.Pattern[str]:
    return re.compile(rf"{SP}+(?:(?:de|of){SP}+|d')?([^\W\d_]+)", re.I)


def _is_count_noun(word: str) -> bool:
    nouns = _count_nouns()
    w = word.lower()
    return w in nouns or w.rstrip("sx") in nouns


@cache
def _count_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon()["count_nouns"])


def currency_code(symbol: str | None) -> str | None:
    """The ISO 4217 code of a currency symbol, code or word."""
    if not symbol:
        return None
    cur = lexicon()["currencies"]
    if symbol in cur["prefix"]:
        return str(cur["prefix"][symbol])
    if symbol.upper() in cur["codes"]:
        return str(cur["code_alias"].get(symbol.upper(), symbol.upper()))
    return _currency_words().get(re.sub(rf"{SP}+", " ", symbol.lower()))


@cache
def _currency_words() -> dict[str, str]:
    return {k.lower(): v for k, v in lexicon()["currencies"]["words"].items()}


def _scale(m: re.Match[str], text: str, lang: str) -> Decimal | None:
    """The multiplier of the scale word, ``billion`` read the French way before ``de``."""
    word = m.group("scale")
    if word is None:
        return None
    scales = lexicon()["scales"]
    table = _scale_table()
    value = table.get(word, table.get(word.lower()))
    if lang == "fr" and word.lower().startswith("billion") and _de_regex().match(text, m.end("scale")):
        value = scales["french_billion"]
    return Decimal(str(value)) if value is not None else None


@cache
def _scale_table() -> dict[str, float]:
    """Scale word or abbreviation → multiplier (words in lower case, abbreviations as written)."""
    scales = lexicon()["scales"]
    return {**{k.lower(): v for k, v in scales["words"].items()}, **scales["abbrev"], **scales["letters"]}


def _item(m: re.Match[str], text: str, lang: str) -> _Item | None:
    """Read one match of the money regex; None for number words without a scale."""
    scale = _scale(m, text, lang)
    end = m.end()
    currency = (
        currency_code(m.group("pcur")) or currency_code(m.group("scur")) or currency_code(m.group("wcur"))
    )
    suffix = bool(m.group("scur") or m.group("wcur"))
    if m.group("letter") and not currency:
        scale, end = None, m.end("scale") - len(m.group("scale"))
    needs = {w.lower() for w in lexicon()["currencies"]["needs_scale"]}
    if m.group("wcur") and scale is None and m.group("wcur").lower() in needs:
        currency, suffix, end = currency_code(m.group("pcur")), False, m.start("wcur")
    if m.group("num") is None and scale is None:
        return None
    end = rstrip(text, end)
    if m.group("num") is not None:
        value = parse_number(m.group("num"), lang)
    elif m.group("approx"):
        value = Decimal(lexicon()["approx_numbers"][m.group("approx").lower()])
    else:
        value = parse_words(m.group("words"), lang)
    count = bool(scale is not None and not currency and _follows_count_noun(text, end))
    bare = m.group("num") is not None and scale is None and currency is None and is_year_like(m.group("num"))
    return _Item(m.start(), end, value, scale, currency, suffix, bool(m.group("approx")), count, bare)


def _follows_count_noun(text: str, end: int) -> bool:
    m = _count_regex().match(text, end)
    return bool(m and _is_count_noun(m.group(1)))


def _chains(items: list[_Item], text: str) -> list[list[_Item]]:
    """Items joined only by list separators, in order; a bare year breaks a chain."""
    chains: list[list[_Item]] = []
    for it in items:
        prev = chains[-1][-1] if chains else None
        if (
            prev
            and not (prev.bare_year or it.bare_year)
            and list_separator().fullmatch(text, prev.end, it.start)
        ):
            chains[-1].append(it)
        else:
            chains.append([it])
    return chains


def _share(chain: list[_Item]) -> None:
    """Give list members the scale of the next member that has one (an amount with its own
    currency word stops it) and the currency of the nearest member, later ones first."""
    members = [it for it in chain if not it.count]
    scale: Decimal | None = None
    currency: str | None = None
    for it in reversed(members):
        if it.scale is None and not it.suffix_currency:
            it.scale = scale
        scale = it.scale
        it.currency = it.currency or currency
        currency = it.currency
    for it in members:
        it.currency = it.currency or currency
        currency = it.currency


@cache
def _qualifiers() -> dict[str, str]:
    """Qualifier cue (lower case, single spaces) → qualifier."""
    return {c.lower(): q for q, cues in lexicon()["qualifiers"].items() for c in cues}


@cache
def _qualifier_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<q>{alternation(_qualifiers())}){SP}*$", re.I)


@cache
def _opener_regex() -> re.Pattern[str]:
    words = lexicon()["range_words"]
    spaced = alternation(w for w in words["change"] if not w.endswith("'"))
    elided = alternation(w for w in words["change"] if w.endswith("'"))
    opener = alternation(words["open"])
    return re.compile(
        rf"(?<!\w)(?:(?P<open>{opener})|(?P<change>{spaced})){SP}+$|(?P<elided>{elided})$", re.I
    )


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier cue that ends right before ``start``, and where it begins."""
    m = ends_with(_qualifier_regex(), text, start)
    if m is None:
        return None, start
    return _qualifiers().get(re.sub(rf"{SP}+", " ", m.group("q").lower())), m.start()


def _range_start(chain: list[_Item], text: str) -> int | None:
    """Where a two-member range begins (``entre``/``between``, ``10-20``, ``10 à 20`` but not
    ``de 10 à 20``), else None."""
    if len(chain) != 2:
        return None
    a, b = chain
    words = lexicon()["range_words"]
    sep = text[a.end : b.start].strip(" \u00a0\u202f\u2009").lower()
    before = ends_with(_opener_regex(), text, a.start, 12)
    if sep in words["join"] and before and before.group("open"):
        return before.start()
    changed = before is not None and (before.group("change") or before.group("elided"))
    if sep in words["to"] and (sep in "-\u2013" or not changed):
        return a.start
    return None


def _money(it: _Item, text: str, start: int, high: _Item | None = None) -> Money:
    qualifier, q_start = _qualifier(text, start)
    if qualifier is None and it.approx:
        qualifier = "about"
    end = high.end if high else it.end
    amount = float(it.value * (it.scale or 1))
    amount_high = float(high.value * (high.scale or 1)) if high else None
    return Money(amount, it.currency, qualifier, q_start, end, text[q_start:end], amount_high)


def _is_money(it: _Item) -> bool:
    return not it.count and (it.scale is not None or it.currency is not None)


def find_money(text: str, lang: str = "fr") -> list[Money]:
    """The money expressions of ``text``, sorted by start, never overlapping (see the module doc)."""
    lang = "en" if lang == "en" else "fr"
    norm = normalise(text)
    items = [it for m in _money_regex(lang).finditer(norm) if (it := _item(m, norm, lang))]
    out: list[Money] = []
    for chain in _chains(items, norm):
        _share(chain)
        start = _range_start(chain, norm)
        if start is not None and all(_is_money(it) for it in chain):
            out.append(_money(chain[0], text, start, chain[1]))
            continue
        out += [_money(it, text, it.start) for it in chain if _is_money(it)]
    return _untangle(out, text)


def _untangle(found: list[Money], text: str) -> list[Money]:
    """Keep spans apart: a qualifier never reaches into the previous amount."""
    out: list[Money] = []
    for m in sorted(found, key=lambda m: m.start):
        if out and m.start < out[-1].end:
            start = out[-1].end
            m = Money(m.amount, m.currency, None, start, m.end, text[start : m.end], m.amount_high)
            if m.start >= m.end:
                continue
        out.append(m)
    return out
