import pytest

from bot.engine.neighbours import to_own_language
from bot.engine.text import tokens


@pytest.mark.parametrize(
    ("neighbour", "danish"),
    [
        ("Vilken position spelade han?", "Hvilken position spillede han?"),
        ("Hvor lenge var han trener i Esbjerg?", "Hvor længe var han træner i Esbjerg?"),
    ],
)
def test_swedish_and_norwegian_words_become_danish(neighbour, danish):
    assert to_own_language(tokens(neighbour), known=lambda word: False) == tokens(danish)


@pytest.mark.parametrize(
    ("neighbour", "english"),
    [
        ("Was Thorup Meister as a Spieler too?", "Was Thorup champion as a player too?"),
        ("Did he make Midtjylland kampioen? wanneer?", "Did he make Midtjylland champion? when?"),
    ],
)
def test_german_and_dutch_words_become_english(neighbour, english):
    assert to_own_language(tokens(neighbour), known=lambda word: False) == tokens(english)


@pytest.mark.parametrize(
    ("neighbour", "english"),
    [
        (
            "He played in Allemagne, oui? Which club exactement?",
            "He played in Germany, yes? Which club exactly?",
        ),
        (
            "Quel âge had the entraîneur when he came to Belgique?",
            "How old had the coach when he came to Belgium?",
        ),
    ],
)
def test_french_words_become_english(neighbour, english):
    assert to_own_language(tokens(neighbour), known=lambda word: False) == tokens(english)


def test_a_french_word_that_is_also_english_is_left_out_of_the_table():
    words = tokens("Did Midtjylland play in the Premier League?")
    assert to_own_language(words, known=lambda word: False) == words


def test_two_words_are_read_before_one():
    assert to_own_language(tokens("hur länge"), known=lambda word: False) == tokens("hvor længe")
    assert to_own_language(tokens("hur är"), known=lambda word: False) == tokens("hvordan er")


def test_a_word_the_fact_base_knows_is_never_rewritten():
    assert to_own_language(["vann"], known=lambda word: word == "vann") == ["vann"]


def test_a_danish_question_is_left_as_it_is():
    words = tokens("Hvilke klubber spillede han for?")
    assert to_own_language(words, known=lambda word: False) == words
