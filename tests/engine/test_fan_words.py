"""The words of all labelled questions as evidence for an intent: a naive Bayes over them."""

import pytest

from bot.engine.fan_words import DECLINED, FanWords

# Two intents, each asked twice in each language, and two questions that must be declined.
WORDS = FanWords(
    [
        ("hvornaar blev han fyret i gent", ("when", "gent"), ["gent-start"]),
        ("blev han fyret fra gent", ("gent",), ["gent-start"]),
        ("was the gaffer sacked at gent", ("gent",), ["gent-start"]),
        ("did gent sack the gaffer", ("gent",), ["gent-start"]),
        ("hvornaar er han foedt", ("when", "born"), ["birth-date"]),
        ("hvilken dag er han foedt", ("born",), ["birth-date"]),
        ("when was the gaffer born", ("when", "born"), ["birth-date"]),
        ("what is his birthday", ("born",), ["birth-date"]),
        ("hvad hedder hans kone", ("wife",), []),
        ("hvad hedder hans datter", ("daughter",), []),
    ]
)


@pytest.mark.parametrize(
    ("wording", "concepts"),
    [
        ("fyret han i gent", ("gent",)),  # Danish
        ("gaffer got sacked gent", ("gent",)),  # English
    ],
)
def test_words_seen_with_one_intent_again_and_again_make_it_likely(wording, concepts):
    assert WORDS.chance(wording, concepts, "gent-start") > 0.9
    assert WORDS.chance(wording, concepts, "birth-date") < 0.1


@pytest.mark.parametrize(
    ("wording", "concepts"),
    [
        ("hvornaar er jess foedt", ("when", "born")),  # Danish
        ("when is the gaffer born", ("when", "born")),  # English
    ],
)
def test_a_concept_counts_however_it_was_worded(wording, concepts):
    assert WORDS.chance(wording, concepts, "birth-date") > 0.9


def test_a_word_only_one_question_holds_is_no_evidence():
    # "kone" stands in one question, "fyret" in two.
    assert WORDS.chance("kone", (), "gent-start") == WORDS.chance("", (), "gent-start")
    assert WORDS.chance("fyret", (), "gent-start") > WORDS.chance("", (), "gent-start")


def test_the_questions_that_must_be_declined_are_a_class_of_their_own():
    # Like them, it makes every intent unlikely.
    for intent in ("gent-start", "birth-date"):
        assert WORDS.chance("hvad hedder hans soen", (), intent) < 0.2


def test_an_intent_no_question_was_answered_by_has_no_chance():
    assert WORDS.chance("hvornaar blev han fyret", ("when",), "man-utd-win") == 0.0


def test_without_labelled_questions_no_intent_has_a_chance():
    assert FanWords([]).chance("hvornaar er han foedt", ("born",), "birth-date") == 0.0


def test_the_chances_of_every_class_add_up_to_one():
    # The declined questions' class is one of them.
    chances = [
        WORDS.chance("sacked gent", ("gent",), name)
        for name in ("gent-start", "birth-date", DECLINED)
    ]
    assert sum(chances) == pytest.approx(1.0)
    assert min(chances) > 0.0
