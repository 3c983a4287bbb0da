"""When reminders are due: local time, daylight saving, leap days, and the same-day rule."""

import datetime as dt

import pytest

from bot.engine.reminder_occurrences import (
    OccurrenceKey,
    ReminderConfig,
    ReminderKind,
    due_instant,
    due_now,
    missed,
    next_wakeup,
    occurrences_in_year,
    parse_countdown,
    parse_time,
    upcoming,
)

BORN = dt.date(1970, 2, 21)
COPENHAGEN = "Europe/Copenhagen"
ON = ReminderConfig(guild_id=1, channel_id=10, enabled=True, timezone=COPENHAGEN)
BIRTHDAY_2027 = OccurrenceKey.birthday(dt.date(2027, 2, 21))


def utc(*args):
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_the_birthday_post_is_due_at_nine_copenhagen_time_which_is_eight_utc():
    [birthday] = occurrences_in_year(ON, BORN, 2027)
    assert birthday.key == BIRTHDAY_2027
    assert birthday.age == 57
    assert birthday.due == utc(2027, 2, 21, 8, 0)


def test_countdown_posts_fall_the_given_days_before():
    config = ReminderConfig(1, 10, countdown=(7, 1), enabled=True, timezone=COPENHAGEN)
    keys = [o.key for o in occurrences_in_year(config, BORN, 2027)]
    assert keys == [
        BIRTHDAY_2027,
        OccurrenceKey.countdown(7, dt.date(2027, 2, 14)),
        OccurrenceKey.countdown(1, dt.date(2027, 2, 20)),
    ]


def test_nothing_is_due_a_minute_before_the_time():
    assert due_now(ON, BORN, utc(2027, 2, 21, 7, 59), set()) == []


def test_the_post_is_due_at_the_time():
    assert [o.key for o in due_now(ON, BORN, utc(2027, 2, 21, 8, 0), set())] == [BIRTHDAY_2027]


def test_a_bot_back_later_the_same_local_day_still_posts():
    assert due_now(ON, BORN, utc(2027, 2, 21, 22, 59), set())


def test_a_bot_back_after_the_local_day_has_passed_does_not_post():
    assert due_now(ON, BORN, utc(2027, 2, 21, 23, 0), set()) == []


def test_a_post_already_made_is_not_due_again():
    assert due_now(ON, BORN, utc(2027, 2, 21, 8, 1), {BIRTHDAY_2027}) == []


def test_reminders_that_are_off_or_have_no_channel_are_never_due():
    off = ReminderConfig(1, 10, enabled=False, timezone=COPENHAGEN)
    no_channel = ReminderConfig(1, None, enabled=True, timezone=COPENHAGEN)
    assert due_now(off, BORN, utc(2027, 2, 21, 8), set()) == []
    assert due_now(no_channel, BORN, utc(2027, 2, 21, 8), set()) == []


def test_the_day_passed_while_down_is_reported_as_missed():
    found = missed(ON, BORN, utc(2027, 2, 22, 10), set(), since=utc(2027, 2, 20))
    assert [o.key for o in found] == [BIRTHDAY_2027]


def test_a_time_zone_east_of_utc_posts_on_its_own_local_day():
    tokyo = ReminderConfig(1, 10, timezone="Asia/Tokyo", enabled=True)
    [birthday] = occurrences_in_year(tokyo, BORN, 2027)
    assert birthday.due == utc(2027, 2, 21, 0, 0)


MARCH_BIRTH = dt.date(1970, 3, 28)  # 28 March 2027: Copenhagen jumps from 02:00 to 03:00
OCTOBER_BIRTH = dt.date(1970, 10, 31)  # 31 October 2027: Copenhagen falls back from 03:00 to 02:00


def test_on_the_march_change_a_normal_time_keeps_its_local_hour():
    config = ReminderConfig(1, 10, enabled=True, timezone=COPENHAGEN)
    [birthday] = occurrences_in_year(config, MARCH_BIRTH, 2027)
    assert birthday.due == utc(2027, 3, 28, 7, 0)  # 09:00 summer time


def test_on_the_march_change_a_time_that_does_not_exist_moves_forward_not_away():
    config = ReminderConfig(1, 10, time=dt.time(2, 30), enabled=True, timezone=COPENHAGEN)
    [birthday] = occurrences_in_year(config, MARCH_BIRTH, 2027)
    assert birthday.due == utc(2027, 3, 28, 1, 30)  # 03:30 summer time
    assert birthday.due.astimezone(config.zone).date() == dt.date(2027, 3, 28)


def test_on_the_october_change_a_time_that_exists_twice_is_due_at_the_first():
    config = ReminderConfig(1, 10, time=dt.time(2, 30), enabled=True, timezone=COPENHAGEN)
    [birthday] = occurrences_in_year(config, OCTOBER_BIRTH, 2027)
    assert birthday.due == utc(2027, 10, 31, 0, 30)  # 02:30 summer time, before falling back


@pytest.mark.parametrize(
    ("birth", "start"),
    [(MARCH_BIRTH, utc(2027, 3, 27, 22)), (OCTOBER_BIRTH, utc(2027, 10, 30, 21))],
)
@pytest.mark.parametrize("time", [dt.time(2, 30), dt.time(9, 0), dt.time(0, 0), dt.time(23, 59)])
def test_across_a_daylight_saving_day_each_post_is_due_exactly_once(birth, start, time):
    config = ReminderConfig(1, 10, time=time, enabled=True, timezone=COPENHAGEN)
    done: set[OccurrenceKey] = set()
    posts = []
    for minute in range(28 * 60):
        for occurrence in due_now(config, birth, start + dt.timedelta(minutes=minute), done):
            done.add(occurrence.key)
            posts.append(occurrence.key)
    assert posts == [OccurrenceKey.birthday(birth.replace(year=2027))]


def test_a_leap_day_birthday_is_posted_on_28_february_in_other_years():
    leapling = dt.date(2000, 2, 29)
    config = ReminderConfig(1, 10, countdown=(1,), enabled=True, timezone=COPENHAGEN)
    assert [o.key for o in occurrences_in_year(config, leapling, 2027)] == [
        OccurrenceKey.birthday(dt.date(2027, 2, 28)),
        OccurrenceKey.countdown(1, dt.date(2027, 2, 27)),
    ]
    assert [o.key for o in occurrences_in_year(config, leapling, 2028)] == [
        OccurrenceKey.birthday(dt.date(2028, 2, 29)),
        OccurrenceKey.countdown(1, dt.date(2028, 2, 28)),
    ]


def test_on_29_february_the_next_posts_are_a_year_ahead():
    config = ReminderConfig(1, 10, countdown=(7,), enabled=True, timezone=COPENHAGEN)
    keys = [o.key for o in upcoming(config, BORN, utc(2028, 2, 29, 12), set())]
    assert keys == [
        OccurrenceKey.countdown(7, dt.date(2029, 2, 14)),
        OccurrenceKey.birthday(dt.date(2029, 2, 21)),
        OccurrenceKey.countdown(7, dt.date(2030, 2, 14)),
    ]


def test_the_next_wakeup_is_the_earliest_due_post_of_any_server():
    early = ReminderConfig(1, 10, time=dt.time(7, 0), enabled=True, timezone=COPENHAGEN)
    late = ReminderConfig(2, 20, time=dt.time(21, 0), enabled=True, timezone=COPENHAGEN)
    off = ReminderConfig(3, 30, time=dt.time(1, 0), enabled=False, timezone=COPENHAGEN)
    assert next_wakeup([late, early, off], BORN, utc(2027, 1, 1), {}) == utc(2027, 2, 21, 6, 0)


@pytest.mark.parametrize(
    "key",
    [
        OccurrenceKey.birthday(dt.date(2027, 2, 21)),
        OccurrenceKey.countdown(7, dt.date(2027, 2, 14)),
    ],
)
def test_an_occurrence_key_read_back_from_its_stored_text_is_the_same_key(key):
    assert OccurrenceKey.parse(str(key)) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("birthday:2026-02-21", OccurrenceKey(ReminderKind.BIRTHDAY, dt.date(2026, 2, 21))),
        (
            "countdown-30:2026-01-22",
            OccurrenceKey(ReminderKind.COUNTDOWN, dt.date(2026, 1, 22), 30),
        ),
    ],
)
def test_a_key_stored_by_an_earlier_version_is_read_and_written_back_the_same(text, key):
    assert OccurrenceKey.parse(text) == key
    assert str(key) == text


@pytest.mark.parametrize(
    "text",
    [
        "anniversary:2027-02-21",  # a kind a newer version might add
        "birthday",
        "birthday:21-02-2027",
        "birthday:20270221",
        "birthday-7:2027-02-14",
        "countdown:2027-02-14",
        "countdown-0:2027-02-14",
        "countdown-07:2027-02-14",
        "countdown-x:2027-02-14",
        "",
    ],
)
def test_text_that_is_no_occurrence_key_is_refused(text):
    with pytest.raises(ValueError):
        OccurrenceKey.parse(text)


@pytest.mark.parametrize(("text", "days"), [("7,1", (7, 1)), ("1, 7", (7, 1)), ("", ()), ("0", ())])
def test_countdown_days_are_parsed(text, days):
    assert parse_countdown(text) == days


@pytest.mark.parametrize("text", ["31", "-1", "x", "7;1"])
def test_bad_countdown_days_are_refused(text):
    with pytest.raises(ValueError):
        parse_countdown(text)


@pytest.mark.parametrize(("text", "time"), [("09:00", dt.time(9)), ("9.30", dt.time(9, 30))])
def test_times_are_parsed(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize("text", ["25:00", "9:75", "morning", ""])
def test_bad_times_are_refused(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_due_instant_is_utc():
    assert due_instant(dt.date(2027, 7, 1), dt.time(9), ON.zone).tzinfo is dt.UTC
