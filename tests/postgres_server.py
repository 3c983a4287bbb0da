"""A throwaway PostgreSQL server for the tests and benchmarks: PostgreSQL 15's own `initdb` and
`pg_ctl`, a temporary folder, 127.0.0.1 and a free port only, no password (trust on loopback).

The server refuses to run as root, so under root (our machines and CI) it runs as the
unprivileged user `postgres`. Where the binaries are missing the tests skip with the reason,
unless THORUP_REQUIRE_POSTGRES is set (as `.ci/run` does), which makes that a failure.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg

REQUIRE_VARIABLE = "THORUP_REQUIRE_POSTGRES"


class PostgresUnavailableError(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="thorup-pg-"))
        self.port = _free_port()
        self._user: str | None = None
        self._databases = 0

    def _run(self, *command: str) -> None:
        result = subprocess.run(
            command, user=self._user, capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            raise PostgresUnavailableError(
                f"{' '.join(command[:2])} failed: {(result.stderr or result.stdout).strip()}"
            )

    def start(self) -> None:
        missing = [tool for tool in ("initdb", "pg_ctl") if shutil.which(tool) is None]
        if missing:
            raise PostgresUnavailableError(f"PostgreSQL's {' and '.join(missing)} not on PATH")
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailableError(
                    "running as root and there is no user 'postgres'"
                ) from exc
            self._user = "postgres"
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        data = self.folder / "data"
        self._run(
            "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"
        )
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )

    def stop(self) -> None:
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL. Callable from inside a running event loop too."""
        self._databases += 1
        name = f"thorup_{os.getpid()}_{self._databases}"

        async def create() -> None:
            connection = await asyncpg.connect(self.url())
            try:
                await connection.execute(f'CREATE DATABASE "{name}"')
            finally:
                await connection.close()

        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, create()).result()
        return self.url(name)
