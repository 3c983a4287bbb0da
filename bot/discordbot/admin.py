"""Command groups for server admins (Manage Server)."""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot import texts

# What the bot needs in a channel to answer there or post reminders (a reply needs the history);
# discord.py's flag names, each named for people by the catalog's `perm_<flag>`.
NEEDED = ("view_channel", "send_messages", "embed_links", "read_message_history")


def missing_permissions(
    channel: discord.abc.GuildChannel, me: discord.Member | None = None
) -> list[str]:
    """The permissions (flag names) the bot (`me`, by default the cached member of the bot) lacks
    in `channel`."""
    permissions = channel.permissions_for(me or channel.guild.me)
    return [name for name in NEEDED if not getattr(permissions, name)]


def permission_names(flags: Iterable[str], language: str) -> str:
    """The permissions as Discord's settings show them in `language`, comma-separated."""
    return ", ".join(texts.text(language, f"perm_{flag}") for flag in flags)


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
        language = texts.interaction_language(interaction)
        reply = texts.text(
            language,
            "missing_permissions",
            channel=channel.mention,
            permissions=permission_names(missing, language),
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
