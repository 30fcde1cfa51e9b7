"""Money expressions: French and English forms, lists and ranges, and what is not money."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.models import QUALIFIERS, Money
from veille.nlp.money import find_money

NBSP, NNBSP = "\u00a0", "\u202f"

# sentence, span, amount, currency, qualifier, amount_high
FRENCH = [
    (
        "Le groupe a injecté 10 milliards de dollars dans la start-up.",
        "10 milliards de dollars",
        1e10,
        "USD",
        None,
        None,
    ),
    (
        "Ses dépenses atteindront plus de 115 milliards de dollars.",
        "plus de 115 milliards de dollars",
        1.15e11,
        "USD",
        "more_than",
        None,
    ),
    ("Le fonds a réuni 1,7 milliard d'euros en un an.", "1,7 milliard d'euros", 1.7e9, "EUR", None, None),
    ("Le fonds a réuni 1,7 milliard d’euros en un an.", "1,7 milliard d’euros", 1.7e9, "EUR", None, None),
    ("Une levée de 13 Md$ a été bouclée.", "13 Md$", 1.3e10, "USD", None, None),
    ("Le budget atteint 1,3 Md€ cette fois.", "1,3 Md€", 1.3e9, "EUR", None, None),
    ("La commande se monte à 600 M€ environ.", "600 M€", 6e8, "EUR", None, None),
    ("Elle a payé 350 millions de dollars comptant.", "350 millions de dollars", 3.5e8, "USD", None, None),
    (
        "Le projet coûterait environ 14 milliards selon la presse.",
        "environ 14 milliards",
        1.4e10,
        None,
        "about",
        None,
    ),
    (
        "Le total s'élève à près de 14 milliards de dollars.",
        "près de 14 milliards de dollars",
        1.4e10,
        "USD",
        "about",
        None,
    ),
    (
        "Sa valeur tourne autour de 260 milliards depuis l'été.",
        "autour de 260 milliards",
        2.6e11,
        None,
        "about",
        None,
    ),
    (
        "Il a signé un accord estimé à 300 milliards de dollars.",
        "estimé à 300 milliards de dollars",
        3e11,
        "USD",
        "about",
        None,
    ),
    (
        "La part conservée vaut au moins 100 milliards de dollars.",
        "au moins 100 milliards de dollars",
        1e11,
        "USD",
        "at_least",
        None,
    ),
    (
        "L'État prévoit pas moins de 8 milliards d'euros.",
        "pas moins de 8 milliards d'euros",
        8e9,
        "EUR",
        "at_least",
        None,
    ),
    (
        "Il faudra au minimum 2 milliards pour démarrer.",
        "au minimum 2 milliards",
        2e9,
        None,
        "at_least",
        None,
    ),
    (
        "La jeune pousse a levé moins de 5 millions cette année.",
        "moins de 5 millions",
        5e6,
        None,
        "less_than",
        None,
    ),
    ("L'enveloppe ira jusqu'à 100 milliards selon lui.", "jusqu'à 100 milliards", 1e11, None, "up_to", None),
    (
        "Un plan pouvant atteindre 100 milliards a été voté.",
        "pouvant atteindre 100 milliards",
        1e11,
        None,
        "up_to",
        None,
    ),
    (
        "Le coût serait entre 10 et 20 milliards de dollars.",
        "entre 10 et 20 milliards de dollars",
        1e10,
        "USD",
        None,
        2e10,
    ),
    ("Elle a reçu un milliard de dollars du fonds.", "un milliard de dollars", 1e9, "USD", None, None),
    ("Un prêt d'1 milliard de dollars a été accordé.", "1 milliard de dollars", 1e9, "USD", None, None),
    ("Un prêt d’1 milliard de dollars a été accordé.", "1 milliard de dollars", 1e9, "USD", None, None),
    ("Le rachat a coûté 1 milliard l'an passé.", "1 milliard", 1e9, None, None, None),
    (
        "Ensemble elles pèsent 4 500 milliards de dollars.",
        "4 500 milliards de dollars",
        4.5e12,
        "USD",
        None,
        None,
    ),
    (
        f"Ensemble elles pèsent 4{NBSP}500 milliards de dollars.",
        f"4{NBSP}500 milliards de dollars",
        4.5e12,
        "USD",
        None,
        None,
    ),
    (
        f"Ensemble elles pèsent 4{NNBSP}500 milliards de dollars.",
        f"4{NNBSP}500 milliards de dollars",
        4.5e12,
        "USD",
        None,
        None,
    ),
    ("Le contrat porte sur 1.5 billion dollars au total.", "1.5 billion dollars", 1.5e9, "USD", None, None),
    ("La fondation reçoit 50 millions de dollars par an.", "50 millions de dollars", 5e7, "USD", None, None),
    ("Une amende de 100 000 euros a été infligée.", "100 000 euros", 1e5, "EUR", None, None),
    ("Le plan public pèse 300 Md$ sur la décennie.", "300 Md$", 3e11, "USD", None, None),
    (
        "Il a obtenu 2 millions de livres sterling hier.",
        "2 millions de livres sterling",
        2e6,
        "GBP",
        None,
        None,
    ),
    ("Un accord de 3 milliards de yens a été signé.", "3 milliards de yens", 3e9, "JPY", None, None),
    (
        "La banque prête 40 millions de francs suisses.",
        "40 millions de francs suisses",
        4e7,
        "CHF",
        None,
        None,
    ),
    ("Le groupe chinois investit 5 milliards de yuans.", "5 milliards de yuans", 5e9, "CNY", None, None),
    ("Le chiffre atteint 7 millions USD fin juin.", "7 millions USD", 7e6, "USD", None, None),
    ("Le chiffre atteint 7 millions EUR fin juin.", "7 millions EUR", 7e6, "EUR", None, None),
    ("Le chiffre atteint 7 millions GBP fin juin.", "7 millions GBP", 7e6, "GBP", None, None),
    ("Le chiffre atteint 7 millions JPY fin juin.", "7 millions JPY", 7e6, "JPY", None, None),
    ("Le chiffre atteint 7 millions CHF fin juin.", "7 millions CHF", 7e6, "CHF", None, None),
    ("Le chiffre atteint 7 millions CNY fin juin.", "7 millions CNY", 7e6, "CNY", None, None),
    ("Le lot a été vendu 20 millions £ aux enchères.", "20 millions £", 2e7, "GBP", None, None),
    ("Il a payé 20 millions $ en numéraire.", "20 millions $", 2e7, "USD", None, None),
    ("Il a payé 20 millions € en numéraire.", "20 millions €", 2e7, "EUR", None, None),
    ("Une prime de 10 k€ est prévue.", "10 k€", 1e4, "EUR", None, None),
    (
        "Il vise une dizaine de milliards de dollars.",
        "une dizaine de milliards de dollars",
        1e10,
        "USD",
        "about",
        None,
    ),
    ("Le projet coûte deux cents millions d'euros.", "deux cents millions d'euros", 2e8, "EUR", None, None),
    ("L'État récupère 3 billions d'euros de dette.", "3 billions d'euros", 3e12, "EUR", None, None),
    ("Le budget oscille de 10-20 milliards d'euros.", "10-20 milliards d'euros", 1e10, "EUR", None, 2e10),
    ("Le coût est de 10 à 20 milliards pour l'un d'eux.", None, None, None, None, None),
]

ENGLISH = [
    ("The group committed $10 billion to the lab.", "$10 billion", 1e10, "USD", None, None),
    ("It raised $1bn from investors.", "$1bn", 1e9, "USD", None, None),
    ("A loan of US$ 2.5 billion was agreed.", "US$ 2.5 billion", 2.5e9, "USD", None, None),
    ("The order is worth €600 million.", "€600 million", 6e8, "EUR", None, None),
    (
        "It has invested more than $11 billion so far.",
        "more than $11 billion",
        1.1e10,
        "USD",
        "more_than",
        None,
    ),
    ("The stake is worth about $14 billion today.", "about $14 billion", 1.4e10, "USD", "about", None),
    ("The fund may reach up to $100 billion.", "up to $100 billion", 1e11, "USD", "up_to", None),
    ("It will spend at least $5bn on chips.", "at least $5bn", 5e9, "USD", "at_least", None),
    ("Sales reached nearly $3 billion last year.", "nearly $3 billion", 3e9, "USD", "about", None),
    ("Costs hit almost 2 billion euros in March.", "almost 2 billion euros", 2e9, "EUR", "about", None),
    (
        "The deal is valued between $10 and $20 billion.",
        "between $10 and $20 billion",
        1e10,
        "USD",
        None,
        2e10,
    ),
    ("They paid $1,500 million in cash.", "$1,500 million", 1.5e9, "USD", None, None),
    ("The fine was £5m.", "£5m", 5e6, "GBP", None, None),
    ("It sold a billion dollars of bonds.", "a billion dollars", 1e9, "USD", None, None),
    ("Revenue rose to less than $2bn.", "less than $2bn", 2e9, "USD", "less_than", None),
    ("It spent USD 5m on legal fees.", "USD 5m", 5e6, "USD", None, None),
]


def _one(text: str, lang: str = "fr") -> Money:
    found = find_money(text, lang)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(("text", "span", "amount", "currency", "qualifier", "high"), FRENCH)
def test_french_forms(
    text: str,
    span: str | None,
    amount: float,
    currency: str | None,
    qualifier: str | None,
    high: float | None,
) -> None:
    if span is None:  # "de 10 à 20": two amounts, not a range
        assert [m.amount for m in find_money(text)] == [1e10, 2e10]
        return
    m = _one(text)
    assert (m.text, m.currency, m.qualifier) == (span, currency, qualifier)
    assert m.amount == pytest.approx(amount, rel=1e-12)
    assert m.amount_high == (pytest.approx(high, rel=1e-12) if high else None)
    assert m.start == text.index(span)


@pytest.mark.parametrize(("text", "span", "amount", "currency", "qualifier", "high"), ENGLISH)
def test_english_forms(
    text: str, span: str, amount: float, currency: str | None, qualifier: str | None, high: float | None
) -> None:
    m = _one(text, "en")
    assert (m.text, m.currency, m.qualifier) == (span, currency, qualifier)
    assert m.amount == pytest.approx(amount, rel=1e-12)
    assert m.amount_high == (pytest.approx(high, rel=1e-12) if high else None)


def test_a_list_shares_its_scale_and_currency() -> None:
    text = "Les offres étaient de 10, 13 ou 14 milliards de dollars selon les sources."
    found = find_money(text)
    assert [(m.amount, m.currency, m.text) for m in found] == [
        (1e10, "USD", "10"),
        (1.3e10, "USD", "13"),
        (1.4e10, "USD", "14 milliards de dollars"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_list_without_currency_still_shares_the_scale() -> None:
    found = find_money("On évoque 1, 10 ou 13 milliards pour la suite.")
    assert [(m.amount, m.currency) for m in found] == [(1e9, None), (1e10, None), (1.3e10, None)]


def test_a_range_in_english_with_the_currency_once() -> None:
    found = find_money("between 10 and 20 billion dollars", "en")
    assert [(m.amount, m.amount_high, m.currency) for m in found] == [(1e10, 2e10, "USD")]


def test_two_amounts_in_one_sentence() -> None:
    text = "Après 1 milliard en 2019, il a ajouté 2 milliards de dollars."
    assert [(m.amount, m.currency) for m in find_money(text)] == [(1e9, None), (2e9, "USD")]


@pytest.mark.parametrize(
    "text",
    [
        "Il reste 738 des 770 employés.",
        "Le modèle GPT-4 est sorti.",
        "C'était en 2019, déjà.",
        "Le fonds détient 49 % du capital.",
        "Le texte compte trois phrases, 49 mots.",
        "Le service revendique 800 millions d'utilisateurs.",
        "The model has 10 billion parameters.",
        "Il a acheté 10 livres hier.",
        "Le fichier pèse 10 Mo.",
        "Le trajet dure 10 mn.",
        "Les versions MAI-1 et MAI-2 sont prêtes.",
        "Il a vendu 3 millions d'actions.",
        "En 2019, 2020 et 2021, rien.",
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_a_year_before_an_amount_does_not_join_it() -> None:
    found = find_money("En 2019, 10 milliards ont été investis.")
    assert [(m.amount, m.text) for m in found] == [(1e10, "10 milliards")]


# --------------------------------------------------------------------------- properties

FR_SCALES = [("milliard", 10**9), ("million", 10**6)]
FR_CURRENCIES = [
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("livres sterling", "GBP"),
    ("francs suisses", "CHF"),
    ("yens", "JPY"),
]
FR_ABBREVS = [
    ("Md$", 10**9, "USD"),
    ("Md€", 10**9, "EUR"),
    ("Mds€", 10**9, "EUR"),
    ("M€", 10**6, "EUR"),
    ("M$", 10**6, "USD"),
]
FR_CUES = [
    ("", None),
    ("plus de ", "more_than"),
    ("environ ", "about"),
    ("près de ", "about"),
    ("autour de ", "about"),
    ("au moins ", "at_least"),
    ("pas moins de ", "at_least"),
    ("moins de ", "less_than"),
    ("jusqu'à ", "up_to"),
    ("pouvant atteindre ", "up_to"),
]
EN_SCALES = [("billion", 10**9), ("million", 10**6), ("bn", 10**9), ("m", 10**6)]
EN_SYMBOLS = [("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("US$", "USD")]
EN_CUES = [
    ("", None),
    ("more than ", "more_than"),
    ("about ", "about"),
    ("nearly ", "about"),
    ("at least ", "at_least"),
    ("less than ", "less_than"),
    ("up to ", "up_to"),
]

numbers = st.one_of(
    st.integers(1, 99_999).map(Decimal), st.integers(1, 99_999).map(lambda n: Decimal(n) / 10)
)


def _grouped(n: Decimal, thousands: str, decimal: str) -> str:
    whole, _, frac = f"{n:f}".partition(".")
    groups = f"{int(whole):,}".replace(",", thousands)
    return groups + (decimal + frac if frac else "")


@settings(max_examples=150, deadline=None)
@given(
    numbers,
    st.sampled_from(FR_SCALES),
    st.sampled_from(FR_CURRENCIES),
    st.sampled_from(FR_CUES),
    st.sampled_from([" ", NBSP, NNBSP]),
    st.booleans(),
)
def test_french_round_trip(
    n: Decimal,
    scale: tuple[str, int],
    currency: tuple[str, str],
    cue: tuple[str, str | None],
    space: str,
    abbreviated: bool,
) -> None:
    number = _grouped(n, space, ",")
    if abbreviated:
        word, factor, code = FR_ABBREVS[int(n) % len(FR_ABBREVS)]
        expr = f"{cue[0]}{number} {word}"
    else:
        (word, factor), code = scale, currency[1]
        plural = "s" if n >= 2 else ""
        link = "d'" if currency[0][0] in "aeiouy" else "de "
        expr = f"{cue[0]}{number} {word}{plural} {link}{currency[0]}"
    text = f"Selon le communiqué, la société a obtenu {expr} pour ce projet."
    m = _one(text)
    assert math.isclose(m.amount, float(n * factor), rel_tol=1e-9)
    assert (m.currency, m.qualifier, m.text) == (code, cue[1], expr)


@settings(max_examples=150, deadline=None)
@given(numbers, st.sampled_from(EN_SCALES), st.sampled_from(EN_SYMBOLS), st.sampled_from(EN_CUES))
def test_english_round_trip(
    n: Decimal, scale: tuple[str, int], symbol: tuple[str, str], cue: tuple[str, str | None]
) -> None:
    gap = " " if scale[0] in ("billion", "million") else ""
    expr = f"{cue[0]}{symbol[0]}{_grouped(n, ',', '.')}{gap}{scale[0]}"
    text = f"The company said it raised {expr} from its backers."
    m = _one(text, "en")
    assert math.isclose(m.amount, float(n * scale[1]), rel_tol=1e-9)
    assert (m.currency, m.qualifier, m.text) == (symbol[1], cue[1], expr)


def _well_formed(text: str, found: list[Money]) -> None:
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.qualifier is None or m.qualifier in QUALIFIERS
        assert m.amount >= 0
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en", "de"]))
def test_never_crashes_on_any_text(text: str, lang: str) -> None:
    _well_formed(text, find_money(text, lang))


MONEYISH = st.text(alphabet="0123456789 ,.-$€£%MdkBbn\u00a0\u202f'’aeilmnorstuUSDE", max_size=60)


@settings(max_examples=300, deadline=None)
@given(MONEYISH, st.sampled_from(["fr", "en"]))
def test_offsets_hold_on_money_like_noise(text: str, lang: str) -> None:
    _well_formed(text, find_money(text, lang))
