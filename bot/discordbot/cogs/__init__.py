"""One cog per feature; `EXTENSIONS` lists them in load order, after the answer buttons that
several of them put under their answers."""

EXTENSIONS = (
    "bot.discordbot.views",
    "bot.discordbot.cogs.questions",
    "bot.discordbot.cogs.qa_channels",
    "bot.discordbot.cogs.info",
    "bot.discordbot.cogs.reminders",
    "bot.discordbot.cogs.help",
)
