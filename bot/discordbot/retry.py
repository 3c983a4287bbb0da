"""Discord failures that pass (rate limits, server errors, network) told apart from those that
do not, and requests retried through them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import discord

log = logging.getLogger(__name__)
T = TypeVar("T")

# A 5xx with no hint: wait this long before the first retry, doubling after.
SERVER_ERROR_PAUSE = 2.0
# A 429 whose wait is not known (discord.py gives up after its own five tries): wait this long.
RATE_LIMIT_PAUSE = 1.0


def retry_after(exc: BaseException, tries: int = 1) -> float | None:
    """Seconds to wait before trying again after `exc`, or None if trying again will not help."""
    if isinstance(exc, discord.RateLimited):
        return exc.retry_after
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            header = exc.response.headers.get("Retry-After") if exc.response else None
            try:
                return float(header) if header else RATE_LIMIT_PAUSE
            except ValueError:
                return RATE_LIMIT_PAUSE
        if exc.status >= 500:
            return SERVER_ERROR_PAUSE * 2 ** (tries - 1)
        return None
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError):
        return SERVER_ERROR_PAUSE * 2 ** (tries - 1)
    return None


async def with_retries(
    request: Callable[[], Awaitable[T]], what: str, tries: int = 8, longest_wait: float = 60.0
) -> T:
    """`request()`, tried again after a passing failure (up to `tries` times in all, never
    waiting longer than `longest_wait` at once); other failures are raised at once."""
    attempt = 1
    while True:
        try:
            return await request()
        except Exception as exc:
            wait = retry_after(exc, attempt)
            if wait is None or attempt >= tries or wait > longest_wait:
                raise
            log.warning("%s failed (%s); trying again in %.1f s", what, exc, wait)
        await asyncio.sleep(wait)
        attempt += 1
