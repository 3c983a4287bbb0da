import datetime as dt

import pytest

from bot.engine.facts import load_fact_base


def at(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor gammel er han", "Jess Thorup er 50 år i dag"),
        ("how old is he", "Jess Thorup is 50 years old today"),
    ],
)
def test_age_is_computed_on_the_50th_birthday(engine_on, question, expected):
    assert engine_on(at(2020, 2, 21)).ask(question).text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvornår har han næste gang fødselsdag", "I dag er det Jess Thorups fødselsdag"),
        ("when is his next birthday", "Today is Jess Thorup's birthday"),
    ],
)
def test_on_the_birthday_the_next_birthday_is_today(engine_on, question, expected):
    assert engine_on(at(2020, 2, 21)).ask(question).text.startswith(expected)


def test_birthday_starts_at_midnight_copenhagen_time(engine_on):
    late_evening_utc_before = dt.datetime(2020, 2, 20, 23, 30, tzinfo=dt.UTC)
    assert (
        "fylder 50" in engine_on(late_evening_utc_before).ask("hvornår fylder han næste gang").text
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor mange dage til hans næste fødselsdag", "om 358 dage"),
        ("how many days until his next birthday", "in 358 days"),
    ],
)
def test_countdown_on_leap_day_2024(engine_on, question, expected):
    assert expected in engine_on(at(2024, 2, 29)).ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvornår fylder han næste gang", "fylder 56 år – om 52 dage"),
        ("when is his next birthday", "turns 56 – in 52 days"),
    ],
)
def test_countdown_on_new_years_eve(engine_on, question, expected):
    assert expected in engine_on(at(2025, 12, 31)).ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvilken ugedag har han fødselsdag i 2030", "21. februar 2030 er en torsdag"),
        ("what weekday is his birthday in 2030", "21 February 2030 is a Thursday"),
        ("hvilken ugedag er hans 60 års fødselsdag", "21. februar 2030 er en torsdag"),
        ("what day of the week was he born", "21 February 1970 is a Saturday"),
    ],
)
def test_weekday_of_a_given_birthday(engine, question, expected):
    assert engine.ask(question).text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "hvor gammel var han i 2016",
            "I starten af 2016 er han 45 år, og fra 21. februar 2016 er han 46",
        ),
        (
            "how old was he in 2016",
            "At the start of 2016 he is 45, and from 21 February 2016 he is 46",
        ),
    ],
)
def test_age_in_a_given_year(engine, question, expected):
    assert engine.ask(question).text.startswith(expected)


def test_age_in_a_year_before_his_birth_says_he_was_not_born(engine):
    assert "not born yet in 1960" in engine.ask("how old was he in 1960").text


def test_next_birthday_names_the_age_he_turns(engine):
    assert "turns 57" in engine.ask("which birthday is next").text


@pytest.mark.parametrize("question", ["Hvornår blev han født?", "When was he born?"])
def test_every_answer_cites_title_date_paragraph_and_verbatim_quote(engine, facts, question):
    answer = engine.ask(question)
    citation = answer.citations[0]
    source = facts.sources[citation.source_id]
    assert citation.title == "Jess Thorup 50 år"
    assert citation.published in ("februar 2020", "February 2020")
    assert citation.quote in source.paragraph(citation.paragraph)


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("hvor træner han", "kilden er fra februar 2020"),
        ("where does he coach", "February 2020"),
    ],
)
def test_answers_about_the_present_say_the_source_is_from_february_2020(engine, question, note):
    answer = engine.ask(question)
    assert answer.answered
    assert note in answer.note


@pytest.mark.parametrize(
    ("question", "language", "text"),
    [
        ("hvad hedder hans kone", "da", "kilderne siger ikke"),
        ("what is his wife's name", "en", "the sources don't say"),
        ("hvad er vejret i morgen", "da", "Det ved jeg ikke"),
        ("what's the weather like", "en", "I don't know"),
    ],
)
def test_abstentions_say_plainly_that_it_does_not_know(engine, question, language, text):
    answer = engine.ask(question)
    assert not answer.answered
    assert answer.fact_id is None
    assert answer.citations == ()
    assert answer.language == language
    assert text in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "x" * 10_000,
        "\x00\x1b[2J\x07",
        "🎂🎉🥳",
        "Привет, как дела?",
        "何歳ですか",
        "@everyone hvornår er han født",
        "' OR 1=1 --",
    ],
)
def test_bad_input_gets_a_reply_never_an_exception(engine, question):
    answer = engine.ask(question)
    assert answer.text
    assert 0.0 <= answer.confidence <= 1.0


def test_answer_json_has_the_documented_fields(engine):
    data = engine.ask("hvornår er han født").to_json()
    assert {
        "answered",
        "answer",
        "language",
        "confidence",
        "fact_id",
        "source",
        "suggestions",
    } <= set(data)
    assert set(data["source"]) >= {"title", "date", "paragraph", "quote"}


def test_the_fact_base_loads_from_the_default_location():
    assert load_fact_base().subject.name == "Jess Thorup"


@pytest.mark.parametrize(
    ("question", "fact", "language"),
    [
        (
            "Quiz: I hvilken turnering slog FCM Manchester United? A) Champions League"
            " B) Europa League C) Conference League",
            "man-utd-win",
            "da",
        ),
        (
            "Multiple choice: until which year did his Gent contract run? A) 2020 B) 2021 C) 2022"
            " D) 2023",
            "gent-contract",
            "en",
        ),
    ],
)
def test_a_multiple_choice_question_is_answered_as_its_question(engine, question, fact, language):
    # The options name another competition, in English, and years after the article.
    answer = engine.ask(question)
    assert (answer.answered, answer.fact_id, answer.language) == (True, fact, language)
