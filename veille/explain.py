"""``veille eval GOLD --explain``: why each gold claim was missed and each extra claim made.

Read-only with respect to extraction: each stored document with a missed or spurious claim is
annotated again by the spaCy pipeline of its language and read again by the extraction's own
functions with a trace collected (:mod:`veille.extract.trace`). The sentence that holds the gold
evidence (found by word overlap) is examined: the mentions in it (entity and how it was found),
whether each gold party is among them, its candidate values (money, percents, dates), and each
pack rule whose trigger word occurs in it with its outcome — the gate or role that refused it,
the strategies each role tried, or the claims it made. A cause code sums it up, first that
applies:

- ``value``: a claim with the same predicate and parties exists but its amount or percent differs;
- ``sentence_not_found``: no sentence of the document shares enough words with the evidence;
- ``dropped:<step>``: a rule made the claim in that sentence, then a later step removed it
  (``one_direction``, ``prefer_specific``; ``document`` when it was gone after the sentence);
- ``no_mention``: a gold party is not a mention of the sentence;
- ``no_trigger``: no rule of the gold predicate has a trigger word in the sentence;
- then the furthest that a rule of the gold predicate got on that sentence:
  ``wrong_arguments`` (it made claims, with other parties: they are shown), ``owner`` (the owner
  check refused the pair), ``no_pair`` (roles found, no pair of them made a claim),
  ``role:object`` / ``role:subject`` (that role found no mention), ``value_required`` (the rule
  needs an amount or a percent, none near), ``shadowed`` (another rule on the same trigger made
  claims first, so this one was not tried), ``gate:<name>`` (a gate refused: ``context``,
  ``near``, ``refers_back``, ``veto``, ``label``, ``named_before``, ``told_deal``);
  ``question`` or ``not_read`` when the rules did not run on the sentence at all.

A spurious claim is reported with its sentence, the rule that made it, and the cause
``spurious``. Then a table of the causes by predicate and the most frequent content lemmas of the
missed-evidence sentences that no rule triggers on (candidates for new trigger words).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from spacy.tokens import Doc, Span

from veille.evaluation import Names
from veille.extract import from_doc, trace
from veille.extract.claims import rules_for, triggers
from veille.extract.mentions import Found, find_mentions
from veille.models import SYMMETRIC, Claim, Document
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
    """One document annotated again and read again with a trace: its spaCy Doc, mentions,
    the pack's triggers and what each rule did in each sentence."""

    def __init__(self, document: Document, pack_name: str) -> None:
        from veille.nlp.model import pipeline

        self.lang = document.lang if document.lang in ("fr", "en") else "fr"
        self.document = document
        nlp = pipeline(self.lang, pack_name)
        self.pack = load_pack(pack_name)
        self.doc = nlp(document.text[: nlp.max_length - 1])
        with trace.collect() as self.trace:
            from_doc(document, self.doc, pack_name)
        self.mentions = find_mentions(self.doc, self.pack, self.lang)
        self.trig = triggers(pack_name, self.lang)

    def traced(self, sent: Span) -> trace.SentenceTrace | None:
        return next((s for s in self.trace.sentences if s.sentence.span.start == sent.start), None)

    def mentions_in(self, sent: Span) -> list[Found]:
        """The sentence's mentions as extraction read them (pair anaphors included), else as found."""
        read = self.traced(sent)
        if read is not None:
            return list(read.sentence.mentions)
        return [m for m in self.mentions if sent.start <= m.start < sent.end]

    def rules_in(self, sent: Span) -> list[dict[str, Any]]:
        read = self.traced(sent)
        outcomes = {(o.rule, o.trigger): o for o in read.outcomes} if read is not None else {}
        out = []
        for tok in sent:
            for i in rules_for(tok, self.trig):
                rule = self.pack.relations[i]
                entry: dict[str, Any] = {
                    "rule": i,
                    "predicate": rule["predicate"],
                    "makes": [rule["predicate"], *([rule["investors"]] if rule.get("investors") else [])],
                    "trigger": tok.text,
                    "at": tok.i,
                }
                o = outcomes.get((i, tok.i))
                if o is not None:
                    entry["outcome"] = o.step
                    entry["claims"] = [_claim_view(c) for c in o.claims]
                    entry["roles"] = [
                        {
                            "role": ROLES[k] if k < len(ROLES) else str(k),
                            "tried": [[name, _found_view(m)] for name, m in r.tried],
                            "found": [_found_view(m) for m in r.found],
                        }
                        for k, r in enumerate(o.roles)
                    ]
                elif read is not None:
                    entry["outcome"] = "not_tried"  # an earlier rule on this trigger made claims
                out.append(entry)
        return out

    def values_in(self, sent: Span) -> dict[str, list[dict[str, Any]]]:
        """The sentence's candidate values: those extraction read, else found again in its text."""
        read = self.traced(sent)
        if read is not None:
            money, percents, dates = read.values.money, read.values.percents, read.values.dates
        else:
            from veille.nlp.dates import find_dates
            from veille.nlp.money import find_money
            from veille.nlp.percent import find_percents

            money = find_money(sent.text, lang=self.lang)
            percents = find_percents(sent.text, lang=self.lang)
            dates = find_dates(sent.text, ref=self.document.published, lang=self.lang)
        return {
            "money": [{"text": m.text, "amount": m.amount, "currency": m.currency} for m in money],
            "percents": [{"text": p.text, "value": p.value} for p in percents],
            "dates": [{"text": d.text, "value": d.value, "kind": d.kind} for d in dates],
        }


ROLES = ("subject", "object")
# How far a rule of the gold predicate got, furthest first: the cause of a miss is the furthest.
REACHED = (
    "made",
    "owner",
    "no_pair",
    "role:object",
    "role:subject",
    "value_required",
    "not_tried",
)


def _found_view(m: Found | None) -> dict[str, Any] | None:
    return None if m is None else {"entity": m.entity, "type": m.type, "how": m.how}


def _claim_view(c: Claim) -> dict[str, Any]:
    return {
        "subject": c.subject,
        "predicate": c.predicate,
        "object": c.object,
        "amount": c.amount,
        "percent": c.percent,
    }


def _readings(g: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold claim and its accepted alternatives."""
    return [{**g, **alt} for alt in [{}, *g.get("alternatives", [])]]


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
    read = reader.traced(sent)
    return {
        "sentence": sent.text.strip(),
        "read": read is not None,
        "mentions": [
            {"entity": m.entity, "text": doc[m.start : m.end].text, "how": m.how}
            for m in reader.mentions_in(sent)
        ],
        "values": reader.values_in(sent),
        "rules": reader.rules_in(sent),
        "dropped": [{"step": step, **_claim_view(c)} for step, c in read.dropped] if read else [],
    }


def _made(g: dict[str, Any], item: dict[str, Any], names: Names) -> bool:
    """Whether a rule made the gold claim (its parties) in the sentence."""
    return any(
        _same_parties(h, c, names) for r in item["rules"] for c in r.get("claims", []) for h in _readings(g)
    )


def _furthest(g: dict[str, Any], item: dict[str, Any]) -> str:
    """The cause of a miss whose predicate triggers: how far its rules got on the sentence."""
    if not item["read"]:
        return "question" if item["sentence"].rstrip().endswith("?") else "not_read"
    steps = [str(r.get("outcome")) for r in item["rules"] if g["predicate"] in r["makes"]]
    reached = [s for s in REACHED if s in steps]
    if reached:
        return {"made": "wrong_arguments", "not_tried": "shadowed"}.get(reached[0], reached[0])
    return next((s for s in steps if s.startswith("gate:")), "not_read")


def _explain_missed(
    g: dict[str, Any], reader: _Reader, claims: list[dict[str, Any]], names: Names
) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": "missed", "claim": g}
    if any(_same_parties(h, p, names) for p in claims for h in _readings(g)):
        item["cause"] = "value"
    sent = _sentence_of(reader.doc, str(g.get("evidence") or ""))
    if sent is None:
        item.setdefault("cause", "sentence_not_found")
        item["sentence"] = None
        return item
    item.update(_sentence_view(reader, sent))
    if _made(g, item, names):
        gone = [d for d in item["dropped"] for h in _readings(g) if _same_parties(h, d, names)]
        item.setdefault("cause", f"dropped:{gone[0]['step']}" if gone else "dropped:document")
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
    elif not any(g["predicate"] in r["makes"] for r in item["rules"]):
        item.setdefault("cause", "no_trigger")
    else:
        item.setdefault("cause", _furthest(g, item))
    if item["cause"] == "wrong_arguments":  # what the rules of the predicate made instead
        item["made"] = [c for r in item["rules"] if g["predicate"] in r["makes"] for c in r.get("claims", [])]
    if not item["rules"]:
        item["at"] = sent.start_char
        item["uncovered"] = [
            fold(t.lemma_) for t in sent if t.pos_ in CONTENT_POS and t.is_alpha and not t.is_stop
        ]
    return item


def _made_by(c: dict[str, Any], view: dict[str, Any]) -> dict[str, Any] | None:
    """The rule (and trigger) whose outcome holds the spurious claim ``c``."""
    key = (c.get("subject"), c.get("predicate"), c.get("object"))
    return next(
        (
            {"rule": r["rule"], "trigger": r["trigger"]}
            for r in view.get("rules", [])
            if any((x["subject"], x["predicate"], x["object"]) == key for x in r.get("claims", []))
        ),
        None,
    )


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
        reader = _Reader(document, pack_name)
        for kind, c in wanted:
            if kind == "missed":
                items.append(_explain_missed(c, reader, claims[doc_id], names))
                continue
            sent = _sentence_at(reader.doc, int(c.get("start") or 0))
            view = _sentence_view(reader, sent) if sent is not None else {"sentence": c.get("evidence")}
            items.append(
                {"kind": "spurious", "claim": c, "cause": "spurious", **view, "made_by": _made_by(c, view)}
            )
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


def _entity(m: dict[str, Any] | None) -> str:
    return "-" if m is None else f"{m['entity']} ({m['type']})"


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
        values = it.get("values") or {}
        shown = [
            *(f"money {m['text']!r}" for m in values.get("money", [])),
            *(f"percent {p['text']!r}" for p in values.get("percents", [])),
            *(f"date {d['text']!r} ({d['kind']} {d['value']})" for d in values.get("dates", [])),
        ]
        if shown:
            lines.append(f"  values:   {'; '.join(shown)}")
        if it.get("sentence") and it.get("read") is False:
            lines.append("  (the rules did not run on this sentence)")
        for r in it.get("rules", []):
            outcome = f": {r['outcome']}" if r.get("outcome") else ""
            lines.append(f"  rule:     #{r['rule']} {r['predicate']} (trigger {r['trigger']!r}){outcome}")
            for search in r.get("roles", []):
                tried = ", ".join(f"{name} {_entity(m)}" for name, m in search["tried"]) or "none tried"
                kept = ", ".join(_entity(m) for m in search["found"]) or "nothing"
                lines.append(f"            {search['role']}: {tried} -> {kept}")
            for made in r.get("claims", []):
                lines.append(f"            made: {_claim_line(made)}")
        for d in it.get("dropped", []):
            lines.append(f"  dropped:  {_claim_line(d)} (by {d['step']})")
        if it.get("made_by"):
            lines.append(f"  made by:  rule #{it['made_by']['rule']} (trigger {it['made_by']['trigger']!r})")
        lines.append("")
    causes = sorted({k for c in explained["causes"].values() for k in c})
    if causes:
        width = max(len(p) for p in (*explained["causes"], "total"))
        lines.append("causes by predicate")
        lines.append(" ".join([" " * width, *causes]))
        for pred, counts in explained["causes"].items():
            cells = (f"{counts.get(k, 0):>{len(k)}}" for k in causes)
            lines.append(" ".join([f"{pred:<{width}}", *cells]))
        totals = Counter[str]()
        for counts in explained["causes"].values():
            totals.update(counts)
        lines.append(" ".join([f"{'total':<{width}}", *(f"{totals[k]:>{len(k)}}" for k in causes)]))
        lines.append("")
    if explained["uncovered_words"]:
        lines.append("content lemmas of missed-evidence sentences no rule triggers on")
        lines += [f"  {w} {n}" for w, n in explained["uncovered_words"]]
        lines.append("")
    return "\n".join(lines) + "\n"


__all__ = ["explain", "report"]
