"""`thorup-bot doctor` against the loopback fake Discord: every check passes on a healthy set-up,
and each failure, made to happen, is one ❌ line with its fix and a non-zero exit code."""

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from bot.engine.reminder_occurrences import ReminderConfig
from bot.store import Store
from tests.fake_discord.server import APP_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.test_end_to_end import start

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)
EMBED_LINKS = 0x4000
GONE_CHANNEL = 900000000000000999


def _configure_servers(data_dir: Path, reminder_channel: int) -> None:
    """A Q&A channel and a reminder channel, as the slash commands would have stored them."""

    async def configure() -> None:
        store = await Store.in_folder(data_dir)
        await store.add_qa_channel(GUILD_ID, CHANNEL_ID)
        await store.save_reminder_config(
            ReminderConfig(
                GUILD_ID, channel_id=reminder_channel, enabled=True, timezone="Europe/Copenhagen"
            ),
            NOW,
        )
        await store.close()

    asyncio.run(configure())


def doctor(
    tmp_path: Path,
    set_up: Callable[[FakeDiscord], None] = lambda server: None,
    *,
    sync: bool = False,
    after_sync: Callable[[FakeDiscord], None] = lambda server: None,
    **settings: str,
) -> tuple[int, list[str]]:
    """Run `thorup-bot doctor` (after `thorup-bot sync` if asked) against a fresh fake Discord."""

    async def scenario() -> tuple[int, list[str]]:
        server = FakeDiscord()
        set_up(server)
        await server.start()
        try:
            if sync:
                process = await start(server, tmp_path, "sync")
                await asyncio.wait_for(process.communicate(), 60)
                after_sync(server)
            process = await start(server, tmp_path, "doctor", **settings)
            stdout, _ = await asyncio.wait_for(process.communicate(), 60)
            return process.returncode or 0, stdout.decode().splitlines()
        finally:
            await server.stop()

    return asyncio.run(scenario())


def failures(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("❌")]


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("healthy")
    _configure_servers(tmp_path / "data", reminder_channel=CHANNEL_ID)
    return doctor(tmp_path, sync=True)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Intent off, /ask changed since the last sync, never synced to the test server, no Embed
    Links for the bot, and a reminder channel that was deleted."""
    tmp_path = tmp_path_factory.mktemp("broken")
    _configure_servers(tmp_path / "data", reminder_channel=GONE_CHANNEL)

    def set_up(server: FakeDiscord) -> None:
        server.message_content_intent = False
        server.everyone_permissions &= ~EMBED_LINKS

    def drift(server: FakeDiscord) -> None:
        [registered] = server.commands.values()
        ask = next(command for command in registered if command["name"] == "ask")
        ask["description"] = "an older description"

    return doctor(tmp_path, set_up, sync=True, after_sync=drift, DISCORD_GUILD_ID=str(GUILD_ID))


def test_a_healthy_set_up_passes_every_check_with_exit_code_0(healthy):
    code, lines = healthy
    assert code == 0
    assert failures(lines) == []
    assert lines[-1] == f"All {len(lines) - 1} checks passed."


def test_each_check_is_one_line(healthy):
    _, lines = healthy
    assert lines[:3] == [
        "✅ DISCORD_TOKEN is well-formed",
        "✅ Discord accepted the token",
        "✅ Message Content intent is enabled for the application",
    ]
    assert any(line.startswith("✅") and "registered globally" in line for line in lines)
    assert "✅ Thorup Fans: Q&A channel #snak: permissions complete" in lines
    assert "✅ Thorup Fans: reminder channel #snak: permissions complete" in lines
    assert any(line.startswith("✅ the database in") for line in lines)
    assert "✅ the fact base passes facts check" in lines


def test_a_problem_gives_a_non_zero_exit_code_and_a_count(broken):
    code, lines = broken
    assert code == 1
    assert lines[-1] == f"{len(failures(lines))} of {len(lines) - 1} checks failed."


def test_the_message_content_intent_switched_off_is_reported_with_the_fix(broken):
    assert any(
        "Message Content intent is not enabled" in line
        and "Message Content Intent" in line
        and "DISCORD_MESSAGE_CONTENT=false" in line
        for line in failures(broken[1])
    )


def test_commands_changed_since_the_last_sync_are_reported(broken):
    assert any(
        "global slash commands out of date: /ask differs" in line
        and line.endswith("→ run thorup-bot sync")
        for line in failures(broken[1])
    )


def test_commands_missing_in_the_test_server_are_reported(broken):
    assert any(
        f"slash commands in server {GUILD_ID} out of date: none registered" in line
        and line.endswith(f"→ run thorup-bot sync --guild {GUILD_ID}")
        for line in failures(broken[1])
    )


def test_a_missing_permission_in_a_qa_channel_is_reported(broken):
    assert (
        "❌ Thorup Fans: Q&A channel #snak: missing Embed Links → grant them to the bot's role "
        "in the channel's permissions"
    ) in broken[1]


def test_a_deleted_reminder_channel_is_reported(broken):
    assert any(
        f"reminder channel #{GONE_CHANNEL} no longer exists" in line
        and "/reminders channel" in line
        for line in failures(broken[1])
    )


def test_a_rejected_token_is_reported_and_the_local_checks_still_run(tmp_path):
    def reject(server: FakeDiscord) -> None:
        server.reject_token = True

    code, lines = doctor(tmp_path, reject)
    assert code == 1
    assert lines[1].startswith("❌ Discord rejected DISCORD_TOKEN → copy a new token")
    assert "✅ the fact base passes facts check" in lines


def test_a_server_without_qa_or_reminder_channels_has_nothing_to_check(tmp_path):
    _, lines = doctor(tmp_path)
    assert "✅ Thorup Fans: no Q&A or reminder channel set up" in lines


def test_a_database_that_cannot_be_opened_is_reported_and_doctor_carries_on(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be", encoding="utf-8")
    code, lines = doctor(tmp_path)
    assert code == 1
    assert any(
        line.startswith("❌ the database in") and "cannot be opened" in line for line in lines
    )
    assert "✅ the fact base passes facts check" in lines


def test_a_bot_in_no_server_is_told_its_invite_link(tmp_path):
    def no_server(server: FakeDiscord) -> None:
        server.in_guild = False

    _, lines = doctor(tmp_path, no_server)
    assert any(
        line.startswith("❌ the bot is in no server → add it with https://discord.com/oauth2/")
        and f"client_id={APP_ID}" in line
        for line in lines
    )


@pytest.fixture
def local_only(monkeypatch, tmp_path):
    """A malformed token, so no Discord at all: the database and fact base checks still run."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-token")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_a_malformed_token_is_reported_without_asking_discord(local_only, capsys):
    assert main(["doctor"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("❌ DISCORD_TOKEN is malformed")


def test_a_database_whose_tables_cannot_be_migrated_is_reported(local_only, capsys):
    (local_only / "data").mkdir()
    odd = sqlite3.connect(local_only / "data" / "thorup-bot.sqlite3")
    odd.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY, question TEXT NOT NULL)")
    odd.close()
    main(["doctor"])
    assert any(
        line.startswith("❌ the database in")
        and "cannot be opened" in line
        and "no such column: answered" in line
        for line in capsys.readouterr().out.splitlines()
    )


def test_a_broken_fact_base_is_reported(local_only, facts_copy, capsys):
    (facts_copy / "subject.yaml").write_text("name: [", encoding="utf-8")
    main(["doctor", "--facts", str(facts_copy)])
    assert any(
        line.startswith("❌ the fact base has 1 problem(s), first: ")
        and line.endswith("→ run thorup-bot facts check")
        for line in capsys.readouterr().out.splitlines()
    )
