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
from bot.engine import smalltalk
from bot.engine.answers import Answer
from bot.engine.text import MAX_QUESTION_CHARS, tokens
from bot.engine.verdicts import Verdict

log = logging.getLogger(__name__)

# Mentions of users, roles and channels, and @everyone/@here: never part of the question.
_MENTIONS = re.compile(r"<@[!&]?\d+>|<#\d+>|@(?:everyone|here)")
COOLDOWN_NOTICE_SECONDS = 10
# In a Q&A channel, a message that the sources answer is answered even when it is not phrased as a
# question ("jess thorup fødselsdag"); anything less sure must at least look like a question.
REPLY_ANYWAY = frozenset({Verdict.ANSWER, Verdict.MISSING_DETAIL})


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

    async def _addressed(self, message: discord.Message) -> bool:
        """A DM, a mention of the bot, or a message in a Q&A channel."""
        if message.guild is None or self._mentions_me(message):
            return True
        return await self.bot.is_qa_channel(message.channel.id)

    def _worth_a_reply(self, message: discord.Message, question: str, answer: Answer) -> bool:
        """Mentions and DMs always get a reply. In a Q&A channel members also talk among
        themselves: only questions, and small talk said to the bot, are answered there."""
        if message.guild is None or self._mentions_me(message):
            return True
        if answer.verdict == Verdict.SMALLTALK:
            return self._spoken_to(message, question)
        return (
            answer.verdict in REPLY_ANYWAY
            or answer.phrased_as_question
            or self._spoken_to(message, question)
        )

    def _spoken_to(self, message: discord.Message, question: str) -> bool:
        """A reply to one of the bot's messages, or a message that names the bot."""
        me = self.bot.user
        if me is None:
            return False
        replied_to = message.reference.resolved if message.reference else None
        if isinstance(replied_to, discord.Message) and replied_to.author.id == me.id:
            return True
        member = message.guild.me if message.guild else None
        names = (me.name, member.display_name if member else me.display_name)
        return smalltalk.names_bot(question, names)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not await self._addressed(message):
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
        answer = self.bot.engine.ask(question, default_language=fallback)
        if not self._worth_a_reply(message, question, answer):
            return
        retry = self.cooldown.retry_after(message.author.id)
        if retry:
            if self.cooldown.notice_due(message.author.id):
                await message.reply(
                    texts.text(fallback, "cooldown", seconds=max(1, round(retry))),
                    mention_author=False,
                    delete_after=COOLDOWN_NOTICE_SECONDS,
                )
            return
        if not await self.bot.claim_answer(message):
            return  # another process (a shard's overlapping restart) has answered it
        # A reply, but still posted if the question was deleted in the meantime; a rate limit
        # or a passing server error is waited out rather than answered with an error. Every
        # try carries the question's id as its nonce: Discord drops a repeat of a reply it
        # posted but whose answer was lost (discord.py sends nonces with enforce_nonce).
        reply = await with_retries(
            lambda: message.channel.send(
                embed=answer_embed(answer),
                view=AnswerView(answer),
                reference=message.to_reference(fail_if_not_exists=False),
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=message.id,
            ),
            f"Answering message {message.id}",
        )
        self.bot.remember(answer, message, reply.id)

    @app_commands.command(name="ask", description="Ask a question about {name}")
    @app_commands.describe(question="Your question, in Danish or English")
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
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
