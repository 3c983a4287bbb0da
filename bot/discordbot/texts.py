"""Every user-facing text of the Discord adapter, in Danish and English, in one place."""

from __future__ import annotations

import discord

from bot.engine import i18n

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "source": "Kilde",
        "sources": "Kilder",
        "confidence_footer": "Sikkerhed {value:.0%}",
        "cooldown": "Du spørger lidt hurtigt – prøv igen om {seconds} sekunder.",
        "error": "Beklager, noget gik galt. Prøv igen om lidt.",
        "needs_manage_server": "Det kræver tilladelsen Administrer server.",
        "guild_only": "Den kommando virker kun på en server.",
        "qa_added": "Jeg svarer nu på alle beskeder i {channel}.",
        "missing_permissions": (
            "Jeg kan ikke bruge {channel}: jeg mangler tilladelsen {permissions}. "
            "Giv mig den, og prøv igen."
        ),
        "rem_no_everyone": "@everyone pinges aldrig – vælg en rolle, eller lad rollen være tom.",
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
        "help_title": "Sådan bruger du thorup-bot",
        "help_intro": (
            "Jeg svarer på spørgsmål om {name}s karriere og fødselsdag, på dansk og engelsk, "
            "altid med kilde – og siger ærligt til, når kilderne ikke ved det. Spørg med "
            "/spørg, nævn mig i en besked, skriv til mig privat, eller skriv i en Q&A-kanal."
        ),
        "help_commands": "Kommandoer",
        "help_admin": "For serveradministratorer (Administrer server)",
        "help_also": "også: {names}",
        "help_feedback": "👍/👎 under et svar hjælper faktabasen med at blive bedre.",
        "rem_saved": "Gemt. {summary}",
        "rem_summary": (
            "Påmindelser er **{state}** · kanal {channel} · kl. {time} ({timezone}) · "
            "nedtælling: {countdown} · sprog: {language} · ping: {ping}"
        ),
        "rem_on": "slået til",
        "rem_off": "slået fra",
        "rem_none": "ingen",
        "rem_days": "{days} {days|dag|dage} før",
        "rem_no_channel": "ingen kanal valgt – vælg med /reminders channel",
        "rem_bad_time": "Skriv tiden som TT:MM, fx 09:00.",
        "rem_bad_timezone": "Ukendt tidszone {zone!r}. Brug et IANA-navn som Europe/Copenhagen.",
        "rem_bad_countdown": (
            "Nedtælling er dage før fødselsdagen, 0 til 30, adskilt af komma (fx 7,1)."
        ),
        "rem_needs_channel": "Vælg først en kanal med /reminders channel.",
        "rem_next": "**Næste opslag**",
        "rem_next_line": "{local} ({utc} UTC) – {what}",
        "rem_last": (
            "**Sidste opslag**: {what}, {when} – "
            "https://discord.com/channels/{guild}/{channel}/{message}"
        ),
        "rem_last_none": "**Sidste opslag**: endnu intet",
        "rem_problem": "⚠️ {what}: {error}",
        "rem_missed": "⚠️ {what} blev ikke postet: botten var offline hele dagen ({date}).",
        "rem_check": "⚠️ Jeg mangler tilladelsen {permissions} i {channel}.",
        "rem_channel_gone": "⚠️ Kanalen findes ikke længere – vælg en ny med /reminders channel.",
        "rem_what_birthday": "fødselsdag",
        "rem_what_countdown": "nedtælling {days} {days|dag|dage} før",
        "rem_preview_heading": "Næste opslag ({when}) ser sådan ud:",
        # Why a reminder post failed (bot.store.FailureReason), after "⚠️ fødselsdag (…): ".
        "rem_failure_channel_gone": "kanalen findes ikke længere",
        "rem_failure_missing_permissions": "mangler tilladelsen {permissions}",
        "rem_failure_forbidden": "mangler tilladelse til at skrive i kanalen",
        "rem_failure_history_forbidden": "kan ikke læse kanalens historik",
        "rem_failure_discord_refused": "Discord afviste opslaget: {status} {detail}",
        "rem_failure_settings_changed": "indstillingerne blev ændret, før det blev postet",
        "rem_failure_unexpected": "uventet fejl",
        "rem_failure_kept_failing": "Discord fejlede hele dagen: {detail}",
        "rem_failure_no_answer_all_day": "Discord svarede ikke i tide hele dagen",
        "rem_failure_day_passed": "reserveret før en genstart; dagen var gået",
        "rem_failure_as_recorded": "{text}",
        # Permissions as Discord's own settings name them.
        "perm_view_channel": "Se kanal",
        "perm_send_messages": "Send beskeder",
        "perm_embed_links": "Integrer links",
        "perm_read_message_history": "Læs beskedhistorik",
    },
    "en": {
        "source": "Source",
        "sources": "Sources",
        "confidence_footer": "Confidence {value:.0%}",
        "cooldown": "You're asking a bit fast – try again in {seconds} seconds.",
        "error": "Sorry, something went wrong. Please try again in a moment.",
        "needs_manage_server": "That needs the Manage Server permission.",
        "guild_only": "That command only works in a server.",
        "qa_added": "I now answer every message in {channel}.",
        "missing_permissions": (
            "I cannot use {channel}: I am missing the permission {permissions}. "
            "Grant it and try again."
        ),
        "rem_no_everyone": "@everyone is never pinged – pick a role, or leave the role out.",
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
        "help_title": "How to use thorup-bot",
        "help_intro": (
            "I answer questions about {name}'s career and birthday, in Danish and English, "
            "always with a source – and say so honestly when the sources don't know. Ask with "
            "/ask, mention me in a message, message me directly, or write in a Q&A channel."
        ),
        "help_commands": "Commands",
        "help_admin": "For server admins (Manage Server)",
        "help_also": "also: {names}",
        "help_feedback": "A 👍/👎 under an answer helps the fact base get better.",
        "rem_saved": "Saved. {summary}",
        "rem_summary": (
            "Reminders are **{state}** · channel {channel} · at {time} ({timezone}) · "
            "countdown: {countdown} · language: {language} · ping: {ping}"
        ),
        "rem_on": "on",
        "rem_off": "off",
        "rem_none": "none",
        "rem_days": "{days} {days|day|days} before",
        "rem_no_channel": "no channel chosen – pick one with /reminders channel",
        "rem_bad_time": "Write the time as HH:MM, for example 09:00.",
        "rem_bad_timezone": (
            "Unknown time zone {zone!r}. Use an IANA name such as Europe/Copenhagen."
        ),
        "rem_bad_countdown": (
            "Countdown is days before the birthday, 0 to 30, separated by commas (e.g. 7,1)."
        ),
        "rem_needs_channel": "Pick a channel first with /reminders channel.",
        "rem_next": "**Next posts**",
        "rem_next_line": "{local} ({utc} UTC) – {what}",
        "rem_last": (
            "**Last post**: {what}, {when} – "
            "https://discord.com/channels/{guild}/{channel}/{message}"
        ),
        "rem_last_none": "**Last post**: none yet",
        "rem_problem": "⚠️ {what}: {error}",
        "rem_missed": "⚠️ {what} was not posted: the bot was offline all day ({date}).",
        "rem_check": "⚠️ I am missing the permission {permissions} in {channel}.",
        "rem_channel_gone": (
            "⚠️ The channel no longer exists – pick a new one with /reminders channel."
        ),
        "rem_what_birthday": "birthday",
        "rem_what_countdown": "countdown {days} {days|day|days} before",
        "rem_preview_heading": "The next post ({when}) will look like this:",
        "rem_failure_channel_gone": "the channel no longer exists",
        "rem_failure_missing_permissions": "missing permission: {permissions}",
        "rem_failure_forbidden": "missing permission to post",
        "rem_failure_history_forbidden": "cannot read the channel's history",
        "rem_failure_discord_refused": "Discord refused the post: {status} {detail}",
        "rem_failure_settings_changed": "the reminder settings changed before it was posted",
        "rem_failure_unexpected": "unexpected error",
        "rem_failure_kept_failing": "Discord kept failing all day: {detail}",
        "rem_failure_no_answer_all_day": "Discord kept failing all day: no answer in time",
        "rem_failure_day_passed": "claimed before a restart; its day has passed",
        "rem_failure_as_recorded": "{text}",
        "perm_view_channel": "View Channel",
        "perm_send_messages": "Send Messages",
        "perm_embed_links": "Embed Links",
        "perm_read_message_history": "Read Message History",
    },
}

# /help: one example per command, after its (localised) name; empty for no options.
HELP_EXAMPLES: dict[str, dict[str, str]] = {
    "da": {
        "ask": "spørgsmål: hvornår blev {he} født?",
        "birthday": "",
        "timeline": "",
        "fact": "",
        "sources": "",
        "about": "",
        "help": "",
        "qa channel add": "kanal: #snak",
        "reminders channel": "kanal: #generelt",
    },
    "en": {
        "ask": "question: when was {he} born?",
        "birthday": "",
        "timeline": "",
        "fact": "",
        "sources": "",
        "about": "",
        "help": "",
        "qa channel add": "channel: #chat",
        "reminders channel": "channel: #general",
    },
}


def text(language: str, key: str, /, **fields: object) -> str:
    return i18n.render(TEXTS[language][key], fields)


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
