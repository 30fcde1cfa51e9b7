"""Timeline titles: a claim or an event told as a short sentence in the reader's language.

Titles are never stored: the timeline renders them at display time from what reconciliation
knows — a claim's predicate, subject, object and values, or an event's kind and its
participants in their roles — with the templates of ``titles.json`` (one per predicate, a
list per event kind, each in French and English). "Microsoft investit 1 Md$ dans OpenAI" /
"Microsoft invests $1bn in OpenAI"; "Sam Altman est évincé d'OpenAI" / "Sam Altman is
ousted from OpenAI"; "La CMA ouvre une enquête sur le partenariat Microsoft–OpenAI".

French grammar: ``de`` elides before a vowel ("d'OpenAI") and contracts with an article
("du", "des"); a participle agrees with its entity (a company or a regulator is feminine —
"la société", "l'autorité" —, a person masculine since the pack does not record gender; plural
for several). Regulators take the definite article when their name is an acronym or starts
with a feminine noun ("la CMA", "l'Autorité de la concurrence"), "the" in English.

An event whose roles fit no template of its kind gets no title (None): the timeline leaves
it out rather than list its entities.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("fr", "en")
VOWELS = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ"
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
FEMININE_HEADS = ("autorité", "commission", "agence", "direction", "cour", "banque", "haute autorité")
ORGANISATIONS = frozenset({"company", "regulator", "fund", "project", "other"})
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_FIELD = re.compile(r"\{(\w+)\}")


@cache
def catalogue() -> dict[str, Any]:
    """The templates of ``titles.json``, read once per process."""
    data: dict[str, Any] = json.loads((Path(__file__).parent / "titles.json").read_text(encoding="utf-8"))
    return data


def language(lang: str | None) -> str:
    """``fr`` or ``en``; French for anything else."""
    return lang if lang in LANGS else "fr"


# entities in words -------------------------------------------------------------------------


def _article(name: str, kind: str | None, lang: str) -> str:
    """The definite article a name takes in a sentence ("la ", "l'", "the ") or ""."""
    if kind != "regulator":
        return ""
    if lang == "en":
        return "" if name.lower().startswith("the ") else "the "
    acronym = name.isupper() and 2 <= len(name) <= 8
    if acronym or name.lower().startswith(FEMININE_HEADS):
        return "l'" if name[:1] in VOWELS else "la "
    return ""


def written(name: str, kind: str | None, lang: str) -> str:
    """A name as a sentence writes it: "la CMA", "the FTC", "OpenAI"."""
    return _article(name, kind, lang) + name


def de(name: str, kind: str | None = None) -> str:
    """French ``de`` before a name: "de Microsoft", "d'OpenAI", "de la CMA", "de l'Arcom"."""
    article = _article(name, kind, "fr")
    if article:
        return "de " + article + name
    return ("d'" if name[:1] in VOWELS else "de ") + name


def a(name: str, kind: str | None = None) -> str:
    """French ``à`` before a name: "à Google", "à la CMA", "à l'Arcom"."""
    return "à " + _article(name, kind, "fr") + name


def possessive(text: str) -> str:
    """English possessive: "OpenAI's", "the CMA's", "Siemens'"."""
    return text + ("'" if text.endswith("s") else "'s")


def join(items: Sequence[str], lang: str) -> str:
    """ "A", "A et B", "A, B et C" (French) / "A and B" (English)."""
    word = catalogue()["words"][lang]["and"]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def agreement(names: Sequence[str], types: Mapping[str, str]) -> str:
    """The ending a French participle takes with these entities: "", "e", "s", "es"."""
    feminine = bool(names) and all(types.get(n, "company") in ORGANISATIONS for n in names)
    return ("e" if feminine else "") + ("s" if len(names) > 1 else "")


def role_fields(role: str, names: Sequence[str], types: Mapping[str, str], lang: str) -> dict[str, str]:
    """The placeholders of one role: ``{role}``, ``{de_role}``, ``{a_role}``, ``{role_s}``, ``{e_role}``."""
    if not names:
        return {}
    words = [written(n, types.get(n), lang) for n in names]
    out = {
        role: join(words, lang),
        f"{role}_s": possessive(join(words, lang)),
        f"e_{role}": agreement(names, types),
    }
    if lang == "fr":
        out[f"de_{role}"] = join([de(n, types.get(n)) for n in names], lang)
        out[f"a_{role}"] = join([a(n, types.get(n)) for n in names], lang)
    else:
        out[f"de_{role}"] = "of " + out[role]
        out[f"a_{role}"] = "to " + out[role]
    return out


# values in words --------------------------------------------------------------------------------


def number(x: float, lang: str) -> str:
    """``1``, ``1,3`` / ``1.3``, ``21 000`` / ``21,000``: two decimals at most."""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",") if lang == "fr" else text


def money(amount: float, currency: str | None, qualifier: str | None, lang: str) -> str:
    """Money in short: "1 Md$", "385 M€", "plus de 11 Md$" / "$1bn", "€385m", "more than $11bn"."""
    words = catalogue()["money"][lang]
    unit, n = "", amount
    for scale, key in ((1e9, "billion"), (1e6, "million")):
        if abs(amount) >= scale:
            unit, n = words[key], amount / scale
            break
    figure, symbol = number(n, lang), SYMBOLS.get(currency or "")
    if lang == "fr":
        text = f"{figure} {unit}" if unit else figure
        text += (symbol if unit else f" {symbol}") if symbol else (f" {currency}" if currency else "")
    else:
        text = figure + unit
        text = (symbol + text) if symbol else (f"{currency} {text}" if currency else text)
    return words.get(qualifier or "", "") + text


def percent(value: float, lang: str) -> str:
    """ "49 %" / "49%", "36,8 %" / "36.8%"."""
    return number(value, lang) + (" %" if lang == "fr" else "%")


# templates ------------------------------------------------------------------------------------------


def fill(template: str, fields: Mapping[str, str]) -> str:
    """A template with its fields; an optional ``[ … ]`` part only when all its fields have a value."""

    def optional(m: re.Match[str]) -> str:
        inner = m.group(1)
        return inner if all(fields.get(f) for f in _FIELD.findall(inner)) else ""

    text = _OPTIONAL.sub(optional, template)
    text = _FIELD.sub(lambda m: fields.get(m.group(1), ""), text)
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def claim_title(
    kind: str,
    subjects: Sequence[str],
    objects: Sequence[str],
    values: Mapping[str, Any],
    types: Mapping[str, str],
    lang: str,
    modality: str = "asserted",
) -> str | None:
    """A claim told as a sentence; None when no template tells it.

    ``kind`` is its predicate, or an ending such as ``withdrawal``; ``subjects`` and
    ``objects`` may name several coordinated entities ("la CMA et la FTC enquêtent sur
    Microsoft"); ``values`` holds the claim's ``amount``, ``currency``, ``amount_qualifier``,
    ``percent`` and ``exclusive``; a ``planned`` or ``conditional`` claim takes the
    ``planned/…`` or ``conditional/…`` template of its predicate.
    """
    lang = language(lang)
    if kind in ("holds_stake", "profit_share") and values.get("percent") is None and modality == "asserted":
        kind += "/none"
    entry = catalogue()["claims"].get(kind if modality == "asserted" else f"{modality}/{kind}")
    if entry is None:
        return None
    template = entry["pl"][lang] if len(subjects) > 1 and "pl" in entry else entry[lang]
    fields = role_fields("s", subjects, types, lang) | role_fields("o", objects, types, lang)
    if values.get("amount") is not None:
        fields["m"] = money(values["amount"], values.get("currency"), values.get("amount_qualifier"), lang)
    if values.get("percent") is not None:
        fields["p"] = percent(values["percent"], lang)
    if values.get("exclusive"):
        words = catalogue()["words"][lang]
        fields["exclusive"], fields["exclusive_f"] = words["exclusive"], words["exclusive_f"]
    return fill(template, fields)


def event_title(
    kind: str, roles: Sequence[tuple[str, str]], types: Mapping[str, str], lang: str
) -> str | None:
    """An event told from its kind and roles; None when no template of the kind fits its roles."""
    lang = language(lang)
    by_role: dict[str, list[str]] = {}
    for role, name in roles:
        if name not in by_role.setdefault(role, []):
            by_role[role].append(name)
    for option in catalogue()["events"].get(kind, []):
        if not all(by_role.get(r) for r in option["needs"]):
            continue
        allowed = option.get("types", {})
        if any(types.get(n, "company") not in allowed[r] for r in allowed for n in by_role.get(r, [])):
            continue
        plural = len(by_role.get(option.get("verb", ""), [])) > 1
        template = option["pl"][lang] if plural and "pl" in option else option[lang]
        fields: dict[str, str] = {}
        for role in option["needs"]:
            fields |= role_fields(role, by_role[role], types, lang)
        return fill(template, fields)
    return None


def kind_label(kind: str, lang: str) -> str | None:
    """An event kind in words ("éviction" / "dismissal"); None when the catalogue has none."""
    entry = catalogue()["kinds"].get(kind)
    return entry[language(lang)] if entry else None
