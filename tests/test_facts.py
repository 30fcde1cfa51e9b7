"""Facts from claims: keys, values, independent sources, each status, tranches against totals."""

from __future__ import annotations

import pytest
from reconcile_support import claim, document, fact_of, filled
from rich.console import Console

from veille.models import Claim
from veille.reconcile import readings, rebuild, refresh
from veille.reconcile.keys import claim_kind, fact_key
from veille.reconcile.render import fact_json, facts_markdown, facts_table, format_value, note_text
from veille.reconcile.values import current_value

MS, OA = "Microsoft", "OpenAI"
B = 1e9


def invest(doc: str, amount: float, evidence: str, **more: object) -> Claim:
    return claim(doc, MS, "invests_in", OA, evidence, amount=amount, currency="USD", **more)


def stake(doc: str, percent: float, evidence: str, **more: object) -> Claim:
    return claim(doc, MS, "holds_stake", OA, evidence, percent=percent, **more)


# keys -------------------------------------------------------------------------------------


def test_keys_separate_tranches_by_year_totals_and_undated() -> None:
    assert (
        fact_key(invest("d", B, "Une mise d'un milliard en 2019.", date="2019-07"))
        == "Microsoft|invests_in|OpenAI|2019"
    )
    assert fact_key(invest("d", 14 * B, "Quatorze milliards cumulés.", kind="cumulative")).endswith(
        "|cumulative"
    )
    assert fact_key(invest("d", 13 * B, "Une rallonge de treize milliards.")).endswith("|undated")
    assert fact_key(stake("d", 49, "Il possède 49 %.", date="2019")) == "Microsoft|holds_stake|OpenAI"


def test_symmetric_predicates_order_their_ends() -> None:
    a = claim("d", "OpenAI", "partners_with", "Microsoft", "Les deux groupes s'allient.")
    b = claim("d", "Microsoft", "partners_with", "OpenAI", "Les deux groupes s'allient.")
    assert fact_key(a) == fact_key(b) == "Microsoft|partners_with|OpenAI|"[:-1]


@pytest.mark.parametrize(
    ("evidence", "date", "kind"),
    [
        ("Au total, le groupe a apporté 14 milliards.", None, "cumulative"),
        ("Le groupe a apporté un total de 14 milliards.", "2019", "cumulative"),
        ("Depuis 2019, le groupe a apporté plus de 11 milliards.", "2019", "cumulative"),
        ("Depuis 2019, le groupe a apporté 10 milliards en 2023.", "2023", None),
        ("Une tranche supplémentaire de 10 milliards porte le total à 13 milliards.", None, None),
        ("Le groupe a apporté 10 milliards en janvier 2023.", "2023-01", None),
    ],
)
def test_claim_kind_reads_unambiguous_total_cues(evidence: str, date: str | None, kind: str | None) -> None:
    assert claim_kind(invest("d", 10 * B, evidence, date=date)) == kind


def test_the_extractors_kind_wins_over_cues() -> None:
    assert claim_kind(invest("d", 10 * B, "Au total, 10 milliards.", kind="tranche")) == "tranche"


# agreed, sources ------------------------------------------------------------------------------


def test_agreed_value_merges_dates_at_coarser_precision_and_counts_sources() -> None:
    store = filled(
        [
            document(
                "a",
                [invest("a", B, "En juillet 2019, un milliard est versé.", date="2019-07")],
                "2025-06-22",
                "Blog",
            ),
            document(
                "b",
                [invest("b", B, "Le premier chèque, en 2019, était d'un milliard.", date="2019")],
                "2025-05-10",
                "Presse",
            ),
        ]
    )
    fact = fact_of(store, "Microsoft|invests_in|OpenAI|2019")
    assert (fact.status, fact.kind, fact.valid_from) == ("agreed", "tranche", "2019-07")
    [value] = fact.values
    assert (value.amount, value.date, value.sources, value.docs, value.reported) == (
        B,
        "2019-07",
        2,
        ("a", "b"),
        "2025-05-10",
    )
    assert {c["source"] for c in value.claims} == {"Blog", "Presse"}


def test_near_duplicates_count_once() -> None:
    docs = [
        document(
            d,
            [invest(d, B, f"Un milliard versé en 2019 ({d}).", date="2019")],
            "2025-01-0" + str(i + 1),
            d.upper(),
        )
        for i, d in enumerate("abc")
    ]
    store = filled(docs)
    store.link_duplicates([("a", "b", 0.93)])
    rebuild(store)
    [value] = fact_of(store, "Microsoft|invests_in|OpenAI|2019").values
    assert (value.sources, value.docs) == (2, ("a", "b", "c"))


# updated ----------------------------------------------------------------------------------------


def test_updated_stake_keeps_history_in_order_latest_current() -> None:
    store = filled(
        [
            document(
                "late",
                [stake("late", 27, "Sa part tombe à 27 %.", date="2025-10-28")],
                "2025-10-29",
                "Presse",
            ),
            document(
                "early",
                [stake("early", 49, "Il détient 49 % depuis 2019.", date="2019")],
                "2023-01-10",
                "Blog",
            ),
            document(
                "mid",
                [stake("mid", 32.5, "La part serait ramenée à 32,5 %.", date="2025-09")],
                "2025-09-12",
                "Revue",
            ),
        ]
    )
    fact = fact_of(store, "Microsoft|holds_stake|OpenAI")
    assert fact.status == "updated"
    assert [v.percent for v in fact.values] == [49, 32.5, 27]
    assert current_value(fact).percent == 27
    assert (fact.valid_from, fact.valid_to) == ("2019", None)
    assert "49\u202f%" in note_text(fact.notes) and "→" in note_text(fact.notes)


def test_one_text_telling_two_values_in_order_is_an_update_not_a_conflict() -> None:
    text = [
        stake("a", 49, "Au départ, il détenait 49 %."),
        stake("a", 27, "Après la refonte, il n'a plus que 27 %."),
    ]
    fact = fact_of(filled([document("a", text)]), "Microsoft|holds_stake|OpenAI")
    assert fact.status == "updated"
    assert current_value(fact).percent == 27


def test_negation_ends_validity() -> None:
    seat = [
        claim("a", MS, "board_seat", OA, "Il obtient un strapontin d'observateur.", date="2023-11"),
        claim("a", MS, "board_seat", OA, "Il abandonne ce strapontin.", date="2024-07", modality="negated"),
    ]
    fact = fact_of(filled([document("a", seat, "2025-06-22")]), "Microsoft|board_seat|OpenAI")
    assert (fact.status, fact.valid_from, fact.valid_to) == ("updated", "2023-11", "2024-07")
    assert current_value(fact) is None


# disputed ---------------------------------------------------------------------------------------


def test_different_values_for_the_same_time_are_disputed_with_every_source() -> None:
    store = filled(
        [
            document("a", [invest("a", 10 * B, "Dix milliards en 2023.", date="2023")], "2023-02-01", "Blog"),
            document(
                "b", [invest("b", 13 * B, "Treize milliards en 2023.", date="2023")], "2023-02-03", "Presse"
            ),
            document(
                "c",
                [invest("c", 10 * B, "Une mise de dix milliards en 2023.", date="2023")],
                "2023-02-04",
                "Radio",
            ),
        ]
    )
    fact = fact_of(store, "Microsoft|invests_in|OpenAI|2023")
    assert fact.status == "disputed"
    assert {(v.amount, v.sources) for v in fact.values} == {(10 * B, 2), (13 * B, 1)}
    assert current_value(fact) is None
    assert "10 Md USD" in note_text(fact.notes) and "13 Md USD" in note_text(fact.notes)
    assert [f.key for f in store.facts(status="disputed")] == [fact.key]


def test_values_at_unknown_times_from_different_documents_are_disputed() -> None:
    store = filled(
        [
            document("a", [stake("a", 49, "Il détient 49 %.")]),
            document("b", [stake("b", 27, "Il détient 27 %.")]),
        ]
    )
    assert fact_of(store, "Microsoft|holds_stake|OpenAI").status == "disputed"


def test_other_currencies_or_measures_are_not_a_conflict() -> None:
    share = [
        claim("a", MS, "profit_share", OA, "Il touche 49 % des bénéfices.", percent=49),
        claim(
            "b",
            MS,
            "profit_share",
            OA,
            "Ses gains sont plafonnés vers 120 milliards.",
            amount=120 * B,
            currency="USD",
            amount_qualifier="about",
        ),
    ]
    store = filled([document("a", share[:1]), document("b", share[1:])])
    assert fact_of(store, "Microsoft|profit_share|OpenAI").status == "agreed"


# cumulative totals ---------------------------------------------------------------------------------


def total(doc: str, amount: float, qualifier: str | None, evidence: str) -> Claim:
    return invest(doc, amount, evidence, amount_qualifier=qualifier, kind="cumulative", date="2019")


def test_compatible_qualified_totals_agree() -> None:
    store = filled(
        [
            document("a", [total("a", 11 * B, "more_than", "Plus de 11 milliards au total.")], "2025-09-20"),
            document("b", [total("b", 13 * B, "about", "Environ 13 milliards au total.")], "2025-09-01"),
            document("c", [total("c", 14 * B, "about", "Quelque 14 milliards au total.")]),
        ]
    )
    fact = fact_of(store, "Microsoft|invests_in|OpenAI|cumulative")
    assert (fact.status, fact.kind) == ("agreed", "cumulative")
    assert len(fact.values) == 3
    assert "Total cumulé" in note_text(fact.notes)


def test_a_total_that_grows_as_reported_later_is_updated() -> None:
    store = filled(
        [
            document("a", [total("a", 11 * B, None, "Onze milliards au total.")], "2024-01-15"),
            document("b", [total("b", 14 * B, None, "Quatorze milliards au total.")], "2025-06-22"),
        ]
    )
    fact = fact_of(store, "Microsoft|invests_in|OpenAI|cumulative")
    assert fact.status == "updated"
    assert current_value(fact).amount == 14 * B


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("2025-06-01", 10 * B), ("2025-06-20", 13 * B)),  # reported the same month
        (("2025-05-28", 10 * B), ("2025-06-20", 13 * B)),  # within a month
        (("2024-01-15", 14 * B), ("2025-06-22", 11 * B)),  # a total that shrinks
        ((None, 10 * B), (None, 13 * B)),  # both undated
    ],
)
def test_totals_that_cannot_both_hold_are_disputed(first: tuple, second: tuple) -> None:
    store = filled(
        [
            document("a", [total("a", first[1], None, "Un premier total.")], first[0]),
            document("b", [total("b", second[1], None, "Un second total.")], second[0]),
        ]
    )
    assert fact_of(store, "Microsoft|invests_in|OpenAI|cumulative").status == "disputed"


def test_tranches_and_totals_are_distinct_facts_not_conflicts() -> None:
    a = [
        invest("a", B, "En juillet 2019, le groupe verse un milliard.", date="2019-07", kind="tranche"),
        invest(
            "a",
            10 * B,
            "En janvier 2023, il engage 10 milliards de plus sur plusieurs années.",
            date="2023-01",
        ),
        invest(
            "a",
            14 * B,
            "Il a versé un total d'environ 14 milliards depuis 2019.",
            amount_qualifier="about",
            date="2019",
        ),
    ]
    b = [
        invest("b", B, "Le premier accord, en 2019, portait sur un milliard.", date="2019"),
        invest("b", 13 * B, "Il a suivi d'un apport supplémentaire de 13 milliards."),
        invest(
            "b",
            11 * B,
            "Depuis 2019, le groupe a apporté plus de 11 milliards.",
            amount_qualifier="more_than",
            date="2019",
        ),
    ]
    store = filled([document("a", a, "2025-06-22", "Blog"), document("b", b, "2025-05-15", "Presse")])
    facts = {f.key.rsplit("|", 1)[1]: f for f in store.facts(predicate="invests_in")}
    assert set(facts) == {"2019", "2023", "cumulative", "undated"}
    assert {k: f.kind for k, f in facts.items()} == {
        "2019": "tranche",
        "2023": "tranche",
        "cumulative": "cumulative",
        "undated": "tranche",
    }
    assert all(f.status == "agreed" for f in facts.values())
    assert store.facts(status="disputed") == []
    assert facts["2019"].values[0].sources == 2
    assert [v.amount for v in facts["cumulative"].values] == [11 * B, 14 * B]
    assert "ne date pas" in note_text(facts["undated"].notes)


# prospective -----------------------------------------------------------------------------------------


def test_prospective_values_never_override_an_asserted_one() -> None:
    store = filled(
        [
            document(
                "a",
                [
                    stake("a", 49, "Il détient 49 % de la filiale."),
                    stake("a", 33, "On lui offre 33 % de la future société.", modality="conditional"),
                ],
                "2025-06-22",
            ),
            document(
                "b",
                [
                    stake(
                        "b",
                        30,
                        "Il pourrait obtenir environ 30 % de la future société.",
                        modality="speculative",
                    )
                ],
                "2025-09-15",
            ),
        ]
    )
    fact = fact_of(store, "Microsoft|holds_stake|OpenAI")
    assert fact.status == "agreed"
    assert current_value(fact).percent == 49
    assert [(v.percent, v.modality) for v in fact.values] == [
        (49, "asserted"),
        (33, "conditional"),
        (30, "speculative"),
    ]
    data = fact_json(fact)
    assert [v["prospective"] for v in data["values"]] == [False, True, True]
    assert [v["current"] for v in data["values"]] == [True, False, False]


def test_a_fact_with_only_planned_values_is_prospective() -> None:
    plan = claim(
        "a",
        OA,
        "acquires",
        "Windsurf",
        "Le groupe veut racheter la pépite pour 3 milliards.",
        amount=3 * B,
        currency="USD",
        modality="planned",
    )
    fact = fact_of(filled([document("a", [plan])]), "OpenAI|acquires|Windsurf|undated")
    assert fact.status == "prospective"
    assert current_value(fact) is None


# incremental refresh --------------------------------------------------------------------------------


def test_refresh_touches_only_dirty_keys_and_delete_re_reconciles() -> None:
    store = filled([document("a", [stake("a", 49, "Il détient 49 %.")], "2024-01-01")])
    store.save([document("b", [stake("b", 27, "Il détient 27 %.")], "2024-01-02")], fact_key)
    assert store.dirty_keys() == {"Microsoft|holds_stake|OpenAI"}
    assert refresh(store) == 1
    assert fact_of(store, "Microsoft|holds_stake|OpenAI").status == "disputed"
    store.delete("b")
    refresh(store)
    assert fact_of(store, "Microsoft|holds_stake|OpenAI").status == "agreed"
    store.delete("a")
    refresh(store)
    assert store.facts() == []


# rendering -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "text"),
    [
        ({"amount": 14e9, "currency": "USD", "amount_qualifier": "about"}, "≈ 14 Md USD"),
        ({"amount": 11e9, "currency": "USD", "amount_qualifier": "more_than"}, "> 11 Md USD"),
        ({"amount": 50e6, "currency": "EUR", "qualifier": "at_least"}, "≥ 50 M EUR"),
        ({"percent": 49}, "49\u202f%"),
        ({"percent": 32.5}, "32,5\u202f%"),
        ({"amount": 2.5e9, "currency": None}, "2,5 Md"),
        ({}, ""),
    ],
)
def test_format_value(item: dict, text: str) -> None:
    assert format_value(item) == text


@pytest.mark.parametrize(
    ("item", "text"),
    [
        ({"amount": 14e9, "currency": "USD", "amount_qualifier": "about"}, "≈ 14 bn USD"),
        ({"percent": 32.5}, "32.5%"),
        ({"amount": 2.5e6, "currency": "EUR"}, "2.5 m EUR"),
    ],
)
def test_format_value_in_english(item: dict, text: str) -> None:
    assert format_value(item, "en") == text


def test_fact_json_markdown_and_table_show_sources_per_value() -> None:
    store = filled([document("a", [stake("a", 49, "Il détient 49 % de la filiale.")], "2025-06-22", "Blog")])
    fact = fact_of(store, "Microsoft|holds_stake|OpenAI")
    data = fact_json(fact)
    assert {
        "subject",
        "predicate",
        "object",
        "status",
        "kind",
        "values",
        "key",
        "valid_from",
        "valid_to",
    } <= set(data)
    value = data["values"][0]
    assert {"amount", "currency", "percent", "date", "date_end", "modality", "sources", "docs"} <= set(value)
    assert value["claims"][0]["evidence"] == "Il détient 49 % de la filiale."
    md = facts_markdown([fact])
    assert (
        "**49\u202f%**" in md
        and "Blog, 2025-06-22 (`a`)" in md
        and "« Il détient 49 % de la filiale. »" in md
    )
    console = Console(record=True, width=200)
    console.print(facts_table([fact]))
    assert "49\u202f%" in console.export_text()


# update versus dispute: the two clocks ---------------------------------------------------------------


def value_of(doc: str, amount: float, evidence: str, **more: object) -> Claim:
    return claim(doc, "Voltra", "valued_at", None, evidence, amount=amount, currency="EUR", **more)


def test_a_later_report_for_an_unknown_time_is_an_update_not_a_dispute() -> None:
    store = filled(
        [
            document(
                "a",
                [value_of("a", 4 * B, "En mars 2024, Voltra valait 4 milliards.", date="2024-03")],
                "2024-04-02",
                "Le Quotidien",
            ),
            document(
                "b", [value_of("b", 7 * B, "Voltra est valorisée 7 milliards.")], "2025-02-10", "La Revue"
            ),
        ]
    )
    fact = fact_of(store, "Voltra|valued_at|")
    assert fact.status == "updated"
    assert [v.amount for v in fact.values] == [4 * B, 7 * B]
    assert current_value(fact).amount == 7 * B


def test_undated_reports_of_the_same_days_that_disagree_are_a_dispute() -> None:
    store = filled(
        [
            document("a", [value_of("a", 4 * B, "Voltra vaut 4 milliards.")], "2025-02-10", "Le Quotidien"),
            document("b", [value_of("b", 7 * B, "Voltra vaut 7 milliards.")], "2025-02-12", "La Revue"),
        ]
    )
    assert fact_of(store, "Voltra|valued_at|").status == "disputed"


def test_values_within_rounding_agree() -> None:
    store = filled(
        [
            document("a", [stake("a", 49, "Il détient 49 %.", date="2024")], "2024-05-01", "A"),
            document("b", [stake("b", 49.04, "Il détient 49,04 %.", date="2024")], "2024-05-02", "B"),
        ]
    )
    assert fact_of(store, "Microsoft|holds_stake|OpenAI").status == "agreed"


def test_a_condition_and_a_sequence_are_one_fact_not_a_dispute() -> None:
    sequence = "Microsoft recevrait 75 % des bénéfices d'OpenAI jusqu'à avoir récupéré sa mise, puis 49 %."
    store = filled(
        [
            document(
                "a", [claim("a", MS, "profit_share", OA, sequence, percent=75)], "2023-01-24", "La Gazette"
            ),
            document(
                "b",
                [claim("b", MS, "profit_share", OA, "Il a droit à 49 % des bénéfices.", percent=49)],
                "2023-02-01",
                "Le Blog",
            ),
        ]
    )
    fact = fact_of(store, "Microsoft|profit_share|OpenAI")
    assert fact.status == "agreed"
    staged = next(v for v in fact.values if v.percent == 75)
    assert staged.condition == "jusqu'à avoir récupéré sa mise, puis 49 %"
    assert "« jusqu'à avoir récupéré sa mise, puis 49 % »" in facts_markdown([fact])


def test_an_amount_after_until_is_a_bound_not_a_sequence() -> None:
    plan = "Il s'engage à investir jusqu'à 4 milliards, puis jusqu'à 8 milliards en 2025."
    c = invest("a", 4 * B, plan, amount_qualifier="up_to", modality="planned")
    assert readings.sequence(c, "fr") is None
    dated = "Il touchera 41 % des bénéfices jusqu'en 2026, puis 90 %."
    steps = readings.sequence(claim("a", MS, "profit_share", OA, dated, percent=90), "fr")
    assert steps is not None and (steps.values, steps.words) == ((41, 90), "jusqu'en 2026, puis 90 %")
    english = "It gets 75% of the profits until it recoups its stake, then 49%."
    steps = readings.sequence(claim("a", MS, "profit_share", OA, english, percent=75), "en")
    assert steps is not None and steps.values == (75, 49)


# values on the right fact --------------------------------------------------------------------------------


def test_a_stake_sheds_the_investment_and_the_cap_of_its_sentence() -> None:
    both = "Nimbus a investi 2 milliards dans Orbital et détient 20 % de la société."
    capped = "Nimbus détient 20 % d'Orbital et ses gains futurs sont plafonnés à 5 milliards."
    claims = [
        claim("a", "Nimbus", "invests_in", "Orbital", both, amount=2 * B, currency="EUR", date="2024"),
        claim("a", "Nimbus", "holds_stake", "Orbital", both, percent=20, amount=2 * B, currency="EUR"),
    ]
    claims_b = [
        claim("b", "Nimbus", "holds_stake", "Orbital", capped, percent=20, amount=5 * B, currency="EUR"),
        claim("b", "Nimbus", "profit_share", "Orbital", capped, amount=5 * B, currency="EUR"),
    ]
    store = filled([document("a", claims, "2024-06-01", "A"), document("b", claims_b, "2024-06-03", "B")])
    stake_fact = fact_of(store, "Nimbus|holds_stake|Orbital")
    assert [(v.percent, v.amount, v.sources) for v in stake_fact.values] == [(20, None, 2)]
    share = fact_of(store, "Nimbus|profit_share|Orbital")
    assert [v.amount for v in share.values] == [5 * B]  # a profit share keeps its cap
    assert store.claims(doc="a")[1].amount == 2 * B  # the claim as stored is unchanged


def test_a_stake_keeps_the_value_of_the_stake() -> None:
    text = "Nimbus détient 20 % d'Orbital, une part estimée à 3 milliards."
    store = filled(
        [
            document(
                "a",
                [
                    claim(
                        "a",
                        "Nimbus",
                        "holds_stake",
                        "Orbital",
                        text,
                        percent=20,
                        amount=3 * B,
                        currency="EUR",
                    )
                ],
                "2024-06-01",
            )
        ]
    )
    assert [(v.percent, v.amount) for v in fact_of(store, "Nimbus|holds_stake|Orbital").values] == [
        (20, 3 * B)
    ]


# plans and payments ----------------------------------------------------------------------------------------


def test_a_plan_and_its_payment_are_one_fact_the_payment_current() -> None:
    plan = claim(
        "a",
        "Amazon",
        "invests_in",
        "Anthropic",
        "En septembre 2023, Amazon s'engage à investir jusqu'à 4 milliards.",
        amount=4 * B,
        currency="USD",
        amount_qualifier="up_to",
        date="2023-09",
        modality="planned",
    )
    paid = claim(
        "b",
        "Amazon",
        "invests_in",
        "Anthropic",
        "Les 4 milliards promis en septembre 2023 ont été versés jusqu'en mars 2024.",
        amount=4 * B,
        currency="USD",
        date="2023-09",
        date_end="2024-03",
        dated_by="text",
    )
    store = filled([document("a", [plan], "2023-09-26", "A"), document("b", [paid], "2024-11-23", "B")])
    fact = fact_of(store, "Amazon|invests_in|Anthropic|2023")
    assert fact.status == "updated"
    assert [(v.modality, v.qualifier) for v in fact.values] == [("asserted", None), ("planned", "up_to")]
    assert current_value(fact).modality == "asserted" and current_value(fact).dated_by == "text"
    assert "Prévu puis réalisé" in note_text(fact.notes)


def test_a_plan_alone_stays_prospective_and_a_different_payment_leaves_it_apart() -> None:
    plan = claim(
        "a",
        "Amazon",
        "invests_in",
        "Anthropic",
        "Amazon promet 4 milliards en 2023.",
        amount=4 * B,
        currency="USD",
        date="2023",
        modality="planned",
    )
    other = claim(
        "b",
        "Amazon",
        "invests_in",
        "Anthropic",
        "Amazon a versé 1 milliard en 2023.",
        amount=B,
        currency="USD",
        date="2023",
    )
    assert (
        fact_of(filled([document("a", [plan])]), "Amazon|invests_in|Anthropic|2023").status == "prospective"
    )
    fact = fact_of(
        filled([document("a", [plan]), document("b", [other])]), "Amazon|invests_in|Anthropic|2023"
    )
    assert fact.status == "agreed" and "Valeurs prospectives tenues à part" in note_text(fact.notes)


def test_an_agreed_fact_shows_the_value_with_a_figure() -> None:
    bare = invest("b", B, "Il a investi en 2023.", date="2023")
    bare = Claim(**{**bare.to_dict(), "amount": None, "currency": None})
    store = filled(
        [
            document("a", [invest("a", 10 * B, "Dix milliards en 2023.", date="2023")], "2023-02-01"),
            document("b", [bare], "2023-02-02"),
        ]
    )
    assert current_value(fact_of(store, "Microsoft|invests_in|OpenAI|2023")).amount == 10 * B
