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
        ("hvad kan du hjælpe med?", smalltalk.SmallTalk.HELP, "da"),
        ("are you chatgpt?", smalltalk.SmallTalk.IDENTITY, "en"),
        ("fortæl en joke", smalltalk.SmallTalk.CHATTER, "da"),
        ("tell me a joke", smalltalk.SmallTalk.CHATTER, "en"),
        ("tusen takk", smalltalk.SmallTalk.THANKS, "da"),
        ("hei hei", smalltalk.SmallTalk.GREETING, "da"),
        ("danke schön", smalltalk.SmallTalk.THANKS, "en"),
        ("guten Abend", smalltalk.SmallTalk.GREETING, "en"),
    ],
)
def test_small_talk_gets_a_short_reply_and_no_fact(engine, text, kind, language):
    answer = engine.ask(text)
    assert answer.verdict == Verdict.SMALLTALK
    assert not answer.answered
    subject = engine.facts.subject.text_fields(language)
    assert answer.text == i18n.text(language, f"smalltalk_{kind}", **subject)
    assert "Jess Thorup" in answer.text
    assert answer.fact_id is None
    assert not answer.citations
    assert len(answer.suggestions) == 3
    assert smalltalk.read(text).kind == kind
    assert smalltalk.read(text).only_small_talk
    assert answer.language == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("tak for hjælpen, du er guld", "da"),
        ("thanks, you're a legend", "en"),
        ("tak bot ur the best", "da"),
    ],
)
def test_thanks_with_words_not_about_him_get_the_thanks_reply(engine, text, language):
    answer = engine.ask(text)
    assert answer.verdict == Verdict.SMALLTALK
    assert answer.text == i18n.text(language, "smalltalk_thanks", name="Jess Thorup")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("hej bot, hvornår er han født?", "birth-date"),
        ("yo, when did he retire?", "player-end-esbjerg"),
        ("Hei hei! Når har Jess Thorup bursdag?", "next-birthday"),
    ],
)
def test_a_greeting_before_a_question_does_not_hide_it(engine, question, fact):
    answer = engine.ask(question)
    assert answer.answered
    assert answer.fact_id == fact


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Goddag folkens! Hvornår er han født?", ("hvornaar", "er", "han", "foedt")),
        ("Hello again, when was he born?", ("when", "was", "he", "born")),
    ],
)
def test_whom_a_greeting_greets_in_its_own_sentence_is_no_part_of_the_question(text, rest):
    assert smalltalk.read(text).rest == rest


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
        ("DEN DER SEJR MOD UNITED!!! HVAD ENDTE DEN!!!", True),
        ("that win over United!!! what was the score", True),
        ("stod gent godt i tabellen, eller hvad!!", True),
        ("Gent top of the league or what!", True),
        ("Allez Gent! Hvad en kamp!", False),
        ("Come on Gent! What a game!", False),
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
        ("hvilket år blev han dansk mester med OB?", "den siger ikke hvilket år"),
        ("which year did he win the Danish title with OB?", "The source doesn't say which year"),
        ("hvornår kom han til Esbjerg som spiller?", "den siger ikke hvilket år"),
        ("hvilket år blev han dansk mester som spiller?", "den siger ikke hvilket år"),
    ],
)
def test_a_year_the_source_gives_only_for_another_event_is_not_given_as_the_answer(
    engine, question, expected
):
    # ¶13 dates the start of his career at OB (1989), not his titles there; ¶14 the end of his
    # time at Esbjerg (2006), not its start.
    answer = engine.ask(question)
    assert answer.verdict == Verdict.MISSING_DETAIL
    assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("vandt thorup pokalen i 2023?", "noget om 2023 – den er fra februar 2020"),
        ("did thorup win the cup in 2023?", "anything about 2023 – it is from February 2020"),
        # The contract runs to 2021, a year the source names; what came after, it cannot know.
        ("forlængede han kontrakten med Gent efter 2021?", "noget om tiden efter 2021"),
        ("did he extend his Gent contract beyond 2021?", "anything about the time after 2021"),
    ],
)
def test_a_time_after_the_source_is_a_missing_detail(engine, question, expected):
    answer = engine.ask(question)
    assert answer.verdict == Verdict.MISSING_DETAIL
    assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hans kontrakt med Gent løber til 2023, ikke?", "til 2021"),
        ("His Gent contract runs until 2023, right?", "until 2021"),
    ],
)
def test_a_wrong_later_year_for_a_fact_that_looks_ahead_is_corrected_by_it(
    engine, question, expected
):
    # Written in 2020, the source gives the contract's end (2021): a premise of another year
    # is answered with that one, and the note that the source is from February 2020.
    answer = engine.ask(question)
    assert answer.answered
    assert answer.fact_id == "gent-contract"
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


@pytest.mark.parametrize(
    "question",
    [
        "hvilket år vandt Gent pokalen med ham?",
        "what trophies did he win as coach of Wacker Tirol?",
    ],
)
def test_a_question_about_a_club_the_fact_never_names_is_not_answered_with_it(engine, question):
    # The cup he won was with Esbjerg; at Wacker Tirol he played.
    assert not engine.ask(question).answered


@pytest.mark.parametrize(
    "question", ["Sluttede han spillerkarrieren i OB?", "did he end his career at OB?"]
)
def test_a_yes_no_question_with_the_wrong_club_gets_the_fact_that_corrects_it(engine, question):
    # Answered where the calibration is sure enough, else offered first.
    answer = engine.ask(question)
    offered = answer.fact_id or answer.suggested_intents[0]
    assert offered == "player-end-esbjerg"


@pytest.mark.parametrize(("text", "language"), [("Heja FCM!", "da"), ("Allez Gent!", "en")])
def test_a_cheer_gets_a_small_talk_reply_not_a_fact(engine, text, language):
    answer = engine.ask(text, default_language=language)
    assert answer.verdict == Verdict.SMALLTALK
    assert answer.fact_id is None


@pytest.mark.parametrize(
    ("text", "language"), [("Tillykke med de 50, Jess! 🎉", "da"), ("happy birthday Thorup!", "en")]
)
def test_congratulations_to_him_get_a_congratulations_reply(engine, text, language):
    answer = engine.ask(text)
    assert answer.verdict == Verdict.SMALLTALK
    assert answer.text == i18n.text(
        language, "smalltalk_congratulations", **engine.facts.subject.text_fields(language)
    )


@pytest.mark.parametrize(
    "question", ["hvornår skal vi sige tillykke til Thorup?", "when do we wish him happy birthday?"]
)
def test_a_question_about_when_to_congratulate_him_is_answered(engine, question):
    assert engine.ask(question).fact_id in ("birth-date", "next-birthday")


@pytest.mark.parametrize(
    "text",
    [
        "@Mikkel kommer du med til kampen på lørdag?",
        "@jonas did u see that goal yesterday",
        # A greeting in it does not make it said to the bot.
        "@Karen hej, hvornår ses vi på fredag?",
        "@tom see you at the pub on friday?",
    ],
)
def test_a_message_to_another_member_gets_no_fact(engine, text):
    answer = engine.ask(text)
    assert answer.verdict == Verdict.SMALLTALK
    assert answer.fact_id is None


@pytest.mark.parametrize("text", ["vejret er godt i dag", "ref is absolutely blind smh"])
def test_a_remark_that_neither_asks_nor_concerns_him_gets_a_small_talk_reply(engine, text):
    answer = engine.ask(text)
    assert answer.verdict == Verdict.SMALLTALK
    assert answer.fact_id is None


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("hvad var det nu for en avis han talte med?", "responsibility-quote"),
        ("which newspaper was it again that he talked to?", "responsibility-quote"),
    ],
)
def test_asking_again_is_not_asking_about_now(engine, question, fact):
    # "det nu" is Danish for "again" here: the question is about the article, not the present.
    assert engine.ask(question).fact_id == fact
