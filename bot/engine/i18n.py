"""Every user-facing text of the engine, in Danish and English, in one place."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

MONTHS = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
WEEKDAYS = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "dont_know": "Det ved jeg ikke – kilderne siger det ikke.",
        "dont_know_detail": "Det ved jeg ikke – kilderne siger ikke noget om {missing}.",
        "off_topic": (
            "Det ved jeg ikke – kilderne siger det ikke. Jeg kan kun svare på spørgsmål om "
            "{name}s karriere og fødselsdag."
        ),
        "empty": "Spørg mig om {name}s karriere eller fødselsdag.",
        "unsure": "Jeg er ikke sikker på, hvad du spørger om – mente du et af disse spørgsmål?",
        "missing_detail": "Det står der ikke i kilden – den siger ikke {detail}. Det, den siger: "
        "{fact} ({paragraphs})",
        "detail_year": "hvilket år",
        "detail_when": "hvornår det var",
        "detail_after_source": "noget om {year} – den er fra {published}",
        "detail_after_year": "noget om tiden efter {year} – den er fra {published}",
        "smalltalk_greeting": "Hej! 👋 Jeg svarer på spørgsmål om {name}s karriere og "
        "fødselsdag, altid med kilde. Spørg bare løs.",
        "smalltalk_thanks": "Selv tak! Spørg endelig, hvis du vil vide mere om {name}.",
        "smalltalk_identity": "Jeg er en bot, der svarer på spørgsmål om {name}s karriere og "
        "fødselsdag ud fra en artikel, som jeg altid citerer. Står svaret ikke i kilden, siger "
        "jeg det.",
        "smalltalk_help": "Skriv et spørgsmål om {name} – {his} klubber, titler, citater eller "
        "fødselsdag – på dansk eller engelsk, så svarer jeg med kilde.",
        "smalltalk_chatter": "😄 Spørg mig endelig om {name}, hvis du vil vide noget.",
        "smalltalk_congratulations": "🎉 Ja, tillykke til {name}! Spørg mig endelig om "
        "{his} fødselsdag eller karriere.",
        "did_you_mean": "Mente du",
        "try_asking": "Prøv for eksempel",
        "as_of": "Bemærk: kilden er fra {published} – det kan have ændret sig siden.",
        "birthday_today": "I dag er det {name}s fødselsdag – {he} fylder {age} år! Tillykke! 🎉",
        "turned_on": "{name} fyldte {age} år {weekday} den {date}.",
        "not_born_yet": "{name} var ikke født endnu i {year} – {he} er født den {date}.",
        "born_that_year": "{name} blev født i {year}, den {date}.",
        "event": "{when}: {text}",
        "event_age": "{event} Da var {name} {age} år (født {birth_date}){loose}.",
        "event_years": "Der er {years} år imellem{loose}. {first} {second}",
        "event_since": "Det er {years} år siden{loose}. {event}",
        "event_year_by_age": "{years}{loose}: {he} var {age} år (født {birth_date}). {event}",
        "either": "{low} eller {high}",
        "loosely_dated": " – kilden dater det ikke nærmere",
        "source": "Kilde",
        "paragraph": "afsnit",
        "confidence": "sikkerhed",
        "card_born": "Født: {weekday} den {date}",
        "card_age": "Alder i dag: {age} år",
        "card_next": (
            "Næste fødselsdag: {weekday} den {date}, hvor {he} fylder {age} – om {days} "
            "{days|dag|dage}"
        ),
        "card_today": "I dag fylder {he} {age} år! 🎉",
        "timeline_title": "{name}s karriere",
        "birthday_title": "{name}s fødselsdag",
        "picture_player": "spiller",
        "picture_coach": "træner",
        "picture_faded": "falmet ende: kilden nævner intet år",
        "picture_milestones": "runde fødselsdage",
        "picture_born": "Født",
        "picture_age": "{age} år",
        "reminder_birthday": "🎂 I dag fylder {name} {age} år!",
        "reminder_tomorrow": "⏳ I morgen fylder {name} {age} år ({weekday} den {date}).",
        "reminder_countdown": (
            "⏳ Om {days} {days|dag|dage} fylder {name} {age} år ({weekday} den {date})."
        ),
        "console_greeting": (
            "Spørg om {name} (dansk eller engelsk). Skriv 'quit' for at slutte. "
            "Et tal vælger et forslag."
        ),
    },
    "en": {
        "dont_know": "I don't know, the sources don't say.",
        "dont_know_detail": "I don't know – the sources don't say anything about {missing}.",
        "off_topic": (
            "I don't know, the sources don't say. I can only answer questions about "
            "{name}'s career and birthday."
        ),
        "empty": "Ask me about {name}'s career or birthday.",
        "unsure": "I'm not sure what you're asking – did you mean one of these?",
        "missing_detail": (
            "The source doesn't say {detail}. What it does say: {fact} ({paragraphs})"
        ),
        "detail_year": "which year",
        "detail_when": "when that was",
        "detail_after_source": "anything about {year} – it is from {published}",
        "detail_after_year": "anything about the time after {year} – it is from {published}",
        "smalltalk_greeting": "Hi! 👋 I answer questions about {name}'s career and birthday, "
        "always with a source. Ask away.",
        "smalltalk_thanks": "You're welcome! Ask me anything else about {name}.",
        "smalltalk_identity": "I'm a bot that answers questions about {name}'s career and "
        "birthday from an article that I always quote. When the answer is not in the source, I "
        "say so.",
        "smalltalk_help": "Ask me a question about {name} – {his} clubs, titles, quotes or "
        "birthday – in Danish or English, and I answer with a source.",
        "smalltalk_chatter": "😄 Ask me about {name} whenever you like.",
        "smalltalk_congratulations": "🎉 Hear, hear – congratulations to {name}! Ask me "
        "anything about {his} birthday or career.",
        "did_you_mean": "Did you mean",
        "try_asking": "Try for example",
        "as_of": "Note: the source is from {published}; this may have changed since.",
        "birthday_today": "Today is {name}'s birthday – {he} turns {age}! Happy birthday! 🎉",
        "turned_on": "{name} turned {age} on {weekday} {date}.",
        "not_born_yet": "{name} was not born yet in {year}; {he} was born on {date}.",
        "born_that_year": "{name} was born in {year}, on {date}.",
        "event": "{when}: {text}",
        "event_age": "{event} {name} was {age} then (born {birth_date}){loose}.",
        "event_years": "{years} {years|year|years} apart{loose}. {first} {second}",
        "event_since": "That was {years} {years|year|years} ago{loose}. {event}",
        "event_year_by_age": "{years}{loose}: {he} was {age} (born {birth_date}). {event}",
        "either": "{low} or {high}",
        "loosely_dated": " – the source gives no closer date",
        "source": "Source",
        "paragraph": "paragraph",
        "confidence": "confidence",
        "card_born": "Born: {weekday} {date}",
        "card_age": "Age today: {age}",
        "card_next": (
            "Next birthday: {weekday} {date}, when {he} turns {age} – in {days} {days|day|days}"
        ),
        "card_today": "{He} turns {age} today! 🎉",
        "timeline_title": "{name}'s career",
        "birthday_title": "{name}'s birthday",
        "picture_player": "player",
        "picture_coach": "coach",
        "picture_faded": "faded end: the source gives no year",
        "picture_milestones": "round birthdays",
        "picture_born": "Born",
        "picture_age": "{age}th",
        "reminder_birthday": "🎂 Today {name} turns {age}!",
        "reminder_tomorrow": "⏳ Tomorrow {name} turns {age} ({weekday} {date}).",
        "reminder_countdown": "⏳ In {days} {days|day|days} {name} turns {age} ({weekday} {date}).",
        "console_greeting": (
            "Ask about {name} (Danish or English). Type 'quit' to leave. "
            "A number picks a suggestion."
        ),
    },
}


# "{days|dag|dage}": the first form when the field `days` is 1, else the second.
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def render(template: str, fields: Mapping[str, object]) -> str:
    """Fill a catalog text: plural choices first, then the fields. Both adapters' catalogs use
    this one mechanism."""
    plural = _PLURAL.sub(
        lambda choice: choice[2] if str(fields.get(choice[1])) == "1" else choice[3], template
    )
    return plural.format(**fields)


def text(language: str, key: str, /, **fields: object) -> str:
    return render(TEXTS[language][key], fields)


def format_date(day: dt.date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    if language == "da":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def weekday(day: dt.date, language: str) -> str:
    return WEEKDAYS[language][day.weekday()]
