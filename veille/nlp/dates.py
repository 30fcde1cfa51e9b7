"""Date expressions in French and English news text, as :class:`DateExpr` records.

``find_dates(text, ref, lang)`` reads, with regexes over ``values_lexicon.json`` (never dateparser):

- days: ``le 11 septembre 2025``, ``mardi 28 octobre``, ``1er janvier 2020``, ``11 sept. 2025``,
  ``September 11, 2025``, ``Sept. 11``, ``2025-09-11``, ``11/09/2025`` (d/m/y in French, m/d/y in
  English); months: ``juillet 2019``, ``(mai 2025)``, ``July 2019``, and after a cue ``en mars``,
  ``in May``, or with a modifier ``mars dernier``, ``last March``;
- years after a cue (``en 2019``, ``de 2019``, ``(2019)``, ``in 2015``) or in a list after one
  (``en 2019, 2020 et 2021``); a bare number, or a year followed by a currency, a scale word or a
  counted noun (``2000 euros``), is never a date;
- fuzzy periods keep the precision of the period and say where in it: ``fin 2025`` (value
  ``2025``, fuzzy ``end``), ``début 2026`` (start), ``mi-2024`` (mid), ``fin juillet``, ``fin de
  l'année``, ``late 2025``, ``early 2026``, ``mid-2024``, ``the end of the decade``; seasons
  (``printemps``/spring and ``hiver``/winter start, ``été``/summer mid, ``automne``/fall end);
- halves and quarters (value the year): ``le second semestre 2026``, ``S2 2026``, ``H1 2026``,
  ``the second half of 2026`` → precision ``half``, fuzzy ``start`` for H1, ``end`` for H2;
  ``le premier trimestre 2025``, ``T1 2025``, ``Q3 2025`` → precision ``quarter``, fuzzy
  ``start`` (Q1), ``mid`` (Q2, Q3) or ``end`` (Q4);
- relative dates, resolved against ``ref`` only (else value None; today is never used): ``il y a
  deux ans``, ``l'an dernier``, ``cette année``, ``l'an prochain``, ``la semaine dernière``
  (precision ``week``, value the Monday of that week), ``le mois dernier``, ``hier``, ``mardi``
  (the latest Tuesday on or before ``ref``), ``le 11 septembre`` (``ref``'s year, or the year
  before if that falls after ``ref``; the next one after an ``until``/``after`` cue or
  ``prochain``; with a weekday, the year where the weekday fits), ``la prochaine décennie``
  (2030 for 2025, fuzzy start), ``dans deux ans``, ``last year``, ``two years ago``, ``on Tuesday``;
- ranges: ``entre 2019 et 2021``, ``de 2019 à 2021``, ``2019-2021``, ``de janvier à mars 2025``,
  ``from 2019 to 2021`` → a ``since`` and an ``until``;
- durations: ``sur dix ans``, ``pendant cinq ans``, ``sur les cinq prochaines années``, ``over ten
  years``, ``for five years``, ``a five-year deal`` → kind ``duration``, value None, ``years``.

``kind`` comes from the cue before the date: ``since`` (depuis, à partir de, dès, since),
``until`` (d'ici, jusqu'en, avant, by, until, through), ``after`` (au-delà de, après, beyond),
else ``point``; the span includes the cue for those three. Precisions: ``year``, ``half``,
``quarter``, ``month``, ``week``, ``day``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from veille.models import DateExpr
from veille.nlp.money import SP, alternation, ends_with, lexicon, list_separator, normalise, rstrip

YEAR = r"(?:19\d\d|20\d\d|2100)(?!\w)(?![.,]\d)"
_HALF = {1: "start", 2: "end"}
_QUARTER = {1: "start", 2: "mid", 3: "mid", 4: "end"}
_PRECISION = {"year": "year", "decade": "year", "month": "month", "week": "week", "day": "day"}


@dataclass(frozen=True, slots=True)
class _Ref:
    year: int
    month: int | None
    day: int | None


@dataclass(slots=True)
class _Spec:
    """What an expression says, before it is resolved against the reference date."""

    precision: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    fuzzy: str | None = None
    rel: tuple[str, int] | None = None  # ("year", -1): last year
    direction: str | None = None  # prev | next, for a weekday or a month without a year
    years: float | None = None  # durations
    kind: str | None = None  # set by the expression itself (ranges, durations, "depuis deux ans")
    needs_cue: bool = False  # a bare year or month counts only after a cue


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    spec: _Spec


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The vocabulary tables (keys in lower case) and compiled patterns of one language."""

    lang: str
    words: dict[str, dict[str, Any]]
    patterns: dict[str, re.Pattern[str]]


def _key(s: str) -> str:
    return re.sub(rf"{SP}+", " ", s.lower()).rstrip(".")


def _table(section: str, lang: str) -> dict[str, Any]:
    return {_key(k): v for k, v in lexicon()[section][lang].items()}


# --------------------------------------------------------------------------- grammar


_SECTIONS = (
    "months",
    "month_abbrevs",
    "weekdays",
    "date_numbers",
    "ordinals",
    "periods",
    "fuzzy",
    "seasons",
    "date_cues",
    "relative",
    "units",
    "ago",
    "range_cues",
    "relative_blockers",
    "modifiers",
)


@cache
def _grammar(lang: str) -> _Grammar:
    words = {name: _table(name, lang) for name in _SECTIONS}
    return _Grammar(lang, words, {name: re.compile(p, re.I) for name, p in _patterns(lang).items()})


def _fragments(lang: str) -> dict[str, str]:
    lex = lexicon()
    months, abbrevs = alternation(lex["months"][lang]), alternation(lex["month_abbrevs"][lang])
    dot = r"\." if lang == "fr" else r"\.?"
    rel = [k for k in lex["relative"][lang] if k not in lex["bare_relative"][lang]]
    return {
        "MONTH": rf"(?:(?:{months})(?!\w)|(?:{abbrevs}){dot}(?!\w))",
        "MONTH_FULL": rf"(?:{months})(?!\w)",
        "DAY": r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?",
        "WD": alternation(lex["weekdays"][lang]),
        "NUM": rf"\d{{1,3}}(?:[.,]\d+)?(?!\d)|(?:{alternation(lex['date_numbers'][lang])})(?!\w)",
        "UNITS": rf"(?:{alternation(lex['units'][lang])})(?!\w)",
        "MODS": rf"(?:{alternation(lex['modifiers']['fr'])})(?!\w)" if lang == "fr" else "(?!)",
        "PMODS": rf"(?:{alternation(lex['modifiers']['en'])})" if lang == "en" else "(?!)",
        "REL": alternation(rel),
        "REL_ALL": alternation(lex["relative"][lang]),
        "FUZZY": alternation(lex["fuzzy"][lang]),
        "OPEN": alternation(lex["range_cues"][lang]),
        "JOIN": alternation({w for ws in lex["range_cues"][lang].values() for w in ws}),
    }


def _patterns(lang: str) -> dict[str, str]:
    f = _fragments(lang)
    lex = lexicon()
    sep = rf"{SP}+" if lang == "fr" else rf",?{SP}+"
    out = {
        "iso": r"(?<![\w-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\w-])",
        "numeric": r"(?<![\w/.])(?P<a>\d{1,2})(?P<s>[/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})(?![\w/]|\.\d)",
        "dmy": rf"(?<!\w)(?:(?P<wd>{f['WD']}){SP}*,?{SP}*)?(?P<d>{f['DAY']}){SP}*(?:of{SP}+)?(?P<m>{f['MONTH']})"
        rf"(?:{sep}(?P<y>{YEAR})|{SP}+(?P<mod>{f['MODS']}))?",
        "my": rf"(?<!\w)(?P<m>{f['MONTH']}){SP}*(?:(?:de|of){SP}+)?(?P<y>{YEAR})",
        "month": rf"(?<!\w)(?:(?P<pmod>{f['PMODS']}){SP}+)?(?P<m>{f['MONTH_FULL']})(?:{SP}+(?P<mod>{f['MODS']}))?",
        "fuzzy": rf"(?<!\w)(?P<fz>{f['FUZZY']}){SP}*(?:(?P<m>{f['MONTH']})(?:{SP}*(?:(?:de|of){SP}+)?(?P<y>{YEAR}))?"
        rf"|(?P<y2>{YEAR})|(?P<rel>{f['REL_ALL']})(?!\w))",
        "period": rf"(?<!\w)(?P<ord>{alternation(lex['ordinals'][lang])}){SP}+(?P<per>{alternation(lex['periods'][lang])})"
        rf"(?:{SP}+(?:(?:de|of){SP}+(?:l'(?:année|exercice){SP}+|the{SP}+year{SP}+)?)?(?P<y>{YEAR}))?(?!\w)",
        "code": rf"(?<!\w)(?P<code>(?-i:[SHTQ]))(?P<n>[1-4]){SP}*(?P<y>{YEAR})",
        "season": rf"(?<!\w)(?P<season>{alternation(lex['seasons'][lang])}){SP}+(?:(?:de|of){SP}+)?(?P<y>{YEAR})",
        "year": rf"(?<![\w.,])(?<!\d[-\u2013])(?P<y>{YEAR})",
        "yrange": rf"(?<![\w.,])(?P<y>{YEAR}){SP}?[-\u2013]{SP}?(?P<y2>{YEAR}|\d\d(?!\w))",
        "range": rf"(?<!\w)(?P<open>{f['OPEN']}){SP}*(?:(?P<m>{f['MONTH']})(?:{SP}+(?P<y>{YEAR}))?|(?P<y1>{YEAR}))"
        rf"{SP}*(?P<join>{f['JOIN']}){SP}*(?:(?P<m2>{f['MONTH']}){SP}+)?(?P<y2>{YEAR})",
        "relative": rf"(?<!\w)(?P<rel>{f['REL']})(?!\w)",
        "weekday": rf"(?<!\w)(?:(?P<pmod>{f['PMODS']}){SP}+)?(?P<wd>{f['WD']})(?!\w)(?:{SP}+(?P<mod>{f['MODS']}))?",
        "duration": rf"(?<!\w)(?P<cue>{alternation(lex['duration_cues'][lang])}){SP}+(?:(?:les|des|the){SP}+)?"
        rf"(?:(?:{alternation(lex['duration_adjectives'])}){SP}+)?(?P<n>{f['NUM']}){SP}+"
        rf"(?:(?:{alternation(lex['duration_adjectives'])}){SP}+)?(?P<u>{f['UNITS']})(?:{SP}+à{SP}+venir)?",
    }
    ago = alternation(lex["ago"][lang])
    if lang == "en":
        out["mdy"] = rf"(?<!\w)(?:(?P<wd>{f['WD']}){SP}*,?{SP}*)?(?P<m>{f['MONTH']}){SP}*(?P<d>{f['DAY']})"
        out["mdy"] += rf"(?:,?{SP}+(?P<y>{YEAR}))?"
        out["ago"] = rf"(?<!\w)(?P<n>{f['NUM']}){SP}+(?P<u>{f['UNITS']}){SP}+(?P<cue>{ago})(?!\w)"
        out["nyear"] = rf"(?<!\w)(?P<n>{f['NUM']})-(?P<u>{f['UNITS']})(?:-long)?(?!\w)"
    else:
        out["ago"] = rf"(?<!\w)(?P<cue>{ago}){SP}+(?P<n>{f['NUM']}){SP}+(?P<u>{f['UNITS']})"
    return out


# --------------------------------------------------------------------------- readers


def _month(m: re.Match[str], g: _Grammar, group: str = "m") -> int | None:
    word = m.group(group)
    if word is None:
        return None
    if g.lang == "en" and not word[0].isupper():
        return None  # "may", "march" are English words too
    key = _key(word)
    found = g.words["months"].get(key) or g.words["month_abbrevs"].get(key)
    return int(found) if found else None


def _number(text: str, g: _Grammar) -> float | None:
    word = g.words["date_numbers"].get(_key(text))
    if word is not None:
        return float(word)
    try:
        return float(Decimal(text.replace(",", ".")))
    except InvalidOperation:
        return None


def _day(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else 1


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February without a year is fine
    except ValueError:
        return False
    return True


def _direction(m: re.Match[str], g: _Grammar) -> str | None:
    """``prev`` for dernier/last, ``next`` for prochain/next."""
    mod = m.groupdict().get("mod") or m.groupdict().get("pmod")
    return g.words["modifiers"].get(_key(mod)) if mod else None


def _dated(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    """iso, numeric, dmy: a day, with or without a year."""
    if "a" in m.groupdict():
        a, b = int(m.group("a")), int(m.group("b"))
        day, month = (a, b) if g.lang == "fr" else (b, a)
    elif "mo" in m.groupdict():
        day, month = int(m.group("d")), int(m.group("mo"))
    else:
        day, month = _day(m.group("d")), _month(m, g) or 0
    year = int(m.group("y")) if m.group("y") else None
    if not month or not _valid(year, month, day) or (year is not None and not 1900 <= year <= 2100):
        return []
    weekday = g.words["weekdays"].get(_key(m.group("wd"))) if m.groupdict().get("wd") else None
    return [_Spec("day", year, month, day, weekday=weekday, direction=_direction(m, g))]


def _month_year(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    month = _month(m, g)
    return [_Spec("month", int(m.group("y")), month)] if month else []


def _month_alone(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    month = _month(m, g)
    direction = _direction(m, g)
    return [_Spec("month", None, month, direction=direction, needs_cue=direction is None)] if month else []


def _fuzzy(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    """fin 2025, mi-juillet, fin de l'année, début de la prochaine décennie."""
    fuzzy = g.words["fuzzy"].get(_key(m.group("fz")))
    if m.group("rel"):
        rel = g.words["relative"].get(_key(m.group("rel")))
        if rel is None or rel[0] not in ("year", "decade", "month"):
            return []
        return [_Spec(_PRECISION[rel[0]], fuzzy=fuzzy, rel=(rel[0], rel[1]))]
    if m.group("m"):
        month = _month(m, g)
        year = int(m.group("y")) if m.group("y") else None
        return [_Spec("month", year, month, fuzzy=fuzzy)] if month else []
    return [_Spec("year", int(m.group("y2")), fuzzy=fuzzy)]


def _period(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    """Halves and quarters: le second semestre 2026, T1 2025, the third quarter."""
    if m.groupdict().get("code"):
        per = lexicon()["period_codes"][m.group("code").upper()]
        n = int(m.group("n"))
    else:
        per = g.words["periods"][_key(m.group("per"))]
        n = int(g.words["ordinals"][_key(m.group("ord"))])
    if per == "half":
        n = 2 if n == 4 else n  # "le dernier semestre"
    positions = _HALF if per == "half" else _QUARTER
    if n not in positions:
        return []
    year = int(m.group("y")) if m.group("y") else None
    return [_Spec(per, year, fuzzy=positions[n])]


def _season(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    return [_Spec("year", int(m.group("y")), fuzzy=g.words["seasons"][_key(m.group("season"))])]


def _year(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    return [_Spec("year", int(m.group("y")), needs_cue=True)]


def _year_range(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    first, second = int(m.group("y")), m.group("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return []
    return [_Spec("year", first, kind="since"), _Spec("year", last, kind="until")]


def _range(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    """entre 2019 et 2021, de janvier à mars 2025, from 2019 to 2021."""
    joins = g.words["range_cues"].get(_key(m.group("open")), [])
    if _key(m.group("join")) not in joins:
        return []
    y2 = int(m.group("y2"))
    if m.group("y1"):
        y1 = int(m.group("y1"))
        if m.group("m2"):
            return []
        return [_Spec("year", y1, kind="since"), _Spec("year", y2, kind="until")] if y1 < y2 else []
    m1, m2 = _month(m, g), _month(m, g, "m2")
    if not m1 or not m2:
        return []
    y1 = int(m.group("y")) if m.group("y") else y2
    return [_Spec("month", y1, m1, kind="since"), _Spec("month", y2, m2, kind="until")]


def _relative(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    key = _key(m.group("rel"))
    blockers = g.words["relative_blockers"].get(key, [])
    if blockers and ends_with(_blocker_regex(tuple(blockers)), m.string, m.start(), 6):
        return []
    unit, offset = g.words["relative"][key]
    return [_Spec(_PRECISION[unit], rel=(unit, offset), fuzzy="start" if unit == "decade" else None)]


@cache
def _blocker_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(words)}){SP}*$", re.I)


def _weekday(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    return [_Spec("day", weekday=int(g.words["weekdays"][_key(m.group("wd"))]), direction=_direction(m, g))]


def _ago(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    """il y a deux ans, depuis trois mois, dans deux ans, two years ago."""
    n = _number(m.group("n"), g)
    unit = g.words["units"][_key(m.group("u"))]
    kind, sign = g.words["ago"][_key(m.group("cue"))]
    if n is None or n != int(n):
        return []
    if unit == "decade":
        unit, n = "year", n * 10
    return [_Spec(_PRECISION[unit], rel=(unit, sign * int(n)), kind=kind)]


def _duration(m: re.Match[str], g: _Grammar) -> list[_Spec]:
    """sur dix ans, pendant cinq ans, over ten years, a five-year deal."""
    n = _number(m.group("n"), g)
    unit = g.words["units"][_key(m.group("u"))]
    if n is None or n <= 0:
        return []
    return [_Spec(None, years=round(n * lexicon()["unit_years"][unit], 6), kind="duration")]


_READERS: dict[str, Callable[[re.Match[str], _Grammar], list[_Spec]]] = {
    "iso": _dated,
    "numeric": _dated,
    "dmy": _dated,
    "mdy": _dated,
    "my": _month_year,
    "month": _month_alone,
    "fuzzy": _fuzzy,
    "period": _period,
    "code": _period,
    "season": _season,
    "year": _year,
    "yrange": _year_range,
    "range": _range,
    "relative": _relative,
    "weekday": _weekday,
    "ago": _ago,
    "duration": _duration,
    "nyear": _duration,
}


# --------------------------------------------------------------------------- cues and choice


@cache
def _cue_regex(lang: str) -> re.Pattern[str]:
    cues = alternation(lexicon()["date_cues"][lang])
    spaced = alternation(a for a in lexicon()["articles"] if not a.endswith("'"))
    elided = alternation(a for a in lexicon()["articles"] if a.endswith("'"))
    return re.compile(rf"(?<!\w)(?P<cue>{cues}){SP}*(?:(?:{spaced}){SP}+|(?:{elided}))?$", re.I)


def _cue(text: str, start: int, g: _Grammar) -> tuple[str | None, int]:
    """The kind the cue right before ``start`` gives, and where the cue begins."""
    m = ends_with(_cue_regex(g.lang), text, start, 30)
    if m is None:
        return None, start
    return g.words["date_cues"].get(_key(m.group("cue"))), m.start()


@cache
def _money_after() -> re.Pattern[str]:
    lex = lexicon()
    words = [*lex["currencies"]["words"], *lex["scales"]["words"], *lex["count_nouns"]]
    return re.compile(
        rf"{SP}*(?:%|[$€£¥])|{SP}\d{{3}}(?!\d)|{SP}+(?:{alternation(words)})(?:s|x)?(?!\w)",
        re.I,
    )


# Patterns whose every match holds a digit (a year, a day number, "T1"): not run on a text
# without one, most sentences. A pattern given a reading without digits must leave this set.
NEEDS_DIGIT = frozenset({"iso", "numeric", "my", "code", "season", "year", "yrange", "range"})
_DIGIT = re.compile(r"\d")


def _candidates(text: str, g: _Grammar) -> list[list[_Cand]]:
    """Every reading of every pattern, as groups of candidates (a range is a group of two)."""
    groups: list[list[_Cand]] = []
    digits = _DIGIT.search(text) is not None
    for name, pattern in g.patterns.items():
        if not digits and name in NEEDS_DIGIT:
            continue
        for m in pattern.finditer(text):
            specs = _READERS[name](m, g)
            if len(specs) == 2:
                join = m.start("join") if "join" in m.groupdict() else m.start("y2")
                first_end = m.end("y") if name == "yrange" else join
                groups.append(
                    [_Cand(m.start(), rstrip(text, first_end), specs[0]), _Cand(join, m.end(), specs[1])]
                )
            elif specs:
                groups.append([_Cand(m.start(), m.end(), specs[0])])
    return groups


def _with_cues(groups: list[list[_Cand]], text: str, g: _Grammar) -> list[list[_Cand]]:
    """Set each date's kind from the cue before it; drop bare years and months without one."""
    out: list[list[_Cand]] = []
    previous: _Cand | None = None  # the last year kept, to read "en 2019, 2020 et 2021"
    for group in sorted(groups, key=lambda grp: grp[0].start):
        c = group[0]
        if len(group) > 1 or c.spec.kind is not None:
            out.append(group)
            continue
        kind, start = _cue(text, c.start, g)
        if c.spec.needs_cue and c.spec.precision == "year" and _money_after().match(text, c.end):
            continue
        if c.spec.needs_cue and kind is None:
            if (
                not previous
                or c.spec.precision != "year"
                or not list_separator().fullmatch(text, previous.end, c.start)
            ):
                continue
            kind = previous.spec.kind
        c.spec.kind = kind or "point"
        if c.spec.kind in ("since", "until", "after"):
            c.start = start
        if c.spec.needs_cue and c.spec.precision == "year":
            previous = c
        out.append(group)
    return out


def _choose(groups: list[list[_Cand]]) -> list[_Cand]:
    """The longest readings that do not overlap, in text order."""
    spans: list[tuple[int, int]] = []  # chosen so far, sorted, never overlapping
    out: list[_Cand] = []
    for group in sorted(groups, key=lambda grp: (grp[0].start - grp[-1].end, grp[0].start)):
        start, end = group[0].start, group[-1].end
        i = bisect.bisect(spans, (start, end))
        if (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end):
            continue
        spans.insert(i, (start, end))
        out += group
    return sorted(out, key=lambda c: c.start)


# --------------------------------------------------------------------------- resolution


def _parse_ref(ref: str | None) -> _Ref | None:
    m = re.match(r"\s*(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", ref or "")
    if not m:
        return None
    year, month, day = (int(x) if x else None for x in m.groups())
    if month is not None and not 1 <= month <= 12:
        month = day = None
    if month is not None and day is not None and not _valid(year, month, day):
        day = None
    return _Ref(year or 0, month, day)


def _ref_date(ref: _Ref | None) -> date | None:
    if ref is None or ref.month is None or ref.day is None:
        return None
    return date(ref.year, ref.month, ref.day)


def _shifted(spec: _Spec, ref: _Ref | None) -> str | None:
    """A relative expression (l'an dernier, il y a trois mois, hier) against the reference."""
    assert spec.rel is not None
    unit, offset = spec.rel
    if ref is None:
        return None
    if unit == "year":
        return f"{ref.year + offset:04d}"
    if unit == "decade":
        start = (ref.year // 10 + offset) * 10
        return f"{start + 9 if spec.fuzzy == 'end' else start:04d}"
    if unit == "month":
        if ref.month is None:
            return None
        total = ref.year * 12 + ref.month - 1 + offset
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    day = _ref_date(ref)
    if day is None:
        return None
    if unit == "week":
        day += timedelta(days=7 * offset)
        return (day - timedelta(days=day.weekday())).isoformat()
    return (day + timedelta(days=offset)).isoformat()


def _on_weekday(spec: _Spec, ref: _Ref | None) -> str | None:
    """The latest such weekday on or before the reference (``dernier``: before, ``prochain``: after)."""
    day = _ref_date(ref)
    if day is None or spec.weekday is None:
        return None
    if spec.direction == "next":
        return (day + timedelta(days=(spec.weekday - day.weekday()) % 7 or 7)).isoformat()
    back = (day.weekday() - spec.weekday) % 7
    if back == 0 and spec.direction == "prev":
        back = 7
    return (day - timedelta(days=back)).isoformat()


def _year_of(spec: _Spec, ref: _Ref) -> int:
    """The year of a month or day given without one: the latest on or before the reference,
    the first after it for a horizon (until, after) or ``prochain``."""
    if spec.month is None:
        return ref.year
    if spec.weekday is not None and spec.day:  # "mardi 28 octobre": the year where that day is a Tuesday
        fitting = [y for y in (ref.year, ref.year - 1, ref.year + 1) if _weekday_of(y, spec) == spec.weekday]
        if len(fitting) == 1:
            return fitting[0]
    day = spec.day if spec.precision == "day" else None
    forward = spec.direction == "next" or (spec.direction is None and spec.kind in ("until", "after"))
    if forward:
        now = (ref.month or 1, (ref.day or 1) if day else 0)
        target = (spec.month, day or 0)
        later = target > now if spec.direction == "next" else target >= now
        return ref.year if later else ref.year + 1
    now = (ref.month or 12, (ref.day or 31) if day else 0)
    target = (spec.month, day or 0)
    earlier = target < now if spec.direction == "prev" else target <= now
    return ref.year if earlier else ref.year - 1


def _weekday_of(year: int, spec: _Spec) -> int | None:
    if spec.month is None or spec.day is None or not _valid(year, spec.month, spec.day):
        return None
    return date(year, spec.month, spec.day).weekday()


def _value(spec: _Spec, ref: _Ref | None) -> str | None:
    if spec.kind == "duration":
        return None
    if spec.rel is not None:
        return _shifted(spec, ref)
    if spec.weekday is not None and spec.month is None:
        return _on_weekday(spec, ref)
    year = spec.year
    if year is None:
        if ref is None:
            return None
        year = _year_of(spec, ref)
    if spec.precision == "day" and spec.month and spec.day:
        return f"{year:04d}-{spec.month:02d}-{spec.day:02d}" if _valid(year, spec.month, spec.day) else None
    if spec.precision == "month" and spec.month:
        return f"{year:04d}-{spec.month:02d}"
    return f"{year:04d}"


def find_dates(text: str, ref: str | None = None, lang: str = "fr") -> list[DateExpr]:
    """The date expressions of ``text``, sorted by start, never overlapping (see the module doc).

    ``ref`` is the publication date (``2025-09-14``, ``2025-09`` or ``2025``) that relative
    expressions are resolved against; without it their value is None.
    """
    g = _grammar("en" if lang == "en" else "fr")
    norm, reference = normalise(text), _parse_ref(ref)
    return [_expr(c, text, reference) for c in _choose(_with_cues(_candidates(norm, g), norm, g))]


def _expr(c: _Cand, text: str, ref: _Ref | None) -> DateExpr:
    s = c.spec
    value = _value(s, ref)
    return DateExpr(
        text[c.start : c.end], c.start, c.end, value, s.kind or "point", s.precision, s.fuzzy, s.years
    )
