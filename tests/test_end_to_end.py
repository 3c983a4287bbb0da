"""The real `thorup-bot run` process against a loopback fake Discord: log in, READY, a guild,
a mention answered, a slash command answered, and nobody pinged."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from bot.database import DB_NAME
from bot.store import Store
from tests.fake_discord import FAKE_TOKEN, LAUNCH, launch_env
from tests.fake_discord.server import CHANNEL_ID, GUILD_ID, FakeDiscord, until


async def start(
    server: FakeDiscord, tmp_path: Path, *args: str, token: str = FAKE_TOKEN, **settings: str
) -> asyncio.subprocess.Process:
    env = launch_env(server.url, DISCORD_TOKEN=token, DATA_DIR=str(tmp_path / "data"), **settings)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(LAUNCH),
        *args,
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


@pytest.fixture
async def running_bot(discord_server, tmp_path):
    process = await start(discord_server, tmp_path, "run")
    try:
        await asyncio.wait_for(discord_server.identified.wait(), 30)
        yield discord_server
    finally:
        if process.returncode is None:
            process.terminate()
        _, stderr = await process.communicate()
        assert FAKE_TOKEN.encode() not in stderr


async def test_the_bot_logs_in_and_identifies_over_the_gateway(running_bot):
    assert any(r.path == "/users/@me" for r in running_bot.requests)


async def test_the_bot_does_not_register_commands_on_start(running_bot):
    await asyncio.sleep(0.5)
    assert not any(r.method == "PUT" for r in running_bot.requests)


async def test_a_mention_is_answered_with_a_sourced_embed_and_no_pings(running_bot):
    await running_bot.dispatch(
        "MESSAGE_CREATE", running_bot.mention("@everyone hvornår er han født?")
    )
    post = await running_bot.wait_for_request("POST", f"/channels/{CHANNEL_ID}/messages")
    embed = post.json["embeds"][0]
    assert "21. februar 1970" in embed["description"]
    assert embed["fields"][0]["name"] == "Kilde"
    assert post.json["allowed_mentions"]["parse"] == []


async def test_a_reply_whose_answer_from_discord_was_lost_is_posted_once(running_bot):
    running_bot.answers_lost = 1  # posted, but the bot hears a 503 and tries again
    await running_bot.dispatch("MESSAGE_CREATE", running_bot.mention("hvornår er han født?"))
    await asyncio.wait_for(until(lambda: running_bot.posts(CHANNEL_ID) == 2), 30)
    assert len(running_bot.messages[CHANNEL_ID]) == 1


async def test_a_slash_command_is_answered(running_bot):
    await running_bot.dispatch(
        "INTERACTION_CREATE", running_bot.slash("ask", question="when did he retire?")
    )
    callback = await running_bot.wait_for_request("POST", "/callback")
    assert callback.json["type"] == 4
    assert "2006" in callback.json["data"]["embeds"][0]["description"]
    assert callback.json["data"]["allowed_mentions"]["parse"] == []


async def test_sync_registers_the_commands_and_prints_them(discord_server, tmp_path):
    process = await start(discord_server, tmp_path, "sync", "--guild", "900000000000000100")
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    [put] = [r for r in discord_server.requests if r.method == "PUT"]
    assert put.path.endswith("/guilds/900000000000000100/commands")
    assert {c["name"] for c in put.json} >= {"ask", "birthday", "timeline", "qa"}
    assert "/ask" in stdout.decode()


async def test_a_rejected_token_is_one_line_and_exit_code_2(discord_server, tmp_path):
    discord_server.reject_token = True
    process = await start(discord_server, tmp_path, "run")
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    lines = stderr.decode().strip().splitlines()
    assert (
        lines[-1] == "thorup-bot: Discord rejected DISCORD_TOKEN (check it in the Developer Portal)"
    )
    assert FAKE_TOKEN not in stderr.decode()


async def test_at_debug_level_no_interaction_token_is_logged(discord_server, tmp_path):
    process = await start(discord_server, tmp_path, "run", LOG_LEVEL="DEBUG")
    await asyncio.wait_for(discord_server.identified.wait(), 30)
    interaction = discord_server.slash("ask", question="how old is he?")
    await discord_server.dispatch("INTERACTION_CREATE", interaction)
    await discord_server.wait_for_request("GET", "/messages/@original")
    process.terminate()
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert f"/interactions/{interaction['id']}/[redacted]/callback" in log
    assert interaction["token"] not in log
    assert FAKE_TOKEN not in log


async def test_a_qa_channel_deleted_while_the_bot_was_offline_is_dropped_on_start(
    discord_server, tmp_path
):
    store = await Store.in_folder(tmp_path / "data")
    await store.add_qa_channel(GUILD_ID, CHANNEL_ID)
    await store.add_qa_channel(GUILD_ID, CHANNEL_ID + 99)  # deleted while the bot was away
    await store.close()

    def qa_channels() -> list[int]:
        with contextlib.closing(sqlite3.connect(tmp_path / "data" / DB_NAME)) as database:
            return [row[0] for row in database.execute("SELECT channel_id FROM qa_channels")]

    process = await start(discord_server, tmp_path, "run")
    try:
        await asyncio.wait_for(until(lambda: qa_channels() == [CHANNEL_ID]), 30)
    finally:
        process.terminate()
        await process.communicate()


async def test_the_data_folder_and_database_are_private_to_the_bots_user(running_bot, tmp_path):
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / DB_NAME).stat().st_mode) == 0o600


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_closes_the_gateway_and_exits_0(discord_server, tmp_path, signum):
    process = await start(discord_server, tmp_path, "run")
    await asyncio.wait_for(discord_server.identified.wait(), 30)
    process.send_signal(signum)
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    assert discord_server.disconnected.is_set()
    # A close frame sent by the bot, not a dropped connection (1006) as after a kill.
    assert discord_server.close_code not in (None, 1006)
    log = stderr.decode()
    assert f"{signum.name} received: stopping" in log
    assert "Traceback" not in log
    assert log.rstrip().endswith("Stopped.")
