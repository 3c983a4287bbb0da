"""One cog per feature; `EXTENSIONS` lists them in load order."""

EXTENSIONS = (
    "bot.discordbot.cogs.questions",
    "bot.discordbot.cogs.qa_channels",
    "bot.discordbot.cogs.info",
    "bot.discordbot.cogs.reminders",
    "bot.discordbot.cogs.help",
)
