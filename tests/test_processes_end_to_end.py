"""Several real `thorup-bot run` processes, shards 0 and 1 of 2, on one PostgreSQL, against the
loopback fake Discord: each question is answered once, by the process of its server's shard,
and a third process on shard 0 (a rolling restart overlapping the old one) answers nothing twice.
Reminders: a fact base whose subject is born on today's date, so the birthday post is due now
in each server; it is posted once per server, by the process of its shard, restart or not."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

import asyncpg
import pytest

from bot.database import Location
from bot.engine.reminder_occurrences import ReminderConfig
from bot.store import Store
from tests.fake_discord import FAKE_TOKEN, LAUNCH, launch_env
from tests.fake_discord.server import (
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    FakeDiscord,
    until,
)

QUESTIONS = [
    "hvornår er han født?",
    "how old is he?",
    "hvor kommer han fra?",
    "when did he retire?",
]


@pytest.fixture
async def processes(discord_server, tmp_path, postgres_url):
    """Starts `thorup-bot run` on given shards; all are stopped at the end of the test."""
    started: list[asyncio.subprocess.Process] = []

    async def start(shard_ids: str, *options: str) -> asyncio.subprocess.Process:
        before = discord_server.identifications
        env = launch_env(
            discord_server.url,
            DATABASE_URL=postgres_url,
            SHARD_COUNT="2",
            SHARD_IDS=shard_ids,
            QUESTIONS_PER_COOLDOWN="1000",
            LOG_LEVEL="WARNING",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(LAUNCH),
            "run",
            *options,
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        started.append(process)
        await asyncio.wait_for(until(lambda: discord_server.identifications > before), 60)
        return process

    yield start
    for process in started:
        if process.returncode is None:
            process.terminate()
        _, stderr = await process.communicate()
        assert FAKE_TOKEN.encode() not in stderr
        assert b"Traceback" not in stderr, stderr.decode()


async def ask_everywhere(server: FakeDiscord, channels: list[tuple[int, int]]) -> list[int]:
    """Every question in every given server; waits for the replies, and a moment for extras."""
    expected = {channel: server.posts(channel) + len(QUESTIONS) for _, channel in channels}
    message_ids = []
    for question in QUESTIONS:
        for guild_id, channel_id in channels:
            event = server.mention(question, guild_id, channel_id)
            message_ids.append(int(event["id"]))
            await server.dispatch("MESSAGE_CREATE", event)
    await asyncio.wait_for(
        until(lambda: all(server.posts(c) >= n for c, n in expected.items())), 60
    )
    await asyncio.sleep(1.0)  # a duplicate answer would arrive in this time
    assert {c: server.posts(c) for c in expected} == expected
    return message_ids


async def owners(postgres_url: str, message_ids: list[int]) -> set[str]:
    connection = await asyncpg.connect(postgres_url)
    try:
        rows = await connection.fetch(
            "SELECT owner FROM answer_claims WHERE message_id = any($1::bigint[])", message_ids
        )
    finally:
        await connection.close()
    return {row["owner"].split(":")[1] for row in rows}


async def test_each_question_is_answered_once_by_the_process_of_its_servers_shard(
    discord_server, processes, postgres_url
):
    shard_0 = await processes("0")
    shard_1 = await processes("1")
    on_shard_1 = await ask_everywhere(discord_server, [(GUILD_ID, CHANNEL_ID)])
    on_shard_0 = await ask_everywhere(discord_server, [(OTHER_GUILD_ID, OTHER_CHANNEL_ID)])
    assert await owners(postgres_url, on_shard_1) == {str(shard_1.pid)}
    assert await owners(postgres_url, on_shard_0) == {str(shard_0.pid)}


async def test_a_rolling_restart_overlapping_the_old_process_answers_nothing_twice(
    discord_server, processes, postgres_url
):
    await processes("0")
    await processes("1")
    await processes("0")  # the new process of shard 0, while the old one still runs
    both = [(GUILD_ID, CHANNEL_ID), (OTHER_GUILD_ID, OTHER_CHANNEL_ID)]
    message_ids = await ask_everywhere(discord_server, both)
    assert len(await owners(postgres_url, message_ids)) >= 2


async def test_reminders_for_servers_on_both_shards_are_posted_once_each(
    discord_server, processes, postgres_url, facts_copy
):
    now = dt.datetime.now(dt.UTC)
    if (now.month, now.day) == (2, 29) or (now.hour == 23 and now.minute >= 55):
        pytest.skip("today has no birthday in 1970, or midnight UTC is too close")
    subject = facts_copy / "subject.yaml"
    born = f"birth_date: 1970-{now:%m-%d}"
    subject.write_text(subject.read_text(encoding="utf-8").replace("birth_date: 1970-02-21", born))
    store = await Store.open(Location.postgresql(postgres_url))
    for guild_id, channel_id in ((GUILD_ID, CHANNEL_ID), (OTHER_GUILD_ID, OTHER_CHANNEL_ID)):
        config = ReminderConfig(
            guild_id, channel_id=channel_id, time=dt.time(0, 0), timezone="UTC", enabled=True
        )
        await store.save_reminder_config(config, now - dt.timedelta(days=1))
    await store.close()

    await processes("0", "--facts", str(facts_copy))
    await processes("1", "--facts", str(facts_copy))
    await asyncio.wait_for(
        until(lambda: discord_server.posts(CHANNEL_ID) and discord_server.posts(OTHER_CHANNEL_ID)),
        60,
    )
    await processes("0", "--facts", str(facts_copy))  # a rolling restart of shard 0
    await asyncio.sleep(2.0)
    assert (discord_server.posts(CHANNEL_ID), discord_server.posts(OTHER_CHANNEL_ID)) == (
        1,
        1,
    )
    posts = [r.json for r in discord_server.requests if r.path.endswith("/messages")]
    assert all(f"I dag fylder Jess Thorup {now.year - 1970} år" in p["content"] for p in posts)
