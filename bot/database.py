"""The database under the store: SQLite in the data folder, or PostgreSQL when DATABASE_URL is set.

Both backends run the same SQL (written with `?` placeholders, which PostgreSQL gets as `$1`,
`$2`, …) and hand back rows that are read by column name. SQLite runs on a thread of its own and
asyncpg is asynchronous by nature, so no query ever blocks the event loop: a locked SQLite file
or a slow server delays the work that needs it, never a reply.

Opening turns every way a database can be unusable (a folder that is a file or read-only, a file
that is not a database or is damaged, a lock held by another process, a server that is down, a
malformed URL) into one `StoreError` line that names the file or the server, never a password.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import functools
import logging
import re
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import asyncpg

log = logging.getLogger(__name__)

DB_NAME = "thorup-bot.sqlite3"
# How long a SQLite statement waits for another process's lock: on the store's thread, so only
# the store waits; short, so that a stuck lock turns into a logged, dropped write quickly.
SQLITE_BUSY_SECONDS = 1.0
# At start-up a little longer: processes starting together wait for each other's migration.
SQLITE_START_BUSY_SECONDS = 3.0
POSTGRES_CONNECT_SECONDS = 5.0


class Row(Protocol):
    """A row from either backend (sqlite3.Row, asyncpg.Record): by column name or position."""

    def __getitem__(self, key: str | int) -> Any: ...

    def keys(self) -> Iterable[str]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Backend(enum.StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class Fault(enum.StrEnum):
    """What is wrong with a database that cannot be used, as far as anything acts on it: only a
    damaged SQLite file has a remedy of its own (`thorup-bot db repair`)."""

    DAMAGED = "damaged"
    UNUSABLE = "unusable"


class StoreError(Exception):
    """A database that cannot be used; the message is one line and never shows a password."""

    def __init__(self, message: str, fault: Fault = Fault.UNUSABLE) -> None:
        super().__init__(message)
        self.fault = fault


@dataclass(frozen=True)
class Location:
    """Where the state lives: a SQLite file, or a PostgreSQL URL (a secret: it may hold one)."""

    backend: Backend
    path: Path | None = None
    url: str | None = None

    @classmethod
    def sqlite(cls, data_dir: Path) -> Location:
        return cls(Backend.SQLITE, path=data_dir / DB_NAME)

    @classmethod
    def postgresql(cls, url: str) -> Location:
        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres") or not parts.hostname:
            raise StoreError(
                f"DATABASE_URL is malformed: expected postgresql://user:password@host/database, "
                f"got {redact(url)!r}"
            )
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError as exc:
            raise StoreError(f"DATABASE_URL has a bad port: {redact(url)!r}") from exc
        return cls(Backend.POSTGRESQL, url=url)

    def __str__(self) -> str:
        return str(self.path) if self.backend is Backend.SQLITE else redact(self.url or "")

    def __repr__(self) -> str:
        return f"Location({self.backend.value}, {self})"


def redact(url: str) -> str:
    """The URL with any password replaced, fit for logs and error messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    return parts._replace(netloc=f"{user}:***@{netloc[2]}").geturl()


class Database(ABC):
    """One set of queries on either backend; rows are read by column name."""

    backend: Backend
    location: Location

    @abstractmethod
    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        """Run one query; its rows."""

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        rows = await self.fetch(sql, *args)
        return rows[0] if rows else None

    async def fetchval(self, sql: str, *args: Any) -> Any:
        row = await self.fetchrow(sql, *args)
        return row[0] if row is not None else None

    @abstractmethod
    def transaction(self) -> contextlib.AbstractAsyncContextManager[Database]:
        """A transaction: everything done through the yielded database commits or rolls back."""

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            await self.execute(sql, *row)

    @abstractmethod
    async def close(self) -> None: ...


class SqliteDatabase(Database):
    """One connection on one thread of its own (the design of aiosqlite, in a few lines): the
    event loop only awaits. The thread is an executor's, so the loop, and test harnesses with
    a virtual clock such as simcord, can see the work in flight."""

    backend = Backend.SQLITE

    def __init__(
        self,
        connection: sqlite3.Connection,
        location: Location,
        executor: ThreadPoolExecutor,
        lock: asyncio.Lock | None,
    ) -> None:
        self._connection = connection
        self.location = location
        self._executor = executor
        # One connection, so a transaction must not interleave with other statements: the lock
        # is held for a statement, or for a whole transaction (whose view runs without it).
        self._lock = lock
        self._closed = False

    @classmethod
    async def open(cls, location: Location) -> SqliteDatabase:
        assert location.path is not None
        path = location.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise StoreError(f"the data folder {path.parent} is a file, not a folder") from None
        except OSError as exc:
            raise StoreError(
                f"cannot create the data folder {path.parent}: {_reason(exc)}"
            ) from None
        if not path.parent.is_dir():
            raise StoreError(f"the data folder {path.parent} is a file, not a folder")
        if path.exists() and not path.is_file():
            raise StoreError(f"the database {path} is not a file")
        executor = ThreadPoolExecutor(1, thread_name_prefix="sqlite")
        loop = asyncio.get_running_loop()
        try:
            connection = await loop.run_in_executor(executor, _connect, path)
        except sqlite3.Error as exc:
            executor.shutdown(wait=False)
            raise sqlite_error(location, exc) from None
        return cls(connection, location, executor, asyncio.Lock())

    async def _call(self, function: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _guard(self) -> contextlib.AbstractAsyncContextManager[Any]:
        return self._lock if self._lock is not None else contextlib.nullcontext()

    async def execute(self, sql: str, *args: Any) -> int:
        async with self._guard():
            return await self._call(_sqlite_execute, self._connection, sql, args)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        async with self._guard():
            return await self._call(_sqlite_fetch, self._connection, sql, args)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        async with self._guard():
            try:
                # IMMEDIATE: take the write lock at the start, so two processes do not both
                # read and then fail to write.
                await self._call(_sqlite_execute, self._connection, "BEGIN IMMEDIATE", ())
                yield SqliteDatabase(self._connection, self.location, self._executor, None)
            except BaseException:
                # Shielded, and after whatever is still queued on the thread: a caller that
                # gave up (a timeout) must not leave the connection inside a transaction.
                with contextlib.suppress(sqlite3.Error):
                    await asyncio.shield(self._call(_sqlite_end, self._connection, "ROLLBACK"))
                raise
            await asyncio.shield(self._call(_sqlite_end, self._connection, "COMMIT"))

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._call(self._connection.close)
            self._executor.shutdown(wait=False)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        path, isolation_level=None, timeout=SQLITE_START_BUSY_SECONDS, check_same_thread=False
    )
    connection.row_factory = sqlite3.Row
    return connection


def _sqlite_execute(connection: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> int:
    return connection.execute(sql, args).rowcount


def _sqlite_end(connection: sqlite3.Connection, statement: str) -> None:
    if connection.in_transaction:
        connection.execute(statement)


def _sqlite_fetch(connection: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> list[Row]:
    return connection.execute(sql, args).fetchall()


class PostgresDatabase(Database):
    backend = Backend.POSTGRESQL

    def __init__(self, target: asyncpg.Pool | asyncpg.Connection, location: Location) -> None:
        self._target = target
        self.location = location

    @classmethod
    async def open(cls, location: Location, retry_seconds: float) -> PostgresDatabase:
        """Connect, retrying with backoff while the server is down (a start-up race)."""
        deadline = time.monotonic() + retry_seconds
        delay = 0.5
        while True:
            try:
                pool = await asyncpg.create_pool(
                    location.url, min_size=1, max_size=5, timeout=POSTGRES_CONNECT_SECONDS
                )
                return cls(pool, location)
            except (TimeoutError, OSError, asyncpg.CannotConnectNowError) as exc:
                if time.monotonic() + delay > deadline:
                    raise StoreError(
                        f"cannot reach the database at {location}: {_reason(exc)}"
                    ) from None
                log.warning(
                    "The database at %s cannot be reached (%s); trying again in %.1f s",
                    location,
                    _reason(exc),
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
            except (asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
                raise StoreError(f"the database at {location} refused us: {_reason(exc)}") from None

    async def execute(self, sql: str, *args: Any) -> int:
        status = await self._target.execute(_numbered(sql), *args)
        last = status.rsplit(" ", 1)[-1]
        return int(last) if last.isdigit() else 0

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return list(await self._target.fetch(_numbered(sql), *args))

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await self._target.executemany(_numbered(sql), rows)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Database]:
        if isinstance(self._target, asyncpg.Connection):
            async with self._target.transaction():
                yield self
            return
        async with self._target.acquire() as connection, connection.transaction():
            yield PostgresDatabase(connection, self.location)

    async def close(self) -> None:
        if isinstance(self._target, asyncpg.Pool) and not self._target.is_closing():
            await self._target.close()


_QUESTION_MARK = re.compile(r"\?")


@functools.lru_cache(maxsize=256)
def _numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1`, `$2`, …; our queries hold no literal `?`."""
    counter = iter(range(1, sql.count("?") + 1))
    return _QUESTION_MARK.sub(lambda _: f"${next(counter)}", sql)


# How often to try again to switch a database file to WAL while another process holds it.
WAL_RETRY_SECONDS = 0.05


async def use_wal(db: Database) -> None:
    """Switch a SQLite database to write-ahead logging. The switch needs the file to itself for
    a moment, and SQLite answers "locked" at once, without waiting out the busy timeout, while
    another process starting together holds it: so it is tried again for a few seconds."""
    deadline = time.monotonic() + SQLITE_START_BUSY_SECONDS
    while True:
        try:
            await db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        await asyncio.sleep(WAL_RETRY_SECONDS)


async def open_database(location: Location, retry_seconds: float = 0.0) -> Database:
    if location.backend is Backend.SQLITE:
        return await SqliteDatabase.open(location)
    return await PostgresDatabase.open(location, retry_seconds)


def sqlite_error(location: Location, exc: sqlite3.Error) -> StoreError:
    """What a SQLite error means for the operator, in one line naming the file."""
    text = str(exc)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"the database {location} is damaged or not a thorup-bot database ({text}); it was "
            f"left untouched: `thorup-bot db repair` moves it aside and starts a fresh one",
            Fault.DAMAGED,
        )
    if "locked" in text or "busy" in text:
        return StoreError(f"the database {location} is locked by another process ({text})")
    if "readonly" in text or "unable to open" in text:
        return StoreError(f"cannot write the database {location}: {text} (check the permissions)")
    return StoreError(f"the database {location} cannot be used: {text}")


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text or type(exc).__name__
