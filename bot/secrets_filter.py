"""Secrets kept out of the log at every level.

discord.py logs each request's URL at DEBUG, and an interaction's URL carries its token: a
15-minute credential to answer, edit and follow up as the bot. Webhook URLs carry one too.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
# /interactions/{id}/{token}/callback and /webhooks/{id}/{token}[/...]
_URL_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[^/\s?'\"]+")
# A "token" field of a payload, as the gateway's DEBUG dump of INTERACTION_CREATE shows it.
_TOKEN_FIELD = re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]+""")
# The bot token's shape: three base64url parts separated by dots.
_BOT_TOKEN = re.compile(r"\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}\b")


def redact(text: str) -> str:
    text = _URL_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    text = _TOKEN_FIELD.sub(rf"\g<1>{REDACTED}", text)
    return _BOT_TOKEN.sub(REDACTED, text)


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and traceback with tokens replaced; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def redact_root_handlers() -> None:
    """Put the filter on every handler of the root logger (a filter on a logger would miss the
    records of its children, such as discord.http)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
