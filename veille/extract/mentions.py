"""Entity mentions: from spaCy entities and the pack's gazetteer to canonical names.

Three sources, in order of trust:
1. the gazetteer (the pack's names, aliases, headquarters and descriptive phrases, marked by
   the ``veille_gazetteer`` ruler with the canonical name as ``ent_id_``);
2. descriptions built on a known mention: "la firme de Sam Altman" (a person's
   organisation), "le créateur de ChatGPT" (a product's owner);
3. statistical NER spans unknown to the pack, cut to the name ("phare Gucci" → Gucci), one
   per list member, kept when they look like names (capitalised inside the sentence, a proper
   noun, an acronym or a digit; not a heading, a rubric, an amount or a listed common word).
   The NER's label is corrected by construction: a one-word person that is no known surname is
   an organisation; a description noun introduces the name after it ("la biotech américaine
   X", "le fonds X"); a "place" subject of a business verb, bought, or described ("X, fabricant
   de…") is a company; "Acme Robotics … Acme" is one company.
Names in attribution positions ("selon X", "a déclaré à X", "(X) –") are sources, not mentions.
Anaphoric mentions ("la start-up", "le groupe", "cette dernière") resolve to the most
recent compatible company when that choice is not ambiguous, and are dropped otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from veille.extract.syntax import BECOMING, OBJ, SUBJ, doc_text, folded_words, relation_nouns, subject_token
from veille.packs import Pack, fold

NER_TYPES = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "company",
    "MISC": "other",
    "PRODUCT": "product",
    "WORK_OF_ART": "product",
    "NORP": "other",
    "FAC": "other",
}
SUFFIX = re.compile(r",?\s+(LLC|Inc\.?|Ltd\.?|SA|SAS|PLC|GmbH|Corp\.?|Corporation|LP)$")
DETERMINERS = re.compile(r"^(la|le|les|l'|l’|the|un|une)\s+", re.IGNORECASE)


@dataclass(slots=True)
class Found:
    """A mention found during extraction (``models.Mention`` is the stored record): token span
    [start, end) and its canonical entity."""

    entity: str
    type: str
    start: int
    end: int
    how: str = "name"
    startup: bool = False

    def tokens(self) -> range:
        return range(self.start, self.end)


def find_mentions(doc: Doc, pack: Pack, lang: str) -> list[Found]:
    """All entity mentions of a document, sorted, non-overlapping."""
    ents = _particle_names(doc)
    found = [m for m in (_from_ent(piece, pack) for ent in ents for piece in _pieces(ent)) if m]
    found = _merge_surnames(found, doc)
    found = _named_after_employer(doc, found, pack, lang)
    found, apposed = _appositions(doc, found, pack, lang)
    found += _companies_among_places(doc, found, pack, lang)
    found = _short_forms(found, doc)
    found += _case_variants(doc, found, pack)
    found = _with_states(doc, found, pack, lang)
    found = [m for m in found if m.type == "person" or not _is_source(doc, m, pack, lang)]
    found += _descriptions(doc, found, pack, lang)
    found += _products(doc, found, pack, lang)
    found += _products_among_places(doc, found, pack, lang)
    found += _suffixed_names(doc, found, pack) if lang == "en" else []
    found = _kind_after(doc, found, pack, lang)
    found = _one_type(_non_overlapping(found))
    found += _anaphors(doc, found, pack, lang, apposed)
    return _merge_repeats(sorted(_non_overlapping(found), key=lambda m: m.start), doc)


def _one_type(found: list[Found]) -> list[Found]:
    """A name the NER could not type ("other") has the type the document gives it elsewhere: "la
    start-up Velmora … Velmora recrute" — both are the company."""
    typed: dict[str, str] = {}
    for m in found:
        if m.type != "other":
            typed.setdefault(m.entity, m.type)
    return [
        Found(m.entity, typed[m.entity], m.start, m.end, m.how, m.startup)
        if m.type == "other" and m.entity in typed
        else m
        for m in found
    ]


def _merge_repeats(found: list[Found], doc: Doc) -> list[Found]:
    """ "Competition and Markets Authority (CMA)": one mention, not two."""
    out: list[Found] = []
    for m in found:
        prev = out[-1] if out else None
        if prev and prev.entity == m.entity and all(t.text in "()," for t in doc[prev.end : m.start]):
            end = m.end + (1 if m.end < len(doc) and doc[m.end].text == ")" else 0)
            out[-1] = Found(prev.entity, prev.type, prev.start, end, prev.how, prev.startup)
        else:
            out.append(m)
    return out


def _from_ent(ent: Span, pack: Pack) -> Found | None:
    if ent.ent_id_ and ent.ent_id_ in pack.entities:
        known = pack.entities[ent.ent_id_]
        how = (
            "name"
            if ent.text == known.name
            else ("description" if len(ent) > 2 and ent[0].is_lower else "alias")
        )
        return Found(known.name, known.type, ent.start, ent.end, how, known.startup)
    label_type = NER_TYPES.get(ent.label_)
    if label_type is None:
        return None
    trimmed = _trim(ent)
    for candidate in {ent.text, SUFFIX.sub("", ent.text), trimmed.text if trimmed else ent.text}:
        found = pack.lookup(candidate)
        if found is not None:
            return Found(found.name, found.type, ent.start, ent.end, "alias", found.startup)
    if trimmed is None or not _looks_like_name(trimmed, pack):
        return None
    name = normalise_name(trimmed.text)
    if (
        label_type == "person"
        and len(trimmed) > 1
        and fold(trimmed[-1].text) in pack.folded(None, "org_name_words", "fr")
    ):
        label_type = "company"  # "Acme Robotics", "Veloria Pharma": an organisation's name
    return Found(name, label_type, trimmed.start, trimmed.end, "ner", label_type != "person")


def _with_states(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """A country's state as a party: "l'État danois", "le gouvernement italien", "the U.S.
    government", "the Danish government" — one entity per country, named in the article's
    language from the lexicon's ``state_names`` ("État danois", "Danish government"), of type
    ``government``. "l'État", "the government", "the federal government" alone is the last state
    the article named; nothing when it named none. Names the NER read on the same words give way
    ("État danois" as a place, "U.S." as a country)."""
    nouns = pack.folded(None, "state_nouns", lang)
    if not nouns:
        return found
    texts = folded_words(doc)[0]
    out: list[Found] = []
    for i, word in enumerate(texts):
        if word not in nouns or i == 0:
            continue
        start, end, code = _state_words(doc, texts, i, pack, lang)
        if start is None:
            continue
        if code is not None:
            name = pack.words("state_names", lang)[0].format(_country_word(pack, lang, code))
            out.append(Found(name, "government", start, end, "state", False))
        elif out:
            out.append(Found(out[-1].entity, "government", start, end, "state", False))
    out += _acting_countries(doc, found, pack, lang)
    if not out:
        return found
    taken = {i for m in out for i in m.tokens()}
    return [m for m in found if taken.isdisjoint(m.tokens())] + out


def _acting_countries(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """A country named as the subject of a clause acts through its state: "Norway owns 67 % of
    Kovalt", "the U.S. will take a stake", "la France détient 15 % de Vendal" — the state's
    entity ("Norwegian government", "État français"). A country named as a place ("a plant in
    Norway") stays what the NER read."""
    by_first = _country_index(pack, lang)
    texts = folded_words(doc)[0]
    others = {i for m in found for i in m.tokens() if m.type not in ("company", "other")}
    out: list[Found] = []
    i = 0
    while i < len(doc):
        candidates = by_first.get(texts[i].rstrip("."), ())
        if candidates and not doc[i].text[:1].isupper():
            candidates = ()  # a country's name is capitalised (no Token made for most words)
        hit = next(
            (
                (len(w), code)
                for w, code in candidates
                if tuple(t.rstrip(".") for t in texts[i : i + len(w)]) == w
            ),
            None,
        )
        if hit is None:
            i += 1
            continue
        n, code = hit
        span = doc[i : i + n]
        if (
            span.root.dep_.startswith("nsubj")
            and others.isdisjoint(range(i, i + n))
            and span[0].text[:1].isupper()
        ):
            name = pack.words("state_names", lang)[0].format(_country_word(pack, lang, code))
            out.append(Found(name, "government", i, i + n, "state", False))
        i += n
    return out


def _country_index(pack: Pack, lang: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The lexicon's country names by their first folded word, the longest first (once per pack
    and language): each word of a document is looked up, not compared with every name."""
    key = ("country_index", lang, "*")
    if key not in pack.cache:
        table = (pack.lexicon.get("country_names", {}) or {}).get(lang) or {}
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for code, names in table.items():
            for name in names:
                words = tuple(w.rstrip(".") for w in fold(name).split())
                if words:
                    index.setdefault(words[0], []).append((words, code))
        for entries in index.values():
            entries.sort(key=lambda x: -len(x[0]))
        pack.cache[key] = index  # type: ignore[assignment]
    return pack.cache[key]  # type: ignore[return-value]


def _state_words(
    doc: Doc, texts: list[str], i: int, pack: Pack, lang: str
) -> tuple[int | None, int, str | None]:
    """Where a state noun's mention starts and ends, and its country when one is said: French
    puts the adjective after ("l'État (fédéral) allemand"), English before ("the (federal) German
    government", "the U.S. government"). ``(None, _, None)`` when the noun is no state here
    ("l'État de Washington", "un gouvernement", "État" in a heading)."""
    words = nationality_words(pack, lang)
    skip = pack.folded(None, "state_modifiers", lang)

    def single(folded: str) -> str | None:
        codes = words.get(folded, frozenset())
        return next(iter(codes)) if len(codes) == 1 else None

    if lang == "fr":
        if texts[i - 1] not in DEFINITE and texts[i - 1] not in ("du", "au"):
            return None, i + 1, None
        j = i + 1
        while j < len(doc) and texts[j] in skip:
            j += 1
        if j < len(doc) and texts[j] in words:
            return i, j + 1, single(texts[j])
        if j < len(doc) and texts[j] in ("de", "d'", "d’", "du", "des"):
            return None, i + 1, None  # "l'État de Washington", "le gouvernement de Rome"
        return i, i + 1, None
    j = i - 1
    while j > 0 and texts[j] in skip:
        j -= 1
    if texts[j] in words:
        return j, i + 1, single(texts[j])
    k = j  # "the Biden administration": a leader's name before the noun, the state already named
    while k > 0 and doc[k].pos_ == "PROPN" and k > j - 3:
        k -= 1
    if k < j and texts[k] in DEFINITE and texts[i] in pack.folded(None, "leader_state_nouns", lang):
        return k + 1, i + 1, None
    if texts[j] in DEFINITE and not (i + 1 < len(doc) and texts[i + 1] == "of"):
        return i, i + 1, None
    return None, i + 1, None


def _country_word(pack: Pack, lang: str, code: str) -> str:
    """The first adjective the lexicon gives a country in a language ("DK" → "danois")."""
    return str(((pack.lexicon.get("nationalities", {}) or {}).get(lang) or {})[code][0])


def _named_after_employer(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """ "le PDG de Kiro Jean Dupont", "le directeur général de Vendal Motors Paul Martin": a
    title, its company, then the holder's name with no comma between. The model reads the
    company and the name as one name, or the gazetteer keeps only the company: the capitalised
    words after the company are a person's name (two or three words), and a name the NER ran
    over both is cut after the company's last word ("Motors")."""
    titles = pack.folded("events", "leader_titles", lang)
    org_words = pack.folded(None, "org_name_words", "fr")
    texts = folded_words(doc)[0]

    def after_title(start: int) -> bool:
        if start < 2 or texts[start - 1] not in ("de", "d'", "d’", "du", "of", "at"):
            return False
        return any(texts[j] in titles for j in range(max(0, start - 4), start - 1))

    taken = {i for m in found for i in m.tokens()}
    out: list[Found] = []
    for m in found:
        if not after_title(m.start):
            out.append(m)
            continue
        cut = None
        if m.how == "ner" and m.type == "person" and m.end - m.start >= 3:
            cut = next((j + 1 for j in range(m.start, m.end - 2) if texts[j] in org_words), None)
        if cut is not None:  # "Vendal Motors Paul Martin": the company, then the person
            company = normalise_name(doc[m.start : cut].text)
            out += [
                Found(company, "company", m.start, cut, "ner", True),
                Found(normalise_name(doc[cut : m.end].text), "person", cut, m.end, "ner", False),
            ]
            continue
        out.append(m)
        if m.type not in ("company", "fund"):
            continue
        k = m.end
        while (
            k < min(m.end + 3, len(doc)) and doc[k].is_alpha and doc[k].text[:1].isupper() and k not in taken
        ):
            k += 1
        if k - m.end >= 2 and not (k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha):
            out.append(Found(normalise_name(doc[m.end : k].text), "person", m.end, k, "ner", False))
    return out


def _products(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """A kind of product introduces its name ("le médicament Zelvora", "la citadine T03", "son
    médicament phare, Zelvora, …", "the K7 robot" is left to the NER): the capitalised words or
    the code right after the noun (its adjectives aside, or after a comma when a comma closes
    the name) are a product, whatever the NER missed. Kinds are the lexicon's ``product_nouns``."""
    nouns = pack.folded(None, "product_nouns", lang)
    if not nouns:
        return []
    not_entities = {fold(w) for w in pack.words("not_entities")}
    words = nationality_words(pack, lang)
    texts, lemmas = folded_words(doc)
    taken = {i for m in found for i in m.tokens()}
    out: list[Found] = []
    for i in range(len(doc) - 1):
        if texts[i] not in nouns and lemmas[i] not in nouns or not doc[i].is_lower:
            continue
        j = i + 1
        while (
            j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower and texts[j] not in words and j < i + 3
        ):
            j += 1
        apposed = j < len(doc) and doc[j].text == ","
        j += int(apposed)
        k = j
        while k < min(j + 3, len(doc)) and k not in taken and _name_word(doc[k]):
            k += 1
        if k == j or (apposed and (k >= len(doc) or doc[k].text not in {",", "(", ")", "."})):
            continue
        if k < len(doc) and (doc[k].text[:1].isupper() or doc[k].text in {"-", "&"}):
            continue  # the name runs on past what we can read: leave it to the NER
        name = normalise_name(doc[j:k].text)
        if name and fold(name) not in not_entities:
            out.append(Found(name, "product", j, k, "ner", False))
            taken.update(range(j, k))
    return out


def _products_among_places(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """A name the NER takes for a place is a product when, with its article, it is what a
    launching verb launches ("Norvik a lancé aux États-Unis le Zelvane"; lexicon ``launch_verbs``)
    and a word the model's vocabulary does not know: places are where things are launched ("au
    Japon"), and a place so named is a word it knows ("a lancé la France dans la course")."""
    verbs = pack.folded(None, "launch_verbs", lang)
    taken = {i for m in found for i in m.tokens()}
    out = []
    spans = [
        s for e in doc.ents if e.label_ in PLACES for s in (_trim(e), _after_article(e)) if s is not None
    ]
    for span in spans:
        if not taken.isdisjoint(range(span.start, span.end)):
            continue
        root = span.root
        if (
            root.dep_ in ("obj", "obl:mod", "obl", "dobj")
            and fold(root.head.lemma_) in verbs
            and any(c.dep_ == "det" and c.i < span.start for c in root.children)
            and not any(c.dep_ == "case" for c in root.children)
            and all(t.is_oov for t in span)
        ):
            out.append(Found(normalise_name(span.text), "product", span.start, span.end, "ner", False))
    return out


def _after_article(ent: Span) -> Span | None:
    """The name after an article inside a place the model ran on: "États-Unis le Travexa" →
    "Travexa"."""
    doc = ent.doc
    k = next((t.i for t in ent[1:-1] if t.pos_ == "DET" and doc[t.i + 1].text[:1].isupper()), None)
    return doc[k + 1 : ent.end] if k is not None else None


def _suffixed_names(doc: Doc, found: list[Found], pack: Pack) -> list[Found]:
    """In English, a run of capitalised words the NER missed whose last word is a company's
    (lexicon ``org_name_words``: "Orvane Holdings", "Brisca Airways", "Kestrel Labs") is a
    company: two words at least, the run ending there ("Chief Technology Officer X" runs on past
    it). French keeps the NER's reading (a name found there changes which company "l'entreprise"
    can stand for)."""
    suffixes = pack.folded(None, "org_name_words", "fr")
    taken = {i for m in found for i in m.tokens()}
    out: list[Found] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and _capitalised(doc[j]) and j not in taken:
            j += 1
        if j - i >= 2 and fold(doc[j - 1].text) in suffixes and fold(doc[i].text) not in DEFINITE:
            out.append(Found(normalise_name(doc[i:j].text), "company", i, j, "ner", False))
        i = max(j, i + 1)
    return out


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_stop


def _kind_after(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """English sets a product's kind after its name: "the Velox sedan", "its Zelvora drug",
    "Kovalt's Orva chatbot" — a name the pack does not know, after an article or a possessive
    and before a kind of the lexicon's ``product_nouns``, is a product all through the article,
    unless the article makes it the subject of a verb somewhere (a company then)."""
    if lang != "en":
        return found
    nouns = pack.folded(None, "product_nouns", lang)
    texts, lemmas = folded_words(doc)
    openers = {"the", "a", "an", "its", "their", "his", "her", "'s", "’s", "'"}
    products = {
        m.entity
        for m in found
        if m.how == "ner"
        and m.type in ("company", "other")
        and m.end < len(doc)
        and m.start > 0
        and doc[m.end].is_lower
        and (texts[m.end] in nouns or lemmas[m.end] in nouns)
        and texts[m.start - 1] in openers
    }
    products -= {m.entity for m in found if doc[m.start : m.end].root.dep_ in SUBJ}
    return [
        Found(m.entity, "product", m.start, m.end, m.how, False) if m.entity in products else m for m in found
    ]


def _name_word(tok: Token) -> bool:
    """A word of a product's name: capitalised (not a sentence's first word) or a code with a digit."""
    text = tok.text
    if not text or tok.is_punct or tok.is_space or tok.is_sent_start:
        return False
    return text[:1].isupper() or (any(c.isdigit() for c in text) and any(c.isalpha() for c in text))


def _particle_names(doc: Doc) -> list[Span]:
    """The NER's entities, a person's name continued by a particle and a name the NER split
    off as one more entity: "Marie Lebrun" + "de" + "Sauveterre" → one person."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            nxt is not None
            and ent.label_ in ("PER", "PERSON")
            and not ent.ent_id_
            and not nxt.ent_id_
            and nxt.label_ != "ORG"
            and nxt.start == ent.end + 1
            and doc[ent.end].text in PARTICLES
            and len(nxt) == 1
            and nxt[0].text[:1].isupper()
        ):
            out.append(Span(doc, ent.start, nxt.end, label=ent.label_))
            i += 2
            continue
        out.append(_with_surname(ent))
        i += 1
    return out


def _with_surname(ent: Span) -> Span:
    """A name the NER cut short of the words the parse joins to it as ``flat:name`` ("Patrick
    Drahi" read as "Patrick"): the whole name, a person's when the NER had one word of
    unknown kind."""
    doc, end = ent.doc, ent.end
    if ent.ent_id_:
        return ent
    while (
        end < len(doc)
        and end - ent.start < 4
        and doc[end].ent_iob_ == "O"
        and doc[end].dep_ in ("flat:name", "flat")
        and ent.start <= doc[end].head.i < end
        and doc[end].text[:1].isupper()
    ):
        end += 1
    if end == ent.end:
        return ent
    label = "PER" if ent.label_ == "MISC" and len(ent) == 1 and doc[ent.start].pos_ == "PROPN" else ent.label_
    return Span(doc, ent.start, end, label=label)


LIST_SEPARATORS = {",", "et", "ou", "and", "or", "to", "from"}


def _pieces(ent: Span) -> list[Span]:
    """An NER span over a list is one span per member: "Acme, Brenlux ou Kelvion" → three; so is
    one over two names an English preposition joins ("sold Acme to Brenlux Motors")."""
    if ent.ent_id_ or not any(t.text in LIST_SEPARATORS for t in ent[1:-1]):
        return [ent]
    out, start = [], ent.start
    for t in ent:
        if t.text in LIST_SEPARATORS:
            if t.i > start:
                out.append(Span(ent.doc, start, t.i, label=ent.label_))
            start = t.i + 1
    if start < ent.end:
        out.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return out


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
    if _is_heading(ent) or any(t.is_currency or "$" in t.text for t in ent):
        return False
    if ent[0].is_sent_start and ent.end < len(ent.doc) and ent.doc[ent.end].text == ":":
        return False  # "Automobile : les constructeurs…": a rubric
    if ent.label_ == "NORP" and all(t.pos_ == "ADJ" for t in ent):
        return False  # "the Chinese carmaker": a nationality, not a party
    if SUFFIX.fullmatch(" " + text) and not text.isupper():
        return False  # "Inc", "Ltd": a legal form alone (an acronym such as "SAS" may be a name)
    if len(ent) == 1 and ent[0].is_stop and ent[0].is_sent_start:
        return False  # "Elle", "Selon" opening a sentence
    if len(ent) == 1 and _opens_sentence(ent[0]) and _before_determiner(ent[0]):
        return False  # "Poursuivant sa croissance, …": a participle opening the sentence, not a name
    if ent.label_ in ("PER", "PERSON"):
        return all(t.text[0].isupper() or t.text in PARTICLES or t.text == "-" for t in ent)
    distinctive = any(
        t.pos_ in ("PROPN", "X")
        or any(c.isdigit() for c in t.text)
        or sum(c.isupper() for c in t.text) > 1
        or (t.text[0].isupper() and not t.is_sent_start)
        for t in ent
    )
    return distinctive or ent.label_ == "ORG"


def _opens_sentence(tok: Token) -> bool:
    """The first word of its sentence, an opening quote aside."""
    doc = tok.doc
    return bool(tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].is_sent_start and doc[tok.i - 1].is_quote))


def _before_determiner(tok: Token) -> bool:
    """Followed right away by a determiner or a possessive ("Poursuivant sa…", "Renforçant ses…")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.pos_ == "DET"


def _is_heading(ent: Span) -> bool:
    sent = ent.sent
    return len(sent) <= 4 and ent.start <= sent.start + 1


def _merge_surnames(found: list[Found], doc: Doc) -> list[Found]:
    """A lone surname ("Dupont") after a full name ("Marie Dupont") is the same person; any
    other one-word person of the NER is far more often an organisation ("Acme investit…")."""
    people: dict[str, str] = {}
    out = []
    for m in sorted(found, key=lambda m: m.start):
        if m.type == "person":
            span = doc[m.start : m.end]
            if m.how == "ner" and (len(span) == 1 or not any(t.whitespace_ for t in span[:-1])):
                if span.text in people:
                    m = Found(people[span.text], "person", m.start, m.end, "alias")
                else:
                    m = Found(m.entity, "company", m.start, m.end, "ner", True)
            elif len(span) > 1:
                people.setdefault(span[-1].text, m.entity)
        out.append(m)
    return out


NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _appositions(doc: Doc, found: list[Found], pack: Pack, lang: str) -> tuple[list[Found], set[int]]:
    """ "la biotech américaine Calvera", "le fonds d'investissement qatari X": the description
    noun introduces the name after it (no anaphor), which is a company (or the noun's type)
    whatever the NER said. Returns the mentions and the description nouns' token indices."""
    heads = {fold(k): v for k, v in (pack.lexicon.get("apposition_heads", {}).get(lang) or {}).items()}
    not_entities = {fold(w) for w in pack.words("not_entities")}
    by_start = {m.start: m for m in found}
    ents = {e.start: e for e in doc.ents}
    out = list(found)
    apposed: set[int] = set()
    texts, lemmas = folded_words(doc)
    for i in range(len(doc)):
        kind = heads.get(texts[i]) or heads.get(lemmas[i])
        if kind is None:
            continue
        tok = doc[i]
        if not tok.is_lower:
            continue
        j = _after_modifiers(doc, tok.i + 1)
        if j is None or doc[j].ent_type_ in NOT_NAMES:
            continue
        m = by_start.get(j)
        if m is not None:
            apposed.add(tok.i)
            if m.how == "ner" and m.type in ("other", "person", "company"):
                out[out.index(m)] = Found(m.entity, kind, m.start, m.end, "ner", True)
            continue
        end = _name_end(doc, j, ents.get(j))
        name = normalise_name(doc[j:end].text)
        if not name or fold(name) in not_entities or any(t.i in by_start for t in doc[j:end]):
            continue
        apposed.add(tok.i)
        out.append(Found(name, kind, j, end, "ner", True))
        if "Plur" in tok.morph.get("Number", []):
            out += _listed_after(doc, end, kind, ents, by_start, not_entities, pack, lang)
    return _described_after_comma(doc, out, heads, pack, lang), apposed


def _listed_after(
    doc: Doc,
    end: int,
    kind: str,
    ents: dict[int, Span],
    by_start: dict[int, Found],
    not_entities: set[str],
    pack: Pack,
    lang: str,
) -> list[Found]:
    """The other names of a list a plural description noun introduces: "les groupes Vendal et
    Kovalt", "les constructeurs Vendal, Kovalt et Brisa" — each is of the noun's type."""
    joins = {fold(w) for w in pack.words("coordination", lang)} | {","}
    out: list[Found] = []
    while end + 1 < len(doc) and fold(doc[end].text) in joins and doc[end + 1].text[:1].isupper():
        j = end + 1
        if j in by_start:
            break  # a name already found: the model read the list itself
        end = _name_end(doc, j, ents.get(j))
        name = normalise_name(doc[j:end].text)
        if not name or fold(name) in not_entities:
            break
        out.append(Found(name, kind, j, end, "ner", True))
    return out


APPOSITION_DETERMINERS = {"un", "une", "le", "la", "l'", "l’", "a", "an", "the"}


def _described_after_comma(
    doc: Doc, found: list[Found], heads: dict[str, str], pack: Pack, lang: str
) -> list[Found]:
    """ "Rockwell Kent, une société vendue en 2018", "Harlan Vance, a company sold in 2018": a
    description noun set after the name and a comma says what the name is, whatever the NER
    said (a name read as a person's). A noun a person may bear too ("un partenaire", "a rival")
    does not make a person a company."""
    shared = pack.folded(None, "shared_heads", lang)
    texts, lemmas = folded_words(doc)
    out = list(found)
    for k, m in enumerate(found):
        if m.how != "ner" or m.type not in ("person", "other") or m.end + 2 >= len(doc):
            continue
        if doc[m.end].text != "," or texts[m.end + 1] not in APPOSITION_DETERMINERS:
            continue
        j = m.end + 2
        while j < len(doc) - 1 and doc[j].pos_ == "ADJ" and j < m.end + 4:
            j += 1  # "une jeune société"
        kind = heads.get(texts[j]) or heads.get(lemmas[j])
        if kind is None or not doc[j].is_lower or (m.type == "person" and texts[j] in shared):
            continue
        if any(n.start in (j + 1, j + 2) for n in found):
            continue  # "Dirigée par Anne Morel, la société Kovalt…": the noun introduces another name
        out[k] = Found(m.entity, kind, m.start, m.end, m.how, m.startup)
    return out


PLACES = ("LOC", "GPE")


def _companies_among_places(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
    """A name the NER takes for a place is a company when it is the subject of a business verb
    ("Acme investit…", "Acme compte racheter…"), the object of an acquisition ("a acquis Acme"),
    said to be a description noun ("Acme est une filiale de…"), followed by one ("Acme,
    fabricant de…") or elsewhere a company mention."""
    verbs = {fold(w) for w in pack.words("company_verbs", lang)}
    buying = {fold(w) for w in pack.words("acquisition_verbs", lang)}
    heads = {fold(k) for k in (pack.lexicon.get("apposition_heads", {}).get(lang) or {})}
    companies = {m.entity for m in found if m.type in ("company", "fund")}
    companies |= {doc[m.start].text for m in found if m.type in ("company", "fund") and m.end - m.start > 1}
    taken = {i for m in found for i in m.tokens()}
    out = []
    for ent in doc.ents:
        span = _trim(ent) if ent.label_ in PLACES else None
        if span is None or not taken.isdisjoint(range(span.start, span.end)):
            continue
        name = normalise_name(span.text)
        if not _looks_like_name(span, pack) and name not in companies:
            continue
        root = span.root
        verb = root.head
        acting = root.dep_ in SUBJ and (
            fold(verb.lemma_) in verbs
            or any(c.dep_ == "xcomp" and fold(c.lemma_) in verbs for c in verb.children)
        )
        bought = root.dep_ in OBJ and fold(verb.lemma_) in buying
        if (
            acting
            or bought
            or _said_to_be(root, heads)
            or name in companies
            or _described_after(doc, span.end, heads)
            or _of_a_deal(root, pack, lang)
        ):
            out.append(Found(name, "company", span.start, span.end, "ner", True))
    return out


def _said_to_be(root: Token, heads: set[str]) -> bool:
    """The subject of "être"/"devenir" a description noun: "Kovalt est une filiale de…",
    "Kovalt deviendra une start-up cotée"."""
    if root.dep_ not in SUBJ:
        return False
    head = root.head
    if head.pos_ == "NOUN" and any(c.dep_ == "cop" for c in head.children):
        return fold(head.lemma_) in heads
    if fold(head.lemma_) in BECOMING:
        return any(c.dep_ in (*OBJ, "xcomp", "attr") and fold(c.lemma_) in heads for c in head.children)
    return False


def _of_a_deal(root: Token, pack: Pack, lang: str) -> bool:
    """A place's name set, with no article, after a noun of the pack's relations ("les
    actionnaires de Kovalt", "le rachat d'Orvio", "une participation dans Kovalt", "the CEO of
    Kovalt"): an organisation's."""
    head = root.head
    if root.dep_ not in ("nmod", "pobj") or head.pos_ not in ("NOUN", "ADP"):
        return False
    if head.pos_ == "ADP":  # English: noun → "of" → name
        if fold(head.text) != "of" or head.head.pos_ != "NOUN":
            return False
        head = head.head
    elif not any(c.dep_ == "case" and fold(c.text) in ("de", "d'", "d’", "dans") for c in root.children):
        return False
    if any(c.dep_ == "det" for c in root.children):
        return False  # "l'usine de la France"
    return fold(head.lemma_) in relation_nouns(pack, lang) or fold(head.lemma_) in STAKE_HEADS


STAKE_HEADS = {"capital", "pourcent", "%", "percent"}  # "15 % de Kovalt", "le capital de Kovalt"


def _short_forms(found: list[Found], doc: Doc) -> list[Found]:
    """A one-word unknown name after a company named in full with that first word is that
    company, as a surname is its person: "Acme Robotics … Acme" → Acme Robotics."""
    full: dict[str, set[str]] = {}
    own: set[str] = set()  # "Acme … Acme Services … Acme": a name met alone first is its own
    out = []
    for m in sorted(found, key=lambda m: m.start):
        span = doc[m.start : m.end]
        if m.type in ("company", "fund") and len(span) > 1 and span[0].text[:1].isupper():
            full.setdefault(span[0].text, set()).add(m.entity)
        elif len(span) == 1:
            forms = full.get(span.text, set())
            if m.how == "ner" and m.type in ("company", "other") and len(forms) == 1 and span.text not in own:
                m = Found(next(iter(forms)), "company", m.start, m.end, "alias", m.startup)
            elif not forms:
                own.add(span.text)
        out.append(m)
    return out + _bare_short_forms(out, full, own, doc)


def _case_variants(doc: Doc, found: list[Found], pack: Pack) -> list[Found]:
    """A known name written with other capitals ("OpenAi", "MISTRAL AI" is two words and left
    alone): a capitalised word outside any mention that the pack knows under another case."""
    taken = {i for m in found for i in m.tokens()}
    texts, _ = folded_words(doc)
    out = []
    for i, text in enumerate(texts):
        if i in taken or len(text) < 3 or text not in pack.index:
            continue
        tok = doc[i]
        known = pack.lookup(tok.text)
        if known is None or not tok.text[:1].isupper() or tok.text == known.name or " " in known.name:
            continue
        out.append(Found(known.name, known.type, i, i + 1, "alias", known.startup))
    return out


def _bare_short_forms(found: list[Found], full: dict[str, set[str]], own: set[str], doc: Doc) -> list[Found]:
    """The same short form where the NER saw no name ("la clientèle d'Acme", after "Acme
    Robotics"): a proper noun inside a sentence, alone (no capitalised word beside it), that is the
    first word of exactly one company named in full before it."""
    taken = {i for m in found for i in m.tokens()}
    first_at: dict[str, int] = {}
    for m in found:
        if m.type in ("company", "fund") and m.end - m.start > 1:
            first_at.setdefault(doc[m.start].text, m.start)
    out = []
    single = {fold(text) for text, forms in full.items() if len(forms) == 1}
    texts = folded_words(doc)[0]
    for i in range(len(doc)):
        if texts[i] not in single:
            continue  # not the first word of exactly one company (no Token made)
        tok = doc[i]
        forms = full.get(tok.text, set())
        if (
            len(forms) != 1
            or tok.i in taken
            or tok.text in own
            or tok.pos_ != "PROPN"
            or tok.is_sent_start
            or tok.i <= first_at.get(tok.text, len(doc))
            or any(
                n.text[:1].isupper()
                for n in (doc[tok.i - 1], doc[min(tok.i + 1, len(doc) - 1)])
                if n.i != tok.i
            )
        ):
            continue
        out.append(Found(next(iter(forms)), "company", tok.i, tok.i + 1, "alias"))
    return out


def _described_after(doc: Doc, i: int, heads: set[str]) -> bool:
    """ "Acme, fabricant de…", "Acme, le constructeur chinois…": a description noun in apposition."""
    if i + 1 >= len(doc) or doc[i].text != ",":
        return False
    j = i + 1
    if fold(doc[j].text) in {"le", "la", "l'", "un", "une", "the", "a", "an"} and j + 1 < len(doc):
        j += 1
    return doc[j].is_lower and (fold(doc[j].text) in heads or fold(doc[j].lemma_) in heads)


DASHES = {"-", "–", "—"}


def _is_source(doc: Doc, m: Found, pack: Pack, lang: str) -> bool:
    """A name in an attribution position is the news's source, not a party: "selon X",
    "d'après X et Y", "a précisé à X", "rapporté par X", "les informations de X", "(X) –"."""
    return _in_dateline(doc, m) or _after_marker(doc, m, pack, lang) or _told_or_reported(doc, m, pack, lang)


def _in_dateline(doc: Doc, m: Found) -> bool:
    """ "PARIS (X) – …", "( X / NAME )": an agency's dateline or a photo credit."""
    if m.start == 0 or m.end >= len(doc):
        return False
    after = doc[m.end].text
    k = m.start - 1
    while k > 0 and m.start - k < 4 and doc[k].text[:1].isupper():
        k -= 1
    if doc[k].text == "/" and after == ")":
        return True  # "( AGENCE / PRÉNOM NOM )"
    if doc[m.start - 1].text != "(":
        return False
    return after == "/" or (after == ")" and (m.end + 1 == len(doc) or doc[m.end + 1].text in DASHES))


def _told_or_reported(doc: Doc, m: Found, pack: Pack, lang: str) -> bool:
    """ "a précisé à l'AFP", "rapporté par l'agence X", "told X", "les informations de X"."""
    root = doc[m.start : m.end].root
    node, head = root, root.head
    if head.pos_ == "NOUN" and head.i == m.start - 1 and head.head.i != head.i:
        node, head = head, head.head  # "par l'agence X"
    told = pack.folded("attribution", "told_verbs", lang)
    said = pack.folded("attribution", "reporting_verbs", lang) | told
    cases = {fold(c.text) for c in node.children if c.dep_ == "case"}
    if head.i != root.i and fold(head.lemma_) in said:
        if cases & {"a", "au", "aux", "aupres", "par", "to", "by"}:
            return True
        if node.dep_ in ("dobj", "dative") and fold(head.lemma_) in told:
            return True
    own = {fold(c.text) for c in root.children if c.dep_ in ("case", "prep")}
    if m.start > 0:
        own.add(fold(doc[m.start - 1].text))
    nouns = pack.folded("attribution", "source_nouns", lang)
    return fold(root.head.lemma_) in nouns and bool(own & {"de", "d'", "du", "des", "by", "from"})


def _after_marker(doc: Doc, m: Found, pack: Pack, lang: str) -> bool:
    """Whether the mention is in the noun phrase an attribution marker opens ("selon X",
    "d'après diverses sources, dont X et Y"), not in the clause after it."""
    markers = pack.folded("attribution", "markers", lang)
    texts = folded_words(doc)[0]
    last = {mk.split()[-1] for mk in markers if mk.split()}
    if not any(len(w) > 1 and any(x.endswith(w) for x in last) for w in texts[max(0, m.start - 9) : m.start]):
        return False  # no marker's last word before the mention (most mentions: no sentence made)
    listing = pack.folded("attribution", "list_words", lang)
    sent_start = doc[m.start].sent.start
    text = doc_text(doc)  # the words before the mention, sliced from it (no Span per n-gram)
    for k in range(m.start - 1, max(sent_start, m.start - 9) - 1, -1):
        tok = doc[k]
        end = tok.idx + len(tok.text)
        for n in (1, 2, 3):
            if k - n + 1 >= sent_start and fold(text[doc[k - n + 1].idx : end]) in markers:
                return True
        if tok.text == ",":
            if fold(doc[k + 1].text) not in listing:
                return False
        elif fold(tok.text) not in listing and tok.pos_ not in (
            "DET",
            "ADJ",
            "NOUN",
            "PROPN",
            "NUM",
            "X",
            "CCONJ",
        ):
            return False  # a verb, a preposition, a pronoun ("selon lesquelles X…"): another clause
    return False


def _after_modifiers(doc: Doc, i: int) -> int | None:
    """The first token after the adjectives and "de" + noun complements of a description noun,
    when it starts a capitalised name: "chinois Acme" → Acme, "de luxe Acme" → Acme."""
    for _ in range(6):
        if i >= len(doc):
            return None
        tok = doc[i]
        if tok.text[:1].isupper() and not tok.is_sent_start and not tok.is_punct:
            return i
        if fold(tok.text) in {"de", "d'"} and i + 1 < len(doc) and doc[i + 1].is_lower:
            i += 1
        elif not (tok.is_lower and tok.pos_ in ("ADJ", "NOUN", "PROPN", "X") and not tok.is_stop):
            return None
        i += 1
    return None


def _name_end(doc: Doc, j: int, ent: Span | None) -> int:
    """Where the capitalised name starting at ``j`` ends: the NER span's, else the run of
    capitalised words, digits and particles ("Banco de Alvera", "Acme 3")."""
    if ent is not None:
        trimmed = _trim(ent)
        if trimmed is not None and trimmed.start == j:
            return trimmed.end
    end = j + 1
    while end < len(doc) and end - j < 6:
        tok = doc[end]
        if tok.text[:1].isupper() or tok.like_num or tok.text in {"&", "-"}:
            end += 1
        elif tok.text in PARTICLES and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
            end += 2
        else:
            break
    return end


def _descriptions(doc: Doc, found: list[Found], pack: Pack, lang: str) -> list[Found]:
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
            out.append(Found(t.name, t.type, head.i, head.i + 1, "description", t.startup))
    return out


def _head_before(doc: Doc, i: int, heads: set[str]) -> Token | None:
    for j in range(i - 1, max(i - 4, -1), -1):
        tok = doc[j]
        if fold(tok.lemma_) in heads or fold(tok.text) in heads:
            return tok
        if tok.pos_ not in ("ADJ", "NOUN"):
            return None
    return None


def nationality_words(pack: Pack, lang: str) -> dict[str, frozenset[str]]:
    """Folded adjective of nationality → the country codes it covers ("scandinave" → SE, NO, DK)."""
    key = (id(pack), lang)
    if key not in _NATIONALITIES:
        regions = pack.lexicon.get("nationality_regions", {})
        table = (pack.lexicon.get("nationalities", {}) or {}).get(lang) or {}
        _NATIONALITIES[key] = {
            fold(w): frozenset(regions.get(code, [code])) for code, words in table.items() for w in words
        }
    return _NATIONALITIES[key]


_NATIONALITIES: dict[tuple[int, str], dict[str, frozenset[str]]] = {}  # packs are loaded once (cached)


def _nationalities(
    doc: Doc, found: list[Found], words: dict[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """What the article says of each company's country: "le constructeur japonais Belsa", "la
    suédoise Kiro", and respectively "les groupes français et japonais Belsa et Kiro"."""
    out: dict[str, frozenset[str]] = {}
    names = [m for m in found if m.type in ("company", "fund")]
    for k, m in enumerate(names):
        adjs: list[frozenset[str]] = []
        for j in range(m.start - 1, max(m.start - 5, -1), -1):
            tok = doc[j]
            folded = fold(tok.text)
            if folded in words:
                adjs.insert(0, words[folded])
            elif (
                tok.pos_ not in ("NOUN", "ADJ", "CCONJ")
                or tok.ent_type_
                or (tok.pos_ == "CCONJ" and folded not in ("et", "and"))
            ):
                break  # only the nouns, adjectives and "et" of the description
        if len(adjs) == 1:
            out.setdefault(m.entity, adjs[0])
        elif len(adjs) == 2 and k + 1 < len(names):  # "français et japonais Belsa et Kiro"
            nxt = names[k + 1]
            if all(fold(t.text) in ("et", "and", ",") for t in doc[m.end : nxt.start]):
                out.setdefault(m.entity, adjs[0])
                out.setdefault(nxt.entity, adjs[1])
    return out


def _anaphors(doc: Doc, found: list[Found], pack: Pack, lang: str, apposed: set[int]) -> list[Found]:
    table = {fold(k): v for k, v in (pack.lexicon.get("anaphors", {}).get(lang) or {}).items()}
    dets = {fold(w) for w in pack.words("anaphor_determiners", lang)}
    words = nationality_words(pack, lang)
    countries = _nationalities(doc, found, words)
    taken = {i for m in found for i in m.tokens()}
    out: list[Found] = []
    texts, lemmas = folded_words(doc)
    called = _called(doc, found, table)
    multi = {tuple(k.split()): v for k, v in table.items() if " " in k}  # "jeune pousse"
    starts = {m.start for m in found}
    for i in range(1, len(doc)):
        kind, n = table.get(texts[i]) or table.get(lemmas[i]), 1
        for words_of, k in multi.items() if kind is None else ():
            if tuple(texts[i : i + len(words_of)]) == words_of:
                kind, n = k, len(words_of)
                break
        if kind is None or any(j in taken or j in apposed for j in range(i, i + n)):
            continue
        before = _nationality_before(texts, i, dets, words)  # "the German carmaker"
        if texts[i - 1] not in dets and before is None:
            continue
        tok = doc[i + n - 1]  # the phrase's last word: what follows it is read from there
        if kind == "latest" and (tok.dep_ == "amod" or any(c.dep_ == "cop" for c in tok.children)):
            continue  # "ce dernier investissement", "l'offre était la dernière": no pronoun
        if (
            tok.i + 1 < len(doc)
            and fold(doc[tok.i + 1].text) in {"de", "d'", "du", "des"}
            and not _field_of(doc, tok, starts)
        ):
            continue  # "la firme de X", "le groupe de pression": a description, not an anaphor
        said = _said_nationality(doc, tok, words)
        if said is not None:  # "le groupe japonais": the company the article says is Japanese
            target = _of_nationality(found + out, tok, said, countries)
            if target is not None:
                out.append(Found(target.entity, target.type, i, i + n, "anaphora", target.startup))
            continue
        if before is not None:
            target = _of_nationality(found + out, tok, before, countries)
            if target is None and not any(c & before for c in countries.values()):
                target = _antecedent(doc, found + out, tok, kind, called)  # no company said of it
                if target is not None and not countries.get(target.entity, before) & before:
                    target = None  # the article said it is of another country
            if target is not None:
                out.append(Found(target.entity, target.type, i, i + n, "anaphora", target.startup))
            continue
        target = _antecedent(doc, found + out, tok, kind, called)
        if target is not None:
            out.append(Found(target.entity, target.type, i, i + n, "anaphora", target.startup))
    return out + _introduced(doc, found + out, table, dets, taken | apposed)


def _nationality_before(
    texts: list[str], i: int, dets: set[str], words: dict[str, frozenset[str]]
) -> frozenset[str] | None:
    """The nationality English sets between the article and an anaphor's noun: "the German
    carmaker", "the US chipmaker" (French says it after the noun: ``_said_nationality``)."""
    if i < 2 or texts[i - 2] not in dets:
        return None
    return words.get(texts[i - 1])


def _field_of(doc: Doc, tok: Token, starts: set[int]) -> bool:
    """Whether the "de" complement after an anaphor's noun names its field or its home, not
    another party: "le géant du e-commerce", "le groupe de l'automobile", "le géant des
    semi-conducteurs" (the complement has its article), "le géant de Redmond" (a place). Not "le
    groupe de pression" (a bare noun: one compound word), "la firme de Kiro" (a name), nor "le
    géant du luxe Kering" (the phrase introduces the name after it)."""
    de = doc[tok.i + 1]
    comp = next((c for c in tok.children if c.dep_ in ("nmod", "obl", "nmod:poss") and c.i > de.i), None)
    if comp is None or any(t.i in starts for t in comp.subtree):
        return False
    end = comp.right_edge.i + 1
    if end < len(doc) and end in starts:
        return False  # "le géant du luxe Kering": a name introduced
    if fold(de.text) in {"du", "des"}:
        return comp.pos_ == "NOUN"
    det = doc[de.i + 1] if de.i + 1 < len(doc) else None
    if det is not None and det.pos_ == "DET" and det.head.i == comp.i and comp.pos_ == "NOUN":
        return True  # "de l'automobile", "de la chimie"
    return comp.pos_ == "PROPN" and comp.ent_type_ == "LOC" and comp.i == de.i + 1  # "de Redmond"


def _introduced(
    doc: Doc, found: list[Found], table: dict[str, str], dets: set[str], taken: set[int]
) -> list[Found]:
    """A noun the article introduced one company with ("le troisième armateur mondial Acme", "le
    chimiste Acme") names that company when it comes back alone with a definite article
    ("l'armateur", "l'armateur français"): nouns the lexicon does not list as anaphors, learned
    from the article itself, and only when that noun introduced one company."""
    by_start = {m.start: m for m in found}
    nouns: dict[str, set[str]] = {}
    heads: dict[str, Found] = {}
    for m in found:
        if m.type not in ("company", "fund") or m.how in ("anaphora", "description"):
            continue
        j = _noun_before(doc, m.start)
        noun = doc[j]
        k = j - 1  # "le troisième armateur mondial X": adjectives on both sides of the noun
        while k > 0 and doc[k].pos_ in ("ADJ", "NUM") and k > j - 3:
            k -= 1
        if j < 1 or noun.pos_ != "NOUN" or not noun.is_lower or fold(doc[k].text) not in DEFINITE:
            continue
        key = fold(noun.lemma_)
        if key in table:
            continue
        nouns.setdefault(key, set()).add(m.entity)
        heads.setdefault(key, m)
        taken = taken | {j}
    out = []
    for i, key in enumerate(folded_words(doc)[1]):  # a Token made only for a learnt noun's lemma
        if key not in nouns or len(nouns[key]) != 1 or i in taken or i == 0 or (tok := doc[i]).pos_ != "NOUN":
            continue
        first = heads[key]
        if tok.i <= first.start or fold(doc[tok.i - 1].text) not in DEFINITE:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (fold(nxt.text) in {"de", "d'", "du", "des"} or nxt.i in by_start):
            continue  # "l'armateur de X", "l'armateur Y": a description or another name
        out.append(Found(first.entity, first.type, tok.i, tok.i + 1, "anaphora", first.startup))
    return out


DEFINITE = {"le", "la", "l'", "l’", "the"}


def _said_nationality(doc: Doc, tok: Token, words: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """The nationality an anaphor's noun is given: "l'entreprise française", "la compagnie
    aérienne scandinave" (one adjective may come between)."""
    for j in range(tok.i + 1, min(tok.i + 3, len(doc))):
        folded = fold(doc[j].text)
        if folded in words:
            return words[folded]
        if doc[j].pos_ != "ADJ":
            return None
    return None


def _of_nationality(
    found: list[Found], tok: Token, said: frozenset[str], countries: dict[str, frozenset[str]]
) -> Found | None:
    """The last company named before ``tok`` that the article gives that nationality, when it
    is the only one; nothing when none or several."""
    matching = [m for m in found if m.start < tok.i and countries.get(m.entity, frozenset()) & said]
    if len({m.entity for m in matching}) != 1:
        return None
    return max(matching, key=lambda m: m.start)


def _compatible(m: Found, kind: str, called: Called | None = None) -> bool:
    """Whether a company may be what an anaphor's noun calls it: "la start-up" a start-up the
    article never called a group ("le groupe Kiro"), "le groupe" an established company, or a
    name the pack does not know and the article never called a start-up (``called``: the names
    it introduced with a noun of each kind)."""
    if m.type not in ("company", "fund"):
        return False
    called = called or {}
    if kind == "startup":
        return m.startup and m.entity not in called.get("big", ())
    if kind == "big":
        return not m.startup or (m.how == "ner" and m.entity not in called.get("startup", ()))
    return True


Called = dict[str, frozenset[str]]


def _called(doc: Doc, found: list[Found], table: dict[str, str]) -> Called:
    """The names the article introduces with an anaphor's noun, by the noun's kind: "la start-up
    Kiro", "la pépite française Kiro" (start-ups), "le groupe Kiro" (an established company):
    the noun right before the name, adjectives aside (``_noun_before``)."""
    texts, lemmas = folded_words(doc)
    out: dict[str, set[str]] = {}
    for m in found:
        j = _noun_before(doc, m.start)
        kind = table.get(texts[j]) or table.get(lemmas[j]) if j >= 0 else None
        if kind is not None:
            out.setdefault(kind, set()).add(m.entity)
    return {k: frozenset(v) for k, v in out.items()}


def _noun_before(doc: Doc, start: int) -> int:
    """Where the noun that introduces a name starting at ``start`` would be: the word before it,
    up to three adjectives or ordinals aside ("le troisième armateur mondial Acme")."""
    j = start - 1
    while j > 0 and doc[j].pos_ in ("ADJ", "NUM") and j > start - 4:
        j -= 1
    return j


def _antecedent(
    doc: Doc, found: list[Found], tok: Token, kind: str, called: Called | None = None
) -> Found | None:
    """The most recent compatible company within two sentences, unless two compete for it."""
    sent_start = tok.sent.start
    window_start = doc[sent_start - 1].sent.start if sent_start > 0 else 0
    window_start = doc[window_start - 1].sent.start if window_start > 0 else 0
    own_subject = _clause_subject(tok, found)
    candidates = [
        m
        for m in found
        if window_start <= m.start < tok.i and _compatible(m, kind, called) and m.entity != own_subject
    ]
    if not candidates and kind == "startup":
        return _only_startup(found, tok, own_subject, called)
    if not candidates:
        return None
    best = max(candidates, key=lambda m: m.start)
    if kind == "latest":
        return best
    same = [m for m in candidates if doc[m.start].sent.start == doc[best.start].sent.start]
    if len({m.entity for m in same}) > 1 and not _is_subject(doc[best.start]):
        sure = {m.entity: m for m in same if kind == "big" and not m.startup}
        if len(sure) == 1:  # "le groupe": the one known to be an established company
            return next(iter(sure.values()))
        subjects = {m.entity: m for m in same if doc[m.start : m.end].root.dep_.startswith("nsubj")}
        # several named in the last sentence: its subject, when the anaphor is a subject too
        return next(iter(subjects.values())) if len(subjects) == 1 and _is_subject(tok) else None
    return best


def _only_startup(
    found: list[Found], tok: Token, own_subject: str | None, called: Called | None = None
) -> Found | None:
    """ "la start-up" further on than two sentences: the one start-up the article named before,
    or the one it named more often than any other (the start-up the story is about)."""
    before = [
        m
        for m in found
        if m.start < tok.i
        and m.how != "anaphora"
        and _compatible(m, "startup", called)
        and m.entity != own_subject
    ]
    counts = Counter(m.entity for m in before).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return next(m for m in reversed(before) if m.entity == counts[0][0])


def _clause_subject(tok: Token, found: list[Found]) -> str | None:
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
    for _ in range(3):  # "X said it raised its stake in the carmaker": "it" is X, not the carmaker
        if not (subj.pos_ == "PRON" and subj.dep_.startswith("nsubj") and subj.head.dep_ in REPORTED):
            break
        above = subject_token(subj.head.head)
        if above is None:
            break
        subj = above
    return next((m.entity for m in found if m.start <= subj.i < m.end), None)


REPORTED = ("ccomp", "xcomp")  # a clause a verb of saying or thinking governs


def _is_subject(tok: Token) -> bool:
    return tok.dep_.startswith("nsubj") or any(
        a.dep_.startswith("nsubj") for a in tok.ancestors if a.pos_ != "VERB"
    )


def _non_overlapping(found: list[Found]) -> list[Found]:
    """Keep the first of overlapping mentions, preferring the shorter (more specific) span."""
    out: list[Found] = []
    taken: set[int] = set()
    for m in sorted(found, key=lambda m: (m.end - m.start, m.start)):
        if taken.isdisjoint(m.tokens()):
            out.append(m)
            taken.update(m.tokens())
    return out
