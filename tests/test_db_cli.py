"""`thorup-bot db status|copy|repair`, through the real command line."""

import asyncio
import sqlite3

import pytest

from bot.cli import main
from bot.database import Location
from bot.migrations import LATEST
from bot.store import Store
from tests.store_records import NOW, record


@pytest.fixture
def data(monkeypatch, tmp_path):
    """The data folder of the bot, with a Q&A channel, two questions and a vote in it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


async def fill(location: Location, engine) -> None:
    store = await Store.open(location, at=NOW)
    await store.add_qa_channel(1, 10)
    for message_id, question in enumerate(["hvad hedder hans kone?", "how old is he?"]):
        await record(store, engine.ask(question), message_id, channel_id=10)
    await store.record_feedback(1, 4, -1, NOW)
    await store.close()


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_shows_the_backend_the_schema_version_and_the_row_counts(data, capsys, engine):
    asyncio.run(fill(Location.sqlite(data), engine))
    code, out, _ = cli(capsys, "db", "status")
    assert code == 0
    assert "backend:        sqlite" in out
    assert f"schema version: {LATEST} (latest {LATEST})" in out
    assert "  questions              2" in out


def test_copy_moves_everything_into_an_empty_postgresql_and_verifies_the_counts(
    data, capsys, engine, postgres_url
):
    asyncio.run(fill(Location.sqlite(data), engine))
    code, out, err = cli(capsys, "db", "copy", "--to", postgres_url)
    assert code == 0, err
    assert "row counts verified" in out

    async def read_back() -> tuple[list[int], int]:
        store = await Store.open(Location.postgresql(postgres_url), at=NOW)
        channels = await store.qa_channels(1)
        unanswered = len(await store.unanswered())
        # New questions number on after the copied ones.
        await record(store, engine.ask("hvornår er han født"), 99, channel_id=10)
        await store.close()
        return channels, unanswered

    assert asyncio.run(read_back()) == ([10], 2)


def test_copy_refuses_a_database_that_is_not_empty(data, capsys, engine, postgres_url):
    asyncio.run(fill(Location.sqlite(data), engine))
    assert cli(capsys, "db", "copy", "--to", postgres_url)[0] == 0
    code, _, err = cli(capsys, "db", "copy", "--to", postgres_url)
    assert code == 2
    assert "is not empty" in err


def test_repair_leaves_a_healthy_database_alone(data, capsys, engine):
    asyncio.run(fill(Location.sqlite(data), engine))
    code, out, _ = cli(capsys, "db", "repair")
    assert code == 0
    assert "healthy; nothing was changed" in out
    assert [p.name for p in data.iterdir() if "damaged" in p.name] == []


def test_repair_moves_a_damaged_database_aside_and_keeps_what_can_be_read(data, capsys, engine):
    asyncio.run(fill(Location.sqlite(data), engine))
    path = data / "thorup-bot.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.executemany(
            "INSERT INTO feedback VALUES (?, 5, 1, 'x')", [(n,) for n in range(100, 3000)]
        )
    connection.close()
    damaged = path.read_bytes()
    with path.open("r+b") as file:
        file.seek(len(damaged) - 4096 * 2)
        file.write(b"\xde\xad\xbe\xef" * 1024)
    assert cli(capsys, "db", "status")[0] == 2

    code, out, err = cli(capsys, "db", "repair")
    assert code == 0, err
    [aside] = [p for p in data.iterdir() if ".damaged-" in p.name]
    assert "Moved the damaged database to" in out
    assert aside.stat().st_size == len(damaged)
    code, out, _ = cli(capsys, "db", "status")
    assert code == 0
    assert "  qa_channels            1" in out
    assert "  questions              2" in out


def test_repair_is_refused_for_postgresql(data, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot@127.0.0.1:9/x")
    code, _, err = cli(capsys, "db", "repair")
    assert code == 2
    assert "db repair is for the SQLite file" in err


def test_status_on_postgresql_shows_the_server_but_never_the_password(
    data, capsys, monkeypatch, postgres_url
):
    with_password = postgres_url.replace("postgres@", "postgres:pw-Secret-9@")
    monkeypatch.setenv("DATABASE_URL", with_password)
    code, out, err = cli(capsys, "db", "status")
    assert code == 0, err
    assert "backend:        postgresql" in out
    assert "postgres:***@127.0.0.1" in out
    assert "pw-Secret-9" not in out + err
