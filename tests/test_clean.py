"""Cleaning: boilerplate, date lines, dates, repairs, whitespace, language, identity."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.config import Settings
from veille.errors import EmptyInput
from veille.ingest.clean import (
    clean_text,
    date_from_text,
    detect_language,
    normalise_lang,
    normalise_text,
    parse_date,
    remove_boilerplate,
    to_document,
)
from veille.ingest.sources import read_sources
from veille.models import Document, RawArticle

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
BODY_FR = (
    "Le syndicat des eaux du Trégor a lancé lundi la rénovation de son usine de traitement.\n\n"
    "Les travaux dureront deux ans et coûteront 18 millions d'euros, selon son président."
)
BODY_EN = (
    "The city library of Easton will open a second reading room next spring.\n\n"
    "The council voted the budget on Thursday after a long debate about the parking lot."
)
FR_MONTHS = (
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
)


def doc(text: str, **meta: str | None) -> RawArticle:
    return RawArticle(id="t", origin="t.txt", text=text, **meta)  # type: ignore[arg-type]


# boilerplate ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Laisser un commentaire",
        "Laisser un commentaire Annuler la réponse",
        "Aucun commentaire:",
        "Aucun commentaire :",
        "Ce site utilise Akismet pour réduire les indésirables. En savoir plus sur la façon dont les données de vos commentaires sont traitées.",
        "En savoir plus sur la façon dont les données de vos commentaires sont traitées.",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Partager",
        "Partager sur Facebook",
        "Abonnez-vous à notre lettre d'information",
        "Leave a Reply",
        "Leave a comment",
        "No comments",
        "Share this:",
        "Required fields are marked *",
    ],
)
def test_boilerplate_line_is_removed_wherever_it_is(line: str) -> None:
    text = f"{BODY_FR}\n\n{line}\n\nUne dernière phrase de l'article."
    assert clean_text(text) == f"{BODY_FR}\n\nUne dernière phrase de l'article."


@pytest.mark.parametrize("line", ["le dernier", "Lire aussi", "Read more", "Lire aussi :"])
def test_trailing_lone_lines_are_removed_only_at_the_end(line: str) -> None:
    assert clean_text(f"{BODY_FR}\n\n{line}\n") == BODY_FR
    assert clean_text(f"{BODY_FR}\n{line}\nSuite du texte.") == f"{BODY_FR}\n{line}\nSuite du texte."


def test_prose_that_starts_like_boilerplate_is_kept() -> None:
    text = "Aucun commentaire n'a été fait par la direction.\nPartager les coûts reste la priorité."
    assert remove_boilerplate(text) == text


def test_text_of_boilerplate_only_is_empty() -> None:
    with pytest.raises(EmptyInput, match="t.txt: no text left after cleaning"):
        to_document(doc("Laisser un commentaire\n\nAucun commentaire:\n"))


# dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "dimanche 22 juin 2025",
        "22 juin 2025",
        "Sunday, June 22, 2025",
        "June 22, 2025",
        "2025-06-22",
        "Publié le 22/06/2025",
        "Publié le 22/06/2025 à 10h30",
        "Le 22 juin 2025",
        "22 June 2025",
    ],
)
def test_date_line_at_the_top_gives_published_and_stays(line: str) -> None:
    d = to_document(doc(f"{line}\n\nTitre de l'article\n\n{BODY_FR}"))
    assert d.published == "2025-06-22"
    assert d.text.startswith(line)


def test_date_line_needs_to_be_a_whole_line_near_the_top() -> None:
    assert date_from_text("Le 22 juin 2025, le conseil a voté.\n\nSuite.") is None
    assert date_from_text("Un\n\nDeux\n\nTrois\n\n22 juin 2025") is None
    assert date_from_text("Titre\n\n1er juillet 2024\n\nTexte") == "2024-07-01"


def test_metadata_date_wins_over_the_date_line() -> None:
    assert to_document(doc(f"22 juin 2025\n\n{BODY_FR}", published="2025-07-01")).published == "2025-07-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-14", "2025-09-14"),
        ("2025-09-14T23:30:00-05:00", "2025-09-14"),
        ("2025-09-14 10:00", "2025-09-14"),
        ("2025-09", "2025-09"),
        ("2025", "2025"),
        ("14 septembre 2025", "2025-09-14"),
        ("septembre 2025", "2025-09"),
        ("Sun, 14 Sep 2025 10:00:00 GMT", "2025-09-14"),
        ("September 14th, 2025", "2025-09-14"),
        ("14/09/2025", "2025-09-14"),
        ("09/14/2025", "2025-09-14"),
        ("2025-13-45", None),
        ("31 février 2025", None),
        ("demain matin", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_unparseable_metadata_date_is_dropped() -> None:
    assert to_document(doc(BODY_FR, published="un jour")).published is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_parse_date_reads_iso_and_french_dates(day: dt.date) -> None:
    iso = day.isoformat()
    assert parse_date(iso) == iso
    assert parse_date(f"{day.day} {FR_MONTHS[day.month - 1]} {day.year}") == iso
    assert date_from_text(f"{day.strftime('%d/%m/%Y')}\n\ntexte") == iso


@given(st.text(max_size=60))
def test_parse_date_never_crashes(value: str) -> None:
    result = parse_date(value)
    assert result is None or result[:4].isdigit()


# repairs and whitespace -----------------------------------------------------------


def test_mojibake_is_repaired() -> None:
    assert normalise_text("Le ministÃ¨re a publiÃ© son rapport sur lâ€™Ã©tÃ©.") == (
        "Le ministère a publié son rapport sur l'été."
    )


def test_text_is_nfc() -> None:
    text = normalise_text("Le cafe\u0301 de la gare\u0300 ferme.")
    assert text == unicodedata.normalize("NFC", text) and "café" in text and "garè" in text


def test_whitespace_is_normalised_and_paragraph_breaks_kept() -> None:
    raw = "  Un\t\tdeux   trois \u00a0quatre  \r\nLigne deux. \n\n\n\n  Paragraphe\u202fdeux.\u200b  \n\n"
    assert normalise_text(raw) == "Un deux trois quatre\nLigne deux.\n\nParagraphe deux."


# language -------------------------------------------------------------------------


def test_language_is_detected() -> None:
    assert detect_language(BODY_FR) == "fr"
    assert detect_language(BODY_EN) == "en"
    assert detect_language("12 345 — 67,8 %") == "und"
    assert to_document(doc(BODY_EN)).lang == "en"


@pytest.mark.parametrize(
    ("value", "expected"), [("fr-FR", "fr"), ("EN_us", "en"), ("French", "fr"), ("??", None), (None, None)]
)
def test_metadata_language(value: str | None, expected: str | None) -> None:
    assert normalise_lang(value) == expected


def test_metadata_language_wins() -> None:
    assert to_document(doc(BODY_FR, lang="en-GB")).lang == "en"


# identity -------------------------------------------------------------------------


def test_hash_is_of_the_clean_text_whatever_the_metadata() -> None:
    a = to_document(doc(BODY_FR, title="Un", source="A"))
    b = to_document(RawArticle(id="other", origin="o", text=f"  {BODY_FR}  \n\nPartager\n", title="Deux"))
    assert a.hash == b.hash == hashlib.sha256(a.text.encode()).hexdigest()
    assert to_document(doc(BODY_EN)).hash != a.hash


def test_html_metadata_and_given_metadata() -> None:
    html = (
        "<html><head><title>Titre de la page</title><meta property='og:site_name' content='Le Site'>"
        "<meta name='date' content='2025-02-03'></head><body><article><p>"
        f"{BODY_FR.replace(chr(10), ' ')}</p></article></body></html>"
    )
    page = to_document(RawArticle(id="p", origin="p.html", html=html))
    assert (page.title, page.source, page.published) == ("Titre de la page", "Le Site", "2025-02-03")
    given_meta = RawArticle(
        id="p", origin="p.html", html=html, title="Mon titre", source="Moi", published="2024"
    )
    assert (to_document(given_meta).title, to_document(given_meta).source) == ("Mon titre", "Moi")
    assert to_document(given_meta).published == "2024"


def test_html_fragment_is_extracted() -> None:
    fragment = "<p>Le port de Kerbrat accueille un nouveau remorqueur.</p>"
    assert to_document(RawArticle(id="f", origin="f", html=fragment)).text == (
        "Le port de Kerbrat accueille un nouveau remorqueur."
    )


# the seed articles (real texts, read only to check the cleaning) -----------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed corpus at {SEEDS} (the shared/ folder beside the repository)")
    out = {}
    for item in read_sources([str(SEEDS)], Settings()):
        assert isinstance(item, RawArticle), item
        out[item.id[:3]] = to_document(item)
    return out


def test_seed_001_loses_its_comment_form(seeds: dict[str, Document]) -> None:
    text = seeds["001"].text
    assert "Laisser un commentaire" not in text and "Akismet" not in text
    assert text.endswith("nervosité.")


def test_seed_003_gets_its_date_and_loses_its_comment_count(seeds: dict[str, Document]) -> None:
    d = seeds["003"]
    assert d.published == "2025-06-22" and d.text.startswith("dimanche 22 juin 2025")
    assert "Aucun commentaire" not in d.text


def test_seed_004_loses_its_trailing_line(seeds: dict[str, Document]) -> None:
    assert not seeds["004"].text.rstrip().endswith("le dernier")
    assert all(d.lang == "fr" for d in seeds.values())


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        ("La filiale fut vendue en 2018.Le groupe a ensuite grandi.", "vendue en 2018. Le groupe"),
        ("Belsa a signé (2021).Ensuite tout a changé.", "(2021). Ensuite"),
    ],
)
def test_a_full_stop_glued_to_the_next_sentence_gets_its_space(glued: str, expected: str) -> None:
    assert expected in normalise_text(glued)


@pytest.mark.parametrize(
    "text", ["Voir www.Belsa.fr et Belsa.com.", "M.Dupont signe.", "La version 2.0.Puis"]
)
def test_addresses_and_initials_keep_their_full_stops(text: str) -> None:
    assert normalise_text(text) == text
