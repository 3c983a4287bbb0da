"""A small Discord on loopback: REST under /api/v10 and a gateway websocket, for end-to-end tests.

It knows one bot, one guild with one text channel and one member, and answers just the routes
the bot uses. Tests inject gateway events (`dispatch`) and read what the bot sent (`requests`).
A bot that identifies with a shard (`[shard_id, shard_count]`) is sharded as Discord does it:
a second guild (`OTHER_GUILD_ID`, on the other shard of two) appears, each connection gets the
guilds of its shard, and an event goes to every connection of its guild's shard.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_ID = 900000000000000001
APP_ID = BOT_ID
GUILD_ID = 900000000000000100
CHANNEL_ID = 900000000000000200
FAN_ID = 900000000000000300
# On shard 0 of 2, where GUILD_ID is on shard 1: shard = (guild_id >> 22) % shard_count.
OTHER_GUILD_ID = GUILD_ID + (1 << 22)
OTHER_CHANNEL_ID = CHANNEL_ID + 1
TIMESTAMP = "2026-11-24T12:00:00+00:00"


def user(user_id: int, name: str, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "ThorupBot", bot=True)
FAN_USER = user(FAN_ID, "fan")


def member(user_data: dict[str, Any]) -> dict[str, Any]:
    return {
        "user": user_data,
        "roles": [],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
    }


EVERYONE_PERMISSIONS = 0x400 | 0x800 | 0x4000 | 0x10000  # view, send, embed, history


def guild_payload(
    guild_id: int = GUILD_ID,
    channel_id: int = CHANNEL_ID,
    everyone_permissions: int = EVERYONE_PERMISSIONS,
) -> dict[str, Any]:
    everyone = {
        "id": str(guild_id),
        "name": "@everyone",
        "permissions": str(everyone_permissions),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
    }
    return {
        "id": str(guild_id),
        "name": "Thorup Fans",
        "owner_id": str(FAN_ID),
        "preferred_locale": "da",
        "features": [],
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "channels": [
            {
                "id": str(channel_id),
                "type": 0,
                "guild_id": str(guild_id),
                "name": "snak",
                "position": 0,
                "permission_overwrites": [],
            }
        ],
        "members": [member(BOT_USER), member(FAN_USER)],
        "member_count": 2,
        "threads": [],
        "voice_states": [],
        "presences": [],
        "large": False,
        "unavailable": False,
        "joined_at": TIMESTAMP,
        "premium_tier": 0,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "system_channel_flags": 0,
    }


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py reads a body as JSON only when the content type is exactly application/json.
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


async def until(condition: Callable[[], object]) -> None:
    """Return once `condition()` holds; the caller bounds the wait (asyncio.wait_for)."""
    while not condition():
        await asyncio.sleep(0.02)


@dataclass
class Request:
    method: str
    path: str
    json: Any


@dataclass
class FakeDiscord:
    """The server's state; `start()` binds it to a free loopback port."""

    requests: list[Request] = field(default_factory=list)
    messages: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    # Set when the bot closes its gateway connection, with the close code it sent.
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)
    close_code: int | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    # The shard each connection identified with, (shard_id, shard_count); absent: unsharded.
    shards: dict[web.WebSocketResponse, tuple[int, int]] = field(default_factory=dict)
    identifications: int = 0
    _ids: itertools.count = field(default_factory=lambda: itertools.count(910000000000000000))
    _sequence: itertools.count = field(default_factory=lambda: itertools.count(1))
    _originals: dict[str, dict[str, Any]] = field(default_factory=dict)
    _runner: web.AppRunner | None = None
    url: str = ""
    reject_token: bool = False
    # False: the bot has been added to no server yet.
    in_guild: bool = True
    # What the server's @everyone role (the bot's only role) may do.
    everyone_permissions: int = EVERYONE_PERMISSIONS
    # Whether "Message Content Intent" is switched on in the Developer Portal.
    message_content_intent: bool = True
    # Registered slash commands by path (global or per guild), as Discord stores them.
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # How many of the next messages are made but answered with a 503, as when Discord's answer
    # is lost on the way back: the bot cannot tell that its message was posted.
    answers_lost: int = 0
    # Messages by nonce: a post with `enforce_nonce` and a nonce seen before gets the message
    # made then, and no new one (Discord does this for a few minutes).
    _by_nonce: dict[str, dict[str, Any]] = field(default_factory=dict)
    _stopping: bool = False

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        self._stopping = True
        for socket in self._sockets:
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def gateway_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/gateway"

    def next_id(self) -> int:
        return next(self._ids)

    # The gateway: HELLO, then READY and the guild after IDENTIFY; heartbeats acknowledged.
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload["op"] == 1:
                await socket.send_json({"op": 11})
            elif payload["op"] == 2:
                shard = payload["d"].get("shard")
                if shard:
                    self.shards[socket] = (shard[0], shard[1])
                guilds = self._guilds_of(socket)
                await self._send(socket, "READY", self._ready(guilds, shard))
                for guild_id, channel_id in guilds:
                    await self._send(
                        socket,
                        "GUILD_CREATE",
                        guild_payload(guild_id, channel_id, self.everyone_permissions),
                    )
                self.identifications += 1
                self.identified.set()
        if not self._stopping:
            self.close_code = socket.close_code
            self.disconnected.set()
        return socket

    def _guilds_of(self, socket: web.WebSocketResponse) -> list[tuple[int, int]]:
        if not self.in_guild:
            return []
        if socket not in self.shards:
            return [(GUILD_ID, CHANNEL_ID)]
        return [
            (guild_id, channel_id)
            for guild_id, channel_id in ((GUILD_ID, CHANNEL_ID), (OTHER_GUILD_ID, OTHER_CHANNEL_ID))
            if self._on_shard(socket, guild_id)
        ]

    def _on_shard(self, socket: web.WebSocketResponse, guild_id: int) -> bool:
        if socket not in self.shards:
            return True
        shard_id, shard_count = self.shards[socket]
        return (guild_id >> 22) % shard_count == shard_id

    def _ready(self, guilds: list[tuple[int, int]], shard: list[int] | None) -> dict[str, Any]:
        return {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id, _ in guilds],
            **({"shard": shard} if shard else {}),
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
        }

    async def _send(self, socket: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        await socket.send_json({"op": 0, "t": event, "s": next(self._sequence), "d": data})

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        guild_id = int(data.get("guild_id") or GUILD_ID)
        for socket in self._sockets:
            if not socket.closed and self._on_shard(socket, guild_id):
                await self._send(socket, event, data)

    async def wait_for_request(self, method: str, suffix: str, timeout: float = 20) -> Request:
        """The first request (already made or still to come) whose path ends with `suffix`."""

        async def poll() -> Request:
            while True:
                for request in self.requests:
                    if request.method == method and request.path.endswith(suffix):
                        return request
                await asyncio.sleep(0.02)

        return await asyncio.wait_for(poll(), timeout)

    def posts(self, channel_id: int) -> int:
        """How many times the bot has posted a message to the channel, retries included."""
        path = f"/channels/{channel_id}/messages"
        return sum(1 for r in self.requests if r.method == "POST" and r.path == path)

    # REST: just what the bot calls.
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body = await request.json() if request.can_read_body else None
        self.requests.append(Request(request.method, path, body))
        parts = path.strip("/").split("/")
        if self.reject_token:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        if path == "/users/@me":
            return _json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return _json(self._application())
        if path in ("/gateway", "/gateway/bot"):
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 1000,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if parts[0] == "applications" and parts[-1] == "commands" and request.method == "PUT":
            self.commands[path] = [self._command(c, parts) for c in body]
            return _json(self.commands[path])
        if parts[0] == "applications" and parts[-1] == "commands":
            return _json(self.commands.get(path, []))
        if path == "/users/@me/guilds":
            return _json([self._partial_guild()] if self.in_guild else [])
        if parts[0] == "guilds" and self.in_guild:
            guild = guild_payload(everyone_permissions=self.everyone_permissions)
            if len(parts) == 2:
                return _json(guild)
            if parts[2] == "channels":
                return _json([{**c, "guild_id": str(GUILD_ID)} for c in guild["channels"]])
            if parts[2] == "members" and parts[3] == str(BOT_ID):
                return _json(member(BOT_USER))
        if parts[0] == "channels" and parts[-1] == "messages" and request.method == "POST":
            return self._post_message(int(parts[1]), body)
        if parts[0] == "channels" and parts[-1] == "messages":
            return _json(list(reversed(self.messages.get(int(parts[1]), []))))
        if parts[0] == "interactions" and parts[-1] == "callback":
            return _json(self._interaction_callback(int(parts[1]), body))
        if parts[0] == "webhooks" and parts[-1] == "@original":
            return _json(self._original(parts[2]))
        return _json({"message": f"fake Discord has no {path}", "code": 0}, status=404)

    def _partial_guild(self) -> dict[str, Any]:
        return {
            "id": str(GUILD_ID),
            "name": "Thorup Fans",
            "icon": None,
            "owner": False,
            "permissions": str(self.everyone_permissions),
            "features": [],
        }

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "ThorupBot",
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "owner": FAN_USER,
            "flags": 1 << 18 if self.message_content_intent else 0,
        }

    def _command(self, command: dict[str, Any], parts: list[str]) -> dict[str, Any]:
        registered = {"id": str(self.next_id()), "application_id": str(APP_ID), "version": "1"}
        if "guilds" in parts:
            registered["guild_id"] = parts[parts.index("guilds") + 1]
        return {**command, **registered, "type": command.get("type", 1)}

    def _post_message(self, channel_id: int, body: dict[str, Any]) -> web.Response:
        nonce = body.get("nonce") if body.get("enforce_nonce") else None
        message = self._by_nonce.get(nonce) if nonce else None
        if message is None:
            message = self._store_message(channel_id, body)
            if nonce:
                self._by_nonce[nonce] = message
        if self.answers_lost:
            self.answers_lost -= 1
            return _json({"message": "503: Service Unavailable", "code": 0}, status=503)
        return _json(message)

    def _store_message(self, channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
        message = {
            "id": str(self.next_id()),
            "channel_id": str(channel_id),
            "guild_id": str(OTHER_GUILD_ID if channel_id == OTHER_CHANNEL_ID else GUILD_ID),
            "author": BOT_USER,
            "content": body.get("content") or "",
            "nonce": body.get("nonce"),
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 19 if body.get("message_reference") else 0,
            "flags": body.get("flags", 0),
        }
        self.messages.setdefault(channel_id, []).append(message)
        return message

    def _interaction_callback(self, interaction_id: int, body: dict[str, Any]) -> dict[str, Any]:
        message = self._store_message(CHANNEL_ID, body.get("data") or {})
        self._originals[str(interaction_id)] = message
        return {
            "interaction": {
                "id": str(interaction_id),
                "type": 2,
                "response_message_id": message["id"],
                "response_message_loading": False,
                "response_message_ephemeral": bool(message["flags"] & 64),
            },
            "resource": {"type": body.get("type", 4), "message": message},
        }

    def _original(self, token: str) -> dict[str, Any]:
        interaction_id = token.removeprefix("token-")
        return self._originals[interaction_id]

    # Events a test can inject, shaped as Discord sends them.
    def mention(
        self, content: str, guild_id: int = GUILD_ID, channel_id: int = CHANNEL_ID
    ) -> dict[str, Any]:
        return {
            "id": str(self.next_id()),
            "channel_id": str(channel_id),
            "guild_id": str(guild_id),
            "author": FAN_USER,
            "member": {
                "roles": [],
                "joined_at": TIMESTAMP,
                "deaf": False,
                "mute": False,
                "flags": 0,
            },
            "content": f"<@{BOT_ID}> {content}",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [BOT_USER],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
        }

    def slash(self, name: str, **options: str) -> dict[str, Any]:
        interaction_id = self.next_id()
        return {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": 2,
            "token": f"token-{interaction_id}",
            "version": 1,
            "data": {
                "id": str(self.next_id()),
                "name": name,
                "type": 1,
                "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
            },
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(GUILD_ID),
                "name": "snak",
            },
            "member": {**member(FAN_USER), "permissions": "0"},
            "locale": "da",
            "guild_locale": "da",
            "app_permissions": str(0x400 | 0x800 | 0x4000 | 0x10000),
            "entitlements": [],
            "authorizing_integration_owners": {},
            "context": 0,
            "attachment_size_limit": 26214400,
        }
