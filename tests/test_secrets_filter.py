"""Interaction tokens, webhook URLs and the bot token never reach the log, at any level."""

import io
import logging

import pytest

from bot.secrets_filter import RedactSecrets
from tests.fake_discord import FAKE_TOKEN

INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmZha2U.secret-part"


@pytest.fixture
def log_output():
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.addFilter(RedactSecrets())
    logger = logging.getLogger("discord.webhook.async_")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield logger, output
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_the_interaction_token_in_discord_pys_debug_request_line_is_redacted(log_output):
    logger, output = log_output
    url = f"https://discord.com/api/v10/interactions/123/{INTERACTION_TOKEN}/callback"
    logger.debug("Webhook ID %s with %s %s has returned status code %s", 123, "POST", url, 204)
    assert INTERACTION_TOKEN not in output.getvalue()
    assert "/interactions/123/[redacted]/callback" in output.getvalue()


def test_a_webhook_url_is_redacted(log_output):
    logger, output = log_output
    logger.info("posting to https://discord.com/api/webhooks/99/%s/messages/@original", "abc-DEF")
    assert "abc-DEF" not in output.getvalue()
    assert "/webhooks/99/[redacted]/messages/@original" in output.getvalue()


def test_the_bot_token_in_a_traceback_is_redacted(log_output):
    logger, output = log_output
    try:
        raise RuntimeError(f"login failed for {FAKE_TOKEN}")
    except RuntimeError:
        logger.exception("Start failed")
    assert FAKE_TOKEN not in output.getvalue()
    assert "login failed for [redacted]" in output.getvalue()


def test_the_token_field_of_a_gateway_event_dump_is_redacted(log_output):
    logger, output = log_output
    logger.debug("WebSocket Event: %s", {"t": "INTERACTION_CREATE", "d": {"token": "tok-123"}})
    assert "tok-123" not in output.getvalue()
    assert "'token': '[redacted]'" in output.getvalue()


def test_ordinary_messages_pass_unchanged(log_output):
    logger, output = log_output
    logger.info("Logged in as %s in %d server(s)", "ThorupBot", 3)
    assert output.getvalue() == "Logged in as ThorupBot in 3 server(s)\n"
