"""What `thorup-bot learn` learns from: a clicked "did you mean" is stored as the fan's own
question with the intent they picked, and a 👍 marks an answer as confirmed."""

from bot.store import Evidence

VAGUE = "jess thorup og tyskland og belgien"


async def test_a_clicked_suggestion_is_stored_as_the_fans_question_and_the_intent_picked(
    env, channel, fan, store
):
    await fan.send(channel, f"{env.bot.user.mention} {VAGUE}")
    reply = channel.last_message
    button = next(c for row in reply.components for c in row.children if c.label)
    await fan.click(reply, label=button.label)
    [confirmed] = await store.confirmed_questions()
    assert confirmed.question == VAGUE
    assert confirmed.evidence is Evidence.CLICKED
    assert button.custom_id.endswith(f":{confirmed.fact_id}")


async def test_an_up_voted_answer_is_a_confirmed_question(env, channel, fan, store):
    await fan.send(channel, f"{env.bot.user.mention} when did he stop playing?")
    await fan.click(channel.last_message, custom_id="thorup:vote:up")
    [confirmed] = await store.confirmed_questions()
    assert (confirmed.question, confirmed.fact_id) == (
        "when did he stop playing?",
        "player-end-esbjerg",
    )
    assert confirmed.evidence is Evidence.UP_VOTED


async def test_an_answer_with_as_many_down_votes_as_up_votes_is_not_confirmed(
    env, channel, fan, guild, store
):
    other = guild.add_member(env.create_user("other"))
    await fan.send(channel, f"{env.bot.user.mention} hvornår stoppede han karrieren?")
    reply = channel.last_message
    await fan.click(reply, custom_id="thorup:vote:up")
    await other.click(reply, custom_id="thorup:vote:down")
    assert await store.confirmed_questions() == []
