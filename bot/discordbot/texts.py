"""Every user-facing text of the Discord adapter, in Danish and English, in one place."""

from __future__ import annotations

import discord

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "source": "Kilde",
        "sources": "Kilder",
        "confidence": "Sikkerhed {value:.0%}",
        "cooldown": "Du spørger lidt hurtigt – prøv igen om {seconds} sekunder.",
        "error": "Beklager, noget gik galt. Prøv igen om lidt.",
        "needs_manage_server": "Det kræver tilladelsen Administrer server.",
        "guild_only": "Den kommando virker kun på en server.",
        "qa_added": "Jeg svarer nu på alle beskeder i {channel}.",
        "qa_already": "{channel} er allerede en Q&A-kanal.",
        "qa_removed": "{channel} er ikke længere en Q&A-kanal.",
        "qa_not_set": "{channel} er ikke en Q&A-kanal.",
        "qa_list": "Q&A-kanaler: {channels}",
        "qa_none": "Der er ingen Q&A-kanaler. Tilføj en med /qa kanal tilføj.",
        "qa_no_content": (
            "Bemærk: uden Message Content Intent kan jeg ikke læse beskederne i Q&A-kanaler; "
            "jeg svarer stadig, når nogen nævner mig."
        ),
        "thanks": "Tak for din feedback!",
        "about_title": "Om thorup-bot",
        "about": (
            "Jeg svarer på spørgsmål om {name}s karriere og fødselsdag på dansk og engelsk, "
            "altid med kilde. Spørg med /ask, nævn mig, eller skriv til mig privat."
        ),
        "about_size": "{intents} emner · {phrasings} formuleringer · {sources} kilde(r)",
        "version": "Version",
        "fact_base": "Faktabase",
        "sources_title": "Kilder",
        "source_line": "{paragraphs} afsnit · {intents} svar bygger på den · emner: {topics}",
        "fact_title": "Vidste du?",
        "sync_hint": "Kommandoerne registreres med `thorup-bot sync`.",
    },
    "en": {
        "source": "Source",
        "sources": "Sources",
        "confidence": "Confidence {value:.0%}",
        "cooldown": "You're asking a bit fast – try again in {seconds} seconds.",
        "error": "Sorry, something went wrong. Please try again in a moment.",
        "needs_manage_server": "That needs the Manage Server permission.",
        "guild_only": "That command only works in a server.",
        "qa_added": "I now answer every message in {channel}.",
        "qa_already": "{channel} is already a Q&A channel.",
        "qa_removed": "{channel} is no longer a Q&A channel.",
        "qa_not_set": "{channel} is not a Q&A channel.",
        "qa_list": "Q&A channels: {channels}",
        "qa_none": "There are no Q&A channels. Add one with /qa channel add.",
        "qa_no_content": (
            "Note: without the Message Content Intent I cannot read messages in Q&A channels; "
            "I still answer when someone mentions me."
        ),
        "thanks": "Thanks for your feedback!",
        "about_title": "About thorup-bot",
        "about": (
            "I answer questions about {name}'s career and birthday in Danish and English, "
            "always with a source. Ask with /ask, mention me, or message me directly."
        ),
        "about_size": "{intents} topics · {phrasings} phrasings · {sources} source(s)",
        "version": "Version",
        "fact_base": "Fact base",
        "sources_title": "Sources",
        "source_line": "{paragraphs} paragraphs · {intents} answers rest on it · topics: {topics}",
        "fact_title": "Did you know?",
        "sync_hint": "Commands are registered with `thorup-bot sync`.",
    },
}


def text(language: str, key: str, **fields: object) -> str:
    return TEXTS[language][key].format(**fields)


def language_of_locale(locale: discord.Locale | str | None, fallback: str = "da") -> str:
    """Danish for Danish locales, English for English ones, otherwise the fallback."""
    value = str(locale or "")
    if value.startswith("da"):
        return "da"
    if value.startswith("en"):
        return "en"
    return fallback


def interaction_language(interaction: discord.Interaction) -> str:
    """The user's language if it is Danish or English, else the server's, else Danish."""
    guild = language_of_locale(interaction.guild_locale)
    return language_of_locale(interaction.locale, guild)
