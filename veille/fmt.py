"""Values written for people, in French or English: dates, periods, numbers, money, percents.

``fmt_date("2019-07", "fr")`` → "juillet 2019"; ``fmt_money(1.3e10, "USD", "more_than", "fr")``
→ "plus de 13 milliards de dollars"; ``value_short`` gives the compact form of tables and
Markdown ("≈ 14 Md USD" / "≈ 14 bn USD"). Every word comes from the language's catalogue
(:mod:`veille.i18n`), numbers from Babel. Presentation only: the values themselves come from
the claims and facts as stored.
"""

from __future__ import annotations

from typing import Any

from veille.i18n import DEFAULT, LANGS, t, tn
from veille.i18n import number as fmt_number

__all__ = [
    "fmt_date",
    "fmt_money",
    "fmt_number",
    "fmt_percent",
    "fmt_period",
    "fmt_value",
    "validity",
    "value_short",
]

CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "CHF")
SCALES = ((1e9, "billion"), (1e6, "million"))
SHORT_SCALES = ((1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
SYMBOLS = {"about": "≈ ", "more_than": "> ", "at_least": "≥ ", "less_than": "< ", "up_to": "≤ "}


def _lang(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    """``2019-07-22`` → (2019, 7, 22); ``2019`` → (2019, None, None); None when it is no date."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2][:2]) if len(parts) > 2 else None
    except ValueError:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    return year, month, day


def fmt_date(value: str | None, lang: str) -> str:
    """An ISO date at its precision, in words: ``2019-07`` → "juillet 2019" / "July 2019"."""
    if not value:
        return ""
    parts = _parts(value)
    if parts is None:
        return value
    year, month, day = parts
    if month is None:
        return str(year)
    name = t(_lang(lang), f"month.{month}")
    if day is None:
        return t(lang, "date.month", month=name, year=year)
    return t(lang, "date.first_day" if day == 1 else "date.day", day=day, month=name, year=year)


def is_day(value: str | None) -> bool:
    parts = _parts(value) if value else None
    return parts is not None and parts[2] is not None


def fmt_period(start: str | None, end: str | None, lang: str) -> str:
    """ "juillet 2019 → 2029", or one side only ("→ 2029" for a horizon)."""
    if start and end:
        return t(lang, "period.between", start=fmt_date(start, lang), end=fmt_date(end, lang))
    if end:
        return t(lang, "period.until", end=fmt_date(end, lang))
    return fmt_date(start, lang)


def validity(start: str | None, end: str | None, lang: str) -> str:
    """When a fact held, in a sentence's grammar: "du 24 janvier 2023 au 3 mars 2024",
    "de 2019 à 2023", "depuis juillet 2019", "jusqu'en 2029" / "from … to …", "since …", "until …"."""
    day = {"start": "_day" if is_day(start) else "", "end": "_day" if is_day(end) else ""}
    if start and end:
        since = t(lang, "validity.from" + day["start"], start=fmt_date(start, lang))
        return since + " " + t(lang, "validity.to" + day["end"], end=fmt_date(end, lang))
    if start:
        return t(lang, "validity.since" + day["start"], start=fmt_date(start, lang))
    if end:
        return t(lang, "validity.until" + day["end"], end=fmt_date(end, lang))
    return ""


def fmt_money(amount: float, currency: str | None, qualifier: str | None, lang: str) -> str:
    """Money in words at a readable scale: "13 milliards de dollars" / "$13 billion"."""
    text, scaled = fmt_number(amount, lang), False
    for size, scale in SCALES:
        if abs(amount) >= size:
            text, scaled = tn(lang, f"money.{scale}", amount / size), True
            break
    text = _with_currency(text, currency, scaled, lang)
    if qualifier:
        text = t(lang, f"qualifier.{qualifier}") + " " + text
    return text


def _with_currency(amount: str, currency: str | None, scaled: bool, lang: str) -> str:
    if not currency:
        return amount
    if currency not in CURRENCIES:
        return t(lang, "money.other", amount=amount, currency=currency)
    return t(lang, f"money.{'scaled' if scaled else 'plain'}.{currency}", amount=amount)


def money_short(amount: float, currency: str | None, qualifier: str | None, lang: str) -> str:
    """``≈ 14 Md USD`` / ``≈ 14 bn USD``, ``> 11 Md USD``, ``50 M EUR``."""
    text = fmt_number(amount, lang)
    for size, scale in SHORT_SCALES:
        if abs(amount) >= size:
            text = t(lang, f"money.short.{scale}", n=fmt_number(amount / size, lang))
            break
    return SYMBOLS.get(qualifier or "", "") + text + (f" {currency}" if currency else "")


def fmt_percent(value: float, lang: str) -> str:
    return t(lang, "percent", n=fmt_number(value, lang))


def _getter(item: Any) -> Any:
    return item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)


def fmt_value(value: Any, lang: str) -> str:
    """The figure of a claim, a fact value or their dict form, in words: money and percent, or ""."""
    get = _getter(value)
    amount, percent = get("amount"), get("percent")
    parts = []
    if amount is not None:
        qualifier = get("amount_qualifier") or get("qualifier")
        parts.append(fmt_money(float(amount), get("currency"), qualifier, lang))
    if percent is not None:
        parts.append(fmt_percent(float(percent), lang))
    if get("exclusive"):
        parts.append(t(lang, "value.exclusive"))
    return " · ".join(parts)


def value_short(item: Any, lang: str) -> str:
    """A claim's or a fact value's quantity in short: ``≈ 14 Md USD``, ``49 %``, ``""``."""
    get = _getter(item)
    amount, percent = get("amount"), get("percent")
    qualifier = get("amount_qualifier") or get("qualifier")
    parts = []
    if percent is not None:
        symbol = SYMBOLS.get(qualifier or "", "") if amount is None else ""
        parts.append(symbol + fmt_percent(float(percent), lang))
    if amount is not None:
        parts.append(money_short(float(amount), get("currency"), qualifier, lang))
    return " · ".join(parts)
