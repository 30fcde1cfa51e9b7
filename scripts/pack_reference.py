"""Write the strategy reference of the pack README from the strategies' docstrings.

    .venv/bin/python scripts/pack_reference.py          # or: make pack-reference

The rules of ``relations.json`` name, for each role, the strategies that find it
(``"find": ["nsubj", "prep"]``); each strategy is a function of ``veille/extract/arguments.py``
registered by name in ``STRATEGIES``. This script writes one table row per function (names that
share a function share a row), its docstring as the text, between the two markers of
``veille/packs/alliances/README.md``. ``tests/test_pack_data.py`` renders it again in memory
and fails when the README differs: after changing a strategy or its docstring, run this script
and commit the README.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "veille" / "packs" / "alliances" / "README.md"
COMMAND = ".venv/bin/python scripts/pack_reference.py"
BEGIN = "<!-- strategies: generated from the docstrings by scripts/pack_reference.py, do not edit by hand -->"
END = "<!-- end of strategies -->"


def rows() -> list[tuple[list[str], str]]:
    """(names, text) per strategy function, in the order of ``STRATEGIES``."""
    from veille.extract.arguments import STRATEGIES

    by_function: dict[object, list[str]] = {}
    for name, function in STRATEGIES.items():
        by_function.setdefault(function, []).append(name)
    out = []
    for function, names in by_function.items():
        doc = inspect.getdoc(function)
        if not doc:
            raise RuntimeError(f"strategy {', '.join(names)} has no docstring: write one in arguments.py")
        out.append((names, " ".join(doc.split()).replace("|", "\\|")))
    return out


def render() -> str:
    """The generated section, markers included."""
    lines = [BEGIN, "", "| Name | Finds |", "|---|---|"]
    lines += [f"| {', '.join(f'`{n}`' for n in names)} | {text} |" for names, text in rows()]
    return "\n".join([*lines, "", END])


def updated(text: str) -> str:
    """The README with its section replaced by ``render()``."""
    if BEGIN not in text or END not in text:
        raise RuntimeError(f"{README} has lost its markers: put back {BEGIN!r} … {END!r}")
    head, rest = text.split(BEGIN, 1)
    return head + render() + rest.split(END, 1)[1]


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if new == text:
        print(f"{README.relative_to(ROOT)} is up to date")
    else:
        README.write_text(new, encoding="utf-8")
        print(f"wrote {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # this checkout's veille, not an installed one
    sys.exit(main())
