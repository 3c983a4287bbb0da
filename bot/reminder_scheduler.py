"""The reminder scheduler: one loop for every server, waking when the next post is due.

Each post is claimed in the database before it is sent and marked sent after, so a post is made
at most once; on start, claims left by a crash are resolved by looking for the post in the
channel before sending again. Where it posts is behind the `Poster` protocol, so the scheduler
knows nothing about Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol

from bot.engine.answers import AnswerEngine
from bot.engine.dates import Clock
from bot.engine.reminder_posts import ReminderPost, compose_post, marker_for
from bot.engine.reminder_schedule import (
    Occurrence,
    ReminderConfig,
    due_now,
    missed,
    next_wakeup,
    occurrences_around,
)
from bot.store import Store

log = logging.getLogger(__name__)

# The longest single sleep while a post is pending: a wall clock that jumps (suspend, NTP, a
# faked time) is noticed within the hour, without polling every second.
MAX_SLEEP = dt.timedelta(hours=1)
# With no server's reminders on there is nothing to wait for; a settings change wakes us.
IDLE_SLEEP = dt.timedelta(days=1)
POST_TIMEOUT_SECONDS = 30
RETRY_AFTER_FAILURE_SECONDS = 60.0
# A claim older than this was left by a process that died: a live one has posted or given up
# (POST_TIMEOUT_SECONDS) long before. Younger claims belong to a process still running.
CLAIM_LEASE = dt.timedelta(seconds=2 * POST_TIMEOUT_SECONDS)


class PostError(Exception):
    """A post that cannot be made now (channel gone, permission missing); the reason is shown."""


class Poster(Protocol):
    async def post(self, config: ReminderConfig, post: ReminderPost) -> int:
        """Post and return the message id; raise PostError when it cannot be done."""
        ...

    async def find_post(self, config: ReminderConfig, channel_id: int, marker: str) -> int | None:
        """The id of an earlier post of ours carrying `marker` in that channel, if any."""
        ...


class ReminderScheduler:
    def __init__(
        self,
        store: Store,
        engine: AnswerEngine,
        clock: Clock,
        poster: Poster,
        serves: Callable[[int], bool] = lambda guild_id: True,
    ) -> None:
        self.store = store
        # The servers on this process's shards; the other processes post for the rest.
        self.serves = serves
        self.engine = engine
        self.clock = clock
        self.poster = poster
        self.birth = engine.facts.subject.birth_date
        self._sleeping: asyncio.Task[None] | None = None
        self._woken = False

    def settings_changed(self) -> None:
        """Recompute the next wake-up now (a server changed its reminder settings)."""
        if self._sleeping is not None:
            self._woken = True
            self._sleeping.cancel()

    def _occurrence(self, config: ReminderConfig, key: str, now: dt.datetime) -> Occurrence | None:
        return next((o for o in occurrences_around(config, self.birth, now) if o.key == key), None)

    async def recover(self, now: dt.datetime) -> None:
        """Resolve posts claimed but never confirmed (a process stopped between claim and send).

        Only claims older than a live post can take are taken over, so a post another process
        is making right now is left to it."""
        for record in await self.store.take_over_stale_claims(now, CLAIM_LEASE, self.serves):
            config = await self.store.reminder_config(
                record.guild_id, self.engine.facts.subject.timezone
            )
            occurrence = self._occurrence(config, record.occurrence, now)
            marker = marker_for(occurrence) if occurrence else None
            found = None
            if marker and record.channel_id:
                with contextlib.suppress(PostError):
                    found = await self.poster.find_post(config, record.channel_id, marker)
            if found:
                log.info(
                    "Reminder %s in guild %s was sent before a restart", marker, config.guild_id
                )
                await self.store.finish_post(config.guild_id, record.occurrence, "sent", now, found)
            elif occurrence and occurrence.local_date == now.astimezone(config.zone).date():
                await self._send(config, occurrence)
            else:
                await self.store.finish_post(
                    config.guild_id,
                    record.occurrence,
                    "missed",
                    now,
                    error="claimed before a restart; its day has passed",
                )

    async def tick(self, now: dt.datetime) -> None:
        """Post everything due now, in every server; note what fell in a time the bot was down."""
        await self.recover(now)
        last = await self.store.last_tick()
        claimed: list[tuple[ReminderConfig, Occurrence]] = []
        for config in await self.store.reminder_configs():
            if not config.active or not self.serves(config.guild_id):
                continue
            done = await self.store.handled_occurrences(config.guild_id)
            updated = await self.store.reminder_updated_at(config.guild_id)
            if last is not None and updated is not None:
                for occurrence in missed(config, self.birth, now, done, since=max(last, updated)):
                    log.warning(
                        "Reminder %s in guild %s was missed: the bot was down all day",
                        occurrence.key,
                        config.guild_id,
                    )
                    await self.store.record_missed(config.guild_id, occurrence.key, now)
            for occurrence in due_now(config, self.birth, now, done):
                if await self.store.claim_post(
                    config.guild_id, occurrence.key, config.channel_id or 0, now
                ):
                    claimed.append((config, occurrence))
        # Sent side by side: a slow or unreachable channel does not hold up the other servers.
        await asyncio.gather(*(self._send(config, o) for config, o in claimed))
        await self.store.set_last_tick(now)

    async def _send(self, config: ReminderConfig, occurrence: Occurrence) -> None:
        """Send a claimed post; any failure is recorded for `/reminders status`, never raised."""
        post = compose_post(self.engine, occurrence, config.language)
        try:
            message_id = await asyncio.wait_for(
                self.poster.post(config, post), POST_TIMEOUT_SECONDS
            )
        except PostError as exc:
            log.warning(
                "Reminder %s in guild %s not posted: %s", occurrence.key, config.guild_id, exc
            )
            await self.store.finish_post(
                config.guild_id, occurrence.key, "failed", self.clock(), error=str(exc)
            )
        except Exception:
            log.exception("Reminder %s in guild %s failed", occurrence.key, config.guild_id)
            await self.store.finish_post(
                config.guild_id, occurrence.key, "failed", self.clock(), error="unexpected error"
            )
        else:
            await self.store.finish_post(
                config.guild_id, occurrence.key, "sent", self.clock(), message_id
            )

    async def next_wakeup(self, now: dt.datetime) -> dt.datetime:
        configs = [c for c in await self.store.reminder_configs() if self.serves(c.guild_id)]
        done = {c.guild_id: await self.store.handled_occurrences(c.guild_id) for c in configs}
        due = next_wakeup(configs, self.birth, now, done)
        return min(due, now + MAX_SLEEP) if due else now + IDLE_SLEEP

    async def run(self) -> None:
        """Recover, then post and sleep until the next due post, for as long as the bot runs."""
        try:
            await self.recover(self.clock())
        except Exception:
            log.exception("Resolving reminder posts left by a restart failed; carrying on")
        while True:
            now = self.clock()
            delay = 0.0
            try:
                await self.tick(now)
            except Exception:
                log.exception("Reminder scheduler tick failed; trying again in a minute")
                delay = RETRY_AFTER_FAILURE_SECONDS
            delay = max((await self.next_wakeup(now) - self.clock()).total_seconds(), delay)
            await self._sleep(delay)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, unless `settings_changed` wakes us; a real cancellation still goes through.

        A plain sleep, cancelled to wake up early: unlike waiting on an event with a timeout,
        it is a timer that test harnesses with a virtual clock can move.
        """
        task = asyncio.current_task()
        self._sleeping = task
        try:
            await asyncio.sleep(seconds)
        except asyncio.CancelledError:
            if not self._woken or task is None:
                raise
            task.uncancel()
        finally:
            self._sleeping = None
            self._woken = False
