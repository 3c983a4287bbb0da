"""The real bot, run by simcord against a simulated Discord: discord.py's own code builds every
payload; nothing of ours is mocked."""

from __future__ import annotations

import discord
import pytest

from bot.discordbot.client import ThorupBot
from bot.engine.answers import AnswerEngine
from bot.settings import Settings
from bot.store import Store


@pytest.fixture
async def store(tmp_path):
    store = await Store.in_folder(tmp_path / "data")
    yield store
    await store.close()


@pytest.fixture
def make_bot(facts, store):
    """A fresh bot over the same store, as after a restart."""

    def make():
        settings = Settings(question_cooldown=60, questions_per_cooldown=3)
        # simcord moves discord.utils.utcnow with its virtual clock, so cooldowns follow it.
        engine = AnswerEngine(facts, clock=discord.utils.utcnow)
        return ThorupBot(settings, engine, store, clock=discord.utils.utcnow)

    return make


@pytest.fixture
def simcord_bot(make_bot):
    return make_bot()


@pytest.fixture
async def env(simcord_env):
    """A running bot with its commands registered, as `thorup-bot sync` would do."""
    await simcord_env.bot.tree.sync()
    return simcord_env


@pytest.fixture
def registered(env):
    """The slash commands as the bot registered them with Discord, by name."""
    [put] = [r for r in env.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    return {command["name"]: command for command in put.json}


@pytest.fixture
def guild(env):
    return env.create_guild("Thorup Fans", preferred_locale="da")


@pytest.fixture
def channel(guild):
    return guild.create_text_channel("snak")


@pytest.fixture
def fan(env, guild):
    return guild.add_member(env.create_user("fan"))


@pytest.fixture
def admin(env, guild):
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("admin"), roles=[admins])
