"""/qa channel add|remove|list: where every message is taken as a question (Manage Server)."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot import texts
from bot.discordbot.admin import ManageServerGroupCog, guild_id, refused_for_permissions
from bot.discordbot.client import ThorupBot

log = logging.getLogger(__name__)


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

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        if await self.bot.store.remove_qa_channel(channel.guild.id, channel.id):
            log.info("Q&A channel %s of guild %s was deleted", channel.id, channel.guild.id)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        """Drop the Q&A channels deleted while the bot could not see them: discord.py announces
        every server this way on start (and on a new session), and again after an outage."""
        for channel_id in await self.bot.store.qa_channels(guild.id):
            if guild.get_channel(channel_id) is None:
                await self.bot.store.remove_qa_channel(guild.id, channel_id)
                log.info("Q&A channel %s of guild %s no longer exists", channel_id, guild.id)

    @channel.command(name="add", description="Answer every message in a channel")
    @app_commands.describe(channel="The channel")
    async def add(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        if await refused_for_permissions(interaction, channel):
            return
        language = texts.interaction_language(interaction)
        added = await self.bot.store.add_qa_channel(guild_id(interaction), channel.id)
        reply = texts.text(language, "qa_added" if added else "qa_already", channel=channel.mention)
        if added and not self.bot.intents.message_content:
            reply += "\n" + texts.text(language, "qa_no_content")
        await interaction.response.send_message(reply, ephemeral=True)

    @channel.command(name="remove", description="Stop answering every message in a channel")
    @app_commands.describe(channel="The channel")
    async def remove(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        language = texts.interaction_language(interaction)
        removed = await self.bot.store.remove_qa_channel(guild_id(interaction), channel.id)
        key = "qa_removed" if removed else "qa_not_set"
        await interaction.response.send_message(
            texts.text(language, key, channel=channel.mention), ephemeral=True
        )

    @channel.command(name="list", description="List the Q&A channels")
    async def list(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        channels = await self.bot.store.qa_channels(guild_id(interaction))
        reply = (
            texts.text(language, "qa_list", channels=", ".join(f"<#{c}>" for c in channels))
            if channels
            else texts.text(language, "qa_none")
        )
        await interaction.response.send_message(reply, ephemeral=True)


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(QaChannels(bot))
