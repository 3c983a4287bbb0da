"""The bot: discord.py's commands.Bot (or AutoShardedBot) carrying the engine and the store."""

from __future__ import annotations

import logging
import random
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot import texts
from bot.discordbot.cogs import EXTENSIONS
from bot.discordbot.invite import invite_url
from bot.discordbot.translator import Translator
from bot.discordbot.views import FeedbackButton, SuggestionButton
from bot.engine.answers import Answer, AnswerEngine
from bot.engine.autocomplete import PhrasingIndex
from bot.engine.dates import Clock
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)


class ThorupBotMixin:
    """What our bot adds to discord.py's bot classes; the rest is discord.py's own."""

    def setup_thorup(
        self, settings: Settings, engine: AnswerEngine, store: Store, clock: Clock
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.store = store
        self.clock = clock
        self.phrasings = PhrasingIndex(engine.facts)
        self.rng = random.Random()

    async def setup_hook(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        await bot.tree.set_translator(Translator())
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        bot.add_dynamic_items(SuggestionButton, FeedbackButton)
        for extension in EXTENSIONS:
            await bot.load_extension(extension)

    async def on_ready(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        log.info(
            "Logged in as %s (id %s) in %d server(s); %s",
            bot.user,
            bot.user.id if bot.user else "?",
            len(bot.guilds),
            texts.text("en", "sync_hint"),
        )
        if not bot.guilds and bot.application_id:
            log.warning(
                "The bot is in no server yet; add it to one with %s",
                invite_url(bot.application_id),
            )
        if not bot.intents.message_content:
            log.warning(
                "The message content intent is off: the bot answers mentions, DMs and slash "
                "commands, but cannot read messages in Q&A channels. Enable 'Message Content "
                "Intent' in the Discord Developer Portal and set DISCORD_MESSAGE_CONTENT=true."
            )

    async def on_message(self, message: discord.Message) -> None:
        """Questions are handled by the questions cog; there are no prefix commands."""

    def remember(
        self, answer: Answer, where: discord.Interaction | discord.Message, reply_id: int
    ) -> None:
        """Store the question with the message that answered it, for feedback and `unanswered`."""
        user = where.user if isinstance(where, discord.Interaction) else where.author
        self.store.record_question(
            answer,
            at=self.clock(),
            guild_id=where.guild.id if where.guild else None,
            channel_id=where.channel.id if where.channel else None,
            user_id=user.id,
            message_id=reply_id,
        )

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Every slash command failure: a friendly ephemeral reply; unexpected ones are logged."""
        language = texts.interaction_language(interaction)
        if isinstance(error, app_commands.CommandOnCooldown):
            message = texts.text(language, "cooldown", seconds=max(1, round(error.retry_after)))
        elif isinstance(error, app_commands.MissingPermissions):
            message = texts.text(language, "needs_manage_server")
        elif isinstance(error, app_commands.NoPrivateMessage):
            message = texts.text(language, "guild_only")
        else:
            log.error(
                "Command %r failed for user %s in guild %s",
                interaction.command.qualified_name if interaction.command else None,
                interaction.user.id,
                interaction.guild_id,
                exc_info=error,
            )
            message = texts.text(language, "error")
        await send_ephemeral(interaction, message)


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    if interaction.response.is_done():
        await interaction.followup.send(message, ephemeral=True)
    else:
        await interaction.response.send_message(message, ephemeral=True)


class ThorupBot(ThorupBotMixin, commands.Bot):
    pass


class ShardedThorupBot(ThorupBotMixin, commands.AutoShardedBot):
    pass


def create_bot(
    settings: Settings, engine: AnswerEngine, store: Store, clock: Clock, **options: Any
) -> ThorupBot | ShardedThorupBot:
    """The bot, configured but not started; nothing is synced to Discord here."""
    intents = discord.Intents.default()
    intents.message_content = settings.message_content
    options.setdefault("command_prefix", commands.when_mentioned)
    options.setdefault("help_command", None)
    options.setdefault("allowed_mentions", discord.AllowedMentions.none())
    options.setdefault("intents", intents)
    if settings.shard_count:
        bot: ThorupBot | ShardedThorupBot = ShardedThorupBot(
            shard_count=settings.shard_count, **options
        )
    else:
        bot = ThorupBot(**options)
    bot.setup_thorup(settings, engine, store, clock)
    return bot
