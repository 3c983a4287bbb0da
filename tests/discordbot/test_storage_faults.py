"""A database that is locked or slow while the bot runs: replies still go out at once; what
could not be recorded is logged as dropped."""

import logging
import sqlite3

import pytest


@pytest.fixture
def locked_database(store):
    """Another process holding the write lock on the bot's SQLite file."""
    holder = sqlite3.connect(store.location.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield
    holder.close()


async def test_a_locked_database_still_gets_a_reply_and_the_record_is_logged_as_dropped(
    env, channel, fan, store, locked_database, caplog
):
    caplog.set_level(logging.WARNING)
    await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    assert "21. februar 1970" in channel.last_message.embeds[0].description
    assert "unclaimed: database is locked" in caplog.text
    assert "not recorded (dropped)" in caplog.text


async def test_a_vote_while_the_database_is_locked_is_thanked_and_logged_as_dropped(
    env, channel, fan, store, caplog
):
    await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    answer = channel.last_message
    holder = sqlite3.connect(store.location.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    caplog.set_level(logging.WARNING)
    try:
        result = await fan.click(answer, custom_id="thorup:vote:down")
    finally:
        holder.close()
    assert result.response.content in ("Tak for din feedback!", "Thanks for your feedback!")
    assert "was not recorded (dropped)" in caplog.text
