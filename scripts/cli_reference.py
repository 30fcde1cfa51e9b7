"""Write docs/cli.md, the command reference, from the ``--help`` of every veille command.

    .venv/bin/python scripts/cli_reference.py          # or: make cli-reference

Each command and subcommand's help is rendered as ``veille … --help`` prints it, at a fixed
width (``WIDTH`` columns) and without colour, so the file is the same on every machine.
``tests/test_cli_reference.py`` renders it again in memory and fails when docs/cli.md
differs: after changing a help text, run this script and commit docs/cli.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli.md"
COMMAND = ".venv/bin/python scripts/cli_reference.py"
WIDTH = 100


@contextmanager
def _fixed_terminal() -> Iterator[None]:
    """Typer's help consoles at ``WIDTH`` columns, no colour, whatever the terminal (restored after)."""
    import typer.rich_utils as rich_utils

    saved = rich_utils.MAX_WIDTH, rich_utils.FORCE_TERMINAL, rich_utils.COLOR_SYSTEM
    rich_utils.MAX_WIDTH, rich_utils.FORCE_TERMINAL, rich_utils.COLOR_SYSTEM = WIDTH, False, None
    try:
        yield
    finally:
        rich_utils.MAX_WIDTH, rich_utils.FORCE_TERMINAL, rich_utils.COLOR_SYSTEM = saved


def command_paths() -> list[list[str]]:
    """``[]`` for ``veille`` itself, then every command and subcommand, in the order of ``--help``."""
    import typer.main

    from veille.cli import app

    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():  # a group: its commands, in order
            if not sub.hidden:
                yield from walk(sub, [*path, name])

    return list(walk(typer.main.get_command(app), []))


def help_text(path: list[str]) -> str:
    """What ``veille PATH --help`` prints, trailing blanks removed."""
    from typer.testing import CliRunner

    from veille.cli import app

    with _fixed_terminal():
        result = CliRunner().invoke(app, [*path, "--help"], prog_name="veille", env={"NO_COLOR": "1"})
    if result.exit_code != 0:
        raise RuntimeError(f"veille {' '.join(path)} --help exited {result.exit_code}:\n{result.output}")
    return "\n".join(line.rstrip() for line in result.output.splitlines()).strip("\n")


def render() -> str:
    """The whole reference, as docs/cli.md holds it."""
    parts = [
        "# Command reference\n",
        f"Generated from `--help` by `scripts/cli_reference.py` ({WIDTH} columns); do not edit by hand."
        f" After changing a help text, run `{COMMAND}` and commit this file.\n",
    ]
    paths = command_paths()
    parts += [f"- [`{' '.join(['veille', *p])}`](#{'-'.join(['veille', *p])})" for p in paths[1:]]
    parts.append("")
    for path in paths:
        title = " ".join(["veille", *path])
        parts += [f"## `{title}`\n", "```text"]
        parts += [help_text(path), "```\n"]
    return "\n".join(parts)


def main() -> None:
    REFERENCE.write_text(render(), encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)} ({len(command_paths())} commands)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
