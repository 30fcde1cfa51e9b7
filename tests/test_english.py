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


def test_a_company_sold_to_a_buyer_is_acquired_by_the_buyer() -> None:
    claims = en("Toyota sold Orvane Holdings to Vendal Motors for $400 million.")
    assert find(claims, "Vendal Motors", "acquires", "Orvane Holdings").amount == 4e8
    assert not [c for c in claims if c.predicate == "supplies"]  # a company sold is not a delivery


def test_a_company_sold_with_no_buyer_named_is_no_longer_held() -> None:
    c = find(
        en("Vendal Motors divested Orvane Holdings in 2020."),
        "Vendal Motors",
        "holds_stake",
        "Orvane Holdings",
    )
    assert c.modality == "negated"
    assert c.date == "2020"


def test_goods_sold_to_a_customer_are_still_a_supply() -> None:
    claims = en("Orvane Holdings sold 500 cars to Vendal Motors.")
    find(claims, "Orvane Holdings", "supplies", "Vendal Motors")
    assert not [c for c in claims if c.predicate in ("acquires", "holds_stake")]
