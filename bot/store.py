"""The bot's state: Q&A channels, every question asked with its answer, feedback on answers,
reminder settings and reminder posts, and the claims that let several processes share them.

SQLite in the data folder by default, PostgreSQL when DATABASE_URL is set (see bot/database.py);
the queries here run unchanged on both. The schema is versioned (bot/migrations.py) and migrated
on open. A write that must be all or nothing is one transaction.

The Q&A-channel lookup runs for every message in every server, so it is answered from memory:
this process's own changes update it at once, and `refresh_qa_channels` (at most every few
seconds, before a lookup) picks up other processes' changes through a counter, not a reload.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import os
import socket
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from bot.database import (
    SQLITE_BUSY_SECONDS,
    Backend,
    Database,
    Location,
    Row,
    StoreError,
    open_database,
    sqlite_error,
    use_wal,
)
from bot.datafolder import make_private
from bot.engine.answers import Answer
from bot.engine.reminder_occurrences import OccurrenceKey, ReminderConfig
from bot.engine.text import MAX_QUESTION_CHARS
from bot.engine.verdicts import Verdict
from bot.migrations import SchemaTooNewError, migrate, schema_version
from bot.settings import Settings

log = logging.getLogger(__name__)

# The tables that hold the bot's state, in an order that `db copy` can insert them in.
TABLES = (
    "qa_channels",
    "questions",
    "feedback",
    "reminders",
    "reminder_posts",
    "scheduler",
    "answer_claims",
)
# Discord message ids carry their time: ids this far in the past are no longer claimed twice.
_ANSWER_CLAIMS_KEPT = dt.timedelta(days=2)
_DISCORD_EPOCH_MS = 1_420_070_400_000
_PRUNE_EVERY = 1000


@dataclass(frozen=True)
class AskedQuestion:
    question: str
    fact_id: str | None
    language: str


class PostStatus(enum.StrEnum):
    """Where a reminder post stands; stored as its value."""

    CLAIMED = "claimed"  # a process is making it
    SENT = "sent"
    FAILED = "failed"
    MISSED = "missed"  # its day passed while no process made it


class FailureReason(enum.StrEnum):
    """Why a reminder post was not made; stored as its value, shown through the text catalog
    (`rem_failure_<value>`) in the reader's language."""

    CHANNEL_GONE = "channel_gone"
    MISSING_PERMISSIONS = "missing_permissions"  # permissions: discord.py's flag names, "a,b"
    FORBIDDEN = "forbidden"  # Discord refused the post for a permission
    HISTORY_FORBIDDEN = "history_forbidden"  # the channel's history could not be read
    DISCORD_REFUSED = "discord_refused"  # status, detail: Discord's HTTP status and text
    SETTINGS_CHANGED = "settings_changed"  # before a post to try again was made
    UNEXPECTED = "unexpected"  # a bug: the log has the traceback
    KEPT_FAILING = "kept_failing"  # detail: the last passing failure, till the day ended
    NO_ANSWER_ALL_DAY = "no_answer_all_day"  # Discord never answered in time, all day
    DAY_PASSED = "day_passed"  # claimed before a restart; its day was over after it
    # Recorded before failures carried a key (schema 3), or with a key this version does not
    # know (a newer one in a rolling upgrade): text, shown as it is.
    AS_RECORDED = "as_recorded"


@dataclass(frozen=True)
class PostFailure:
    """Why a post failed: a reason and its arguments, rendered when read, not English prose."""

    reason: FailureReason
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReminderPostRecord:
    """What became of one reminder occurrence in one server."""

    guild_id: int
    occurrence: OccurrenceKey
    status: PostStatus
    channel_id: int | None
    message_id: int | None
    claimed_at: dt.datetime
    finished_at: dt.datetime | None
    error: PostFailure | None


@dataclass(frozen=True)
class ReminderSnapshot:
    """Every server's reminder settings and handled posts, read at once for a scheduler wake. A
    settings row that cannot be read is kept aside with its error, so it stops only its server."""

    configs: list[ReminderConfig]
    updated_at: dict[int, dt.datetime]
    # The occurrences each server has a post row for; the tick adds those it claims.
    handled: dict[int, set[OccurrenceKey]]
    unreadable: dict[int, Exception]


@dataclass(frozen=True)
class Unanswered:
    """A question worth adding to the fact base, and why."""

    question: str
    times: int
    reason: str  # "unanswered" or "down-voted"
    fact_id: str | None


class Evidence(enum.StrEnum):
    """Why a fan's wording is known to mean an intent."""

    CLICKED = Verdict.CLICKED.value  # they picked the intent from "did you mean"
    UP_VOTED = "up-voted"  # its answer got more 👍 than 👎


@dataclass(frozen=True)
class ConfirmedQuestion:
    """A fan's wording of a question, and the intent that answered it to their satisfaction."""

    question: str
    fact_id: str
    language: str
    times: int
    evidence: Evidence


def process_name() -> str:
    """Who holds a claim: unique per process, readable in `db status` and the logs."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Store:
    def __init__(self, db: Database, owner: str) -> None:
        self.db = db
        self.owner = owner
        self._qa_channels: set[int] = set()
        self._qa_version: int | None = None
        self._qa_checked: dt.datetime | None = None
        self._claims = 0

    @classmethod
    async def open(
        cls,
        location: Location,
        *,
        at: dt.datetime | None = None,
        retry_seconds: float = 0.0,
        owner: str | None = None,
    ) -> Store:
        """Connect, check, migrate and load the Q&A channels; every fault is one StoreError."""
        db = await open_database(location, retry_seconds)
        store = cls(db, owner or process_name())
        try:
            if db.backend is Backend.SQLITE:
                check = await db.fetchval("PRAGMA quick_check")
                if check != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed: {check}")
                # Only after the check: switching to WAL writes to the file's header.
                await use_wal(db)
            now = at or dt.datetime.now(dt.UTC)
            await migrate(db, now)
            if db.backend is Backend.SQLITE:
                await db.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_SECONDS * 1000)}")
            await store.refresh_qa_channels()
            await store.forget_old_answer_claims(now)
        except BaseException as exc:
            await db.close()
            raise _open_error(location, exc) from None
        return store

    @classmethod
    async def in_folder(cls, data_dir: Path) -> Store:
        return await cls.open(Location.sqlite(data_dir))

    @property
    def location(self) -> Location:
        return self.db.location

    async def close(self) -> None:
        await self.db.close()

    async def schema_version(self) -> int:
        return await schema_version(self.db)

    async def row_counts(self) -> dict[str, int]:
        return {
            table: int(await self.db.fetchval(f"SELECT count(*) FROM {table}")) for table in TABLES
        }

    # Q&A channels: where every message is taken as a question.
    async def add_qa_channel(self, guild_id: int, channel_id: int) -> bool:
        added = await self._change_qa_channels(
            "INSERT INTO qa_channels (guild_id, channel_id) VALUES (?, ?)"
            " ON CONFLICT (channel_id) DO NOTHING",
            guild_id,
            channel_id,
        )
        if added:
            self._qa_channels.add(channel_id)
        return added

    async def remove_qa_channel(self, guild_id: int, channel_id: int) -> bool:
        removed = await self._change_qa_channels(
            "DELETE FROM qa_channels WHERE guild_id = ? AND channel_id = ?", guild_id, channel_id
        )
        if removed:
            self._qa_channels.discard(channel_id)
        return removed

    async def _change_qa_channels(self, sql: str, *args: Any) -> bool:
        async with self.db.transaction() as tx:
            changed = await tx.execute(sql, *args) == 1
            if changed:
                await tx.execute(
                    "UPDATE changes SET version = version + 1 WHERE topic = 'qa_channels'"
                )
        return changed

    async def qa_channels(self, guild_id: int) -> list[int]:
        rows = await self.db.fetch(
            "SELECT channel_id FROM qa_channels WHERE guild_id = ? ORDER BY channel_id", guild_id
        )
        return [row["channel_id"] for row in rows]

    def is_qa_channel(self, channel_id: int) -> bool:
        """From memory: this runs for every message the bot sees."""
        return channel_id in self._qa_channels

    async def refresh_qa_channels(
        self, now: dt.datetime | None = None, every: dt.timedelta | None = None
    ) -> bool:
        """Pick up Q&A channels changed by other processes (one counter read; the channels are
        read again only when it moved); True if anything changed. With `every`, at most once
        per that long."""
        if now is not None and every is not None:
            if self._qa_checked is not None and now - self._qa_checked < every:
                return False
            self._qa_checked = now
        version = await self.db.fetchval("SELECT version FROM changes WHERE topic = 'qa_channels'")
        if version == self._qa_version:
            return False
        rows = await self.db.fetch("SELECT channel_id FROM qa_channels")
        self._qa_channels = {row["channel_id"] for row in rows}
        self._qa_version = version
        return True

    # Answers: each message is answered by one process only.
    async def claim_answer(self, message_id: int, at: dt.datetime) -> bool:
        """True if this process may answer the message; False if another one already did."""
        claimed = await self.db.execute(
            "INSERT INTO answer_claims (message_id, owner, claimed_at) VALUES (?, ?, ?)"
            " ON CONFLICT (message_id) DO NOTHING",
            message_id,
            self.owner,
            _stamp(at),
        )
        self._claims += 1
        if self._claims % _PRUNE_EVERY == 0:
            await self.forget_old_answer_claims(at)
        return claimed == 1

    async def forget_old_answer_claims(self, now: dt.datetime) -> int:
        oldest = int((now - _ANSWER_CLAIMS_KEPT).timestamp() * 1000) - _DISCORD_EPOCH_MS
        return await self.db.execute("DELETE FROM answer_claims WHERE message_id < ?", oldest << 22)

    # Questions and feedback: what the fact base should learn next.
    async def record_question(
        self,
        answer: Answer,
        *,
        at: dt.datetime,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int | None,
        message_id: int | None,
    ) -> None:
        async with self.db.transaction() as tx:
            # A message answered anew (a "did you mean" clicked) keeps the earlier question on
            # record, unanswered as it was; the message now belongs to the new answer.
            if message_id is not None:
                await tx.execute(
                    "UPDATE questions SET message_id = NULL WHERE message_id = ?", message_id
                )
            await tx.execute(
                "INSERT INTO questions (asked_at, guild_id, channel_id, user_id, message_id,"
                " question, answered, verdict, fact_id, language, confidence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _stamp(at),
                guild_id,
                channel_id,
                user_id,
                message_id,
                " ".join(answer.question.split())[:MAX_QUESTION_CHARS],
                int(answer.answered),
                str(answer.verdict),
                answer.fact_id,
                answer.language,
                float(answer.confidence),
            )

    async def question_for_message(self, message_id: int) -> AskedQuestion | None:
        row = await self.db.fetchrow(
            "SELECT question, fact_id, language FROM questions WHERE message_id = ?", message_id
        )
        if row is None:
            return None
        return AskedQuestion(row["question"], row["fact_id"], row["language"])

    async def record_feedback(
        self, message_id: int, user_id: int, vote: int, at: dt.datetime
    ) -> None:
        """One vote per person per answer; voting again replaces the earlier vote."""
        await self.db.execute(
            "INSERT INTO feedback (message_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (message_id, user_id)"
            " DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
            message_id,
            user_id,
            1 if vote > 0 else -1,
            _stamp(at),
        )

    async def unanswered(self, limit: int = 20) -> list[Unanswered]:
        """The most frequent unanswered questions, then the most down-voted answers."""
        rows = await self.db.fetch(
            "SELECT lower(question) AS question, count(*) AS times FROM questions"
            " WHERE answered = 0 AND verdict NOT IN ('empty', 'smalltalk')"
            " GROUP BY lower(question) ORDER BY count(*) DESC, lower(question) LIMIT ?",
            limit,
        )
        voted = await self.db.fetch(
            "SELECT lower(q.question) AS question, count(*) AS times, q.fact_id AS fact_id"
            " FROM feedback f JOIN questions q ON q.message_id = f.message_id"
            " WHERE f.vote < 0 GROUP BY lower(q.question), q.fact_id"
            " ORDER BY count(*) DESC, lower(q.question) LIMIT ?",
            limit,
        )
        return [Unanswered(r["question"], int(r["times"]), "unanswered", None) for r in rows] + [
            Unanswered(r["question"], int(r["times"]), "down-voted", r["fact_id"]) for r in voted
        ]

    async def confirmed_questions(self) -> list[ConfirmedQuestion]:
        """Clicked suggestions and up-voted answers, most frequent first: `thorup-bot learn`."""
        clicked = await self.db.fetch(
            "SELECT min(question) AS question, fact_id, language, count(*) AS times"
            " FROM questions WHERE verdict = ? AND fact_id IS NOT NULL"
            " GROUP BY lower(question), fact_id, language",
            Verdict.CLICKED.value,
        )
        up_voted = await self.db.fetch(
            "SELECT min(q.question) AS question, q.fact_id AS fact_id, q.language AS language,"
            " count(*) AS times"
            " FROM questions q JOIN (SELECT message_id, sum(vote) AS score FROM feedback"
            " GROUP BY message_id) f ON f.message_id = q.message_id"
            " WHERE f.score > 0 AND q.answered = 1 AND q.fact_id IS NOT NULL"
            " GROUP BY lower(q.question), q.fact_id, q.language",
        )
        found = [_confirmed(row, Evidence.CLICKED) for row in clicked] + [
            _confirmed(row, Evidence.UP_VOTED) for row in up_voted
        ]
        return sorted(found, key=lambda c: (-c.times, c.question.lower()))

    # Reminder settings, one row per server.
    async def reminder_config(self, guild_id: int, default_timezone: str) -> ReminderConfig:
        row = await self.db.fetchrow(_CONFIG_COLUMNS + " WHERE guild_id = ?", guild_id)
        if row is None:
            return ReminderConfig(guild_id, timezone=default_timezone)
        return _config(row)

    async def reminder_snapshot(self) -> ReminderSnapshot:
        """Two queries, however many servers there are."""
        snapshot = ReminderSnapshot([], {}, {}, {})
        for row in await self.db.fetch(_CONFIG_COLUMNS + " ORDER BY guild_id"):
            try:
                config = _config(row)
                updated_at = dt.datetime.fromisoformat(row["updated_at"])
            except (ValueError, TypeError, AttributeError) as exc:
                snapshot.unreadable[row["guild_id"]] = exc
                continue
            snapshot.configs.append(config)
            snapshot.updated_at[config.guild_id] = updated_at
        for row in await self.db.fetch("SELECT guild_id, occurrence FROM reminder_posts"):
            key = _occurrence(row)
            if key is not None:
                snapshot.handled.setdefault(row["guild_id"], set()).add(key)
        return snapshot

    async def reminder_guilds(self) -> list[int]:
        """The servers with reminder settings: read one by one, a damaged row stops only itself."""
        rows = await self.db.fetch("SELECT guild_id FROM reminders ORDER BY guild_id")
        return [int(row["guild_id"]) for row in rows]

    async def save_reminder_config(self, config: ReminderConfig, at: dt.datetime) -> None:
        await self.db.execute(
            "INSERT INTO reminders (guild_id, channel_id, time, timezone, countdown,"
            " language, enabled, ping_role_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
            " time = excluded.time, timezone = excluded.timezone,"
            " countdown = excluded.countdown, language = excluded.language,"
            " enabled = excluded.enabled, ping_role_id = excluded.ping_role_id,"
            " updated_at = excluded.updated_at",
            config.guild_id,
            config.channel_id,
            config.time.strftime("%H:%M"),
            config.timezone,
            ",".join(str(days) for days in config.countdown),
            config.language,
            int(config.enabled),
            config.ping_role_id,
            _stamp(at),
        )

    # Reminder posts: claimed before sending, finished after, so each is made at most once,
    # whichever process claims it first.
    async def claim_post(
        self, guild_id: int, occurrence: OccurrenceKey, channel_id: int | None, at: dt.datetime
    ) -> bool:
        """True if this call claimed the occurrence; False if it was claimed or done before."""
        claimed = await self.db.execute(
            "INSERT INTO reminder_posts (guild_id, occurrence, status, channel_id, claimed_at,"
            " owner) VALUES (?, ?, 'claimed', ?, ?, ?)"
            " ON CONFLICT (guild_id, occurrence) DO NOTHING",
            guild_id,
            str(occurrence),
            channel_id,
            _stamp(at),
            self.owner,
        )
        return claimed == 1

    async def take_over_stale_claims(
        self,
        now: dt.datetime,
        older_than: dt.timedelta,
        serves: Callable[[int], bool] = lambda guild_id: True,
    ) -> list[ReminderPostRecord]:
        """Claims never confirmed and neither made nor renewed for longer than a live process
        lets pass (their process died), each now this process's to resolve. A claim a live
        process holds is renewed by it (`renew_claim`), and left alone. The claim time stays
        as it was: a post may have reached Discord since then."""
        # One query finds the stale claims; a tick with none (the usual case) stops there.
        stale = {
            (row["guild_id"], row["occurrence"]): row["lease"]
            for row in await self.db.fetch(
                "SELECT guild_id, occurrence, coalesce(renewed_at, claimed_at) AS lease"
                " FROM reminder_posts WHERE status = 'claimed'"
                " AND coalesce(renewed_at, claimed_at) <= ?",
                _stamp(now - older_than),
            )
        }
        if not stale:
            return []
        taken = []
        for record in await self.reminder_posts(status=PostStatus.CLAIMED):
            lease = stale.get((record.guild_id, str(record.occurrence)))
            if lease is None or not serves(record.guild_id):
                continue
            # The claim moves to us only if nobody took it over or renewed it in the meantime.
            moved = await self.db.execute(
                "UPDATE reminder_posts SET owner = ?, renewed_at = ?"
                " WHERE guild_id = ? AND occurrence = ? AND status = 'claimed'"
                " AND coalesce(renewed_at, claimed_at) = ?",
                self.owner,
                _stamp(now),
                record.guild_id,
                str(record.occurrence),
                lease,
            )
            if moved == 1:
                taken.append(record)
        return taken

    async def renew_claim(self, guild_id: int, occurrence: OccurrenceKey, at: dt.datetime) -> bool:
        """Keep a claim this process still works on (a post to try again later) from being
        taken over; False if it is no longer ours."""
        renewed = await self.db.execute(
            "UPDATE reminder_posts SET renewed_at = ?"
            " WHERE guild_id = ? AND occurrence = ? AND status = 'claimed' AND owner = ?",
            _stamp(at),
            guild_id,
            str(occurrence),
            self.owner,
        )
        return renewed == 1

    async def finish_post(
        self,
        guild_id: int,
        occurrence: OccurrenceKey,
        status: PostStatus,
        at: dt.datetime,
        message_id: int | None = None,
        error: PostFailure | None = None,
    ) -> None:
        await self.db.execute(
            "UPDATE reminder_posts SET status = ?, message_id = ?, error_key = ?,"
            " error_args = ?, finished_at = ? WHERE guild_id = ? AND occurrence = ?",
            status,
            message_id,
            error.reason.value if error else None,
            json.dumps(dict(error.args)) if error and error.args else None,
            _stamp(at),
            guild_id,
            str(occurrence),
        )

    async def record_missed(
        self, guild_id: int, occurrence: OccurrenceKey, at: dt.datetime
    ) -> None:
        await self.db.execute(
            "INSERT INTO reminder_posts (guild_id, occurrence, status, claimed_at, finished_at,"
            " owner) VALUES (?, ?, 'missed', ?, ?, ?)"
            " ON CONFLICT (guild_id, occurrence) DO NOTHING",
            guild_id,
            str(occurrence),
            _stamp(at),
            _stamp(at),
            self.owner,
        )

    async def reminder_posts(
        self, guild_id: int | None = None, status: PostStatus | None = None
    ) -> list[ReminderPostRecord]:
        """Posts, newest claim first, optionally of one server and one status."""
        conditions: list[str] = []
        args: list[object] = []
        if guild_id is not None:
            conditions.append("guild_id = ?")
            args.append(guild_id)
        if status is not None:
            conditions.append("status = ?")
            args.append(status)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = await self.db.fetch(
            "SELECT guild_id, occurrence, status, channel_id, message_id, claimed_at,"
            f" finished_at, error, error_key, error_args FROM reminder_posts{where}"
            " ORDER BY claimed_at DESC, occurrence DESC",
            *args,
        )
        return [
            ReminderPostRecord(
                guild_id=row["guild_id"],
                occurrence=key,
                status=PostStatus(row["status"]),
                channel_id=row["channel_id"],
                message_id=row["message_id"],
                claimed_at=dt.datetime.fromisoformat(row["claimed_at"]),
                finished_at=dt.datetime.fromisoformat(row["finished_at"])
                if row["finished_at"]
                else None,
                error=_failure(row),
            )
            for row in rows
            if (key := _occurrence(row)) is not None
        ]

    async def handled_occurrences(self, guild_id: int) -> set[OccurrenceKey]:
        rows = await self.db.fetch(
            "SELECT guild_id, occurrence FROM reminder_posts WHERE guild_id = ?", guild_id
        )
        return {key for row in rows if (key := _occurrence(row)) is not None}

    # The scheduler's last look, to tell which reminders fell in a time the bot was down.
    async def last_tick(self) -> dt.datetime | None:
        value = await self.db.fetchval("SELECT value FROM scheduler WHERE key = 'last_tick'")
        return dt.datetime.fromisoformat(value) if value else None

    async def set_last_tick(self, at: dt.datetime) -> None:
        await self.db.execute(
            "INSERT INTO scheduler (key, value) VALUES ('last_tick', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            _stamp(at),
        )


_CONFIG_COLUMNS = (
    "SELECT guild_id, channel_id, time, timezone, countdown, language, enabled, ping_role_id,"
    " updated_at FROM reminders"
)


def _config(row: Row) -> ReminderConfig:
    return ReminderConfig(
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        time=dt.time.fromisoformat(row["time"]),
        timezone=row["timezone"],
        countdown=tuple(int(days) for days in row["countdown"].split(",") if days),
        language=row["language"],
        enabled=bool(row["enabled"]),
        ping_role_id=row["ping_role_id"],
    )


def _occurrence(row: Row) -> OccurrenceKey | None:
    """A post row's occurrence; None for one this version cannot read (a kind a newer version
    added, or damage): no occurrence computed here is that one, so the row is left alone."""
    try:
        return OccurrenceKey.parse(row["occurrence"])
    except ValueError:
        log.warning(
            "Reminder post %r of guild %s is not one this version knows; left alone",
            row["occurrence"],
            row["guild_id"],
        )
        return None


def _failure(row: Row) -> PostFailure | None:
    key, prose = row["error_key"], row["error"]
    if key is None:
        return PostFailure(FailureReason.AS_RECORDED, {"text": prose}) if prose else None
    try:
        reason = FailureReason(key)
    except ValueError:
        return PostFailure(FailureReason.AS_RECORDED, {"text": key})
    return PostFailure(reason, json.loads(row["error_args"] or "{}"))


def _confirmed(row: Row, evidence: Evidence) -> ConfirmedQuestion:
    return ConfirmedQuestion(
        row["question"], row["fact_id"], row["language"], int(row["times"]), evidence
    )


def _stamp(at: dt.datetime) -> str:
    """Times in UTC, so that comparing the stored text compares the moments."""
    return at.astimezone(dt.UTC).isoformat()


def _open_error(location: Location, exc: BaseException) -> BaseException:
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return sqlite_error(location, exc)
    if isinstance(exc, SchemaTooNewError):
        return StoreError(f"the database {location} cannot be used: {exc}")
    if isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError | OSError):
        return StoreError(f"the database at {location} failed while opening: {exc}")
    return exc


def location_for(settings: Settings) -> Location:
    """PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR."""
    if settings.database_url is not None:
        return Location.postgresql(settings.database_url.reveal())
    return Location.sqlite(settings.data_dir)


async def open_store(settings: Settings) -> Store:
    """The store the settings name, waiting for a PostgreSQL server that is still starting; a
    SQLite data folder and file are made private to the bot's user first."""
    location = location_for(settings)
    if location.path is not None:
        make_private(settings.data_dir, location.path)
    return await Store.open(location, retry_seconds=settings.database_retry_seconds)
