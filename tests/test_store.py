"""The store, the same specification on both backends: SQLite in a temporary folder and a real
PostgreSQL started by the test suite (see postgres_server.py)."""

import asyncio
import contextlib
import dataclasses
import datetime as dt

import pytest

from bot.database import Backend, Location
from bot.engine.reminder_occurrences import OccurrenceKey, ReminderConfig
from bot.engine.verdicts import Verdict
from bot.migrations import LATEST
from bot.store import (
    ConfirmedQuestion,
    Evidence,
    FailureReason,
    PostFailure,
    PostStatus,
    Store,
)
from tests.store_records import NOW, record

BIRTHDAY = OccurrenceKey.birthday(dt.date(2027, 2, 21))
DAY_BEFORE = OccurrenceKey.countdown(1, dt.date(2027, 2, 20))


@pytest.fixture(params=[Backend.SQLITE, Backend.POSTGRESQL])
def location(request, tmp_path):
    if request.param is Backend.SQLITE:
        return Location.sqlite(tmp_path / "data")
    return Location.postgresql(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def store(location):
    store = await Store.open(location, at=NOW, owner="first")
    yield store
    await store.close()


@pytest.fixture
async def other_process(location, store):
    """A second process on the same database (opened after the first)."""
    other = await Store.open(location, at=NOW, owner="second")
    yield other
    await other.close()


async def test_a_new_database_gets_the_latest_schema(store):
    assert await store.schema_version() == LATEST


async def test_opening_again_migrates_nothing_and_keeps_the_data(location, store):
    await store.add_qa_channel(1, 10)
    await store.close()
    reopened = await Store.open(location, at=NOW)
    assert await reopened.schema_version() == LATEST
    assert await reopened.qa_channels(1) == [10]
    await reopened.close()


async def test_qa_channels_are_added_once_listed_and_removed(store):
    assert await store.add_qa_channel(1, 10)
    assert not await store.add_qa_channel(1, 10)
    assert await store.qa_channels(1) == [10]
    assert store.is_qa_channel(10)
    assert await store.remove_qa_channel(1, 10)
    assert not store.is_qa_channel(10)


async def test_a_qa_channel_added_by_another_process_is_seen_after_a_refresh(store, other_process):
    await other_process.add_qa_channel(1, 10)
    assert not store.is_qa_channel(10)
    assert await store.refresh_qa_channels()
    assert store.is_qa_channel(10)
    assert not await store.refresh_qa_channels()  # nothing new: one small read, no reload


async def test_unanswered_lists_frequent_abstentions_and_down_voted_answers(store, engine):
    for message_id, question in enumerate(["Hvad hedder hans kone?", "hvad hedder hans kone?"]):
        await record(store, engine.ask(question), message_id)
    await record(store, engine.ask("hvornår stoppede han"), 99)
    await store.record_feedback(99, user_id=4, vote=-1, at=NOW)
    await store.record_feedback(99, user_id=4, vote=-1, at=NOW)
    rows = await store.unanswered()
    assert [(r.question, r.times, r.reason) for r in rows] == [
        ("hvad hedder hans kone?", 2, "unanswered"),
        ("hvornår stoppede han", 1, "down-voted"),
    ]
    assert rows[1].fact_id == "player-end-esbjerg"


async def test_small_talk_is_not_listed_as_unanswered(store, engine):
    for message_id, said in enumerate(["hej", "thanks!", "hvad hedder hans kone?"]):
        await record(store, engine.ask(said), message_id)
    assert [r.question for r in await store.unanswered()] == ["hvad hedder hans kone?"]


async def test_clicked_suggestions_and_up_voted_answers_are_confirmed_questions(store, engine):
    for message_id in (1, 2):
        clicked = dataclasses.replace(
            engine.answer_for("player-abroad", "da"),
            question="Jess Thorup og Tyskland",
            verdict=Verdict.CLICKED,
        )
        await record(store, clicked, message_id)
    await record(store, engine.ask("when was he born?"), 3)
    await store.record_feedback(3, user_id=4, vote=1, at=NOW)
    assert await store.confirmed_questions() == [
        ConfirmedQuestion("Jess Thorup og Tyskland", "player-abroad", "da", 2, Evidence.CLICKED),
        ConfirmedQuestion("when was he born?", "birth-date", "en", 1, Evidence.UP_VOTED),
    ]


async def test_a_message_answered_anew_keeps_the_first_question_on_record(store, engine):
    for question in ("hvad hedder hans kone", "when was he born?"):
        await record(store, engine.ask(question), 7)
    asked = await store.question_for_message(7)
    assert (asked.question, asked.language) == ("when was he born?", "en")
    assert [r.question for r in await store.unanswered()] == ["hvad hedder hans kone"]


async def test_a_second_vote_replaces_the_first(store, engine):
    await record(store, engine.ask("hvornår stoppede han"), 9)
    await store.record_feedback(9, user_id=4, vote=-1, at=NOW)
    await store.record_feedback(9, user_id=4, vote=1, at=NOW)
    assert await store.unanswered() == []


async def test_reminder_settings_are_saved_and_replaced(store):
    config = ReminderConfig(
        5, channel_id=50, countdown=(7, 1), enabled=True, language="en", timezone="Asia/Tokyo"
    )
    await store.save_reminder_config(config, NOW)
    await store.save_reminder_config(config, NOW + dt.timedelta(hours=1))
    assert await store.reminder_guilds() == [5]
    assert await store.reminder_config(5, "Europe/Copenhagen") == config
    snapshot = await store.reminder_snapshot()
    assert (snapshot.configs, snapshot.updated_at) == ([config], {5: NOW + dt.timedelta(hours=1)})


async def test_a_snapshot_reads_every_server_and_sets_a_damaged_settings_row_aside(store):
    config = ReminderConfig(5, channel_id=50, enabled=True, timezone="Europe/Copenhagen")
    await store.save_reminder_config(config, NOW)
    await store.db.execute(
        "INSERT INTO reminders (guild_id, channel_id, time, timezone, countdown, language,"
        " enabled, updated_at) VALUES (6, 60, 'noon', 'UTC', '', 'da', 1, ?)",
        NOW.isoformat(),
    )
    await store.claim_post(5, BIRTHDAY, 50, NOW)
    snapshot = await store.reminder_snapshot()
    assert snapshot.configs == [config]
    assert list(snapshot.unreadable) == [6]
    assert snapshot.handled == {5: {BIRTHDAY}}


async def test_a_server_without_settings_gets_the_defaults(store):
    config = await store.reminder_config(6, "Europe/Copenhagen")
    assert (config.guild_id, config.enabled, config.timezone) == (6, False, "Europe/Copenhagen")


async def test_discord_sized_ids_are_kept_exactly(store):
    big = 1_300_000_000_000_000_123
    await store.add_qa_channel(big, big + 1)
    assert await store.qa_channels(big) == [big + 1]


async def test_a_message_is_claimed_for_answering_by_one_process_only(store, other_process):
    assert await store.claim_answer(1234, NOW)
    assert not await other_process.claim_answer(1234, NOW)
    assert not await store.claim_answer(1234, NOW)


async def test_answer_claims_older_than_two_days_are_forgotten(store):
    def snowflake(moment):
        return (int(moment.timestamp() * 1000) - 1_420_070_400_000) << 22

    await store.claim_answer(snowflake(NOW - dt.timedelta(days=3)), NOW)
    await store.claim_answer(snowflake(NOW - dt.timedelta(hours=1)), NOW)
    assert await store.forget_old_answer_claims(NOW) == 1
    assert (await store.row_counts())["answer_claims"] == 1


async def test_a_reminder_post_is_claimed_by_one_process_only(store, other_process):
    assert await store.claim_post(1, BIRTHDAY, 10, NOW)
    assert not await other_process.claim_post(1, BIRTHDAY, 10, NOW)
    assert not await store.claim_post(1, BIRTHDAY, 10, NOW)


async def test_a_claim_in_flight_is_not_taken_over_but_a_stale_one_is_once(store, other_process):
    await store.claim_post(1, BIRTHDAY, 10, NOW)
    lease = dt.timedelta(minutes=1)
    assert await other_process.take_over_stale_claims(NOW + dt.timedelta(seconds=5), lease) == []
    later = NOW + dt.timedelta(minutes=5)
    [taken] = await other_process.take_over_stale_claims(later, lease)
    assert taken.occurrence == BIRTHDAY
    assert await store.take_over_stale_claims(later, lease) == []


async def test_a_renewed_claim_is_not_taken_over_and_a_taken_one_keeps_its_claim_time(
    store, other_process
):
    await store.claim_post(1, BIRTHDAY, 10, NOW)
    lease = dt.timedelta(minutes=1)
    later = NOW + dt.timedelta(minutes=5)
    assert await store.renew_claim(1, BIRTHDAY, later - dt.timedelta(seconds=5))
    assert await other_process.take_over_stale_claims(later, lease) == []
    [taken] = await other_process.take_over_stale_claims(later + lease, lease)
    assert taken.claimed_at == NOW  # the post is looked for in the channel since then
    assert not await store.renew_claim(1, BIRTHDAY, later + lease)


async def test_finished_posts_are_listed_newest_first_with_their_outcome(store):
    no_permission = PostFailure(FailureReason.MISSING_PERMISSIONS, {"permissions": "embed_links"})
    await store.claim_post(1, DAY_BEFORE, 10, NOW)
    await store.finish_post(1, DAY_BEFORE, PostStatus.FAILED, NOW, error=no_permission)
    await store.claim_post(1, BIRTHDAY, 10, NOW + dt.timedelta(days=1))
    await store.finish_post(1, BIRTHDAY, PostStatus.SENT, NOW + dt.timedelta(days=1), 77)
    await store.record_missed(2, BIRTHDAY, NOW)
    posts = await store.reminder_posts(1)
    assert [(p.occurrence, p.status, p.message_id, p.error) for p in posts] == [
        (BIRTHDAY, "sent", 77, None),
        (DAY_BEFORE, "failed", None, no_permission),
    ]
    assert [p.guild_id for p in await store.reminder_posts(status=PostStatus.MISSED)] == [2]
    assert await store.handled_occurrences(1) == {BIRTHDAY, DAY_BEFORE}


async def test_a_post_of_a_kind_this_version_does_not_know_is_left_alone_not_refused(store):
    await store.claim_post(1, BIRTHDAY, 10, NOW)
    await store.db.execute(  # as a newer version, in a rolling upgrade, might record one
        "INSERT INTO reminder_posts (guild_id, occurrence, status, claimed_at)"
        " VALUES (1, 'anniversary:2027-02-21', 'claimed', ?)",
        NOW.isoformat(),
    )
    assert [post.occurrence for post in await store.reminder_posts(1)] == [BIRTHDAY]
    assert await store.handled_occurrences(1) == {BIRTHDAY}
    assert (await store.reminder_snapshot()).handled == {1: {BIRTHDAY}}
    [taken] = await store.take_over_stale_claims(NOW + dt.timedelta(days=1), dt.timedelta(0))
    assert taken.occurrence == BIRTHDAY
    assert (await store.row_counts())["reminder_posts"] == 2


async def test_a_failure_recorded_as_english_text_before_keys_is_read_as_recorded(store):
    await store.claim_post(1, BIRTHDAY, 10, NOW)
    await store.db.execute(  # as schema 3 wrote it
        "UPDATE reminder_posts SET status = 'failed', error = ? WHERE guild_id = 1",
        "missing permission: Send Messages",
    )
    [post] = await store.reminder_posts(1)
    assert post.error == PostFailure(
        FailureReason.AS_RECORDED, {"text": "missing permission: Send Messages"}
    )


async def test_a_failure_key_from_a_newer_version_is_read_as_recorded_not_refused(store):
    await store.claim_post(1, BIRTHDAY, 10, NOW)
    await store.db.execute(
        "UPDATE reminder_posts SET status = 'failed', error_key = 'moon_eclipse' WHERE guild_id = 1"
    )
    [post] = await store.reminder_posts(1)
    assert post.error == PostFailure(FailureReason.AS_RECORDED, {"text": "moon_eclipse"})


async def test_the_last_tick_is_remembered(store):
    assert await store.last_tick() is None
    await store.set_last_tick(NOW)
    await store.set_last_tick(NOW + dt.timedelta(minutes=1))
    assert await store.last_tick() == NOW + dt.timedelta(minutes=1)


async def test_row_counts_cover_every_table(store):
    await store.add_qa_channel(1, 10)
    counts = await store.row_counts()
    assert counts["qa_channels"] == 1
    assert set(counts) >= {"questions", "feedback", "reminders", "reminder_posts"}


async def test_a_write_given_up_half_way_leaves_the_store_usable(store, engine):
    answer = engine.ask("hvor gammel er han")
    for steps in range(6):  # cancelled after 0, 1, 2 … turns of the event loop
        task = asyncio.create_task(record(store, answer, steps))
        for _ in range(steps):
            await asyncio.sleep(0)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert await store.add_qa_channel(1, 10)
    await record(store, answer, 100)
    assert await store.question_for_message(100) is not None
