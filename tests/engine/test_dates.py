import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.engine.dates import age_on, birthday_in_year, days_until, local_today, next_birthday

BORN = dt.date(1970, 2, 21)
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (dt.date(2020, 2, 20), 49),
        (dt.date(2020, 2, 21), 50),
        (dt.date(2024, 2, 29), 54),
        (dt.date(2025, 12, 31), 55),
        (dt.date(2026, 1, 1), 55),
        (dt.date(1970, 2, 21), 0),
    ],
)
def test_age_counts_completed_years(day, age):
    assert age_on(BORN, day) == age


def test_next_birthday_is_today_on_the_birthday():
    assert next_birthday(BORN, dt.date(2020, 2, 21)) == dt.date(2020, 2, 21)


def test_next_birthday_after_the_birthday_is_next_year():
    assert next_birthday(BORN, dt.date(2020, 2, 22)) == dt.date(2021, 2, 21)


def test_next_birthday_on_new_years_eve():
    assert days_until(next_birthday(BORN, dt.date(2025, 12, 31)), dt.date(2025, 12, 31)) == 52


def test_leap_day_birthday_is_28_february_in_other_years():
    leapling = dt.date(2000, 2, 29)
    assert birthday_in_year(leapling, 2023) == dt.date(2023, 2, 28)
    assert birthday_in_year(leapling, 2024) == dt.date(2024, 2, 29)


def test_today_is_taken_in_the_subjects_time_zone_not_utc():
    just_after_midnight = dt.datetime(2020, 2, 20, 23, 30, tzinfo=dt.UTC)
    assert local_today(lambda: just_after_midnight, COPENHAGEN) == dt.date(2020, 2, 21)
