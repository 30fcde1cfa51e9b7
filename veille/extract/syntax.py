"""Small helpers over spaCy's dependency parse, shared by mention resolution and argument finding.

Labels of both French (Universal Dependencies) and English (ClearNLP) models are accepted.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from veille.packs import Pack, fold

SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj")
OBJ = ("obj", "dobj")
CLIMB = (
    "xcomp",
    "conj",
    "advcl",
    "obj",
    "dobj",
    "obl",
    "obl:arg",
    "obl:mod",
    "nmod",
    "appos",
    "pobj",
    "prep",
    "acomp",
    "parataxis",
)


def subject_token(t: Token) -> Token | None:
    """The grammatical subject governing ``t``, climbing control, coordination and nominal heads."""
    v = t
    for _ in range(6):
        for c in v.children:
            if c.dep_ in SUBJ and c.i != t.i:
                return c
        if (
            v.dep_ in CLIMB or (v.dep_ == "acl" and "Inf" in v.morph.get("VerbForm", []))
        ) and v.head.i != v.i:
            v = v.head
        else:
            return None
    return None


__all__ = ["CLIMB", "OBJ", "SUBJ", "doc_text", "folded_words", "span_text", "subject_token"]


def doc_text(doc: Doc) -> str:
    """The document's text, joined once (spaCy's ``Doc.text`` joins every token at each call)."""
    text = doc.user_data.get("veille_text")
    if text is None:
        text = doc.user_data["veille_text"] = doc.text
    return text  # type: ignore[no-any-return]


def span_text(span: Span) -> str:
    """``span.text``, sliced from the document's text (``Span.text`` joins its tokens at each call)."""
    return doc_text(span.doc)[span.start_char : span.end_char] if len(span) else span.text


def folded_words(doc: Doc) -> tuple[list[str], list[str]]:
    """``fold`` of each token's text and of its lemma, computed once per document (several
    readers look every token up in a word list; indexing these lists makes no Token)."""
    words = doc.user_data.get("veille_folded")
    if words is None:
        words = doc.user_data["veille_folded"] = ([fold(t.text) for t in doc], [fold(t.lemma_) for t in doc])
    return words  # type: ignore[no-any-return]


GERUND_ENDINGS = (("issant", "ir"), ("ant", "er"), ("ant", "ir"), ("ant", "re"))
ER_ENDINGS = ("ees", "ee", "es", "e", "ent", "ait", "aient")  # folded: "valorisées" → "valorisees"


def misread_verb_lemmas(tok: Token) -> list[str]:
    """The verbs a French word may be a form of when the model misread it: a gerund taken for a
    noun ("en investissant": "-issant" → "-ir", "-ant" → "-er", "-ir", "-re"; only after "en"), or
    a form of an "-er" verb the lemmatiser left as it is ("valorise", "Valorisée" → "valoriser")."""
    texts, lemmas = folded_words(tok.doc)  # called on every word of a sentence: no fold, no Token here
    i = tok.i
    text = texts[i]
    if lemmas[i] != text and tok.pos_ == "VERB":
        return []
    if i > 0 and texts[i - 1] == "en" and text.endswith("ant"):
        return [text[: -len(end)] + base for end, base in GERUND_ENDINGS if text.endswith(end)]
    if lemmas[i] != text or not text.endswith(ER_ENDINGS) or (tok.ent_type_ and not tok.is_sent_start):
        return []  # a name, unless the capital is the sentence's ("Valorisée 3 milliards, …" read as a place)
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" for c in tok.children):
        return []  # a noun with its article is a noun: "la concurrence" is no form of "concurrencer"
    return [
        text[: -len(end)] + "er" for end in ER_ENDINGS if text.endswith(end) and len(text) > len(end) + 3
    ][:1]


def misread_forms(texts: list[str], i: int) -> list[str]:
    """Every verb ``misread_verb_lemmas`` may give for the word at ``i`` (``texts`` as
    ``folded_words`` gives them), whatever its tags: when none is a trigger, the word is no
    misread trigger, known without making its Token."""
    text = texts[i]
    out = []
    if i > 0 and texts[i - 1] == "en" and text.endswith("ant"):
        out = [text[: -len(end)] + base for end, base in GERUND_ENDINGS if text.endswith(end)]
    if text.endswith(ER_ENDINGS):
        out += [
            text[: -len(end)] + "er" for end in ER_ENDINGS if text.endswith(end) and len(text) > len(end) + 3
        ][:1]
    return out


INDEFINITE = frozenset({"un", "une", "a", "an"})
BECOMING = frozenset({"devenir", "rester", "become", "remain"})  # verbs whose object says what the subject is
AGENT_MARKERS = frozenset({"par", "by"})  # the preposition of a passive's agent


def apposed_noun(tok: Token) -> bool:
    """A bare or indefinite noun set right after a comma, an apposition to what comes before the
    comma even where the model makes it a subject: "Kiro, société née en 2017…", "Kiro, une
    entreprise fondée par…"."""
    comma = tok.left_edge.i - 1
    return (
        tok.pos_ == "NOUN"
        and comma >= 0
        and tok.doc[comma].text == ","
        and all(fold(d.text) in INDEFINITE for d in tok.children if d.dep_ == "det")
    )


def relation_nouns(pack: Pack, lang: str, predicates: tuple[str, ...] | None = None) -> frozenset[str]:
    """The one-word trigger nouns of the pack's relation rules, of the given predicates or all
    (computed once per pack, language and predicates)."""
    return relation_words(pack, lang, "nouns", predicates)


def relation_words(
    pack: Pack, lang: str, kind: str, predicates: tuple[str, ...] | None = None, flag: str | None = None
) -> frozenset[str]:
    """The one-word trigger ``kind`` ("nouns", "verbs") of the pack's relation rules, of the given
    predicates or all, of the rules that have ``flag`` when one is named ("gives_up": the verbs
    of a sale), folded, computed once per pack and question."""
    key = (f"relation_{kind}:{flag or ''}", lang, ",".join(predicates) if predicates is not None else "*")
    if key not in pack.cache:
        pack.cache[key] = frozenset(
            fold(w)
            for rule in pack.relations
            if (predicates is None or rule["predicate"] in predicates) and (flag is None or rule.get(flag))
            for w in (rule.get(kind) or {}).get(lang, [])
            if " " not in w
        )
    return pack.cache[key]
