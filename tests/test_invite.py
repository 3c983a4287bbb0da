"""`thorup-bot invite`: the OAuth2 link with the scopes and exactly the permissions the features
need; the same link in the log when the bot starts in no server."""

import asyncio
import base64
import urllib.parse

import discord
import pytest

from bot.cli import main
from bot.discordbot.invite import NEEDED
from tests.fake_discord import FAKE_TOKEN
from tests.fake_discord.server import APP_ID
from tests.test_end_to_end import start

# The fake token's first part is "100000000000000001" in base64: the application id.
TOKEN_APP_ID = "100000000000000001"


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No .env of the developer's, and the fake token in the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)


def _query(out: str) -> dict[str, list[str]]:
    url = out.splitlines()[0]
    assert url.startswith("https://discord.com/oauth2/authorize?")
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)


def test_invite_takes_the_application_id_from_the_token(offline, capsys):
    assert main(["invite"]) == 0
    assert _query(capsys.readouterr().out)["client_id"] == [TOKEN_APP_ID]


def test_invite_asks_for_the_bot_and_slash_command_scopes(offline, capsys):
    main(["invite"])
    assert _query(capsys.readouterr().out)["scope"] == ["bot applications.commands"]


def test_invite_asks_for_exactly_the_listed_permissions(offline, capsys):
    main(["invite"])
    out = capsys.readouterr().out
    granted = discord.Permissions(int(_query(out)["permissions"][0]))
    assert granted == discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        attach_files=True,
        read_message_history=True,
    )
    assert all(needed.name in out for needed in NEEDED)
    assert not granted.administrator
    assert not granted.mention_everyone


def test_invite_says_which_feature_needs_which_permission(offline, capsys):
    main(["invite"])
    out = capsys.readouterr().out
    assert "Embed Links" in out
    assert "the /timeline picture" in out
    assert "reminder" in out


def test_invite_without_a_token_is_one_line_and_exit_code_2(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["invite"]) == 2
    assert capsys.readouterr().err.strip() == (
        "thorup-bot: DISCORD_TOKEN is not set (see .env.example)"
    )


async def test_invite_asks_discord_when_the_token_does_not_carry_the_id(discord_server, tmp_path):
    first = base64.urlsafe_b64encode(b"not-an-application-id").decode().rstrip("=")
    token = f"{first}.GfAkEo.fake-token-for-loopback-tests-only"
    process = await start(discord_server, tmp_path, "invite", token=token)
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    assert _query(stdout.decode())["client_id"] == [str(APP_ID)]


async def test_a_bot_in_no_server_logs_its_invite_link_at_start(discord_server, tmp_path):
    discord_server.in_guild = False
    process = await start(discord_server, tmp_path, "run")
    try:
        line = b""
        while b"oauth2/authorize" not in line:
            line = await asyncio.wait_for(process.stderr.readline(), 30)
            assert line, "the bot stopped without logging an invite link"
        assert f"client_id={APP_ID}".encode() in line
    finally:
        process.terminate()
        await process.communicate()
