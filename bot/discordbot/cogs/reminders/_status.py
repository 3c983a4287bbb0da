"""What `/reminders status` and `/reminders preview` say: the settings, the posts ahead and the
last ones, in the reader's language."""

from __future__ import annotations

import datetime as dt

import discord

from bot.discordbot import texts
from bot.discordbot.admin import missing_permissions, permission_names
from bot.engine import i18n
from bot.engine.reminder_occurrences import (
    Occurrence,
    OccurrenceKey,
    ReminderConfig,
    ReminderKind,
)
from bot.store import FailureReason, PostFailure, PostStatus, ReminderPostRecord


def summary(config: ReminderConfig, language: str) -> str:
    none = texts.text(language, "rem_none")
    return texts.text(
        language,
        "rem_summary",
        state=texts.text(language, "rem_on" if config.enabled else "rem_off"),
        channel=f"<#{config.channel_id}>"
        if config.channel_id
        else texts.text(language, "rem_no_channel"),
        time=config.time.strftime("%H:%M"),
        timezone=config.timezone,
        countdown=", ".join(texts.text(language, "rem_days", days=d) for d in config.countdown)
        or none,
        language=config.language,
        ping=f"<@&{config.ping_role_id}>" if config.ping_role_id else none,
    )


def what(key: OccurrenceKey, language: str) -> str:
    if key.kind is ReminderKind.BIRTHDAY:
        post = texts.text(language, "rem_what_birthday")
    else:
        post = texts.text(language, "rem_what_countdown", days=key.days_before)
    return f"{post} ({key.local_date.isoformat()})"


def when(moment: dt.datetime, config: ReminderConfig, language: str) -> str:
    local = moment.astimezone(config.zone)
    day = local.date()
    return f"{i18n.weekday(day, language)} {i18n.format_date(day, language)} {local:%H:%M}"


def next_lines(occurrences: list[Occurrence], config: ReminderConfig, language: str) -> list[str]:
    """The posts ahead, in local and UTC time."""
    return [texts.text(language, "rem_next")] + [
        texts.text(
            language,
            "rem_next_line",
            local=when(occurrence.due, config, language),
            utc=f"{occurrence.due:%Y-%m-%d %H:%M}",
            what=what(occurrence.key, language),
        )
        for occurrence in occurrences
    ]


def history_lines(
    posts: list[ReminderPostRecord], config: ReminderConfig, language: str
) -> list[str]:
    """The last post made, and what went wrong with the latest one (`posts` newest first)."""
    sent = next((p for p in posts if p.status == PostStatus.SENT), None)
    lines = [
        texts.text(
            language,
            "rem_last",
            what=what(sent.occurrence, language),
            when=when(sent.finished_at or sent.claimed_at, config, language),
            guild=config.guild_id,
            channel=sent.channel_id,
            message=sent.message_id,
        )
        if sent
        else texts.text(language, "rem_last_none")
    ]
    latest = posts[0] if posts else None
    if latest is not None and latest.status in (PostStatus.FAILED, PostStatus.MISSED):
        lines.append(_problem(latest, language))
    return lines


def _problem(post: ReminderPostRecord, language: str) -> str:
    about = what(post.occurrence, language)
    if post.status == PostStatus.MISSED:
        day = post.occurrence.local_date.isoformat()
        return texts.text(language, "rem_missed", what=about, date=day)
    failure = post.error or PostFailure(FailureReason.UNEXPECTED)  # a failed post says why
    return texts.text(language, "rem_problem", what=about, error=failure_text(failure, language))


def channel_problems(
    guild: discord.Guild | None, config: ReminderConfig, language: str
) -> list[str]:
    if config.channel_id is None or guild is None:
        return []
    channel = guild.get_channel(config.channel_id)
    if channel is None:
        return [texts.text(language, "rem_channel_gone")]
    missing = missing_permissions(channel)
    if missing:
        return [
            texts.text(
                language,
                "rem_check",
                permissions=permission_names(missing, language),
                channel=channel.mention,
            )
        ]
    return []


def failure_text(failure: PostFailure, language: str) -> str:
    """Why a post failed, in `language`; permissions by the names Discord shows in it."""
    fields = dict(failure.args)
    if failure.reason is FailureReason.MISSING_PERMISSIONS:
        fields["permissions"] = permission_names(fields["permissions"].split(","), language)
    return texts.text(language, f"rem_failure_{failure.reason}", **fields)
