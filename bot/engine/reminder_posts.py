"""What a reminder post says: the announcement, and a fact with its source."""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine import i18n
from bot.engine.answers import Answer, AnswerEngine
from bot.engine.facts import IntentKind
from bot.engine.reminder_occurrences import Occurrence, ReminderKind

MARKER_PREFIX = "thorup-reminder"


@dataclass(frozen=True)
class ReminderPost:
    text: str
    fact: Answer
    # Shown in the post's footer; lets a restarted bot recognise a post it already made.
    marker: str


def marker_for(occurrence: Occurrence) -> str:
    return f"{MARKER_PREFIX} {occurrence.key}"


def compose_post(engine: AnswerEngine, occurrence: Occurrence, language: str) -> ReminderPost:
    """The post for `occurrence`. The fact is chosen by the date, so a preview shows exactly the
    post that will be made."""
    subject = engine.facts.subject
    fields = {
        "name": subject.name,
        "age": occurrence.age,
        "days": occurrence.key.days_before,
        "weekday": i18n.weekday(occurrence.birthday, language),
        "date": i18n.format_date(occurrence.birthday, language),
    }
    if occurrence.key.kind is ReminderKind.BIRTHDAY:
        key = "reminder_birthday"
    else:
        key = "reminder_tomorrow" if occurrence.key.days_before == 1 else "reminder_countdown"
    facts = [i.id for i in engine.facts.answerable_intents if i.kind == IntentKind.FACT]
    fact = engine.answer_for(facts[occurrence.local_date.toordinal() % len(facts)], language)
    return ReminderPost(i18n.text(language, key, **fields), fact, marker_for(occurrence))
