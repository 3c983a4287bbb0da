"""Starting the bot, and registering its slash commands with Discord (never on every start)."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path
from typing import TextIO

import discord

from bot.background import spawn
from bot.discordbot.client import ThorupBot
from bot.engine.answers import AnswerEngine
from bot.engine.facts import load_fact_base
from bot.secrets_filter import redact_root_handlers
from bot.settings import Settings, log_level
from bot.store import Store, open_store

log = logging.getLogger(__name__)

EXIT_BAD_INPUT = 2


def _engine(facts_dir: Path | None) -> AnswerEngine:
    # The bot never joins voice: discord.py's warnings about missing voice libraries are noise.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    return AnswerEngine(load_fact_base(facts_dir))


def _bot(settings: Settings, engine: AnswerEngine, store: Store) -> ThorupBot:
    return ThorupBot(settings, engine, store, clock=discord.utils.utcnow)


def run_bot(settings: Settings, facts_dir: Path | None, stderr: TextIO) -> int:
    """Run until interrupted; a rejected token, a missing intent or a database that cannot be
    used is one line and exit code 2."""
    token = settings.require_token()
    discord.utils.setup_logging(level=log_level(settings))
    redact_root_handlers()
    engine = _engine(facts_dir)

    async def main() -> None:
        store = await open_store(settings)
        try:
            async with _bot(settings, engine, store) as bot:
                _stop_on_signals(bot)
                await bot.start(token.reveal())
        finally:
            await store.close()

    try:
        asyncio.run(main())
    except discord.LoginFailure:
        stderr.write(
            "thorup-bot: Discord rejected DISCORD_TOKEN (check it in the Developer Portal)\n"
        )
        return EXIT_BAD_INPUT
    except discord.PrivilegedIntentsRequired:
        stderr.write(
            "thorup-bot: the Message Content Intent is not enabled for this bot in the Discord "
            "Developer Portal; enable it, or set DISCORD_MESSAGE_CONTENT=false (Q&A channels "
            "then need a mention)\n"
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        pass  # Ctrl-C before the signal handlers were in place: nothing was under way
    log.info("Stopped.")
    return 0


def _stop_on_signals(bot: discord.Client) -> None:
    """SIGTERM (systemd, docker stop) and SIGINT (Ctrl-C) close the bot cleanly: discord.py's
    Bot.close unloads the cogs first (so no new work is taken and the reminder scheduler
    finishes or releases the post under way), then closes the gateway; `start` then returns."""
    loop = asyncio.get_running_loop()
    closing: list[asyncio.Task[None]] = []

    def stop(name: str) -> None:
        if closing:
            return
        log.info("%s received: stopping", name)
        closing.append(spawn(bot.close(), name="shutdown"))

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop, signum.name)


def sync_commands(
    settings: Settings, facts_dir: Path | None, guild_id: int | None, stdout: TextIO, stderr: TextIO
) -> int:
    """Register the slash commands globally, or to one server, and print what was registered."""
    token = settings.require_token()
    discord.utils.setup_logging(level=log_level(settings))
    redact_root_handlers()
    engine = _engine(facts_dir)

    async def main() -> list[discord.app_commands.AppCommand]:
        store = await open_store(settings)
        try:
            async with _bot(settings, engine, store) as bot:
                await bot.login(token.reveal())
                guild = discord.Object(id=guild_id) if guild_id else None
                if guild is not None:
                    bot.tree.copy_global_to(guild=guild)
                return await bot.tree.sync(guild=guild)
        finally:
            await store.close()

    try:
        registered = asyncio.run(main())
    except discord.LoginFailure:
        stderr.write(
            "thorup-bot: Discord rejected DISCORD_TOKEN (check it in the Developer Portal)\n"
        )
        return EXIT_BAD_INPUT
    except discord.HTTPException as exc:
        stderr.write(f"thorup-bot: Discord refused the commands: {exc.status} {exc.text}\n")
        return 1
    where = f"server {guild_id}" if guild_id else "all servers (global; may take up to an hour)"
    stdout.write(f"Registered {len(registered)} command(s) for {where}:\n")
    for command in registered:
        stdout.write(f"  /{command.name} – {command.description}\n")
    return 0
