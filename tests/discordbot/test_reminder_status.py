"""What `/reminders status` says, in the reader's language: why a post failed is stored as a
reason and its arguments and rendered when shown, so a Danish status line is Danish throughout.

simcord's users all have the locale en-US, so the Danish lines are rendered by the status module
directly, beside the English ones. The subject here lives in New York, not in Copenhagen like
the shipped one, so a default that comes from the subject is told apart from one written in code.
"""

import dataclasses
import datetime as dt
import sqlite3

import pytest

from bot.discordbot.cogs.reminders import _status
from bot.engine.reminder_occurrences import OccurrenceKey, ReminderConfig
from bot.store import FailureReason, PostFailure, PostStatus, ReminderPostRecord

CLAIMED = dt.datetime(2026, 2, 21, 8, tzinfo=dt.UTC)
CONFIG = ReminderConfig(1, channel_id=10, enabled=True, timezone="Europe/Copenhagen")
BIRTHDAY = OccurrenceKey.birthday(dt.date(2026, 2, 21))


@pytest.fixture(scope="module")
def facts(facts):
    return dataclasses.replace(
        facts, subject=dataclasses.replace(facts.subject, timezone="America/New_York")
    )


def failed(failure: PostFailure) -> ReminderPostRecord:
    return ReminderPostRecord(1, BIRTHDAY, PostStatus.FAILED, 10, None, CLAIMED, CLAIMED, failure)


async def test_a_server_that_chose_no_time_zone_gets_the_subjects(env, channel, admin):
    status = (await admin.slash(channel, "reminders status")).response.content
    assert "at 09:00 (America/New_York)" in status


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "⚠️ fødselsdag (2026-02-21): mangler tilladelsen Send beskeder, Integrer links"),
        ("en", "⚠️ birthday (2026-02-21): missing permission: Send Messages, Embed Links"),
    ],
)
def test_a_missing_permission_is_named_in_the_readers_language(language, expected):
    failure = PostFailure(
        FailureReason.MISSING_PERMISSIONS, {"permissions": "send_messages,embed_links"}
    )
    assert expected in _status.history_lines([failed(failure)], CONFIG, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "⚠️ fødselsdag (2026-02-21): Discord fejlede hele dagen: 502 Bad Gateway"),
        ("en", "⚠️ birthday (2026-02-21): Discord kept failing all day: 502 Bad Gateway"),
    ],
)
def test_discords_own_words_are_quoted_inside_the_readers_language(language, expected):
    failure = PostFailure(FailureReason.KEPT_FAILING, {"detail": "502 Bad Gateway"})
    assert expected in _status.history_lines([failed(failure)], CONFIG, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "⚠️ nedtælling 7 dage før (2026-02-14) blev ikke postet"),
        ("en", "⚠️ countdown 7 days before (2026-02-14) was not posted"),
    ],
)
def test_a_missed_countdown_is_named_by_its_days_and_its_date(language, expected):
    countdown = OccurrenceKey.countdown(7, dt.date(2026, 2, 14))
    missed = ReminderPostRecord(1, countdown, PostStatus.MISSED, 10, None, CLAIMED, CLAIMED, None)
    [_, problem] = _status.history_lines([missed], CONFIG, language)
    assert problem.startswith(expected)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("reason", list(FailureReason))
def test_every_failure_reason_has_a_text_in_both_languages(reason, language):
    every_argument = {"permissions": "send_messages", "status": "400", "detail": "x", "text": "y"}
    assert _status.failure_text(PostFailure(reason, every_argument), language)


async def test_a_failure_stored_as_english_text_by_an_older_version_is_still_shown(
    env, guild, channel, admin, store
):
    await store.claim_post(guild.id, BIRTHDAY, None, env.now())
    with sqlite3.connect(store.location.path) as db:  # as schema 3 recorded a failure
        db.execute(
            "UPDATE reminder_posts SET status = 'failed', error = 'missing permission: Send"
            " Messages'"
        )
    status = (await admin.slash(channel, "reminders status")).response.content
    assert "⚠️ birthday (2026-02-21): missing permission: Send Messages" in status
