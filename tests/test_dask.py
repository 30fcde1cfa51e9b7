"""Ingestion on Dask gives what the single-process path gives; a failing document never stops a run.

The runner tests give ``run_on_dask`` cheap work of their own in place of
``pipeline.process_group`` (the runner takes the work function it applies; functions of
this module travel to the workers by value), so they start a real local cluster and go
through the same windowed loop as production, but load no model. The end-to-end tests run
``veille ingest --workers 2`` as a subprocess on a small corpus of our own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import cloudpickle
import pytest
from conftest import free_port, run_veille, write_articles

from veille.dask_runner import run_on_dask
from veille.models import Document, Processed, Result

cloudpickle.register_pickle_by_value(sys.modules[__name__])


def docs(n: int) -> Iterator[Document]:
    for i in range(n):
        yield Document(f"doc{i:02d}", f"Texte numéro {i}.", f"hash{i}")


def fail_on_seven(group: list[Document]) -> list[Result]:
    """Like ``process_group``: a failure comes back as ``(document, message)``; a little work first."""
    out: list[Result] = []
    for document in group:
        time.sleep(0.02 * (int(document.id[-1]) % 3))
        if document.id == "doc07":
            out.append((document, "processing failed: ValueError: no sentence"))
        else:
            out.append(Processed(document, minhash=(os.getpid(), len(group))))
    return out


def die_on_three(group: list[Document]) -> list[Result]:
    """Kills the worker process that gets doc03 (as a crash of a native library would)."""
    if any(document.id == "doc03" for document in group):
        os._exit(3)
    return [Processed(document) for document in group]


def summary(results: list[Result]) -> list[str]:
    return [r.document.id if isinstance(r, Processed) else f"failed {r[0].id}: {r[1]}" for r in results]


def test_runner_keeps_input_order_and_reports_failures() -> None:
    results = list(run_on_dask(docs(24), fail_on_seven, 3, workers=2, chunk=4))
    assert [r.document.id if isinstance(r, Processed) else r[0].id for r in results] == [
        f"doc{i:02d}" for i in range(24)
    ]
    assert summary(results)[7] == "failed doc07: processing failed: ValueError: no sentence"
    done = [r for r in results if isinstance(r, Processed)]
    pids = {r.minhash[0] for r in done}
    assert len(pids) == 2 and os.getpid() not in pids  # two worker processes did the work
    assert {r.minhash[1] for r in done} == {3}  # the documents went three per task


def test_runner_reports_each_document_of_a_task_whose_worker_died() -> None:
    results = list(run_on_dask(docs(8), die_on_three, 2, workers=2, chunk=2))
    lines = summary(results)
    for i in (2, 3):  # doc03 and the document that shared its task
        assert lines[i].startswith(f"failed doc0{i}: processing failed on a Dask worker: KilledWorker")
    assert [x for i, x in enumerate(lines) if i not in (2, 3)] == [
        f"doc{i:02d}" for i in range(8) if i not in (2, 3)
    ]


def test_runner_stops_cleanly_when_the_caller_stops_early() -> None:
    stream = run_on_dask(docs(50), fail_on_seven, 2, workers=1, chunk=2)
    first = next(stream)
    stream.close()  # the cluster is shut down by the generator's cleanup
    assert isinstance(first, Processed) and first.document.id == "doc00"


# End to end: veille ingest --workers 2 ----------------------------------------------------


def claims_jsonl(db: str) -> list[dict[str, object]]:
    out = run_veille("claims", "--db", db, "--format", "jsonl")
    return sorted(
        (json.loads(line) for line in out.stdout.splitlines()), key=lambda c: json.dumps(c, sort_keys=True)
    )


@pytest.mark.slow
def test_workers_give_the_same_claims_as_one_process(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", 12)
    single, dasked = str(tmp_path / "single.db"), str(tmp_path / "dask.db")
    run_veille("ingest", str(corpus), "--db", single, "--quiet")
    done = run_veille("ingest", str(corpus), "--db", dasked, "--quiet", "--workers", "2")
    assert "12 ajoutés" in done.stderr
    expected = claims_jsonl(single)
    assert expected, "the corpus should give claims"
    assert claims_jsonl(dasked) == expected
    facts = [run_veille("facts", "--db", db, "--format", "jsonl").stdout for db in (single, dasked)]
    assert facts[0] == facts[1]


@pytest.fixture
def existing_cluster(tmp_path: Path) -> Iterator[str]:
    """A ``dask scheduler`` and one ``dask worker`` started as a user would, on 127.0.0.1; its address."""
    port = str(free_port())
    address = f"tcp://127.0.0.1:{port}"
    dask = [str(Path(sys.executable).parent / "dask")]
    log = (tmp_path / "cluster.log").open("w")
    scheduler = subprocess.Popen(
        [*dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"], stdout=log, stderr=log
    )
    worker = subprocess.Popen(
        [
            *dask,
            "worker",
            address,
            "--nthreads",
            "1",
            "--nworkers",
            "1",
            "--no-dashboard",
            "--host",
            "127.0.0.1",
        ],
        stdout=log,
        stderr=log,
    )
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=60)
        yield address
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
        for proc in (worker, scheduler):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


@pytest.mark.slow
def test_an_existing_scheduler_gives_the_same_claims(tmp_path: Path, existing_cluster: str) -> None:
    corpus = write_articles(tmp_path / "corpus", 6)
    single, remote = str(tmp_path / "single.db"), str(tmp_path / "remote.db")
    run_veille("ingest", str(corpus), "--db", single, "--quiet")
    done = run_veille("ingest", str(corpus), "--db", remote, "--quiet", "--scheduler", existing_cluster)
    assert "6 ajoutés" in done.stderr
    assert claims_jsonl(remote) == claims_jsonl(single) != []


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", 1)
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    done = run_veille(
        "ingest",
        str(corpus),
        "--db",
        str(tmp_path / "v.db"),
        "--scheduler",
        address,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    assert f"cannot reach the Dask scheduler at {address}: Connection refused" in done.stderr
    assert "Traceback" not in done.stderr  # said at once (the port refuses), not after the client's retries


def test_zero_workers_is_refused(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", 1)
    done = run_veille(
        "--lang", "en", "ingest", str(corpus), "--db", str(tmp_path / "v.db"), "--workers", "0", check=False
    )
    assert done.returncode == 1 and "--workers 0: a cluster needs at least one worker" in done.stderr
    assert not (tmp_path / "v.db").exists()


def broken_pack(folder: Path) -> Path:
    """A domain pack whose one rule names an argument finder that does not exist."""
    folder.mkdir()
    rule = {
        "predicate": "acquires",
        "verbs": {"fr": ["reprendre"]},
        "subject": {"types": ["company"], "find": ["no_such_finder"]},
        "object": {"find": ["obj"]},
    }
    files = {
        "entities": {"version": 1, "entities": [{"name": "Vermeil", "type": "company"}]},
        "relations": {"version": 1, "relations": [rule]},
        "lexicon": {"version": 1},
    }
    for name, data in files.items():
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_broken_pack_is_refused_before_the_workers_start_and_nothing_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo in a pack used to fail on the workers, document by document, for the sentences
    where its verb appears; the pack is now checked when it is loaded, so the run stops at once
    with the rule named. (Per-document failures on workers: the runner tests above.)"""
    corpus = write_articles(tmp_path / "corpus", 5)
    (corpus / "vermeil.txt").write_text("Vermeil reprend la société voisine.\n", encoding="utf-8")
    monkeypatch.setenv("VEILLE_PACK", str(broken_pack(tmp_path / "pack")))
    db = str(tmp_path / "v.db")
    done = run_veille("ingest", str(corpus), "--db", db, "--quiet", "--workers", "2", check=False)
    assert done.returncode == 1, done.stderr
    assert "no_such_finder" in done.stderr and "rule 0" in done.stderr
    monkeypatch.delenv("VEILLE_PACK")
    out = run_veille("documents", "--db", db, "--format", "jsonl", check=False)
    assert not out.stdout.strip()
