"""The text catalogs: the same keys in both languages, and plurals that agree with their number."""

import pytest

from bot.discordbot import texts
from bot.engine import i18n


@pytest.mark.parametrize("catalog", [i18n.TEXTS, texts.TEXTS], ids=["engine", "discord"])
def test_danish_and_english_have_the_same_keys(catalog):
    assert catalog["da"].keys() == catalog["en"].keys()


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("da", 1, "1 dag før"),
        ("da", 7, "7 dage før"),
        ("en", 1, "1 day before"),
        ("en", 7, "7 days before"),
    ],
)
def test_a_count_of_one_takes_the_singular(language, days, expected):
    assert texts.text(language, "rem_days", days=days) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "om 1 dag"), ("en", "in 1 day")],
)
def test_the_next_birthday_a_day_away_is_one_day(facts, language, expected):
    subject = facts.subject.text_fields(language)
    line = i18n.text(language, "card_next", **subject, weekday="x", date="y", age=57, days=1)
    assert line.endswith(expected)
