"""Background tasks never die silently: an error that ends one is logged with its name."""

import asyncio

from bot.background import spawn


async def test_a_background_task_ended_by_an_error_is_logged_with_its_name(caplog):
    async def broken() -> None:
        raise RuntimeError("the store is gone")

    task = spawn(broken(), name="reminder-scheduler")
    await asyncio.wait([task])
    await asyncio.sleep(0)  # done-callbacks run on the next turn of the loop
    assert "Background task 'reminder-scheduler' stopped by an error" in caplog.text
    assert "the store is gone" in caplog.text


async def test_a_cancelled_background_task_is_not_an_error(caplog):
    task = spawn(asyncio.sleep(60), name="sleeper")
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.wait([task])
    await asyncio.sleep(0)
    assert "sleeper" not in caplog.text
