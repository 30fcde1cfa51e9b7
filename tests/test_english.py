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


def test_a_round_led_by_an_investor_is_the_round_of_the_company_it_is_in() -> None:
    claims = en("Nvidia led a $200 million funding round in Kestrel Labs.")
    assert find(claims, "Kestrel Labs", "raises", None).amount == 2e8
    find(claims, "Nvidia", "invests_in", "Kestrel Labs")
    assert not [
        c for c in claims if c.predicate == "raises" and c.subject == "Nvidia"
    ]  # the lead raises nothing


def test_a_series_round_closed_names_its_lead_as_investor() -> None:
    claims = en("Kestrel Labs closed a $200 million Series B led by Nvidia.")
    assert find(claims, "Kestrel Labs", "raises", None).amount == 2e8
    find(claims, "Nvidia", "invests_in", "Kestrel Labs")


def test_the_investors_of_a_round_that_values_a_company_invest_in_that_company() -> None:
    claims = en(
        "The round, led by Nvidia with participation from Vendal Motors and Orvane Holdings, "
        "valued Kestrel Labs at $5 billion."
    )
    for investor in ("Nvidia", "Vendal Motors", "Orvane Holdings"):
        find(claims, investor, "invests_in", "Kestrel Labs")
    assert find(claims, "Kestrel Labs", "valued_at", None).amount == 5e9


def test_the_lead_of_a_round_that_values_a_company_invests_in_it() -> None:
    claims = en("Vendal Motors led the round, which valued Orvane Holdings at $2 billion.")
    find(claims, "Vendal Motors", "invests_in", "Orvane Holdings")
    assert find(claims, "Orvane Holdings", "valued_at", None).amount == 2e9


def test_two_companies_forming_a_joint_venture_partner_with_each_other() -> None:
    claims = en("Orvane Holdings and Kestrel Labs formed a joint venture to make batteries.")
    find(claims, "Orvane Holdings", "partners_with", "Kestrel Labs")
    find(
        en("Orvane Holdings formed a joint venture with Kestrel Labs."),
        "Orvane Holdings",
        "partners_with",
        "Kestrel Labs",
    )


def test_a_contract_won_from_a_client_or_awarded_to_a_contractor() -> None:
    won = find(
        en("Orvane Holdings won a $1bn contract from Boeing."), "Orvane Holdings", "contract_with", "Boeing"
    )
    assert won.amount == 1e9
    awarded = en("Boeing awarded Orvane Holdings a $500 million contract.")
    assert find(awarded, "Boeing", "contract_with", "Orvane Holdings").amount == 5e8


def test_an_award_is_not_a_contract() -> None:
    assert not [c for c in en("Orvane Holdings won an award from Boeing.") if c.predicate == "contract_with"]


@pytest.mark.parametrize(
    "text",
    [
        "Vendal Motors took over Orvane Holdings in 2018.",
        "Vendal Motors snapped up Orvane Holdings in 2018.",
        "Orvane Holdings was taken over by Vendal Motors in 2018.",
    ],
)
def test_a_phrasal_verb_of_buying_acquires_its_object(text: str) -> None:
    assert find(en(text), "Vendal Motors", "acquires", "Orvane Holdings").date == "2018"


def test_taking_over_as_a_head_is_no_acquisition() -> None:
    claims = en("Jane Doe took over as chief executive of Orvane Holdings.")
    find(claims, "Jane Doe", "leads", "Orvane Holdings")
    assert not [c for c in claims if c.predicate == "acquires"]


@pytest.mark.parametrize(
    "text",
    [
        # an owner named without a stake word
        "Kestrel Labs is owned by Orvane Holdings.",
        "Kestrel Labs, owned by Orvane Holdings, makes sensors.",
        "Orvane Holdings owns Kestrel Labs.",
        # a parent named before the subsidiary noun
        "Kestrel Labs, the Orvane Holdings subsidiary, makes sensors.",
        "Orvane Holdings' Kestrel Labs unit makes sensors.",
    ],
)
def test_an_owner_or_parent_holds_the_company(text: str) -> None:
    find(en(text), "Orvane Holdings", "holds_stake", "Kestrel Labs")


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Holdings named Jane Doe as chief executive.",
        "Orvane Holdings named Jane Doe as CEO.",
        "Orvane Holdings has hired Jane Doe as its new CEO.",
    ],
)
def test_a_head_named_by_the_company_leads_it(text: str) -> None:
    find(en(text), "Jane Doe", "leads", "Orvane Holdings")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Vendal Motors is in talks to buy Orvane Holdings.", "speculative"),
        ("Vendal Motors offered to buy Orvane Holdings for $1 billion.", "speculative"),
        ("Vendal Motors has agreed to acquire Orvane Holdings for $1.2 billion.", "planned"),
        ("Vendal Motors completed the acquisition of Orvane Holdings.", "asserted"),
    ],
)
def test_talks_and_offers_are_speculative_an_agreed_deal_planned(text: str, modality: str) -> None:
    assert find(en(text), "Vendal Motors", "acquires", "Orvane Holdings").modality == modality


def test_a_bid_for_a_company_is_a_speculative_acquisition() -> None:
    c = find(
        en("Vendal Motors made a $1 billion bid for Orvane Holdings."),
        "Vendal Motors",
        "acquires",
        "Orvane Holdings",
    )
    assert (c.amount, c.modality) == (1e9, "speculative")


def test_technology_licensed_to_a_company_is_licensed_by_it_from_the_licensor() -> None:
    claims = en("Vendal Motors licensed its engine technology to Kestrel Labs.")
    find(claims, "Kestrel Labs", "licenses", "Vendal Motors")
    assert not [c for c in claims if c.predicate == "licenses" and c.subject == "Vendal Motors"]
    find(en("Kestrel Labs licenses patents from Vendal Motors."), "Kestrel Labs", "licenses", "Vendal Motors")


@pytest.mark.parametrize(
    ("text", "supplier", "customer"),
    [
        ("Vendal Motors will buy batteries from Kestrel Labs.", "Kestrel Labs", "Vendal Motors"),
        ("Delta Air Lines ordered 50 aircraft from Airbus.", "Airbus", "Delta Air Lines"),
        ("Kestrel Labs is a supplier to Vendal Motors.", "Kestrel Labs", "Vendal Motors"),
        ("Kestrel Labs, a key supplier of Vendal Motors, raised prices.", "Kestrel Labs", "Vendal Motors"),
    ],
)
def test_goods_bought_from_a_supplier_or_a_supplier_named_by_its_role(
    text: str, supplier: str, customer: str
) -> None:
    find(en(text), supplier, "supplies", customer)


def test_a_company_bought_from_its_owner_is_still_an_acquisition() -> None:
    claims = en("Vendal Motors bought Orvane Holdings from Toyota.")
    find(claims, "Vendal Motors", "acquires", "Orvane Holdings")
    assert not [c for c in claims if c.predicate == "supplies"]


def test_financing_provided_to_a_company_is_an_investment_not_a_supply() -> None:
    claims = en("Orvane Holdings will provide Kestrel Labs with $2 billion in financing.")
    assert find(claims, "Orvane Holdings", "invests_in", "Kestrel Labs").amount == 2e9
    assert not [c for c in claims if c.predicate == "supplies"]


def test_a_holding_exited_is_no_longer_held() -> None:
    c = find(
        en("Orvane Holdings exited Kestrel Labs last year."), "Orvane Holdings", "holds_stake", "Kestrel Labs"
    )
    assert c.modality == "negated"


def test_a_founder_named_with_a_genitive() -> None:
    find(en("Kestrel Labs' founder Jane Doe said the deal was good."), "Jane Doe", "founds", "Kestrel Labs")


def test_a_source_named_after_the_news_it_reports_is_no_party() -> None:
    claims = en("Vendal Motors will buy Kestrel Labs, the Financial Times reported.")
    find(claims, "Vendal Motors", "acquires", "Kestrel Labs")
    assert not [c for c in claims if "Financial Times" in (c.subject, c.object)]


def test_a_sayer_named_before_its_plan_is_still_the_party() -> None:
    c = find(
        en("Orvane Holdings said it would buy Kestrel Labs."), "Orvane Holdings", "acquires", "Kestrel Labs"
    )
    assert c.modality == "planned"


def test_a_party_that_tells_the_news_itself_is_still_a_party() -> None:
    claims = en("Vendal Motors will invest $1 billion in Kestrel Labs, Kestrel Labs said on Monday.")
    find(claims, "Vendal Motors", "invests_in", "Kestrel Labs")


def test_a_deal_to_buy_goods_counted_is_no_acquisition_of_the_partner() -> None:
    claims = en("Orvane Holdings struck a deal with Kestrel Labs to buy 100 jets.")
    find(claims, "Orvane Holdings", "contract_with", "Kestrel Labs")
    assert not [c for c in claims if c.predicate == "acquires"]


@pytest.mark.parametrize(
    "text",
    ["Vendal Motors' rival Kestrel Labs cut prices.", "Kestrel Labs is a competitor to Vendal Motors."],
)
def test_a_rival_named_by_its_role_competes(text: str) -> None:
    claims = en(text)
    assert [(c.subject, c.object) for c in claims if c.predicate == "competes_with"] in (
        [("Kestrel Labs", "Vendal Motors")],
        [("Vendal Motors", "Kestrel Labs")],
    )


def test_companies_among_the_backers_of_a_company_invest_in_it() -> None:
    claims = en("Orvane Holdings and Vendal Motors are among the backers of Kestrel Labs.")
    find(claims, "Orvane Holdings", "invests_in", "Kestrel Labs")
    find(claims, "Vendal Motors", "invests_in", "Kestrel Labs")


def test_a_company_that_counts_investors_is_not_its_own_investor() -> None:
    claims = en("Kestrel Labs counts Vendal Motors among its investors.")
    assert not [c for c in claims if c.predicate == "invests_in" and c.subject == "Kestrel Labs"]


def test_a_deal_called_off_is_negated() -> None:
    c = find(
        en("Vendal Motors called off its acquisition of Orvane Holdings."),
        "Vendal Motors",
        "acquires",
        "Orvane Holdings",
    )
    assert c.modality == "negated"


def test_a_company_holds_the_brand_its_possessive_introduces() -> None:
    find(
        en("Vendal Group is struggling with its flagship brand Orvio."),
        "Vendal Group",
        "holds_stake",
        "Orvio",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group will spend $2 billion on a 15 percent stake in Brisca Foods.",
        "Kovalt Group paid $2 billion for a 15% stake in Brisca Foods.",
        "Kovalt Group agreed to buy a 15% stake in Brisca Foods for $2 billion.",
    ],
)
def test_a_sum_paid_for_a_stake_is_an_investment_in_the_company_the_stake_is_in(text: str) -> None:
    claims = en(text)
    assert find(claims, "Kovalt Group", "invests_in", "Brisca Foods").amount == 2e9
    assert find(claims, "Kovalt Group", "holds_stake", "Brisca Foods").percent == 15
    assert not [c for c in claims if c.predicate == "acquires"]  # a stake bought, not the company


def test_shares_bought_are_no_acquisition_of_the_company() -> None:
    claims = en("Orvane Holdings bought a stake in Vendal Motors and 2 million Kestrel Labs shares.")
    assert not [c for c in claims if c.predicate == "acquires"]


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group quietly sold out of Brisca Foods after the merger.",
        "Kovalt Group has sold out of its stake in Brisca Foods.",
    ],
)
def test_a_company_that_sold_out_of_another_no_longer_holds_it(text: str) -> None:
    claims = en(text)
    assert find(claims, "Kovalt Group", "holds_stake", "Brisca Foods").modality == "negated"
    assert not [c for c in claims if c.predicate == "supplies"]  # selling out delivers nothing


def test_an_industry_noun_with_the_article_points_back_to_the_company() -> None:
    c = find(
        en("Brisca Airways posted a loss in May. Kovalt Group took a 20% stake in the airline."),
        "Kovalt Group",
        "holds_stake",
        "Brisca Airways",
    )
    assert c.percent == 20


def test_a_nationality_before_the_anaphor_noun_picks_the_company_of_that_country() -> None:
    claims = en(
        "Kovalt Group and the German carmaker Orvane Holdings signed a supply deal. "
        "Vendal Capital said it now owns 12% of the German carmaker."
    )
    assert find(claims, "Vendal Capital", "holds_stake", "Orvane Holdings").percent == 12
    assert not [c for c in claims if c.predicate == "holds_stake" and "Kovalt Group" in (c.subject, c.object)]


def test_the_pronoun_of_a_reported_clause_is_the_company_that_says_it() -> None:
    claims = en(
        "Orvane Holdings reported record sales on Monday. "
        "Kovalt Group said it would double its stake in Orvane Holdings to 12%."
    )
    assert find(claims, "Kovalt Group", "holds_stake", "Orvane Holdings").percent == 12


def test_a_second_noun_with_its_own_list_marker_opens_another_list() -> None:
    claims = en(
        "Kovalt Group will meet its partners, such as Brisca Foods and Orvane Holdings, "
        "and with lenders such as Vendal Bank."
    )
    partners = {c.object for c in claims if c.predicate == "partners_with" and c.subject == "Kovalt Group"}
    assert partners == {"Brisca Foods", "Orvane Holdings"}


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group posted a loss. Chief Financial Officer Mara Lenz said costs rose.",
        "Mara Lenz, the chief operating officer of Kovalt Group, said costs rose.",
        "Kovalt Group chief scientist Mara Lenz said costs rose.",
    ],
)
def test_a_chief_of_another_office_does_not_lead_the_company(text: str) -> None:
    assert not [c for c in en(text) if c.predicate == "leads"]


def test_a_chief_executive_officer_still_leads_the_company() -> None:
    find(
        en("Kovalt Group posted a loss. Chief Executive Officer Mara Lenz said costs rose."),
        "Mara Lenz",
        "leads",
        "Kovalt Group",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group agreed to buy Brisca Foods for $45 a share, or $3 billion in total.",
        "Kovalt Group agreed to buy Brisca Foods for $3 billion, or $45 per share.",
    ],
)
def test_a_price_per_share_is_neither_a_stake_nor_the_deal_sum(text: str) -> None:
    claims = en(text)
    assert find(claims, "Kovalt Group", "acquires", "Brisca Foods").amount == 3e9
    assert not [c for c in claims if c.predicate == "holds_stake"]


def test_shares_counted_and_their_price_each_are_no_sum_of_the_stake() -> None:
    claims = en("Kovalt Group bought 10 million Brisca Foods shares at $8 each, a 9% stake.")
    stakes = [c for c in claims if c.predicate == "holds_stake" and c.object == "Brisca Foods"]
    assert stakes and all(c.amount is None and c.percent == 9 for c in stakes)


def test_a_name_in_a_clause_of_its_own_is_no_fallback_object() -> None:
    claims = en(
        "Kovalt Group will test the batteries this summer, while Brisca Foods will deliver the trucks."
    )
    assert not [c for c in claims if c.predicate == "uses"]


@pytest.mark.parametrize(
    "text",
    [
        "Brisca Foods, in which Kovalt Group invested $300 million last year, opened a plant.",
        "Brisca Foods, in which Kovalt Group has invested, opened a plant.",
    ],
)
def test_a_company_a_relative_clause_says_was_invested_in(text: str) -> None:
    find(en(text), "Kovalt Group", "invests_in", "Brisca Foods")


def test_a_verb_form_set_before_a_noun_as_its_adjective_tells_no_action() -> None:
    claims = en("Kovalt Group put $2 billion into secure hosting deals with Brisca Foods.")
    assert not [c for c in claims if c.predicate == "raises"]  # "secure contracts" secures nothing


@pytest.mark.parametrize(
    "text",
    [
        "Brisca Foods' chief executive Mara Lenz said demand was strong.",
        "Brisca Foods's chief executive, Mara Lenz, said demand was strong.",
    ],
)
def test_a_genitive_before_a_title_of_two_words_is_the_company_led(text: str) -> None:
    find(en(text), "Mara Lenz", "leads", "Brisca Foods")


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group added $15 billion of market value in a single week.",
        "Kovalt Group lost $40 billion in market value after the recall.",
    ],
)
def test_market_value_gained_or_lost_is_no_valuation(text: str) -> None:
    assert not [c for c in en(text) if c.predicate == "valued_at"]


def test_a_valuation_risen_to_a_sum_is_still_one() -> None:
    c = find(en("Kovalt Group's market value rose to $40 billion."), "Kovalt Group", "valued_at", None)
    assert c.amount == 4e10


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group, the maker of the Velox sedan, posted a loss.",
        "Kovalt Group, which makes the Velox sedan, posted a loss.",
    ],
)
def test_a_name_before_a_kind_of_product_is_the_product_its_maker_develops(text: str) -> None:
    find(en(text), "Kovalt Group", "develops", "Velox")


def test_a_name_before_a_kind_of_product_stays_a_company_when_it_is_a_subject() -> None:
    claims = en(
        "Velox Motors said it would hire staff. The Velox Motors sedan sold well. "
        "Kovalt Group took a 10% stake in Velox Motors."
    )
    assert find(claims, "Kovalt Group", "holds_stake", "Velox Motors").percent == 10


def test_a_founder_titled_before_the_name_founded_the_company_the_text_is_about() -> None:
    claims = en("Kovalt Group opened two plants this year. Founder Mara Lenz wants a third one in Spain.")
    find(claims, "Mara Lenz", "founds", "Kovalt Group")


def test_a_founder_described_without_a_company_founded_none_of_the_text() -> None:
    claims = en("Kovalt Group posted a loss on Monday. Mara Lenz, a serial founder, said so.")
    assert not [c for c in claims if c.predicate == "founds"]


@pytest.mark.parametrize(
    ("text", "maker", "product"),
    [
        ("Orvane Holdings runs on Kovalt Group's custom Velo chips.", "Kovalt Group", "Velo"),
        ("Kovalt Group's new Velox sedan sold well.", "Kovalt Group", "Velox"),
        ("Brisca Pharma's Zelvora antibody failed a trial.", "Brisca Pharma", "Zelvora"),
    ],
)
def test_a_genitive_before_a_product_named_before_its_kind_develops_it(
    text: str, maker: str, product: str
) -> None:
    find(en(text), maker, "develops", product)


def test_a_genitive_before_a_kind_without_a_name_develops_nothing() -> None:
    assert not [c for c in en("Kovalt Group's chips are fast.") if c.predicate == "develops"]


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group's models run on Orvane Holdings' chips.",
        "Kovalt Group runs its software across Orvane Holdings' data centers.",
    ],
)
def test_what_runs_on_a_company_s_hardware_uses_that_company(text: str) -> None:
    find(en(text), "Kovalt Group", "uses", "Orvane Holdings")


def test_a_company_that_runs_another_does_not_use_it() -> None:
    assert not [c for c in en("Kovalt Group runs Orvane Holdings.") if c.predicate == "uses"]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Norway owns 40% of Brisca Foods.", "Norwegian government"),
        ("The U.S. will take an 8% stake in Brisca Foods.", "American government"),
    ],
)
def test_a_country_that_acts_is_its_state(text: str, state: str) -> None:
    find(en(text), state, "holds_stake", "Brisca Foods")


def test_a_country_named_as_a_place_is_no_party() -> None:
    claims = en("Kovalt Group opened a plant in Norway.")
    assert not [c for c in claims if "Norwegian government" in (c.subject, c.object)]


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group denied it would buy Brisca Foods.",
        "Kovalt Group denied that it was in talks to buy Brisca Foods.",
        "Kovalt Group has no intention to buy Brisca Foods.",
    ],
)
def test_a_denied_or_disowned_deal_is_negated(text: str) -> None:
    assert find(en(text), "Kovalt Group", "acquires", "Brisca Foods").modality == "negated"


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group has no plans to sell Brisca Foods.",
        "Kovalt Group did not sell its stake in Brisca Foods.",
    ],
)
def test_a_sale_that_does_not_happen_leaves_the_holding(text: str) -> None:
    assert find(en(text), "Kovalt Group", "holds_stake", "Brisca Foods").modality == "asserted"


def test_a_planning_noun_before_the_infinitive_makes_a_plan() -> None:
    assert (
        find(
            en("Kovalt Group has plans to buy Brisca Foods."), "Kovalt Group", "acquires", "Brisca Foods"
        ).modality
        == "planned"
    )


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Brisca Foods, whose largest shareholder is Kovalt Group, posted a loss.", "holds_stake"),
        ("Brisca Foods' largest shareholder is Kovalt Group.", "holds_stake"),
        ("Brisca Foods' main investor is Kovalt Group.", "invests_in"),
    ],
)
def test_a_role_noun_that_is_the_subject_of_to_be_names_its_holder_as_predicate(
    text: str, predicate: str
) -> None:
    find(en(text), "Kovalt Group", predicate, "Brisca Foods")


def test_a_company_majority_owned_by_another_is_held_by_it() -> None:
    find(en("Brisca Foods is majority-owned by Kovalt Group."), "Kovalt Group", "holds_stake", "Brisca Foods")


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group cut its stake in Brisca Foods to 5% from 12%.",
        "Kovalt Group cut its stake in Brisca Foods to 5%, down from 12%.",
    ],
)
def test_a_stake_changed_to_a_percent_from_another_tells_both_states(text: str) -> None:
    percents = sorted(
        c.percent for c in en(text) if c.predicate == "holds_stake" and c.object == "Brisca Foods"
    )
    assert percents == [5, 12]


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group has a 30% share of the market, ahead of Brisca Foods.",
        "Kovalt Group has a 30% market share, ahead of Brisca Foods.",
    ],
)
def test_a_share_of_the_market_is_no_stake(text: str) -> None:
    assert not [c for c in en(text) if c.predicate == "holds_stake"]


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Group lifted its holding in Brisca Foods to 9.5%.",
        "Kovalt Group holds a 9.5% interest in Brisca Foods.",
    ],
)
def test_a_holding_or_an_interest_with_its_percent_is_a_stake(text: str) -> None:
    assert find(en(text), "Kovalt Group", "holds_stake", "Brisca Foods").percent == 9.5


@pytest.mark.parametrize(
    "text",
    [
        "Kovalt Motors took a controlling stake in Brisca Motors last year.",
        "Kovalt Motors has a minority stake in Brisca Motors.",
        "Kovalt Motors agreed to acquire a majority stake in Brisca Motors.",
    ],
)
def test_a_stake_said_majority_controlling_or_minority_needs_no_figure(text: str) -> None:
    find(en(text), "Kovalt Motors", "holds_stake", "Brisca Motors")


def test_a_leader_s_administration_is_the_state_the_article_named() -> None:
    claims = en(
        "The U.S. government will take a 10% stake in Kovalt Group. "
        "The Lenz administration will also invest $2 billion in Kovalt Group."
    )
    assert find(claims, "American government", "invests_in", "Kovalt Group").amount == 2e9
    assert not [c for c in claims if "Lenz" in (c.subject, c.object)]


def test_a_run_of_capitalised_words_ending_in_a_company_word_is_a_company() -> None:
    claims = en("Kovalt Group agreed to sell Brisca Foods to Orvane Holdings for $2 billion.")
    assert find(claims, "Orvane Holdings", "acquires", "Brisca Foods").amount == 2e9


def test_a_name_joined_by_along_with_is_no_second_object() -> None:
    claims = en("Kovalt Group invested $50 million in Brisca Foods, along with Orvane Capital.")
    find(claims, "Kovalt Group", "invests_in", "Brisca Foods")
    assert not [c for c in claims if c.object == "Orvane Capital"]


@pytest.mark.parametrize(
    "text",
    [
        '"We will invest $2 billion in Brisca Foods," Kovalt Group chief executive Mara Lenz said.',
        '"We will invest $2 billion in Brisca Foods," Kovalt Group said on Monday.',
    ],
)
def test_we_in_reported_words_is_the_speaker_s_company(text: str) -> None:
    assert find(en(text), "Kovalt Group", "invests_in", "Brisca Foods").amount == 2e9


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Holdings will license Baidu's Ernie for its cars.",
        "Orvane Holdings praised Baidu's latest Ernie.",
    ],
)
def test_a_company_s_genitive_on_a_product_s_name_develops_it(text: str) -> None:
    assert find(en(text), "Baidu", "develops", "Ernie").modality == "asserted"


def test_a_company_s_genitive_on_another_company_develops_nothing() -> None:
    claims = en("Kovalt Group's Brisca Foods unit posted a loss.")
    assert not [c for c in claims if c.predicate == "develops"]
