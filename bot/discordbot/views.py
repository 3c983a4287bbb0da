"""Buttons under answers: "did you mean" suggestions and 👍/👎 feedback.

They are dynamic items: the custom id carries what the click needs, so buttons keep working on
old messages after the bot restarts. Loaded as an extension, which registers them with the bot.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import discord

from bot.discordbot import texts
from bot.discordbot.client import ThorupBot
from bot.discordbot.embeds import answer_embed
from bot.engine.answers import Answer
from bot.engine.verdicts import Verdict

LABEL_LIMIT = 80


def _bot(interaction: discord.Interaction) -> ThorupBot:
    """The bot the click came to: ours, though discord.py types it as any client."""
    bot = interaction.client
    if not isinstance(bot, ThorupBot):
        raise TypeError(f"the answer buttons need a ThorupBot, not {type(bot).__name__}")
    return bot


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"thorup:ask:(?P<language>da|en):(?P<intent>[a-z0-9-]+)",
):
    """Answers the suggested question in place of the message it sits under."""

    def __init__(self, language: str, intent_id: str, label: str = "?") -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:LABEL_LIMIT],
                style=discord.ButtonStyle.primary,
                custom_id=f"thorup:ask:{language}:{intent_id}",
            )
        )
        self.language = language
        self.intent_id = intent_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> SuggestionButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["language"], match["intent"], label or "?")

    async def callback(self, interaction: discord.Interaction) -> Any:
        bot = _bot(interaction)
        if not any(i.id == self.intent_id for i in bot.engine.facts.answerable_intents):
            await interaction.response.send_message(
                texts.text(self.language, "error"), ephemeral=True
            )
            return
        answer = bot.engine.answer_for(self.intent_id, self.language)
        message = interaction.message
        if message is None or asker_id(message) != interaction.user.id:
            # Someone else's answer stays as its asker saw it; the clicker gets theirs privately.
            await interaction.response.send_message(embed=answer_embed(answer), ephemeral=True)
            return
        await interaction.response.edit_message(embed=answer_embed(answer), view=AnswerView(answer))
        # On record with the fan's own words: `thorup-bot learn` proposes them as a phrasing.
        asked = await bot.asked_question(message.id, "The click is recorded without the question")
        if asked is not None:
            answer = dataclasses.replace(answer, question=asked.question, verdict=Verdict.CLICKED)
        bot.remember(answer, interaction, message.id)


def asker_id(answer: discord.Message) -> int | None:
    """Who asked what `answer` answers: the user of the slash command, or the author of the
    message it replies to; None if that is no longer known (the question was deleted)."""
    if answer.interaction_metadata is not None:
        return answer.interaction_metadata.user.id
    question = answer.reference.resolved if answer.reference else None
    return question.author.id if isinstance(question, discord.Message) else None


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"thorup:vote:(?P<vote>up|down)"
):
    """Stores a 👍 or 👎 with the question and the intent that answered it."""

    def __init__(self, vote: str) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"thorup:vote:{vote}",
            )
        )
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FeedbackButton:
        return cls(match["vote"])

    async def callback(self, interaction: discord.Interaction) -> Any:
        bot = _bot(interaction)
        language = texts.interaction_language(interaction)
        if interaction.message is not None:
            language = await bot.asked_language(interaction.message.id, language)
            bot.remember_vote(
                interaction.message.id, interaction.user.id, 1 if self.vote == "up" else -1
            )
        await interaction.response.send_message(texts.text(language, "thanks"), ephemeral=True)


class AnswerView(discord.ui.View):
    """Suggestions (when there are any) and feedback buttons under an answer."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(timeout=None)
        for intent_id, question in zip(answer.suggested_intents, answer.suggestions, strict=True):
            self.add_item(SuggestionButton(answer.language, intent_id, question))
        # A greeting or thanks is no answer to rate.
        if answer.verdict != Verdict.SMALLTALK:
            self.add_item(FeedbackButton("up"))
            self.add_item(FeedbackButton("down"))


async def setup(bot: ThorupBot) -> None:
    bot.add_dynamic_items(SuggestionButton, FeedbackButton)
