"""Facts from claims (first cut: one value per distinct amount/percent; to be refined)."""

from __future__ import annotations

from collections import defaultdict

from veille.models import Claim, Fact, FactValue
from veille.reconcile.keys import fact_key
from veille.store.base import Store


def build_facts(claims: list[Claim], store: Store) -> list[Fact]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[fact_key(c)].append(c)
    facts = []
    for key, group in groups.items():
        values: dict[tuple, list[Claim]] = defaultdict(list)
        for c in group:
            values[(c.amount, c.currency, c.percent, c.date, c.date_end, c.modality)].append(c)
        vals = tuple(
            FactValue(k[0], k[1], k[2], k[3], k[4], k[5], len({c.doc for c in cs}), tuple(sorted({c.doc for c in cs})))
            for k, cs in values.items()
        )
        first = group[0]
        status = "agreed" if len({(v.amount, v.percent) for v in vals}) == 1 else "disputed"
        facts.append(Fact(key, first.subject, first.predicate, first.object, status, first.kind, vals))
    return facts
