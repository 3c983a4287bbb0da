"""Danish names and descriptions for the slash commands; English is the default.

Descriptions may speak of the subject of the fact base: {name}, {he}, {his}, {He}, {His}. They are
written when a cog's module is imported, before any fact base is loaded, and filled in for the
bot's subject when its cogs are loaded (`name_the_subject`)."""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord import app_commands

from bot.engine import i18n
from bot.engine.facts import Subject

AnyCommand = app_commands.Command | app_commands.Group
# Where a command keeps its description as written, before the subject was filled in.
_TEMPLATE = "description_template"

DANISH: dict[str, str] = {
    "ask": "spørg",
    "Ask a question about {name}": "Stil et spørgsmål om {name}",
    "question": "spørgsmål",
    "Your question, in Danish or English": "Dit spørgsmål, på dansk eller engelsk",
    "birthday": "fødselsdag",
    "{His} birthday: date, age today, weekday, days to go": (
        "{His} fødselsdag: dato, alder i dag, ugedag, dage tilbage"
    ),
    "timeline": "tidslinje",
    "{His} career as a dated timeline, with sources": "{His} karriere som tidslinje, med kilder",
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


def local(text: str, subject: Subject, language: str) -> str:
    """A command name or description as written, in `language`, the subject filled in."""
    if language == "da":
        text = DANISH.get(text, text)
    return i18n.render(text, subject.text_fields(language))


def describe(command: AnyCommand, subject: Subject, language: str) -> str:
    """The command's description in `language`, as the user sees it."""
    return local(command.extras.get(_TEMPLATE, command.description), subject, language)


def name_the_subject(commands: Iterable[AnyCommand], subject: Subject) -> None:
    """Fill the subject into the descriptions Discord shows by default (English). These are the
    bot's own copies of its cogs' commands (discord.py copies them for each cog), so the
    templates in the cogs' classes stay as written; each command keeps its own in `extras`."""
    for command in commands:
        if "{" in command.description:
            command.extras = {**command.extras, _TEMPLATE: command.description}
            command.description = describe(command, subject, "en")


class Translator(app_commands.Translator):
    """Danish for Danish users; the messages it is given are the templates as written."""

    def __init__(self, subject: Subject) -> None:
        self.subject = subject

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is discord.Locale.danish and string.message in DANISH:
            return local(string.message, self.subject, "da")
        return None
