"""The per-document pipeline on a Dask cluster: local worker processes or an existing scheduler.

``run_on_dask`` sends the documents to the workers a few per task, with the work function
``pipeline`` hands it (as :func:`veille.batch.run` does in process), and yields the results
**in input order**, so a run on Dask gives exactly what the single-process path gives.
Only a bounded number of documents is in flight at once (32 per worker thread),
so memory stays flat however long the input; the caller (``pipeline.ingest``) writes the
results to the store in batches as they come, which also drives its progress display.

Workers are long-lived processes: the spaCy models load once per worker (the extractor
caches them per process) and serve every document that worker gets. A document whose
processing raises comes back as ``(document, message)`` like in process; so does each
document of a task whose worker died under it (Dask's ``KilledWorker``) — the run goes on
with the others.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from veille.batch import Work, groups
from veille.errors import UsageError
from veille.models import Document, Result

if TYPE_CHECKING:
    from distributed import Client, Future

# Documents kept in flight per worker thread. Results are yielded in input order, so the
# oldest task blocks the window: with only a task or two per worker, a worker that has done
# its share waits idle behind a long article on the other one. Thirty-two (eight tasks) keeps
# both busy; the memory held is a few hundred kilobytes of text.
PER_WORKER_IN_FLIGHT = 32
QUIET_LOGGERS = ("distributed", "dask", "bokeh", "tornado")
# The local cluster's scheduler sends a worker one document at a time (saturation 1.0: a
# document takes far longer than a round trip), so a worker that dies takes no innocent
# queued document with it; a document whose worker died is tried once more, then reported.
LOCAL_SCHEDULER = {
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.scheduler.allowed-failures": 1,
    # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in its workers by default. Setting that variable
    # at all (to any value) turns off glibc's adaptive mmap threshold, so spaCy's large arrays
    # are mapped and unmapped on every call: 19–22 % slower per document at 64 KiB, 9–12 % at
    # 128 MiB (two runs of bench/worker_overhead.py). Workers keep glibc's defaults, like the
    # single process; the BLAS thread limits stay (one thread per worker on a shared machine).
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
    # The worker's statistical profiler samples the task thread every 10 ms and takes the GIL
    # from it each time: 9 % slower per document (measured). Nobody reads those profiles here.
    "distributed.worker.profile.enabled": False,
}


def run_on_dask(
    documents: Iterable[Document],
    work: Work,
    group: int,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk: int = 16,
) -> Iterator[Result]:
    """Apply ``work`` to ``documents`` on Dask, ``group`` documents per task; yield results in input order.

    ``work`` (picklable; ``pipeline`` gives it) turns a group of documents into one result
    per document and never raises for an ordinary failure but returns ``(document, message)``.
    ``workers`` starts a local cluster of that many single-threaded worker processes;
    ``scheduler`` (``tcp://HOST:PORT``) uses an existing cluster instead, whose workers must
    have veille and its models installed. ``chunk`` (the caller's write batch) sets the
    least number of documents kept in flight. The cluster is closed at the end, also when
    the caller stops early or is interrupted.
    """
    with _quiet_logs(), _client(workers, scheduler) as client:
        in_flight = max(PER_WORKER_IN_FLIGHT * _threads(client, workers), chunk)
        yield from _windowed(client, work, groups(documents, group), max(2, in_flight // group))


def _windowed(client: Client, work: Work, tasks: Iterable[list[Document]], limit: int) -> Iterator[Result]:
    """Keep up to ``limit`` tasks submitted; yield the oldest one's results as soon as it is done."""
    pending: deque[tuple[list[Document], Future]] = deque()
    try:
        for task in tasks:
            pending.append((task, client.submit(work, task, pure=False)))
            if len(pending) >= limit:
                yield from _outcome(*pending.popleft())
        while pending:
            yield from _outcome(*pending.popleft())
    finally:
        if pending:
            client.cancel([f for _, f in pending])


def _outcome(task: list[Document], future: Future) -> list[Result]:
    """The results of one task, or ``(document, message)`` for each of its documents if the task was lost."""
    try:
        results: list[Result] = future.result()
        return results
    except Exception as e:  # noqa: BLE001 — a lost worker or a raising task: reported, the run goes on
        return [(doc, f"processing failed on a Dask worker: {_reason(e)}") for doc in task]
    finally:
        future.release()


def _reason(error: Exception) -> str:
    if type(error).__name__ == "KilledWorker":
        return "KilledWorker: the worker process died while processing it (out of memory or a crash)"
    return f"{type(error).__name__}: {error}"


def _threads(client: Client, workers: int | None) -> int:
    """How many tasks the cluster runs at once (at least one)."""
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 — an exotic scheduler: fall back on what was asked
        return max(1, workers or 1)


@contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator[Client]:
    """A client on a new local cluster (closed afterwards) or on the given scheduler."""
    import dask
    from distributed import Client, LocalCluster

    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if scheduler:
        _reachable(scheduler)
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise UsageError(
                f"cannot reach the Dask scheduler at {scheduler}: {e}",
                hint="check the address (tcp://HOST:PORT) and that `dask scheduler` runs there",
            ) from e
        with client:
            yield client
        return
    with dask.config.set(LOCAL_SCHEDULER):
        cluster = LocalCluster(
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        )
    with cluster, Client(cluster) as client:
        yield client


def _reachable(scheduler: str) -> None:
    """Fail at once, not after the client's 20 s of retries, when nothing listens at the address."""
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    if where.hostname is None or where.port is None:
        return  # not a host:port address (a scheduler file, another protocol): the client tells
    try:
        socket.create_connection((where.hostname, where.port), timeout=5).close()
    except OSError as e:
        raise UsageError(
            f"cannot reach the Dask scheduler at {scheduler}: {e.strerror or e}",
            hint="check the address (tcp://HOST:PORT) and that `dask scheduler` runs there",
        ) from e


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """Dask's loggers at WARNING for the time of the run (they say a lot at INFO)."""
    import distributed  # noqa: F401 — sets its own log levels on import: quiet them after

    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(max(lg.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


__all__ = ["run_on_dask"]
