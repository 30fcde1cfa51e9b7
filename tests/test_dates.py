"""Date expressions: absolute, fuzzy, relative (against the publication date), kinds, durations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.models import DateExpr
from veille.nlp.dates import find_dates

REF = "2025-09-14"  # a Sunday
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _one(text: str, ref: str | None = REF, lang: str = "fr") -> DateExpr:
    found = find_dates(text, ref, lang)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d


# sentence, span, value, kind, precision, fuzzy
FRENCH = [
    ("L'accord a été conclu en 2019 à Londres.", "2019", "2019", "point", "year", None),
    ("Il est arrivé en juillet 2019 au siège.", "juillet 2019", "2019-07", "point", "month", None),
    (
        "Le texte a été publié le 11 septembre 2025 au matin.",
        "11 septembre 2025",
        "2025-09-11",
        "point",
        "day",
        None,
    ),
    ("La société, créée en 2015, grandit vite.", "2015", "2015", "point", "year", None),
    ("Un second tour a eu lieu (mai 2025) à Paris.", "mai 2025", "2025-05", "point", "month", None),
    ("Le produit est sorti fin 2022 en Europe.", "fin 2022", "2022", "point", "year", "end"),
    ("La loi de 2019 encadre ce statut.", "2019", "2019", "point", "year", None),
    ("Le dossier a été ouvert le 1er janvier 2020.", "1er janvier 2020", "2020-01-01", "point", "day", None),
    ("La vente a été conclue le 3 sept. 2024.", "3 sept. 2024", "2024-09-03", "point", "day", None),
    ("Les deux groupes coopèrent depuis 2019.", "depuis 2019", "2019", "since", "year", None),
    (
        "Ils coopèrent depuis juillet 2019 sur ce sujet.",
        "depuis juillet 2019",
        "2019-07",
        "since",
        "month",
        None,
    ),
    ("Le service sera payant à partir de 2026.", "à partir de 2026", "2026", "since", "year", None),
    ("Les livraisons commencent dès 2026.", "dès 2026", "2026", "since", "year", None),
    ("Elle veut dépenser 20 milliards d'ici 2029.", "d'ici 2029", "2029", "until", "year", None),
    ("Le chantier sera fini d'ici à 2030.", "d'ici à 2030", "2030", "until", "year", None),
    ("Un accord est attendu d’ici fin 2025.", "d’ici fin 2025", "2025", "until", "year", "end"),
    ("Le contrat court jusqu'en 2032.", "jusqu'en 2032", "2032", "until", "year", None),
    ("Le bail court jusqu'à fin 2030.", "jusqu'à fin 2030", "2030", "until", "year", "end"),
    ("Il faut conclure avant fin 2025.", "avant fin 2025", "2025", "until", "year", "end"),
    ("L'accès est garanti au-delà de 2030.", "au-delà de 2030", "2030", "after", "year", None),
    ("Rien n'est prévu après 2030.", "après 2030", "2030", "after", "year", None),
    ("L'usine ouvrira début 2026.", "début 2026", "2026", "point", "year", "start"),
    ("Le modèle est sorti mi-2024.", "mi-2024", "2024", "point", "year", "mid"),
    (
        "La mise en service est prévue le second semestre 2026.",
        "second semestre 2026",
        "2026",
        "point",
        "half",
        "end",
    ),
    (
        "La mise en service est prévue au deuxième semestre 2026.",
        "deuxième semestre 2026",
        "2026",
        "point",
        "half",
        "end",
    ),
    (
        "Les ventes ont bondi au premier semestre 2024.",
        "premier semestre 2024",
        "2024",
        "point",
        "half",
        "start",
    ),
    (
        "Le bénéfice du premier trimestre 2025 est en hausse.",
        "premier trimestre 2025",
        "2025",
        "point",
        "quarter",
        "start",
    ),
    ("Le bénéfice au T1 2025 est en hausse.", "T1 2025", "2025", "point", "quarter", "start"),
    ("Le bénéfice au Q1 2025 est en hausse.", "Q1 2025", "2025", "point", "quarter", "start"),
    ("Le bénéfice au T3 2025 est en hausse.", "T3 2025", "2025", "point", "quarter", "mid"),
    (
        "Le bénéfice au quatrième trimestre 2025 est en hausse.",
        "quatrième trimestre 2025",
        "2025",
        "point",
        "quarter",
        "end",
    ),
    ("Les résultats au S2 2026 seront publiés.", "S2 2026", "2026", "point", "half", "end"),
    ("La date retenue est 2025-09-11 selon le registre.", "2025-09-11", "2025-09-11", "point", "day", None),
    (
        "La date retenue est le 11/09/2025 selon le registre.",
        "11/09/2025",
        "2025-09-11",
        "point",
        "day",
        None,
    ),
    ("Il a été lancé au printemps 2024.", "printemps 2024", "2024", "point", "year", "start"),
    ("Une version arrive courant 2026.", "courant 2026", "2026", "point", "year", None),
    ("Ils ont signé en mars 2024 à Berlin.", "mars 2024", "2024-03", "point", "month", None),
]


@pytest.mark.parametrize(("text", "span", "value", "kind", "precision", "fuzzy"), FRENCH)
def test_french_forms(text: str, span: str, value: str, kind: str, precision: str, fuzzy: str | None) -> None:
    d = _one(text)
    assert (d.text, d.value, d.kind, d.precision, d.fuzzy) == (span, value, kind, precision, fuzzy)
    assert d.start == text.index(span)


# sentence, span, value, kind, precision, fuzzy (reference 2025-09-14, a Sunday)
RELATIVE = [
    ("Tout a commencé il y a deux ans dans un garage.", "il y a deux ans", "2023", "point", "year", None),
    ("Le fonds a doublé l'an dernier.", "l'an dernier", "2024", "point", "year", None),
    ("Le fonds a doublé l’année dernière.", "l’année dernière", "2024", "point", "year", None),
    ("Le fonds doublera cette année.", "cette année", "2025", "point", "year", None),
    ("Le fonds doublera l'an prochain.", "l'an prochain", "2026", "point", "year", None),
    ("Le fonds doublera l'année prochaine.", "l'année prochaine", "2026", "point", "year", None),
    ("La semaine dernière a été agitée.", "La semaine dernière", "2025-09-01", "point", "week", None),
    ("Il l'a annoncé mardi devant la presse.", "mardi", "2025-09-09", "point", "day", None),
    ("Il l'a annoncé mardi dernier devant la presse.", "mardi dernier", "2025-09-09", "point", "day", None),
    ("Il l'annoncera mardi prochain.", "mardi prochain", "2025-09-16", "point", "day", None),
    ("Il l'annoncera le mardi 28 octobre à Paris.", "mardi 28 octobre", "2025-10-28", "point", "day", None),
    (
        "La déclaration du 11 septembre tient en trois phrases.",
        "11 septembre",
        "2025-09-11",
        "point",
        "day",
        None,
    ),
    (
        "La déclaration du 20 septembre tenait en trois phrases.",
        "20 septembre",
        "2024-09-20",
        "point",
        "day",
        None,
    ),
    ("Il l'a dit hier soir.", "hier", "2025-09-13", "point", "day", None),
    ("Il le dit aujourd'hui à la radio.", "aujourd'hui", "2025-09-14", "point", "day", None),
    ("Les ventes ont chuté le mois dernier.", "le mois dernier", "2025-08", "point", "month", None),
    ("Le projet a été lancé il y a trois mois.", "il y a trois mois", "2025-06", "point", "month", None),
    ("Cela pèsera sur la prochaine décennie.", "la prochaine décennie", "2030", "point", "year", "start"),
    (
        "Le contrat court jusqu'au début de la prochaine décennie.",
        "jusqu'au début de la prochaine décennie",
        "2030",
        "until",
        "year",
        "start",
    ),
    ("Le bilan sera fait fin de l'année.", "fin de l'année", "2025", "point", "year", "end"),
    (
        "Le bilan sera fait d'ici la fin de l'année.",
        "d'ici la fin de l'année",
        "2025",
        "until",
        "year",
        "end",
    ),
    ("Ils se sont rencontrés en mars.", "mars", "2025-03", "point", "month", None),
    ("Il faut une réponse d'ici mars.", "d'ici mars", "2026-03", "until", "month", None),
    ("L'usine ouvrira dans deux ans.", "dans deux ans", "2027", "point", "year", None),
    ("Ils travaillent ensemble depuis deux ans.", "depuis deux ans", "2023", "since", "year", None),
    ("Les prix ont monté fin juillet.", "fin juillet", "2025-07", "point", "month", "end"),
]


@pytest.mark.parametrize(("text", "span", "value", "kind", "precision", "fuzzy"), RELATIVE)
def test_relative_forms_against_the_reference(
    text: str, span: str, value: str, kind: str, precision: str, fuzzy: str | None
) -> None:
    d = _one(text)
    assert (d.text, d.value, d.kind, d.precision, d.fuzzy) == (span, value, kind, precision, fuzzy)


@pytest.mark.parametrize(
    "text",
    [
        "Tout a commencé il y a deux ans.",
        "Le fonds a doublé l'an dernier.",
        "Il l'a annoncé mardi.",
        "Le texte du 11 septembre.",
        "Il l'a dit hier.",
    ],
)
def test_relative_forms_without_reference_are_kept_without_value(text: str) -> None:
    d = _one(text, None)
    assert d.value is None


def test_a_partial_reference_resolves_what_it_can() -> None:
    assert _one("Le fonds a doublé l'an dernier.", "2025").value == "2024"
    assert _one("Ils ont signé le mois dernier.", "2025-09").value == "2025-08"
    assert _one("Il l'a dit hier.", "2025-09").value is None


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Un contrat de 300 milliards sur dix ans a été signé.", 10.0),
        ("Le partenariat durera pendant cinq ans au moins.", 5.0),
        ("Les livraisons s'étaleront sur 10 ans.", 10.0),
        ("Les dépenses sur les cinq prochaines années seront lourdes.", 5.0),
        ("Le bail est conclu pour une durée de 18 mois.", 1.5),
    ],
)
def test_durations(text: str, years: float) -> None:
    d = _one(text)
    assert (d.kind, d.value, d.years) == ("duration", None, years)


# sentence, span, value, kind, precision, fuzzy
ENGLISH = [
    ("Revenue doubled last year.", "last year", "2024", "point", "year", None),
    ("It all started two years ago.", "two years ago", "2023", "point", "year", None),
    ("Shares fell last week.", "last week", "2025-09-01", "point", "week", None),
    ("The firm said on Tuesday that it would sell.", "Tuesday", "2025-09-09", "point", "day", None),
    ("Sales will double next year.", "next year", "2026", "point", "year", None),
    ("The memo of September 11 was short.", "September 11", "2025-09-11", "point", "day", None),
    ("The memo dated Sept. 11, 2025 was short.", "Sept. 11, 2025", "2025-09-11", "point", "day", None),
    ("It was founded in July 2019 in Texas.", "July 2019", "2019-07", "point", "month", None),
    ("It was founded in 2015 by engineers.", "2015", "2015", "point", "year", None),
    ("A decision is due late 2025.", "late 2025", "2025", "point", "year", "end"),
    ("The plant opens early 2026.", "early 2026", "2026", "point", "year", "start"),
    ("The model shipped mid-2024.", "mid-2024", "2024", "point", "year", "mid"),
    ("Deliveries start in the second half of 2026.", "second half of 2026", "2026", "point", "half", "end"),
    ("It must spend the money by 2030.", "by 2030", "2030", "until", "year", None),
    ("The lease runs until 2032.", "until 2032", "2032", "until", "year", None),
    ("The plan runs through 2030.", "through 2030", "2030", "until", "year", None),
    ("Access is secured beyond 2030.", "beyond 2030", "2030", "after", "year", None),
    ("The firms have worked together since 2019.", "since 2019", "2019", "since", "year", None),
    ("A deal is expected by the end of 2025.", "by the end of 2025", "2025", "until", "year", "end"),
]


@pytest.mark.parametrize(("text", "span", "value", "kind", "precision", "fuzzy"), ENGLISH)
def test_english_forms(
    text: str, span: str, value: str, kind: str, precision: str, fuzzy: str | None
) -> None:
    d = _one(text, REF, "en")
    assert (d.text, d.value, d.kind, d.precision, d.fuzzy) == (span, value, kind, precision, fuzzy)


@pytest.mark.parametrize(
    ("text", "years"),
    [("A contract over ten years.", 10.0), ("A lease for five years.", 5.0), ("A five-year deal.", 5.0)],
)
def test_english_durations(text: str, years: float) -> None:
    d = _one(text, REF, "en")
    assert (d.kind, d.years) == ("duration", years)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Ils ont investi en 2019, 2020 et 2021.",
            "fr",
            [("2019", "point"), ("2020", "point"), ("2021", "point")],
        ),
        ("Le plan couvre la période entre 2019 et 2021.", "fr", [("2019", "since"), ("2021", "until")]),
        ("Le plan court de 2019 à 2021 inclus.", "fr", [("2019", "since"), ("2021", "until")]),
        ("Le bilan 2019-2021 est positif.", "fr", [("2019", "since"), ("2021", "until")]),
        ("Le chantier durera de janvier à mars 2025.", "fr", [("2025-01", "since"), ("2025-03", "until")]),
        ("The plan runs from 2019 to 2021.", "en", [("2019", "since"), ("2021", "until")]),
    ],
)
def test_lists_and_ranges(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = find_dates(text, REF, lang)
    assert [(d.value, d.kind) for d in found] == expected
    assert all(text[d.start : d.end] == d.text for d in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le modèle GPT-4 est sorti.", "fr"),
        ("Trois phrases, 49 mots.", "fr"),
        ("Il reste 738 des 770 employés.", "fr"),
        ("Sam Altman est venu.", "fr"),
        ("Elle a vu sa part baisser, je crois.", "fr"),
        ("Mars est une planète rouge.", "fr"),
        ("Il a levé plus de 2000 euros.", "fr"),
        ("Le groupe compte 2019 salariés.", "fr"),
        ("Une équipe de 2019 personnes, selon lui.", "fr"),
        ("Les sept dirigeants sont partis.", "fr"),
        ("Il construit l'IA de demain.", "fr"),
        ("Prices may rise.", "en"),
        ("We march on.", "en"),
    ],
)
def test_not_dates(text: str, lang: str) -> None:
    assert find_dates(text, REF, lang) == []


def test_dates_in_a_longer_text_are_sorted_and_apart() -> None:
    text = "Depuis 2023, ils coopèrent. Le 11 septembre, ils ont signé un accord d'ici 2029 sur dix ans."
    found = find_dates(text, REF)
    assert [(d.text, d.kind) for d in found] == [
        ("Depuis 2023", "since"),
        ("11 septembre", "point"),
        ("d'ici 2029", "until"),
        ("sur dix ans", "duration"),
    ]


# --------------------------------------------------------------------------- properties

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


def _french_forms(d: date) -> list[tuple[str, str, str, str]]:
    """(expression, expected span, value, kind) for one date."""
    day = "1er" if d.day == 1 else str(d.day)
    month, iso = MONTHS_FR[d.month - 1], d.isoformat()
    return [
        (f"le {day} {month} {d.year}", f"{day} {month} {d.year}", iso, "point"),
        (f"le {d.day:02d}/{d.month:02d}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}", iso, "point"),
        (f"le {iso}", iso, iso, "point"),
        (f"en {month} {d.year}", f"{month} {d.year}", iso[:7], "point"),
        (f"en {d.year}", str(d.year), str(d.year), "point"),
        (f"depuis {d.year}", f"depuis {d.year}", str(d.year), "since"),
        (f"depuis {month} {d.year}", f"depuis {month} {d.year}", iso[:7], "since"),
        (f"d'ici {d.year}", f"d'ici {d.year}", str(d.year), "until"),
        (f"jusqu'en {d.year}", f"jusqu'en {d.year}", str(d.year), "until"),
        (f"au-delà de {d.year}", f"au-delà de {d.year}", str(d.year), "after"),
    ]


@settings(max_examples=100, deadline=None)
@given(days, st.sampled_from(range(10)))
def test_french_round_trip(d: date, form: int) -> None:
    expr, span, value, kind = _french_forms(d)[form]
    text = f"Selon la direction, le contrat a été signé {expr} à Paris."
    got = _one(text, None)
    assert (got.text, got.value, got.kind, got.start) == (span, value, kind, text.index(span))


@settings(max_examples=100, deadline=None)
@given(days, st.sampled_from(range(3)))
def test_english_round_trip(d: date, form: int) -> None:
    month = MONTHS_EN[d.month - 1]
    expr, value = [
        (f"{month} {d.day}, {d.year}", d.isoformat()),
        (f"{d.day} {month} {d.year}", d.isoformat()),
        (f"{month} {d.year}", d.isoformat()[:7]),
    ][form]
    got = _one(f"The company said the deal closed on {expr} after talks.", None, "en")
    assert (got.text, got.value) == (expr, value)


refs = st.dates(min_value=date(1960, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=100, deadline=None)
@given(refs, st.integers(1, 9))
def test_relative_round_trip(ref: date, n: int) -> None:
    iso = ref.isoformat()
    words = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
    unit = "an" if n == 1 else "ans"
    assert _one(f"Tout a commencé il y a {words[n - 1]} {unit}.", iso).value == str(ref.year - n)
    assert _one(f"Tout a commencé il y a {n} {unit}.", iso).value == str(ref.year - n)
    assert _one("Il l'a dit hier.", iso).value == (ref - timedelta(days=1)).isoformat()
    week = date.fromisoformat(_one("La semaine dernière fut calme.", iso).value or "")
    assert week.weekday() == 0 and timedelta(days=7) <= ref - week < timedelta(days=14)


@settings(max_examples=100, deadline=None)
@given(refs, st.integers(0, 6), days)
def test_weekdays_and_days_without_year_fall_before_the_reference(
    ref: date, weekday: int, some: date
) -> None:
    iso = ref.isoformat()
    found = date.fromisoformat(_one(f"Il l'a annoncé {WEEKDAYS_FR[weekday]} à Paris.", iso).value or "")
    assert found.weekday() == weekday and timedelta(0) <= ref - found < timedelta(days=7)
    if (some.month, some.day) == (2, 29):
        return
    text = f"La déclaration du {some.day} {MONTHS_FR[some.month - 1]} était courte."
    back = date.fromisoformat(_one(text, iso).value or "")
    assert (back.month, back.day) == (some.month, some.day)
    assert timedelta(0) <= ref - back < timedelta(days=366)


def _well_formed(text: str, found: list[DateExpr]) -> None:
    for d in found:
        assert text[d.start : d.end] == d.text
        assert d.kind in ("point", "since", "until", "after", "duration")
        assert d.precision in (None, "year", "half", "quarter", "month", "week", "day")
        if d.value is not None:
            assert len(d.value) in (4, 7, 10)
            if len(d.value) == 10:
                date.fromisoformat(d.value)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(
    st.text(),
    st.one_of(st.none(), refs.map(date.isoformat), st.sampled_from(["2025", "2025-09", "garbage"])),
    st.sampled_from(["fr", "en"]),
)
def test_never_crashes_on_any_text(text: str, ref: str | None, lang: str) -> None:
    _well_formed(text, find_dates(text, ref, lang))


DATEISH = st.text(alphabet="0123456789 /-,.'’()depuisfinmartjvlyaoûMQTHS\u00a0", max_size=60)


@settings(max_examples=300, deadline=None)
@given(DATEISH, st.sampled_from(["fr", "en"]))
def test_offsets_hold_on_date_like_noise(text: str, lang: str) -> None:
    _well_formed(text, find_dates(text, REF, lang))
