"""Birthday date math. Pure functions: the current time always comes in as a parameter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_today(clock: Clock, zone: ZoneInfo) -> dt.date:
    """The date where the subject lives, not in UTC: at 00:30 in Copenhagen it is tomorrow."""
    return clock().astimezone(zone).date()


def birthday_in_year(birth: dt.date, year: int) -> dt.date:
    """The birthday in `year`; someone born on 29 February celebrates on 28 February otherwise."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of life on `day` (negative years never: 0 before the first birthday)."""
    years = day.year - birth.year
    if day < birthday_in_year(birth, day.year):
        years -= 1
    return max(years, 0)


def next_birthday(birth: dt.date, today: dt.date) -> dt.date:
    """Today if it is the birthday, otherwise the next one."""
    this_year = birthday_in_year(birth, today.year)
    return this_year if this_year >= today else birthday_in_year(birth, today.year + 1)


def days_until(day: dt.date, today: dt.date) -> int:
    return (day - today).days
