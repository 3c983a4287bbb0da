"""Danish names and descriptions for the slash commands; English is the default."""

from __future__ import annotations

import discord
from discord import app_commands

DANISH: dict[str, str] = {
    "ask": "spørg",
    "Ask a question about Jess Thorup": "Stil et spørgsmål om Jess Thorup",
    "question": "spørgsmål",
    "Your question, in Danish or English": "Dit spørgsmål, på dansk eller engelsk",
    "birthday": "fødselsdag",
    "His birthday: date, age today, weekday, days to go": (
        "Hans fødselsdag: dato, alder i dag, ugedag, dage tilbage"
    ),
    "timeline": "tidslinje",
    "His career as a dated timeline, with sources": "Hans karriere som tidslinje, med kilder",
    "fact": "fakta",
    "A random fact with its source": "En tilfældig fakta med kilde",
    "sources": "kilder",
    "The sources and what they cover": "Kilderne og hvad de dækker",
    "about": "om",
    "What this bot is": "Hvad denne bot er",
    "qa": "qa",
    "Q&A channels: where every message is a question": (
        "Q&A-kanaler: hvor hver besked er et spørgsmål"
    ),
    "channel": "kanal",
    "Manage the Q&A channels": "Administrer Q&A-kanalerne",
    "add": "tilføj",
    "Answer every message in a channel": "Besvar hver besked i en kanal",
    "remove": "fjern",
    "Stop answering every message in a channel": "Stop med at besvare hver besked i en kanal",
    "list": "vis",
    "List the Q&A channels": "Vis Q&A-kanalerne",
    "The channel": "Kanalen",
}


class Translator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is discord.Locale.danish:
            return DANISH.get(string.message)
        return None
