"""Counting with the timeline's dated events: his age at one, the years between two or since one."""

import datetime as dt

import pytest

from bot.engine.events import Span, age_at, year_of, years_between
from bot.engine.facts import EventDate, Season

BORN = dt.date(1970, 2, 21)


def test_an_event_in_a_year_without_month_allows_two_ages():
    assert age_at(BORN, EventDate(year=2018)) == Span(47, 48)


def test_an_event_in_the_autumn_is_after_a_february_birthday():
    assert age_at(BORN, EventDate(year=2018, months=Season.AUTUMN.months)) == Span(48, 48)


def test_an_event_in_the_birthday_month_without_a_day_allows_two_ages():
    assert age_at(BORN, EventDate(year=2016, months=(2, 2))) == Span(45, 46)


def test_an_event_on_the_birthday_itself_is_the_new_age():
    assert age_at(BORN, EventDate(year=2020, months=(2, 2), day=21)) == Span(50, 50)


def test_an_event_dated_by_his_age_has_that_age_and_one_of_two_years():
    when = EventDate(age=26)
    assert age_at(BORN, when) == Span(26, 26)
    assert year_of(BORN, when) == Span(1996, 1997)


def test_years_between_two_events_do_not_depend_on_their_order():
    assert years_between(Span(2018, 2018), Span(2013, 2013)) == Span(5, 5)
    assert years_between(Span(1989, 1989), Span(1996, 1997)) == Span(7, 8)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "hvor gammel var han da FC Midtjylland slog Manchester United",
            "Da var Jess Thorup 45 eller 46 år",
        ),
        ("how old was he when FC Midtjylland beat Manchester United", "Jess Thorup was 45 or 46"),
    ],
)
def test_his_age_at_a_named_event_is_counted_from_its_date(engine, question, expected):
    answer = engine.ask(question)
    assert answer.fact_id == "age-at-milestones"
    assert expected in answer.text
    assert {c.paragraph for c in answer.citations} >= {1, 10}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hur gammal var han när han blev mästare med Midtjylland?", "Jess Thorup 47 eller 48 år"),
        ("wie alt was he when he became Meister with Midtjylland?", "Jess Thorup was 47 or 48"),
    ],
)
def test_a_neighbouring_languages_words_name_the_event_too(engine, question, expected):
    assert expected in engine.ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "hvor mange år gik der mellem pokalen med Esbjerg og mesterskabet med FCM",
            "Der er 5 år imellem",
        ),
        ("how many years between the cup with Esbjerg and the title with FCM", "5 years apart"),
        ("hvor mange år varede hans spillerkarriere", "Der er 17 år imellem"),
        ("how long did his playing career last", "17 years apart"),
        ("how many years lay between his OB debut and the cup with Esbjerg", "24 years apart"),
        # "separated" reads as "split" (his family's), which no event of the timeline holds.
        (
            "hvor mange år adskilte sejren over Manchester United og mesterskabet med FCM",
            "Der er 2 år imellem",
        ),
        ("how many years separated the win over United and the title with FCM", "2 years"),
    ],
)
def test_the_years_between_two_named_events_are_counted(engine, question, expected):
    answer = engine.ask(question)
    assert answer.fact_id == "years-between"
    assert answer.text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor mange år siden slog FCM Manchester United", "Det er 10 år siden"),
        ("how many years ago did FCM beat Manchester United", "That was 10 years ago"),
    ],
)
def test_the_years_since_a_named_event_are_counted_to_today(engine, question, expected):
    answer = engine.ask(question)
    assert answer.text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Hvor mange år er det siden han stoppede som spiller? Det er til en skoleopgave haha",
            "Det er 20 år siden",
        ),
        (
            "How many years since he retired as a player? asking for a school thing lol",
            "That was 20 years ago",
        ),
    ],
)
def test_a_remark_after_the_question_does_not_hide_the_event_it_names(engine, question, expected):
    # "skoleopgave" and "school" would otherwise point at his daughter's gymnasium.
    assert engine.ask(question).text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Hvor mange år var der mellem pokalen med Esbjerg og mesterskabet med FCM, jeg laver"
            " en tidslinje til min søns skoleopgave",
            "Der er 5 år imellem",
        ),
        (
            "How many years between the cup with Esbjerg and the title with FCM, making a"
            " timeline for my son's school project",
            "5 years apart",
        ),
    ],
)
def test_a_remark_in_the_same_sentence_does_not_hide_the_events_it_names(
    engine, question, expected
):
    assert engine.ask(question).text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor gammel var knægten da han startede i OB?", "Da var Jess Thorup 18 eller 19 år"),
        ("how old was the lad when he started at OB?", "Jess Thorup was 18 or 19"),
    ],
)
def test_an_unknown_word_that_is_no_name_does_not_stop_a_count(engine, question, expected):
    # "knægten" has an æ like many a club name ("for brøndby"), but follows no preposition.
    assert expected in engine.ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Hvor mange år siden vandt han pokalen med Esbjerg? Regn fra i dag.",
            "Det er 13 år siden",
        ),
        (
            "How many years since he won the cup with Esbjerg? Pub quiz tonight.",
            "That was 13 years ago",
        ),
    ],
)
def test_an_unknown_word_opening_a_sentence_is_no_name(engine, question, expected):
    assert engine.ask(question).text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvor mange år er der mellem hans 50-års fødselsdag og i dag?", "Det er 6 år siden"),
        ("How many years passed between his 50th birthday and today?", "That was 6 years ago"),
    ],
)
def test_the_years_between_an_event_and_today_are_the_years_since_it(engine, question, expected):
    assert engine.ask(question).text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor gammel var han da han skiftede til brøndby", "den siger ikke hvornår det var"),
        ("how old was he when he moved to Brøndby", "doesn't say when that was"),
    ],
)
def test_an_age_at_a_move_to_a_club_the_sources_never_name_is_not_counted(
    engine, question, expected
):
    assert expected in engine.ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor gammel var han da han fik sit første barn", "den siger ikke hvornår det var"),
        ("hvor gammel var han da han blev pokalmester med OB", "den siger ikke hvornår det var"),
        ("how old was he when he got married", "doesn't say when that was"),
    ],
)
def test_an_age_at_an_event_the_sources_do_not_date_is_not_guessed(engine, question, expected):
    answer = engine.ask(question)
    assert not answer.answered
    assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("hvad skete der i 2013?", "coach-esbjerg"),
        ("what happened in 1989?", "player-start-ob"),
        ("hvad skete der i 2006?", "player-end-esbjerg"),
    ],
)
def test_a_year_alone_is_answered_with_the_fact_of_its_one_event(engine, question, fact):
    answer = engine.ask(question)
    assert answer.answered
    assert answer.fact_id == fact


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvilket år tog han til Tyskland?", "1996 eller 1997"),
        ("which year did he move to Germany?", "1996 or 1997"),
        # His goals and games in Germany are a detail the sources lack; the year is not.
        ("hvilket år rejste han til Tyskland?", "1996 eller 1997"),
        ("which year did he go to Germany?", "1996 or 1997"),
    ],
)
def test_the_year_of_an_event_dated_by_his_age_is_counted_from_his_birth(
    engine, question, expected
):
    # The source says only "som 26-årig"; born 21 February 1970, he was 26 in 1996 or 1997.
    answer = engine.ask(question)
    assert answer.answered
    assert answer.text.startswith(expected)
    assert {c.paragraph for c in answer.citations} >= {1, 5}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvilket år scorede han flest mål i Tyskland?", "mål"),
        ("which year did he score the most goals in Germany?", "goals"),
    ],
)
def test_a_year_of_a_detail_the_sources_lack_is_not_counted_from_the_event(
    engine, question, expected
):
    answer = engine.ask(question)
    assert not answer.answered
    assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("hvornår kom han til OB?", "player-start-ob"),
        ("when did he come to OB?", "player-start-ob"),
    ],
)
def test_when_he_came_to_a_club_is_answered_by_the_dated_start_there(engine, question, fact):
    # The titles with OB are undated, but his start there is not: the club alone does not say
    # which of the two is meant, and the start dates it.
    answer = engine.ask(question)
    assert answer.answered
    assert answer.fact_id == fact
