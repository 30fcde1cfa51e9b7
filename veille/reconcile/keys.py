"""Fact keys: which claims speak of the same fact.

A fact is one subject–predicate–object(–time); its key is ``subject|predicate|object|time``.

* **State predicates** (a stake, a profit share, a valuation, a role, a licence, a
  partnership…) describe something that holds and changes: the time is not part of the key,
  so a later value is an update of the same fact (``Microsoft|holds_stake|OpenAI``).
* **Event predicates** (an investment, a fund raising, an acquisition, a contract, a spending
  plan, a founding, a supply deal) describe things that happen: each year is its own fact
  (``Microsoft|invests_in|OpenAI|2019``); a **cumulative total** ("au total", "depuis 2019")
  is a fact of its own (``…|cumulative``), never mixed with the tranches it adds up; and an
  **undated** tranche stays apart (``…|undated``) rather than being guessed into a dated one.
* Symmetric predicates (``partners_with``, ``competes_with``) order their two ends by name.

The claim's ``kind`` (``tranche`` | ``cumulative``) comes from the extractor; when it is
missing, :func:`claim_kind` reads the few unambiguous cues of a running total in the sentence.
"""

from __future__ import annotations

import re
from functools import cache

from veille.models import EVENT_PREDICATES, FUNDING_PREDICATES, SYMMETRIC, Claim
from veille.packs import fold, load_pack

CUMULATIVE, UNDATED = "cumulative", "undated"

_SINCE = re.compile(
    r"\b(?:depuis|since)\s+(?:(?:le |l'|the )?(?:début |fin |early |late )?(?:de |d')?)?(\d{4})\b", re.I
)


@cache
def _cues(kind: str) -> re.Pattern[str]:
    """The words of the bundled lexicon's ``kinds.KIND`` (both languages, "depuis"/"since" aside:
    a year after them is read by ``_SINCE``), as one pattern over folded text."""
    words = [w for lang in ("fr", "en") for w in load_pack().folded("kinds", kind, lang)]
    words = sorted({w for w in words if w not in ("depuis", "since")}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?:e?s)?(?!\w)")  # plurals too


def claim_kind(claim: Claim) -> str | None:
    """``tranche`` or ``cumulative`` for a funding claim: the extractor's ``kind``, else the sentence's cues.

    Without a ``kind``, a funding claim with an amount is a cumulative total when its sentence
    says so ("au total", "un total de", "cumulé", "depuis 2019" with the claim dated 2019 or
    undated) and names no tranche ("supplémentaire", "nouvelle tranche") beside it; otherwise
    the kind stays unknown (and the key treats it as a tranche of its year).
    """
    if claim.kind or claim.predicate not in FUNDING_PREDICATES or claim.amount is None:
        return claim.kind
    text = claim.evidence or ""
    if _cues("tranche").search(fold(text)):
        return None
    if _cues("cumulative").search(fold(text)):
        return CUMULATIVE
    since = _SINCE.search(text)
    if since and (claim.date is None or claim.date[:4] == since.group(1)):
        return CUMULATIVE
    return None


def endpoints(claim: Claim) -> tuple[str, str | None]:
    """(subject, object) as the fact keeps them: symmetric predicates order their ends by name."""
    subject, obj = claim.subject, claim.object
    if claim.predicate in SYMMETRIC and obj and obj < subject:
        return obj, subject
    return subject, obj


def time_part(claim: Claim) -> str | None:
    """The time part of the key: ``cumulative``, the year, ``undated``; None for state predicates."""
    if claim.predicate not in EVENT_PREDICATES:
        return None
    if claim_kind(claim) == CUMULATIVE:
        return CUMULATIVE
    return claim.date[:4] if claim.date and claim.date[:4].isdigit() else UNDATED


def fact_key(claim: Claim) -> str:
    """The key of the fact a claim supports: ``subject|predicate|object`` plus the time for events."""
    subject, obj = endpoints(claim)
    parts = [subject, claim.predicate, obj or ""]
    time = time_part(claim)
    if time is not None:
        parts.append(time)
    return "|".join(parts)
