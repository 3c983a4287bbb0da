"""Storage faults, as an operator meets them: each one a clear line naming the file or server
(never a password), exit code 2 at start, a damaged file never deleted, and a database that
goes away while running costs records, not replies."""

import logging
import os
import sqlite3

import pytest

from bot.cli import main
from bot.database import Location, StoreError
from bot.store import Store
from tests.fake_discord import FAKE_TOKEN
from tests.postgres_server import PostgresServer, PostgresUnavailableError
from tests.store_records import NOW, record

PASSWORD = "s3cret-Pa55word"


@pytest.fixture(autouse=True)
def root_log_handlers():
    """`run` sets up logging to the stderr of its test; the next test has another stderr."""
    handlers = list(logging.root.handlers)
    yield
    logging.root.handlers[:] = handlers


def run_bot(monkeypatch, capsys, tmp_path, **environment):
    """`thorup-bot run` in-process, with these settings; the store opens before Discord."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("DATABASE_RETRY_SECONDS", "0")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    code = main(["run"])
    return code, capsys.readouterr().err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("thorup-bot:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def damaged_database(tmp_path):
    """A real database with rows whose pages were then overwritten in the middle."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / "thorup-bot.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE qa_channels (guild_id INTEGER, channel_id INTEGER)")
        connection.executemany(
            "INSERT INTO qa_channels VALUES (?, ?)", [(1, n) for n in range(5000)]
        )
    connection.close()
    with path.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xde\xad\xbe\xef" * 2048)
    return path


def test_a_data_dir_that_is_a_file_is_one_line_and_exit_code_2(monkeypatch, capsys, tmp_path):
    (tmp_path / "data").write_text("not a folder")
    code, err = run_bot(monkeypatch, capsys, tmp_path, DATA_DIR=str(tmp_path / "data"))
    assert code == 2
    assert (
        one_line(err) == f"thorup-bot: DATA_DIR {str(tmp_path / 'data')!r} is a file, not a folder"
    )


def test_a_file_that_is_not_a_database_is_named_and_left_untouched(monkeypatch, capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "thorup-bot.sqlite3").write_text("these are my notes, not a database\n" * 100)
    code, err = run_bot(monkeypatch, capsys, tmp_path, DATA_DIR=str(data))
    assert code == 2
    line = one_line(err)
    assert str(data / "thorup-bot.sqlite3") in line
    assert "db repair" in line
    assert (data / "thorup-bot.sqlite3").read_text().startswith("these are my notes")


def test_a_damaged_database_is_named_and_never_deleted(
    monkeypatch, capsys, tmp_path, damaged_database
):
    before = damaged_database.read_bytes()
    code, err = run_bot(monkeypatch, capsys, tmp_path, DATA_DIR=str(damaged_database.parent))
    assert code == 2
    assert "is damaged" in one_line(err)
    assert damaged_database.read_bytes() == before


def test_a_database_locked_by_another_process_is_one_line_and_exit_code_2(
    monkeypatch, capsys, tmp_path
):
    data = tmp_path / "data"
    data.mkdir()
    holder = sqlite3.connect(data / "thorup-bot.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, err = run_bot(monkeypatch, capsys, tmp_path, DATA_DIR=str(data))
    finally:
        holder.close()
    assert code == 2
    assert "is locked by another process" in one_line(err)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root may write into a read-only folder, so the fault cannot be staged as root",
)
def test_a_read_only_data_dir_on_first_start_is_one_line_and_exit_code_2(
    monkeypatch, capsys, tmp_path
):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    try:
        code, err = run_bot(monkeypatch, capsys, tmp_path, DATA_DIR=str(data))
    finally:
        data.chmod(0o755)
    assert code == 2
    line = one_line(err)
    assert str(data / "thorup-bot.sqlite3") in line
    assert "permissions" in line


def test_a_malformed_database_url_is_one_line_without_the_password(monkeypatch, capsys, tmp_path):
    url = f"postgresql://bot:{PASSWORD}@db.example:notaport/thorup"
    code, err = run_bot(monkeypatch, capsys, tmp_path, DATABASE_URL=url)
    assert code == 2
    line = one_line(err)
    assert "DATABASE_URL" in line
    assert PASSWORD not in err


def test_a_database_url_of_another_kind_is_refused(monkeypatch, capsys, tmp_path):
    code, err = run_bot(monkeypatch, capsys, tmp_path, DATABASE_URL="mysql://bot@localhost/x")
    assert code == 2
    assert "expected postgresql://" in one_line(err)


def test_postgresql_down_at_start_is_retried_then_one_line_without_the_password(
    monkeypatch, capsys, tmp_path, caplog
):
    url = f"postgresql://bot:{PASSWORD}@127.0.0.1:9/thorup"  # the discard port: nobody there
    code, err = run_bot(
        monkeypatch, capsys, tmp_path, DATABASE_URL=url, DATABASE_RETRY_SECONDS="1.6"
    )
    assert code == 2
    line = one_line(err)
    assert line.startswith("thorup-bot: cannot reach the database at postgresql://bot:***@")
    assert PASSWORD not in err
    assert PASSWORD not in caplog.text
    assert len([r for r in caplog.records if "trying again" in r.getMessage()]) >= 2


async def test_postgresql_coming_up_during_the_retries_is_used(tmp_path):
    server = PostgresServer()
    try:
        url = server.url()
        import asyncio

        async def start_later() -> None:
            await asyncio.sleep(0.3)
            await asyncio.to_thread(server.start)

        starting = asyncio.create_task(start_later())
        try:
            store = await Store.open(Location.postgresql(url), at=NOW, retry_seconds=30)
        except StoreError:
            await starting
            raise
        await starting
        assert await store.add_qa_channel(1, 10)
        await store.close()
    except PostgresUnavailableError as exc:
        pytest.skip(str(exc))
    finally:
        server.stop()


async def test_postgresql_going_away_while_running_fails_writes_fast_and_keeps_lookups(
    engine,
):
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailableError as exc:
        server.stop()
        if os.environ.get("THORUP_REQUIRE_POSTGRES"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    try:
        store = await Store.open(Location.postgresql(server.url()), at=NOW)
        await store.add_qa_channel(1, 10)
        server.stop()
        with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
            await record(store, engine.ask("hvor gammel er han"), 4, channel_id=10)
        assert store.is_qa_channel(10)
        await store.close()
    finally:
        server.stop()
