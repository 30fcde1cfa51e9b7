"""Event sentences for the timeline: foundings, dismissals, reinstatements, investigations,
withdrawals, agreements — a cue word of the pack's ``events`` lexicon, a date (in the
sentence or from its section title) and the entities the sentence names."""

from __future__ import annotations

from veille.extract.arguments import Sentence
from veille.models import Event
from veille.packs import fold

KINDS_WITH_PEOPLE = {"dismissal", "reinstatement", "founding"}


KINDS_WITH_PARTIES = {"agreement", "competition"}


def sentence_events(doc_id: str, sentence: Sentence, values: object) -> list[Event]:
    kind, label, cue = _kind(sentence)
    if kind is None or cue is None:
        return []
    dates = [d for d in getattr(values, "dates", []) if d.kind == "point" and d.value]
    near = min(dates, key=lambda d: abs(d.start - cue)) if dates else None
    date = near.value if near else getattr(values, "heading_date", None)
    if not date:
        return []
    people = kind in KINDS_WITH_PEOPLE
    allowed = ("company", "regulator", "fund", "person") if people else ("company", "regulator", "fund")
    names = list(dict.fromkeys(m.entity for m in sentence.mentions if m.type in allowed))
    if not names or (kind in KINDS_WITH_PARTIES and len(names) < 2):
        return []  # an agreement or a rivalry needs two parties
    span = sentence.span
    title = f"{label} — {', '.join(names[:4])}"
    return [Event(doc_id, date, title, tuple(names), span.text.strip(), span.start_char, span.end_char, kind)]


def _kind(sentence: Sentence) -> tuple[str | None, str, int | None]:
    """The event kind of the first cue word in the sentence, its label, and the cue's offset."""
    table = sentence.pack.lexicon.get("events", {})
    for kind, entry in table.items():
        cues = {fold(w) for w in entry.get(sentence.lang) or entry.get("fr") or []}
        for t in sentence.span:
            if fold(t.lemma_) in cues or fold(t.text) in cues:
                label = (entry.get("label") or {}).get(sentence.lang) or kind
                return kind, label, t.idx
    return None, "", None
