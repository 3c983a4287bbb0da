"""The /reminders commands (Manage Server), and the task that runs the scheduler while the bot
is connected."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import zoneinfo
from typing import Literal

import discord
from discord import app_commands

from bot.background import spawn
from bot.discordbot import texts
from bot.discordbot.admin import ManageServerGroupCog, guild_id, refused_for_permissions
from bot.discordbot.client import ThorupBot
from bot.discordbot.cogs.reminders import _status
from bot.discordbot.cogs.reminders._poster import DiscordPoster, reminder_message
from bot.engine.reminder_occurrences import (
    Occurrence,
    ReminderConfig,
    parse_countdown,
    parse_time,
    upcoming,
)
from bot.engine.reminder_posts import compose_post
from bot.reminder_scheduler import POST_TIMEOUT_SECONDS, ReminderScheduler

log = logging.getLogger(__name__)

# How long a stopping bot waits for a reminder post under way (the post's own timeout).
SHUTDOWN_GRACE_SECONDS = float(POST_TIMEOUT_SECONDS)


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
        if not self.bot.is_ready():
            # Still waiting for the gateway: nothing under way. (discord.py's bot unloads its
            # cogs before `close` clears the ready state.)
            task.cancel()
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_GRACE_SECONDS)
        except TimeoutError:
            log.warning("A reminder post was still under way at shutdown; resolved on next start")
            task.cancel()

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        await self.scheduler.run()

    # Settings.
    async def _config(self, interaction: discord.Interaction) -> ReminderConfig:
        zone = self.bot.engine.facts.subject.timezone
        return await self.bot.store.reminder_config(guild_id(interaction), zone)

    async def _save(self, interaction: discord.Interaction, config: ReminderConfig) -> None:
        await self.bot.store.save_reminder_config(config, self.bot.clock())
        self.scheduler.settings_changed()
        language = texts.interaction_language(interaction)
        await interaction.response.send_message(
            texts.text(language, "rem_saved", summary=_status.summary(config, language)),
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

    @app_commands.command(
        name="status", description="Settings, the next posts, the last post and any problem"
    )
    async def status(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        config = await self._config(interaction)
        lines = [_status.summary(config, language), ""]
        lines += _status.next_lines(await self._upcoming(config, 3), config, language)
        lines.append("")
        posts = await self.bot.store.reminder_posts(config.guild_id)
        lines += _status.history_lines(posts, config, language)
        lines += _status.channel_problems(interaction.guild, config, language)
        await interaction.response.send_message("\n".join(lines), ephemeral=True)

    @app_commands.command(name="preview", description="Show exactly the next post, only to you")
    async def preview(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        config = await self._config(interaction)
        [occurrence] = await self._upcoming(config, 1)
        post = compose_post(self.bot.engine, occurrence, config.language)
        message = reminder_message(config, post)
        heading = texts.text(
            language, "rem_preview_heading", when=_status.when(occurrence.due, config, language)
        )
        await interaction.response.send_message(
            f"{heading}\n\n{message['content']}",
            embed=message["embed"],
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
