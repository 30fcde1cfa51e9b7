"""The golden reconciliation corpus through the real pipeline: facts, statuses, timeline, state.

Articles we wrote (``tests/golden/reconcile/``) go through ``veille ingest``; what ``veille
facts``, ``veille timeline`` (French and English) and ``veille state`` say is compared with
``expected.json``. A failure prints the differences; after a change that is meant, regenerate
the file with ``.venv/bin/python tests/golden_reconcile.py --write`` and review its diff.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from golden_reconcile import EXPECTED, differences, run


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    return run()


def test_the_golden_corpus_gives_the_expected_facts_timeline_and_state(summary: dict[str, Any]) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    diff = differences(expected, summary)
    assert not diff, "the golden reconciliation corpus changed:\n" + diff


def test_each_rule_shows_in_the_golden_corpus(summary: dict[str, Any]) -> None:
    """The corpus keeps exercising every rule of docs/design.md, whatever the expected file says."""
    facts = {f["key"]: f for f in summary["facts"]}
    assert facts["Lufthansa|invests_in|ITA Airways|2025"]["status"] == "disputed"  # same month, 325 vs 350
    assert facts["Lufthansa|holds_stake|ITA Airways"]["values"][0].startswith(
        "41\u202f% | - | asserted | 3 src"
    )  # a copy counts once
    assert facts["ITA Airways|valued_at|"]["status"] == "updated"  # undated, reported nine months later
    assert facts["Renault|holds_stake|Verkor"]["status"] == "updated"  # undated then dated later
    assert (
        facts["Lufthansa|profit_share|ITA Airways"]["status"] == "agreed"
    )  # "41 % jusqu'en 2026, puis 90 %"
    assert facts["Renault|invests_in|Verkor|2024"]["status"] == "updated"  # a plan carried out
    assert facts["Renault|invests_in|Verkor|cumulative"]["status"] == "updated"  # a total that grows
    assert facts["Renault|holds_stake|Verkor"]["current"] == "25\u202f%"  # not the cap of its sentence
    assert (
        facts["Renault|profit_share|Verkor"]["current"] == "10\u202f% · 50 M EUR"
    )  # a profit share keeps its cap
    assert not any(
        "325" in v for v in facts["Lufthansa|holds_stake|ITA Airways"]["values"]
    )  # not the investment
    assert "Renault|invests_in|Verkor|2024: 400 M EUR" in summary["state 2025-06-01"]  # paid, so held
    assert len(summary["timeline"]["fr"]) == len(summary["timeline"]["en"])
