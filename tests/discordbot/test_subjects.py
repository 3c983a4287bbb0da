"""The bot over each subject's folder, Jess Thorup's and a fictional coach's
(tests/subjects/): its commands, /help and answers speak of that subject, with no code of its
own."""

import pytest

from bot.discordbot.cogs.help import help_embed
from bot.engine.facts import default_facts_dir, load_fact_base
from tests.subjects import IDA_MARSTRAND

THORUP = "jess-thorup"
MARSTRAND = "ida-marstrand"


@pytest.fixture(
    scope="module", params=[default_facts_dir(), IDA_MARSTRAND], ids=[THORUP, MARSTRAND]
)
def facts(request):
    return load_fact_base(request.param)


@pytest.fixture
def subject(env):
    return env.bot.engine.facts.subject.id


DESCRIPTIONS = {
    (THORUP, "ask"): ("Ask a question about Jess Thorup", "Stil et spørgsmål om Jess Thorup"),
    (THORUP, "birthday"): (
        "His birthday: date, age today, weekday, days to go",
        "Hans fødselsdag: dato, alder i dag, ugedag, dage tilbage",
    ),
    (MARSTRAND, "ask"): (
        "Ask a question about Ida Marstrand",
        "Stil et spørgsmål om Ida Marstrand",
    ),
    (MARSTRAND, "birthday"): (
        "Her birthday: date, age today, weekday, days to go",
        "Hendes fødselsdag: dato, alder i dag, ugedag, dage tilbage",
    ),
}


@pytest.mark.parametrize("command", ["ask", "birthday"])
async def test_commands_are_described_with_the_subjects_name_and_pronouns(
    registered, subject, command
):
    english, danish = DESCRIPTIONS[subject, command]
    assert registered[command]["description"] == english
    assert registered[command]["description_localizations"]["da"] == danish


HELP_ASK_LINES = {
    (THORUP, "da"): "`/spørg spørgsmål: hvornår blev han født?` – Stil et spørgsmål om Jess Thorup",
    (THORUP, "en"): "`/ask question: when was he born?` – Ask a question about Jess Thorup",
    (MARSTRAND, "da"): (
        "`/spørg spørgsmål: hvornår blev hun født?` – Stil et spørgsmål om Ida Marstrand"
    ),
    (MARSTRAND, "en"): "`/ask question: when was she born?` – Ask a question about Ida Marstrand",
}


@pytest.mark.parametrize("language", ["da", "en"])
async def test_help_shows_the_ask_example_with_the_subjects_pronoun(env, subject, language):
    embed = help_embed(env.bot.tree.get_commands(), language, env.bot.engine.facts.subject)
    assert HELP_ASK_LINES[subject, language] in embed.fields[0].value


BIRTH_DATES = {
    (THORUP, "da"): ("hvornår er han født?", "Jess Thorup er født den 21. februar 1970"),
    (THORUP, "en"): ("when was he born?", "Jess Thorup was born on 21 February 1970"),
    (MARSTRAND, "da"): ("hvornår er hun født?", "Ida Marstrand er født den 8. marts 1984"),
    (MARSTRAND, "en"): ("when was she born?", "Ida Marstrand was born on 8 March 1984"),
}


@pytest.mark.parametrize("language", ["da", "en"])
async def test_ask_answers_the_birth_date_with_its_source(env, channel, fan, subject, language):
    question, expected = BIRTH_DATES[subject, language]
    result = await fan.slash(channel, "ask", question=question)
    embed = result.response.embeds[0]
    assert embed.description.startswith(expected)
    assert "¶1" in embed.fields[0].value


# Simcord's clock stands at 1 January 2026 in Copenhagen: still New Year's Eve in Toronto, where
# Ida Marstrand lives, so her countdown is a day longer.
NEXT_BIRTHDAYS = {
    THORUP: "Next birthday: Saturday 21 February 2026, when he turns 56 – in 51 days",
    MARSTRAND: "Next birthday: Sunday 8 March 2026, when she turns 42 – in 67 days",
}


async def test_the_birthday_card_counts_the_days_where_the_subject_lives(
    env, channel, fan, subject
):
    result = await fan.slash(channel, "birthday")
    assert NEXT_BIRTHDAYS[subject] in result.response.embeds[0].description
