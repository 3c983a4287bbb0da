"""Command groups for server admins (Manage Server)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands


class ManageServerGroupCog(commands.GroupCog):
    """A command group that checks Manage Server when run.

    Subclasses also carry `default_permissions(manage_guild=True)`, which only hides the commands:
    server admins can grant them to anyone in the server settings, so the check is repeated here.
    """

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])
        return True
