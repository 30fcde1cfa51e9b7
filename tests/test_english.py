"""English constructions of the news that state a relation, each on sentences we wrote.

Invented companies ("Vendal Motors", "Orvane Holdings", "Kestrel Labs") or public companies
with invented facts, in the shapes English wire copy uses: genitive deal nouns ("X's takeover
of Y"), a sale to a buyer, rounds and their investors, contracts won or awarded, owners, heads.
They run the real English model and the bundled pack.
"""

from __future__ import annotations

import pytest
from test_extract import claims_of, find

from veille.models import Claim

pytestmark = pytest.mark.slow


def en(text: str) -> list[Claim]:
    return claims_of(text, published="2025-06-01", lang="en")


def test_a_genitive_deal_noun_names_the_buyer_and_its_of_complement_what_is_bought() -> None:
    c = find(
        en("Vendal Motors' $3bn takeover of Orvane Holdings was cleared by regulators."),
        "Vendal Motors",
        "acquires",
        "Orvane Holdings",
    )
    assert c.amount == 3e9
    find(
        en("Kestrel Labs's purchase of Orvane Holdings was approved."),
        "Kestrel Labs",
        "acquires",
        "Orvane Holdings",
    )


def test_a_genitive_before_a_deal_noun_without_complement_is_not_a_buyer_of_anything() -> None:
    assert not [c for c in en("Toyota's acquisition was completed.") if c.predicate == "acquires"]
