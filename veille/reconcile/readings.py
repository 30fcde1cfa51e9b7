"""What reconciliation reads again in a claim's sentence: whose amount it is, and values in sequence.

Two readings, both on the evidence sentence the claim carries (its values are found again
with :mod:`veille.nlp.money` and :mod:`veille.nlp.percent`):

* **Values on the right fact.** A stake carries its percent and the value of the stake; a
  profit share its percent and its cap. So an amount leaves a ``holds_stake`` or
  ``profit_share`` claim when another claim of the same sentence carries it as an investment,
  a fund raising, a deal or a valuation ("has invested $10 billion … and is entitled to 49 %
  of the profits": the 10 billion is the investment's), and an amount told as a cap
  ("plafonnés à environ 120 milliards", "capped at") leaves a stake (it is the profit
  share's). The claim as stored is unchanged; the fact uses the corrected one.
* **Sequences.** A sentence that ties values by a condition and a sequence ("75 % des
  bénéfices jusqu'à avoir récupéré sa mise, puis 49 %", "until …, then …") makes each of those
  values one step of one arrangement: :func:`sequence` gives the values of the sequence and the
  sentence's words that tie them. A claim marks such a sequence simply by its evidence holding
  both values with the two cues; the extractor needs to do nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from veille.models import Claim

TOLERANCE = 0.005
NEIGHBOURS = frozenset(
    {"invests_in", "raises", "acquires", "contract_with", "plans_spending", "supplies", "valued_at"}
)
_CAP = re.compile(
    r"(plafonn\w*|plafond\w*|limitée?s? à|dans la limite d\w*|capped|\bcaps?\b|\bcap of|limited to|up to a maximum of)"
    r"\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"\b(jusqu'(?:à ce qu\w*|à|au|aux|en)|tant qu[e']|until|till|as long as)\s*", re.IGNORECASE
)
_THEN = re.compile(
    r"(?:,\s*|\s)(puis|ensuite|après quoi|avant de|then|thereafter|after which)\b", re.IGNORECASE
)
_BOUND_GAP = re.compile(r"(?:[^\W\d]+\s+)?")  # "jusqu'à 4 milliards", "jusqu'à environ 30 %": a bound


@dataclass(frozen=True, slots=True)
class Sequence:
    """Values one sentence ties in order ("75 % jusqu'à …, puis 49 %"), and the words that tie them."""

    values: tuple[float, ...]
    words: (
        str  # from the condition to the last value: "jusqu'à avoir récupéré sa mise, puis détiendrait 49 %"
    )


def _spans(c: Claim, lang: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of the claim's measure in its sentence: percents, else amounts."""
    from veille.nlp.money import find_money
    from veille.nlp.percent import find_percents

    if c.percent is not None:
        return [(p.start, p.end, p.value) for p in find_percents(c.evidence, lang)]
    return [(m.start, m.end, m.amount) for m in find_money(c.evidence, lang)]


def same(x: float, y: float) -> bool:
    return abs(x - y) <= TOLERANCE * max(abs(x), abs(y), 1e-9)


def sequence(c: Claim, lang: str) -> Sequence | None:
    """The sequence the claim's value belongs to, when its sentence tells one; else None."""
    value = c.percent if c.percent is not None else c.amount
    text = c.evidence or ""
    if value is None or not _UNTIL.search(text) or not _THEN.search(text):
        return None
    spans = _spans(c, lang)
    cues = [m for m in _UNTIL.finditer(text) if not any(_bound(text, m.end(), s) for s, _, _ in spans)]
    until = cues[0] if cues else None
    then = next((m for m in _THEN.finditer(text, until.end())), None) if until else None
    if until is None or then is None:
        return None
    before = [v for s, _, v in spans if s < until.start()]
    after = [(e, v) for s, e, v in spans if s > then.start()]
    if not before or not after or not any(same(value, v) for v in before + [v for _, v in after]):
        return None
    words = text[until.start() : after[0][0]].strip(" ,")
    return Sequence(tuple(before + [v for _, v in after]), words)


def _bound(text: str, cue_end: int, value_start: int) -> bool:
    """Whether a value starts right after an "until" cue (at most one word between): a bound, not a condition."""
    return value_start >= cue_end and _BOUND_GAP.fullmatch(text, cue_end, value_start) is not None


def _told_as_cap(c: Claim, lang: str) -> bool:
    """Whether the words just before the claim's amount in its sentence make it a cap."""
    from veille.nlp.money import find_money

    assert c.amount is not None
    found = [m for m in find_money(c.evidence, lang) if same(m.amount, c.amount)]
    return any(_CAP.search(c.evidence[max(0, m.start - 40) : m.start]) for m in found)


def right_values(c: Claim, lang: str, sentence: Callable[[Claim], list[Claim]]) -> Claim:
    """The claim with only the values that belong to its fact (see the module's rules)."""
    if c.amount is None or c.predicate not in ("holds_stake", "profit_share"):
        return c
    neighbour = any(
        o.predicate in NEIGHBOURS and o.amount is not None and same(o.amount, c.amount) for o in sentence(c)
    )
    if neighbour or (c.predicate == "holds_stake" and _told_as_cap(c, lang)):
        return replace(c, amount=None, currency=None, amount_qualifier=None)
    return c
