"""A country's state as a party ("l'État danois", "the U.S. government"), on sentences we wrote.

States hold stakes, buy companies and invest as any shareholder does: airlines, carmakers,
telecom operators and banks have them among their owners. They run the real models and the
bundled pack.
"""

from __future__ import annotations

import hashlib

import pytest
from test_extract import claims_of, find

from veille.extract import extract
from veille.models import Document

pytestmark = pytest.mark.slow


def entities_of(text: str, lang: str = "fr") -> dict[str, str]:
    doc = Document("t", text, hashlib.sha256(text.encode()).hexdigest(), lang=lang)
    return {e.name: e.type for e in extract(doc)[0]}


@pytest.mark.parametrize(
    ("text", "state", "predicate", "obj", "lang"),
    [
        ("L'État danois détient 26 % de Kiro Robotics.", "État danois", "holds_stake", "Kiro Robotics", "fr"),
        ("Le gouvernement italien possède 10 % du capital de Vendal Motors.", "État italien", "holds_stake",
         "Vendal Motors", "fr"),
        ("L'Etat français a racheté Kiro Robotics pour 410 millions d'euros.", "État français", "acquires",
         "Kiro Robotics", "fr"),
        ("The Danish government owns 26% of Vendal Motors.", "Danish government", "holds_stake",
         "Vendal Motors", "en"),
        ("The U.S. government agreed to take a 10% stake in Vendal Motors.", "American government",
         "holds_stake", "Vendal Motors", "en"),
    ],
)  # fmt: skip
def test_a_state_named_by_its_nationality_is_a_party(
    text: str, state: str, predicate: str, obj: str, lang: str
) -> None:
    find(claims_of(text, lang=lang), state, predicate, obj)
    assert entities_of(text, lang)[state] == "government"


def test_the_state_alone_is_the_last_state_named() -> None:
    text = (
        "L'État allemand détient 20 % de Vendal Motors. "
        "L'État a aussi investi 300 millions d'euros dans Kiro Robotics."
    )
    c = find(claims_of(text), "État allemand", "invests_in", "Kiro Robotics")
    assert c.amount == 300_000_000


def test_the_state_alone_names_nobody_when_no_state_was_named() -> None:
    claims = claims_of("L'État a investi 300 millions d'euros dans Kiro Robotics.")
    assert not [c for c in claims if c.predicate == "invests_in"]


def test_a_state_of_a_federation_is_a_place_not_a_government() -> None:
    names = entities_of(
        "L'État de Washington accueille le siège de Vendal Motors, qui a racheté Kiro Robotics."
    )
    assert "government" not in names.values()


def test_the_federal_government_is_the_state_named_before() -> None:
    text = (
        "The U.S. government will take a 10% stake in Vendal Motors. "
        "The federal government has already invested $2 billion in Vendal Motors."
    )
    c = find(claims_of(text, lang="en"), "American government", "invests_in", "Vendal Motors")
    assert c.amount == 2_000_000_000
