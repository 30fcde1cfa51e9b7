"""Values and dates as reconciliation compares them: ranges, precision, the two clocks.

Two clocks run through reconciliation:

* the **world clock** — when a fact held or an event happened, as the text says: a claim's
  ``date`` (ISO at its precision: ``2019``, ``2019-07``, ``2019-07-22``);
* the **reporting clock** — when we learned it: the publication date of the document, then,
  where that is unknown, its ingestion time (only the store knows the latter; facts keep the
  publication date in ``FactValue.reported``).

A date at year or month precision stands for its whole period: ``2019`` and ``2019-07`` are
the same time at the coarser precision (:func:`same_period`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from veille.models import Fact, FactValue

ASSERTED = frozenset({"asserted", "reported"})
PROSPECTIVE = frozenset({"planned", "speculative", "conditional"})
NEGATED = "negated"
BOUNDS = frozenset({"more_than", "at_least", "less_than", "up_to"})
SYMBOLS = {"about": "≈ ", "more_than": "> ", "at_least": "≥ ", "less_than": "< ", "up_to": "≤ "}
MODALITY_FR = {
    "asserted": "affirmé",
    "reported": "rapporté",
    "planned": "prévu",
    "speculative": "hypothétique",
    "conditional": "conditionnel",
    "negated": "nié ou terminé",
}
ABOUT = 0.10  # "environ 14 milliards" stands for 14 ± 10 %
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# dates -----------------------------------------------------------------------


def normalize_date(value: str | None) -> str | None:
    """The ISO prefix of a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); None when there is none."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return year
    if day and month and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return f"{year}-{month}"
    return "-".join(p for p in (year, month, day) if p)


def precision(value: str | None) -> str | None:
    """``year``, ``month`` or ``day``; None for no date."""
    value = normalize_date(value)
    if value is None:
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def same_period(a: str | None, b: str | None) -> bool:
    """True when two known dates are the same time at the coarser precision (``2019`` ~ ``2019-07``)."""
    a, b = normalize_date(a), normalize_date(b)
    if a is None or b is None:
        return False
    return a.startswith(b) or b.startswith(a)


def bounds(value: str) -> tuple[date, date]:
    """First and last day of the period a date stands for."""
    iso = normalize_date(value)
    if iso is None:
        raise ValueError(f"not an ISO date: {value!r}")
    parts = [int(p) for p in iso.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 1, 1), date(year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, parts[2])
    return day, day


def start(value: str | None) -> str:
    """Sortable start of a date's period; ``"~"`` (after every date) when unknown."""
    iso = normalize_date(value)
    return bounds(iso)[0].isoformat() if iso else "~"


def months_apart(a: str, b: str) -> int | None:
    """Months from ``a`` to ``b`` when both give a month; None when either is a bare year."""
    na, nb = normalize_date(a), normalize_date(b)
    if na is None or nb is None or len(na) < 7 or len(nb) < 7:
        return None
    ya, ma = int(na[:4]), int(na[5:7])
    yb, mb = int(nb[:4]), int(nb[5:7])
    return (yb - ya) * 12 + (mb - ma)


# amounts -----------------------------------------------------------------------


def value_range(amount: float, qualifier: str | None, tolerance: float) -> tuple[float, float]:
    """The interval a qualified number stands for.

    ``more_than x`` → (x, ∞), ``at_least x`` → [x, ∞), ``about x`` → [0.9x, 1.1x],
    ``up_to x`` → [0, x], ``less_than x`` → [0, x); a plain number is x ± ``tolerance``·x.
    """
    if qualifier == "more_than":
        return amount * (1 + 1e-9), float("inf")
    if qualifier == "at_least":
        return amount, float("inf")
    if qualifier == "about":
        return amount * (1 - ABOUT), amount * (1 + ABOUT)
    if qualifier == "up_to":
        return 0.0, amount
    if qualifier == "less_than":
        return 0.0, amount * (1 - 1e-9)
    return amount * (1 - tolerance), amount * (1 + tolerance)


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# rendering ---------------------------------------------------------------------


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def number(x: float) -> str:
    """A number the French way: ``14``, ``32,5``."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", " ")
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def format_amount(amount: float, currency: str | None, qualifier: str | None = None) -> str:
    """``≈ 14 Md USD``, ``> 11 Md USD``, ``50 M EUR``."""
    for scale, unit in ((1e9, " Md"), (1e6, " M"), (1e3, " k")):
        if abs(amount) >= scale:
            text = number(round(amount / scale, 2)) + unit
            break
    else:
        text = number(amount)
    return SYMBOLS.get(qualifier or "", "") + text + (f" {currency}" if currency else "")


def format_value(item: Any) -> str:
    """A claim's or a fact value's quantity in short: ``≈ 14 Md USD``, ``> 11 Md USD``, ``49 %``, ``""``.

    Accepts a claim or a value, as a record or as its dict (``amount_qualifier`` or ``qualifier``).
    """
    amount, percent = _get(item, "amount"), _get(item, "percent")
    qualifier = _get(item, "amount_qualifier") or _get(item, "qualifier")
    parts = []
    if percent is not None:
        symbol = SYMBOLS.get(qualifier or "", "") if amount is None else ""
        parts.append(f"{symbol}{number(percent)} %")
    if amount is not None:
        parts.append(format_amount(amount, _get(item, "currency"), qualifier))
    return " · ".join(parts)


# the current value --------------------------------------------------------------


def is_bound(value: FactValue) -> bool:
    return value.qualifier in BOUNDS


def has_figure(value: FactValue) -> bool:
    return value.amount is not None or value.percent is not None


def current_value(fact: Fact) -> FactValue | None:
    """The value that holds now: none for a disputed fact (no single value) or an ended one.

    Values are stored in world-clock order (asserted and negated history first, prospective
    values last). For an updated fact the current value is the last of the history; for an
    agreed one the most telling asserted value (one with a figure over a bare "yes", then more
    sources, then a point value over a bound, then the later one). Prospective values are never
    current.
    """
    history = [v for v in fact.values if v.modality in ASSERTED or v.modality == NEGATED]
    asserted = [(i, v) for i, v in enumerate(history) if v.modality in ASSERTED]
    if fact.status == "disputed" or not asserted:
        return None
    if fact.status == "updated":
        last = history[-1]
        return None if last.modality == NEGATED else last
    return max(asserted, key=lambda iv: (has_figure(iv[1]), iv[1].sources, not is_bound(iv[1]), iv[0]))[1]
