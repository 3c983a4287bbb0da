"""Each kind of non-answer says what it is, in the asker's language, and never poses as a fact."""

import pytest


async def ask(env, channel, fan, question):
    await fan.send(channel, f"{env.bot.user.mention} {question}")
    return channel.last_message.embeds[0]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("jess thorup og tyskland og belgien", "Jeg er ikke sikker på, hvad du spørger om"),
        ("jess thorup and germany and belgium", "I'm not sure what you're asking"),
    ],
)
async def test_not_understood_asks_back_instead_of_blaming_the_sources(
    env, channel, fan, question, opening
):
    embed = await ask(env, channel, fan, question)
    assert embed.description.startswith(opening)
    assert "kilderne siger" not in embed.description
    assert "sources don't say" not in embed.description


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvad hedder hans kone?", "kilderne siger ikke noget om hvad hans familie hedder"),
        ("what is his wife called?", "the sources don't say anything about the names of his"),
    ],
)
async def test_a_detail_the_sources_lack_is_named(env, channel, fan, question, expected):
    embed = await ask(env, channel, fan, question)
    assert expected in embed.description
    assert not embed.fields


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvilket år flyttede hans familie til belgien?", "den siger ikke hvilket år"),
        ("did thorup win the danish league in 2023?", "anything about 2023"),
        ("hvilket år blev han dansk mester med OB?", "den siger ikke hvilket år"),
        ("how old was he when he got married?", "doesn't say when that was"),
        ("did he extend his Gent contract beyond 2021?", "anything about the time after 2021"),
    ],
)
async def test_a_missing_detail_is_named_with_what_the_source_does_say(
    env, channel, fan, question, expected
):
    embed = await ask(env, channel, fan, question)
    assert expected in embed.description
    assert embed.fields[0].value.count("¶") >= 1  # the fact it does give, with its source
    assert not embed.footer.text  # no confidence: it is not an answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [("hvor gammel er messi?", "Jeg kan kun svare"), ("how old is messi?", "I can only answer")],
)
async def test_questions_about_someone_else_are_off_topic(env, channel, fan, question, expected):
    embed = await ask(env, channel, fan, question)
    assert expected in embed.description
