"""Percentages: signs and words, lists and ranges, and what is not a percentage."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.models import Percent
from veille.nlp.percent import find_percents

NBSP, NNBSP = "\u00a0", "\u202f"

# sentence, lang, span, value
FORMS = [
    ("Le fonds détient 49 % de la société.", "fr", "49 %", 49.0),
    ("Le fonds détient 49% de la société.", "fr", "49%", 49.0),
    ("Le fonds détient 49 pour cent de la société.", "fr", "49 pour cent", 49.0),
    ("Sa part est passée à 32,5 % en mai.", "fr", "32,5 %", 32.5),
    ("Il conserve 27 % du capital après l'opération.", "fr", "27 %", 27.0),
    ("Le chiffre d'affaires bondit de +35 % sur un an.", "fr", "+35 %", 35.0),
    ("La marge recule de -2,5 % ce trimestre.", "fr", "-2,5 %", 2.5),
    (f"Le fonds détient 49{NBSP}% de la société.", "fr", f"49{NBSP}%", 49.0),
    (f"Le fonds détient 49{NNBSP}% de la société.", "fr", f"49{NNBSP}%", 49.0),
    ("La moitié, soit cinquante pour cent, est vendue.", "fr", "cinquante pour cent", 50.0),
    ("The fund owns 49 percent of the firm.", "en", "49 percent", 49.0),
    ("The fund owns 49 per cent of the firm.", "en", "49 per cent", 49.0),
    ("Margins rose to 32.5% this year.", "en", "32.5%", 32.5),
    ("Sales jumped 1,000% in a decade.", "en", "1,000%", 1000.0),
]


@pytest.mark.parametrize(("text", "lang", "span", "value"), FORMS)
def test_forms(text: str, lang: str, span: str, value: float) -> None:
    found = find_percents(text, lang)
    assert len(found) == 1, found
    p = found[0]
    assert (p.text, p.value, p.start) == (span, value, text.index(span))
    assert text[p.start : p.end] == p.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il visait 30 % ou 33 % des parts.", [(30.0, "30 %"), (33.0, "33 %")]),
        ("Il obtiendrait entre 30 et 33 % des parts.", [(30.0, "30"), (33.0, "33 %")]),
        ("Les offres portaient sur 30, 31 ou 33 % des parts.", [(30.0, "30"), (31.0, "31"), (33.0, "33 %")]),
        ("Une hausse de 10-15 % est attendue.", [(10.0, "10"), (15.0, "15 %")]),
        ("En 2019, 30 % des parts ont changé de mains.", [(30.0, "30 %")]),
    ],
)
def test_lists_and_ranges(text: str, expected: list[tuple[float, str]]) -> None:
    found = find_percents(text)
    assert [(p.value, p.text) for p in found] == expected
    assert all(text[p.start : p.end] == p.text for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "Il reste 738 des 770 employés.",
        "Le modèle GPT-4 est sorti en 2023.",
        "Trois phrases, 49 mots.",
        "Il a investi 10 milliards de dollars.",
        "La version GPT-35 % ne compte pas.",
    ],
)
def test_not_percent(text: str) -> None:
    assert find_percents(text) == []


values = st.one_of(st.integers(0, 1000).map(Decimal), st.integers(0, 1000).map(lambda n: Decimal(n) / 10))


@settings(max_examples=150, deadline=None)
@given(
    values, st.sampled_from(["%", " %", f"{NBSP}%", f"{NNBSP}%", " pour cent"]), st.sampled_from(["", "+"])
)
def test_french_round_trip(value: Decimal, unit: str, sign: str) -> None:
    expr = f"{sign}{value:f}".replace(".", ",") + unit
    text = f"Selon l'accord, sa part atteint {expr} du capital."
    found = find_percents(text)
    assert [(p.text, p.start) for p in found] == [(expr, text.index(expr))]
    assert math.isclose(found[0].value, float(value), rel_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(values, st.sampled_from(["%", " percent", " per cent"]))
def test_english_round_trip(value: Decimal, unit: str) -> None:
    expr = f"{value:f}{unit}"
    found = find_percents(f"Its stake reached {expr} last week.", "en")
    assert [p.text for p in found] == [expr]
    assert math.isclose(found[0].value, float(value), rel_tol=1e-9)


def _well_formed(text: str, found: list[Percent]) -> None:
    for p in found:
        assert text[p.start : p.end] == p.text
        assert p.value >= 0
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en"]))
def test_never_crashes_on_any_text(text: str, lang: str) -> None:
    _well_formed(text, find_percents(text, lang))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789 ,.-+%\u00a0\u202fpourcentetu", max_size=50), st.sampled_from(["fr", "en"])
)
def test_offsets_hold_on_percent_like_noise(text: str, lang: str) -> None:
    _well_formed(text, find_percents(text, lang))
