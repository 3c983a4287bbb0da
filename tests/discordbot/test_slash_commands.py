"""Every slash command with its options, through simcord's interaction round trip."""

import dataclasses

import discord
import pytest

from bot.discordbot.translator import describe
from bot.engine.facts import MAX_NAME_CHARS

# What Discord accepts for a command description.
DESCRIPTION_LIMIT = 100


async def test_ask_answers_publicly_with_its_source(env, channel, fan):
    result = await fan.slash(channel, "ask", question="hvornår stoppede han karrieren?")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert "2006" in embed.description
    assert "¶14" in embed.fields[0].value


async def test_ask_in_english_answers_in_english(env, channel, fan):
    result = await fan.slash(channel, "ask", question="how old is he?")
    assert "years old today" in result.response.embeds[0].description


async def test_ask_that_abstains_is_ephemeral(env, channel, fan):
    result = await fan.slash(channel, "ask", question="hvad hedder hans kone?")
    assert result.ephemeral
    assert "kilderne siger ikke" in result.response.embeds[0].description


async def test_ask_with_everyone_pings_nobody(env, channel, fan):
    result = await fan.slash(channel, "ask", question="@everyone <@&123> hvornår er han født?")
    callback = [r for r in env.http_requests if r.path.endswith("/callback")][-1]
    assert callback.json["data"]["allowed_mentions"]["parse"] == []
    assert "@everyone" not in result.response.embeds[0].description


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("hvornår", "Hvornår er Jess Thorup født?"), ("when was", "When was Jess Thorup born?")],
)
async def test_ask_autocomplete_offers_phrasings_in_the_typed_language(
    env, channel, fan, typed, expected
):
    choices = await fan.autocomplete(channel, "ask", "question", typed)
    assert 1 <= len(choices) <= 25
    assert expected in [choice["value"] for choice in choices]


async def test_ask_autocomplete_with_nothing_typed_offers_one_question_per_topic(env, channel, fan):
    choices = await fan.autocomplete(channel, "ask", "question", "")
    assert len(choices) == 25
    assert len({c["value"] for c in choices}) == 25


async def test_ask_cooldown_is_an_ephemeral_notice(env, channel, fan):
    for _ in range(3):
        await fan.slash(channel, "ask", question="hvor gammel er han?")
    result = await fan.slash(channel, "ask", question="hvor gammel er han?")
    assert result.ephemeral
    assert "try again in" in result.response.content


async def test_birthday_shows_date_age_weekday_and_days_to_go(env, channel, fan):
    result = await fan.slash(channel, "birthday")
    text = result.response.embeds[0].description
    assert "Born: Saturday 21 February 1970" in text
    assert "Age today: 55" in text
    assert "Next birthday: Saturday 21 February 2026, when he turns 56 – in 51 days" in text


async def test_timeline_lists_the_career_with_source_paragraphs(env, channel, fan):
    result = await fan.slash(channel, "timeline")
    text = result.response.embeds[0].description
    assert "1989" in text
    assert "(¶13)" in text
    assert text.index("1989") < text.index("2006") < text.index("2018")


async def test_fact_gives_a_fact_with_its_source(env, channel, fan):
    result = await fan.slash(channel, "fact")
    embed = result.response.embeds[0]
    assert embed.title == "Did you know?"
    assert "¶" in embed.fields[0].value


async def test_sources_lists_the_article(env, channel, fan):
    result = await fan.slash(channel, "sources")
    field = result.response.embeds[0].fields[0]
    assert "Jess Thorup 50 år" in field.name
    assert "14 paragraphs" in field.value


async def test_about_tells_the_fact_base_size_and_version(env, channel, fan):
    result = await fan.slash(channel, "about")
    embed = result.response.embeds[0]
    assert "Jess Thorup" in embed.description
    assert "topics" in embed.fields[0].value


async def test_an_admin_adds_a_qa_channel_and_its_messages_get_answers(
    env, guild, channel, admin, fan
):
    qa = guild.create_text_channel("spørgsmål")
    result = await admin.slash(channel, "qa channel add", channel=qa)
    assert result.ephemeral
    await fan.send(qa, "hvornår blev han født")
    assert "1970" in qa.last_message.embeds[0].description


async def test_a_qa_channel_message_without_text_gets_no_reply(env, guild, channel, admin, fan):
    qa = guild.create_text_channel("spørgsmål")
    await admin.slash(channel, "qa channel add", channel=qa)
    await fan.send(qa, "🎂🎂")
    assert qa.last_message.author.id == fan.id


async def test_a_bare_mention_gets_a_hint_of_what_to_ask(env, channel, fan):
    await fan.send(channel, env.bot.user.mention)
    reply = channel.last_message
    assert reply.author.id == env.bot.user.id
    assert "karriere eller fødselsdag" in reply.embeds[0].description


async def test_qa_channels_can_be_listed_and_removed(env, guild, channel, admin, fan):
    qa = guild.create_text_channel("spørgsmål")
    await admin.slash(channel, "qa channel add", channel=qa)
    listed = await admin.slash(channel, "qa channel list")
    assert qa.mention in listed.response.content
    await admin.slash(channel, "qa channel remove", channel=qa)
    await fan.send(qa, "hvornår blev han født")
    assert qa.last_message.author.id == fan.id


@pytest.mark.parametrize(
    ("denied", "named"),
    [
        ({"send_messages": False}, "Send Messages"),
        ({"embed_links": False, "read_message_history": False}, "Embed Links, Read Message"),
    ],
)
async def test_a_qa_channel_where_the_bot_cannot_answer_is_refused_naming_what_is_missing(
    env, guild, channel, admin, store, denied, named
):
    closed = guild.create_text_channel(
        "lukket", overwrites={guild.me: discord.PermissionOverwrite(**denied)}
    )
    result = await admin.slash(channel, "qa channel add", channel=closed)
    assert result.ephemeral
    assert f"I am missing the permission {named}" in result.response.content
    assert await store.qa_channels(guild.id) == []


async def test_a_deleted_qa_channel_is_dropped_from_the_list(env, guild, channel, admin, store):
    qa = guild.create_text_channel("spørgsmål")
    await admin.slash(channel, "qa channel add", channel=qa)
    env.backend.delete_channel(qa.id)
    await env.settle()
    assert await store.qa_channels(guild.id) == []
    listed = await admin.slash(channel, "qa channel list")
    assert "There are no Q&A channels" in listed.response.content


async def test_qa_commands_are_hidden_from_members_without_manage_server(env, channel, fan):
    assert "qa" not in fan.available_commands(channel)


async def test_qa_commands_check_the_permission_again_when_run(env, guild, channel, fan):
    qa = next(c for c in await env.bot.tree.fetch_commands() if c.name == "qa")
    guild.set_command_permissions(qa, {guild.default_role: True})
    result = await fan.slash(channel, "qa channel list")
    assert result.ephemeral
    assert "Manage Server" in result.response.content


async def test_commands_are_registered_with_danish_names_and_descriptions(registered):
    ask = registered["ask"]
    assert ask["name_localizations"]["da"] == "spørg"
    assert ask["description_localizations"]["da"] == "Stil et spørgsmål om Jess Thorup"
    assert ask["options"][0]["name_localizations"]["da"] == "spørgsmål"
    assert ask["options"][0]["description"] == "Your question, in Danish or English"


@pytest.mark.parametrize("language", ["da", "en"])
async def test_every_description_fits_discord_with_the_longest_name_a_subject_may_have(
    env, language
):
    subject = dataclasses.replace(env.bot.engine.facts.subject, name="x" * MAX_NAME_CHARS)
    for command in env.bot.tree.walk_commands():
        assert len(describe(command, subject, language)) <= DESCRIPTION_LIMIT, command.name


async def test_a_failing_command_gets_a_friendly_ephemeral_error(env, channel, fan, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(env.bot.engine, "ask", broken)
    result = await fan.slash(channel, "ask", question="hvornår er han født?")
    assert result.ephemeral
    assert "something went wrong" in result.response.content
    env.errors.clear()


async def test_the_synced_commands_are_the_ones_we_ship(env):
    synced = {r.path for r in env.http_requests if r.method == "PUT"}
    assert synced
    names = {c.name for c in env.bot.tree.get_commands()}
    assert names == {
        "ask",
        "birthday",
        "timeline",
        "fact",
        "sources",
        "about",
        "qa",
        "reminders",
        "help",
    }


def _valid_name(name: str) -> bool:
    return (
        1 <= len(name) <= 32
        and name == name.lower()
        and all(c.isalnum() or c in "-_" for c in name)
    )


def _check_localised(item: dict) -> None:
    names = [item["name"], *item.get("name_localizations", {}).values()]
    descriptions = [item["description"], *item.get("description_localizations", {}).values()]
    assert all(_valid_name(name) for name in names), names
    assert all(1 <= len(text) <= 100 for text in descriptions), descriptions
    for option in item.get("options", []):
        _check_localised(option)


async def test_registered_commands_follow_discords_naming_rules(env):
    [put] = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    for command in put.json:
        _check_localised(command)


async def test_buttons_on_old_messages_still_work_after_a_restart(env, channel, fan, make_bot):
    await fan.send(channel, f"{env.bot.user.mention} hvornår stoppede han karrieren?")
    reply = channel.last_message
    await env.restart_bot(make_bot())
    result = await fan.click(reply, custom_id="thorup:vote:up")
    assert "Tak" in result.response.content
