"""Percentages in French and English news text, as :class:`Percent` records.

``find_percents(text, lang)`` reads

- a number and a percent sign or word: ``49 %``, ``49%``, ``32,5 %`` (fr), ``32.5%``, ``49 pour
  cent``, ``49 percent``, ``49 per cent``, with a space, no-break space (U+00A0) or narrow
  no-break space (U+202F) or nothing before the sign;
- number words before a percent word: ``cinquante pour cent``, ``ten percent``;
- a sign: ``+35 %`` gives 35, the span keeps the ``+`` (the sign is the extractor's concern);
- the percentage alone: ``27 % du capital`` covers ``27 %``;
- lists and ranges sharing the sign: ``30 % ou 33 %``, ``entre 30 et 33 %``, ``30, 31 ou 33 %``,
  ``10-15 %`` each give one Percent per number (the bare members span just their number).

Bare numbers and years in a list are never percentages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from veille.models import Percent
from veille.nlp.money import (
    SP,
    alternation,
    is_year_like,
    lexicon,
    list_separator,
    normalise,
    number_pattern,
    parse_number,
    parse_words,
    words_pattern,
)


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    value: Decimal
    percent: bool  # followed by the sign or word itself
    year: bool


@cache
def _regex(lang: str) -> re.Pattern[str]:
    units = alternation(w for w in lexicon()["percent_words"] if w != "%")
    return re.compile(
        rf"(?:(?<!\w)[+\-\u2212\u00b1]{SP}?)?(?<![\w.,])(?<![^\W\d_]-)(?P<num>{number_pattern(lang)})"
        rf"(?:{SP}*(?P<unit>%|(?:{units})(?!\w)))?"
        rf"|(?<!\w)(?P<words>{words_pattern(lang)}){SP}+(?P<wunit>{units})(?!\w)",
        re.I,
    )


def _item(m: re.Match[str], lang: str) -> _Item:
    if m.group("words"):
        return _Item(m.start(), m.end(), parse_words(m.group("words"), lang), True, False)
    num = m.group("num")
    pct = m.group("unit") is not None
    end = m.end() if pct else m.end("num")
    start = m.start() if pct else m.start("num")
    return _Item(start, end, parse_number(num, lang), pct, not pct and is_year_like(num))


def _chains(items: list[_Item], text: str) -> list[list[_Item]]:
    """Bare numbers joined by list separators to a percentage that follows them."""
    chains: list[list[_Item]] = []
    for it in items:
        prev = chains[-1][-1] if chains else None
        if (
            prev is not None
            and not prev.percent
            and not prev.year
            and not it.year
            and list_separator().fullmatch(text, prev.end, it.start)
        ):
            chains[-1].append(it)
        else:
            chains.append([it])
    return chains


@cache
def _unit_regex() -> re.Pattern[str]:
    return re.compile(alternation(w for w in lexicon()["percent_words"] if w != "%"), re.I)


def find_percents(text: str, lang: str = "fr") -> list[Percent]:
    """The percentages of ``text``, sorted by start, never overlapping (see the module doc)."""
    lang = "en" if lang == "en" else "fr"
    norm = normalise(text)
    if "%" not in norm and not _unit_regex().search(norm):
        return []  # no percent sign or word, so no percentage: one quick scan for most sentences
    items = [_item(m, lang) for m in _regex(lang).finditer(norm)]
    out: list[Percent] = []
    for chain in _chains(items, norm):
        if chain[-1].percent:
            out += [Percent(float(it.value), it.start, it.end, text[it.start : it.end]) for it in chain]
    return out
