"""Overviews beyond single answers: the birthday card, the career timeline, the sources."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.engine import i18n
from bot.engine.answers import Answer, AnswerEngine, Citation
from bot.engine.dates import age_on, days_until, next_birthday
from bot.engine.facts import IntentKind


@dataclass(frozen=True)
class Card:
    title: str
    lines: tuple[str, ...]
    citations: tuple[tuple[Citation, ...], ...]  # per line; empty where a line needs none


@dataclass(frozen=True)
class SourceSummary:
    title: str
    published: str
    paragraphs: int
    topics: tuple[str, ...]
    intents: int


def birthday_card(engine: AnswerEngine, language: str) -> Card:
    """Birth date, age today, the weekday and the days until the next birthday."""
    subject = engine.facts.subject
    birth, today = subject.birth_date, engine.today()
    upcoming = next_birthday(birth, today)
    days = days_until(upcoming, today)
    fields = {
        **subject.text_fields(language),
        "weekday": i18n.weekday(upcoming, language),
        "date": i18n.format_date(upcoming, language),
        "age": upcoming.year - birth.year,
        "days": days,
    }
    lines = (
        i18n.text(
            language,
            "card_born",
            weekday=i18n.weekday(birth, language),
            date=i18n.format_date(birth, language),
        ),
        i18n.text(language, "card_age", age=age_on(birth, today)),
        i18n.text(language, "card_today" if days == 0 else "card_next", **fields),
    )
    source = engine.answer_for(subject.roles.birth_date, language).citations
    return Card(i18n.text(language, "birthday_title", name=subject.name), lines, (source, (), ()))


def timeline_card(engine: AnswerEngine, language: str) -> Card:
    entries = engine.facts.timeline
    return Card(
        i18n.text(language, "timeline_title", name=engine.facts.subject.name),
        tuple(f"{entry.when[language]}: {entry.text[language]}" for entry in entries),
        tuple(tuple(engine.cite(ref, language) for ref in entry.sources) for entry in entries),
    )


def random_fact(engine: AnswerEngine, rng: random.Random, language: str) -> Answer:
    """A fact (not a computation) chosen at random, with its source."""
    facts = [i.id for i in engine.facts.answerable_intents if i.kind == IntentKind.FACT]
    return engine.answer_for(rng.choice(facts), language)


def sources_overview(engine: AnswerEngine, language: str) -> list[SourceSummary]:
    summaries = []
    for source in engine.facts.sources.values():
        citing = [
            intent
            for intent in engine.facts.answerable_intents
            if any(ref.source == source.id for ref in intent.sources)
        ]
        topics = sorted({topic for intent in citing for topic in intent.topics})
        summaries.append(
            SourceSummary(
                source.title,
                source.published_label[language],
                len(source.paragraphs),
                tuple(topics),
                len(citing),
            )
        )
    return summaries
