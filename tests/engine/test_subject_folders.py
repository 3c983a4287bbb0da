"""A new subject is a new folder: the engine answers about a fictional coach
(tests/subjects/ida-marstrand) as it does about Jess Thorup, from her folder alone. Her folder
names other concept and intent ids for the roles, another time zone and other pronouns."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.engine import i18n
from bot.engine.answers import AnswerEngine
from bot.engine.checks import check_fact_base
from bot.engine.dates import age_on
from bot.engine.facts import LANGUAGES, ROLES, load_fact_base
from bot.engine.overviews import birthday_card
from bot.engine.verdicts import Verdict
from tests.subjects import IDA_MARSTRAND

THORUP = "jess-thorup"
MARSTRAND = "ida-marstrand"
SUBJECTS = [THORUP, MARSTRAND]


@pytest.fixture(scope="module")
def folders(facts):
    """Each subject's fact base, by the subject's id."""
    return {THORUP: facts, MARSTRAND: load_fact_base(IDA_MARSTRAND)}


def engine_at(facts, moment: dt.datetime) -> AnswerEngine:
    return AnswerEngine(facts, clock=lambda: moment)


def utc(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def test_the_second_subject_passes_facts_check():
    assert check_fact_base(IDA_MARSTRAND) == []


def test_the_second_subject_names_other_ids_for_every_role(folders):
    """Else these tests could pass on ids that code still spells out."""
    ours, hers = folders[THORUP].subject.roles, folders[MARSTRAND].subject.roles
    for role in ROLES:
        assert getattr(ours, role) != getattr(hers, role), role


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("subject", SUBJECTS)
def test_every_answer_is_given_with_its_verbatim_source(folders, subject, language):
    facts = folders[subject]
    engine = engine_at(facts, utc(2026, 11, 24))
    for intent in facts.answerable_intents:
        answer = engine.ask(intent.questions[language][0], default_language=language)
        assert answer.fact_id == intent.id, intent.questions[language][0]
        assert answer.language == language
        for citation in answer.citations:
            source = facts.sources[citation.source_id]
            assert citation.quote in source.paragraph(citation.paragraph)


@pytest.mark.parametrize(
    ("subject", "question"),
    [
        (THORUP, "hvor gammel er han"),
        (THORUP, "how old is he"),
        (MARSTRAND, "hvor gammel er hun"),
        (MARSTRAND, "how old is she"),
    ],
)
def test_the_age_is_computed_from_the_folders_birth_date(folders, subject, question):
    facts = folders[subject]
    today = dt.date(2026, 11, 24)
    answer = engine_at(facts, utc(2026, 11, 24)).ask(question)
    assert answer.verdict == Verdict.ANSWER
    assert f" {age_on(facts.subject.birth_date, today)} " in answer.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("local_time", [dt.time(0, 5), dt.time(23, 55)])
def test_the_birthday_lasts_the_whole_day_where_the_subject_lives(
    folders, subject, language, local_time
):
    facts = folders[subject]
    birth = facts.subject.birth_date
    birthday = dt.datetime.combine(
        birth.replace(year=2027), local_time, tzinfo=ZoneInfo(facts.subject.timezone)
    )
    [intent] = [i for i in facts.intents if i.compute == "next_birthday"]
    answer = engine_at(facts, birthday.astimezone(dt.UTC)).ask(intent.questions[language][0])
    fields = facts.subject.text_fields(language)
    assert answer.text == i18n.text(language, "birthday_today", **fields, age=2027 - birth.year)


@pytest.mark.parametrize(
    ("subject", "question", "today", "year"),
    [
        (THORUP, "hvilken ugedag blev han født", utc(2026, 11, 24), 1970),
        (THORUP, "what weekday is his birthday this year", utc(2026, 11, 24), 2026),
        (THORUP, "hvilken ugedag er hans fødselsdag næste år", utc(2026, 1, 10), 2027),
        (MARSTRAND, "hvilken ugedag blev hun født", utc(2026, 11, 24), 1984),
        (MARSTRAND, "what weekday is her birthday this year", utc(2026, 11, 24), 2026),
        (MARSTRAND, "hvilken ugedag er hendes fødselsdag næste år", utc(2026, 1, 10), 2027),
    ],
)
def test_a_weekday_question_finds_its_year_through_the_folders_concepts(
    folders, subject, question, today, year
):
    answer = engine_at(folders[subject], today).ask(question)
    assert answer.verdict == Verdict.ANSWER
    assert f" {year} " in answer.text


@pytest.mark.parametrize(
    ("subject", "question"),
    [
        (THORUP, "hvilket år flyttede hans familie til Belgien?"),
        (THORUP, "which year did his family move to Belgium?"),
        (MARSTRAND, "hvilket år var hun i Harbourview?"),
        (MARSTRAND, "what year was she at Harbourview?"),
    ],
)
def test_which_year_is_not_answered_with_a_fact_that_names_no_year(folders, subject, question):
    answer = engine_at(folders[subject], utc(2026, 11, 24)).ask(question)
    assert not answer.answered
    assert answer.fact_id is None


@pytest.mark.parametrize(
    ("subject", "question", "missing"),
    [
        (THORUP, "hvad tjener han?", "hvad han tjener"),
        (THORUP, "how much does he earn?", "what he earns"),
        (MARSTRAND, "hvad tjener hun?", "hvad hun tjener"),
        (MARSTRAND, "how much does she earn?", "what she earns"),
    ],
)
def test_a_detail_the_folders_sources_lack_is_named(folders, subject, question, missing):
    answer = engine_at(folders[subject], utc(2026, 11, 24)).ask(question)
    assert answer.verdict == Verdict.UNKNOWN_DETAIL
    assert missing in answer.text


@pytest.mark.parametrize(
    ("subject", "language", "today_line", "help_words"),
    [
        (THORUP, "da", "I dag fylder han 57 år! 🎉", "Jess Thorup – hans klubber"),
        (THORUP, "en", "He turns 57 today! 🎉", "Jess Thorup – his clubs"),
        (MARSTRAND, "da", "I dag fylder hun 43 år! 🎉", "Ida Marstrand – hendes klubber"),
        (MARSTRAND, "en", "She turns 43 today! 🎉", "Ida Marstrand – her clubs"),
    ],
)
def test_the_bots_own_texts_use_the_folders_name_and_pronouns(
    folders, subject, language, today_line, help_words
):
    facts = folders[subject]
    birthday = facts.subject.birth_date.replace(year=2027)
    engine = engine_at(facts, dt.datetime.combine(birthday, dt.time(12), tzinfo=dt.UTC))
    assert birthday_card(engine, language).lines[2] == today_line
    help_word = {"da": "hjælp", "en": "help"}[language]
    assert help_words in engine.ask(help_word, default_language=language).text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("subject", SUBJECTS)
def test_the_birthday_card_cites_the_intent_the_folder_names_for_the_birth_date(
    folders, subject, language
):
    facts = folders[subject]
    engine = engine_at(facts, utc(2026, 11, 24))
    card = birthday_card(engine, language)
    birth_date = engine.answer_for(facts.subject.roles.birth_date, language)
    assert card.citations[0] == birth_date.citations
    assert card.title == i18n.text(language, "birthday_title", name=facts.subject.name)
