import pytest

from bot.engine.spoken_numbers import as_digits
from bot.engine.text import tokens


def _read(text: str) -> str:
    return " ".join(as_digits(tokens(text)))


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("startede han i OB i nitten hundrede og niogfirs", "startede han i ob i 1989"),
        ("did he start at OB in nineteen eighty nine", "did he start at ob in 1989"),
        ("har han kontrakt til to tusind og enogtyve", "har han kontrakt til 2021"),
        ("is his contract until twenty twenty one", "is his contract until 2021"),
        ("kom han til Gent i totusind og atten", "kom han til gent i 2018"),
        ("did he go to Gent in two thousand and eighteen", "did he go to gent in 2018"),
        ("var det i to tusind og så videre", "var det i 2000 og saa videre"),
        ("was it in two thousand and then some", "was it in 2000 and then some"),
    ],
)
def test_a_year_spoken_as_words_is_written_in_digits(spoken, written):
    assert _read(spoken) == written


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("var han seksogtyve da han tog til Tyskland", "var han 26 da han tog til tyskland"),
        ("was he twenty six when he went to Germany", "was he 26 when he went to germany"),
    ],
)
def test_an_age_of_a_ten_and_a_unit_is_written_in_digits(spoken, written):
    assert _read(spoken) == written


@pytest.mark.parametrize(
    "words",
    [
        "hvad skete der, da han tog to titler med en klub",
        "which one did he go to, and was he nineteen then",
    ],
)
def test_a_single_number_word_is_left_as_it_is(words):
    # "to", "en", "one" and a lone "nineteen" are ordinary words as often as numbers.
    assert _read(words) == " ".join(tokens(words))
