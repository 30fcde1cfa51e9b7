"""Several writers, readers during writes, and a writer killed in the middle, on both backends.

- Two processes saving overlapping batches at once write each document exactly once.
- Two ``veille ingest`` processes on overlapping inputs, at once, store what one process
  alone stores; reads on another connection keep answering while they write.
- ``veille ingest`` killed with SIGKILL in the middle of its run leaves a consistent store
  (every stored document complete with all its claims and mentions, nothing else), and the
  same command run again completes it: the result equals a clean single run.

The reference is one ingest of the same corpus into SQLite in one process, built once per
module (claims do not depend on the backend; the store tests check that).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import free_port, run_veille, veille_command, write_articles

from veille.store import Store, open_store

HERE = Path(__file__).parent
N_ARTICLES = 40

WRITER = """
import sys
from veille.reconcile import fact_key
from veille.store import open_store
from test_store import BODY_FR, doc, invest, processed

url, first, last, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
store = open_store(url)
items = [processed(doc(f"d{i:03d}", f"{BODY_FR} Numéro {i}."), (invest(f"d{i:03d}"),)) for i in range(first, last)]
written = []
for at in range(0, len(items), size):
    written += store.save(items[at : at + size], fact_key)
store.close()
print(len(written))
"""


def writer(url: str, first: int, last: int, size: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    cmd = [sys.executable, "-c", WRITER, url, str(first), str(last), str(size)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"exited {proc.returncode}:\n{out}\n{err}"
    return out


@pytest.mark.parametrize("size", [1, 7])
def test_two_writers_save_each_document_once(db_url: str, size: int) -> None:
    open_store(db_url).close()  # migrate first: both writers then race on the data only
    procs = [writer(db_url, 0, 60, size), writer(db_url, 30, 90, size)]
    written = [int(finish(p)) for p in procs]
    assert sum(written) == 90  # each document written by exactly one of them
    store = open_store(db_url)
    try:
        assert store.stats()["documents"] == 90 and store.stats()["claims"] == 90
        assert all(r.claims == 1 for r in store.documents())
        assert len(store.mentions("d045")) == 2
    finally:
        store.close()


# veille ingest ---------------------------------------------------------------------------


def claims_by_doc(store: Store) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for c in store.claims():
        out.setdefault(c.doc, []).append(c.to_dict())
    return out


def facts_json(store: Store) -> list[str]:
    return sorted(json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False) for f in store.facts())


class Reference:
    """One clean single-process ingest of the corpus (SQLite), read back once."""

    def __init__(self, corpus: Path, db: str) -> None:
        self.corpus = corpus
        store = open_store(db)
        try:
            self.docs = {r.document.id for r in store.documents()}
            self.claims = claims_by_doc(store)
            self.mentions = {d: store.mentions(d) for d in self.docs}
            self.facts = facts_json(store)
        finally:
            store.close()

    def files(self, first: int, last: int) -> list[str]:
        return [str(self.corpus / f"depeche-{i:03d}.md") for i in range(first, last)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    root = tmp_path_factory.mktemp("reference")
    corpus = write_articles(root / "corpus", N_ARTICLES)
    db = str(root / "reference.db")
    run_veille("ingest", str(corpus), "--db", db, "--quiet")
    ref = Reference(corpus, db)
    assert len(ref.docs) == N_ARTICLES and sum(map(len, ref.claims.values())) > N_ARTICLES
    return ref


def assert_same_as_reference(store: Store, ref: Reference, facts: bool = True) -> None:
    rows = store.documents()
    assert sorted(r.document.id for r in rows) == sorted(ref.docs)  # each exactly once
    assert claims_by_doc(store) == ref.claims
    assert store.dirty_keys() == set()
    if facts:
        assert facts_json(store) == ref.facts


def reads_while(procs: list[subprocess.Popen[str]], url: str) -> tuple[int, float, list[int]]:
    """Read through another connection in a loop until the processes end: (reads, slowest s, counts)."""
    store = open_store(url)
    reads, slowest, counts = 0, 0.0, []
    try:
        while any(p.poll() is None for p in procs):
            t = time.monotonic()
            counts.append(store.stats()["documents"])
            store.documents(limit=20)
            store.search("investit")
            store.facts(entity="Microsoft")
            slowest = max(slowest, time.monotonic() - t)
            reads += 1
            time.sleep(0.05)
    finally:
        store.close()
    return reads, slowest, counts


def ingest(url: str, files: list[str]) -> subprocess.Popen[str]:
    cmd = veille_command("ingest", *files, "--db", url, "--quiet")
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_ingests_at_once_lose_and_duplicate_nothing(db_url: str, reference: Reference) -> None:
    open_store(db_url).close()
    procs = [ingest(db_url, reference.files(0, 26)), ingest(db_url, reference.files(14, N_ARTICLES))]
    reads, slowest, counts = reads_while(procs, db_url)
    for p in procs:
        finish(p)
    assert reads > 10 and slowest < 10, (reads, slowest)
    assert counts == sorted(counts) and counts[-1] <= N_ARTICLES  # reads see committed batches only
    store = open_store(db_url)
    try:
        assert_same_as_reference(store, reference, facts=False)
        run_veille("ingest", *reference.files(0, 1), "--db", db_url, "--quiet")  # reconciles what is dirty
        assert_same_as_reference(store, reference, facts=False)
    finally:
        store.close()


def wait_for_some(url: str, proc: subprocess.Popen[str], total: int, timeout: float = 300) -> int:
    """Poll the document count until the store holds some but not all documents; that count."""
    deadline = time.monotonic() + timeout
    store = open_store(url)
    try:
        while time.monotonic() < deadline:
            count = int(store.stats()["documents"])
            if 0 < count < total:
                return count
            assert proc.poll() is None, "the ingest ended before it could be killed"
            time.sleep(0.01)
    finally:
        store.close()
    raise AssertionError("no document stored in time")


def assert_consistent(store: Store, ref: Reference) -> None:
    """Every stored document is complete (claims and mentions as in the reference); nothing dangles."""
    docs = {r.document.id for r in store.documents()}
    assert docs <= ref.docs
    assert set(claims_by_doc(store)) <= docs  # no claim without its document
    assert claims_by_doc(store) == {d: c for d, c in ref.claims.items() if d in docs}
    assert {d: store.mentions(d) for d in docs} == {d: ref.mentions[d] for d in docs}
    assert all(e.doc in docs for e in store.events())


@pytest.mark.slow
def test_sigkill_in_the_middle_then_rerun_completes(db_url: str, reference: Reference) -> None:
    files = reference.files(0, N_ARTICLES)
    proc = ingest(db_url, files)
    try:
        stored = wait_for_some(db_url, proc, N_ARTICLES)
        time.sleep(0.05)  # into the next batch: short articles go in at ~80 a second
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    store = open_store(db_url)
    try:
        assert 0 < stored <= store.stats()["documents"] < N_ARTICLES
        assert_consistent(store, reference)
        run_veille("ingest", *files, "--db", db_url, "--quiet")
        assert_same_as_reference(store, reference)
    finally:
        store.close()


def serve(url: str, port: int) -> subprocess.Popen[str]:
    cmd = veille_command("serve", "--db", url, "--port", str(port))
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_until_up(base: str, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"veille serve exited:\n{proc.communicate()[0]}"
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("veille serve did not answer in time")


@pytest.mark.slow
def test_serve_keeps_answering_while_an_ingest_writes(db_url: str, reference: Reference) -> None:
    import httpx

    open_store(db_url).close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(db_url, port)
    proc: subprocess.Popen[str] | None = None
    try:
        wait_until_up(base, server)
        proc = ingest(db_url, reference.files(0, N_ARTICLES))
        paths = ["/api/stats", "/api/documents?limit=5", "/api/facts?entity=Microsoft", "/", "/chronologie"]
        answers, slowest, counts = [], 0.0, []
        with httpx.Client(base_url=base, timeout=30) as http:
            while proc.poll() is None:
                for path in paths:
                    t = time.monotonic()
                    answers.append(http.get(path).status_code)
                    slowest = max(slowest, time.monotonic() - t)
                counts.append(http.get("/api/stats").json()["documents"])
                time.sleep(0.05)
            finish(proc)
            final = http.get("/api/stats").json()
    finally:
        if proc is not None:
            if proc.poll() is None:  # a failed request: stop the ingest too
                proc.kill()
            proc.communicate(timeout=30)  # and close its pipes, whatever happened
        server.terminate()
        server.communicate(timeout=30)
    assert len(answers) > 20 and set(answers) == {200}, answers
    assert slowest < 10, slowest
    assert counts == sorted(counts) and 0 < counts[-1] <= N_ARTICLES  # the server saw the batches land
    assert final["documents"] == N_ARTICLES and final["claims"] == sum(map(len, reference.claims.values()))
