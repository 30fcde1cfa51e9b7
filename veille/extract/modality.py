"""Modality and attribution of a claim, read around its trigger word.

Precedence when several cues apply: negated > conditional > speculative > planned >
reported > asserted. Cues come from the pack's lexicon (``modality``, ``attribution``)
and from the verbs' morphology (conditional mood → speculative; future tense or
subjunctive → planned). By construction: a role noun marked ``former_words`` is over (negated);
a deal noun that a present ``announcing_verbs`` governs, or a ``deal_verbs`` verb in the present,
is announced (planned; ``agreement_nouns`` excepted: "X annonce un partenariat" is in force).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from veille.extract.arguments import Sentence, subject_token
from veille.extract.syntax import folded_words, misread_verb_lemmas, span_text
from veille.packs import fold

ORDER = ("negated", "conditional", "speculative", "planned", "reported", "asserted")


CLAUSE_EDGES = {
    "xcomp",
    "obj",
    "dobj",
    "obl",
    "obl:arg",
    "obl:mod",
    "nmod",
    "iobj",
    "appos",
    "pobj",
    "prep",
    "acomp",
    "attr",
    "compound",
    "amod",
    "flat",
}
PARTICLE_NEGATIONS = {
    ("give", "up"),
    ("step", "down"),
    ("back", "out"),
    ("walk", "away"),
    ("pull", "out"),
    ("call", "off"),
}


def _chain(trigger: Token, sentence: Sentence) -> list[Token]:
    """The trigger and the words that govern it inside its own clause (not across a relative,
    adverbial, completive or juxtaposed clause, whose modality is not the trigger's), up to a
    verb of effect: in "the change would not affect the partnership", what is denied or planned
    is the effect, not the tie (lexicon ``modality.effect_verbs``)."""
    effects = sentence.words_in("modality", "effect_verbs")
    out = [trigger]
    while (
        (out[-1].dep_ in CLAUSE_EDGES or _predicate_infinitive(out[-1]))
        and out[-1].head.i != out[-1].i
        and len(out) < 8
        and fold(out[-1].head.lemma_) not in effects
    ):
        out.append(out[-1].head)
    return out


def _predicate_infinitive(tok: Token) -> bool:
    """An infinitive completing a predicate noun ("serait sur le point de finaliser"): the noun's
    copula carries the mood of the infinitive's clause."""
    return (
        tok.dep_ == "acl"
        and "Inf" in _morph(tok, "VerbForm")
        and any(c.dep_ == "cop" for c in tok.head.children)
    )


def _morph(tok: Token, key: str) -> list[str]:
    return tok.morph.get(key, [])


def _verbs(chain: list[Token]) -> list[Token]:
    """Verbs of the chain with their auxiliaries (where mood and tense show)."""
    out = []
    for tok in chain:
        out.append(tok)
        out += [c for c in tok.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop")]
    return out


def modality(trigger: Token, sentence: Sentence, default: str | None = None) -> str:
    found = {
        m
        for m in (
            _negated(trigger, sentence),
            _condition(trigger, sentence),
            _speculative(trigger, sentence),
            _planned(trigger, sentence),
        )
        if m
    }
    if default == "negated" and "negated" in found:
        return "asserted"  # a sale denied ("X has no plans to sell Y", "n'a pas cédé") leaves the holding
    if default and not found:
        found.add(default)
    for m in ORDER:
        if m in found:
            return m
    return "asserted"


def _negated(trigger: Token, sentence: Sentence) -> str | None:
    chain = _chain(trigger, sentence)
    if _former(trigger, sentence):
        return "negated"
    negs = sentence.words_in("modality", "negation_words")
    for tok in chain[:4]:
        if any(fold(c.text) in negs for c in tok.children):
            return "negated"
        if tok.dep_ == "acl" and any(c.dep_ == "det" and fold(c.text) in negs for c in tok.head.children):
            return "negated"  # "X has no plans to sell Y": the noun the infinitive completes is denied
    verbs = sentence.words_in("modality", "negating_verbs")
    if any(fold(tok.lemma_) in verbs for tok in chain[1:5]):
        return "negated"
    said = next((a for a in [trigger, *trigger.ancestors][:6] if a.dep_ == "ccomp"), None)
    if said is not None and fold(said.head.lemma_) in sentence.words_in("modality", "denial_verbs"):
        return "negated"  # "X denied (that) it would buy Y": a denial governs the whole clause said
    for tok in chain[1:5]:  # English phrasal verbs: "gives up its seat", "pulls out of the deal"
        if any(
            (tok.lemma_.lower(), c.text.lower()) in PARTICLE_NEGATIONS
            for c in tok.children
            if c.dep_ == "prt"
        ):
            return "negated"
    return None


def _former(trigger: Token, sentence: Sentence) -> bool:
    """A role or tie that is over: "l'ancien PDG de X", "l'ex-PDG", "the former CEO"."""
    former = sentence.words_in("modality", "former_words")
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "amod" and fold(c.text) in former for c in trigger.children):
        return True
    head, dash, _ = fold(trigger.text).partition("-")
    return bool(dash) and head in former


def _condition(trigger: Token, sentence: Sentence) -> str | None:
    text = " " + fold(span_text(sentence.span)) + " "
    for phrase in sentence.words_in("modality", "condition_phrases"):
        word = phrase.strip()  # looked for as a substring first: a cheap test that most sentences fail
        if word and word in text and re.search(r"(^|\W)" + re.escape(word) + r"(\W|$)", text):
            if word in ("si", "if") and (
                not re.search(r"(^|[\s,])(si|if)\s+(\w+\s+){0,4}", text) or _only_questions(sentence)
            ):
                continue
            if re.search(re.escape(word) + r"\s+(?:for|de|d'|d’)?\s*(?:[$€£]\s*)?\d", text):
                continue  # "in exchange for $8.9 billion", "en échange de 2 milliards": a price
            return "conditional"
    return None


def _only_questions(sentence: Sentence) -> bool:
    """Whether every "si"/"if" of the sentence follows a verb: an indirect question ("examinait
    si l'investissement relevait…", "is examining whether"), not a condition."""
    words = [t for t in sentence.span if fold(t.text) in ("si", "if")]
    return bool(words) and all(t.i > 0 and t.doc[t.i - 1].pos_ in ("VERB", "AUX") for t in words)


IRREGULAR_CONDITIONAL = {
    "pourrait",
    "pourraient",
    "serait",
    "seraient",
    "aurait",
    "auraient",
    "devrait",
    "devraient",
    "voudrait",
    "voudraient",
    "faudrait",
    "ferait",
    "feraient",
    "irait",
    "iraient",
    "viendrait",
    "tiendrait",
}


def _conditional(tok: Token) -> bool:
    """Conditional mood, from the morphology or the form ("envisagerait" = "envisager" + "ait"),
    since the tagger sometimes reads it as an imperfect."""
    if "Cnd" in _morph(tok, "Mood"):
        return True
    text, lemma = tok.text.lower(), tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return text in IRREGULAR_CONDITIONAL or (
        lemma.endswith(("er", "ir")) and text in (lemma + "ait", lemma + "aient")
    )


def _speculative(trigger: Token, sentence: Sentence) -> str | None:
    chain = _chain(trigger, sentence)
    for tok in _verbs(chain[:5]):
        if _conditional(tok) and not _future_in_past(tok):
            return "speculative"
    words = sentence.words_in("modality", "speculative_words")
    near = [c for tok in chain[:3] for c in tok.children] + chain[:3]
    if any(fold(tok.text) in words and not _reported_future(tok, tok.head) for tok in near):
        return "speculative"
    bids = sentence.words_in("modality", "bid_nouns")  # talks and offers the deal hangs on
    heads = chain[1:4] + [tok.head for tok in chain[:1] if tok.dep_ == "acl"]  # "in talks to buy"
    if any(fold(tok.text) in bids for tok in heads):
        return "speculative"
    modals = sentence.words_in("modality", "modal_auxiliaries")  # "could", "might": English only
    if any(
        fold(c.text) in modals and not _reported_future(c, tok) for tok in chain[:3] for c in tok.children
    ):
        return "speculative"
    return None


def _future_in_past(tok: Token) -> bool:
    """A conditional under a past saying verb ("stipulait que X fournirait") is not a hedge."""
    head = tok.head
    return tok.dep_ == "ccomp" and any(
        "Imp" in _morph(x, "Tense") or "Past" in _morph(x, "Tense") for x in (head, *head.children)
    )


def _reported_future(aux: Token, verb: Token) -> bool:
    """ "X said it would invest": "would" under a past saying verb is the future of then, a plan
    told, not a hedge (the English twin of ``_future_in_past``)."""
    return fold(aux.text) == "would" and _future_in_past(verb)


# A planning word qualifies the trigger ("l'investissement prévu", "un futur partenariat"), it is not
# one of its arguments ("a noué un partenariat en investissant dans Orbalis, un projet de…").
PLAN_MODIFIERS = {"amod", "acl", "advmod", "det", "compound", "nummod"}


def _planned(trigger: Token, sentence: Sentence) -> str | None:
    chain = _chain(trigger, sentence)
    verbs = sentence.words_in("modality", "planning_verbs")
    if any(fold(tok.lemma_) in verbs for tok in chain[1:5]):
        return "planned"
    if _planning_noun(trigger, sentence):
        return "planned"
    if _misread_planning_verb(trigger, verbs):
        return "planned"
    if any(tok.dep_ == "acl" and fold(tok.head.lemma_) in verbs for tok in chain[:3]):
        return "planned"  # "X has plans to buy Y", "its plan to invest": a planning noun's infinitive
    if _announced_deal(trigger, sentence) or _deal_in_present(trigger, sentence):
        return "planned"
    for tok in _verbs(chain[:4]):
        if "Fut" in _morph(tok, "Tense") or "Sub" in _morph(tok, "Mood"):
            return "planned"
        if _conditional(tok) and _future_in_past(tok):  # "a indiqué qu'elle investirait": a plan told
            return "planned"
    words = sentence.words_in("modality", "planning_words")
    if any(fold(c.text) in words for c in trigger.children if c.dep_ in PLAN_MODIFIERS) or (
        sentence.lang == "en"
        and any(
            fold(c.text) in {"will", "shall"} or _reported_future(c, tok)
            for tok in chain[:3]
            for c in tok.children
        )
    ):
        return "planned"
    return None


def _planning_noun(trigger: Token, sentence: Sentence) -> bool:
    """An infinitive completing a noun of intent ("son intention de racheter X", "its plan to
    buy X"; lexicon ``planning_nouns``), however the model attached it: the noun before its "de"/"to"."""
    if "Inf" not in _morph(trigger, "VerbForm"):
        return False
    nouns = sentence.words_in("modality", "planning_nouns")
    mark = next((c for c in trigger.children if c.dep_ in ("mark", "aux") and c.i < trigger.i), None)
    before = trigger.doc[mark.i - 1] if mark is not None and mark.i > 0 else None
    return any(t is not None and t.pos_ == "NOUN" and fold(t.lemma_) in nouns for t in (trigger.head, before))


def _misread_planning_verb(trigger: Token, verbs: frozenset[str]) -> bool:
    """ "X compte racheter Y", where the model takes "compte" for a noun that the infinitive
    completes, or for a word describing the subject ("le groupe X compte racheter", read "le
    groupe compte"): a present "-e" form of a planning verb ("compte" → "compter") right before
    the infinitive (an adverb may come between: "compte aussi racheter")."""
    if "Inf" not in _morph(trigger, "VerbForm"):
        return False
    prev = trigger.i - 1
    while prev > 0 and trigger.doc[prev].pos_ == "ADV":
        prev -= 1
    before = trigger.doc[prev]
    return (
        prev >= 0
        and before.i != trigger.i
        and before.pos_ in ("NOUN", "VERB", "ADJ")
        and "Inf" not in _morph(before, "VerbForm")
        and any(lemma in verbs for lemma in misread_verb_lemmas(before))
    )


def _announced_deal(trigger: Token, sentence: Sentence) -> bool:
    """A deal noun that is the object of an announcing verb in the present or future is announced,
    not closed: "X annonce un investissement de 2 milliards dans Y". In the past it tells what
    happened ("en 2019, X a annoncé un investissement"); an agreement announced is in force
    ("X annonce un partenariat avec Y")."""
    verb = trigger.head
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in ("obj", "dobj")
        and fold(verb.lemma_) in sentence.words_in("modality", "announcing_verbs")
        and fold(trigger.lemma_) not in sentence.words_in("modality", "agreement_nouns")
        and not any(c.dep_ in ("aux", "aux:tense") for c in verb.children if c.lemma_ in ("avoir", "have"))
        and not {"Past", "Imp"} & set(_morph(verb, "Tense"))
    )


def _deal_in_present(trigger: Token, sentence: Sentence) -> bool:
    """A deal verb in the present indicative announces the deal: "X investit 1,5 milliard dans Y,
    prend 21 % de son capital". A state in the present holds ("X détient 20 %"): only deal
    verbs count."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head if trigger.dep_ in ("obj", "dobj") else None
    return (
        verb is not None
        and verb.pos_ == "VERB"
        and fold(verb.lemma_) in sentence.words_in("modality", "deal_verbs")
        and "Pres" in _morph(verb, "Tense")
        and "Fin" in _morph(verb, "VerbForm")
        and not any(c.dep_ in ("aux", "aux:tense", "aux:pass") for c in verb.children)
    )


def attribution(trigger: Token, sentence: Sentence) -> str | None:
    """Who the sentence says the claim comes from: "Selon le Financial Times" → Financial Times."""
    span = sentence.span
    folded = fold(span_text(span))
    markers = sorted(
        (m for m in sentence.words_in("attribution", "markers") if m in folded), key=len, reverse=True
    )
    for tok in span if markers else ():  # no marker in the sentence: no Token to make
        for marker in markers:
            n = next((k for k in _widths(marker) if fold(span.doc[tok.i : tok.i + k].text) == marker), 0)
            if n:
                following = span.doc[tok.i + n] if tok.i + n < len(span.doc) else None
                if (
                    following is None
                    or following.pos_ == "PRON"
                    or fold(following.text).startswith("lequel")
                    or fold(following.text) in {"laquelle", "lesquels", "lesquelles"}
                ):
                    continue  # "selon lesquelles", "selon elle": not a named source
                return _source_after(span, tok.i + n, sentence)
    return _reporting_subject(trigger, sentence)


def _widths(marker: str) -> tuple[int, int]:
    """How many tokens a marker may take: its words, one more where an elision splits a word
    ("d'après" is "D'" and "après")."""
    n = len(marker.split())
    return (n, n + 1) if "'" in marker or "’" in marker else (n, n)


def _source_after(span: Span, i: int, sentence: Sentence) -> str | None:
    """The source named after a marker, up to the comma that closes the phrase."""
    stop = next((t.i for t in span.doc[i : span.end] if t.is_punct), span.end)
    m = next((m for m in sentence.mentions if i <= m.start <= min(i + 2, stop - 1)), None)
    if m is not None:
        return m.entity
    words = []
    for tok in span.doc[i : min(span.end, i + 7)]:
        if tok.is_punct:
            break
        words.append(tok.text)
    while words and fold(words[0]) in {"le", "la", "les", "l'", "the", "des", "du"}:
        words.pop(0)
    return " ".join(words).replace("' ", "'") or None


def _reporting_subject(trigger: Token, sentence: Sentence) -> str | None:
    verbs = sentence.words_in("attribution", "reporting_verbs")
    doc, lemmas = sentence.span.doc, folded_words(sentence.span.doc)[1]
    for i in range(sentence.span.start, sentence.span.end):
        if i == trigger.i or lemmas[i] not in verbs:
            continue
        tok = doc[i]
        in_clause = tok.dep_ == "parataxis" or any(
            a.i == tok.i for a in trigger.ancestors if _via_ccomp(trigger, tok)
        )
        if not in_clause:
            continue
        subj = subject_token(tok)
        m = sentence.at(subj)
        if m is not None:
            return m.entity
    return None


def _via_ccomp(trigger: Token, verb: Token) -> bool:
    node = trigger
    while node.head.i != node.i:
        if node.head.i == verb.i:
            return node.dep_ in ("ccomp", "obj", "dobj") and node.pos_ in ("VERB", "AUX")
        node = node.head
    return False
