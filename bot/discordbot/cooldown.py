"""A per-user cooldown on questions, on the bot's own clock (so tests can move time)."""

from __future__ import annotations

from discord import app_commands

from bot.engine.dates import Clock

_PRUNE_ABOVE = 1000


class QuestionCooldown:
    """At most `rate` questions per `per` seconds per user, for messages and /ask alike."""

    def __init__(self, rate: int, per: float, clock: Clock) -> None:
        self.rate, self.per, self.clock = rate, per, clock
        self._buckets: dict[int, app_commands.Cooldown] = {}
        self._noticed: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float:
        """Count one question for the user; 0 if allowed, else seconds until the next one is."""
        if self.per <= 0:
            return 0.0
        now = self.clock().timestamp()
        if len(self._buckets) > _PRUNE_ABOVE:
            self._buckets = {
                user: bucket
                for user, bucket in self._buckets.items()
                if bucket.get_tokens(now) < self.rate
            }
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now) or 0.0

    def notice_due(self, user_id: int) -> bool:
        """Whether to tell the user about the cooldown: once per cooldown window, so a user who
        keeps posting does not make the bot spend the channel's rate limit on notices."""
        now = self.clock().timestamp()
        if len(self._noticed) > _PRUNE_ABOVE:
            self._noticed = {u: at for u, at in self._noticed.items() if now - at < self.per}
        last = self._noticed.get(user_id)
        if last is not None and now - last < self.per:
            return False
        self._noticed[user_id] = now
        return True

    def check(self, user_id: int) -> None:
        """Raise CommandOnCooldown for a slash command over the limit."""
        retry = self.retry_after(user_id)
        if retry:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(self.rate, self.per), retry)
