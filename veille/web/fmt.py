"""Values written for people, in French or English: dates, numbers, money, percents.

``fmt_date("2019-07", "fr")`` → "juillet 2019"; ``fmt_money(1.3e10, "USD", "more_than", "fr")``
→ "plus de 13 milliards de dollars". Presentation only: the values themselves come from the
claims and facts as stored.
"""

from __future__ import annotations

from typing import Any

from veille.reconcile.render import MONTHS
from veille.web.i18n import DEFAULT, QUALIFIERS, pick

NNBSP = "\u202f"  # French thousands separator and space before %
CURRENCY_FR = {"USD": "dollars", "EUR": "euros", "GBP": "livres sterling", "JPY": "yens", "CNY": "yuans"}
CURRENCY_SIGN = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
SCALES = ((1e9, "milliard", "billion"), (1e6, "million", "million"))


def fmt_date(value: str | None, lang: str) -> str:
    """An ISO date at its precision, in words: ``2019-07`` → "juillet 2019" / "July 2019"."""
    if not value:
        return ""
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2][:2]) if len(parts) > 2 else None
    except ValueError:
        return value
    if month is None:
        return str(year)
    if not 1 <= month <= 12:
        return value
    name = MONTHS[lang if lang in MONTHS else DEFAULT][month - 1]
    if day is None:
        return f"{name} {year}"
    if lang == "en":
        return f"{day} {name} {year}"
    return f"{'1er' if day == 1 else day} {name} {year}"


def fmt_period(start: str | None, end: str | None, lang: str) -> str:
    """ "juillet 2019 → 2029", or one side only ("→ 2029" for a horizon)."""
    if start and end:
        return f"{fmt_date(start, lang)} → {fmt_date(end, lang)}"
    if end:
        return f"→ {fmt_date(end, lang)}"
    return fmt_date(start, lang)


def fmt_number(value: float, lang: str) -> str:
    """``1234.5`` → "1 234,5" in French, "1,234.5" in English; no useless decimals."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def fmt_money(amount: float, currency: str | None, qualifier: str | None, lang: str) -> str:
    """Money in words at a readable scale: "13 milliards de dollars" / "$13 billion"."""
    number, word = amount, ""
    for size, fr, en in SCALES:
        if abs(amount) >= size:
            number = amount / size
            word = en if lang == "en" else fr + ("s" if number >= 2 else "")
            break
    text = fmt_number(number, lang) + (f" {word}" if word else "")
    text = _with_currency(text, currency, bool(word), lang)
    if qualifier:
        text = f"{pick(lang, QUALIFIERS, qualifier)} {text}"
    return text


def _with_currency(text: str, currency: str | None, scaled: bool, lang: str) -> str:
    if not currency:
        return text
    if lang == "en":
        sign = CURRENCY_SIGN.get(currency)
        return f"{sign}{text}" if sign else f"{text} {currency}"
    name = CURRENCY_FR.get(currency, currency)
    if scaled and currency in CURRENCY_FR:
        return f"{text} d'{name}" if name[0] in "aeiouy" else f"{text} de {name}"
    return f"{text} {name}"


def fmt_percent(value: float, lang: str) -> str:
    return f"{fmt_number(value, lang)}%" if lang == "en" else f"{fmt_number(value, lang)}{NNBSP}%"


def fmt_value(value: Any, lang: str) -> str:
    """The figure of a claim, a fact value or their dict form: money and percent, or ""."""
    get = value.get if isinstance(value, dict) else lambda k: getattr(value, k, None)
    amount, percent = get("amount"), get("percent")
    parts = []
    if amount is not None:
        qualifier = get("amount_qualifier") or get("qualifier")
        parts.append(fmt_money(float(amount), get("currency"), qualifier, lang))
    if percent is not None:
        parts.append(fmt_percent(float(percent), lang))
    if get("exclusive"):
        parts.append("exclusif" if lang != "en" else "exclusive")
    return " · ".join(parts)
