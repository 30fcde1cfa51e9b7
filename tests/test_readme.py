"""The README's tour runs as written on a fresh clone: every command of its block, in order, from
a folder where ``veille/`` is the repository's (as in a clone), with nothing of ../shared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app

ROOT = Path(__file__).resolve().parents[1]


def tour() -> list[list[str]]:
    """The commands of the README's "A short tour" block, comments left out."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## A short tour.*?```sh\n(.*?)```", readme, flags=re.S)
    assert block is not None, "the README has no tour"
    lines = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]
    return [shlex.split(line) for line in lines if line]


def test_the_tour_needs_nothing_outside_the_clone() -> None:
    commands = tour()
    assert commands and all(c[0] == "veille" for c in commands)
    assert not [c for c in commands if any("../" in arg or arg.startswith("/") for arg in c)]


@pytest.mark.slow
def test_the_readme_tour_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "veille").symlink_to(ROOT / "veille")  # the clone's folder, seen from its root
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VEILLE_DB", raising=False)
    runner = CliRunner()
    for command in tour():
        if command[1:] == ["serve"]:  # it would serve until stopped: its options are checked instead
            command = [*command, "--help"]
        result = runner.invoke(app, command[1:])
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "alliances.graphml").is_file() and (tmp_path / "veille.db").is_file()
