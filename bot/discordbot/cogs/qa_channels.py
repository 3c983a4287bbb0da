"""/qa channel add|remove|list: where every message is taken as a question (Manage Server)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.discordbot import texts
from bot.discordbot.admin import ManageServerGroupCog
from bot.discordbot.client import ThorupBot


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class QaChannels(
    ManageServerGroupCog,
    group_name="qa",
    group_description="Q&A channels: where every message is a question",
):
    channel = app_commands.Group(name="channel", description="Manage the Q&A channels")

    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot
        super().__init__()

    @channel.command(name="add", description="Answer every message in a channel")
    @app_commands.describe(channel="The channel")
    async def add(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        language = texts.interaction_language(interaction)
        added = await self.bot.store.add_qa_channel(interaction.guild_id or 0, channel.id)
        reply = texts.text(language, "qa_added" if added else "qa_already", channel=channel.mention)
        if added and not self.bot.intents.message_content:
            reply += "\n" + texts.text(language, "qa_no_content")
        await interaction.response.send_message(reply, ephemeral=True)

    @channel.command(name="remove", description="Stop answering every message in a channel")
    @app_commands.describe(channel="The channel")
    async def remove(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        language = texts.interaction_language(interaction)
        removed = await self.bot.store.remove_qa_channel(interaction.guild_id or 0, channel.id)
        key = "qa_removed" if removed else "qa_not_set"
        await interaction.response.send_message(
            texts.text(language, key, channel=channel.mention), ephemeral=True
        )

    @channel.command(name="list", description="List the Q&A channels")
    async def list(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        channels = await self.bot.store.qa_channels(interaction.guild_id or 0)
        reply = (
            texts.text(language, "qa_list", channels=", ".join(f"<#{c}>" for c in channels))
            if channels
            else texts.text(language, "qa_none")
        )
        await interaction.response.send_message(reply, ephemeral=True)


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(QaChannels(bot))
