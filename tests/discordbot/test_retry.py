"""Which Discord failures pass (and how long to wait for them), and which do not."""

import aiohttp
import discord
import pytest

from bot.discordbot.retry import RATE_LIMIT_PAUSE, SERVER_ERROR_PAUSE, retry_after


class Response:
    """What discord.HTTPException reads from aiohttp's response."""

    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.reason = "reason"
        self.headers = headers or {}


def http_error(status: int, **headers: str) -> discord.HTTPException:
    return discord.HTTPException(Response(status, headers), {"message": "x", "code": 0})


def test_a_rate_limit_longer_than_discord_py_waits_is_waited_out_as_long_as_asked():
    assert retry_after(discord.RateLimited(120.0)) == 120.0


def test_a_429_after_discord_py_gave_up_waits_as_its_header_says():
    assert retry_after(http_error(429, **{"Retry-After": "7.5"})) == 7.5
    assert retry_after(http_error(429)) == RATE_LIMIT_PAUSE


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_doubling_pauses(status):
    assert [retry_after(http_error(status), tries) for tries in (1, 2, 3)] == [
        SERVER_ERROR_PAUSE,
        SERVER_ERROR_PAUSE * 2,
        SERVER_ERROR_PAUSE * 4,
    ]


@pytest.mark.parametrize(
    "error", [aiohttp.ClientConnectionError("reset"), TimeoutError(), ConnectionResetError()]
)
def test_network_failures_pass(error):
    assert retry_after(error) == SERVER_ERROR_PAUSE


@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_refusals_are_not_retried(status):
    assert retry_after(http_error(status)) is None


def test_a_bug_is_not_retried():
    assert retry_after(KeyError("x")) is None
