"""A trace of what the claim rules did in each sentence, for ``veille eval --explain``.

Off by default: every hook first reads one context variable and returns at once when no
trace is being collected, so extraction costs the same and gives the same claims. Inside
``with collect() as trace:``, each sentence read by :func:`veille.extract.claims.sentence_claims`
gets a :class:`SentenceTrace`: its mentions and candidate values, and for each (rule, trigger
token) tried, an :class:`Outcome` — the step that refused it (a named gate, a required value,
the subject or the object role, the owner check) or the claims it made, with the strategies
each role tried (:func:`veille.extract.arguments.find`) — then the claims that later steps of
the sentence dropped (``one_direction``, ``prefer_specific``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Token

    from veille.extract.mentions import Found
    from veille.models import Claim

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(slots=True)
class RoleSearch:
    """One call of ``arguments.find``: each strategy tried and the mention it gave (or None),
    then the mentions the role kept."""

    tried: list[tuple[str, Found | None]] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """What one rule did on one trigger token.

    ``step`` is ``made`` (claims made), ``gate:<name>`` (a gate of ``claims._applies`` refused),
    ``value_required`` (the rule needs an amount or a percent and the sentence gave none near),
    ``role:subject`` / ``role:object`` (that role found no mention), ``owner`` (the owner check
    refused every pair) or ``no_pair`` (roles found, but no pair of them made a claim).
    ``roles`` holds the subject's search, then the object's when it was searched."""

    rule: int
    trigger: int  # the trigger's token index in the document
    step: str
    claims: list[Claim]
    roles: list[RoleSearch]


@dataclass(slots=True)
class SentenceTrace:
    sentence: Any  # extract.arguments.Sentence (not imported: arguments and claims import this module)
    values: Any  # extract.claims.Values
    outcomes: list[Outcome] = field(default_factory=list)
    dropped: list[tuple[str, Claim]] = field(default_factory=list)  # (step, claim) removed after the rules


@dataclass(slots=True)
class Trace:
    sentences: list[SentenceTrace] = field(default_factory=list)
    step: str | None = None  # the refusal noted during the current rule, if any
    roles: list[RoleSearch] = field(default_factory=list)  # the role searches of the current rule


_TRACE: ContextVar[Trace | None] = ContextVar("veille_trace", default=None)


@contextmanager
def collect() -> Iterator[Trace]:
    """Trace the claim rules of every sentence read inside the ``with`` block."""
    trace = Trace()
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)


def sentence(read: Any, values: Any) -> None:
    """A sentence's rules are about to be tried."""
    trace = _TRACE.get()
    if trace is not None:
        trace.sentences.append(SentenceTrace(read, values))
        trace.step, trace.roles = None, []


def refused(step: str, gate: Callable[[], str] | None = None) -> list[Claim]:
    """Note why a rule made nothing (for ``gate``, ``gate()`` names the gate that refused, only
    when a trace is collected); returns the rule's empty list of claims."""
    trace = _TRACE.get()
    if trace is not None and trace.step is None:
        trace.step = f"gate:{gate()}" if step == "gate" and gate is not None else step
    return []


def outcome(rule: int, trigger: Token, made: list[Claim]) -> None:
    """A rule was tried on a trigger and made ``made``."""
    trace = _TRACE.get()
    if trace is None or not trace.sentences:
        return
    step = "made" if made else (trace.step or "no_pair")
    trace.sentences[-1].outcomes.append(Outcome(rule, trigger.i, step, list(made), trace.roles))
    trace.step, trace.roles = None, []


def check(step: str) -> Callable[[Callable[P, bool]], Callable[P, bool]]:
    """A check of a pair of arguments (``_owner_ok``): its refusals are noted as ``step``."""

    def wrap(fn: Callable[P, bool]) -> Callable[P, bool]:
        @wraps(fn)
        def checked(*args: P.args, **kwargs: P.kwargs) -> bool:
            ok = fn(*args, **kwargs)
            trace = _TRACE.get()
            if trace is not None and not ok and trace.step is None:
                trace.step = step
            return ok

        return checked

    return wrap


def drops(step: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A step over a sentence's ``(claim, token)`` list (``_one_direction``…): the claims it
    removes are noted as ``step``."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @wraps(fn)
        def dropping(*args: P.args, **kwargs: P.kwargs) -> R:
            out = fn(*args, **kwargs)
            trace = _TRACE.get()
            if trace is not None and trace.sentences:
                kept = {_triple(x[0] if isinstance(x, tuple) else x) for x in out}  # type: ignore[attr-defined]
                for c, _ in args[0]:  # type: ignore[attr-defined]
                    if _triple(c) not in kept:  # gone, not merely a repetition removed
                        kept.add(_triple(c))
                        trace.sentences[-1].dropped.append((step, c))
            return out

        return dropping

    return wrap


def _triple(c: Claim) -> tuple[str, str, str | None]:
    return (c.subject, c.predicate, c.object)


def role(fn: Callable[P, list[Found]]) -> Callable[P, list[Found]]:
    """``arguments.find``: each call searches one role of the current rule (subject, then object)."""

    @wraps(fn)
    def searched(*args: P.args, **kwargs: P.kwargs) -> list[Found]:
        trace = _TRACE.get()
        if trace is None:
            return fn(*args, **kwargs)
        search = RoleSearch()
        trace.roles.append(search)
        search.found = fn(*args, **kwargs)
        return search.found

    return searched


def tried(strategy: str, found: Found | None) -> None:
    """A strategy of the role being searched gave ``found``."""
    trace = _TRACE.get()
    if trace is not None and trace.roles:
        trace.roles[-1].tried.append((strategy, found))


__all__ = ["Outcome", "RoleSearch", "SentenceTrace", "Trace", "collect"]
