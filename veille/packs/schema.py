"""The checks a pack passes when it is read: every key, every strategy name, every value type.

A pack is data written by people, so a typo must stop it at load, not halfway through an
extraction: ``"find": ["nsbuj"]`` is refused with a :class:`~veille.errors.UsageError` that
names the file, the rule (its index, predicate and first trigger word), the bad key or value,
the valid choices and the closest one ("did you mean 'nsubj'?"). The rules keep their runtime
shape (plain dicts, read by ``veille.extract``): these functions only check them.

The vocabulary of what may be written:

- ``RULE_KEYS`` and ``SPEC_KEYS``: the fields of a rule of ``relations.json`` and of its
  ``subject`` / ``object`` (documented in the pack's README);
- the strategy names of ``find`` / ``noun_find``: ``STRATEGY_NAMES`` (``veille.extract.arguments.STRATEGIES``);
- ``LEXICON_KEYS`` and ``LEXICON_GROUPS``: the keys of ``lexicon.json`` code reads;
- ``ENTITY_KEYS``: the fields of an entry of ``entities.json``;
- ``PREDICATE_KEYS``: the fields of a predicate of ``predicates.json``.

A key that starts with ``_`` is a comment (``"_about"``) and is allowed anywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from veille.errors import UsageError

LANGS = ("fr", "en")
ENTITY_TYPES = ("company", "person", "regulator", "government", "product", "project", "fund", "other")
MODALITIES = ("asserted", "reported", "planned", "speculative", "conditional", "negated")
VALUES = ("amount", "percent", "amount_or_percent")
PREDICATE_KINDS = ("event", "state")

Check = Callable[[Any], str | None]  # None when the value is right, else what it should be


def _is_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "true or false"


def _is_str(v: Any) -> str | None:
    return None if isinstance(v, str) and v else "a non-empty string"


def _is_int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) and v > 0 else "a positive whole number"


def _str_list(v: Any) -> str | None:
    return None if isinstance(v, list) and all(isinstance(x, str) for x in v) else "a list of strings"


def _per_lang(v: Any) -> str | None:
    """``{"fr": [...], "en": [...]}``: words per language."""
    if not isinstance(v, dict) or not all(
        isinstance(ws, list) and all(isinstance(w, str) for w in ws) for ws in v.values()
    ):
        return 'words per language, {"fr": ["…"], "en": ["…"]}'
    return None


def _words(v: Any) -> str | None:
    """A list of words, or words per language."""
    return (
        None
        if _str_list(v) is None or _per_lang(v) is None
        else 'a list of words or {"fr": [...], "en": [...]}'
    )


def _table(v: Any) -> str | None:
    """``{"fr": {"word": "value"}, "en": {...}}``."""
    ok = isinstance(v, dict) and all(
        isinstance(t, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in t.items())
        for t in v.values()
    )
    return None if ok else 'a table per language, {"fr": {"word": "kind"}, "en": {…}}'


def _lists_table(v: Any) -> str | None:
    """``{"fr": {"CODE": ["word", …]}, "en": {…}}`` (a ``_doc`` string beside them)."""
    ok = isinstance(v, dict) and all(
        k.startswith("_")
        or (isinstance(t, dict) and all(isinstance(c, str) and _str_list(ws) is None for c, ws in t.items()))
        for k, t in v.items()
    )
    return None if ok else 'lists per code and language, {"fr": {"FR": ["français", …]}, "en": {…}}'


def _one_of(choices: Iterable[str]) -> Check:
    options = tuple(choices)

    def check(v: Any) -> str | None:
        return None if v in options else "one of " + ", ".join(options)

    return check


RULE_KEYS: dict[str, Check] = {
    "predicate": _is_str,  # also checked against the predicate vocabulary
    "verbs": _per_lang,
    "nouns": _per_lang,
    "subject": lambda v: None if isinstance(v, dict) else "an object (types, find…)",
    "object": lambda v: None if isinstance(v, dict) else "an object (types, find…)",
    "gives_up": lambda v: None if isinstance(v, dict) else "an object (types, find…)",
    "value": _one_of(VALUES),
    "value_required": _is_bool,
    "value_after": _is_bool,
    "context": _per_lang,
    "near": _per_lang,
    "veto": _per_lang,
    "veto_obj": _per_lang,
    "veto_next": _per_lang,
    "default_modality": _one_of(MODALITIES),
    "role": _is_bool,
    "pair": _is_bool,
    "investors": _is_str,  # a predicate, checked against the vocabulary
    "exclusive": _is_bool,
    "kinds": _is_bool,
    "field_noun": _is_bool,
}
# The strategies a role may name: those of ``veille.extract.arguments.STRATEGIES``, which checks
# at import that the two agree (the pack is read before the strategies' module, which reads packs).
STRATEGY_NAMES = frozenset(
    {
        "compound",
        "nsubj",
        "agent",
        "possessor",
        "left",
        "right",
        "left_other",
        "salient",
        "obj",
        "iobj",
        "obj_of_head",
        "head_noun",
        "prep",
        "list",
        "appos_person",
        "owner",
        "part_owner",
        "brand",
        "appos",
        "between",
        "merger",
        "round_owner",
        "topic",
        "named",
        "maker",
        "relative",
        "possessive",
        "recipient",
        "led_by",
        "person_owner",
        "left_np",
        "nsubj_cop",
        "nsubj_pass",
        "after_participle",
    }
)
SPEC_KEYS: dict[str, Check] = {
    "types": lambda v: _str_list(v) or _each(v, ENTITY_TYPES),
    "find": _str_list,  # the names are checked against STRATEGIES
    "noun_find": _str_list,
    "preps": _per_lang,
    "required": _is_bool,
    "hops": _is_int,
    "co": _is_bool,
    "told": _str_list,  # predicates, checked against the vocabulary
}
RELATIONS_FILE_KEYS: dict[str, Check] = {
    "version": lambda v: None if v == 1 else "1",
    "relations": lambda v: None if isinstance(v, list) else "a list of rules",
    "cloud_on": lambda v: (
        None if isinstance(v, dict) and _per_lang(v.get("preps", {})) is None else '{"preps": {"fr": [...]}}'
    ),
}
ENTITY_KEYS: dict[str, Check] = {
    "name": _is_str,
    "type": _one_of(ENTITY_TYPES),
    "wikidata": _is_str,
    "aliases": _str_list,
    "descriptions": _str_list,
    "hq": _is_str,
    "owner": _is_str,
    "org": _is_str,
    "role": _is_str,
    "country": _is_str,
    "startup": _is_bool,
}
# lexicon.json: each key code reads, with its shape; the groups hold keys of their own
LEXICON_KEYS: dict[str, Check] = {
    "version": lambda v: None if v == 1 else "1",
    **{
        key: _words
        for key in (
            "not_entities",
            "startups",
            "anaphor_determiners",
            "description_heads",
            "subject_pronouns",
            "possessives",
            "relative_pronouns",
            "exclusive_words",
            "cloud_brands",
            "list_markers",
            "list_verbs",
            "among_words",
            "coordination",
            "between_words",
            "demonstratives",
            "round_nouns",
            "co_markers",
            "pair_nouns",
            "company_verbs",
            "acquisition_verbs",
            "org_name_words",
            "receiving_verbs",
            "valuation_cues",
            "payment_participles",
            "launch_verbs",
            "price_markers",
            "state_nouns",
            "state_modifiers",
            "state_names",
            "shared_heads",
            "merger_nouns",
            "product_nouns",
            "deal_nouns",
            "flagship_words",
            "unit_price_words",
            "share_nouns",
            "change_verbs",
            "leader_state_nouns",
            "first_person",
        )
    },
    "anaphors": _table,
    "compound_participles": _table,
    "apposition_heads": _table,
    "nationalities": _lists_table,
    "country_names": _lists_table,
    "nationality_regions": lambda v: (
        None
        if isinstance(v, dict) and all(_str_list(x) is None for x in v.values())
        else '{"REGION": ["CODE", …]}'
    ),
}
LEXICON_GROUPS: dict[str, tuple[str, ...]] = {
    "modality": (
        "negation_words",
        "negating_verbs",
        "denial_verbs",
        "effect_verbs",
        "speculative_words",
        "bid_nouns",
        "modal_auxiliaries",
        "planning_verbs",
        "planning_nouns",
        "planning_words",
        "condition_phrases",
        "former_words",
        "announcing_verbs",
        "agreement_nouns",
        "deal_verbs",
    ),
    "attribution": ("markers", "reporting_verbs", "source_nouns", "told_verbs", "list_words"),
    "kinds": ("cumulative", "tranche"),
}
EVENT_KEYS: dict[str, Check] = {
    "fr": _str_list,
    "en": _str_list,
    "label": lambda v: (
        None
        if isinstance(v, dict) and all(isinstance(x, str) for x in v.values())
        else '{"fr": "…", "en": "…"}'
    ),
}
EVENT_ROLES = ("agent", "patient", "org", "partner", "rank")
EVENT_ROLE_KEYS: dict[str, Check] = {
    "types": lambda v: _str_list(v) or _each(v, ENTITY_TYPES),
    "find": _str_list,
    "passive_find": _str_list,
    "noun_find": _str_list,
    "preps": _per_lang,
}
EVENT_KEYS.update(
    {
        "roles": lambda v: None if isinstance(v, dict) else '{"agent": {"find": [...]}, …}',
        "needs": lambda v: _str_list(v) or _each(v, EVENT_ROLES),
        "object": _per_lang,
    }
)
EVENT_WORDS: dict[str, Check] = {  # word lists of the events section that are no event
    "leader_titles": _per_lang,
    "rank_nouns": _per_lang,
    "ordinals": lambda v: None if isinstance(v, dict) else '{"fr": {"premier": 1}, …}',
    "cardinals": lambda v: None if isinstance(v, dict) else '{"fr": {"deux": 2}, …}',
}
PREDICATE_KEYS: dict[str, Check] = {
    "label": lambda v: (
        None
        if isinstance(v, dict) and set(v) == set(LANGS) and all(isinstance(x, str) and x for x in v.values())
        else 'a label per language, {"fr": "…", "en": "…"}'
    ),
    "kind": _one_of(PREDICATE_KINDS),
    "symmetric": _is_bool,
    "funding": _is_bool,
}


def _each(v: list[Any], choices: tuple[str, ...]) -> str | None:
    bad = [x for x in v if x not in choices]
    return None if not bad else f"types among {', '.join(choices)} (not {', '.join(map(repr, bad))})"


def suggest(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'nsubj'?)" for the closest choice, "" when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fail(
    path: Path, where: str, problem: str, choices: Iterable[str] | None = None, bad: str = ""
) -> UsageError:
    options = sorted(choices) if choices is not None else []
    hint = f"valid choices: {', '.join(options)}" if options else "see the pack's README for the format"
    return UsageError(f"{path}: {where}: {problem}{suggest(bad, options) if bad else ''}", hint=hint)


def _check_keys(path: Path, where: str, record: Any, keys: dict[str, Check], what: str) -> None:
    if not isinstance(record, dict):
        raise _fail(path, where, f"expected an object, found {type(record).__name__}")
    for key, value in record.items():
        if key.startswith("_"):
            continue  # a comment
        if key not in keys:
            raise _fail(path, where, f"unknown {what} {key!r}", keys, key)
        expected = keys[key](value)
        if expected is not None:
            raise _fail(path, where, f"{key!r} must be {expected}, found {value!r}")


def rule_name(i: int, rule: Any) -> str:
    """ "rule 3 (invests_in, trigger 'investir')": how an error names a rule."""
    if not isinstance(rule, dict):
        return f"rule {i}"
    lists = [rule.get(key) for key in ("verbs", "nouns")]
    words = [
        w
        for entry in lists
        for ws in (entry.values() if isinstance(entry, dict) else [entry])
        if isinstance(ws, list)
        for w in ws
        if isinstance(w, str)
    ]
    trigger = f", trigger {words[0]!r}" if words else ""
    return f"rule {i} ({rule.get('predicate', 'no predicate')}{trigger})"


def check_relations(path: Path, data: Any, strategies: Iterable[str], predicates: Iterable[str]) -> None:
    """``relations.json``: the file's sections, each rule's keys and types, its role specs,
    their strategy names and the predicates named."""
    names, vocabulary = set(strategies), set(predicates)
    _check_keys(path, "the file", data, RELATIONS_FILE_KEYS, "section")
    for i, rule in enumerate(data.get("relations", [])):
        where = rule_name(i, rule)
        _check_keys(path, where, rule, RULE_KEYS, "rule key")
        for key in ("predicate", "investors"):
            if key in rule and rule[key] not in vocabulary:
                raise _fail(path, where, f"unknown predicate {rule[key]!r} in {key!r}", vocabulary, rule[key])
        if "predicate" not in rule or "subject" not in rule:
            raise _fail(path, where, "a rule needs a 'predicate' and a 'subject'")
        if not rule.get("verbs") and not rule.get("nouns"):
            raise _fail(path, where, "a rule needs trigger words: 'verbs' or 'nouns'")
        for lang_key in ("verbs", "nouns", "context", "near", "veto", "veto_obj", "veto_next"):
            for lang in rule.get(lang_key) or {}:
                if lang not in LANGS:
                    raise _fail(path, where, f"unknown language {lang!r} in {lang_key!r}", LANGS, lang)
        for slot in ("subject", "object", "gives_up"):
            if slot not in rule:
                continue
            spec_where = f"{where}, {slot}"
            _check_keys(path, spec_where, rule[slot], SPEC_KEYS, "role key")
            if not rule[slot].get("types") or not rule[slot].get("find"):
                raise _fail(path, spec_where, "a role needs 'types' and 'find'")
            for key in ("find", "noun_find"):
                for name in rule[slot].get(key, []):
                    if name not in names:
                        raise _fail(path, f"{spec_where}.{key}", f"unknown strategy {name!r}", names, name)
            for told in rule[slot].get("told", []):
                if told not in vocabulary:
                    raise _fail(path, f"{spec_where}.told", f"unknown predicate {told!r}", vocabulary, told)


def check_lexicon(path: Path, data: Any) -> None:
    """``lexicon.json``: only keys code reads, each with its shape."""
    keys: dict[str, Check] = {
        **LEXICON_KEYS,
        **{g: lambda v: None for g in LEXICON_GROUPS},
        "events": lambda v: None,
    }
    _check_keys(path, "the lexicon", data, keys, "lexicon key")
    for group, members in LEXICON_GROUPS.items():
        if group in data:
            _check_keys(
                path, f"the lexicon's {group!r}", data[group], dict.fromkeys(members, _words), f"{group} key"
            )
    for kind, entry in (data.get("events") or {}).items():
        if kind in EVENT_WORDS:
            problem = EVENT_WORDS[kind](entry)
            if problem:
                raise _fail(path, f"the lexicon's events.{kind}", f"expected {problem}", EVENT_WORDS, kind)
        elif not kind.startswith("_"):
            _check_keys(path, f"the lexicon's event {kind!r}", entry, EVENT_KEYS, "event key")
            for role, spec in (entry.get("roles") or {}).items():
                where = f"the lexicon's event {kind!r}, role {role!r}"
                if role not in EVENT_ROLES:
                    raise _fail(path, where, f"unknown role {role!r}", EVENT_ROLES, role)
                _check_keys(path, where, spec, EVENT_ROLE_KEYS, "role key")


def _check_file(path: Path, data: Any, section: str, shape: type, described: str) -> None:
    """A data file's top level: its ``version`` (1) and its one section of the given shape."""
    _check_keys(
        path,
        "the file",
        data,
        {
            "version": lambda v: None if v == 1 else "1",
            section: lambda v: None if isinstance(v, shape) else described,
        },
        "section",
    )


def check_entities(path: Path, data: Any) -> None:
    """``entities.json``: each entry's fields and their types."""
    _check_file(path, data, "entities", list, "a list")
    for i, entity in enumerate(data.get("entities", [])):
        name = entity.get("name") if isinstance(entity, dict) else None
        _check_keys(path, f"entity {i} ({name or 'no name'})", entity, ENTITY_KEYS, "entity key")
        if not name:
            raise _fail(path, f"entity {i}", "an entity needs a 'name'")


def check_predicates(path: Path, data: Any) -> None:
    """``predicates.json``: per predicate, its labels in both languages, its kind, whether it is symmetric."""
    _check_file(path, data, "predicates", dict, "an object")
    for name, entry in (data.get("predicates") or {}).items():
        _check_keys(path, f"predicate {name!r}", entry, PREDICATE_KEYS, "predicate key")
        for key in ("label", "kind"):
            if key not in entry:
                raise _fail(path, f"predicate {name!r}", f"a predicate needs {key!r}")
