"""Settings from the environment and an optional .env file, read once and validated."""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

# Three base64url parts separated by dots: what every Discord bot token looks like.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# Sane ranges: a Discord id fits 64 bits; more shards or a longer cooldown is a typo.
MAX_SNOWFLAKE = 2**64 - 1
MAX_SHARDS = 10_000
MAX_QUESTIONS = 1_000
MAX_COOLDOWN_SECONDS = 86_400


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and never shows a secret."""


class Secret(str):
    """A string that never shows itself in repr, logs or tracebacks' locals."""

    def __repr__(self) -> str:
        return "Secret('********')"

    def reveal(self) -> str:
        return str.__str__(self)


@dataclass(frozen=True)
class Settings:
    token: Secret | None = field(default=None, repr=False)
    guild_id: int | None = None
    data_dir: Path = Path("data")
    log_level: str = "INFO"
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    database_url: Secret | None = field(default=None, repr=False)
    database_retry_seconds: float = 60.0
    message_content: bool = True
    question_cooldown: float = 10.0
    questions_per_cooldown: int = 3

    def require_token(self) -> Secret:
        if self.token is None:
            raise SettingsError("DISCORD_TOKEN is not set (see .env.example)")
        if not _TOKEN_SHAPE.match(self.token.reveal()):
            raise SettingsError(
                "DISCORD_TOKEN is malformed: it should be three dot-separated parts"
            )
        return self.token

    def serves_guild(self, guild_id: int) -> bool:
        """Whether a server is on one of this process's shards (Discord's rule for the shard)."""
        if not self.shard_count or self.shard_ids is None:
            return True
        return (guild_id >> 22) % self.shard_count in self.shard_ids


def _shard_ids(values: Mapping[str, str | None], shard_count: int | None) -> tuple[int, ...] | None:
    """SHARD_IDS as `0-3` or `4,5,6,7` (or both mixed): this process's shards of SHARD_COUNT."""
    raw = (values.get("SHARD_IDS") or "").strip()
    if not raw:
        return None
    if not shard_count:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
    ids: set[int] = set()
    for part in raw.split(","):
        first, dash, last = part.strip().partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise SettingsError(f"SHARD_IDS must look like 0-3 or 4,5,6,7, not {raw!r}")
        ids.update(range(int(first), int(last if dash else first) + 1))
    if not ids or max(ids) >= shard_count:
        raise SettingsError(
            f"SHARD_IDS {raw!r} must be shards 0 to {shard_count - 1} (SHARD_COUNT={shard_count})"
        )
    return tuple(sorted(ids))


def _int(values: Mapping[str, str | None], name: str, minimum: int, maximum: int) -> int | None:
    raw = (values.get(name) or "").strip()
    if not raw:
        return None
    # isascii: "²" and "٣" are digits to isdigit, but not numbers anyone means here.
    if not (raw.isascii() and raw.isdigit()) or not minimum <= int(raw) <= maximum:
        raise SettingsError(
            f"{name} must be a whole number from {minimum} to {maximum}, not {raw[:40]!r}"
        )
    return int(raw)


def _seconds(values: Mapping[str, str | None], name: str, default: float) -> float:
    raw = (values.get(name) or "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    # nan and inf pass float(); a negative value would silently mean "no limit".
    if not 0 <= seconds <= MAX_COOLDOWN_SECONDS:
        raise SettingsError(
            f"{name} must be a number of seconds from 0 to {MAX_COOLDOWN_SECONDS}, not {raw[:40]!r}"
        )
    return seconds


def _bool(values: Mapping[str, str | None], name: str, default: bool) -> bool:
    raw = (values.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def load_settings(
    env_file: Path | None = Path(".env"), environ: Mapping[str, str] | None = None
) -> Settings:
    """Read settings; the environment wins over the .env file."""
    values: dict[str, str | None] = {}
    if env_file is not None and env_file.is_file():
        values.update(dotenv_values(env_file))
    values.update(os.environ if environ is None else environ)
    level = (values.get("LOG_LEVEL") or "INFO").strip().upper()
    if level not in _LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(_LEVELS)}, not {level!r}")
    token = (values.get("DISCORD_TOKEN") or "").strip()
    shard_count = _int(values, "SHARD_COUNT", 1, MAX_SHARDS)
    database_url = (values.get("DATABASE_URL") or "").strip()
    return Settings(
        token=Secret(token) if token else None,
        guild_id=_int(values, "DISCORD_GUILD_ID", 1, MAX_SNOWFLAKE),
        data_dir=Path((values.get("DATA_DIR") or "data").strip()),
        log_level=level,
        shard_count=shard_count,
        shard_ids=_shard_ids(values, shard_count),
        database_url=Secret(database_url) if database_url else None,
        database_retry_seconds=_seconds(
            values, "DATABASE_RETRY_SECONDS", Settings.database_retry_seconds
        ),
        message_content=_bool(values, "DISCORD_MESSAGE_CONTENT", True),
        question_cooldown=_seconds(values, "QUESTION_COOLDOWN_SECONDS", Settings.question_cooldown),
        questions_per_cooldown=_int(values, "QUESTIONS_PER_COOLDOWN", 1, MAX_QUESTIONS)
        or Settings.questions_per_cooldown,
    )


def log_level(settings: Settings) -> int:
    return logging.getLevelName(settings.log_level)
