"""A per-user cooldown on questions, on the bot's own clock (so tests can move time)."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from bot.engine.dates import Clock


def _by_user_id(user_id: int) -> int:
    # Keyed by the id, not `BucketType.user`: that reads `.author`, which a message has but the
    # interaction of /ask does not.
    return user_id


class QuestionCooldown:
    """At most `rate` questions per `per` seconds per user, for messages and /ask alike.

    discord.py's mappings keep the buckets and drop those of users quiet for a window; they are
    given the bot's clock as `current`."""

    def __init__(self, rate: int, per: float, clock: Clock) -> None:
        self.rate, self.per, self.clock = rate, per, clock
        self._questions = commands.CooldownMapping.from_cooldown(rate, per, _by_user_id)
        # The notices have a cooldown of their own: one per window.
        self._notices = commands.CooldownMapping.from_cooldown(1, per, _by_user_id)

    def retry_after(self, user_id: int) -> float:
        """Count one question for the user; 0 if allowed, else seconds until the next one is."""
        if self.per <= 0:
            return 0.0
        return self._questions.update_rate_limit(user_id, self.clock().timestamp()) or 0.0

    def notice_due(self, user_id: int) -> bool:
        """Whether to tell the user about the cooldown: once per cooldown window, so a user who
        keeps posting does not make the bot spend the channel's rate limit on notices."""
        return not self._notices.update_rate_limit(user_id, self.clock().timestamp())

    def check(self, user_id: int) -> None:
        """Raise CommandOnCooldown for a slash command over the limit."""
        retry = self.retry_after(user_id)
        if retry:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(self.rate, self.per), retry)
