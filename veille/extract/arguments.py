"""Finding a relation's subject and object around its trigger word.

Each rule of the pack lists, for its subject and its object, strategies tried in order
(see ``STRATEGIES``). They read spaCy's dependency parse (French UD labels, English
ClearNLP labels) and fall back on word order inside the sentence. A found mention is
expanded over coordination ("avec Oracle, SoftBank et MGX" → three).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from veille.extract.mentions import Ment
from veille.packs import Pack, fold

SUBJ = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
OBJ = ("obj", "dobj")
CLIMB = ("xcomp", "conj", "advcl", "obj", "dobj", "obl", "obl:arg", "obl:mod", "nmod", "appos", "pobj", "prep", "acomp", "parataxis")
GAP_POS = {"PUNCT", "CCONJ", "DET", "ADP", "ADJ"}
AUTHORITATIVE = {"nsubj", "agent", "obj", "iobj"}


@dataclass(slots=True)
class Sentence:
    """What the strategies need to know about one sentence."""

    span: Span
    mentions: list[Ment]
    by_token: dict[int, Ment]
    pack: Pack
    lang: str
    salient: Ment | None
    used: set[int] = field(default_factory=set)

    def at(self, tok: Token | None) -> Ment | None:
        return None if tok is None else self.by_token.get(tok.i)

    def words(self, key: str) -> set[str]:
        return {fold(w) for w in self.pack.words(key, self.lang)}

    def words_in(self, group: str, key: str) -> set[str]:
        """Cue words of a lexicon group (``modality``, ``attribution``…) for this language."""
        entry = self.pack.lexicon.get(group, {}).get(key, [])
        if isinstance(entry, dict):
            entry = entry.get(self.lang) or entry.get("fr") or []
        return {fold(w) for w in entry}


def subject_token(t: Token) -> Token | None:
    """The grammatical subject governing ``t``, climbing control, coordination and nominal heads."""
    v = t
    for _ in range(6):
        for c in v.children:
            if c.dep_ in SUBJ and c.i != t.i:
                return c
        if v.dep_ in CLIMB and v.head.i != v.i:
            v = v.head
        else:
            return None
    return None


def resolve(tok: Token | None, s: Sentence) -> Ment | None:
    """The mention a token stands for: itself, a relative pronoun's antecedent, a pronoun's referent."""
    if tok is None:
        return None
    m = s.at(tok)
    if m is not None:
        return m
    low = fold(tok.text)
    if low in {fold(w) for w in s.pack.words("relative_pronouns")}:
        head = tok.head
        while head.dep_ in ("acl:relcl", "relcl", "conj") and head.head.i != head.i:
            head = head.head
            if head.dep_ not in ("acl:relcl", "relcl", "conj"):
                break
        return s.at(head) or _in_subtree(head, s)
    if low in s.words("subject_pronouns") or low in s.words("possessives"):
        return _possessive(tok, s) if low in s.words("possessives") else s.salient
    return _in_subtree(tok, s)


def _in_subtree(tok: Token, s: Sentence) -> Ment | None:
    """The first mention inside a noun phrase (not crossing into clauses)."""
    stack = [tok]
    while stack:
        cur = stack.pop(0)
        m = s.at(cur)
        if m is not None:
            return m
        stack += [c for c in cur.children if c.dep_ not in ("acl:relcl", "relcl", "ccomp", "advcl", "acl", "parataxis", "conj")]
    return None


def _possessive(tok: Token, s: Sentence) -> Ment | None:
    """"son/sa/ses": the nearest company named before in the sentence, else the salient one."""
    before = [m for m in s.mentions if m.end <= tok.i and m.type in ("company", "fund", "other")]
    return before[-1] if before else s.salient


def expand(m: Ment, s: Sentence) -> list[Ment]:
    """A mention and those coordinated with it ("Oracle, SoftBank et MGX")."""
    doc = s.span.doc
    out = [m]
    ordered = s.mentions
    i = ordered.index(m) if m in ordered else -1
    if i < 0:
        return out
    for j in range(i + 1, len(ordered)):
        if not _coordinated(doc[ordered[j - 1].end : ordered[j].start], s):
            break
        out.append(ordered[j])
    for j in range(i - 1, -1, -1):
        if not _coordinated(doc[ordered[j].end : ordered[j + 1].start], s):
            break
        out.insert(0, ordered[j])
    return out


def _coordinated(gap: Span, s: Sentence) -> bool:
    if len(gap) == 0 or len(gap) > 6:
        return False
    words = [fold(t.text) for t in gap]
    if not any(w in {",", "et", "ou", "and", "or", "&", "ainsi", "voire", "ni"} for w in words):
        return False
    if any(w in {"comme", "dont", "notamment", "avec", "contre", "including"} for w in words):
        return False
    return all(t.pos_ in GAP_POS or t.ent_type_ in ("LOC", "GPE") or t.text in "()" for t in gap)


# strategies -----------------------------------------------------------------


def _nsubj(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    return resolve(subject_token(t), s)


def _agent(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    for c in t.children:
        if c.dep_ in ("obl:agent", "agent") or any(fold(g.text) in ("par", "by") and g.dep_ == "case" for g in c.children):
            return resolve(c, s) or next((resolve(g, s) for g in c.children if g.dep_ == "pobj"), None)
    return None


def _possessor(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    for c in t.children:
        if c.dep_ in ("nmod", "poss", "nmod:poss") and c.i > t.i or c.dep_ == "poss":
            m = resolve(c, s)
            if m is not None:
                return m
        if c.dep_ == "det" and "Poss=Yes" in str(c.morph):
            return _possessive(c, s)
    return None


def _left(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    before = [m for m in s.mentions if m.end <= t.i and m.type in spec.get("types", ())]
    return before[-1] if before else None


def _right(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    after = [m for m in s.mentions if m.start > t.i and m.type in spec.get("types", ()) and not _contrasted(m, s)]
    return after[0] if after else None


def _left_other(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    before = [m for m in s.mentions if m.end <= t.i and m.type in spec.get("types", ()) and m.start not in s.used]
    return before[-1] if before else None


def _salient(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    return s.salient


def _obj(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    for c in t.children:
        if c.dep_ in OBJ:
            m = resolve(c, s)
            if m is not None:
                return m
    return None


def _iobj(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    for c in t.children:
        if c.dep_ in ("iobj", "dative"):
            return resolve(c, s)
    head = t.head
    if t.dep_ in OBJ + ("nsubj",):
        for c in head.children:
            if c.dep_ in ("iobj", "dative"):
                return resolve(c, s)
    return None


def _obj_of_head(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    return _obj(t.head, s, spec) if t.head.i != t.i else None


def _head_noun(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    if t.dep_ not in ("acl", "amod", "acl:relcl", "relcl") or t.head.i == t.i:
        return None
    head = t.head
    m = s.at(head)
    if m is None and head.dep_ == "appos":
        m = s.at(head.head)
    return m or _in_subtree(head, s)


def _prep(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    preps = [fold(p) for p in (spec.get("preps") or {}).get(s.lang, []) or (spec.get("preps") or {}).get("fr", [])]
    if not preps:
        return None
    doc = s.span.doc
    pattern = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in preps) + r")\s*(?:(?:l'|la|le|les|the)\s*)?$")
    for m in s.mentions:
        if m.start <= t.i or m.start - t.i > 18 or _contrasted(m, s):
            continue
        before = fold(doc[max(t.i + 1, m.start - 4) : m.start].text)
        if pattern.search(" " + before) and m.type in spec.get("types", ()):
            return m
    return None


def _list(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    """The first mention after a list marker ("comme", "tels que", "notamment") just after the trigger."""
    doc = s.span.doc
    markers = [fold(w) for w in s.pack.words("list_markers", s.lang)]
    end = min(s.span.end, t.i + 9)
    for i in range(t.i + 1, end):
        for marker in markers:
            n = len(marker.split())
            if fold(doc[i : i + n].text).startswith(marker):
                after = [m for m in s.mentions if i < m.start <= i + n + 4 and m.type in spec.get("types", ())]
                if after:
                    return after[0]
    return None


def _appos_person(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    near = [m for m in s.mentions if m.type == "person" and (0 < t.i - m.end + 1 <= 4 or 0 < m.start - t.i <= 4)]
    return min(near, key=lambda m: min(abs(m.start - t.i), abs(m.end - 1 - t.i))) if near else None


def _owner(t: Token, s: Sentence, spec: dict[str, Any]) -> Ment | None:
    """A product named after the trigger stands for the company that owns it."""
    for m in s.mentions:
        if m.start <= t.i or _contrasted(m, s):
            continue
        known = s.pack.entities.get(m.entity)
        if known and known.owner and known.owner in s.pack.entities:
            owner = s.pack.entities[known.owner]
            return Ment(owner.name, owner.type, m.start, m.end, "owner", owner.startup)
    return None


def _contrasted(m: Ment, s: Sentence) -> bool:
    """Named as what the relation is NOT about: "une alternative à X", "un concurrent de X"."""
    doc = s.span.doc
    before = fold(doc[max(s.span.start, m.start - 3) : m.start].text)
    return bool(re.search(r"(alternatives? (a|aux?)|concurrents? d[eu']?|rival(e|s)? d[eu']?|face (a|aux?)|contre|alternatives? to|rivals? (of|to)|against)\s*(l'|la|le|les)?$", before))


STRATEGIES: dict[str, Callable[[Token, Sentence, dict[str, Any]], Ment | None]] = {
    "nsubj": _nsubj, "agent": _agent, "possessor": _possessor, "left": _left, "right": _right,
    "left_other": _left_other, "salient": _salient, "obj": _obj, "iobj": _iobj, "obj_of_head": _obj_of_head,
    "head_noun": _head_noun, "prep": _prep, "list": _list, "appos_person": _appos_person, "owner": _owner,
}  # fmt: skip


def find(t: Token, s: Sentence, spec: dict[str, Any], exclude: set[str] | None = None) -> list[Ment]:
    """The argument of a rule's slot: the first strategy giving a mention of an allowed type."""
    types = spec.get("types", ())
    for name in spec.get("find", ()):
        m = STRATEGIES[name](t, s, spec)
        if m is None or (exclude and m.entity in exclude):
            continue
        if m.type not in types:
            if name in AUTHORITATIVE:
                return []  # the parse names an argument of the wrong kind: no guessing around it
            continue
        group = [x for x in expand(m, s) if x.type in types] if m.how != "owner" else [m]
        return group
    return []
