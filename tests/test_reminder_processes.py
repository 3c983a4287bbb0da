"""Reminders with several processes on one database: each post made once, by the process whose
shards hold the server; a post in flight in one process is not taken for a crash by another."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.database import Location
from bot.engine.answers import AnswerEngine
from bot.reminder_scheduler import ReminderScheduler, TransientPostError
from bot.settings import load_settings
from bot.store import Store
from tests.test_reminder_scheduler import BIRTHDAY, BIRTHDAY_DUE, Channel, Clock, configure


@pytest.fixture
async def stores(tmp_path):
    """Two processes' stores on one SQLite file."""
    location = Location.sqlite(tmp_path)
    first = await Store.open(location, owner="first")
    second = await Store.open(location, owner="second")
    yield first, second
    await first.close()
    await second.close()


def scheduler(facts, store, channel, clock, **shards) -> ReminderScheduler:
    settings = load_settings(env_file=None, environ=shards)
    engine = AnswerEngine(facts, clock=clock)
    return ReminderScheduler(store, engine, clock, channel, settings.serves_guild)


async def test_two_processes_ticking_at_once_post_once(facts, stores):
    clock = Clock(BIRTHDAY_DUE)
    channel = Channel(clock)
    await configure(stores[0])
    schedulers = [scheduler(facts, store, channel, clock) for store in stores]
    await asyncio.gather(*(s.tick(BIRTHDAY_DUE) for s in schedulers))
    assert channel.texts() == ["🎂 I dag fylder Jess Thorup 57 år!"]


async def test_a_process_started_while_a_post_is_in_flight_does_not_post_it_again(facts, stores):
    clock = Clock(BIRTHDAY_DUE)
    channel = Channel(clock)
    first, second = stores
    await configure(first)
    await first.claim_post(1, BIRTHDAY, 10, BIRTHDAY_DUE)  # sending right now
    clock.now = BIRTHDAY_DUE + dt.timedelta(seconds=5)
    await scheduler(facts, second, channel, clock).recover(clock.now)
    await scheduler(facts, second, channel, clock).tick(clock.now)
    assert channel.posts == []
    [record] = await second.reminder_posts(1)
    assert record.status == "claimed"


async def test_each_process_posts_only_for_the_servers_on_its_shards(facts, stores):
    clock = Clock(BIRTHDAY_DUE)
    channel = Channel(clock)
    on_shard_0, on_shard_1 = 2 << 22, 1 << 22  # Discord: shard = (id >> 22) % shard count
    for guild_id in (on_shard_0, on_shard_1):
        await configure(stores[0], guild_id=guild_id)
    shard_0 = scheduler(facts, stores[0], channel, clock, SHARD_COUNT="2", SHARD_IDS="0")
    await shard_0.tick(BIRTHDAY_DUE)
    assert [g for g, _ in channel.posts] == [on_shard_0]
    shard_1 = scheduler(facts, stores[1], channel, clock, SHARD_COUNT="2", SHARD_IDS="1")
    await shard_1.tick(BIRTHDAY_DUE)
    assert sorted(g for g, _ in channel.posts) == sorted([on_shard_0, on_shard_1])


async def test_a_post_another_process_is_retrying_is_not_taken_for_a_crash(facts, stores):
    clock = Clock(BIRTHDAY_DUE)
    channel = Channel(clock)
    await configure(stores[0])
    channel.failing = [TransientPostError("429 Too Many Requests", retry_after=120)]
    schedulers = [scheduler(facts, store, channel, clock) for store in stores]
    while clock.now <= BIRTHDAY_DUE + dt.timedelta(minutes=5):
        clock.now = min([await each.tick(clock.now) for each in schedulers])
    assert channel.texts() == ["🎂 I dag fylder Jess Thorup 57 år!"]
    assert [(t - BIRTHDAY_DUE).total_seconds() for t in channel.tries] == [0, 120]


async def test_a_retry_left_by_a_dead_process_is_taken_over_and_looked_for_first(facts, stores):
    clock = Clock(BIRTHDAY_DUE)
    channel = Channel(clock)
    first, second = stores
    await configure(first)
    channel.lost_answers = 1  # posted, but the answer never came: a retry is pending
    await scheduler(facts, first, channel, clock).tick(BIRTHDAY_DUE)  # then the process dies
    other = scheduler(facts, second, channel, clock)
    for seconds in (30, 60, 90):
        clock.now = BIRTHDAY_DUE + dt.timedelta(seconds=seconds)
        await other.tick(clock.now)
    assert len(channel.posts) == 1
    [record] = await second.reminder_posts(1)
    assert (record.status, record.message_id) == ("sent", 1)
