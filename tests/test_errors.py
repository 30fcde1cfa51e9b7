"""The error catalogue: every error says what went wrong and what to do.

Errors raised elsewhere are tested where they arise (ingestion, export, dates, packs); here
the catalogue itself and the error for a missing language model.
"""

from __future__ import annotations

import inspect

import pytest

from veille import errors
from veille.errors import EmptyInput, InputError, SetupError, VeilleError
from veille.nlp import model


def catalogue() -> list[type[VeilleError]]:
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, VeilleError)]


@pytest.mark.parametrize("cls", catalogue(), ids=lambda c: c.__name__)
def test_every_error_has_a_hint_and_is_drawn_in_the_tree(cls: type[VeilleError]) -> None:
    assert cls is VeilleError or cls.hint, f"{cls.__name__} has no hint saying what to do"
    assert f" {cls.__name__} " in (errors.__doc__ or ""), f"{cls.__name__} is missing from the tree"


def test_an_input_error_is_built_with_the_input_it_is_about() -> None:
    error = EmptyInput("notes/vide.txt: the file is empty", origin="notes/vide.txt")
    assert error.origin == "notes/vide.txt"
    assert str(error) == f"notes/vide.txt: the file is empty — {EmptyInput.hint}"
    with pytest.raises(TypeError):
        InputError("no origin given")  # type: ignore[call-arg]


def test_a_missing_french_model_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(model.MODELS, "fr", ("fr_veille_absent_model",))
    with pytest.raises(SetupError) as caught:
        model._load_model("fr")
    assert "the French model fr_veille_absent_model is not installed" in str(caught.value)
    assert "pip install" in caught.value.hint
