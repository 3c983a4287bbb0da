import pytest

from bot.engine.text import fold, skeleton, stem, tokens, without_choices


@pytest.mark.parametrize("spelling", ["Hvornår", "hvornaar", "hvornar", "HVORNÅR??", "hvornår 🎂"])
def test_spellings_of_hvornaar_share_one_skeleton(spelling):
    assert [skeleton(t) for t in tokens(spelling)] == ["hvornar"]


@pytest.mark.parametrize(
    ("danish", "ascii"), [("født", "foedt"), ("søn", "soen"), ("æble", "aeble")]
)
def test_danish_letters_fold_to_the_pairs_danes_type(danish, ascii):
    assert fold(danish) == ascii


def test_children_and_born_keep_distinct_folded_forms():
    assert tokens("børn born") == ["boern", "born"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("who's he?", ["who", "is", "he"]), ("Thorup's wife", ["thorup", "wife"])],
)
def test_contractions_expand_but_possessives_lose_their_s(question, expected):
    assert tokens(question) == expected


@pytest.mark.parametrize(
    ("word", "base"),
    [("fodselsdagen", "fodselsdag"), ("birthdays", "birthday"), ("countries", "country")],
)
def test_stem_strips_danish_and_english_endings(word, base):
    assert stem(word) == base


def test_stem_keeps_short_words_whole():
    assert stem("ob") == "ob"


@pytest.mark.parametrize("text", ["", "   ", "🎂🎉", "Привет мир", "\x00\x07\x1b"])
def test_text_without_latin_words_gives_no_tokens(text):
    assert tokens(text) == []


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "Quiz: Hvilken klub forlod han for Gent? A) Esbjerg B) OB C) FC Midtjylland",
            "Quiz: Hvilken klub forlod han for Gent?",
        ),
        (
            "Until when did his contract run? a) 2020 b) 2021 c) 2023",
            "Until when did his contract run?",
        ),
    ],
)
def test_the_options_of_a_multiple_choice_question_are_no_part_of_it(question, asked):
    assert without_choices(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "Two questions: 1) when was he born? 2) where did he start?",
        "Multiple choice: at Gent he faced A) 20 players, B) 30 players. Which one?",
    ],
)
def test_options_before_the_question_mark_or_a_single_one_after_it_stay(question):
    assert without_choices(question) == question
