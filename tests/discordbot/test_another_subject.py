"""The bot over another subject's folder (a fictional coach, tests/subjects/): its commands, help
and answers speak of her, with no code of her own."""

import pytest

from bot.discordbot.cogs.help import help_embed
from bot.engine.facts import load_fact_base
from tests.subjects import IDA_MARSTRAND


@pytest.fixture(scope="module")
def facts():
    return load_fact_base(IDA_MARSTRAND)


@pytest.mark.parametrize(
    ("command", "english", "danish"),
    [
        ("ask", "Ask a question about Ida Marstrand", "Stil et spørgsmål om Ida Marstrand"),
        (
            "birthday",
            "Her birthday: date, age today, weekday, days to go",
            "Hendes fødselsdag: dato, alder i dag, ugedag, dage tilbage",
        ),
    ],
)
async def test_the_commands_are_described_with_her_name_and_pronouns(env, command, english, danish):
    [put] = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    registered = next(c for c in put.json if c["name"] == command)
    assert registered["description"] == english
    assert registered["description_localizations"]["da"] == danish


@pytest.mark.parametrize(
    ("language", "intro", "ask_line"),
    [
        (
            "da",
            "Jeg svarer på spørgsmål om Ida Marstrands karriere",
            "`/spørg spørgsmål: hvornår blev hun født?` – Stil et spørgsmål om Ida Marstrand",
        ),
        (
            "en",
            "I answer questions about Ida Marstrand's career",
            "`/ask question: when was she born?` – Ask a question about Ida Marstrand",
        ),
    ],
)
async def test_help_speaks_of_her(env, language, intro, ask_line):
    embed = help_embed(env.bot.tree.get_commands(), language, env.bot.engine.facts.subject)
    assert intro in embed.description
    assert ask_line in embed.fields[0].value


async def test_help_as_a_slash_command_speaks_of_her(env, channel, fan):
    result = await fan.slash(channel, "help")
    assert "Ida Marstrand's career and birthday" in result.response.embeds[0].description


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvornår er hun født?", "Ida Marstrand er født den 8. marts 1984 i Aarhus."),
        ("when was she born?", "Ida Marstrand was born on 8 March 1984 in Aarhus."),
    ],
)
async def test_ask_answers_about_her_with_her_source(env, channel, fan, question, expected):
    result = await fan.slash(channel, "ask", question=question)
    embed = result.response.embeds[0]
    assert embed.description.startswith(expected)
    assert "¶1" in embed.fields[0].value


async def test_her_birthday_card_counts_the_days_where_she_lives(env, channel, fan):
    result = await fan.slash(channel, "birthday")
    text = result.response.embeds[0].description
    assert "Born: Thursday 8 March 1984" in text
    # Simcord's clock is 1 January 2026 in Copenhagen, still New Year's Eve in Toronto.
    assert "Next birthday: Sunday 8 March 2026, when she turns 42 – in 67 days" in text
