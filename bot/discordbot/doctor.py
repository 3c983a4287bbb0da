"""`thorup-bot doctor`: why the bot might be silent, one line per check with ✅/❌ and the fix.

It checks what a server admin cannot see from Discord: the token, the Message Content intent,
whether the registered slash commands are today's, the bot's permissions in each Q&A and reminder
channel, the database and the fact base. Exit code 0 only when every check passes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import aiohttp
import asyncpg
import discord

from bot.database import Location, StoreError
from bot.discordbot.admin import missing_permissions, permission_names
from bot.discordbot.client import ThorupBot
from bot.discordbot.invite import invite_url
from bot.engine.answers import AnswerEngine
from bot.engine.checks import loaded_fact_base_problems
from bot.engine.facts import FactBaseError, load_fact_base
from bot.engine.matcher import Matcher
from bot.engine.yamlfile import Problem
from bot.settings import Settings, SettingsError
from bot.store import Store, location_for

Report = Callable[["Check"], None]
EXIT_PROBLEMS = 1
REJECTED = "Discord rejected DISCORD_TOKEN"
PORTAL = "https://discord.com/developers/applications"


@dataclass(frozen=True)
class Check:
    ok: bool
    what: str
    fix: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"✅ {self.what}"
        return f"❌ {self.what} → {self.fix}"


def run_doctor(settings: Settings, facts_dir: Path | None, stdout: TextIO) -> int:
    checks: list[Check] = []

    def report(check: Check) -> None:
        checks.append(check)
        stdout.write(f"{check}\n")
        stdout.flush()

    engine, problems = _load_fact_base(facts_dir)
    try:
        token = settings.require_token()
    except SettingsError as exc:
        report(Check(False, str(exc), f"copy the bot's token from {PORTAL} (Bot > Reset Token)"))
    else:
        report(Check(True, "DISCORD_TOKEN is well-formed"))
        asyncio.run(_discord_checks(settings, engine, token.reveal(), report))
    report(asyncio.run(_database(location_for(settings))))
    report(_fact_base(problems))
    failed = sum(not check.ok for check in checks)
    if failed:
        stdout.write(f"{failed} of {len(checks)} checks failed.\n")
        return EXIT_PROBLEMS
    stdout.write(f"All {len(checks)} checks passed.\n")
    return 0


def _load_fact_base(facts_dir: Path | None) -> tuple[AnswerEngine | None, list[Problem]]:
    """The engine (None if the fact base does not load) and what `facts check` finds, from one
    load and one index."""
    try:
        facts = load_fact_base(facts_dir)
    except FactBaseError as exc:
        return None, exc.problems
    matcher = Matcher(facts)
    return AnswerEngine(facts, matcher=matcher), loaded_fact_base_problems(facts, matcher)


async def _discord_checks(
    settings: Settings, engine: AnswerEngine | None, token: str, report: Report
) -> None:
    # The commands are compared, not run: a throwaway store keeps the real one untouched.
    with tempfile.TemporaryDirectory(prefix="thorup-doctor-") as scratch:
        store = await Store.in_folder(Path(scratch))
        try:
            await _check_discord(settings, engine, store, token, report)
        finally:
            await store.close()


async def _check_discord(
    settings: Settings, engine: AnswerEngine | None, store: Store, token: str, report: Report
) -> None:
    intents = discord.Intents.none()
    client: discord.Client = (
        ThorupBot(settings, engine, store, clock=discord.utils.utcnow)
        if engine is not None
        else discord.Client(intents=intents)
    )
    try:
        async with client:
            try:
                await client.login(token)
            except discord.LoginFailure:
                report(
                    Check(False, REJECTED, f"copy a new token from {PORTAL} (Bot > Reset Token)")
                )
                return
            report(Check(True, "Discord accepted the token"))
            application = await client.application_info()
            report(_message_content(settings, application))
            await _commands(client, application.id, settings.guild_id, engine is not None, report)
            await _servers(client, application.id, settings, report)
    except (aiohttp.ClientError, OSError) as exc:
        report(Check(False, f"Discord cannot be reached ({exc})", "check the network"))
    except discord.HTTPException as exc:
        report(Check(False, f"Discord refused a request ({exc.status} {exc.text})", "try again"))


def _message_content(settings: Settings, application: discord.AppInfo) -> Check:
    flags = application.flags
    enabled = flags.gateway_message_content or flags.gateway_message_content_limited
    if not settings.message_content:
        return Check(
            True,
            "Message Content intent not requested (DISCORD_MESSAGE_CONTENT=false): "
            "Q&A channels answer mentions only",
        )
    if enabled:
        return Check(True, "Message Content intent is enabled for the application")
    return Check(
        False,
        "Message Content intent is not enabled: the bot cannot read Q&A channels",
        f"switch on Bot > Privileged Gateway Intents > Message Content Intent in {PORTAL}, "
        "or set DISCORD_MESSAGE_CONTENT=false",
    )


def _option_shape(option: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": option["name"],
        "type": option.get("type"),
        "description": option.get("description", ""),
        "required": bool(option.get("required", False)),
        "choices": [(c["name"], c["value"]) for c in option.get("choices") or []],
        "options": [_option_shape(o) for o in option.get("options") or []],
    }


def command_shape(command: dict[str, Any]) -> dict[str, Any]:
    """What matters when comparing a registered command with ours: Discord adds ids, versions
    and, unless asked, leaves out the localisations."""
    return {
        **_option_shape(command),
        "type": command.get("type", 1),
        "default_member_permissions": command.get("default_member_permissions"),
    }


def _differences(local: list[dict[str, Any]], remote: list[dict[str, Any]]) -> list[str]:
    if not remote:
        return ["none registered"]
    ours = {c["name"]: command_shape(c) for c in local}
    theirs = {c["name"]: command_shape(c) for c in remote}
    missing = sorted(ours.keys() - theirs.keys())
    extra = sorted(theirs.keys() - ours.keys())
    changed = sorted(n for n in ours.keys() & theirs.keys() if ours[n] != theirs[n])
    return (
        [f"missing /{n}" for n in missing]
        + [f"/{n} is not ours" for n in extra]
        + [f"/{n} differs" for n in changed]
    )


async def _commands(
    client: discord.Client,
    application_id: int,
    guild_id: int | None,
    have_local: bool,
    report: Report,
) -> None:
    if not have_local:
        report(
            Check(
                False,
                "slash commands not compared: the fact base does not load",
                "fix the fact base (below), then run thorup-bot sync",
            )
        )
        return
    tree = client.tree  # type: ignore[attr-defined]
    translator = tree.translator
    local = [await c.get_translated_payload(tree, translator) for c in tree.get_commands()]
    remote = await client.http.get_global_commands(application_id)
    problems = _differences(local, [dict(command) for command in remote])
    if not problems:
        report(Check(True, f"{len(local)} slash commands registered globally, as ours"))
    elif guild_id is not None and not remote:
        report(Check(True, "no global slash commands; they are registered per server (below)"))
    else:
        report(
            Check(
                False,
                f"global slash commands out of date: {', '.join(problems)}",
                "run thorup-bot sync",
            )
        )
    if guild_id is None:
        return
    remote = await client.http.get_guild_commands(application_id, guild_id)
    problems = _differences(local, [dict(command) for command in remote])
    if problems:
        report(
            Check(
                False,
                f"slash commands in server {guild_id} out of date: {', '.join(problems)}",
                f"run thorup-bot sync --guild {guild_id}",
            )
        )
    else:
        report(Check(True, f"{len(local)} slash commands registered in server {guild_id}"))


async def _servers(
    client: discord.Client, application_id: int, settings: Settings, report: Report
) -> None:
    partials = [guild async for guild in client.fetch_guilds()]
    if not partials:
        report(Check(False, "the bot is in no server", f"add it with {invite_url(application_id)}"))
        return
    report(Check(True, f"the bot is in {len(partials)} server(s)"))
    try:
        wanted = await _channels_set_up(
            location_for(settings), [partial.id for partial in partials]
        )
    except (StoreError, sqlite3.Error, asyncpg.PostgresError, OSError):
        report(
            Check(
                False,
                "the Q&A and reminder channels cannot be checked without the database",
                "see the database check below",
            )
        )
        return
    for partial in partials:
        guild = await client.fetch_guild(partial.id)
        channels = {channel.id: channel for channel in await guild.fetch_channels()}
        me = await guild.fetch_member(client.user.id)  # type: ignore[union-attr]
        if not wanted[guild.id]:
            report(Check(True, f"{guild.name}: no Q&A or reminder channel set up"))
        for channel_id, role in wanted[guild.id]:
            report(_channel(guild, channels.get(channel_id), channel_id, role, me))


async def _channels_set_up(
    location: Location, guild_ids: list[int]
) -> dict[int, list[tuple[int, str]]]:
    """Per server, the channels the bot must be able to post in, and what each is for."""
    store = await Store.open(location)
    try:
        wanted: dict[int, list[tuple[int, str]]] = {}
        for guild_id in guild_ids:
            qa = await store.qa_channels(guild_id)
            wanted[guild_id] = [(channel, "Q&A channel") for channel in qa]
            reminders = await store.reminder_config(guild_id, "UTC")
            if reminders.enabled and reminders.channel_id:
                wanted[guild_id].append((reminders.channel_id, "reminder channel"))
        return wanted
    finally:
        await store.close()


def _channel(
    guild: discord.Guild,
    channel: discord.abc.GuildChannel | None,
    channel_id: int,
    role: str,
    me: discord.Member,
) -> Check:
    where = f"{guild.name}: {role} #{channel.name if channel else channel_id}"
    if channel is None:
        fix = (
            "pick another with /reminders channel"
            if role == "reminder channel"
            else "nothing to do, it is ignored"
        )
        return Check(role != "reminder channel", f"{where} no longer exists", fix)
    # Answers in Q&A channels need the same four permissions as reminder posts.
    missing = missing_permissions(channel, me)
    if missing:
        return Check(
            False,
            f"{where}: missing {permission_names(missing, 'en')}",
            "grant them to the bot's role in the channel's permissions",
        )
    return Check(True, f"{where}: permissions complete")


async def _database(location: Location) -> Check:
    try:
        store = await Store.open(location)
    except StoreError as exc:
        return Check(
            False,
            f"the database in {location} cannot be opened ({exc})",
            "check DATA_DIR or DATABASE_URL, and see `thorup-bot db status`",
        )
    try:
        await _read_everything(store)
    except (sqlite3.Error, asyncpg.PostgresError) as exc:
        return Check(
            False,
            f"the database in {location} is not of this version ({exc})",
            "restore a backup, or move it aside with `thorup-bot db repair`",
        )
    finally:
        await store.close()
    return Check(True, f"the database in {location} is reachable and current")


async def _read_everything(store: Store) -> None:
    """A read of every table through the store's own queries: a missing column shows here."""
    await store.qa_channels(0)
    for guild in await store.reminder_guilds():
        await store.reminder_config(guild, "UTC")
    await store.reminder_posts()
    await store.unanswered(1)
    await store.confirmed_questions()
    await store.last_tick()
    await store.question_for_message(0)


def _fact_base(problems: list[Problem]) -> Check:
    if problems:
        return Check(
            False,
            f"the fact base has {len(problems)} problem(s), first: {problems[0]}",
            "run thorup-bot facts check",
        )
    return Check(True, "the fact base passes facts check")
