"""Questions in chat: mentions, DMs, Q&A channels; answers as sourced embeds; no pings."""

import discord
import pytest
from simcord import OptionError

from bot.engine.text import MAX_QUESTION_CHARS

# Unanswered, so that it is listed by `store.unanswered()` as the bot read it.
QUESTION_AT_THE_LIMIT = "hvad hedder hans kone" + "?" * (MAX_QUESTION_CHARS - 21)


def message_posts(env):
    return [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]


async def test_a_mention_gets_a_reply_with_answer_source_and_confidence(env, channel, fan):
    question = await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    reply = channel.last_message
    assert reply.author.id == env.bot.user.id
    assert reply.reference.message_id == question.id
    embed = reply.embeds[0]
    assert "21. februar 1970" in embed.description
    assert embed.fields[0].name == "Kilde"
    assert "¶1" in embed.fields[0].value
    assert "Jess Thorup, der fredag den 21. februar fylder 50 år" in embed.fields[0].value
    assert embed.footer.text.startswith("Sikkerhed")


async def test_an_english_question_gets_an_english_answer(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} when did he retire?")
    embed = channel.last_message.embeds[0]
    assert "2006" in embed.description
    assert embed.fields[0].name == "Source"


async def test_a_count_over_two_events_cites_both(env, channel, fan):
    await fan.send(
        channel,
        f"{env.bot.user.mention} hvor mange år gik der mellem pokalen med Esbjerg og "
        "mesterskabet med FCM?",
    )
    embed = channel.last_message.embeds[0]
    assert embed.description.startswith("Der er 5 år imellem")
    sources = " ".join(field.value for field in embed.fields)
    assert "¶12" in sources
    assert "¶9" in sources


async def test_every_message_is_sent_with_no_mentions_allowed(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} @everyone @here hvornår er han født?")
    posts = message_posts(env)
    assert posts
    for post in posts:
        allowed = post.json["allowed_mentions"]
        assert allowed["parse"] == []
        assert not allowed.get("replied_user", False)
        assert not allowed.get("users")
        assert not allowed.get("roles")


async def test_a_question_with_everyone_does_not_echo_it(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} @everyone hvad hedder hans kone?")
    reply = channel.last_message
    assert "@everyone" not in (reply.content or "")
    assert "@everyone" not in reply.embeds[0].description
    assert not reply.mention_everyone


async def test_a_dm_is_answered(env, fan):
    user = env.create_user("private")
    await user.send_dm("how old is he?")
    reply = user.dm_channel.last_message
    assert reply.author.id == env.bot.user.id
    assert "years old today" in reply.embeds[0].description


async def test_other_messages_in_ordinary_channels_are_ignored(env, channel, fan):
    await fan.send(channel, "hvornår er han født?")
    assert channel.last_message.author.id == fan.id


async def test_other_bots_are_ignored(env, guild, channel):
    other_bot = guild.add_member(env.create_user("otherbot", bot=True))
    await other_bot.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    assert channel.last_message.author.id == other_bot.id


async def test_a_role_mention_is_not_taken_as_a_mention_of_the_bot(env, guild, channel, fan):
    role = guild.create_role("Fans", mentionable=True)
    await fan.send(channel, f"{role.mention} hvornår er han født?")
    assert channel.last_message.author.id == fan.id


async def test_unsure_answers_offer_did_you_mean_buttons(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} jess thorup og tyskland og belgien")
    reply = channel.last_message
    labels = [c.label for row in reply.components for c in row.children]
    suggestions = [label for label in labels if label]
    assert 1 <= len(suggestions) <= 3
    assert "Jeg er ikke sikker" in reply.embeds[0].description


async def test_clicking_a_suggestion_answers_it_in_place(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} jess thorup og tyskland og belgien")
    reply = channel.last_message
    first = next(c for row in reply.components for c in row.children if c.label)
    await fan.click(reply, label=first.label)
    edited = channel.last_message
    assert edited.id == reply.id
    assert edited.embeds[0].fields[0].name in ("Kilde", "Kilder")
    assert edited.embeds[0].footer.text


async def test_an_unanswered_question_stays_on_record_after_a_suggestion_is_clicked(
    env, channel, fan, store
):
    await fan.send(channel, f"{env.bot.user.mention} jess thorup og tyskland og belgien")
    reply = channel.last_message
    first = next(c for row in reply.components for c in row.children if c.label)
    await fan.click(reply, label=first.label)
    assert [r.question for r in (await store.unanswered())] == [
        "jess thorup og tyskland og belgien"
    ]


async def test_a_thumbs_down_is_stored_with_the_question_and_intent(env, channel, fan, store):
    await fan.send(channel, f"{env.bot.user.mention} hvornår stoppede han karrieren?")
    reply = channel.last_message
    result = await fan.click(reply, custom_id="thorup:vote:down")
    assert result.ephemeral
    assert "Tak" in result.response.content
    [row] = [r for r in (await store.unanswered()) if r.reason == "down-voted"]
    assert row.question == "hvornår stoppede han karrieren?"
    assert row.fact_id == "player-end-esbjerg"


async def test_unanswered_questions_are_stored(env, channel, fan, store):
    for _ in range(2):
        await fan.send(channel, f"{env.bot.user.mention} hvad hedder hans kone?")
    [row] = [r for r in (await store.unanswered()) if r.reason == "unanswered"]
    assert row.times == 2


async def test_ask_takes_a_question_as_long_as_the_limit_and_the_bot_reads_it_whole(
    env, channel, fan, store
):
    assert len(QUESTION_AT_THE_LIMIT) == MAX_QUESTION_CHARS
    await fan.slash(channel, "ask", question=QUESTION_AT_THE_LIMIT)
    await env.settle()
    assert [row.question for row in await store.unanswered()] == [QUESTION_AT_THE_LIMIT]


async def test_ask_refuses_a_question_one_character_over_the_limit_before_it_is_sent(
    env, channel, fan
):
    with pytest.raises(OptionError, match=f"at most {MAX_QUESTION_CHARS} characters"):
        await fan.slash(channel, "ask", question=QUESTION_AT_THE_LIMIT + "?")


async def test_a_longer_message_is_read_up_to_the_same_limit(env, channel, fan, store):
    await fan.send(channel, f"{env.bot.user.mention} {QUESTION_AT_THE_LIMIT} og hans børn?")
    await env.settle()
    assert [row.question for row in await store.unanswered()] == [QUESTION_AT_THE_LIMIT]


async def test_too_many_questions_get_a_cooldown_notice(env, channel, fan):
    for _ in range(3):
        await fan.send(channel, f"{env.bot.user.mention} hvor gammel er han?")
    await fan.send(channel, f"{env.bot.user.mention} hvor gammel er han?")
    assert "prøv igen om" in channel.last_message.content


async def test_the_cooldown_passes_with_time(env, channel, fan):
    for _ in range(3):
        await fan.send(channel, f"{env.bot.user.mention} hvor gammel er han?")
    await env.advance_time(61)
    await fan.send(channel, f"{env.bot.user.mention} hvor gammel er han?")
    assert channel.last_message.embeds


async def test_a_failing_handler_gets_a_friendly_reply_and_the_bot_keeps_running(
    env, channel, fan, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(env.bot.engine, "ask", broken)
    await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    assert "noget gik galt" in channel.last_message.content.lower()
    monkeypatch.undo()
    await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    assert channel.last_message.embeds
    env.errors.clear()


async def test_replies_use_discord_payloads_that_validate(env, channel, fan):
    await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    post = message_posts(env)[-1]
    assert post.json["message_reference"]["fail_if_not_exists"] is False
    assert isinstance(discord.Embed.from_dict(post.json["embeds"][0]), discord.Embed)


async def test_a_user_spamming_gets_one_cooldown_notice_per_window_not_one_per_message(
    env, channel, fan
):
    def notices():  # each lasts ten seconds in the channel: counted as sent
        return [p for p in message_posts(env) if "prøv igen om" in (p.json.get("content") or "")]

    for _ in range(20):
        await fan.send(channel, f"{env.bot.user.mention} hvor gammel er han?")
    assert len(notices()) == 1
    await env.advance_time(61)
    for _ in range(4):
        await fan.send(channel, f"{env.bot.user.mention} hvor gammel er han?")
    assert len(notices()) == 2


async def test_six_rate_limits_in_a_row_on_a_reply_end_in_the_answer_not_an_error(
    env, channel, fan
):
    env.inject_error("POST", f"/channels/{channel.id}/messages", status=429, times=6)
    await fan.send(channel, f"{env.bot.user.mention} hvornår er han født?")
    await env.advance_time(30)
    reply = channel.last_message
    assert reply.author.id == env.bot.user.id
    assert "21. februar 1970" in reply.embeds[0].description


async def test_someone_elses_suggestion_click_is_answered_privately_and_changes_nothing(
    env, guild, channel, fan
):
    await fan.send(channel, f"{env.bot.user.mention} jess thorup og tyskland og belgien")
    reply = channel.last_message
    before = reply.embeds[0].description
    first = next(c for row in reply.components for c in row.children if c.label)
    other = guild.add_member(env.create_user("other"))
    result = await other.click(reply, label=first.label)
    assert result.ephemeral
    assert result.response.embeds[0].fields[0].name in ("Kilde", "Kilder")
    [now] = [m for m in channel.history() if m.id == reply.id]
    assert now.embeds[0].description == before


async def test_the_asker_of_a_slash_command_can_use_its_suggestions_in_place(env, channel, fan):
    result = await fan.slash(channel, "ask", question="jess thorup og tyskland og belgien")
    first = next(c for row in result.response.components for c in row["components"] if "label" in c)
    clicked = await fan.click(result.response, label=first["label"])
    assert clicked.response.embeds[0].fields[0].name in ("Kilde", "Kilder")
    assert [r.json["type"] for r in clicked_calls(env)] == [7]  # UPDATE_MESSAGE: in place


def clicked_calls(env):
    """Interaction callbacks after the first one (the /ask answer itself)."""
    return [r for r in env.http_requests if r.path.endswith("/callback")][1:]
