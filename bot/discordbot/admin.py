"""Command groups for server admins (Manage Server)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot import texts

# What the bot needs in a channel to answer there or post reminders (a reply needs the history).
NEEDED = ("view_channel", "send_messages", "embed_links", "read_message_history")
PERMISSION_NAMES = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
    "read_message_history": "Read Message History",
}


def missing_permissions(
    channel: discord.abc.GuildChannel, me: discord.Member | None = None
) -> list[str]:
    """The names of the permissions the bot (`me`, by default the cached member of the bot) lacks
    in `channel`, as Discord's settings show them."""
    permissions = channel.permissions_for(me or channel.guild.me)
    return [PERMISSION_NAMES[name] for name in NEEDED if not getattr(permissions, name)]


def guild_id(interaction: discord.Interaction) -> int:
    """The server a guild-only command runs in; Discord runs none outside a server, so there is
    no "no server" to stand in for."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return interaction.guild_id


async def refused_for_permissions(
    interaction: discord.Interaction, channel: discord.abc.GuildChannel
) -> bool:
    """Tell the admin, privately, which permissions the bot lacks in `channel`; True if any."""
    missing = missing_permissions(channel)
    if missing:
        reply = texts.text(
            texts.interaction_language(interaction),
            "missing_permissions",
            channel=channel.mention,
            permissions=", ".join(missing),
        )
        await interaction.response.send_message(reply, ephemeral=True)
    return bool(missing)


class ManageServerGroupCog(commands.GroupCog):
    """A command group that checks Manage Server when run.

    Subclasses also carry `default_permissions(manage_guild=True)`, which only hides the commands:
    server admins can grant them to anyone in the server settings, so the check is repeated here.
    """

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])
        return True
