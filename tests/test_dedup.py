"""Near-duplicates: MinHash signatures and the LSH index."""

from __future__ import annotations

import pickle
import subprocess
import sys

from veille.ingest.dedup import NUM_PERM, NearDuplicates, shingles, signature

ARTICLE = (
    "La communauté de communes du Val d'Oust a présenté jeudi soir son projet de réseau de chaleur, "
    "qui doit relier la piscine, le collège et une centaine de logements sociaux à une chaufferie au bois. "
    "Le chantier, estimé à 7,5 millions d'euros, sera financé pour moitié par l'Ademe et la région, "
    "le reste étant couvert par un emprunt sur vingt ans. Les premiers raccordements sont prévus "
    "à l'automne prochain, après la pose de quatre kilomètres de canalisations sous les rues du bourg. "
    "Le président de la communauté a rappelé que la chaufferie consommera du bois issu des haies du "
    "territoire, entretenues par une coopérative d'agriculteurs créée l'an dernier. Les habitants "
    "pourront visiter le site lors d'une journée portes ouvertes organisée au début de l'été, et une "
    "réunion publique est prévue en mairie le mois prochain pour répondre aux questions des riverains."
)
REWORDED = ARTICLE.replace("jeudi soir", "mardi soir").replace("centaine", "cinquantaine")
UNRELATED = (
    "The county fair of Millbrook returned this weekend with a record number of visitors, the organisers "
    "said on Sunday. Farmers from three states showed their cattle and sheep, while the pie contest drew "
    "more entries than ever. A new stage hosted local bands every evening, and the fireworks on Saturday "
    "night closed the fair in front of a packed grandstand. Next year the fair will add a market for "
    "young craftspeople and a larger parking area near the river."
)


def test_signature_is_plain_ints_and_deterministic() -> None:
    sig = signature(ARTICLE)
    assert len(sig) == NUM_PERM and all(type(v) is int for v in sig)
    assert signature(ARTICLE) == sig
    assert pickle.loads(pickle.dumps(sig)) == sig


def test_signature_is_the_same_in_another_process() -> None:
    code = "import sys; from veille.ingest.dedup import signature; print(list(signature(sys.stdin.read())))"
    out = subprocess.run(
        [sys.executable, "-c", code], input=ARTICLE, capture_output=True, text=True, check=True
    )
    assert tuple(eval(out.stdout)) == signature(ARTICLE)  # noqa: S307 — our own list of ints


def test_signature_ignores_case_and_punctuation() -> None:
    assert signature(ARTICLE.upper().replace(". ", " ; ").replace(" la ", " « la » ")) == signature(ARTICLE)


def test_shingles() -> None:
    assert shingles("Un, deux; trois quatre cinq six!") == {
        "un deux trois quatre cinq",
        "deux trois quatre cinq six",
    }
    assert shingles("Trop court.") == {"trop court"}
    assert shingles("  ... ") == set()


def test_two_words_changed_is_a_near_duplicate_and_unrelated_is_not() -> None:
    index = NearDuplicates([("original", signature(ARTICLE)), ("fair", signature(UNRELATED))])
    found = index.query(signature(REWORDED))
    assert [doc_id for doc_id, _ in found] == ["original"]
    assert 0.7 <= found[0][1] < 1.0
    assert (
        index.query(signature("Un tout autre sujet : la météo de demain sur la côte, pluie et vent.")) == []
    )


def test_index_add_replace_and_bad_signatures() -> None:
    index = NearDuplicates(threshold=0.9)
    assert index.query(signature(ARTICLE)) == []
    index.add("a", signature(UNRELATED))
    index.add("a", signature(ARTICLE))  # the same id again replaces its signature
    index.add("old", ())  # an empty signature from an old record is ignored
    assert len(index) == 1 and "a" in index and "old" not in index
    assert index.query(signature(ARTICLE)) == [("a", 1.0)]
    assert index.query(signature(UNRELATED)) == []
    assert index.query(()) == []
