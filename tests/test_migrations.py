"""The versioned schema: a database made before versions existed is adopted with all its rows,
steps run once and in order, and a database from a newer thorup-bot is refused, not damaged."""

import asyncio
import datetime as dt
import sqlite3

import pytest

from bot.database import Location, StoreError, use_wal
from bot.engine.reminder_occurrences import OccurrenceKey
from bot.migrations import LATEST, MIGRATIONS, Migration
from bot.store import FailureReason, PostFailure, Store

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)

# The schema and rows exactly as the bot wrote them before the schema had a version.
UNVERSIONED = """
CREATE TABLE IF NOT EXISTS qa_channels (
    guild_id INTEGER NOT NULL, channel_id INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, asked_at TEXT NOT NULL, guild_id INTEGER,
    channel_id INTEGER, user_id INTEGER, message_id INTEGER UNIQUE, question TEXT NOT NULL,
    answered INTEGER NOT NULL, verdict TEXT NOT NULL, fact_id TEXT, language TEXT NOT NULL,
    confidence REAL NOT NULL);
CREATE TABLE IF NOT EXISTS reminders (
    guild_id INTEGER PRIMARY KEY, channel_id INTEGER, time TEXT NOT NULL, timezone TEXT NOT NULL,
    countdown TEXT NOT NULL, language TEXT NOT NULL, enabled INTEGER NOT NULL,
    ping_role_id INTEGER, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reminder_posts (
    guild_id INTEGER NOT NULL, occurrence TEXT NOT NULL, status TEXT NOT NULL,
    channel_id INTEGER, message_id INTEGER, claimed_at TEXT NOT NULL, finished_at TEXT,
    error TEXT, PRIMARY KEY (guild_id, occurrence));
CREATE TABLE IF NOT EXISTS scheduler (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    message_id INTEGER NOT NULL, user_id INTEGER NOT NULL, vote INTEGER NOT NULL,
    voted_at TEXT NOT NULL, PRIMARY KEY (message_id, user_id));
INSERT INTO qa_channels VALUES (1, 10);
INSERT INTO questions (asked_at, guild_id, channel_id, user_id, message_id, question, answered,
    verdict, fact_id, language, confidence)
    VALUES ('2026-11-20T12:00:00+00:00', 1, 10, 3, 500, 'hvad hedder hans kone?', 0,
    'unknown_detail', NULL, 'da', 0.91);
INSERT INTO feedback VALUES (500, 4, -1, '2026-11-20T12:01:00+00:00');
INSERT INTO reminders VALUES (1, 10, '09:00', 'Europe/Copenhagen', '7,1', 'da', 1, NULL,
    '2026-11-01T00:00:00+00:00');
INSERT INTO reminder_posts VALUES (1, 'birthday:2026-02-21', 'sent', 10, 600,
    '2026-02-21T08:00:00+00:00', '2026-02-21T08:00:01+00:00', NULL);
INSERT INTO reminder_posts VALUES (2, 'birthday:2026-02-21', 'failed', 20, NULL,
    '2026-02-21T08:00:00+00:00', '2026-02-21T08:00:01+00:00', 'missing permission: Send Messages');
INSERT INTO scheduler VALUES ('last_tick', '2026-11-24T11:00:00+00:00');
"""


@pytest.fixture
def unversioned(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "thorup-bot.sqlite3") as connection:
        connection.executescript(UNVERSIONED)
    connection.close()
    return Location.sqlite(data)


async def test_a_database_made_before_versions_is_migrated_with_nothing_lost(unversioned):
    store = await Store.open(unversioned, at=NOW)
    assert await store.schema_version() == LATEST
    assert await store.qa_channels(1) == [10]
    assert store.is_qa_channel(10)
    [unanswered, voted] = await store.unanswered()
    assert (unanswered.question, unanswered.reason) == ("hvad hedder hans kone?", "unanswered")
    assert voted.reason == "down-voted"
    config = await store.reminder_config(1, "UTC")
    assert (config.countdown, config.enabled) == ((7, 1), True)
    [post] = await store.reminder_posts(1)
    assert post.occurrence == OccurrenceKey.birthday(dt.date(2026, 2, 21))
    assert (post.status, post.message_id) == ("sent", 600)
    assert await store.last_tick() == dt.datetime(2026, 11, 24, 11, tzinfo=dt.UTC)
    await store.close()


async def test_a_failure_recorded_as_english_text_is_kept_as_it_was(unversioned):
    store = await Store.open(unversioned, at=NOW)
    [failed] = await store.reminder_posts(2)
    assert failed.error == PostFailure(
        FailureReason.AS_RECORDED, {"text": "missing permission: Send Messages"}
    )
    await store.close()


async def test_the_migrated_database_takes_the_new_kinds_of_rows(unversioned):
    store = await Store.open(unversioned, at=NOW)
    assert await store.claim_answer(12345, NOW)
    assert await store.claim_post(1, OccurrenceKey.birthday(dt.date(2027, 2, 21)), 10, NOW)
    await store.close()


async def test_each_step_is_recorded_once_with_its_description(tmp_path):
    location = Location.sqlite(tmp_path)
    for _ in range(2):
        store = await Store.open(location, at=NOW)
        await store.close()
    with sqlite3.connect(location.path) as connection:
        rows = connection.execute("SELECT version, description FROM schema_migrations").fetchall()
    connection.close()
    assert rows == [(m.version, m.description) for m in MIGRATIONS]


async def test_a_database_from_a_newer_thorup_bot_is_refused_and_left_alone(tmp_path):
    location = Location.sqlite(tmp_path)
    store = await Store.open(location, at=NOW)
    await store.db.execute(
        "INSERT INTO schema_migrations VALUES (?, 'from the future', ?)", LATEST + 1, "x"
    )
    await store.close()
    with pytest.raises(StoreError, match=f"schema is version {LATEST + 1}.*upgrade thorup-bot"):
        await Store.open(location, at=NOW)


async def test_a_failing_step_leaves_the_database_at_the_version_before(tmp_path):
    from bot.migrations import migrate

    location = Location.sqlite(tmp_path)
    store = await Store.open(location, at=NOW)
    broken = (*MIGRATIONS, Migration(LATEST + 1, "broken", "CREATE TABLE oops (", "x"))
    with pytest.raises(sqlite3.Error):
        await migrate(store.db, NOW, broken)
    assert await store.schema_version() == LATEST
    await store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_processes_starting_at_once_migrate_once(backend, tmp_path, request):
    if backend == "sqlite":
        location = Location.sqlite(tmp_path)
    else:
        location = Location.postgresql(request.getfixturevalue("postgres_url"))
    stores = await asyncio.gather(*(Store.open(location, at=NOW) for _ in range(3)))
    versions = await stores[0].db.fetch("SELECT version FROM schema_migrations ORDER BY version")
    assert [row["version"] for row in versions] == [m.version for m in MIGRATIONS]
    for store in stores:
        await store.close()


class _RefusesAtFirst:
    """A stand-in database whose first answers to switching to WAL are what SQLite says while
    another process holds the file (a real race is too rare to stage: about 1 open in 25 when
    three processes start together)."""

    def __init__(self, refusals: int, error: str = "database is locked") -> None:
        self.refusals, self.error, self.tries = refusals, error, 0

    async def execute(self, sql: str) -> None:
        self.tries += 1
        if self.tries <= self.refusals:
            raise sqlite3.OperationalError(self.error)


async def test_switching_to_wal_while_another_process_holds_the_file_is_tried_again():
    db = _RefusesAtFirst(refusals=2)
    await use_wal(db)
    assert db.tries == 3


async def test_another_error_while_switching_to_wal_is_not_tried_again():
    db = _RefusesAtFirst(refusals=1, error="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        await use_wal(db)
    assert db.tries == 1
