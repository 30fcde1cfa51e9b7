"""Event frames for the timeline, on sentences we wrote: each event kind takes its participants
from their places in the sentence (subject, object, "à la tête de", "chez"…), and only the
entities that hold a role are the event's; a cue with no date or without its roles makes none."""

from __future__ import annotations

import hashlib

import pytest

from veille.extract import extract
from veille.models import Document, Event

pytestmark = pytest.mark.slow


def events_of(text: str, lang: str = "fr") -> list[Event]:
    doc = Document("t", text, hashlib.sha256(text.encode()).hexdigest(), published="2025-06-01", lang=lang)
    return extract(doc)[3]


@pytest.mark.parametrize(
    ("text", "kind", "date", "roles"),
    [
        ("En novembre 2023, le conseil d'administration de Veltron a limogé son PDG Paul Marin.",
         "dismissal", "2023-11", {"agent": "Veltron", "patient": "Paul Marin"}),
        ("Paul Marin est réintégré à la tête de Veltron en décembre 2023.",
         "reinstatement", "2023-12", {"patient": "Paul Marin", "org": "Veltron"}),
        ("En 2005, Paul Marin succède à Jeanne Roux à la tête de Veltron.",
         "succession", "2005", {"agent": "Paul Marin", "patient": "Jeanne Roux", "org": "Veltron"}),
        ("En juin 2001, Paul Marin, le numéro deux de Veltron, est envoyé chez Kirosa pour la redresser.",
         "posting", "2001-06", {"patient": "Paul Marin", "org": "Kirosa"}),
        ("En 2003, Kirosa devient le deuxième constructeur mondial.", "ranking", "2003", {"agent": "Kirosa"}),
        ("En 1998, Kirosa, lourdement endettée, cherche un allié.", "partner_search", "1998", {"agent": "Kirosa"}),
    ],
)  # fmt: skip
def test_an_event_frame_gives_each_participant_its_role(
    text: str, kind: str, date: str, roles: dict[str, str]
) -> None:
    events = [e for e in events_of(text) if e.kind == kind]
    assert len(events) == 1, events_of(text)
    event = events[0]
    assert event.date == date
    found = dict(event.roles)
    assert {r: found.get(r) for r in roles} == roles
    assert set(event.entities) == {v for r, v in found.items() if r != "rank"}  # no bystanders


def test_a_name_in_the_sentence_without_a_role_is_not_in_the_event() -> None:
    events = events_of(
        "En juin 2001, Paul Marin, le numéro deux de Veltron, est envoyé chez Kirosa pour la redresser."
    )
    assert all("Veltron" not in e.entities for e in events)


def test_a_cue_without_a_date_makes_no_event() -> None:
    assert not [
        e
        for e in events_of("Paul Marin succède à Jeanne Roux à la tête de Veltron.")
        if e.kind == "succession"
    ]
