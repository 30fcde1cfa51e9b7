"""The CLI's help in the language of the run.

Typer reads help texts where commands and options are declared (docstrings, ``help=``), in
English. ``localized`` replaces them, on the Click commands Typer builds, by their translation:
for these texts the catalogue's ``msgid`` is the English text itself (``en.po`` keeps it as it
is, ``fr.po`` translates it), so a new option's help needs one entry in each catalogue, and
``tests/test_i18n.py`` fails until it has them. Typer's own words (panel titles, ``[default:
…]``, ``[required]``) come from the catalogue's ``help.*`` keys; Click's ("Usage:", the text of
``--help`` itself, its parse errors) cannot be reached from outside and stay in English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from veille.i18n import catalogue, t

TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "help.arguments",
    "OPTIONS_PANEL_TITLE": "help.options",
    "COMMANDS_PANEL_TITLE": "help.commands",
    "ERRORS_PANEL_TITLE": "help.error",
    "DEFAULT_STRING": "help.default",
    "ENVVAR_STRING": "help.envvar",
    "REQUIRED_LONG_STRING": "help.required",
    "ABORTED_TEXT": "help.aborted",
    "RICH_HELP": "help.try",
}


def texts(command: click.Command) -> Iterator[str]:
    """Every help text of a command and of its subcommands and parameters."""
    for node in _walk(command):
        if node.help:
            yield node.help


def _walk(command: click.Command) -> Iterator[Any]:
    yield command
    yield from (p for p in command.params if getattr(p, "help", None) is not None)
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def reflow(text: str) -> str:
    """Paragraphs on one line each (Typer keeps a docstring's line breaks; the terminal wraps)."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


@contextmanager
def localized(command: click.Command, lang: str) -> Iterator[click.Command]:
    """``command`` with its help texts, and Typer's words, in ``lang`` (Typer's restored after)."""
    import typer.rich_utils as words

    translations = catalogue(lang)
    for node in _walk(command):
        if node.help:
            node.help = reflow(translations.gettext(node.help))
    saved = {name: getattr(words, name) for name in TYPER_WORDS}
    for name, key in TYPER_WORDS.items():
        setattr(words, name, t(lang, key))
    try:
        yield command
    finally:
        for name, value in saved.items():
            setattr(words, name, value)
