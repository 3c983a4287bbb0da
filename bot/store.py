"""SQLite storage: Q&A channels, every question asked with its answer, and feedback on answers.

One file in the data folder, nothing to install. Each write is its own transaction, so a crash
loses at most the write under way. The standard library's sqlite3 is enough: every statement here
touches a handful of rows and returns in well under a millisecond, far less than a Discord round
trip, so it does not need a thread of its own.
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.engine.answers import Answer
from bot.engine.reminder_schedule import ReminderConfig
from bot.engine.verdicts import Verdict

DB_NAME = "thorup-bot.sqlite3"
MAX_STORED_QUESTION = 300

_SCHEMA = """
CREATE TABLE IF NOT EXISTS qa_channels (
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS questions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at   TEXT NOT NULL,
    guild_id   INTEGER,
    channel_id INTEGER,
    user_id    INTEGER,
    message_id INTEGER UNIQUE,
    question   TEXT NOT NULL,
    answered   INTEGER NOT NULL,
    verdict    TEXT NOT NULL,
    fact_id    TEXT,
    language   TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS reminders (
    guild_id     INTEGER PRIMARY KEY,
    channel_id   INTEGER,
    time         TEXT NOT NULL,
    timezone     TEXT NOT NULL,
    countdown    TEXT NOT NULL,
    language     TEXT NOT NULL,
    enabled      INTEGER NOT NULL,
    ping_role_id INTEGER,
    updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reminder_posts (
    guild_id    INTEGER NOT NULL,
    occurrence  TEXT NOT NULL,
    status      TEXT NOT NULL,
    channel_id  INTEGER,
    message_id  INTEGER,
    claimed_at  TEXT NOT NULL,
    finished_at TEXT,
    error       TEXT,
    PRIMARY KEY (guild_id, occurrence)
);
CREATE TABLE IF NOT EXISTS scheduler (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    message_id INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    vote       INTEGER NOT NULL,
    voted_at   TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
"""


@dataclass(frozen=True)
class AskedQuestion:
    question: str
    fact_id: str | None
    language: str


@dataclass(frozen=True)
class ReminderPostRecord:
    """What became of one reminder occurrence in one server."""

    guild_id: int
    occurrence: str
    status: str  # "claimed", "sent", "failed" or "missed"
    channel_id: int | None
    message_id: int | None
    claimed_at: dt.datetime
    finished_at: dt.datetime | None
    error: str | None


@dataclass(frozen=True)
class Unanswered:
    """A question worth adding to the fact base, and why."""

    question: str
    times: int
    reason: str  # "unanswered" or "down-voted"
    fact_id: str | None


# The verdict on record for a "did you mean" a fan clicked: their own question, the intent picked.
CLICKED = Verdict.CLICKED


class Evidence(enum.StrEnum):
    """Why a fan's wording is known to mean an intent."""

    CLICKED = CLICKED  # they picked the intent from "did you mean"
    UP_VOTED = "up-voted"  # its answer got more 👍 than 👎


@dataclass(frozen=True)
class ConfirmedQuestion:
    """A fan's wording of a question, and the intent that answered it to their satisfaction."""

    question: str
    fact_id: str
    language: str
    times: int
    evidence: Evidence


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def in_folder(cls, data_dir: Path) -> Store:
        return cls(data_dir / DB_NAME)

    def close(self) -> None:
        self._db.close()

    # Q&A channels: where every message is taken as a question.
    def add_qa_channel(self, guild_id: int, channel_id: int) -> bool:
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO qa_channels (guild_id, channel_id) VALUES (?, ?)",
            (guild_id, channel_id),
        )
        return cursor.rowcount == 1

    def remove_qa_channel(self, guild_id: int, channel_id: int) -> bool:
        cursor = self._db.execute(
            "DELETE FROM qa_channels WHERE guild_id = ? AND channel_id = ?", (guild_id, channel_id)
        )
        return cursor.rowcount == 1

    def qa_channels(self, guild_id: int) -> list[int]:
        rows = self._db.execute(
            "SELECT channel_id FROM qa_channels WHERE guild_id = ? ORDER BY channel_id", (guild_id,)
        )
        return [row[0] for row in rows]

    def is_qa_channel(self, channel_id: int) -> bool:
        row = self._db.execute("SELECT 1 FROM qa_channels WHERE channel_id = ?", (channel_id,))
        return row.fetchone() is not None

    # Questions and feedback: what the fact base should learn next.
    def record_question(
        self,
        answer: Answer,
        *,
        at: dt.datetime,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int | None,
        message_id: int | None,
    ) -> None:
        # A message answered anew (a "did you mean" clicked) keeps the earlier question on
        # record, unanswered as it was; the message now belongs to the new answer.
        if message_id is not None:
            self._db.execute(
                "UPDATE questions SET message_id = NULL WHERE message_id = ?", (message_id,)
            )
        self._db.execute(
            "INSERT INTO questions (asked_at, guild_id, channel_id, user_id, message_id,"
            " question, answered, verdict, fact_id, language, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                at.isoformat(),
                guild_id,
                channel_id,
                user_id,
                message_id,
                " ".join(answer.question.split())[:MAX_STORED_QUESTION],
                int(answer.answered),
                answer.verdict,
                answer.fact_id,
                answer.language,
                answer.confidence,
            ),
        )

    def question_for_message(self, message_id: int) -> AskedQuestion | None:
        row = self._db.execute(
            "SELECT question, fact_id, language FROM questions WHERE message_id = ?", (message_id,)
        ).fetchone()
        return AskedQuestion(*row) if row else None

    def record_feedback(self, message_id: int, user_id: int, vote: int, at: dt.datetime) -> None:
        """One vote per person per answer; voting again replaces the earlier vote."""
        self._db.execute(
            "INSERT OR REPLACE INTO feedback (message_id, user_id, vote, voted_at)"
            " VALUES (?, ?, ?, ?)",
            (message_id, user_id, 1 if vote > 0 else -1, at.isoformat()),
        )

    def unanswered(self, limit: int = 20) -> list[Unanswered]:
        """The most frequent unanswered questions, then the most down-voted answers."""
        rows = self._db.execute(
            "SELECT lower(question), count(*), 'unanswered', NULL FROM questions"
            " WHERE answered = 0 AND verdict NOT IN ('empty', 'smalltalk')"
            " GROUP BY lower(question) ORDER BY count(*) DESC, lower(question) LIMIT ?",
            (limit,),
        ).fetchall()
        rows += self._db.execute(
            "SELECT lower(q.question), count(*), 'down-voted', q.fact_id"
            " FROM feedback f JOIN questions q ON q.message_id = f.message_id"
            " WHERE f.vote < 0 GROUP BY lower(q.question), q.fact_id"
            " ORDER BY count(*) DESC, lower(q.question) LIMIT ?",
            (limit,),
        ).fetchall()
        return [Unanswered(*row) for row in rows]

    def confirmed_questions(self) -> list[ConfirmedQuestion]:
        """Clicked suggestions and up-voted answers, most frequent first: `thorup-bot learn`."""
        rows = self._db.execute(
            "SELECT min(question), fact_id, language, count(*), ? FROM questions"
            " WHERE verdict = ? AND fact_id IS NOT NULL"
            " GROUP BY lower(question), fact_id, language",
            (Evidence.CLICKED.value, CLICKED),
        ).fetchall()
        rows += self._db.execute(
            "SELECT min(q.question), q.fact_id, q.language, count(*), ?"
            " FROM questions q JOIN (SELECT message_id, sum(vote) AS score FROM feedback"
            " GROUP BY message_id) f ON f.message_id = q.message_id"
            " WHERE f.score > 0 AND q.answered = 1 AND q.fact_id IS NOT NULL"
            " GROUP BY lower(q.question), q.fact_id, q.language",
            (Evidence.UP_VOTED.value,),
        ).fetchall()
        found = [ConfirmedQuestion(*row[:4], Evidence(row[4])) for row in rows]
        return sorted(found, key=lambda c: (-c.times, c.question.lower()))

    # Reminder settings, one row per server.
    def reminder_config(self, guild_id: int, default_timezone: str) -> ReminderConfig:
        row = self._db.execute(
            "SELECT channel_id, time, timezone, countdown, language, enabled, ping_role_id"
            " FROM reminders WHERE guild_id = ?",
            (guild_id,),
        ).fetchone()
        if row is None:
            return ReminderConfig(guild_id, timezone=default_timezone)
        return _config(guild_id, row)

    def reminder_guilds(self) -> list[int]:
        """The servers with reminder settings: read one by one, a damaged row stops only itself."""
        rows = self._db.execute("SELECT guild_id FROM reminders ORDER BY guild_id")
        return [row[0] for row in rows]

    def save_reminder_config(self, config: ReminderConfig, at: dt.datetime) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO reminders (guild_id, channel_id, time, timezone, countdown,"
            " language, enabled, ping_role_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                config.guild_id,
                config.channel_id,
                config.time.strftime("%H:%M"),
                config.timezone,
                ",".join(str(days) for days in config.countdown),
                config.language,
                int(config.enabled),
                config.ping_role_id,
                at.isoformat(),
            ),
        )

    def reminder_updated_at(self, guild_id: int) -> dt.datetime | None:
        row = self._db.execute(
            "SELECT updated_at FROM reminders WHERE guild_id = ?", (guild_id,)
        ).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row else None

    # Reminder posts: claimed before sending, finished after, so each is made at most once.
    def claim_post(self, guild_id: int, occurrence: str, channel_id: int, at: dt.datetime) -> bool:
        """True if this call claimed the occurrence; False if it was claimed or done before."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO reminder_posts (guild_id, occurrence, status, channel_id,"
            " claimed_at) VALUES (?, ?, 'claimed', ?, ?)",
            (guild_id, occurrence, channel_id, at.isoformat()),
        )
        return cursor.rowcount == 1

    def finish_post(
        self,
        guild_id: int,
        occurrence: str,
        status: str,
        at: dt.datetime,
        message_id: int | None = None,
        error: str | None = None,
    ) -> None:
        self._db.execute(
            "UPDATE reminder_posts SET status = ?, message_id = ?, error = ?, finished_at = ?"
            " WHERE guild_id = ? AND occurrence = ?",
            (status, message_id, error, at.isoformat(), guild_id, occurrence),
        )

    def record_missed(self, guild_id: int, occurrence: str, at: dt.datetime) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO reminder_posts (guild_id, occurrence, status, claimed_at,"
            " finished_at) VALUES (?, ?, 'missed', ?, ?)",
            (guild_id, occurrence, at.isoformat(), at.isoformat()),
        )

    def reminder_posts(
        self, guild_id: int | None = None, status: str | None = None
    ) -> list[ReminderPostRecord]:
        """Posts, newest claim first, optionally of one server and one status."""
        rows = self._db.execute(
            "SELECT guild_id, occurrence, status, channel_id, message_id, claimed_at, finished_at,"
            " error FROM reminder_posts"
            " WHERE (? IS NULL OR guild_id = ?) AND (? IS NULL OR status = ?)"
            " ORDER BY claimed_at DESC, occurrence DESC",
            (guild_id, guild_id, status, status),
        )
        return [
            ReminderPostRecord(
                *row[:5],
                dt.datetime.fromisoformat(row[5]),
                dt.datetime.fromisoformat(row[6]) if row[6] else None,
                row[7],
            )
            for row in rows
        ]

    def handled_occurrences(self, guild_id: int) -> set[str]:
        rows = self._db.execute(
            "SELECT occurrence FROM reminder_posts WHERE guild_id = ?", (guild_id,)
        )
        return {row[0] for row in rows}

    # The scheduler's last look, to tell which reminders fell in a time the bot was down.
    def last_tick(self) -> dt.datetime | None:
        row = self._db.execute("SELECT value FROM scheduler WHERE key = 'last_tick'").fetchone()
        return dt.datetime.fromisoformat(row[0]) if row else None

    def set_last_tick(self, at: dt.datetime) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO scheduler (key, value) VALUES ('last_tick', ?)",
            (at.isoformat(),),
        )


def _config(guild_id: int, row: tuple) -> ReminderConfig:
    channel_id, time, timezone, countdown, language, enabled, ping_role_id = row
    return ReminderConfig(
        guild_id=guild_id,
        channel_id=channel_id,
        time=dt.time.fromisoformat(time),
        timezone=timezone,
        countdown=tuple(int(days) for days in countdown.split(",") if days),
        language=language,
        enabled=bool(enabled),
        ping_role_id=ping_role_id,
    )
