"""/help: what the bot does and every command with an example, in the user's language, ephemeral.

The command list is read from the command tree itself, with the names Danish users see (the
translator's), so a new command cannot be missing from /help without a test failing.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot import texts
from bot.discordbot.client import ThorupBot
from bot.discordbot.embeds import ANSWER_COLOUR
from bot.discordbot.translator import AnyCommand, describe, local
from bot.engine import i18n
from bot.engine.facts import Subject


def example_key(command: AnyCommand) -> str:
    """The key of the command's example in `texts.HELP_EXAMPLES`: a group's is one subcommand."""
    if isinstance(command, app_commands.Command):
        return command.qualified_name
    prefix = command.qualified_name + " "
    return next(key for key in texts.HELP_EXAMPLES["en"] if key.startswith(prefix))


def _line(command: AnyCommand, language: str, subject: Subject) -> str:
    key = example_key(command)
    path = " ".join(local(word, subject, language) for word in key.split())
    arguments = i18n.render(texts.HELP_EXAMPLES[language][key], subject.text_fields(language))
    line = (
        f"`/{path}{' ' + arguments if arguments else ''}` – {describe(command, subject, language)}"
    )
    if isinstance(command, app_commands.Group):
        others = [
            " ".join(local(word, subject, language) for word in leaf.qualified_name.split()[1:])
            for leaf in command.walk_commands()
            if isinstance(leaf, app_commands.Command) and leaf.qualified_name != key
        ]
        line += f" ({texts.text(language, 'help_also', names=', '.join(others))})"
    return line


def help_embed(
    tree_commands: Sequence[AnyCommand], language: str, subject: Subject
) -> discord.Embed:
    fans = [c for c in tree_commands if c.default_permissions is None]
    admins = [c for c in tree_commands if c.default_permissions is not None]
    embed = discord.Embed(
        title=texts.text(language, "help_title"),
        description=texts.text(language, "help_intro", name=subject.name),
        colour=ANSWER_COLOUR,
    )
    embed.add_field(
        name=texts.text(language, "help_commands"),
        value="\n".join(_line(c, language, subject) for c in fans),
        inline=False,
    )
    if admins:
        embed.add_field(
            name=texts.text(language, "help_admin"),
            value="\n".join(_line(c, language, subject) for c in admins),
            inline=False,
        )
    embed.set_footer(text=texts.text(language, "help_feedback"))
    return embed


class Help(commands.Cog):
    def __init__(self, bot: ThorupBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="help", description="What the bot does and how to use it, only for you"
    )
    async def help(self, interaction: discord.Interaction) -> None:
        language = texts.interaction_language(interaction)
        slash = [
            command
            for command in self.bot.tree.get_commands()
            if isinstance(command, app_commands.Command | app_commands.Group)
        ]
        embed = help_embed(slash, language, self.bot.engine.facts.subject)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(Help(bot))
