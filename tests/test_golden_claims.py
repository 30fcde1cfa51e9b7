"""The demo corpus gives the golden claims: every extraction change shows as a diff of claims.

``veille ingest --demo`` then ``veille claims``, compared with ``tests/golden/claims.jsonl``
(see ``tests/golden_claims.py``). A failure prints the claims gained (+) and lost (-); after a
change that is meant, regenerate the file and review its diff before committing it.
"""

from __future__ import annotations

import json

import pytest
from golden_claims import COMMAND, FIELDS, differences, expected, run


@pytest.fixture(scope="module")
def claims() -> list[str]:
    return run()


@pytest.mark.slow
def test_the_demo_corpus_gives_the_golden_claims(claims: list[str]) -> None:
    diff = differences(expected(), claims)
    assert not diff, (
        f"the claims of the demo corpus changed (+ new, - lost). If meant, run\n\n    {COMMAND}\n\n{diff}"
    )


@pytest.mark.slow
def test_the_golden_file_keeps_the_stable_fields_of_each_claim(claims: list[str]) -> None:
    assert claims == sorted(claims) and len(claims) >= 30  # the demo corpus is not empty
    rows = [json.loads(line) for line in claims]
    assert all(tuple(r) == FIELDS and r["evidence"] and r["subject"] for r in rows)
    assert len({r["doc"] for r in rows}) >= 10  # most of the 15 articles give claims
