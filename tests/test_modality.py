"""Modality by construction, on sentences we wrote with invented companies."""

from __future__ import annotations

import pytest
from test_extract import claims_of, find

pytestmark = pytest.mark.slow

A, B = "Veltrix Capital", "Norvia Technologies"


@pytest.mark.parametrize(
    ("text", "predicate", "modality", "lang"),
    [
        # A deal noun that an announcing verb governs is announced, not closed.
        (f"{A} annonce un investissement de 2 milliards d'euros dans {B}.", "invests_in", "planned", "fr"),
        (f"{A} annonce l'acquisition de {B}.", "acquires", "planned", "fr"),
        # In the past tense it tells what happened.
        (
            f"En 2019, {A} a annoncé un investissement de 1 milliard d'euros dans {B}.",
            "invests_in",
            "asserted",
            "fr",
        ),
        (f"{A} announces the acquisition of {B}.", "acquires", "planned", "en"),
        # An agreement announced is in force.
        (f"{A} annonce un partenariat avec {B}.", "partners_with", "asserted", "fr"),
        # A present tense state stays asserted.
        (f"{A} détient 20 % de {B}.", "holds_stake", "asserted", "fr"),
    ],
)
def test_announced_deal(text: str, predicate: str, modality: str, lang: str) -> None:
    assert find(claims_of(text, lang=lang), A, predicate, B).modality == modality


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (f"Les investisseurs comprennent l'ancien PDG de {B} Jean Morel.", "fr"),
        (f"{B} hired Jean Morel, the former CEO of {A}.", "en"),
    ],
)
def test_former_role_is_negated(text: str, lang: str) -> None:
    leads = [c for c in claims_of(text, lang=lang) if c.predicate == "leads" and c.subject == "Jean Morel"]
    assert leads, "no leads claim"
    assert leads[0].modality == "negated"


def test_conditional_copula_of_predicate_noun_reaches_its_infinitive() -> None:
    """ "serait sur le point de finaliser une levée": the hedge governs the round, even when a
    source is named."""
    text = f"Selon plusieurs sources, {B} serait sur le point de finaliser une levée de fonds de 300 millions d'euros."
    c = find(claims_of(text), B, "raises", None)
    assert c.modality == "speculative"


def test_planning_noun_as_an_argument_does_not_make_a_plan() -> None:
    """ "un projet" here is what was invested in, not a cue qualifying the partnership."""
    text = f"{A} a récemment noué un partenariat avec {B} en investissant dans Orbalis, un projet de centre de données."
    assert find(claims_of(text), A, "partners_with", B).modality == "asserted"


@pytest.mark.parametrize(
    ("text", "predicate", "modality"),
    [
        # A deal verb in the present announces the deal.
        (f"{A} investit 500 millions d'euros dans {B}.", "invests_in", "planned"),
        (f"{A} prend 21 % du capital de {B}.", "holds_stake", "planned"),
        # In the past it happened; a state in the present holds.
        (f"{A} a investi 500 millions d'euros dans {B}.", "invests_in", "asserted"),
        (f"{A} possède 21 % du capital de {B}.", "holds_stake", "asserted"),
    ],
)
def test_deal_verb_in_the_present(text: str, predicate: str, modality: str) -> None:
    assert find(claims_of(text), A, predicate, B).modality == modality


C, D, E = "Vendal Motors", "Kiro Robotics", "Nvidia"  # names the model reads as organisations here


@pytest.mark.parametrize(
    ("text", "modality", "lang"),
    [
        # what was said to come is a plan, not a hedge: the future of then
        (f"{C} said it would invest $2 billion in {E}.", "planned", "en"),
        (f"{C} a indiqué qu'elle investirait 2 milliards d'euros dans {D}.", "planned", "fr"),
        # the same conditional said by nobody stays a rumour
        (f"{C} would invest $2 billion in {E}, sources say.", "speculative", "en"),
        (f"{C} investirait 2 milliards d'euros dans {D}.", "speculative", "fr"),
    ],
)
def test_a_conditional_under_a_past_saying_verb_is_a_plan(text: str, modality: str, lang: str) -> None:
    c = find(claims_of(text, lang=lang), C, "invests_in", E if lang == "en" else D)
    assert c.modality == modality


def test_si_after_a_verb_asks_a_question_and_sets_no_condition() -> None:
    asked = find(
        claims_of(
            f"La CMA a ouvert une consultation pour déterminer si le partenariat entre {C} et {D} change le marché."
        ),
        C,
        "partners_with",
        D,
    )
    assert asked.modality == "asserted"
    conditioned = find(
        claims_of(f"{C} investira 2 milliards d'euros dans {D} si les autorités l'approuvent."),
        C,
        "invests_in",
        D,
    )
    assert conditioned.modality == "conditional"


@pytest.mark.parametrize(
    "text",
    [
        # the model reads "compte" as a word describing the subject ("le groupe … compte"), or
        # an adverb stands between it and the infinitive: still a plan
        f"Le groupe allemand {C} compte racheter la société américaine {D} pour 2 milliards de dollars.",
        f"{C} compte aussi racheter {D}.",
    ],
)
def test_compter_before_an_infinitive_makes_a_plan(text: str) -> None:
    assert find(claims_of(text), C, "acquires", D).modality == "planned"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # talks, offers and candidacies are not deals yet
        (f"{C} est en négociations exclusives pour racheter {D}.", "speculative"),
        (f"{C} a déposé une offre de rachat sur {D}.", "speculative"),
        (f"{C} est candidat au rachat de {D}.", "speculative"),
        # once closed, the deal is told as done
        (f"Le rachat de {D} par {C} a été bouclé en mars.", "asserted"),
    ],
)
def test_french_talks_and_offers_are_speculative(text: str, modality: str) -> None:
    assert find(claims_of(text), C, "acquires", D).modality == modality


def test_an_offer_that_is_no_bid_leaves_the_relation_as_told() -> None:
    text = f"Les offres de {C} sont en concurrence avec celles de {D}."
    assert find(claims_of(text), C, "competes_with", D).modality == "asserted"


def test_an_effect_denied_leaves_the_tie_it_bears_on() -> None:
    text = f"{C} and {E} signed a deal. {C} said the change would not affect the partnership between the two companies."
    tie = [c for c in claims_of(text, lang="en") if c.predicate == "partners_with"]
    assert tie and all(c.modality not in ("negated", "planned") for c in tie)
    denied = claims_of(f"{C} n'a pas signé d'accord avec {D}.")
    assert find(denied, C, "contract_with", D).modality == "negated"
