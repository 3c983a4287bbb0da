"""/reminders: per-server birthday reminder posts, and the scheduler that makes them."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import zoneinfo
from collections.abc import Iterator
from typing import Literal

import discord
from discord import app_commands

from bot.background import spawn
from bot.discordbot import texts
from bot.discordbot.admin import (
    ManageServerGroupCog,
    guild_id,
    missing_permissions,
    refused_for_permissions,
)
from bot.discordbot.client import ThorupBot
from bot.discordbot.embeds import answer_embed
from bot.discordbot.retry import retry_after
from bot.engine import i18n
from bot.engine.reminder_occurrences import (
    BIRTHDAY,
    Occurrence,
    ReminderConfig,
    parse_countdown,
    parse_time,
    upcoming,
)
from bot.engine.reminder_posts import ReminderPost, compose_post
from bot.reminder_scheduler import (
    POST_TIMEOUT_SECONDS,
    PostError,
    ReminderScheduler,
    TransientPostError,
)
from bot.store import PostStatus

log = logging.getLogger(__name__)

# Discord's clock and ours may differ a little: the search for a post starts this much earlier.
CLOCK_SLACK = dt.timedelta(minutes=5)
# How long a stopping bot waits for a reminder post under way (the post's own timeout).
SHUTDOWN_GRACE_SECONDS = float(POST_TIMEOUT_SECONDS)


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
    """Posts reminders with discord.py; problems become PostErrors with a readable reason."""

    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot

    def _channel(self, channel_id: int | None) -> discord.TextChannel:
        channel = self.bot.get_channel(channel_id) if channel_id is not None else None
        if not isinstance(channel, discord.TextChannel):
            raise PostError("the channel no longer exists")
        return channel

    async def post(self, config: ReminderConfig, post: ReminderPost) -> int:
        channel = self._channel(config.channel_id)
        missing = missing_permissions(channel)
        if missing:
            raise PostError(f"missing permission: {', '.join(missing)}")
        with _post_errors(forbidden="missing permission to post"):
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
        with _post_errors(forbidden="cannot read the channel's history"):
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


@contextlib.contextmanager
def _post_errors(forbidden: str) -> Iterator[None]:
    """Discord's failures as the scheduler knows them: passing ones (5xx, 429, network) as
    TransientPostError, refusals as PostError; anything else (a bug) goes through as it is."""
    try:
        yield
    except discord.Forbidden as exc:
        raise PostError(forbidden) from exc
    except discord.NotFound as exc:
        raise PostError("the channel no longer exists") from exc
    except Exception as exc:
        wait = retry_after(exc)
        if wait is not None:
            raise TransientPostError(f"Discord: {exc}", wait) from exc
        if isinstance(exc, discord.HTTPException):
            raise PostError(f"Discord refused the post: {exc.status} {exc.text}"[:200]) from exc
        raise


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Reminders(
    ManageServerGroupCog,
    group_name="reminders",
    group_description="Birthday reminder posts (Manage Server)",
):
    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot
        self.scheduler = ReminderScheduler(
            bot.store, bot.engine, bot.clock, DiscordPoster(bot), bot.settings.serves_guild
        )
        self.zones = sorted(zoneinfo.available_timezones())
        self._task: asyncio.Task[None] | None = None
        self._started = False
        super().__init__()

    async def cog_load(self) -> None:
        self._task = spawn(self._run(), name="reminder-scheduler")

    async def cog_unload(self) -> None:
        """On shutdown: let a post under way finish, then stop; one still unfinished after the
        grace time is cancelled, and its claim is resolved by the next start."""
        self.scheduler.stop()
        task, self._task = self._task, None
        if task is None or task.done():
            return
        if not self._started:
            task.cancel()  # still waiting for the gateway: nothing under way
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("A reminder post was still under way at shutdown; resolved on next start")
            task.cancel()

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        self._started = True
        await self.scheduler.run()

    # Settings.
    async def _config(self, interaction: discord.Interaction) -> ReminderConfig:
        zone = self.bot.engine.facts.subject.timezone
        return await self.bot.store.reminder_config(guild_id(interaction), zone)

    def _summary(self, config: ReminderConfig, language: str) -> str:
        none = texts.text(language, "rem_none")
        return texts.text(
            language,
            "rem_summary",
            state=texts.text(language, "rem_on" if config.enabled else "rem_off"),
            channel=f"<#{config.channel_id}>"
            if config.channel_id
            else texts.text(language, "rem_no_channel"),
            time=config.time.strftime("%H:%M"),
            timezone=config.timezone,
            countdown=", ".join(texts.text(language, "rem_days", days=d) for d in config.countdown)
            or none,
            language=config.language,
            ping=f"<@&{config.ping_role_id}>" if config.ping_role_id else none,
        )

    async def _save(self, interaction: discord.Interaction, config: ReminderConfig) -> None:
        await self.bot.store.save_reminder_config(config, self.bot.clock())
        self.scheduler.settings_changed()
        language = texts.interaction_language(interaction)
        await interaction.response.send_message(
            texts.text(language, "rem_saved", summary=self._summary(config, language)),
            ephemeral=True,
        )

    async def _refuse(self, interaction: discord.Interaction, key: str, **fields: object) -> None:
        language = texts.interaction_language(interaction)
        await interaction.response.send_message(texts.text(language, key, **fields), ephemeral=True)

    @app_commands.command(name="channel", description="Post reminders in this channel")
    @app_commands.describe(channel="The channel")
    async def channel(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        if await refused_for_permissions(interaction, channel):
            return
        await self._save(
            interaction, dataclasses.replace(await self._config(interaction), channel_id=channel.id)
        )

    @app_commands.command(name="time", description="Post at this local time, HH:MM (default 09:00)")
    @app_commands.describe(hhmm="Local time, e.g. 09:00")
    async def time(self, interaction: discord.Interaction, hhmm: str) -> None:
        try:
            at = parse_time(hhmm)
        except ValueError:
            await self._refuse(interaction, "rem_bad_time")
            return
        await self._save(interaction, dataclasses.replace(await self._config(interaction), time=at))

    @app_commands.command(
        name="timezone", description="The time zone for the posting time (IANA name)"
    )
    @app_commands.describe(zone="e.g. Europe/Copenhagen")
    async def timezone(self, interaction: discord.Interaction, zone: str) -> None:
        if zone not in self.zones:
            await self._refuse(interaction, "rem_bad_timezone", zone=zone[:60])
            return
        await self._save(
            interaction, dataclasses.replace(await self._config(interaction), timezone=zone)
        )

    @timezone.autocomplete("zone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = current.casefold()
        found = [zone for zone in self.zones if typed in zone.casefold()]
        return [app_commands.Choice(name=zone, value=zone) for zone in found[:25]]

    @app_commands.command(
        name="countdown",
        description="Countdown posts: days before the birthday, e.g. 7,1 (empty: none)",
    )
    @app_commands.describe(days="Days before, 0 to 30, separated by commas")
    async def countdown(self, interaction: discord.Interaction, days: str | None = None) -> None:
        try:
            countdown = parse_countdown(days or "")
        except ValueError:
            await self._refuse(interaction, "rem_bad_countdown")
            return
        await self._save(
            interaction, dataclasses.replace(await self._config(interaction), countdown=countdown)
        )

    @app_commands.command(name="language", description="The language of the posts")
    async def language(
        self, interaction: discord.Interaction, language: Literal["da", "en"]
    ) -> None:
        await self._save(
            interaction, dataclasses.replace(await self._config(interaction), language=language)
        )

    @app_commands.command(name="on", description="Turn the reminders on")
    async def on(self, interaction: discord.Interaction) -> None:
        config = await self._config(interaction)
        if config.channel_id is None:
            await self._refuse(interaction, "rem_needs_channel")
            return
        await self._save(interaction, dataclasses.replace(config, enabled=True))

    @app_commands.command(name="off", description="Turn the reminders off")
    async def off(self, interaction: discord.Interaction) -> None:
        await self._save(
            interaction, dataclasses.replace(await self._config(interaction), enabled=False)
        )

    @app_commands.command(
        name="ping", description="A role to ping in the posts (leave out: ping nobody)"
    )
    @app_commands.describe(role="The role to ping")
    async def ping(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        if role is not None and role.is_default():
            await self._refuse(interaction, "rem_no_everyone")
            return
        config = dataclasses.replace(
            await self._config(interaction), ping_role_id=role.id if role else None
        )
        await self._save(interaction, config)

    # Looking ahead.
    async def _upcoming(self, config: ReminderConfig, count: int) -> list[Occurrence]:
        done = await self.bot.store.handled_occurrences(config.guild_id)
        birth = self.bot.engine.facts.subject.birth_date
        # Also while reminders are off or have no channel: what they would post.
        return upcoming(config, birth, self.bot.clock(), done, count)

    def _what(self, key: str, language: str) -> str:
        kind, _, day = key.partition(":")
        if kind == BIRTHDAY:
            return f"{texts.text(language, 'rem_what_birthday')} ({day})"
        days = kind.removeprefix("countdown-")
        return f"{texts.text(language, 'rem_what_countdown', days=days)} ({day})"

    def _when(self, moment: dt.datetime, config: ReminderConfig, language: str) -> str:
        local = moment.astimezone(config.zone)
        day = local.date()
        return f"{i18n.weekday(day, language)} {i18n.format_date(day, language)} {local:%H:%M}"

    @app_commands.command(
        name="status", description="Settings, the next posts, the last post and any problem"
    )
    async def status(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        config = await self._config(interaction)
        lines = [self._summary(config, language), "", texts.text(language, "rem_next")]
        for occurrence in await self._upcoming(config, 3):
            lines.append(
                texts.text(
                    language,
                    "rem_next_line",
                    local=self._when(occurrence.due, config, language),
                    utc=f"{occurrence.due:%Y-%m-%d %H:%M}",
                    what=self._what(occurrence.key, language),
                )
            )
        lines.append("")
        lines += await self._history_lines(config, language)
        lines += self._channel_problems(interaction, config, language)
        await interaction.response.send_message("\n".join(lines), ephemeral=True)

    async def _history_lines(self, config: ReminderConfig, language: str) -> list[str]:
        posts = await self.bot.store.reminder_posts(config.guild_id)
        sent = next((p for p in posts if p.status == PostStatus.SENT), None)
        lines = [
            texts.text(
                language,
                "rem_last",
                what=self._what(sent.occurrence, language),
                when=self._when(sent.finished_at or sent.claimed_at, config, language),
                guild=config.guild_id,
                channel=sent.channel_id,
                message=sent.message_id,
            )
            if sent
            else texts.text(language, "rem_last_none")
        ]
        latest = posts[0] if posts else None
        if latest and latest.status == PostStatus.FAILED:
            lines.append(
                texts.text(
                    language,
                    "rem_problem",
                    what=self._what(latest.occurrence, language),
                    error=latest.error,
                )
            )
        if latest and latest.status == PostStatus.MISSED:
            lines.append(
                texts.text(
                    language,
                    "rem_missed",
                    what=self._what(latest.occurrence, language),
                    date=latest.occurrence.partition(":")[2],
                )
            )
        return lines

    def _channel_problems(
        self, interaction: discord.Interaction, config: ReminderConfig, language: str
    ) -> list[str]:
        if config.channel_id is None or interaction.guild is None:
            return []
        channel = interaction.guild.get_channel(config.channel_id)
        if channel is None:
            return [texts.text(language, "rem_channel_gone")]
        missing = missing_permissions(channel)
        if missing:
            return [
                texts.text(
                    language, "rem_check", permissions=", ".join(missing), channel=channel.mention
                )
            ]
        return []

    @app_commands.command(name="preview", description="Show exactly the next post, only to you")
    async def preview(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        config = await self._config(interaction)
        [occurrence] = await self._upcoming(config, 1)
        post = compose_post(self.bot.engine, occurrence, config.language)
        message = reminder_message(config, post)
        heading = texts.text(
            language, "rem_preview_heading", when=self._when(occurrence.due, config, language)
        )
        await interaction.response.send_message(
            f"{heading}\n\n{message['content']}",
            embed=message["embed"],
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(Reminders(bot))
