"""Reminders end to end in simcord: configured with the slash commands, posted by the real
scheduler on simcord's virtual clock, exactly once, also after a restart."""

import dataclasses
import datetime as dt
import sqlite3

import discord
import pytest

from bot.engine.reminder_occurrences import OccurrenceKey
from bot.store import PostStatus

# simcord's virtual clock starts at 2026-01-01 00:00 UTC; 21 February 2026 09:00 in Copenhagen
# is 08:00 UTC.
BIRTHDAY_0900 = dt.datetime(2026, 2, 21, 8, 0, tzinfo=dt.UTC)


async def advance_to(env, moment):
    await env.advance_time((moment - env.now()).total_seconds())


@pytest.fixture
def posts_channel(guild):
    return guild.create_text_channel("fødselsdag")


@pytest.fixture(autouse=True)
async def _two_weeks_before(env):
    """Start on 10 February 2026, before the countdowns; no reminders are on yet."""
    await advance_to(env, dt.datetime(2026, 2, 10, tzinfo=dt.UTC))


async def configure(admin, channel, posts_channel, *commands):
    await admin.slash(channel, "reminders channel", channel=posts_channel)
    for name, options in commands:
        await admin.slash(channel, f"reminders {name}", **options)
    return await admin.slash(channel, "reminders on")


def bot_posts(env, channel):
    return [m for m in channel.history() if m.author.id == env.bot.user.id]


async def test_settings_are_answered_only_to_the_admin(env, channel, admin, posts_channel):
    result = await configure(admin, channel, posts_channel)
    assert result.ephemeral
    assert "on" in result.response.content
    assert posts_channel.mention in result.response.content


async def test_members_without_manage_server_cannot_see_the_reminder_commands(env, channel, fan):
    assert "reminders" not in fan.available_commands(channel)


async def test_the_birthday_post_appears_once_at_the_local_time_and_not_again_after_restart(
    env, channel, admin, posts_channel, make_bot
):
    await configure(admin, channel, posts_channel)
    await advance_to(env, BIRTHDAY_0900 - dt.timedelta(minutes=1))
    assert bot_posts(env, posts_channel) == []
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=1))
    [post] = bot_posts(env, posts_channel)
    assert post.content == "🎂 I dag fylder Jess Thorup 56 år!"
    assert post.embeds[0].fields[0].name in ("Kilde", "Kilder")
    assert post.embeds[0].footer.text == "thorup-reminder birthday:2026-02-21"
    await env.restart_bot(make_bot())
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(hours=3))
    assert len(bot_posts(env, posts_channel)) == 1


async def test_posts_ping_nobody_unless_a_role_was_chosen(
    env, guild, channel, admin, posts_channel
):
    fans = guild.create_role("Thorup-fans", mentionable=True)
    await configure(admin, channel, posts_channel, ("ping", {"role": fans}))
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=1))
    [post_request] = [
        r
        for r in env.http_requests
        if r.method == "POST" and r.path == f"/channels/{posts_channel.id}/messages"
    ]
    assert post_request.json["content"].startswith(f"<@&{fans.id}> ")
    allowed = post_request.json["allowed_mentions"]
    assert allowed["parse"] == []
    assert allowed["roles"] == [fans.id]
    assert not allowed.get("users")


async def test_countdown_posts_and_english(env, channel, admin, posts_channel):
    await configure(
        admin,
        channel,
        posts_channel,
        ("countdown", {"days": "7,1"}),
        ("language", {"language": "en"}),
    )
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=1))
    assert [m.content for m in bot_posts(env, posts_channel)] == [
        "⏳ In 7 days Jess Thorup turns 56 (Saturday 21 February 2026).",
        "⏳ Tomorrow Jess Thorup turns 56 (Saturday 21 February 2026).",
        "🎂 Today Jess Thorup turns 56!",
    ]


async def test_the_posting_time_and_time_zone_are_respected(env, channel, admin, posts_channel):
    await configure(
        admin,
        channel,
        posts_channel,
        ("time", {"hhmm": "18:30"}),
        ("timezone", {"zone": "America/New_York"}),
    )
    due = dt.datetime(2026, 2, 21, 23, 30, tzinfo=dt.UTC)  # 18:30 in New York
    await advance_to(env, due - dt.timedelta(minutes=1))
    assert bot_posts(env, posts_channel) == []
    await advance_to(env, due + dt.timedelta(minutes=1))
    assert len(bot_posts(env, posts_channel)) == 1


async def test_status_shows_the_next_three_posts_in_local_and_utc_time(
    env, channel, admin, posts_channel
):
    await configure(admin, channel, posts_channel, ("countdown", {"days": "7"}))
    result = await admin.slash(channel, "reminders status")
    text = result.response.content
    assert result.ephemeral
    assert "Saturday 14 February 2026 09:00 (2026-02-14 08:00 UTC)" in text
    assert "Saturday 21 February 2026 09:00 (2026-02-21 08:00 UTC)" in text
    assert "Sunday 14 February 2027 09:00 (2027-02-14 08:00 UTC)" in text
    assert "Last post**: none yet" in text


async def test_status_shows_the_last_post(env, channel, admin, posts_channel):
    await configure(admin, channel, posts_channel, ("countdown", {"days": "1"}))
    await advance_to(env, BIRTHDAY_0900 - dt.timedelta(hours=23))
    result = await admin.slash(channel, "reminders status")
    assert "Last post**: countdown 1 day before (2026-02-20)" in result.response.content


async def test_a_channel_that_lost_its_permission_is_reported_and_nothing_crashes(
    env, guild, channel, admin, posts_channel, store
):
    closed = guild.create_text_channel(
        "lukket", overwrites={guild.me: discord.PermissionOverwrite(send_messages=False)}
    )
    await configure(admin, channel, posts_channel)
    # The permission was taken away after the channel was chosen.
    config = await store.reminder_config(guild.id, "Europe/Copenhagen")
    await store.save_reminder_config(dataclasses.replace(config, channel_id=closed.id), env.now())
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=1))
    assert bot_posts(env, closed) == []
    status = (await admin.slash(channel, "reminders status")).response.content
    assert "birthday (2026-02-21): missing permission: Send Messages" in status
    assert "I am missing the permission Send Messages" in status


async def test_preview_shows_exactly_the_next_post_and_posts_nothing(
    env, channel, admin, posts_channel
):
    await configure(admin, channel, posts_channel)
    preview = await admin.slash(channel, "reminders preview")
    assert preview.ephemeral
    assert "🎂 I dag fylder Jess Thorup 56 år!" in preview.response.content
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=1))
    [post] = bot_posts(env, posts_channel)
    assert post.embeds[0].description == preview.response.embeds[0].description
    assert len(bot_posts(env, posts_channel)) == 1


@pytest.mark.parametrize(
    ("command", "options", "expected"),
    [
        ("time", {"hhmm": "25:99"}, "HH:MM"),
        ("timezone", {"zone": "Mars/Olympus"}, "Unknown time zone"),
        ("countdown", {"days": "45"}, "0 to 30"),
        ("on", {}, "Pick a channel first"),
    ],
)
async def test_bad_settings_get_a_clear_ephemeral_message(
    env, channel, admin, command, options, expected
):
    result = await admin.slash(channel, f"reminders {command}", **options)
    assert result.ephemeral
    assert expected in result.response.content


async def test_time_zones_autocomplete(env, channel, admin):
    choices = await admin.autocomplete(channel, "reminders timezone", "zone", "copenh")
    assert [c["value"] for c in choices] == ["Europe/Copenhagen"]


def post_path(channel):
    return f"/channels/{channel.id}/messages"


async def test_a_discord_5xx_outage_over_the_posting_minute_still_gives_one_post(
    env, channel, admin, posts_channel, store
):
    await configure(admin, channel, posts_channel)
    env.inject_error("POST", post_path(posts_channel), status=503, times=4)  # 0, 5, 15, 35 s
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=5))
    [post] = bot_posts(env, posts_channel)
    assert post.content == "🎂 I dag fylder Jess Thorup 56 år!"
    assert (await store.reminder_posts(admin.guild.id))[0].status == "sent"


async def test_six_rate_limits_in_a_row_delay_the_post_but_do_not_lose_it(
    env, channel, admin, posts_channel
):
    await configure(admin, channel, posts_channel)
    env.inject_error("POST", post_path(posts_channel), status=429, times=6)
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=10))
    assert len(bot_posts(env, posts_channel)) == 1


async def test_every_try_of_a_post_carries_the_same_nonce_so_discord_drops_repeats(
    env, channel, admin, posts_channel
):
    await configure(admin, channel, posts_channel)
    env.inject_error("POST", post_path(posts_channel), status=500, times=2)
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=5))
    tries = [
        r.json
        for r in env.http_requests
        if r.method == "POST" and r.path == post_path(posts_channel)
    ]
    assert len(tries) == 3
    assert len({t["nonce"] for t in tries}) == 1
    assert all(t["enforce_nonce"] for t in tries)


async def test_a_crash_after_posting_is_resolved_however_many_messages_came_since(
    env, guild, channel, admin, fan, posts_channel, store, make_bot
):
    await configure(admin, channel, posts_channel)
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(seconds=30))
    [post] = bot_posts(env, posts_channel)
    # As if killed between sending and confirming: the post is made, the claim not confirmed.
    birthday = OccurrenceKey.birthday(dt.date(2026, 2, 21))
    await store.finish_post(guild.id, birthday, PostStatus.CLAIMED, BIRTHDAY_0900)
    for number in range(60):  # more than the 50 the old recovery looked at
        await fan.send(posts_channel, f"tillykke {number}!")
    await env.restart_bot(make_bot())
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(hours=2))
    assert bot_posts(env, posts_channel) == [post]
    [record] = await store.reminder_posts(guild.id)
    assert (record.status, record.message_id) == ("sent", post.id)


async def test_a_database_failure_in_the_scheduler_is_logged_and_retried_not_fatal(
    env, channel, admin, posts_channel, store, caplog
):
    await configure(admin, channel, posts_channel)
    with sqlite3.connect(
        store.location.path
    ) as db:  # the scheduler's own table is gone for a while
        db.execute("ALTER TABLE scheduler RENAME TO scheduler_away")
    await env.advance_time(2 * 60 * 60)
    assert "Reminder scheduler tick failed; trying again in a minute" in caplog.text
    with sqlite3.connect(store.location.path) as db:
        db.execute("ALTER TABLE scheduler_away RENAME TO scheduler")
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=2))
    assert len(bot_posts(env, posts_channel)) == 1


async def test_a_damaged_settings_row_of_one_server_does_not_stop_the_others(
    env, guild, channel, admin, posts_channel, store, caplog
):
    await configure(admin, channel, posts_channel)
    with sqlite3.connect(store.location.path) as db:  # another server's row, unreadable
        db.execute(
            "INSERT INTO reminders VALUES (1, 2, 'noon', 'Europe/Copenhagen', '', 'da', 1, NULL,"
            " '2026-01-01T00:00:00+00:00')"
        )
    await advance_to(env, BIRTHDAY_0900 + dt.timedelta(minutes=2))
    assert len(bot_posts(env, posts_channel)) == 1
    assert "Reminders of guild 1 skipped" in caplog.text


async def test_a_reminder_channel_without_permission_is_refused_with_what_is_missing(
    env, guild, channel, admin, store
):
    closed = guild.create_text_channel(
        "lukket", overwrites={guild.me: discord.PermissionOverwrite(send_messages=False)}
    )
    result = await admin.slash(channel, "reminders channel", channel=closed)
    assert result.ephemeral
    assert "I am missing the permission Send Messages" in result.response.content
    assert (await store.reminder_config(guild.id, "Europe/Copenhagen")).channel_id is None


async def test_reminders_refuse_to_ping_everyone(env, guild, channel, admin, store):
    result = await admin.slash(channel, "reminders ping", role=guild.default_role)
    assert result.ephemeral
    assert "@everyone is never pinged" in result.response.content
    assert (await store.reminder_config(guild.id, "Europe/Copenhagen")).ping_role_id is None
