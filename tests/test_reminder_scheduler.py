"""The scheduler: each reminder posted exactly once, across restarts, crashes, downtime, failures.

The poster here is an in-memory stand-in for a Discord channel (the scheduler's only outside
boundary); the end-to-end tests with the real Discord adapter are in tests/discordbot/.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.engine.answers import AnswerEngine
from bot.engine.reminder_occurrences import OccurrenceKey, ReminderConfig
from bot.engine.reminder_posts import ReminderPost
from bot.reminder_scheduler import PostError, ReminderScheduler, TransientPostError
from bot.store import FailureReason, PostFailure, PostStatus, Store

BIRTHDAY_DUE = dt.datetime(2027, 2, 21, 8, 0, tzinfo=dt.UTC)  # 09:00 in Copenhagen
BIRTHDAY = OccurrenceKey.birthday(dt.date(2027, 2, 21))


class Channel:
    """What a channel holds: posts by (guild, marker); optional failures per guild, for good
    (`broken`) or for the next few tries (`failing`); `lost_answers` posts that reach the channel
    but whose answer never comes back."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.posts: list[tuple[int, ReminderPost]] = []
        self.broken: dict[int, Exception] = {}
        self.failing: list[Exception] = []
        self.lost_answers = 0
        self.tries: list[dt.datetime] = []
        # When set, a post waits for it: a post under way.
        self.gate: asyncio.Event | None = None

    async def post(self, config: ReminderConfig, post: ReminderPost) -> int:
        self.tries.append(self.clock())
        if self.gate is not None:
            await self.gate.wait()
        if config.guild_id in self.broken:
            raise self.broken[config.guild_id]
        if self.failing:
            raise self.failing.pop(0)
        self.posts.append((config.guild_id, post))
        if self.lost_answers:
            self.lost_answers -= 1
            raise TimeoutError
        return len(self.posts)

    async def find_post(
        self, config: ReminderConfig, channel_id: int, marker: str, since: dt.datetime
    ) -> int | None:
        return next(
            (
                i + 1
                for i, (g, p) in enumerate(self.posts)
                if g == config.guild_id and p.marker == marker
            ),
            None,
        )

    def texts(self, guild_id: int = 1) -> list[str]:
        return [p.text for g, p in self.posts if g == guild_id]


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def store(tmp_path):
    store = await Store.in_folder(tmp_path)
    yield store
    await store.close()


@pytest.fixture
def clock():
    return Clock(dt.datetime(2027, 2, 1, tzinfo=dt.UTC))


@pytest.fixture
def channel(clock):
    return Channel(clock)


@pytest.fixture
def make_scheduler(facts, store, channel, clock):
    """A scheduler; calling it again is a restart (same database and channel)."""

    def make() -> ReminderScheduler:
        return ReminderScheduler(store, AnswerEngine(facts, clock=clock), clock, channel)

    return make


async def configure(store, guild_id=1, at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC), **settings):
    settings.setdefault("timezone", "Europe/Copenhagen")  # the subject's, as /reminders stores it
    config = ReminderConfig(guild_id, channel_id=guild_id * 10, enabled=True, **settings)
    await store.save_reminder_config(config, at)
    return config


async def tick_at(scheduler, clock, moment):
    """A tick at `moment`; what it returns is when the scheduler asks to be woken next."""
    clock.now = moment
    return await scheduler.tick(moment)


async def run_until(scheduler, clock, end):
    """Tick at every wake-up the scheduler asks for, as its loop does, until `end`."""
    while clock.now <= end:
        clock.now = await scheduler.tick(clock.now)


async def test_the_birthday_post_is_made_at_its_time_with_the_age(
    store, channel, clock, make_scheduler
):
    await configure(store)
    scheduler = make_scheduler()
    await tick_at(scheduler, clock, BIRTHDAY_DUE - dt.timedelta(minutes=1))
    assert channel.texts() == []
    await tick_at(scheduler, clock, BIRTHDAY_DUE)
    assert channel.texts() == ["🎂 I dag fylder Jess Thorup 57 år!"]


async def test_english_posts_for_a_server_that_chose_english(store, channel, clock, make_scheduler):
    await configure(store, language="en")
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    assert channel.texts() == ["🎂 Today Jess Thorup turns 57!"]


async def test_each_post_carries_a_fact_with_its_source(store, channel, clock, make_scheduler):
    await configure(store)
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    [(_, post)] = channel.posts
    assert post.fact.answered
    assert post.fact.citations
    assert post.marker == "thorup-reminder birthday:2027-02-21"


async def test_ticking_again_in_the_same_minute_does_not_post_twice(
    store, channel, clock, make_scheduler
):
    await configure(store)
    scheduler = make_scheduler()
    for seconds in (0, 10, 59):
        await tick_at(scheduler, clock, BIRTHDAY_DUE + dt.timedelta(seconds=seconds))
    assert len(channel.posts) == 1


async def test_a_restart_in_the_posting_minute_does_not_post_twice(
    store, channel, clock, make_scheduler
):
    await configure(store)
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    restarted = make_scheduler()
    await restarted.recover(BIRTHDAY_DUE + dt.timedelta(seconds=30))
    await tick_at(restarted, clock, BIRTHDAY_DUE + dt.timedelta(seconds=30))
    assert len(channel.posts) == 1


async def test_a_crash_between_claim_and_send_posts_once_after_the_restart(
    store, channel, clock, make_scheduler
):
    await configure(store)
    await store.claim_post(1, BIRTHDAY, 10, BIRTHDAY_DUE)  # then the process died
    restarted = make_scheduler()
    clock.now = BIRTHDAY_DUE + dt.timedelta(minutes=2)
    await restarted.recover(clock.now)
    await restarted.tick(clock.now)
    assert channel.texts() == ["🎂 I dag fylder Jess Thorup 57 år!"]
    [record] = await store.reminder_posts(1)
    assert record.status == "sent"


async def test_a_crash_between_send_and_confirm_finds_the_post_and_does_not_repeat_it(
    store, channel, clock, make_scheduler
):
    await configure(store)
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    # As if never confirmed.
    await store.finish_post(1, BIRTHDAY, PostStatus.CLAIMED, BIRTHDAY_DUE)
    restarted = make_scheduler()
    await restarted.recover(BIRTHDAY_DUE + dt.timedelta(minutes=1))
    await tick_at(restarted, clock, BIRTHDAY_DUE + dt.timedelta(minutes=1))
    assert len(channel.posts) == 1
    assert (await store.reminder_posts(1))[0].status == "sent"


async def test_a_claim_whose_day_has_passed_is_not_posted_late(
    store, channel, clock, make_scheduler
):
    await configure(store)
    await store.claim_post(1, BIRTHDAY, 10, BIRTHDAY_DUE)
    await make_scheduler().recover(BIRTHDAY_DUE + dt.timedelta(days=1))
    assert channel.posts == []
    assert (await store.reminder_posts(1))[0].status == "missed"


async def test_a_bot_down_at_the_time_posts_when_back_the_same_day(
    store, channel, clock, make_scheduler
):
    await configure(store)
    scheduler = make_scheduler()
    await tick_at(scheduler, clock, BIRTHDAY_DUE - dt.timedelta(hours=2))
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(hours=10))
    assert len(channel.posts) == 1


async def test_a_bot_down_all_day_does_not_post_late_and_says_it_missed(
    store, channel, clock, make_scheduler
):
    await configure(store)
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE - dt.timedelta(hours=2))
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(days=1))
    assert channel.posts == []
    [record] = await store.reminder_posts(1)
    assert (record.occurrence, record.status) == (BIRTHDAY, "missed")


async def test_a_server_that_switched_reminders_on_after_the_day_has_missed_nothing(
    store, channel, clock, make_scheduler
):
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE - dt.timedelta(days=3))
    await configure(store, at=BIRTHDAY_DUE + dt.timedelta(days=2))
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(days=3))
    assert await store.reminder_posts(1) == []


async def test_a_broken_channel_is_recorded_and_other_servers_still_get_their_post(
    store, channel, clock, make_scheduler
):
    await configure(store, guild_id=1)
    await configure(store, guild_id=2)
    failure = PostFailure(FailureReason.MISSING_PERMISSIONS, {"permissions": "send_messages"})
    channel.broken[1] = PostError(failure)
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    assert channel.texts(2) == ["🎂 I dag fylder Jess Thorup 57 år!"]
    [record] = await store.reminder_posts(1)
    assert record.status == "failed"
    assert record.error == failure


async def test_an_unexpected_error_is_recorded_without_stopping_the_scheduler(
    store, channel, clock, make_scheduler
):
    await configure(store, guild_id=1)
    await configure(store, guild_id=2)
    channel.broken[1] = RuntimeError("boom")
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    assert (await store.reminder_posts(1))[0].error == PostFailure(FailureReason.UNEXPECTED)
    assert channel.texts(2)


async def test_a_failed_post_is_not_retried_but_the_next_scheduled_one_is(
    store, channel, clock, make_scheduler
):
    await configure(store, countdown=(1,))
    channel.broken[1] = PostError(PostFailure(FailureReason.CHANNEL_GONE))
    scheduler = make_scheduler()
    await tick_at(scheduler, clock, BIRTHDAY_DUE - dt.timedelta(days=1))
    del channel.broken[1]
    await tick_at(scheduler, clock, BIRTHDAY_DUE - dt.timedelta(days=1, minutes=-5))
    assert channel.texts() == []
    await tick_at(scheduler, clock, BIRTHDAY_DUE)
    assert channel.texts() == ["🎂 I dag fylder Jess Thorup 57 år!"]


async def test_countdown_posts_say_how_many_days_are_left(store, channel, clock, make_scheduler):
    await configure(store, countdown=(7, 1))
    scheduler = make_scheduler()
    for days in (7, 1, 0):
        await tick_at(scheduler, clock, BIRTHDAY_DUE - dt.timedelta(days=days))
    assert channel.texts() == [
        "⏳ Om 7 dage fylder Jess Thorup 57 år (søndag den 21. februar 2027).",
        "⏳ I morgen fylder Jess Thorup 57 år (søndag den 21. februar 2027).",
        "🎂 I dag fylder Jess Thorup 57 år!",
    ]


async def test_one_tick_serves_every_server(store, channel, clock, make_scheduler):
    for guild_id in range(1, 51):
        await configure(store, guild_id=guild_id)
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    assert len(channel.posts) == 50


async def test_the_next_wakeup_is_the_next_post_capped_at_an_hour(store, clock, make_scheduler):
    await configure(store)
    scheduler = make_scheduler()
    far = BIRTHDAY_DUE - dt.timedelta(days=3)
    assert await tick_at(scheduler, clock, far) == far + dt.timedelta(hours=1)
    soon = BIRTHDAY_DUE - dt.timedelta(minutes=3)
    assert await tick_at(scheduler, clock, soon) == BIRTHDAY_DUE


async def test_a_tick_reads_the_database_as_often_for_fifty_servers_as_for_one(
    store, clock, make_scheduler
):
    statements: list[str] = []
    # SQLite's own record of the statements it ran (the connection is the store's, private).
    store.db._connection.set_trace_callback(statements.append)
    quiet = BIRTHDAY_DUE - dt.timedelta(days=3)  # nothing to post, only to look
    counts = []
    for servers in (1, 50):
        for guild_id in range(1, servers + 1):
            await configure(store, guild_id=guild_id)
        statements.clear()
        await tick_at(make_scheduler(), clock, quiet)
        counts.append(len(statements))
    assert counts[0] == counts[1]


async def test_with_no_reminders_on_the_scheduler_sleeps_a_day(store, clock, make_scheduler):
    now = BIRTHDAY_DUE - dt.timedelta(days=3)
    assert await tick_at(make_scheduler(), clock, now) == now + dt.timedelta(days=1)


async def test_a_discord_outage_over_the_posting_minute_is_waited_out_and_posted_once(
    store, channel, clock, make_scheduler
):
    await configure(store)
    channel.failing = [TransientPostError("503 Service Unavailable")] * 4  # about 25 s
    clock.now = BIRTHDAY_DUE
    await run_until(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(hours=1))
    assert channel.texts() == ["🎂 I dag fylder Jess Thorup 57 år!"]
    assert [(t - BIRTHDAY_DUE).total_seconds() for t in channel.tries] == [0, 5, 15, 35, 75]
    assert (await store.reminder_posts(1))[0].status == "sent"


async def test_a_rate_limit_longer_than_the_post_timeout_waits_as_long_as_discord_asks(
    store, channel, clock, make_scheduler
):
    await configure(store)
    channel.failing = [TransientPostError("429 Too Many Requests", retry_after=120)]
    clock.now = BIRTHDAY_DUE
    await run_until(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(hours=1))
    assert [(t - BIRTHDAY_DUE).total_seconds() for t in channel.tries] == [0, 120]
    assert len(channel.posts) == 1


async def test_a_post_that_timed_out_but_reached_the_channel_is_not_made_again(
    store, channel, clock, make_scheduler
):
    await configure(store)
    channel.lost_answers = 1
    clock.now = BIRTHDAY_DUE
    await run_until(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(hours=1))
    assert len(channel.posts) == 1
    [record] = await store.reminder_posts(1)
    assert (record.status, record.message_id) == ("sent", 1)


async def test_a_post_failing_all_day_is_given_up_at_the_end_of_its_local_day(
    store, channel, clock, make_scheduler
):
    await configure(store)
    channel.broken[1] = TransientPostError("502 Bad Gateway")
    clock.now = BIRTHDAY_DUE
    await run_until(make_scheduler(), clock, BIRTHDAY_DUE + dt.timedelta(days=1))
    assert channel.posts == []
    midnight = dt.datetime(2027, 2, 21, 23, 0, tzinfo=dt.UTC)  # in Copenhagen
    assert max(channel.tries) < midnight
    [record] = await store.reminder_posts(1)
    assert record.status == "failed"
    assert record.error == PostFailure(FailureReason.KEPT_FAILING, {"detail": "502 Bad Gateway"})


async def test_a_retry_after_a_restart_looks_for_the_post_first(
    store, channel, clock, make_scheduler
):
    await configure(store)
    channel.lost_answers = 1
    await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)  # then the bot stops before retrying
    restarted = make_scheduler()
    clock.now = BIRTHDAY_DUE + dt.timedelta(minutes=1)
    await restarted.recover(clock.now)
    await run_until(restarted, clock, BIRTHDAY_DUE + dt.timedelta(hours=1))
    assert len(channel.posts) == 1
    assert (await store.reminder_posts(1))[0].status == "sent"


async def test_a_server_with_broken_settings_does_not_stop_the_others(
    store, channel, clock, make_scheduler, caplog
):
    await configure(store, guild_id=1, timezone="Mars/Olympus")
    await configure(store, guild_id=2)
    wakeup = await tick_at(make_scheduler(), clock, BIRTHDAY_DUE)
    assert channel.texts(2) == ["🎂 I dag fylder Jess Thorup 57 år!"]
    assert "Reminders of guild 1 skipped" in caplog.text
    assert wakeup > BIRTHDAY_DUE


async def test_stopping_lets_the_post_under_way_finish_and_then_ends_the_loop(
    store, channel, clock, make_scheduler
):
    await configure(store)
    clock.now = BIRTHDAY_DUE
    channel.gate = asyncio.Event()
    scheduler = make_scheduler()
    running = asyncio.create_task(scheduler.run())
    while not channel.tries:
        await asyncio.sleep(0)
    scheduler.stop()
    channel.gate.set()
    await asyncio.wait_for(running, 5)
    assert (await store.reminder_posts(1))[0].status == "sent"


async def test_settings_saved_while_a_tick_is_under_way_are_not_slept_on(
    store, channel, clock, make_scheduler
):
    await configure(store, guild_id=1)
    clock.now = BIRTHDAY_DUE
    channel.gate = asyncio.Event()
    scheduler = make_scheduler()
    running = asyncio.create_task(scheduler.run())
    while not channel.tries:  # the tick has read the settings and is posting for server 1
        await asyncio.sleep(0)
    await configure(store, guild_id=2)  # as /reminders saves them
    scheduler.settings_changed()
    channel.gate.set()

    async def both_posted() -> None:
        while len(channel.posts) < 2:
            await asyncio.sleep(0)

    await asyncio.wait_for(both_posted(), 5)  # not after the hour the first tick asked for
    scheduler.stop()
    await asyncio.wait_for(running, 5)
    assert channel.texts(2) == ["🎂 I dag fylder Jess Thorup 57 år!"]


async def test_stopping_a_sleeping_scheduler_ends_it_at_once(store, clock, make_scheduler):
    scheduler = make_scheduler()
    running = asyncio.create_task(scheduler.run())
    await asyncio.sleep(0.1)  # nothing to post: it is asleep for a day
    scheduler.stop()
    await asyncio.wait_for(running, 5)
