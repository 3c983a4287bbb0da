"""One way for the tests to put a member's question in the store."""

import datetime as dt

from bot.engine.answers import Answer
from bot.store import Store

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


async def record(
    store: Store, answer: Answer, message_id: int, *, channel_id: int = 2, at: dt.datetime = NOW
) -> None:
    """The question behind `answer`, asked by member 3 in channel `channel_id` of server 1."""
    await store.record_question(
        answer, at=at, guild_id=1, channel_id=channel_id, user_id=3, message_id=message_id
    )
