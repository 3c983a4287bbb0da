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
    "help": "hjælp",
    "What the bot does and how to use it, only for you": (
        "Hvad botten kan, og hvordan du bruger den – kun for dig"
    ),
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
    "reminders": "påmindelser",
    "Birthday reminder posts (Manage Server)": "Fødselsdagspåmindelser (Administrer server)",
    "Post reminders in this channel": "Post påmindelser i denne kanal",
    "time": "tid",
    "Post at this local time, HH:MM (default 09:00)": (
        "Post på dette lokale tidspunkt, TT:MM (standard 09:00)"
    ),
    "hhmm": "ttmm",
    "Local time, e.g. 09:00": "Lokal tid, fx 09:00",
    "timezone": "tidszone",
    "The time zone for the posting time (IANA name)": "Tidszonen for tidspunktet (IANA-navn)",
    "zone": "zone",
    "e.g. Europe/Copenhagen": "fx Europe/Copenhagen",
    "countdown": "nedtælling",
    "Countdown posts: days before the birthday, e.g. 7,1 (empty: none)": (
        "Nedtællingsopslag: dage før fødselsdagen, fx 7,1 (tom: ingen)"
    ),
    "days": "dage",
    "Days before, 0 to 30, separated by commas": "Dage før, 0 til 30, adskilt af komma",
    "language": "sprog",
    "The language of the posts": "Opslagenes sprog",
    "on": "til",
    "Turn the reminders on": "Slå påmindelserne til",
    "off": "fra",
    "Turn the reminders off": "Slå påmindelserne fra",
    "status": "status",
    "Settings, the next posts, the last post and any problem": (
        "Indstillinger, de næste opslag, det sidste opslag og eventuelle problemer"
    ),
    "preview": "forhåndsvis",
    "Show exactly the next post, only to you": "Vis præcis det næste opslag, kun for dig",
    "ping": "ping",
    "A role to ping in the posts (leave out: ping nobody)": (
        "En rolle der nævnes i opslagene (udelad: nævn ingen)"
    ),
    "role": "rolle",
    "The role to ping": "Rollen der nævnes",
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
