"""From a clean document to entities, mentions, claims and events.

``extract(document)`` runs the spaCy pipeline of the document's language (loaded once
per process), resolves entity mentions, then reads each sentence: its values (money,
percents, dates), the relation rules of the pack, and event cues for the timeline.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from veille.extract.arguments import Sentence, Told, attributed, last_two, subject_token
from veille.extract.claims import Values, sentence_claims
from veille.extract.events import sentence_events
from veille.extract.mentions import Found, find_mentions
from veille.extract.syntax import doc_text, folded_words, span_text
from veille.models import SYMMETRIC, Claim, Document, EntityRef, Event, Mention
from veille.packs import Pack, fold, load_pack

PACK = "alliances"


Extraction = tuple[list[EntityRef], list[Mention], list[Claim], list[Event]]
PIPE_BATCH = 4  # small batches are faster than spaCy's default on long articles


def _lang_of(document: Document) -> str:
    return document.lang if document.lang in ("fr", "en") else "fr"


def extract(document: Document, pack_name: str = PACK) -> Extraction:
    return extract_many([document], pack_name)[0]


def extract_many(documents: list[Document], pack_name: str = PACK) -> list[Extraction]:
    """``extract`` over several documents, annotated with ``nlp.pipe`` in small batches
    (a long document in paragraph-aligned pieces, offsets kept: :mod:`veille.nlp.pieces`)."""
    from functools import partial

    from veille.nlp.model import pipeline
    from veille.nlp.pieces import in_pieces

    out: dict[int, Extraction] = {}
    for lang in {_lang_of(d) for d in documents}:
        group = [(i, d) for i, d in enumerate(documents) if _lang_of(d) == lang]
        read = partial(from_doc, pack_name=pack_name)
        found = in_pieces((d for _, d in group), pipeline(lang, pack_name), read, dedupe, PIPE_BATCH)
        for (i, _), extraction in zip(group, found, strict=True):
            out[i] = extraction
    return [out[i] for i in range(len(documents))]


def from_doc(document: Document, doc: Doc, pack_name: str = PACK) -> Extraction:
    """Mentions, claims and events of a document already annotated by the pipeline."""
    lang = _lang_of(document)
    pack = load_pack(pack_name)
    mentions = find_mentions(doc, pack, lang)
    claims, events = _read_sentences(document, doc, mentions, pack, lang, pack_name)
    return _entities(mentions, claims, pack), _mention_records(doc, mentions), dedupe(claims), events


def _read_sentences(
    document: Document, doc: Doc, mentions: list[Found], pack: Pack, lang: str, pack_name: str
) -> tuple[list[Claim], list[Event]]:
    from veille.nlp.dates import find_dates
    from veille.nlp.money import find_money
    from veille.nlp.percent import find_percents

    by_token = {i: m for m in mentions for i in m.tokens()}
    claims: list[Claim] = []
    events: list[Event] = []
    salient: Found | None = None
    heading_date: str | None = None
    entry_date: str | None = None  # the date a paragraph opens with ("En 1999, …"), for its events
    currency: str | None = None
    groups: dict[int, list[Found]] = {}
    topic = article_topic(mentions)
    starts = [m.start for m in mentions]  # sorted (find_mentions): a sentence's mentions by bisection
    made: dict[int, list[Told]] = {}  # sentence number → the relations it made
    for k, sent in enumerate(doc.sents):
        told = made.get(k - 2, []) + made.get(k - 1, [])
        text, base = span_text(sent), sent.start_char
        opens = base == 0 or "\n" in doc_text(doc)[max(0, base - 2) : base]
        entry_date = None if opens else entry_date
        ments = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        for m, members in _pair_anaphors(sent, mentions, pack, lang):
            ments.append(m)
            by_token[m.start], groups[m.start] = m, members
        ments.sort(key=lambda m: m.start)
        heading = _is_heading(sent)
        if (
            not ments
            and not heading
            and not (salient and _pronoun_subject(sent, pack, lang))
            and not (told and _deal_subject(sent, pack, lang))
        ):
            continue  # nothing to read here: no entity, no section date, no "elle" for the last one
        dates = [_shift(d, base) for d in find_dates(text, ref=document.published, lang=lang)]
        if heading:
            heading_date = _heading_date(sent, dates, document)
        elif opens:
            entry_date = _entry_date(text, dates, base)
        if not ments and not salient and not told:
            continue
        money = [_shift(m, base) for m in find_money(text, lang=lang)]
        currency = next((m.currency for m in reversed(money) if m.currency), currency)
        values = Values(
            money, [_shift(p, base) for p in find_percents(text, lang=lang)], dates, heading_date, currency
        )
        sentence = Sentence(sent, ments, by_token, pack, lang, salient, groups=groups, topic=topic, told=told)
        claims += sentence_claims(document.id, sentence, values, pack_name)
        made[k] = sentence.made
        events += sentence_events(document.id, sentence, values, entry_date)
        salient = _subject_of(sentence) or salient
    return claims, events


def article_topic(mentions: list[Found]) -> Found | None:
    """The company an article is about: the one named most often, at least three times and more
    often than any other (no topic when two compete)."""
    counts = Counter(m.entity for m in mentions if m.type == "company" and m.how != "pair")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    first = next(m for m in mentions if m.entity == ranked[0][0])
    return replace(first, how="topic")


def _pair_anaphors(
    sent: Span, mentions: list[Found], pack: Pack, lang: str
) -> list[tuple[Found, list[Found]]]:
    """ "les deux groupes", "the two companies": the last two organisations named before, as a
    group that strategies expand like a coordination ("Orvane et Kiro … Les deux groupes
    créeront une coentreprise" → both found it)."""
    nouns = pack.folded(None, "pair_nouns", lang)
    texts = folded_words(sent.doc)[0]
    out = []
    for i in range(max(sent.start, 2), sent.end):
        if texts[i] not in nouns:
            continue
        tok = sent.doc[i]
        if texts[i - 1] not in ("deux", "two") or texts[i - 2] not in (
            "les",
            "ces",
            "the",
            "these",
            "both",
        ):
            continue
        pair = last_two([m for m in mentions if m.end <= tok.i - 2 and m.type in ("company", "fund")])
        if len(pair) == 2:
            first = pair[0]
            out.append((Found(first.entity, first.type, tok.i, tok.i + 1, "pair", first.startup), pair))
    return out


def _pronoun_subject(sent: Span, pack: Pack, lang: str) -> bool:
    """Whether a sentence that names nobody has a subject pronoun standing for the last subject."""
    pronouns = pack.folded(None, "subject_pronouns", lang)
    return any(t.dep_.startswith("nsubj") and fold(t.text) in pronouns for t in sent)


def _deal_subject(sent: Span, pack: Pack, lang: str) -> bool:
    """Whether a sentence that names nobody has a deal noun for a subject ("L'accord prévoit…"),
    which may stand for the deal just told (``claims._told_parties``)."""
    nouns = pack.folded(None, "deal_nouns", lang)
    lemmas = folded_words(sent.doc)[1]
    return any(t.dep_.startswith("nsubj") and lemmas[t.i] in nouns for t in sent)


def _shift(value, base: int):  # type: ignore[no-untyped-def]
    """A value found in a sentence, with offsets moved into the document."""
    return replace(value, start=value.start + base, end=value.end + base)


def _is_heading(sent: Span) -> bool:
    """A short line of its own with no conjugated verb: a section title."""
    if len(sent) > 20:
        return False
    text = sent.text.strip()
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    if not words or not text:
        return False
    before = doc[words[0].i - 1] if words[0].i > 0 else None
    after = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
    starts_line = before is None or "\n" in before.text + before.whitespace_
    ends_line = after is None or "\n" in words[-1].whitespace_ + after.text
    finite = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in words)
    return starts_line and ends_line and len(words) <= 16 and not finite and not text.endswith(".")


def _entry_date(text: str, dates: list, base: int) -> str | None:  # type: ignore[type-arg]
    """The date a paragraph opens with ("En 1999, …", "Le 27 mars 1999, …", "2019 : …")."""
    first = next((d for d in dates if d.kind == "point" and d.value), None)
    if first is None:
        return None
    lead = text[: first.start - base].strip(" \t•*-–—").lower()
    return first.value if lead in ("", "en", "le", "au", "dès", "in", "on") else None


def _heading_date(sent: Span, dates: list, document: Document) -> str | None:  # type: ignore[type-arg]
    """The date a section title gives to the paragraphs under it (not the article's own date line)."""
    points = [d for d in dates if d.kind == "point" and d.value]
    if not points:
        return None
    words = [t for t in sent if t.is_alpha and not any(d.start <= t.idx < d.end for d in points)]
    if len(words) < 2 or (document.published and points[0].value == document.published):
        return None
    return points[0].value


def _subject_of(sentence: Sentence) -> Found | None:
    """The entity that is the subject of the sentence's main clause, if any (for pronouns); not
    a source ("Selon Reuters, …", "dont Reuters")."""
    root, by_token = sentence.span.root, sentence.by_token

    def usable(tok: Token | None, types: tuple[str, ...]) -> Found | None:
        m = by_token.get(tok.i) if tok is not None else None
        return m if m is not None and m.type in types and not attributed(m, sentence) else None

    tok = subject_token(root) if root.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN") else None
    found = usable(tok, ("company", "person", "fund", "government"))
    if found is not None:
        return found
    return next(
        (
            m
            for t in sentence.span
            if t.dep_.startswith("nsubj") and (m := usable(t, ("company", "fund", "government")))
        ),
        None,
    )


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per relation and values in a document: the first sentence that states it.

    A repetition that only adds a date or an object the first one lacked completes it
    ("OpenAI lève 40 milliards" in a title, then "le 31 mars, une levée de 40 milliards menée
    par SoftBank"). A relation without amount or percent stated again is the same claim; a bare
    relation that the document also states with a value is covered by it.
    """
    out: list[Claim] = []
    index: dict[tuple[object, ...], list[int]] = {}
    for c in claims:
        key = (_ends(c)[0], c.predicate, c.modality == "negated", c.amount, c.percent)
        match = next((i for i in index.get(key, []) if _compatible(out[i], c)), None)
        if match is None:
            index.setdefault(key, []).append(len(out))
            out.append(c)
        else:
            first = out[match]
            out[match] = replace(
                first,
                object=first.object or c.object,
                date=first.date or c.date,
                date_end=first.date_end or c.date_end,
            )
    valued = {(*_ends(c), c.predicate) for c in out if _valued(c)}
    return [c for c in out if _valued(c) or (*_ends(c), c.predicate) not in valued or c.modality == "negated"]


def _ends(c: Claim) -> tuple[str, str | None]:
    """Subject and object, in one order for a symmetric relation: "A s'allie à B" and "B,
    partenaire de A" are one relation."""
    if c.predicate in SYMMETRIC and c.object is not None and c.object < c.subject:
        return c.object, c.subject
    return c.subject, c.object


def _valued(c: Claim) -> bool:
    return c.amount is not None or c.percent is not None


def _compatible(a: Claim, b: Claim) -> bool:
    """Two statements of one relation: same object (or, when valued, one lacks it) and the same
    dates (or one lacks them); unvalued relations ignore dates (the first statement's stands)."""
    if _ends(a)[0] != _ends(b)[0]:
        return False  # a symmetric relation told the other way round has its key, not its ends
    if not _valued(a):
        return _ends(a)[1] == _ends(b)[1]
    if _ends(a)[1] != _ends(b)[1] and a.object is not None and b.object is not None:
        return False
    return all(x is None or y is None or x == y for x, y in ((a.date, b.date), (a.date_end, b.date_end)))


def _entities(mentions: list[Found], claims: list[Claim], pack: Pack) -> list[EntityRef]:
    refs: dict[str, EntityRef] = {}
    for m in mentions:
        known = pack.entities.get(m.entity)
        refs.setdefault(m.entity, known.ref() if known else EntityRef(m.entity, m.type))
    for c in claims:
        for name in (c.subject, c.object):
            if name and name not in refs:
                known = pack.entities.get(name)
                refs[name] = known.ref() if known else EntityRef(name, "other")
    return list(refs.values())


def _mention_records(doc: Doc, mentions: list[Found]) -> list[Mention]:
    out = []
    for m in mentions:
        span = doc[m.start : m.end]
        out.append(Mention(m.entity, span.start_char, span.end_char, span.text, m.how))
    return out


__all__ = ["extract"]
