"""Event sentences for the timeline: foundings, dismissals, reinstatements, investigations,
withdrawals, agreements — a cue word of the pack's ``events`` lexicon, a date (in the
sentence or from its section title) and the entities the sentence names."""

from __future__ import annotations

from veille.extract.arguments import Sentence
from veille.models import Event
from veille.packs import fold

KINDS_WITH_PEOPLE = {"dismissal", "reinstatement", "founding"}


def sentence_events(doc_id: str, s: Sentence, values: object) -> list[Event]:
    dates = [d for d in getattr(values, "dates", []) if d.kind in ("point",) and d.value]
    date = dates[0].value if dates else getattr(values, "heading_date", None)
    if not date:
        return []
    kind, label = _kind(s)
    if kind is None:
        return []
    allowed = (
        ("company", "regulator", "fund", "person")
        if kind in KINDS_WITH_PEOPLE
        else ("company", "regulator", "fund")
    )
    names = list(dict.fromkeys(m.entity for m in s.mentions if m.type in allowed))
    if not names:
        return []
    span = s.span
    title = f"{label} — {', '.join(names[:4])}"
    return [Event(doc_id, date, title, tuple(names), span.text.strip(), span.start_char, span.end_char, kind)]


def _kind(s: Sentence) -> tuple[str | None, str]:
    table = s.pack.lexicon.get("events", {})
    lemmas = {fold(t.lemma_) for t in s.span} | {fold(t.text) for t in s.span}
    for kind, entry in table.items():
        cues = {fold(w) for w in entry.get(s.lang) or entry.get("fr") or []}
        if cues & lemmas:
            label = (entry.get("label") or {}).get(s.lang) or kind
            return kind, label
    return None, ""
