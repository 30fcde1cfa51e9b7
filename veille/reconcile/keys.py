"""Fact keys: which claims speak of the same fact.

A fact is one subject–predicate–object(–time). For predicates that describe a state
that changes (a stake, a profit share, a valuation, a role) the time is not part of the
key: a later value is an update of the same fact. For predicates that describe an event
(an investment, an acquisition, a contract), each dated occurrence is its own fact, and
a cumulative total is a different fact from the tranches it adds up.
"""

from __future__ import annotations

from veille.models import SYMMETRIC, Claim

EVENT_PREDICATES = frozenset(
    {"invests_in", "raises", "acquires", "contract_with", "plans_spending", "founds", "supplies"}
)


def fact_key(claim: Claim) -> str:
    subject, obj = claim.subject, claim.object or ""
    if claim.predicate in SYMMETRIC and obj and obj < subject:
        subject, obj = obj, subject
    parts = [subject, claim.predicate, obj]
    if claim.predicate in EVENT_PREDICATES:
        if claim.kind == "cumulative":
            parts.append("cumulative")
        else:
            parts.append(claim.date[:4] if claim.date else "undated")
    return "|".join(parts)
