"""Entity mentions from sentences we wrote: which NER spans become names, and of what type.

These run the real French model and the bundled pack; the companies are invented.
"""

from __future__ import annotations

import pytest

from veille.extract.mentions import Ment, find_mentions
from veille.nlp.model import pipeline
from veille.packs import load_pack

pytestmark = pytest.mark.slow


def mentions_of(text: str, lang: str = "fr") -> list[tuple[str, str, str]]:
    """(span text, entity, type) of each mention."""
    doc = pipeline(lang, "alliances")(text)
    found: list[Ment] = find_mentions(doc, load_pack("alliances"), lang)
    return [(doc[m.start : m.end].text, m.entity, m.type) for m in found]


def test_one_word_person_is_a_company_unless_a_known_surname() -> None:
    found = mentions_of(
        "Jean Martin a quitté Renault. Martin a rejoint Brenlux et Volkora investit dans Kelvion."
    )
    assert ("Martin", "Jean Martin", "person") in found
    assert ("Brenlux", "Brenlux", "company") in found


def test_ner_span_is_cut_to_the_name() -> None:
    found = mentions_of("Le fabricant Orvelia annonce un accord avec Nexora.")
    assert ("Orvelia", "Orvelia") in [(text, entity) for text, entity, _ in found]


def test_capitalised_words_the_ner_calls_organisations_are_kept() -> None:
    found = mentions_of("Danone compte racheter la biotech américaine Calvera Therapeutics.")
    assert ("Danone", "Danone", "company") in found
    assert ("Calvera Therapeutics", "Calvera Therapeutics", "company") in found


def test_common_noun_phrase_is_no_name() -> None:
    found = mentions_of("Fondée en 2015, Kelvion, Organisation à but non lucratif, a levé des fonds.")
    assert not [m for m in found if m[1].startswith("Organisation")]
