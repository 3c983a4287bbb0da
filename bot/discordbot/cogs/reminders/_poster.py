"""The Discord side of a reminder post: the message, its nonce, and Discord's failures as the
scheduler knows them."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator

import discord

from bot.discordbot.admin import missing_permissions
from bot.discordbot.client import ThorupBot
from bot.discordbot.cogs.reminders._status import failure_text
from bot.discordbot.embeds import answer_embed
from bot.discordbot.retry import retry_after
from bot.engine.reminder_occurrences import ReminderConfig
from bot.engine.reminder_posts import ReminderPost
from bot.reminder_scheduler import PostError, TransientPostError
from bot.store import FailureReason, PostFailure

# Discord's clock and ours may differ a little: the search for a post starts this much earlier.
CLOCK_SLACK = dt.timedelta(minutes=5)


def reminder_message(config: ReminderConfig, post: ReminderPost) -> dict:
    """The keyword arguments of the post's `send`: text, fact embed, and who may be pinged."""
    embed = answer_embed(post.fact)
    embed.set_footer(text=post.marker)
    if config.ping_role_id:
        return {
            "content": f"<@&{config.ping_role_id}> {post.text}",
            "embed": embed,
            "allowed_mentions": discord.AllowedMentions.none().merge(
                discord.AllowedMentions(roles=[discord.Object(config.ping_role_id)])
            ),
        }
    return {
        "content": post.text,
        "embed": embed,
        "allowed_mentions": discord.AllowedMentions.none(),
    }


class DiscordPoster:
    """Posts reminders with discord.py; problems become PostErrors that say why."""

    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot

    def _channel(self, channel_id: int | None) -> discord.TextChannel:
        channel = self.bot.get_channel(channel_id) if channel_id is not None else None
        if not isinstance(channel, discord.TextChannel):
            raise _refused(FailureReason.CHANNEL_GONE)
        return channel

    async def post(self, config: ReminderConfig, post: ReminderPost) -> int:
        channel = self._channel(config.channel_id)
        missing = missing_permissions(channel)
        if missing:
            raise _refused(FailureReason.MISSING_PERMISSIONS, permissions=",".join(missing))
        with _post_errors(forbidden=FailureReason.FORBIDDEN):
            # The nonce is the same for every try of one post: Discord drops a repeat that
            # arrives within minutes (enforce_nonce), e.g. after a timeout it answered late.
            message = await channel.send(
                **reminder_message(config, post), nonce=post_nonce(config, post)
            )
        return message.id

    async def find_post(
        self, config: ReminderConfig, channel_id: int | None, marker: str, since: dt.datetime
    ) -> int | None:
        channel = self._channel(channel_id)
        me = self.bot.user
        # Back from the newest message to the claim, however many came since: not just the
        # last few.
        with _post_errors(forbidden=FailureReason.HISTORY_FORBIDDEN):
            async for message in channel.history(limit=None):
                if message.created_at < since - CLOCK_SLACK:
                    break
                if (
                    me
                    and message.author.id == me.id
                    and any(e.footer.text == marker for e in message.embeds)
                ):
                    return message.id
        return None


def post_nonce(config: ReminderConfig, post: ReminderPost) -> str:
    """At most 25 characters, as Discord allows; one per server and occurrence."""
    return hashlib.sha256(f"{config.guild_id} {post.marker}".encode()).hexdigest()[:25]


def _refused(reason: FailureReason, **args: str) -> PostError:
    """The failure as stored, with its English text for the log."""
    failure = PostFailure(reason, args)
    return PostError(failure, failure_text(failure, "en"))


@contextlib.contextmanager
def _post_errors(forbidden: FailureReason) -> Iterator[None]:
    """Discord's failures as the scheduler knows them: passing ones (5xx, 429, network) as
    TransientPostError, refusals as PostError; anything else (a bug) goes through as it is."""
    try:
        yield
    except discord.Forbidden as exc:
        raise _refused(forbidden) from exc
    except discord.NotFound as exc:
        raise _refused(FailureReason.CHANNEL_GONE) from exc
    except Exception as exc:
        wait = retry_after(exc)
        if wait is not None:
            raise TransientPostError(str(exc) or type(exc).__name__, wait) from exc
        if isinstance(exc, discord.HTTPException):
            status, detail = str(exc.status), exc.text[:200]
            raise _refused(FailureReason.DISCORD_REFUSED, status=status, detail=detail) from exc
        raise
