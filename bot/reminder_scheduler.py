"""The reminder scheduler: one loop for every server, waking when the next post is due.

Each post is claimed in the database before it is sent and marked sent after, so a post is made
at most once. A post that fails for a passing reason (Discord down, rate-limited, slow) is tried
again with growing pauses until its local day ends; before each new try, and on start for claims
left by a crash, the channel is searched back to the claim time for the post, so a post that
reached Discord although its answer was lost is not made twice. Where it posts is behind the
`Poster` protocol, so the scheduler knows nothing about Discord.

Several processes may share the database, each serving its own shards' servers: the claim says
which process is making a post, that process renews it while it tries again, and a claim left
unrenewed for longer than a live process allows (its process died) is taken over by another.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from bot.engine.answers import AnswerEngine
from bot.engine.dates import Clock
from bot.engine.reminder_occurrences import (
    Occurrence,
    OccurrenceKey,
    ReminderConfig,
    due_now,
    missed,
    next_wakeup,
    occurrences_around,
)
from bot.engine.reminder_posts import ReminderPost, compose_post, marker_for
from bot.store import FailureReason, PostFailure, PostStatus, ReminderSnapshot, Store

log = logging.getLogger(__name__)

# The longest single sleep while a post is pending: a wall clock that jumps (suspend, NTP, a
# faked time) is noticed within the hour, without polling every second.
MAX_SLEEP = dt.timedelta(hours=1)
# With no server's reminders on there is nothing to wait for; a settings change wakes us.
IDLE_SLEEP = dt.timedelta(days=1)
POST_TIMEOUT_SECONDS = 30
RETRY_AFTER_FAILURE_SECONDS = 60.0
# Pauses between tries of a post that failed for a passing reason: 5 s, 10 s, 20 s, … 10 min.
FIRST_RETRY_SECONDS = 5.0
MAX_RETRY_SECONDS = 600.0
# A claim neither made nor renewed for this long was left by a process that died: a live one has
# posted, given up (POST_TIMEOUT_SECONDS) or renewed it long before.
CLAIM_LEASE = dt.timedelta(seconds=2 * POST_TIMEOUT_SECONDS)


class PostError(Exception):
    """A post that cannot be made (channel gone, permission missing): `failure` says why, for
    `/reminders status` in its reader's language; the message is for the log."""

    def __init__(self, failure: PostFailure, message: str = "") -> None:
        super().__init__(message or failure.reason.value)
        self.failure = failure


class TransientPostError(Exception):
    """A post that failed for a passing reason (Discord 5xx, rate limit, network); try again."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Poster(Protocol):
    async def post(self, config: ReminderConfig, post: ReminderPost) -> int:
        """Post and return the message id; raise PostError when it cannot be done, and
        TransientPostError when it may work later."""
        ...

    async def find_post(
        self, config: ReminderConfig, channel_id: int | None, marker: str, since: dt.datetime
    ) -> int | None:
        """The id of a post of ours carrying `marker` in that channel made since `since`, if
        any, however many messages came after it."""
        ...


@dataclass(frozen=True)
class _Pending:
    """A claimed post to (re)try at `at`; it is looked for in the channel before it is sent."""

    guild_id: int
    key: OccurrenceKey
    claimed_at: dt.datetime
    at: dt.datetime
    tries: int
    # The post's local day ends there: no try after that (a birthday post is not made late).
    day_ends: dt.datetime

    def again(self, at: dt.datetime) -> _Pending:
        return dataclasses.replace(self, at=at)


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
        self._stopping = False
        self._pending: dict[tuple[int, OccurrenceKey], _Pending] = {}

    def settings_changed(self) -> None:
        """Recompute the next wake-up now (a server changed its reminder settings)."""
        self._wake()

    def stop(self) -> None:
        """Take no more work: `run` returns after the post under way, or at once if asleep."""
        self._stopping = True
        self._wake()

    def _wake(self) -> None:
        # Also while awake: the tick under way read the settings before they changed, so the
        # loop does not go to sleep on them but ticks again.
        self._woken = True
        if self._sleeping is not None:
            self._sleeping.cancel()

    def _occurrence(
        self, config: ReminderConfig, key: OccurrenceKey, now: dt.datetime
    ) -> Occurrence | None:
        return next((o for o in occurrences_around(config, self.birth, now) if o.key == key), None)

    def _zone(self) -> str:
        return self.engine.facts.subject.timezone

    async def recover(self, now: dt.datetime) -> None:
        """Take over posts claimed but never confirmed (a process stopped between claim and
        confirmation): still today, they are looked for and sent by the next tick if not found;
        a day that has passed is recorded as missed. Only claims no live process holds are
        taken over, so a post another process is making is left to it."""
        for record in await self.store.take_over_stale_claims(now, CLAIM_LEASE, self.serves):
            try:
                config = await self.store.reminder_config(record.guild_id, self._zone())
                occurrence = self._occurrence(config, record.occurrence, now)
                if occurrence and occurrence.local_date == now.astimezone(config.zone).date():
                    key = (record.guild_id, record.occurrence)
                    self._pending[key] = _Pending(
                        *key, record.claimed_at, now, 0, _day_ends(config, occurrence)
                    )
                    continue
                await self.store.finish_post(
                    record.guild_id,
                    record.occurrence,
                    PostStatus.MISSED,
                    now,
                    error=PostFailure(FailureReason.DAY_PASSED),
                )
            except Exception:
                log.exception(
                    "Resolving reminder %s of guild %s failed; it stays claimed",
                    record.occurrence,
                    record.guild_id,
                )

    async def tick(self, now: dt.datetime) -> dt.datetime:
        """Post everything due now, in every server, and the retries whose time has come; note
        what fell in a time the bot was down; return when to look next. Every server's settings
        and handled posts are read once for all of it. A server whose settings or posts fail is
        logged and skipped, never holding up the others."""
        await self._renew_claims(now)
        await self.recover(now)
        last = await self.store.last_tick()
        snapshot = await self.store.reminder_snapshot()
        for guild_id, exc in snapshot.unreadable.items():
            if self.serves(guild_id):
                log.error("Reminders of guild %s skipped at %s", guild_id, now, exc_info=exc)
        configs = [config for config in snapshot.configs if self.serves(config.guild_id)]
        sends: list[Coroutine[Any, Any, None]] = []
        for config in configs:
            try:
                sends += await self._claim_due(config, now, last, snapshot)
            except Exception:
                log.exception("Reminders of guild %s skipped at %s", config.guild_id, now)
        for pending in [p for p in self._pending.values() if p.at <= now]:
            sends.append(self._try_again(pending, now))
        # Sent side by side: a slow or unreachable channel does not hold up the other servers.
        for failure in await asyncio.gather(*sends, return_exceptions=True):
            if isinstance(failure, Exception):
                log.error("A reminder post failed; its claim is resolved later", exc_info=failure)
        await self.store.set_last_tick(now)
        return self._next_wakeup(now, configs, snapshot.handled)

    async def _renew_claims(self, now: dt.datetime) -> None:
        """Renew the claims of the posts this process will try again; one another process took
        over (this one stalled past the lease) is its to finish."""
        for key in list(self._pending):
            if not await self.store.renew_claim(*key, now):
                log.warning("Reminder %s in guild %s was taken over by another process", *key[::-1])
                del self._pending[key]

    async def _claim_due(
        self,
        config: ReminderConfig,
        now: dt.datetime,
        last: dt.datetime | None,
        snapshot: ReminderSnapshot,
    ) -> list[Coroutine[Any, Any, None]]:
        """Claim the server's posts due now; each occurrence recorded or claimed here (or just
        before by another process) joins the snapshot's handled ones, for the next wake-up."""
        if not config.active:
            return []
        done = snapshot.handled.setdefault(config.guild_id, set())
        updated = snapshot.updated_at.get(config.guild_id)
        if last is not None and updated is not None:
            for occurrence in missed(config, self.birth, now, done, since=max(last, updated)):
                log.warning(
                    "Reminder %s in guild %s was missed: the bot was down all day",
                    occurrence.key,
                    config.guild_id,
                )
                await self.store.record_missed(config.guild_id, occurrence.key, now)
                done.add(occurrence.key)
        sends = []
        for occurrence in due_now(config, self.birth, now, done):
            if await self.store.claim_post(config.guild_id, occurrence.key, config.channel_id, now):
                sends.append(self._send(config, occurrence, now, 1))
            done.add(occurrence.key)
        return sends

    async def _try_again(self, pending: _Pending, now: dt.datetime) -> None:
        """A claimed post not confirmed yet: found in the channel, it is confirmed; else sent."""
        key = (pending.guild_id, pending.key)
        try:
            config = await self.store.reminder_config(pending.guild_id, self._zone())
            occurrence = self._occurrence(config, pending.key, now)
            if not config.active or occurrence is None:
                del self._pending[key]
                await self.store.finish_post(
                    *key,
                    PostStatus.FAILED,
                    now,
                    error=PostFailure(FailureReason.SETTINGS_CHANGED),
                )
                return
            found = await asyncio.wait_for(
                self.poster.find_post(
                    config, config.channel_id, marker_for(occurrence), pending.claimed_at
                ),
                POST_TIMEOUT_SECONDS,
            )
        except PostError as exc:
            # The history cannot be read (e.g. no Read Message History): posting is still
            # better than missing the day.
            log.warning("Cannot look for reminder %s in guild %s: %s", pending.key, key[0], exc)
            found = None
        except Exception as exc:
            await self._retry_later(dataclasses.replace(pending, tries=pending.tries + 1), exc)
            return
        if found:
            del self._pending[key]
            log.info("Reminder %s in guild %s was already posted", pending.key, key[0])
            await self.store.finish_post(*key, PostStatus.SENT, self.clock(), found)
            return
        # Returned above when the settings no longer give an occurrence.
        assert occurrence is not None
        await self._send(config, occurrence, pending.claimed_at, pending.tries + 1)

    async def _send(
        self, config: ReminderConfig, occurrence: Occurrence, claimed_at: dt.datetime, tries: int
    ) -> None:
        """Send a claimed post; a failure is recorded for `/reminders status` or, if it may
        pass, tried again later; never raised."""
        key = (config.guild_id, occurrence.key)
        self._pending.pop(key, None)
        try:
            post = compose_post(self.engine, occurrence, config.language)
            message_id = await asyncio.wait_for(
                self.poster.post(config, post), POST_TIMEOUT_SECONDS
            )
        except PostError as exc:
            log.warning("Reminder %s in guild %s not posted: %s", occurrence.key, key[0], exc)
            await self.store.finish_post(*key, PostStatus.FAILED, self.clock(), error=exc.failure)
        except (TransientPostError, TimeoutError) as exc:
            day_ends = _day_ends(config, occurrence)
            retry = _Pending(*key, claimed_at, self.clock(), tries, day_ends)
            await self._retry_later(retry, exc)
        except Exception:
            log.exception("Reminder %s in guild %s failed", occurrence.key, key[0])
            await self.store.finish_post(
                *key, PostStatus.FAILED, self.clock(), error=PostFailure(FailureReason.UNEXPECTED)
            )
        else:
            await self.store.finish_post(*key, PostStatus.SENT, self.clock(), message_id)

    async def _retry_later(self, pending: _Pending, exc: Exception) -> None:
        """Schedule the next try with a doubled pause, or give up when the local day is over."""
        key = (pending.guild_id, pending.key)
        detail = str(exc) or ("" if isinstance(exc, TimeoutError) else repr(exc))
        reason = detail or "no answer in time"
        pause = min(FIRST_RETRY_SECONDS * 2 ** max(pending.tries - 1, 0), MAX_RETRY_SECONDS)
        pause = max(pause, getattr(exc, "retry_after", None) or 0.0)
        at = self.clock() + dt.timedelta(seconds=pause)
        if at >= pending.day_ends:
            self._pending.pop(key, None)
            log.error("Reminder %s in guild %s given up: %s", pending.key, key[0], reason)
            failure = (
                PostFailure(FailureReason.KEPT_FAILING, {"detail": detail})
                if detail
                else PostFailure(FailureReason.NO_ANSWER_ALL_DAY)
            )
            await self.store.finish_post(*key, PostStatus.FAILED, self.clock(), error=failure)
            return
        log.warning(
            "Reminder %s in guild %s not posted yet (%s); trying again in %.0f s",
            pending.key,
            key[0],
            reason,
            pause,
        )
        self._pending[key] = pending.again(at)

    def _next_wakeup(
        self,
        now: dt.datetime,
        configs: list[ReminderConfig],
        handled: dict[int, set[OccurrenceKey]],
    ) -> dt.datetime:
        dues = [p.at for p in self._pending.values()]
        if self._pending:
            # Back before the claims of the posts to try again could be taken for abandoned.
            dues.append(now + CLAIM_LEASE / 2)
        for config in configs:
            # A server whose settings cannot be computed is logged by `tick`.
            try:
                due = next_wakeup([config], self.birth, now, handled)
            except Exception:
                continue
            if due is not None:
                dues.append(due)
        due = min(dues, default=None)
        return min(due, now + MAX_SLEEP) if due else now + IDLE_SLEEP

    async def run(self) -> None:
        """Post and sleep until the next due post, until `stop` is called; each tick first
        recovers the posts left by a crash.

        Every step is guarded: a failure (a database error, a bug) is logged and the loop tries
        again a minute later, so reminders never stop silently.
        """
        while not self._stopping:
            now = self.clock()
            try:
                delay = (await self.tick(now) - self.clock()).total_seconds()
            except Exception:
                log.exception("Reminder scheduler tick failed; trying again in a minute")
                delay = RETRY_AFTER_FAILURE_SECONDS
            if not self._stopping:
                await self._sleep(max(delay, 0.0))

    async def _sleep(self, seconds: float) -> None:
        """Sleep, unless `settings_changed` wakes us; a real cancellation still goes through.

        A plain sleep, cancelled to wake up early: unlike waiting on an event with a timeout,
        it is a timer that test harnesses with a virtual clock can move.
        """
        if self._woken:
            self._woken = False
            return
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


def _day_ends(config: ReminderConfig, occurrence: Occurrence) -> dt.datetime:
    next_day = occurrence.local_date + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time(), config.zone)
