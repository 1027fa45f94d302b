"""A throwaway PostgreSQL server for the tests: `initdb` and `pg_ctl` on a
temporary directory and a free port, stopped and removed at the end.

PostgreSQL refuses to run as root, so when the tests run as root the server
runs as the `postgres` user (`runuser`), on a directory that user owns. The
binaries are looked up on the PATH, then in Debian's /usr/lib/postgresql/N/bin.

The superuser logs in over TCP with a password (scram-sha-256), as a City's
server would ask; local socket connections are trusted, for the fixture's own
housekeeping only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "pg-fixture-secret"
HOST = "127.0.0.1"
DEBIAN_BIN = Path("/usr/lib/postgresql")
RUN_AS = "postgres"  # the OS user the server runs as when we are root


class ServerUnavailable(RuntimeError):
    """The server could not be started; the message says why."""


def find_binary(name: str) -> str | None:
    """`initdb`, `pg_ctl`, ...: on the PATH, else the newest Debian version's bin/."""
    found = shutil.which(name)
    if found:
        return found
    if DEBIAN_BIN.is_dir():
        versions = sorted(
            (p for p in DEBIAN_BIN.iterdir() if p.name.isdigit()),
            key=lambda p: int(p.name),
            reverse=True,
        )
        for version in versions:
            candidate = version / "bin" / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return None


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: its superuser URL and fresh databases on demand."""

    port: int
    directory: Path
    socket_dir: Path
    as_user: str | None
    pg_ctl: str
    _databases: list[str] = field(default_factory=list)
    _admin: Any = None  # the housekeeping connection, opened on first use

    def url(
        self, database: str = "postgres", *, user: str = SUPERUSER, password: str | None = None
    ) -> str:
        secret = SUPERUSER_PASSWORD if password is None and user == SUPERUSER else password
        credentials = f"{user}:{secret}" if secret else user
        return f"postgresql://{credentials}@{HOST}:{self.port}/{database}"

    @property
    def superuser_url(self) -> str:
        return self.url()

    def connect(self, database: str = "postgres", **kwargs: object):  # type: ignore[no-untyped-def]
        """A psycopg connection as the superuser, autocommit (CREATE DATABASE needs it)."""
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True, **kwargs)  # type: ignore[arg-type]

    def execute(self, sql: str, database: str = "postgres") -> None:
        with self.connect(database) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def housekeeping(self, sql: str) -> None:
        """`sql` on one connection kept open over the local socket (trusted): a
        test's database is made and dropped without two logins of its own
        (a TCP connection and a scram-sha-256 exchange each)."""
        import psycopg

        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(
                host=str(self.socket_dir),
                port=self.port,
                user=SUPERUSER,
                dbname="postgres",
                autocommit=True,
            )
        self._admin.execute(sql)

    def create_database(self, name: str | None = None, *, template: str | None = None) -> str:
        """A new, empty database (or a copy of `template`); its superuser URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        sql = f'CREATE DATABASE "{name}"'
        if template:
            sql += f' TEMPLATE "{template}"'
        self.housekeeping(sql)
        self._databases.append(name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.housekeeping(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        _run(
            [self.pg_ctl, "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop"],
            self.as_user,
            check=False,
        )
        shutil.rmtree(self.directory, ignore_errors=True)


class TemplateCopies:
    """Fresh copies of a template database, one a test, made and dropped beside
    the tests rather than in their way.

    CREATE DATABASE ... TEMPLATE and DROP DATABASE cost the server some 60 ms of
    wall time each; a test on PostgreSQL used to wait for both. Here the copy for
    the next test is made while this one runs, and a used copy is dropped while
    the next one runs, in order on a thread and connection of their own. Each
    test still gets a database no other test has touched."""

    def __init__(self, server: PostgresServer, template: str) -> None:
        self.server = server
        self.template = template
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-copies")
        self._helper = PostgresServer(
            port=server.port,
            directory=server.directory,
            socket_dir=server.socket_dir,
            as_user=server.as_user,
            pg_ctl=server.pg_ctl,
        )
        self._next: Future[str] = self._worker.submit(self._make)

    def _make(self) -> str:
        return self._helper.create_database(template=self.template)

    def take(self) -> str:
        """A fresh copy's superuser URL (the next one is begun at once)."""
        url = self._next.result()
        self._next = self._worker.submit(self._make)
        return url

    def give_back(self, url: str) -> None:
        self._worker.submit(self._helper.drop_database, url.rsplit("/", 1)[1])

    def close(self) -> None:
        self._worker.shutdown(wait=True)
        if self._helper._admin is not None:
            self._helper._admin.close()


def _run(
    command: list[str], as_user: str | None, *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    if as_user is not None:
        command = ["runuser", "-u", as_user, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if check and result.returncode != 0:
        raise ServerUnavailable(
            f"{Path(command[0]).name if as_user is None else command[3]} failed: "
            f"{(result.stderr or result.stdout).strip()[-500:]}"
        )
    return result


def start() -> PostgresServer:
    """Start a server on a free port; raises ServerUnavailable with the reason."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise ServerUnavailable(
            "initdb/pg_ctl not found (install PostgreSQL 15: apt-get install postgresql)"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ServerUnavailable(
            "psycopg is not installed (pip install 'vanort[postgresql]')"
        ) from None
    as_user: str | None = None
    if os.geteuid() == 0:
        as_user = RUN_AS
        if shutil.which("runuser") is None:
            raise ServerUnavailable("running as root and `runuser` is missing")
    # Not under pytest's tmp dir: that is private to root, and the server's user
    # must reach its own directory.
    directory = Path(tempfile.mkdtemp(prefix="vanort-pg-"))
    data, sockets = directory / "data", directory / "socket"
    sockets.mkdir()
    password_file = directory / "pwfile"
    password_file.write_text(SUPERUSER_PASSWORD + "\n")
    if as_user is not None:
        import pwd

        entry = pwd.getpwnam(as_user)
        for path in (directory, sockets, password_file):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    directory.chmod(0o700)
    try:
        _run(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--pwfile",
                str(password_file),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            as_user,
        )
        port = free_port()
        options = (
            f"-p {port} -k {sockets} -c listen_addresses={HOST} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        _run(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(directory / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            as_user,
        )
    except (ServerUnavailable, OSError, subprocess.SubprocessError) as error:
        log = directory / "server.log"
        tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
        shutil.rmtree(directory, ignore_errors=True)
        raise ServerUnavailable(f"{error} {tail}".strip()) from None
    server = PostgresServer(
        port=port, directory=directory, socket_dir=sockets, as_user=as_user, pg_ctl=pg_ctl
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            server.execute("SELECT 1")
            return server
        except Exception as error:
            if time.monotonic() > deadline:
                server.stop()
                raise ServerUnavailable(
                    f"the server started but does not answer: {error}"
                ) from None
            time.sleep(0.2)


@contextlib.contextmanager
def running() -> Iterator[PostgresServer]:
    server = start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def owned_database(
    server: PostgresServer, prefix: str, logins: Sequence[str], *, password: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """A database of its own (`prefix_TAG`) owned by the login `owner`, a plain
    login with CREATEROLE and no superuser (as the City's DBA would make it), and
    a login for each of `logins`, all with `password`: yields the database's name
    and each login's name by who it is ("owner" too). All are dropped afterwards,
    also when what the test sets up in between fails."""
    tag = uuid.uuid4().hex[:8]
    names = {who: f"{who}_{tag}" for who in ("owner", *logins)}
    database = f"{prefix}_{tag}"
    try:
        for name in names.values():
            server.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        server.execute(f"ALTER ROLE {names['owner']} CREATEROLE")
        server.execute(f"CREATE DATABASE {database} OWNER {names['owner']}")
        yield database, names
    finally:
        server.drop_database(database)
        for name in names.values():
            server.execute(f"DROP ROLE IF EXISTS {name}")


def set_up_roles(run: Callable[..., Any], *grants: Sequence[str]) -> None:
    """What the owner of a new registry database does first, through `run` (the
    test's CLI on the owner's URL): `db init`, `db roles --setup`, then for each
    grant `(login, role, *more)` `db roles --grant LOGIN --as ROLE *more`. Each
    must succeed."""
    commands: list[tuple[str, ...]] = [("db", "init"), ("db", "roles", "--setup")]
    commands += [
        ("db", "roles", "--grant", login, "--as", role, *more) for login, role, *more in grants
    ]
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, result.output
