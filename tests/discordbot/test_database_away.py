"""A PostgreSQL database that goes away while the bot runs (its connections cut, new ones
refused): Q&A channels are served from memory, and questions are still answered.

On PostgreSQL because that is where a read can fail: SQLite in WAL mode lets a read through
whatever lock another process holds."""

import logging

import asyncpg
import pytest

from bot.database import Location
from bot.store import Store


@pytest.fixture
async def store(postgres_url):
    store = await Store.open(Location.postgresql(postgres_url))
    yield store
    await store.close()


async def cut_off(postgres_server, url: str) -> None:
    """The bot's connections to its database ended, and new ones refused."""
    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(postgres_server.url())
    try:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name
        )
    finally:
        await admin.close()


async def test_a_qa_channel_keeps_working_from_memory_while_the_database_is_away(
    env, guild, channel, fan, store, postgres_server, postgres_url, caplog
):
    await store.add_qa_channel(guild.id, channel.id)
    await cut_off(postgres_server, postgres_url)
    caplog.set_level(logging.WARNING)
    await fan.send(channel, "how old is he?")
    assert "Q&A channels served from memory" in caplog.text
    assert channel.last_message.author.id == env.bot.user.id
    assert channel.last_message.embeds
