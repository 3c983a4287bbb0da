"""/reminders: per-server birthday reminder posts, and the scheduler task that makes them.

`_cog` holds the commands and runs the scheduler, `_status` renders what they show, and
`_poster` makes the posts in Discord.
"""

from __future__ import annotations

from bot.discordbot.client import ThorupBot
from bot.discordbot.cogs.reminders._cog import Reminders


async def setup(bot: ThorupBot) -> None:
    await bot.add_cog(Reminders(bot))
