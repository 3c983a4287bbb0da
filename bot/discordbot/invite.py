"""`thorup-bot invite`: the OAuth2 link that adds the bot to a server with exactly what it needs."""

from __future__ import annotations

import asyncio
import base64
import binascii
from dataclasses import dataclass
from typing import TextIO

import aiohttp
import discord

from bot.settings import Secret, Settings

SCOPES = ("bot", "applications.commands")
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Needed:
    """A permission the bot asks for, and which features need it."""

    flag: str
    name: str
    why: str


NEEDED = (
    Needed("view_channel", "View Channels", "see Q&A channels, mentions and the reminder channel"),
    Needed("send_messages", "Send Messages", "answers in chat and the birthday reminders"),
    Needed(
        "send_messages_in_threads", "Send Messages in Threads", "answers to mentions in threads"
    ),
    Needed("embed_links", "Embed Links", "every answer, card and reminder is an embed"),
    Needed("attach_files", "Attach Files", "the /timeline picture"),
    Needed(
        "read_message_history",
        "Read Message History",
        "answering as a reply; finding its own reminder post after a crash",
    ),
)


def invite_permissions() -> discord.Permissions:
    return discord.Permissions(**{needed.flag: True for needed in NEEDED})


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=invite_permissions(), scopes=SCOPES)


def application_id_from_token(token: Secret) -> int | None:
    """A bot token's first part is its user id in base64, which is the application's id."""
    first = token.reveal().split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if decoded.isdigit() else None


async def _application_id_from_api(token: Secret) -> int:
    async with discord.Client(intents=discord.Intents.none()) as client:
        await client.login(token.reveal())
        return (await client.application_info()).id


def print_invite(settings: Settings, stdout: TextIO, stderr: TextIO) -> int:
    """Print the link and what each permission is for; the application id comes from the token,
    or from Discord when the token does not carry it."""
    token = settings.require_token()
    application_id = application_id_from_token(token)
    if application_id is None:
        try:
            application_id = asyncio.run(_application_id_from_api(token))
        except discord.LoginFailure:
            stderr.write(
                "thorup-bot: Discord rejected DISCORD_TOKEN (check it in the Developer Portal)\n"
            )
            return EXIT_BAD_INPUT
        except (aiohttp.ClientError, OSError, discord.HTTPException) as exc:
            stderr.write(f"thorup-bot: cannot ask Discord for the application id: {exc}\n")
            return 1
    stdout.write(invite_url(application_id) + "\n\n")
    stdout.write(f"Scopes: {' '.join(SCOPES)}. Permissions, and what needs them:\n")
    width = max(len(needed.name) for needed in NEEDED)
    for needed in NEEDED:
        stdout.write(f"  {needed.name:<{width}}  {needed.why}\n")
    return 0
