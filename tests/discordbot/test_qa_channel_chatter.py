"""A Q&A channel where members also chat: questions are answered, chatter is left alone, and small
talk said to the bot gets a short reply. Mentions and DMs are always answered."""

import pytest


@pytest.fixture
async def qa(guild, channel, admin):
    qa = guild.create_text_channel("spørgsmål")
    await admin.slash(channel, "qa channel add", channel=qa)
    return qa


@pytest.mark.parametrize("chatter", ["haha", "nice one", "tak", "god kamp i går", "lol 😂"])
async def test_chatter_between_members_gets_no_reply(qa, fan, chatter):
    await fan.send(qa, chatter)
    assert qa.last_message.author.id == fan.id


@pytest.mark.parametrize(
    ("question", "expected"),
    [("hvornår blev han født", "1970"), ("which clubs did he play for as a player?", "OB")],
)
async def test_a_question_in_a_qa_channel_is_answered(qa, fan, question, expected):
    await fan.send(qa, question)
    assert expected in qa.last_message.embeds[0].description


@pytest.mark.parametrize(
    ("thanks", "expected"), [("tak bot!", "Selv tak"), ("thanks bot", "You're welcome")]
)
async def test_thanks_addressed_to_the_bot_gets_a_short_reply(qa, fan, thanks, expected):
    await fan.send(qa, thanks)
    reply = qa.last_message
    assert reply.embeds[0].description.startswith(expected)
    assert not reply.embeds[0].fields  # no source: it is no fact


async def test_thanks_in_reply_to_the_bots_answer_gets_a_short_reply(env, qa, fan):
    await fan.send(qa, "hvornår blev han født")
    answer = qa.last_message
    await fan.send(qa, "tak", reply_to=answer)
    assert qa.last_message.embeds[0].description.startswith("Selv tak")


@pytest.mark.parametrize(("greeting", "expected"), [("hej", "Hej!"), ("who are you?", "I'm a bot")])
async def test_small_talk_in_a_mention_is_always_answered(env, channel, fan, greeting, expected):
    await fan.send(channel, f"{env.bot.user.mention} {greeting}")
    assert qa_reply_text(channel).startswith(expected)


def qa_reply_text(channel) -> str:
    return channel.last_message.embeds[0].description


async def test_small_talk_replies_offer_example_questions_and_no_votes(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} hej")
    reply = channel.last_message
    buttons = [c for row in reply.components for c in row.children]
    assert len([b for b in buttons if b.label]) == 3
    assert not [b for b in buttons if b.custom_id.startswith("thorup:vote")]


async def test_small_talk_is_not_listed_as_unanswered(env, channel, fan, store):
    await fan.send(channel, f"{env.bot.user.mention} tak")
    await fan.send(channel, f"{env.bot.user.mention} hvad hedder hans kone?")
    assert [r.question for r in await store.unanswered()] == ["hvad hedder hans kone?"]
