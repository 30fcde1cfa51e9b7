"""Long documents in pieces (veille.nlp.pieces): paragraph-aligned, under spaCy's limit, offsets kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.models import Document
from veille.nlp.pieces import split

INVESTORS = ["Microsoft", "Nvidia", "Amazon", "Google", "Oracle", "SoftBank"]
TARGETS = ["OpenAI", "Anthropic", "Mistral AI"]
MONTHS = ["janvier", "mars", "mai", "juillet", "septembre", "novembre"]


def long_text(paragraphs: int) -> str:
    """Paragraphs of our own, each naming its companies, so none leans on the one before."""
    out = []
    for i in range(paragraphs):
        a, b = INVESTORS[i % len(INVESTORS)], TARGETS[i % len(TARGETS)]
        out.append(
            f"{a} a investi {i + 2} milliards de dollars dans {b} en {MONTHS[i % 6]} {2015 + i % 10}. "
            f"Le montant a été confirmé par les deux groupes lors d'une conférence de presse."
        )
    return "\n\n".join(out)


texts = st.lists(
    st.text(alphabet=st.sampled_from(list("abc .\n")), min_size=0, max_size=60), min_size=0, max_size=12
).map("\n\n".join)


@given(texts, st.integers(min_value=2, max_value=80))
def test_pieces_give_the_text_back_with_their_offsets(text: str, limit: int) -> None:
    pieces = split(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert all(text[offset : offset + len(p)] == p for offset, p in pieces)
    assert all(p for _, p in pieces[:-1])  # no empty piece in the middle


def test_pieces_end_where_paragraphs_do() -> None:
    text = long_text(40)
    pieces = split(text, 1000)
    assert len(pieces) > 5
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    one_paragraph = "mot " * 600
    assert all(p.endswith(" ") for _, p in split(one_paragraph, 1000)[:-1])  # else at spaces


@pytest.mark.slow
def test_a_text_over_spacys_limit_is_read_in_pieces_with_offsets_in_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """spaCy's limit lowered to 3,000 characters: a 12 KB article gives the claims it gives when
    read whole, each offset indexing the whole clean text (spaCy alone refuses it: E088)."""
    from veille.extract import extract
    from veille.nlp.model import pipeline

    text = long_text(60)
    document = Document("long", text, "h", published="2025-01-01", lang="fr")
    whole = extract(document)
    nlp = pipeline("fr")
    monkeypatch.setattr(nlp, "max_length", 3000)
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    entities, mentions, claims, _ = extract(document)
    assert len(split(text, 2999)) >= 4
    assert claims and [c.to_dict() for c in claims] == [c.to_dict() for c in whole[2]]
    assert {e.name for e in entities} == {e.name for e in whole[0]}
    assert all(text[c.start : c.end] == c.evidence for c in claims)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert max(c.start for c in claims) > 3 * 3000  # the last pieces were read too
