"""Shared fixtures: stores on both backends and a throwaway PostgreSQL server.

- ``pg_server`` (session): a private PostgreSQL cluster, started on first use only —
  ``initdb`` in a temporary folder, a free port on 127.0.0.1, its socket in that folder,
  trust authentication for the user ``veille`` — and stopped at the end of the session.
  As root (initdb refuses to run as root) the server runs as the ``postgres`` system user.
  Tests that need it are skipped, saying why, only when the server binaries are absent
  (``scripts/services.sh`` installs them).
- ``pg_url``: a fresh, empty database on that server for one test (dropped afterwards).
- ``store``: an open store, once on SQLite and once on PostgreSQL (marked ``postgres``).
- ``sqlite_store``: an open SQLite store in the test's temporary folder.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from veille.store import Store, open_store

PG_USER = "veille"
PG_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    " -c max_connections=100 -c shared_buffers=32MB"
)


def pg_bindir() -> Path | None:
    """The folder of ``initdb``/``pg_ctl``: ``pg_config --bindir``, else the newest Debian one."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(out.stdout.strip())
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True
    )
    candidates += versions
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running throwaway cluster: where it lives and how to reach it."""

    bindir: Path
    root: Path
    port: int
    run_as: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.data), *args]
        return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=self.root)

    def start(self) -> None:
        initdb = [*self.run_as, str(self.bindir / "initdb"), "-D", str(self.data), "-U", PG_USER]
        initdb += ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        done = subprocess.run(initdb, capture_output=True, text=True, check=False, cwd=self.root)
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        options = f"-p {self.port} -k {self.root} {PG_SETTINGS}"
        done = self.ctl("-l", str(self.root / "server.log"), "-w", "-t", "60", "-o", options, "start")
        if done.returncode:
            log = (
                (self.root / "server.log").read_text(errors="replace")
                if (self.root / "server.log").exists()
                else ""
            )
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log}")

    def stop(self) -> None:
        self.ctl("-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    @classmethod
    def launch(cls) -> PgServer:
        """Create and start a cluster in a new temporary folder (raises ``LookupError`` if impossible)."""
        bindir = pg_bindir()
        if bindir is None:
            raise LookupError(
                "PostgreSQL server binaries (initdb, pg_ctl) not found; install them with scripts/services.sh"
            )
        run_as, uid = run_as_postgres()
        root = Path(tempfile.mkdtemp(prefix="veille-pg-"))
        if uid is not None:
            os.chown(root, uid, -1)
        server = cls(bindir, root, free_port(), run_as)
        try:
            server.start()
        except BaseException:
            server.stop()
            raise
        return server


def run_as_postgres() -> tuple[list[str], int | None]:
    """The command prefix that runs the server as a non-root user, and that user's uid.

    initdb and postgres refuse to run as root: as root, they run as the ``postgres``
    system user (created by the Debian packages).
    """
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        raise LookupError(
            "running as root and there is no 'postgres' user to run the server as; run scripts/services.sh"
        ) from None
    if runner := shutil.which("runuser"):
        return [runner, "-u", "postgres", "--"], user.pw_uid
    if runner := shutil.which("setpriv"):
        return [
            runner,
            f"--reuid={user.pw_uid}",
            f"--regid={user.pw_gid}",
            "--clear-groups",
            "--",
        ], user.pw_uid
    raise LookupError(
        "running as root and neither runuser nor setpriv is there to run the server as 'postgres'"
    )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL cluster for the whole session, started on first use."""
    try:
        server = PgServer.launch()
    except LookupError as e:
        pytest.skip(str(e))
    try:
        yield server
    finally:
        server.stop()


_counter = itertools.count()


def _admin(server: PgServer, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh empty database for one test; its URL (dropped after the test)."""
    name = f"veille_t{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    _admin(pg_server, f'CREATE DATABASE "{name}"')
    yield pg_server.url(name)
    _admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def store_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """A new empty store's URL on ``backend`` (``sqlite`` or ``postgres``)."""
    if backend == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "veille.db")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` then ``postgres``: tests that take it run on both backends."""
    return str(request.param)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """The URL of a new empty store on each backend (for tests that run ``veille`` itself)."""
    return store_url(request, backend, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, empty store on each backend; closed after the test."""
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An open, empty SQLite store in the test's temporary folder."""
    s = open_store(str(tmp_path / "veille.db"))
    try:
        yield s
    finally:
        s.close()


# A small corpus of our own, and running the veille command -----------------------------

COMPANIES = (
    "Microsoft",
    "OpenAI",
    "Nvidia",
    "Amazon",
    "Anthropic",
    "Google",
    "Oracle",
    "SoftBank",
    "Meta",
    "Mistral AI",
)
CITIES = (
    "Lyon",
    "Nantes",
    "Lille",
    "Bordeaux",
    "Rennes",
    "Grenoble",
    "Dijon",
    "Toulouse",
    "Brest",
    "Metz",
    "Nice",
)
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre")
TOPICS = (
    "la puissance de calcul",
    "les puces graphiques",
    "les modèles de langage",
    "les centres de données",
    "la facture électrique",
    "les licences logicielles",
    "le recrutement d'ingénieurs",
    "la sécurité des modèles",
)


def article(i: int) -> str:
    """The ``i``-th article of the test corpus: short, French, distinct from every other one."""
    a, b, c = COMPANIES[i % 10], COMPANIES[(i * 3 + 1) % 10], COMPANIES[(i * 7 + 2) % 10]
    b = b if b != a else COMPANIES[(i + 5) % 10]
    c = c if c not in (a, b) else next(x for x in COMPANIES if x not in (a, b))
    year, month, day = 2019 + i % 6, MONTHS[i % 10], 1 + (i * 11) % 27
    city, topic = CITIES[i % 11], TOPICS[i % 8]
    amount, share, deal = 2 + (i * 13) % 47, 5 + (i * 17) % 40, 100 + (i * 37) % 900
    return (
        f"---\ntitle: Dépêche {i} — {a} et {b}\npublished: {year}-{1 + i % 9:02d}-{day:02d}\n"
        f"source: Gazette de {city}\n---\n"
        f"{a} investit {amount} milliards de dollars dans {b}, a annoncé le groupe le {day} {month} {year}.\n\n"
        f"Selon un dirigeant joint à {city}, {a} détient désormais {share} % du capital de {b}.\n\n"
        f"Par ailleurs, {b} a signé avec {c} un contrat de {deal} millions d'euros portant sur {topic}.\n\n"
        f"Note {i}: les équipes de {city} commenteront {topic} lors d'une réunion prévue en {month}.\n"
    )


def write_articles(folder: Path, n: int, start: int = 0) -> Path:
    """Write articles ``start`` … ``start + n - 1`` of the test corpus as Markdown files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"depeche-{i:03d}.md").write_text(article(i), encoding="utf-8")
    return folder


def veille_command(*args: str) -> list[str]:
    """The command line running this checkout's ``veille`` with the test interpreter."""
    return [sys.executable, "-m", "veille", *args]


def run_veille(*args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``veille ARGS`` to completion; fail the test with its output if it fails and ``check``."""
    done = subprocess.run(veille_command(*args), capture_output=True, text=True, check=False, timeout=timeout)
    if check and done.returncode != 0:
        pytest.fail(f"veille {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done
