"""Entity mentions: from spaCy entities and the pack's gazetteer to canonical names.

Three sources, in order of trust:
1. the gazetteer (the pack's names, aliases, headquarters and descriptive phrases, marked by
   the ``veille_gazetteer`` ruler with the canonical name as ``ent_id_``);
2. descriptions built on a known mention: "la firme de Sam Altman" (a person's
   organisation), "le créateur de ChatGPT" (a product's owner);
3. statistical NER spans unknown to the pack, kept only when they look like names
   (a proper noun, an acronym or a digit; not a heading, not a listed common word).
Anaphoric mentions ("la start-up", "le groupe", "cette dernière") resolve to the most
recent compatible company when that choice is not ambiguous, and are dropped otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from veille.extract.syntax import subject_token
from veille.packs import Pack, fold

NER_TYPES = {"PER": "person", "PERSON": "person", "ORG": "company", "MISC": "other", "PRODUCT": "product",
             "WORK_OF_ART": "product", "NORP": "other", "FAC": "other"}  # fmt: skip
SUFFIX = re.compile(r",?\s+(LLC|Inc\.?|Ltd\.?|SA|SAS|PLC|GmbH|Corp\.?|Corporation|LP)$")
DETERMINERS = re.compile(r"^(la|le|les|l'|l’|the|un|une)\s+", re.IGNORECASE)


@dataclass(slots=True)
class Ment:
    """A mention during extraction: token span [start, end) and its canonical entity."""

    entity: str
    type: str
    start: int
    end: int
    how: str = "name"
    startup: bool = False

    def tokens(self) -> range:
        return range(self.start, self.end)


def find_mentions(doc: Doc, pack: Pack, lang: str) -> list[Ment]:
    """All entity mentions of a document, sorted, non-overlapping."""
    found = [m for m in (_from_ent(ent, pack) for ent in doc.ents) if m is not None]
    found = _merge_surnames(found, doc)
    found += _descriptions(doc, found, pack, lang)
    found = _non_overlapping(found)
    found += _anaphors(doc, found, pack, lang)
    return _merge_repeats(sorted(_non_overlapping(found), key=lambda m: m.start), doc)


def _merge_repeats(found: list[Ment], doc: Doc) -> list[Ment]:
    """ "Competition and Markets Authority (CMA)": one mention, not two."""
    out: list[Ment] = []
    for m in found:
        prev = out[-1] if out else None
        if prev and prev.entity == m.entity and all(t.text in "()," for t in doc[prev.end : m.start]):
            end = m.end + (1 if m.end < len(doc) and doc[m.end].text == ")" else 0)
            out[-1] = Ment(prev.entity, prev.type, prev.start, end, prev.how, prev.startup)
        else:
            out.append(m)
    return out


def _from_ent(ent: Span, pack: Pack) -> Ment | None:
    if ent.ent_id_ and ent.ent_id_ in pack.entities:
        known = pack.entities[ent.ent_id_]
        how = (
            "name"
            if ent.text == known.name
            else ("description" if len(ent) > 2 and ent[0].is_lower else "alias")
        )
        return Ment(known.name, known.type, ent.start, ent.end, how, known.startup)
    label_type = NER_TYPES.get(ent.label_)
    if label_type is None:
        return None
    trimmed = _trim(ent)
    for candidate in {ent.text, SUFFIX.sub("", ent.text), trimmed.text if trimmed else ent.text}:
        found = pack.lookup(candidate)
        if found is not None:
            return Ment(found.name, found.type, ent.start, ent.end, "alias", found.startup)
    if trimmed is None or not _looks_like_name(trimmed, pack):
        return None
    name = normalise_name(trimmed.text)
    return Ment(name, label_type, trimmed.start, trimmed.end, "ner", label_type != "person")


PARTICLES = {
    "de",
    "d'",
    "d’",
    "du",
    "van",
    "von",
    "der",
    "den",
    "dei",
    "della",
    "di",
    "da",
    "al",
    "ben",
    "bin",
}


def _trim(ent: Span) -> Span | None:
    """The name inside an NER span: no lowercase word before it, nothing from a lowercase word
    (other than a particle) or a comma on: "phare Gucci" → "Gucci", "Acme a" → "Acme"."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].is_lower or doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(start + 1, end):
        tok = doc[i]
        if tok.is_space or tok.text in {",", ";", ":", "(", ")", "«", "»", '"'}:
            end = i
            break
        if tok.is_lower and tok.text not in PARTICLES and not tok.like_num:
            if not any(t.pos_ in ("PROPN", "X") for t in doc[start:i]):
                return None  # "Organisation à but non lucratif": a common noun phrase
            end = i
            break
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text != ".")):
        end -= 1
    while end > start and doc[end - 1].text in PARTICLES:
        end -= 1
    if end - start == 1 and doc[start].text == ".":
        return None
    return Span(doc, start, end, label=ent.label_) if end > start else None


def normalise_name(text: str) -> str:
    """A clean display name for an entity unknown to the pack."""
    text = SUFFIX.sub("", DETERMINERS.sub("", text.strip()))
    return re.sub(r"\s+", " ", text).strip(" \"'«»“”.,;:()-")


def _looks_like_name(ent: Span, pack: Pack) -> bool:
    """A proper noun, an acronym, a digit, or a capitalised word the NER calls a name, not a
    listed common word nor a sentence-opening function word ("Selon", "Ensuite")."""
    text = ent.text.strip()
    not_entities = {fold(w) for w in pack.words("not_entities")}
    if not text or not text[0].isupper() or fold(text) in not_entities or len(ent) > 6:
        return False
    if any(t.is_punct and t.text not in {"-", ".", "&", "'", "’"} for t in ent):
        return False
    if _is_heading(ent):
        return False
    if ent.label_ in ("PER", "PERSON"):
        return all(t.text[0].isupper() or t.text in PARTICLES for t in ent) and not (
            len(ent) == 1 and ent[0].is_stop
        )
    if len(ent) == 1 and ent[0].is_stop:
        return False
    distinctive = any(
        t.pos_ in ("PROPN", "X")
        or any(c.isdigit() for c in t.text)
        or sum(c.isupper() for c in t.text) > 1
        or (t.text[0].isupper() and not t.is_sent_start)
        for t in ent
    )
    return distinctive or ent.label_ == "ORG"


def _is_heading(ent: Span) -> bool:
    sent = ent.sent
    return len(sent) <= 4 and ent.start <= sent.start + 1


def _merge_surnames(found: list[Ment], doc: Doc) -> list[Ment]:
    """A lone surname ("Dupont") after a full name ("Marie Dupont") is the same person; any
    other one-word person of the NER is far more often an organisation ("Acme investit…")."""
    people: dict[str, str] = {}
    out = []
    for m in sorted(found, key=lambda m: m.start):
        if m.type == "person":
            span = doc[m.start : m.end]
            if m.how == "ner" and len(span) == 1:
                if span.text in people:
                    m = Ment(people[span.text], "person", m.start, m.end, "alias")
                else:
                    m = Ment(m.entity, "company", m.start, m.end, "ner", True)
            elif len(span) > 1:
                people.setdefault(span[-1].text, m.entity)
        out.append(m)
    return out


def _descriptions(doc: Doc, found: list[Ment], pack: Pack, lang: str) -> list[Ment]:
    """ "la firme de Sam Altman" → OpenAI; "le créateur de ChatGPT" → OpenAI."""
    heads = {fold(w) for w in pack.words("description_heads", lang)}
    out = []
    for m in found:
        known = pack.entities.get(m.entity)
        target = known and (known.org if known.type == "person" else known.owner)
        if not target or target not in pack.entities or m.start < 2:
            continue
        prep = doc[m.start - 1]
        if fold(prep.text) not in {"de", "d'", "du", "of", "by"}:
            continue
        head = _head_before(doc, prep.i, heads)
        if head is not None:
            t = pack.entities[target]
            out.append(Ment(t.name, t.type, head.i, head.i + 1, "description", t.startup))
    return out


def _head_before(doc: Doc, i: int, heads: set[str]) -> Token | None:
    for j in range(i - 1, max(i - 4, -1), -1):
        tok = doc[j]
        if fold(tok.lemma_) in heads or fold(tok.text) in heads:
            return tok
        if tok.pos_ not in ("ADJ", "NOUN"):
            return None
    return None


def _anaphors(doc: Doc, found: list[Ment], pack: Pack, lang: str) -> list[Ment]:
    table = {fold(k): v for k, v in (pack.lexicon.get("anaphors", {}).get(lang) or {}).items()}
    dets = {fold(w) for w in pack.words("anaphor_determiners", lang)}
    taken = {i for m in found for i in m.tokens()}
    out: list[Ment] = []
    for tok in doc:
        kind = table.get(fold(tok.text)) or table.get(fold(tok.lemma_))
        if kind is None or tok.i in taken or tok.i == 0 or fold(doc[tok.i - 1].text) not in dets:
            continue
        if tok.i + 1 < len(doc) and fold(doc[tok.i + 1].text) in {"de", "d'", "du", "des"}:
            continue  # "la firme de X", "le groupe de pression": a description, not an anaphor
        target = _antecedent(doc, found + out, tok, kind)
        if target is not None:
            out.append(Ment(target.entity, target.type, tok.i, tok.i + 1, "anaphora", target.startup))
    return out


def _compatible(m: Ment, kind: str) -> bool:
    if m.type not in ("company", "fund"):
        return False
    if kind == "startup":
        return m.startup
    if kind == "big":
        return not m.startup
    return True


def _antecedent(doc: Doc, found: list[Ment], tok: Token, kind: str) -> Ment | None:
    """The most recent compatible company within two sentences, unless two compete for it."""
    sent_start = tok.sent.start
    window_start = doc[sent_start - 1].sent.start if sent_start > 0 else 0
    window_start = doc[window_start - 1].sent.start if window_start > 0 else 0
    own_subject = _clause_subject(tok, found)
    candidates = [
        m
        for m in found
        if window_start <= m.start < tok.i and _compatible(m, kind) and m.entity != own_subject
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda m: m.start)
    if kind == "latest":
        return best
    rivals = {m.entity for m in candidates if doc[m.start].sent.start == doc[best.start].sent.start}
    if len(rivals) > 1 and not _is_subject(doc[best.start]):
        return None
    return best


def _clause_subject(tok: Token, found: list[Ment]) -> str | None:
    """The entity that is the subject of the anaphor's own clause: "X a investi dans l'entreprise"
    cannot mean X (a relative pronoun subject stands for its antecedent)."""
    subj = subject_token(tok)
    if subj is None:
        return None
    if subj.dep_.startswith("nsubj") and subj.pos_ == "PRON" and subj.head.dep_ in ("acl:relcl", "relcl"):
        doc = tok.doc
        before = [m for m in found if m.end <= subj.i and all(x.is_punct for x in doc[m.end : subj.i])]
        if before:
            return before[-1].entity
        subj = subj.head.head
    return next((m.entity for m in found if m.start <= subj.i < m.end), None)


def _is_subject(tok: Token) -> bool:
    return tok.dep_.startswith("nsubj") or any(
        a.dep_.startswith("nsubj") for a in tok.ancestors if a.pos_ != "VERB"
    )


def _non_overlapping(found: list[Ment]) -> list[Ment]:
    """Keep the first of overlapping mentions, preferring the shorter (more specific) span."""
    out: list[Ment] = []
    taken: set[int] = set()
    for m in sorted(found, key=lambda m: (m.end - m.start, m.start)):
        if taken.isdisjoint(m.tokens()):
            out.append(m)
            taken.update(m.tokens())
    return out
