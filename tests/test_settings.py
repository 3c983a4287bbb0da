"""Settings from the environment and .env: validated, and the token never shown."""

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings
from tests.fake_discord import FAKE_TOKEN


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
    settings = load_settings(env_file=None, environ={"DISCORD_TOKEN": FAKE_TOKEN})
    assert FAKE_TOKEN not in repr(settings)
    assert FAKE_TOKEN not in repr(settings.require_token())
    assert settings.require_token().reveal() == FAKE_TOKEN


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


@pytest.mark.parametrize(
    ("environ", "shards"),
    [
        ({}, (1, [0])),
        ({"SHARD_COUNT": "4"}, (4, [0, 1, 2, 3])),
        ({"SHARD_COUNT": "4", "SHARD_IDS": "2-3"}, (4, [2, 3])),
    ],
    ids=["one shard by default", "every shard", "the shards of this process"],
)
async def test_the_bot_runs_the_shards_the_settings_name(facts, tmp_path, environ, shards):
    from bot.discordbot.client import ThorupBot
    from bot.engine.answers import AnswerEngine
    from bot.store import Store

    settings = load_settings(env_file=None, environ=environ)
    store = await Store.in_folder(tmp_path)
    bot = ThorupBot(settings, AnswerEngine(facts), store, clock=lambda: None)
    assert (bot.shard_count, bot.shard_ids) == shards
    await store.close()


@pytest.mark.parametrize(
    ("written", "shards"), [("0-3", (0, 1, 2, 3)), ("4,5,6,7", (4, 5, 6, 7)), ("1, 5-6", (1, 5, 6))]
)
def test_shard_ids_are_a_range_or_a_list(written, shards):
    settings = load_settings(env_file=None, environ={"SHARD_COUNT": "8", "SHARD_IDS": written})
    assert settings.shard_ids == shards


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({"SHARD_IDS": "0-1"}, "SHARD_IDS needs SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "must be shards 0 to 1"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "first"}, "must look like 0-3 or 4,5,6,7"),
    ],
)
def test_shard_ids_that_do_not_fit_are_refused(environ, problem):
    with pytest.raises(SettingsError, match=problem):
        load_settings(env_file=None, environ=environ)


def test_a_process_serves_the_servers_on_its_shards_by_discords_rule():
    settings = load_settings(env_file=None, environ={"SHARD_COUNT": "2", "SHARD_IDS": "1"})
    assert settings.serves_guild(1 << 22)  # shard (id >> 22) % 2 == 1
    assert not settings.serves_guild(2 << 22)
    assert load_settings(env_file=None, environ={}).serves_guild(2 << 22)


def test_the_database_url_is_a_secret_and_the_retry_time_a_number():
    url = "postgresql://bot:pw-secret@db/thorup"
    settings = load_settings(env_file=None, environ={"DATABASE_URL": url})
    assert "pw-secret" not in repr(settings)
    assert settings.database_url.reveal() == url
    with pytest.raises(SettingsError, match="DATABASE_RETRY_SECONDS"):
        load_settings(env_file=None, environ={"DATABASE_RETRY_SECONDS": "later"})
