"""Domain packs: the knowledge veille extracts with, as data.

A pack is a folder of JSON files:

- ``entities.json``: canonical entities (name, type, Wikidata id, aliases, descriptive
  phrases, headquarters city, owner of a product, organisation of a person);
- ``relations.json``: per predicate, the trigger words (lemmas, per language) and how
  to find the subject and object around them;
- ``lexicon.json``: cue words for modality, attribution, anaphora, tranche/total and
  the words that are never entities;
- ``predicates.json`` (bundled pack only): the relations of the vocabulary, their labels in
  French and English, event or state, symmetric or not (read by ``veille.models``).

``load_pack(name)`` reads a bundled pack (``veille/packs/NAME``) or a folder path, once
per process, and checks every file (``veille.packs.schema``): an unknown key, strategy or
predicate, or a value of the wrong type, is a ``UsageError`` naming the file and the rule.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from veille.errors import UsageError
from veille.models import PREDICATES_FILE, EntityRef
from veille.packs import schema

PACKS = Path(__file__).parent


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, no accents, apostrophes and dashes unified, spaces collapsed: the lookup key."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("–", "-"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", text).strip(" .,;:")


@dataclass(frozen=True, slots=True)
class PackEntity:
    name: str
    type: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    hq: str | None = None
    owner: str | None = None
    org: str | None = None
    role: str | None = None
    startup: bool = False

    def ref(self) -> EntityRef:
        return EntityRef(self.name, self.type, self.wikidata, self.aliases)


@dataclass(slots=True)
class Pack:
    name: str
    entities: dict[str, PackEntity]
    relations: list[dict[str, Any]]
    lexicon: dict[str, Any]
    index: dict[str, str] = field(default_factory=dict)  # folded name/alias/description → canonical
    extra: dict[str, Any] = field(default_factory=dict)  # other sections of relations.json
    cache: dict[tuple[str | None, str, str], frozenset[str]] = field(default_factory=dict)
    # indexes the extractors build from the lexicon once per pack (a pack is loaded once)
    derived: dict[tuple[str, ...], Any] = field(default_factory=dict)

    def relations_extra(self, key: str) -> dict[str, Any]:
        return dict(self.extra.get(key) or {})

    def lookup(self, text: str) -> PackEntity | None:
        name = self.index.get(fold(text))
        return self.entities.get(name) if name else None

    def words(self, key: str, lang: str = "fr") -> list[str]:
        """A list of cue words from the lexicon, for a language (falls back to French)."""
        entry = self.lexicon.get(key, [])
        if isinstance(entry, dict):
            return list(entry.get(lang) or entry.get("fr") or [])
        return list(entry)

    def folded(self, group: str | None, key: str, lang: str) -> frozenset[str]:
        """The folded cue words of ``lexicon[group][key]`` (or ``lexicon[key]``), computed once."""
        cache_key = (group, key, lang)
        if cache_key not in self.cache:
            entry = (self.lexicon.get(group, {}) if group else self.lexicon).get(key, [])
            if isinstance(entry, dict):
                entry = entry.get(lang) or entry.get("fr") or []
            self.cache[cache_key] = frozenset(fold(w) for w in entry)
        return self.cache[cache_key]


def _entity(raw: dict[str, Any]) -> PackEntity:
    return PackEntity(
        name=raw["name"],
        type=raw.get("type", "other"),
        wikidata=raw.get("wikidata"),
        aliases=tuple(raw.get("aliases", ())),
        descriptions=tuple(raw.get("descriptions", ())),
        hq=raw.get("hq"),
        owner=raw.get("owner"),
        org=raw.get("org"),
        role=raw.get("role"),
        startup=bool(raw.get("startup", False)),
    )


def _read(folder: Path, name: str, default: Any, check: Callable[[Path, Any], None] | None = None) -> Any:
    path = folder / name
    if not path.is_file():
        return default
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise UsageError(
            f"pack file {path} is not valid JSON: {e}", hint="fix the file (line and column above)"
        ) from e
    if check is not None:
        check(path, data)
    return data


def _check_relations(path: Path, data: Any) -> None:
    from veille.models import PREDICATES

    schema.check_relations(path, data, schema.STRATEGY_NAMES, PREDICATES)


@cache
def load_pack(name: str = "alliances") -> Pack:
    folder = Path(name) if ("/" in name or Path(name).is_dir()) else PACKS / name
    if not folder.is_dir():
        known = sorted(p.name for p in PACKS.iterdir() if p.is_dir() and not p.name.startswith("_"))
        raise UsageError(
            f"no domain pack {name!r}", hint=f"bundled packs: {', '.join(known)}; or give a folder path"
        )
    _read(PREDICATES_FILE.parent, PREDICATES_FILE.name, {}, schema.check_predicates)  # the vocabulary
    lexicon = _read(folder, "lexicon.json", {}, schema.check_lexicon)
    raw = _read(folder, "entities.json", {"entities": []}, schema.check_entities)
    entities = {e["name"]: _entity(e) for e in raw["entities"]}
    startups = set(lexicon.get("startups", []))
    for n in startups & entities.keys():
        entities[n] = PackEntity(
            **{**{f: getattr(entities[n], f) for f in PackEntity.__slots__}, "startup": True}
        )
    rules = _read(folder, "relations.json", {"relations": []}, _check_relations)
    extra = {k: v for k, v in rules.items() if k not in ("relations", "version") and not k.startswith("_")}
    pack = Pack(folder.name, entities, rules["relations"], lexicon, extra=extra)
    for e in entities.values():
        for text in (e.name, *e.aliases, *e.descriptions):
            pack.index.setdefault(fold(text), e.name)
    return pack
