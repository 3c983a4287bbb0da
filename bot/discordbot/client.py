"""The bot: discord.py's AutoShardedBot, given the engine, the store and the clock when built."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Coroutine
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.background import spawn
from bot.discordbot import texts
from bot.discordbot.cogs import EXTENSIONS
from bot.discordbot.invite import invite_url
from bot.discordbot.translator import Translator, name_the_subject
from bot.engine.answers import Answer, AnswerEngine
from bot.engine.autocomplete import PhrasingIndex
from bot.engine.dates import Clock
from bot.settings import Settings
from bot.store import AskedQuestion, Store

log = logging.getLogger(__name__)

# How soon a Q&A channel set up through another process is noticed.
STORE_REFRESH = dt.timedelta(seconds=5)
# A write the reply does not wait for gets this long before it is logged as dropped.
STORE_WRITE_SECONDS = 5.0
# How long a reply may wait for its answer claim; past it the message is answered unclaimed
# (a database that is down must not silence the bot).
ANSWER_CLAIM_SECONDS = 1.0


class ThorupBot(commands.AutoShardedBot):
    """discord.py's bot with our services: the settings, the engine, the store and the clock.

    Always discord.py's AutoShardedBot: without SHARD_COUNT it runs one shard, which Discord
    serves as it serves an unsharded connection; with SHARD_COUNT (and SHARD_IDS) the shards of
    this process."""

    def __init__(
        self, settings: Settings, engine: AnswerEngine, store: Store, clock: Clock
    ) -> None:
        intents = discord.Intents.default()
        intents.message_content = settings.message_content
        shard_count = settings.shard_count or 1
        super().__init__(
            # discord.py requires a prefix; no prefixes at all means no prefix commands
            # (Rapptz/discord.py#7809). A mention is a question here, not a command.
            command_prefix=(),
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            intents=intents,
            shard_count=shard_count,
            shard_ids=list(settings.shard_ids or range(shard_count)),
        )
        self.settings = settings
        self.engine = engine
        self.store = store
        self.clock = clock
        self.phrasings = PhrasingIndex(engine.facts)
        self.rng = random.Random()
        self._background: set[asyncio.Task[Any]] = set()

    async def setup_hook(self) -> None:
        subject = self.engine.facts.subject
        await self.tree.set_translator(Translator(subject))
        self.tree.error(self.on_app_command_error)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        name_the_subject(self.tree.walk_commands(), subject)

    async def close(self) -> None:
        """Let questions still being recorded reach the database, then close as usual."""
        if self._background:
            await asyncio.wait(self._background, timeout=STORE_WRITE_SECONDS)
        await super().close()

    async def on_ready(self) -> None:
        log.info(
            "Logged in as %s (id %s) in %d server(s); %s",
            self.user,
            self.user.id if self.user else "?",
            len(self.guilds),
            texts.text("en", "sync_hint"),
        )
        if not self.guilds and self.application_id:
            log.warning(
                "The bot is in no server yet; add it to one with %s",
                invite_url(self.application_id),
            )
        if not self.intents.message_content:
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
        """Store the question with the message that answered it, for feedback and `unanswered`.

        In the background: the reply never waits for the database; a write that fails or
        times out is logged as dropped."""
        user = where.user if isinstance(where, discord.Interaction) else where.author
        record = self.store.record_question(
            answer,
            at=self.clock(),
            guild_id=where.guild.id if where.guild else None,
            channel_id=where.channel.id if where.channel else None,
            user_id=user.id,
            message_id=reply_id,
        )
        self._in_background(record, f"The question answered by message {reply_id}")

    def remember_vote(self, message_id: int, user_id: int, vote: int) -> None:
        """Store a 👍 or 👎, in the background like the questions."""
        record = self.store.record_feedback(message_id, user_id, vote, self.clock())
        self._in_background(record, f"The vote of user {user_id} on message {message_id}")

    async def asked_language(self, message_id: int, fallback: str) -> str:
        """The language of the question a message answered; the fallback if it cannot be read
        within a second."""
        asked = await self.asked_question(message_id, "Replying in the fallback language")
        return asked.language if asked else fallback

    async def asked_question(self, message_id: int, otherwise: str) -> AskedQuestion | None:
        """The question a message answered, as asked; None if unknown or if the database
        cannot say within a second (logged with what is done `otherwise`)."""
        try:
            async with asyncio.timeout(ANSWER_CLAIM_SECONDS):
                return await self.store.question_for_message(message_id)
        except Exception as exc:
            log.warning("%s: %s", otherwise, _describe(exc))
            return None

    def _in_background(self, write: Coroutine[Any, Any, None], what: str) -> None:
        def dropped(error: BaseException) -> None:
            log.warning("%s was not recorded (dropped): %s", what, _describe(error))

        task = spawn(_within(STORE_WRITE_SECONDS, write), what, dropped)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def is_qa_channel(self, channel_id: int) -> bool:
        """From memory, after at most one small read every few seconds to notice a Q&A channel
        set up through another process; a database that is away leaves the memory as it is."""
        try:
            async with asyncio.timeout(ANSWER_CLAIM_SECONDS):
                await self.store.refresh_qa_channels(self.clock(), STORE_REFRESH)
        except Exception as exc:
            log.warning("Q&A channels served from memory: %s", _describe(exc))
        return self.store.is_qa_channel(channel_id)

    async def claim_answer(self, message: discord.Message) -> bool:
        """Whether this process answers the message: False if another process already has.

        A database that cannot say within a second does not hold up the reply: the message is
        answered unclaimed, and the log says so."""
        try:
            async with asyncio.timeout(ANSWER_CLAIM_SECONDS):
                return await self.store.claim_answer(message.id, self.clock())
        except Exception as exc:
            log.warning("Answering message %s unclaimed: %s", message.id, _describe(exc))
            return True

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


async def _within(seconds: float, work: Coroutine[Any, Any, None]) -> None:
    async with asyncio.timeout(seconds):
        await work


def _describe(exc: BaseException | None) -> str:
    if isinstance(exc, TimeoutError):
        return "the database did not answer in time"
    return " ".join(str(exc).split()) or type(exc).__name__


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    if interaction.response.is_done():
        await interaction.followup.send(message, ephemeral=True)
    else:
        await interaction.response.send_message(message, ephemeral=True)
