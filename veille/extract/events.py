"""Event frames for the timeline: a cue word of the pack's ``events`` lexicon, a date (in the
sentence or from its section or chronology entry) and the participants the parse gives the
cue, each in its role (``models.ROLES``).

Each kind of the lexicon that has ``roles`` is a frame: per role, the argument strategies of
:mod:`veille.extract.arguments` to try (``find`` for an active verb, ``passive_find`` for a
passive one or a participle, ``noun_find`` for a noun: "le limogeage de X par Y"), the entity
types it admits and its prepositions; ``needs`` lists the roles without which there is no
event, ``object`` the nouns the verb must govern ("cherche un allié", "dévoile un plan"). Two
roles are read here rather than by a strategy: ``org`` from the title a person is given
("X, PDG de Y", the lexicon's ``leader_titles``) and ``rank``, a value, from an ordinal
("devient le deuxième constructeur", "becomes the second-largest").

Only entities that hold a role are the event's; a sentence gives one event at most (its
first frame that finds what it needs), so that a sentence telling one thing twice does not
make two events. A cue word with no frame, or whose frame finds no participant, gives no
event: what its sentence says reaches the timeline through its claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from veille.extract.arguments import Sentence, find
from veille.extract.mentions import Found
from veille.extract.syntax import SUBJ, folded_words, span_text, subject_token
from veille.models import Event
from veille.packs import Pack, fold

PASSIVE_DEPS = ("aux:pass", "auxpass", "nsubj:pass", "nsubjpass")
ATTRIBUTE_DEPS = ("obj", "dobj", "xcomp", "attr", "oprd", "obl:arg", "pobj", "acomp")
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|er|ere|eme|st|nd|rd|th)$")


def sentence_events(
    doc_id: str, sentence: Sentence, values: object, entry_date: str | None = None
) -> list[Event]:
    """The first event frame of the sentence with a date and the roles its kind needs: the date in
    the sentence nearest the cue, else the one its paragraph opens with (``entry_date``: "En 1999,
    Acme … Elle cherche un allié."), else its section's."""
    frames, any_cue = _frames(sentence.pack, sentence.lang)
    texts, lemmas = folded_words(sentence.span.doc)
    for i in range(sentence.span.start, sentence.span.end):
        if lemmas[i] not in any_cue and texts[i] not in any_cue:
            continue  # no frame's cue word: most tokens, skipped before looking at each frame
        t = sentence.span.doc[i]
        for kind, frame, cue in frames:
            if not _cue(t, cue):
                continue
            roles = _roles(t, frame, sentence)
            if not roles:
                continue
            date = _date(t, values) or entry_date or getattr(values, "heading_date", None)
            if not date:
                return []  # the sentence's event has no date: not on the timeline
            names = tuple(dict.fromkeys(n for r, n in roles if r != "rank"))
            label = (frame.get("label") or {}).get(sentence.lang) or kind
            span = sentence.span
            evidence = span_text(span).strip()
            return [Event(doc_id, date, label, names, evidence, span.start_char, span.end_char, kind, roles)]
    return []


@dataclass(frozen=True, slots=True)
class Cue:
    """A frame's cue words, folded once per pack and language."""

    words: frozenset[str]
    nouns: bool  # a role reads nouns (``noun_find``): a noun may be the cue
    objects: frozenset[str] | None  # the nouns the cue must govern, if the frame has some


def _frames(pack: Pack, lang: str) -> tuple[list[tuple[str, dict[str, Any], Cue]], frozenset[str]]:
    """The lexicon's event frames (kinds with ``roles``) with their cues, and all their cue words;
    computed once per pack and language (every token of every sentence is looked up)."""
    key = ("event_frames", lang)
    if key not in pack.derived:
        frames = []
        for kind, frame in pack.lexicon.get("events", {}).items():
            if not isinstance(frame, dict) or "roles" not in frame:
                continue
            objects = (frame.get("object") or {}).get(lang)
            cue = Cue(
                frozenset(fold(w) for w in frame.get(lang) or []),
                any("noun_find" in spec for spec in frame["roles"].values()),
                frozenset(fold(w) for w in objects) if objects else None,
            )
            frames.append((kind, frame, cue))
        pack.derived[key] = (frames, frozenset(w for _, _, cue in frames for w in cue.words))
    return pack.derived[key]


def _cue(t: Token, cue: Cue) -> bool:
    """Whether a token is a cue of the frame: its lemma in the list, a verb (or a noun when a role
    reads nouns), governing one of the frame's ``object`` nouns when it has some."""
    if fold(t.lemma_) not in cue.words and fold(t.text) not in cue.words:
        return False
    if t.pos_ not in ("VERB", "AUX") and not (cue.nouns and t.pos_ == "NOUN"):
        return False
    return cue.objects is None or _governed(t, cue.objects) is not None


def _governed(t: Token, nouns: frozenset[str]) -> Token | None:
    """The object or attribute of ``t`` (directly or through a preposition: "look for") among ``nouns``."""
    for c in t.children:
        if c.dep_ in ATTRIBUTE_DEPS and fold(c.lemma_) in nouns:
            return c
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj" and fold(g.lemma_) in nouns:
                    return g
    return None


def _passive(t: Token) -> bool:
    """A passive verb ("est évincé", "was fired") or a past participle describing a noun ("X, nommé …")."""
    if any(c.dep_ in PASSIVE_DEPS for c in t.children):
        return True
    participle = "Part" in t.morph.get("VerbForm", []) and "Past" in t.morph.get("Tense", [])
    return participle and t.dep_ in ("acl", "amod") and t.pos_ == "VERB"


def _roles(t: Token, frame: dict[str, Any], sentence: Sentence) -> tuple[tuple[str, str], ...]:
    """The frame's participants around the cue, in their roles; () when a needed one is missing."""
    found: dict[str, list[Found]] = {}
    passive = t.pos_ != "NOUN" and _passive(t)
    for role, spec in frame["roles"].items():
        if role == "rank":
            continue
        key = (
            "noun_find"
            if t.pos_ == "NOUN"
            else "passive_find"
            if passive and "passive_find" in spec
            else "find"
        )
        order = list(spec.get(key) or [])
        taken = {m.entity for ms in found.values() for m in ms}
        standard = [s for s in order if s not in LOCAL]
        group = find(t, sentence, {**spec, "find": standard, "noun_find": None}, taken) if standard else []
        for name in (s for s in order if s in LOCAL and not group):
            group = LOCAL[name](t, found, sentence, spec, taken)
        if group:
            found[role] = group
    needs = frame.get("needs", [])
    rank = _rank(t, sentence) if "rank" in frame["roles"] else None
    if any(not found.get(r) for r in needs if r != "rank") or ("rank" in needs and not rank):
        return ()
    roles = tuple((role, m.entity) for role, group in found.items() for m in group)
    return roles + ((("rank", rank),) if rank else ())


def _title_org(
    t: Token, found: dict[str, list[Found]], sentence: Sentence, spec: dict[str, Any], taken: set[str]
) -> list[Found]:
    """The organisation a person's title names right after them: "X, PDG de Y", "X, CEO of Y"."""
    titles = sentence.words_in("events", "leader_titles")
    types = spec.get("types", ())
    doc = sentence.span.doc
    for person in found.get("patient") or found.get("agent") or []:
        window = doc[person.end : min(sentence.span.end, person.end + 6)]
        for i, tok in enumerate(window):
            if fold(tok.lemma_) not in titles and fold(tok.text) not in titles:
                continue
            after = [m for m in sentence.mentions if tok.i < m.start <= tok.i + 3 and m.type in types]
            if after and after[0].entity not in taken and all(w.text != "." for w in window[:i]):
                return [after[0]]
    return []


def _subject_token(t: Token) -> Token | None:
    return next((c for c in t.children if c.dep_ in SUBJ), None) or subject_token(t)


def _subject_name(
    t: Token, found: dict[str, list[Found]], sentence: Sentence, spec: dict[str, Any], taken: set[str]
) -> list[Found]:
    """The name that ends a described subject: "le numéro deux de Kiro, Paul Marin, est envoyé…"."""
    subj = _subject_token(t)
    if subj is None or sentence.at(subj) is not None or subj.pos_ != "NOUN":
        return []
    inside = [
        m
        for m in sentence.mentions
        if subj.left_edge.i <= m.start and m.end <= subj.right_edge.i + 1 and m.type in spec.get("types", ())
    ]
    return [inside[-1]] if inside and inside[-1].entity not in taken and inside[-1].end <= t.i else []


def _described(
    t: Token, found: dict[str, list[Found]], sentence: Sentence, spec: dict[str, Any], taken: set[str]
) -> list[Found]:
    """A subject that describes the entity the story is about ("le constructeur japonais cherche…",
    a noun of the pack's ``apposition_heads``, naming no entity): that entity, as for "il"/"elle"."""
    subj = _subject_token(t)
    salient = sentence.salient
    if subj is None or salient is None or sentence.at(subj) is not None or subj.pos_ != "NOUN":
        return []
    heads = (sentence.pack.lexicon.get("apposition_heads") or {}).get(sentence.lang) or {}
    kind = {fold(k): v for k, v in heads.items()}.get(fold(subj.lemma_))
    definite = any(c.dep_ == "det" and "Def" in c.morph.get("Definite", []) for c in subj.children)
    names = any(sentence.at(x) is not None for x in subj.subtree)
    if kind is None or not definite or names or salient.type not in spec.get("types", ()):
        return []
    return [salient] if salient.entity not in taken else []


def _phrase_prep(
    t: Token, found: dict[str, list[Found]], sentence: Sentence, spec: dict[str, Any], taken: set[str]
) -> list[Found]:
    """A name after one of the role's prepositions further on in the cue's clause, where the parse
    lost it ("X succède en 2005 à Y à la tête de Z"): no other verb and no clause break between."""
    preps = [fold(p) for p in (spec.get("preps") or {}).get(sentence.lang) or []]
    doc = sentence.span.doc
    for m in sentence.mentions:
        if m.start <= t.i or m.start - t.i > 14 or m.type not in spec.get("types", ()) or m.entity in taken:
            continue
        between = doc[t.i + 1 : m.start]
        if any(x.pos_ in ("VERB", "AUX") or x.text in ";:.()" for x in between):
            return []
        before = " " + fold(doc[max(t.i + 1, m.start - 5) : m.start].text) + " "
        before = before.replace("'", "' ").replace(" du ", " de le ").replace(" au ", " a le ")
        if any(re.search(r"\s" + re.escape(p) + r"\s+(?:l'\s*|la\s+|le\s+|les\s+)?$", before) for p in preps):
            return [m]
    return []


LOCAL = {
    "title_org": _title_org,
    "subject_name": _subject_name,
    "described": _described,
    "phrase_prep": _phrase_prep,
}


def _rank(t: Token, sentence: Sentence) -> str | None:
    """The rank the attribute of ``t`` gives: "le deuxième constructeur", "numéro deux", "the
    second-largest" — in the parse, else in the words after the cue up to the next punctuation."""
    table = sentence.pack.lexicon.get("events", {})
    ordinals = {fold(k): v for k, v in ((table.get("ordinals") or {}).get(sentence.lang) or {}).items()}
    numbers = {fold(k): v for k, v in ((table.get("cardinals") or {}).get(sentence.lang) or {}).items()}
    ranked = {fold(w) for w in (table.get("rank_nouns") or {}).get(sentence.lang) or []}
    parsed = [d for c in t.children if c.dep_ in ATTRIBUTE_DEPS for d in (c, *c.children)]
    after = []
    for d in sentence.span.doc[t.i + 1 : min(sentence.span.end, t.i + 9)]:
        if d.is_punct:
            break
        after.append(d)
    for d in parsed + after:
        word = fold(d.text.split("-")[0])
        if word in ordinals:
            return str(ordinals[word])
        m = _ORDINAL.match(word)
        if m:
            return m.group(1)
        if word in ranked:
            nxt = d.doc[d.i + 1] if d.i + 1 < len(d.doc) else None
            n = fold(nxt.text) if nxt is not None else ""
            if n in numbers:
                return str(numbers[n])
            if n.isdigit():
                return n
    return None


def _date(t: Token, values: object) -> str | None:
    """The point date of the sentence nearest the cue."""
    dates = [d for d in getattr(values, "dates", []) if d.kind == "point" and d.value]
    near = min(dates, key=lambda d: abs(d.start - t.idx)) if dates else None
    return near.value if near else None
