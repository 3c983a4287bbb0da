"""Questions: mentions, DMs and Q&A channels in chat, and the /ask slash command."""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot import texts
from bot.discordbot.client import ThorupBot
from bot.discordbot.cooldown import QuestionCooldown
from bot.discordbot.embeds import answer_embed
from bot.discordbot.retry import with_retries
from bot.discordbot.views import AnswerView
from bot.engine.text import MAX_QUESTION_CHARS, tokens

log = logging.getLogger(__name__)

# Mentions of users, roles and channels, and @everyone/@here: never part of the question.
_MENTIONS = re.compile(r"<@[!&]?\d+>|<#\d+>|@(?:everyone|here)")
COOLDOWN_NOTICE_SECONDS = 10


def question_text(content: str) -> str:
    return " ".join(_MENTIONS.sub(" ", content).split())[:MAX_QUESTION_CHARS]


class Questions(commands.Cog):
    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot
        settings = bot.settings
        self.cooldown = QuestionCooldown(
            settings.questions_per_cooldown, settings.question_cooldown, bot.clock
        )
        self._warned_no_content = False

    def _mentions_me(self, message: discord.Message) -> bool:
        """A mention of the bot itself, not @everyone or a role it has."""
        me = self.bot.user
        return me is not None and me.id in message.raw_mentions

    def _addressed(self, message: discord.Message) -> bool:
        """A DM, a mention of the bot, or a message in a Q&A channel."""
        if message.guild is None or self._mentions_me(message):
            return True
        return self.bot.store.is_qa_channel(message.channel.id)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not self._addressed(message):
            return
        try:
            await self._answer_message(message)
        except Exception:
            log.exception(
                "Answering message %s in channel %s (guild %s) failed",
                message.id,
                message.channel.id,
                message.guild.id if message.guild else None,
            )
            language = texts.language_of_locale(
                message.guild.preferred_locale if message.guild else None
            )
            await message.reply(texts.text(language, "error"), mention_author=False)

    async def _answer_message(self, message: discord.Message) -> None:
        fallback = texts.language_of_locale(
            message.guild.preferred_locale if message.guild else None
        )
        if not message.content and not self.bot.intents.message_content:
            if not self._warned_no_content:
                log.warning(
                    "A message in Q&A channel %s arrived without content: the message content "
                    "intent is off (see README).",
                    message.channel.id,
                )
                self._warned_no_content = True
            return
        question = question_text(message.content)
        if not tokens(question) and message.guild is not None and not self._mentions_me(message):
            return  # a picture, a sticker or an emoji in a Q&A channel is not a question
        retry = self.cooldown.retry_after(message.author.id)
        if retry:
            if self.cooldown.notice_due(message.author.id):
                await message.reply(
                    texts.text(fallback, "cooldown", seconds=max(1, round(retry))),
                    mention_author=False,
                    delete_after=COOLDOWN_NOTICE_SECONDS,
                )
            return
        answer = self.bot.engine.ask(question, default_language=fallback)
        # A reply, but still posted if the question was deleted in the meantime; a rate limit
        # or a passing server error is waited out rather than answered with an error.
        reply = await with_retries(
            lambda: message.channel.send(
                embed=answer_embed(answer),
                view=AnswerView(answer),
                reference=message.to_reference(fail_if_not_exists=False),
                allowed_mentions=discord.AllowedMentions.none(),
            ),
            f"Answering message {message.id}",
        )
        self.bot.remember(answer, message, reply.id)

    @app_commands.command(name="ask", description="Ask a question about Jess Thorup")
    @app_commands.describe(question="Your question, in Danish or English")
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 300]
    ) -> None:
        self.cooldown.check(interaction.user.id)
        answer = self.bot.engine.ask(
            question_text(question), default_language=texts.interaction_language(interaction)
        )
        await interaction.response.send_message(
            embed=answer_embed(answer),
            view=AnswerView(answer),
            ephemeral=not answer.answered,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        response = await interaction.original_response()
        self.bot.remember(answer, interaction, response.id)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        fallback = texts.interaction_language(interaction)
        language = self.bot.engine.matcher.analyse(current, fallback).language
        return [
            app_commands.Choice(name=phrasing[:100], value=phrasing[:100])
            for phrasing in self.bot.phrasings.complete(current, language)
        ]


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(Questions(bot))
