"""Settings from the environment and .env: validated, and the token never shown."""

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEo.fake-token-for-loopback-tests-only"


def test_defaults_need_nothing_but_the_token_for_run():
    settings = load_settings(env_file=None, environ={})
    assert settings.data_dir == Path("data")
    assert settings.log_level == "INFO"
    assert settings.shard_count is None
    with pytest.raises(SettingsError, match="DISCORD_TOKEN is not set"):
        settings.require_token()


def test_a_malformed_token_is_refused_without_showing_it():
    settings = load_settings(env_file=None, environ={"DISCORD_TOKEN": "not-a-token-secret"})
    with pytest.raises(SettingsError) as raised:
        settings.require_token()
    assert "not-a-token-secret" not in str(raised.value)


def test_the_token_never_appears_in_repr():
    settings = load_settings(env_file=None, environ={"DISCORD_TOKEN": TOKEN})
    assert TOKEN not in repr(settings)
    assert TOKEN not in repr(settings.require_token())
    assert settings.require_token().reveal() == TOKEN


def test_the_env_file_is_read_and_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DATA_DIR=/srv/thorup\nLOG_LEVEL=debug\nSHARD_COUNT=2\n")
    settings = load_settings(env_file=env_file, environ={"LOG_LEVEL": "WARNING"})
    assert settings.data_dir == Path("/srv/thorup")
    assert settings.log_level == "WARNING"
    assert settings.shard_count == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DISCORD_GUILD_ID", "abc"),
        ("SHARD_COUNT", "0"),
        ("LOG_LEVEL", "LOUD"),
        ("DISCORD_MESSAGE_CONTENT", "maybe"),
        ("QUESTION_COOLDOWN_SECONDS", "soon"),
        ("QUESTION_COOLDOWN_SECONDS", "nan"),
        ("QUESTION_COOLDOWN_SECONDS", "inf"),
        ("QUESTION_COOLDOWN_SECONDS", "-5"),
        ("QUESTION_COOLDOWN_SECONDS", "1e9"),
        ("QUESTIONS_PER_COOLDOWN", "0"),
        ("QUESTIONS_PER_COOLDOWN", "²"),
        ("SHARD_COUNT", "99999999999999999999"),
        ("DISCORD_GUILD_ID", "-1"),
        ("DISCORD_GUILD_ID", "1" * 30),
    ],
)
def test_a_malformed_setting_names_itself(name, value):
    with pytest.raises(SettingsError, match=name) as raised:
        load_settings(env_file=None, environ={name: value})
    assert "\n" not in str(raised.value)


def test_a_cooldown_of_zero_switches_it_off():
    settings = load_settings(env_file=None, environ={"QUESTION_COOLDOWN_SECONDS": "0"})
    assert settings.question_cooldown == 0


def test_shard_count_selects_the_auto_sharded_bot(facts, tmp_path):
    from bot.discordbot.client import ShardedThorupBot, create_bot
    from bot.engine.answers import AnswerEngine
    from bot.store import Store

    settings = load_settings(env_file=None, environ={"SHARD_COUNT": "2"})
    store = Store.in_folder(tmp_path)
    bot = create_bot(settings, AnswerEngine(facts), store, clock=lambda: None)
    assert isinstance(bot, ShardedThorupBot)
    assert bot.shard_count == 2
    store.close()
