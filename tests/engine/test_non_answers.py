"""Non-answers by kind: small talk, not understood, a detail the sources lack, a missing detail."""

import pytest

from bot.engine import i18n, smalltalk
from bot.engine.verdicts import Verdict


@pytest.mark.parametrize(
    ("text", "kind", "language"),
    [
        ("hej", smalltalk.SmallTalk.GREETING, "da"),
        ("hello!!", smalltalk.SmallTalk.GREETING, "en"),
        ("heyyy", smalltalk.SmallTalk.GREETING, "en"),
        ("tusind tak", smalltalk.SmallTalk.THANKS, "da"),
        ("thanks a lot", smalltalk.SmallTalk.THANKS, "en"),
        ("hvem er du?", smalltalk.SmallTalk.IDENTITY, "da"),
        ("hi, who are you?", smalltalk.SmallTalk.IDENTITY, "en"),
        ("hjælp", smalltalk.SmallTalk.HELP, "da"),
        ("what can you do", smalltalk.SmallTalk.HELP, "en"),
        ("hahahaha", smalltalk.SmallTalk.CHATTER, "da"),
        ("nice one", smalltalk.SmallTalk.CHATTER, "en"),
    ],
)
def test_small_talk_gets_a_short_reply_and_no_fact(engine, text, kind, language):
    answer = engine.ask(text)
    assert answer.verdict == Verdict.SMALLTALK
    assert not answer.answered
    assert answer.text == i18n.text(language, f"smalltalk_{kind}", name="Jess Thorup")
    assert answer.fact_id is None
    assert not answer.citations
    assert len(answer.suggestions) == 3
    assert smalltalk.read(text).kind == kind
    assert smalltalk.read(text).only_small_talk
    assert answer.language == language


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("hej bot, hvornår er han født?", "birth-date"),
        ("yo, when did he retire?", "player-end-esbjerg"),
    ],
)
def test_a_greeting_before_a_question_does_not_hide_it(engine, question, fact):
    answer = engine.ask(question)
    assert answer.answered
    assert answer.fact_id == fact


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("hvornår blev han født", True),
        ("var han angriber", True),
        ("did he play for OB", True),
        ("hej, ved du hvor han spillede?", True),
        ("haha god kamp i går", False),
        ("jeg synes han er god", False),
        ("nice one mate", False),
    ],
)
def test_questions_are_told_from_chatter(engine, text, question):
    assert engine.ask(text).phrased_as_question is question


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("jess thorup og tyskland og belgien", "Jeg er ikke sikker på, hvad du spørger om"),
        ("jess thorup and germany and belgium", "I'm not sure what you're asking"),
    ],
)
def test_unsure_asks_back_with_suggestions(engine, question, opening):
    answer = engine.ask(question)
    assert answer.verdict == Verdict.UNSURE
    assert answer.text.startswith(opening)
    assert answer.suggestions


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvilket år flyttede hans familie til Belgien?", "den siger ikke hvilket år"),
        ("which year did his family move to Belgium?", "The source doesn't say which year"),
    ],
)
def test_a_year_the_fact_lacks_is_named_with_what_the_source_says(engine, question, expected):
    answer = engine.ask(question)
    assert answer.verdict == Verdict.MISSING_DETAIL
    assert not answer.answered
    assert expected in answer.text
    assert "¶4" in answer.text
    assert answer.citations[0].paragraph == 4


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("vandt thorup pokalen i 2023?", "noget om 2023 – den er fra februar 2020"),
        ("did thorup win the cup in 2023?", "anything about 2023 – it is from February 2020"),
    ],
)
def test_a_year_after_the_source_is_a_missing_detail(engine, question, expected):
    answer = engine.ask(question)
    assert answer.verdict == Verdict.MISSING_DETAIL
    assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvad laver han i sin fritid", "siger ikke noget om hans privatliv"),
        ("what are his hobbies", "don't say anything about his private life"),
    ],
)
def test_an_unknown_detail_names_it_once(engine, question, expected):
    answer = engine.ask(question)
    assert answer.verdict == Verdict.UNKNOWN_DETAIL
    assert expected in answer.text
    assert "noget om noget om" not in answer.text
