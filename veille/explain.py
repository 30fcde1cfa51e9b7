"""``veille eval GOLD --explain``: why each gold claim was missed and each extra claim made.

Read-only with respect to extraction: each stored document with a missed or spurious claim is
annotated again by the spaCy pipeline of its language, its mentions found again
(:func:`veille.extract.mentions.find_mentions`), and the sentence that holds the gold evidence
(found by word overlap) is examined: the mentions in it (entity and how it was found), whether
each gold party is among them, the pack rules whose trigger word occurs in it. A cause code sums
it up, first that applies:

- ``value``: a claim with the same predicate and parties exists but its amount or percent differs;
- ``sentence_not_found``: no sentence of the document shares enough words with the evidence;
- ``no_mention``: a gold party is not a mention of the sentence;
- ``no_trigger``: no rule of the gold predicate has a trigger word in the sentence;
- ``wrong_arguments``: a rule of that predicate triggers, but made another claim or none.

A spurious claim is reported with its sentence and the cause ``spurious``. Then a table of the
causes by predicate and the most frequent content lemmas of the missed-evidence sentences that no
rule triggers on (candidates for new trigger words).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from spacy.tokens import Doc, Span

from veille.evaluation import Names
from veille.extract.claims import rules_for, triggers
from veille.extract.mentions import Found, find_mentions
from veille.models import SYMMETRIC
from veille.packs import fold, load_pack
from veille.store.base import Store

PACK = "alliances"
MIN_OVERLAP = 0.5  # share of the evidence's words a sentence must hold to be its sentence
CONTENT_POS = ("NOUN", "VERB", "ADJ")
TOP_WORDS = 15


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace("'", " ").split() if len(w) > 2}


def _sentence_of(doc: Doc, evidence: str) -> Span | None:
    """The sentence holding ``evidence``: where it starts if it occurs verbatim, else the
    sentence sharing most of its words (at least half of them)."""
    quotes = str.maketrans("’‘“”«»", '\'\'""""')  # same lengths: offsets kept
    at = doc.text.translate(quotes).find(evidence.strip().translate(quotes)) if evidence.strip() else -1
    if at >= 0:
        return next((s for s in doc.sents if s.start_char <= at < s.end_char), None)
    wanted = _words(evidence)
    if not wanted:
        return None
    best, share = None, 0.0
    for sent in doc.sents:
        got = len(wanted & _words(sent.text)) / len(wanted)
        if got > share:
            best, share = sent, got
    return best if share >= MIN_OVERLAP else None


def _sentence_at(doc: Doc, char: int) -> Span | None:
    return next((s for s in doc.sents if s.start_char <= char < s.end_char), None)


class _Reader:
    """One document annotated again: its spaCy Doc, mentions and the pack's triggers."""

    def __init__(self, text: str, lang: str, pack_name: str) -> None:
        from veille.nlp.model import pipeline

        self.lang = lang if lang in ("fr", "en") else "fr"
        nlp = pipeline(self.lang, pack_name)
        self.pack = load_pack(pack_name)
        self.doc = nlp(text[: nlp.max_length - 1])
        self.mentions = find_mentions(self.doc, self.pack, self.lang)
        self.trig = triggers(pack_name, self.lang)

    def mentions_in(self, sent: Span) -> list[Found]:
        return [m for m in self.mentions if sent.start <= m.start < sent.end]

    def rules_in(self, sent: Span) -> list[dict[str, Any]]:
        out = []
        for tok in sent:
            for i in rules_for(tok, self.trig):
                out.append({"rule": i, "predicate": self.pack.relations[i]["predicate"], "trigger": tok.text})
        return out


def _same_parties(g: dict[str, Any], p: dict[str, Any], names: Names) -> bool:
    if g["predicate"] != p.get("predicate"):
        return False
    straight = names.same(g.get("subject"), p.get("subject")) and (
        g.get("object") is None or names.same(g.get("object"), p.get("object"))
    )
    crossed = g["predicate"] in SYMMETRIC and (
        names.same(g.get("subject"), p.get("object")) and names.same(g.get("object"), p.get("subject"))
    )
    return straight or crossed


def _sentence_view(reader: _Reader, sent: Span) -> dict[str, Any]:
    doc = reader.doc
    return {
        "sentence": sent.text.strip(),
        "mentions": [
            {"entity": m.entity, "text": doc[m.start : m.end].text, "how": m.how}
            for m in reader.mentions_in(sent)
        ],
        "rules": reader.rules_in(sent),
    }


def _explain_missed(
    g: dict[str, Any], reader: _Reader, claims: list[dict[str, Any]], names: Names
) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": "missed", "claim": g}
    if any(_same_parties(g, p, names) for p in claims):
        item["cause"] = "value"
    sent = _sentence_of(reader.doc, str(g.get("evidence") or ""))
    if sent is None:
        item.setdefault("cause", "sentence_not_found")
        item["sentence"] = None
        return item
    item.update(_sentence_view(reader, sent))
    found = item["mentions"]
    parties = [n for n in (g.get("subject"), g.get("object")) if n]
    item["parties"] = {
        n: any(names.same(n, m["entity"]) or names.same(n, m["text"]) for m in found) for n in parties
    }
    item["unnamed"] = [  # a missing party not even written in the sentence (a pronoun, the context)
        n for n, ok in item["parties"].items() if not ok and not _words(n) <= _words(sent.text)
    ]
    if not all(item["parties"].values()):
        item.setdefault("cause", "no_mention")
    elif not any(r["predicate"] == g["predicate"] for r in item["rules"]):
        item.setdefault("cause", "no_trigger")
    else:
        item.setdefault("cause", "wrong_arguments")
    if not item["rules"]:
        item["at"] = sent.start_char
        item["uncovered"] = [
            fold(t.lemma_) for t in sent if t.pos_ in CONTENT_POS and t.is_alpha and not t.is_stop
        ]
    return item


def explain(result: dict[str, Any], store: Store, names: Names, pack_name: str = PACK) -> dict[str, Any]:
    """The explanation of an ``evaluation.score`` result over the documents of ``store``."""
    by_doc: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for g in result["missed"]:
        by_doc[str(g["doc"])].append(("missed", g))
    for p in result["spurious"]:
        by_doc[str(p.get("doc"))].append(("spurious", p))
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for stored in store.claims():
        claims[stored.doc].append(stored.to_dict())
    items: list[dict[str, Any]] = []
    for doc_id, wanted in by_doc.items():
        document = store.document(doc_id)
        if document is None:
            items += [
                {"kind": k, "claim": c, "cause": "document_not_stored", "sentence": None} for k, c in wanted
            ]
            continue
        reader = _Reader(document.text, document.lang, pack_name)
        for kind, c in wanted:
            if kind == "missed":
                items.append(_explain_missed(c, reader, claims[doc_id], names))
                continue
            sent = _sentence_at(reader.doc, int(c.get("start") or 0))
            view = _sentence_view(reader, sent) if sent is not None else {"sentence": c.get("evidence")}
            items.append({"kind": "spurious", "claim": c, "cause": "spurious", **view})
    table: dict[str, Counter[str]] = defaultdict(Counter)
    words: Counter[str] = Counter()
    counted: set[tuple[str, int]] = set()
    for it in items:
        table[str(it["claim"].get("predicate"))][it["cause"]] += 1
        sentence = (str(it["claim"].get("doc")), int(it.get("at", -1)))
        if "uncovered" in it and sentence not in counted:  # a sentence counts once, however many misses
            counted.add(sentence)
            words.update(it["uncovered"])
    return {
        "items": items,
        "causes": {p: dict(c) for p, c in sorted(table.items())},
        "uncovered_words": words.most_common(TOP_WORDS),
    }


def _claim_line(c: dict[str, Any]) -> str:
    value = ""
    if c.get("amount") is not None:
        value += f" amount={c['amount']:g}"
    if c.get("percent") is not None:
        value += f" percent={c['percent']:g}"
    return f"{c.get('subject')} {c.get('predicate')} {c.get('object')}{value}"


def report(explained: dict[str, Any]) -> str:
    """The explanation as plain text (article text is printed as is, never as markup)."""
    lines: list[str] = []
    for it in explained["items"]:
        c = it["claim"]
        lines.append(f"{it['kind']:<8} [{it['cause']}] {str(c.get('doc'))[:12]}  {_claim_line(c)}")
        if it.get("sentence"):
            lines.append(f"  sentence: {it['sentence']}")
        for m in it.get("mentions", []):
            lines.append(f"  mention:  {m['entity']} ({m['how']}: {m['text']!r})")
        for name, ok in it.get("parties", {}).items():
            said = (
                "not written as such in the sentence" if name in it.get("unnamed", []) else "named, not found"
            )
            lines.append(f"  party:    {name} {'found' if ok else f'NOT a mention ({said})'}")
        for r in it.get("rules", []):
            lines.append(f"  rule:     #{r['rule']} {r['predicate']} (trigger {r['trigger']!r})")
        lines.append("")
    causes = sorted({k for c in explained["causes"].values() for k in c})
    if causes:
        width = max(len(p) for p in (*explained["causes"], "total"))
        col = max(len(k) for k in causes)
        lines.append("causes by predicate")
        lines.append(" ".join([" " * width, *(f"{k:>{col}}" for k in causes)]))
        for pred, counts in explained["causes"].items():
            lines.append(" ".join([f"{pred:<{width}}", *(f"{counts.get(k, 0):>{col}}" for k in causes)]))
        totals = Counter[str]()
        for counts in explained["causes"].values():
            totals.update(counts)
        lines.append(" ".join([f"{'total':<{width}}", *(f"{totals[k]:>{col}}" for k in causes)]))
        lines.append("")
    if explained["uncovered_words"]:
        lines.append("content lemmas of missed-evidence sentences no rule triggers on")
        lines += [f"  {w} {n}" for w, n in explained["uncovered_words"]]
        lines.append("")
    return "\n".join(lines) + "\n"


__all__ = ["explain", "report"]
