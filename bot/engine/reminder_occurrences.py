"""When birthday reminders are due. Pure date math: the time always comes in as a parameter.

A reminder is an *occurrence*: which post it is (its key: the birthday, or a countdown seven
days before, and the local date it belongs to) and the instant it is due (the configured local
time on that date, in the configured zone). An occurrence is posted at most once (its key is
unique per server) and only on its own local day: a bot that was down at the time posts when it
comes back that same day, and not after the day has passed.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.engine.dates import birthday_in_year

DEFAULT_TIME = dt.time(9, 0)
MAX_COUNTDOWN_DAYS = 30


@dataclass(frozen=True)
class ReminderConfig:
    """One server's reminder settings. The time zone has no default here: a server that chose
    none gets the subject's (`Store.reminder_config`)."""

    guild_id: int
    channel_id: int | None = None
    time: dt.time = DEFAULT_TIME
    timezone: str = field(kw_only=True)
    countdown: tuple[int, ...] = ()
    language: str = "da"
    enabled: bool = False
    ping_role_id: int | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def active(self) -> bool:
        return self.enabled and self.channel_id is not None


class ReminderKind(enum.StrEnum):
    BIRTHDAY = "birthday"
    COUNTDOWN = "countdown"


@dataclass(frozen=True)
class OccurrenceKey:
    """Which post an occurrence is: one per server. Stored, and shown in the post's footer, as
    its text ("birthday:2027-02-21", "countdown-7:2027-02-14"), the form every version wrote."""

    kind: ReminderKind
    local_date: dt.date
    days_before: int = 0

    def __post_init__(self) -> None:
        if (self.kind is ReminderKind.COUNTDOWN) != (self.days_before > 0):
            raise ValueError(f"a {self.kind} {self.days_before} days before")

    @classmethod
    def birthday(cls, day: dt.date) -> OccurrenceKey:
        return cls(ReminderKind.BIRTHDAY, day)

    @classmethod
    def countdown(cls, days_before: int, day: dt.date) -> OccurrenceKey:
        return cls(ReminderKind.COUNTDOWN, day, days_before)

    def __str__(self) -> str:
        kind = str(self.kind)
        if self.kind is ReminderKind.COUNTDOWN:
            kind += f"-{self.days_before}"
        return f"{kind}:{self.local_date.isoformat()}"

    @classmethod
    def parse(cls, text: str) -> OccurrenceKey:
        """The key whose text `text` is; ValueError for any other text (one written by a newer
        version, or damaged), so that `str(OccurrenceKey.parse(text)) == text`."""
        kind, _, day = text.partition(":")
        name, _, days = kind.partition("-")
        key = cls(ReminderKind(name), dt.date.fromisoformat(day), int(days or 0))
        if str(key) != text:
            raise ValueError(f"not an occurrence key: {text!r}")
        return key


@dataclass(frozen=True)
class Occurrence:
    key: OccurrenceKey
    birthday: dt.date
    age: int
    due: dt.datetime = field(compare=False)  # UTC

    @property
    def local_date(self) -> dt.date:
        return self.key.local_date


def due_instant(local_date: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of `time` on `local_date` in `zone`.

    Around daylight-saving changes: a time that does not exist that day (02:30 when clocks jump
    from 02:00 to 03:00) is read with the offset before the jump, so it falls an hour later in the
    new time (03:30) rather than being skipped; a time that exists twice (02:30 when clocks fall
    back) is its first occurrence, and the occurrence's key keeps it from being posted again.
    """
    local = dt.datetime.combine(local_date, time).replace(tzinfo=zone, fold=0)
    return local.astimezone(dt.UTC)


def occurrences_in_year(config: ReminderConfig, birth: dt.date, year: int) -> list[Occurrence]:
    birthday = birthday_in_year(birth, year)
    age = year - birth.year
    keys = [OccurrenceKey.birthday(birthday)] + [
        OccurrenceKey.countdown(days, birthday - dt.timedelta(days=days))
        for days in sorted(set(config.countdown), reverse=True)
        if 0 < days <= MAX_COUNTDOWN_DAYS
    ]
    return [
        Occurrence(key, birthday, age, due_instant(key.local_date, config.time, config.zone))
        for key in keys
    ]


def occurrences_around(
    config: ReminderConfig, birth: dt.date, now: dt.datetime
) -> list[Occurrence]:
    """Last year's, this year's and next year's occurrences, in due order."""
    year = now.astimezone(config.zone).year
    found = [
        occurrence
        for y in (year - 1, year, year + 1)
        if y > birth.year
        for occurrence in occurrences_in_year(config, birth, y)
    ]
    return sorted(found, key=lambda o: o.due)


def due_now(
    config: ReminderConfig, birth: dt.date, now: dt.datetime, done: set[OccurrenceKey]
) -> list[Occurrence]:
    """Occurrences to post now: their time has come, their local day is today, not yet done."""
    if not config.active:
        return []
    today = now.astimezone(config.zone).date()
    return [
        o
        for o in occurrences_around(config, birth, now)
        if o.due <= now and o.local_date == today and o.key not in done
    ]


def upcoming(
    config: ReminderConfig,
    birth: dt.date,
    now: dt.datetime,
    done: set[OccurrenceKey],
    count: int = 3,
) -> list[Occurrence]:
    """The next `count` occurrences still to post (including any due right now)."""
    today = now.astimezone(config.zone).date()
    pending = [
        o
        for o in occurrences_around(config, birth, now)
        if o.key not in done and (o.due > now or o.local_date == today)
    ]
    if len(pending) < count:
        year = now.astimezone(config.zone).year + 2
        pending += sorted(occurrences_in_year(config, birth, year), key=lambda o: o.due)
    return pending[:count]


def missed(
    config: ReminderConfig,
    birth: dt.date,
    now: dt.datetime,
    done: set[OccurrenceKey],
    since: dt.datetime,
) -> list[Occurrence]:
    """Occurrences whose whole local day passed after `since` without a post (the bot was down)."""
    today = now.astimezone(config.zone).date()
    return [
        o
        for o in occurrences_around(config, birth, now)
        if since <= o.due and o.local_date < today and o.key not in done
    ]


def next_wakeup(
    configs: list[ReminderConfig],
    birth: dt.date,
    now: dt.datetime,
    done: dict[int, set[OccurrenceKey]],
) -> dt.datetime | None:
    """When the scheduler must next look: the earliest due instant still to post, any server."""
    dues = [
        o.due
        for config in configs
        if config.active
        for o in upcoming(config, birth, now, done.get(config.guild_id, set()), count=1)
    ]
    return min(dues, default=None)


def parse_countdown(text: str) -> tuple[int, ...]:
    """ "7,1" → (7, 1); empty → (). Raises ValueError naming the bad part."""
    days = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 0 <= int(part) <= MAX_COUNTDOWN_DAYS:
            raise ValueError(part)
        if int(part) > 0:
            days.append(int(part))
    return tuple(sorted(set(days), reverse=True))


def parse_time(text: str) -> dt.time:
    """ "09:00" or "9.00" → 09:00. Raises ValueError."""
    hours, _, minutes = text.strip().replace(".", ":").partition(":")
    return dt.time(int(hours), int(minutes or 0))
