"""docs/cli.md is what ``--help`` prints: regenerated in memory and compared, so it cannot drift."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def reference_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_md_is_the_help_of_every_command() -> None:
    script = reference_script()
    expected = script.render()
    written = script.REFERENCE.read_text(encoding="utf-8") if script.REFERENCE.is_file() else ""
    if written != expected:
        diff = difflib.unified_diff(
            written.splitlines(), expected.splitlines(), "docs/cli.md", "--help now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(
            f"docs/cli.md is out of date with `veille --help`. Regenerate it and commit it:\n\n"
            f"    {script.COMMAND}\n\n(or `make cli-reference`). What changed:\n{shown}"
        )


def test_the_reference_covers_every_command_and_option() -> None:
    from veille.cli import app

    text = reference_script().render()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"## `veille {name}`" in text, name
    assert "--as-of" in text and "[default: $VEILLE_DB" in text  # options and their defaults
    assert all(len(line) <= 100 for line in text.splitlines() if line.startswith(("│", "╭", "╰")))
