"""/birthday, /timeline, /fact, /sources and /about: public answers with their sources."""

from __future__ import annotations

import io
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.discordbot import texts
from bot.discordbot.client import ThorupBot
from bot.discordbot.embeds import ANSWER_COLOUR, answer_embed, card_embed, sources_embed
from bot.discordbot.views import AnswerView
from bot.engine.answers import AnswerEngine
from bot.engine.overviews import (
    Card,
    birthday_card,
    random_fact,
    sources_overview,
    timeline_card,
)
from bot.timeline_picture import TimelinePictures


class Info(commands.Cog):
    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot
        self.pictures = TimelinePictures(bot.engine.facts)

    @app_commands.command(
        name="birthday", description="{His} birthday: date, age today, weekday, days to go"
    )
    async def birthday(self, interaction: discord.Interaction) -> None:
        await self._send_card(interaction, birthday_card)

    @app_commands.command(
        name="timeline", description="{His} career as a dated timeline, with sources"
    )
    async def timeline(self, interaction: discord.Interaction) -> None:
        """The picture, with the dated list kept in the embed for screen readers."""
        language = texts.interaction_language(interaction)
        embed = card_embed(timeline_card(self.bot.engine, language), language)
        if not self.bot.engine.facts.career:
            await interaction.response.send_message(embed=embed)
            return
        name = f"timeline-{language}.png"
        embed.set_image(url=f"attachment://{name}")
        picture = discord.File(io.BytesIO(self.pictures.get(language).png), filename=name)
        await interaction.response.send_message(embed=embed, file=picture)

    async def _send_card(
        self, interaction: discord.Interaction, make: Callable[[AnswerEngine, str], Card]
    ) -> None:
        language = texts.interaction_language(interaction)
        card = make(self.bot.engine, language)
        await interaction.response.send_message(embed=card_embed(card, language))

    @app_commands.command(name="fact", description="A random fact with its source")
    async def fact(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        answer = random_fact(self.bot.engine, self.bot.rng, language)
        embed = answer_embed(answer)
        embed.title = texts.text(language, "fact_title")
        await interaction.response.send_message(embed=embed, view=AnswerView(answer))
        self.bot.remember(answer, interaction, (await interaction.original_response()).id)

    @app_commands.command(name="sources", description="The sources and what they cover")
    async def sources(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        summaries = sources_overview(self.bot.engine, language)
        await interaction.response.send_message(embed=sources_embed(summaries, language))

    @app_commands.command(name="about", description="What this bot is")
    async def about(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        facts = self.bot.engine.facts
        intents = facts.answerable_intents
        embed = discord.Embed(
            title=texts.text(language, "about_title"),
            description=texts.text(language, "about", name=facts.subject.name),
            colour=ANSWER_COLOUR,
        )
        embed.add_field(
            name=texts.text(language, "fact_base"),
            value=texts.text(
                language,
                "about_size",
                intents=len(intents),
                phrasings=sum(len(i.questions[language]) for i in intents),
                sources=len(facts.sources),
            ),
        )
        embed.add_field(name=texts.text(language, "version"), value=__version__)
        await interaction.response.send_message(embed=embed)


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(Info(bot))
