"""`thorup-bot db status|copy|repair`: look at the database, move house to PostgreSQL, and
recover from a damaged SQLite file. Each answers in a few lines; faults are one line, exit 2.
Its arguments are defined in bot/cli.py, which parses every command without loading this."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any, TextIO

from bot.database import Backend, Fault, Location, StoreError
from bot.migrations import LATEST
from bot.settings import Settings
from bot.store import TABLES, Store, location_for

# Rows read at a time from a damaged table, so one bad page loses only its own rows.
_SALVAGE_CHUNK = 100


def run(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:
    """A storage fault is raised as StoreError, which the command line turns into one line."""
    command = {"status": _status, "copy": _copy, "repair": _repair}[args.db_command]
    return asyncio.run(command(args, settings, stdout))


async def _status(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    store = await Store.open(location_for(settings))
    try:
        out.write(f"backend:        {store.location.backend}\n")
        out.write(f"database:       {store.location}\n")
        out.write(f"schema version: {await store.schema_version()} (latest {LATEST})\n")
        _write_counts(out, await store.row_counts())
    finally:
        await store.close()
    return 0


async def _copy(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    source = await Store.open(Location.sqlite(settings.data_dir))
    try:
        target = await Store.open(Location.postgresql(args.to))
        try:
            counts = await copy_store(source, target)
        finally:
            await target.close()
    finally:
        await source.close()
    out.write(f"Copied {source.location} to {target.location}; row counts verified:\n")
    _write_counts(out, counts)
    out.write("Set DATABASE_URL to it and restart the bot.\n")
    return 0


async def copy_store(source: Store, target: Store) -> dict[str, int]:
    """Every row into an empty target, in one transaction; the row counts, checked on both."""
    already = sum((await target.row_counts()).values())
    if already:
        raise StoreError(
            f"the database {target.location} is not empty ({already} rows): "
            "copy only into an empty database"
        )
    async with target.db.transaction() as tx:
        for table in TABLES:
            rows = await source.db.fetch(f"SELECT * FROM {table}")
            if rows:
                await _insert(tx, table, list(rows[0].keys()), [tuple(row) for row in rows])
        if target.location.backend is Backend.POSTGRESQL:
            # The copied ids were given explicitly; new questions must number on after them.
            await tx.execute(
                "SELECT setval(pg_get_serial_sequence('questions', 'id'),"
                " (SELECT coalesce(max(id), 0) + 1 FROM questions), false)"
            )
        await tx.execute("UPDATE changes SET version = version + 1")
    expected, copied = await source.row_counts(), await target.row_counts()
    if expected != copied:
        raise StoreError(f"the copy does not match: {expected} rows in, {copied} rows out")
    return copied


async def _insert(db: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    await db.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING",
        rows,
    )


async def _repair(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    if settings.database_url is not None:
        raise StoreError(
            "db repair is for the SQLite file; with DATABASE_URL set, use PostgreSQL's own tools"
        )
    location = Location.sqlite(settings.data_dir)
    assert location.path is not None
    if not location.path.exists():
        out.write(f"There is no database at {location.path}; nothing to repair.\n")
        return 0
    try:
        healthy = await Store.open(location)
    except StoreError as exc:
        if exc.fault is not Fault.DAMAGED:
            raise
    else:
        await healthy.close()
        out.write(f"The database {location.path} is healthy; nothing was changed.\n")
        return 0
    aside = _move_aside(location.path, dt.datetime.now(dt.UTC))
    fresh = await Store.open(location)
    try:
        kept, lost = await _salvage(aside, fresh)
    finally:
        await fresh.close()
    out.write(f"Moved the damaged database to {aside}; started a fresh one at {location.path}.\n")
    _write_counts(out, kept, heading="Rows kept:")
    if lost:
        out.write(f"Could not read: {', '.join(lost)}.\n")
    return 0


def _move_aside(path: Path, now: dt.datetime) -> Path:
    """The database and its journal files renamed with a timestamp; nothing is deleted."""
    suffix = f".damaged-{now:%Y%m%dT%H%M%SZ}"
    aside = path.with_name(path.name + suffix)
    for extra in ("-wal", "-shm"):
        journal = path.with_name(path.name + extra)
        if journal.exists():
            journal.rename(path.with_name(path.name + suffix + extra))
    path.rename(aside)
    return aside


async def _salvage(damaged: Path, fresh: Store) -> tuple[dict[str, int], list[str]]:
    """What can still be read from each table, copied into the fresh store."""
    kept: dict[str, int] = {}
    lost: list[str] = []
    for table in TABLES:
        rows, complete = await asyncio.to_thread(_read_table, damaged, table)
        if not complete:
            lost.append(table)
        if rows:
            # Read by name: a file from an older schema lacks the newer columns.
            wanted = {row["name"] for row in await fresh.db.fetch(f"PRAGMA table_info({table})")}
            columns = [c for c in rows[0].keys() if c in wanted]  # noqa: SIM118 - a Row
            await _insert(fresh.db, table, columns, [tuple(r[c] for c in columns) for r in rows])
        kept[table] = len(rows)
    return kept, lost


def _read_table(path: Path, table: str) -> tuple[list[sqlite3.Row], bool]:
    """The readable rows of one table, and whether that was all of them."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return [], False
    connection.row_factory = sqlite3.Row
    try:
        try:
            return connection.execute(f"SELECT * FROM {table}").fetchall(), True
        except sqlite3.Error:
            pass
        try:
            last = connection.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        except sqlite3.Error:
            return [], False
        rows: list[sqlite3.Row] = []
        for start in range(0, last + 1, _SALVAGE_CHUNK):
            try:
                rows += connection.execute(
                    f"SELECT * FROM {table} WHERE rowid BETWEEN ? AND ?",
                    (start, start + _SALVAGE_CHUNK - 1),
                ).fetchall()
            except sqlite3.Error:
                continue
        return rows, False
    finally:
        connection.close()


def _write_counts(out: TextIO, counts: dict[str, int], heading: str = "rows:") -> None:
    out.write(f"{heading}\n")
    for table, count in counts.items():
        out.write(f"  {table:<16}{count:>8}\n")
