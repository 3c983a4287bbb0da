"""/help: what the bot does and every command with one example, in the user's language,
shown only to the user."""

import pytest

from bot.discordbot import texts
from bot.discordbot.cogs.help import example_key, help_embed


async def test_help_is_shown_only_to_the_user(env, channel, fan):
    result = await fan.slash(channel, "help")
    assert result.ephemeral


async def test_help_says_what_the_bot_does(env, channel, fan):
    result = await fan.slash(channel, "help")
    embed = result.response.embeds[0]
    assert embed.title == "How to use thorup-bot"
    assert "Jess Thorup's career and birthday" in embed.description


async def test_help_lists_every_command_with_an_example(env, channel, fan):
    result = await fan.slash(channel, "help")
    text = "\n".join(field.value for field in result.response.embeds[0].fields)
    for command in env.bot.tree.get_commands():
        assert f"`/{command.name}" in text, command.name
    assert "`/ask question: when was he born?`" in text


async def test_help_puts_the_admin_commands_apart(env, channel, fan):
    result = await fan.slash(channel, "help")
    fans, admins = result.response.embeds[0].fields
    assert "/qa channel add channel: #chat" in admins.value
    assert "/reminders" in admins.value
    assert "/qa" not in fans.value


@pytest.mark.parametrize(
    ("language", "ask_example", "admin_heading"),
    [
        ("da", "`/spørg spørgsmål: hvornår blev han født?`", "For serveradministratorer"),
        ("en", "`/ask question: when was he born?`", "For server admins"),
    ],
)
async def test_help_uses_the_command_names_the_user_sees(env, language, ask_example, admin_heading):
    embed = help_embed(env.bot.tree.get_commands(), language, env.bot.engine.facts.subject)
    assert ask_example in embed.fields[0].value
    assert embed.fields[1].name.startswith(admin_heading)


async def test_every_command_has_an_example_in_both_languages(env):
    for command in env.bot.tree.get_commands():
        key = example_key(command)
        assert key in texts.HELP_EXAMPLES["da"]
        assert key in texts.HELP_EXAMPLES["en"]
