"""The career as a picture: clubs and roles as bars on a year axis, round birthdays marked.

Drawn with Pillow from the fact base (career.yaml for the bars, subject.yaml for the birthdays);
nothing here knows about Discord. The picture is an opaque dark card with light text, so it
reads the same on Discord's dark and light themes; its text list stays in the embed beside it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from PIL import Image, ImageDraw, ImageFont

from bot.engine import i18n
from bot.engine.dates import birthday_in_year
from bot.engine.facts import LANGUAGES, CareerKind, CareerPeriod, FactBase

WIDTH = 800
MARGIN = 28
ROW_HEIGHT = 54
BAR_HEIGHT = 18
# An end of a bar whose year the sources do not state fades out over this many years.
FADE_YEARS = 2.0
MILESTONE_EVERY = 10

BACKGROUND = (43, 45, 49)
BORDER = (78, 80, 88)
TEXT = (242, 243, 245)
MUTED = (181, 186, 193)
GRID = (78, 80, 88)
MILESTONE = (240, 178, 50)
BAR_COLOURS = {CareerKind.PLAYER: (91, 141, 239), CareerKind.COACH: (59, 165, 93)}

_FONTS = Path(__file__).parent / "fonts"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # Shipped with the package: Pillow's own default font has no æ, ø or å.
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(_FONTS / name), size)


@dataclass(frozen=True)
class TimelinePicture:
    png: bytes
    width: int
    height: int
    # Every text drawn, in drawing order: what a test (or a screen reader's alt text) can check.
    labels: tuple[str, ...]


@dataclass(frozen=True)
class _Milestone:
    at: float  # a fractional year
    label: str


def _fraction(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    return day.year + (day - start).days / 365.25


def _milestones(facts: FactBase, last_year: int, language: str) -> list[_Milestone]:
    birth = facts.subject.birth_date
    found = [_Milestone(_fraction(birth), i18n.text(language, "picture_born"))]
    for age in range(MILESTONE_EVERY, last_year - birth.year + 1, MILESTONE_EVERY):
        day = birthday_in_year(birth, birth.year + age)
        found.append(_Milestone(_fraction(day), i18n.text(language, "picture_age", age=age)))
    return found


class _Canvas:
    """The drawing, remembering every label it writes."""

    def __init__(self, height: int, first_year: int, last_year: int) -> None:
        self.image = Image.new("RGB", (WIDTH, height), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)
        self.labels: list[str] = []
        self.first_year, self.last_year = first_year, last_year

    def x(self, year: float) -> float:
        span = self.last_year - self.first_year
        return MARGIN + (year - self.first_year) / span * (WIDTH - 2 * MARGIN)

    def text(
        self,
        xy: tuple[float, float],
        text: str,
        font: ImageFont.FreeTypeFont,
        fill: tuple[int, int, int] = TEXT,
        anchor: str = "la",
        patched: bool = True,
    ) -> float:
        """Write `text`, on a patch of background over the milestone lines; return its end."""
        self.labels.append(text)
        box = self.draw.textbbox(xy, text, font=font, anchor=anchor)
        if patched:
            self.patch(box)
        self.draw.text(xy, text, font=font, fill=fill, anchor=anchor)
        return box[2]

    def patch(self, box: tuple[float, float, float, float]) -> None:
        self.draw.rectangle([(box[0] - 3, box[1] - 2), (box[2] + 3, box[3] + 2)], fill=BACKGROUND)

    def dashed_line(self, x: float, top: float, bottom: float) -> None:
        for y in range(int(top), int(bottom), 8):
            self.draw.line([(x, y), (x, min(y + 4, bottom))], fill=MILESTONE, width=2)

    def bar(self, period: CareerPeriod, top: float) -> None:
        start, end = period.start.year + 0.5, period.end.year + 0.5
        left, right = self.x(start), self.x(end)
        colour = BAR_COLOURS[period.kind]
        fade = self.x(self.first_year + FADE_YEARS) - self.x(self.first_year)
        for column in range(int(left), int(right) + 1):
            strength = 1.0
            if not period.start.stated:
                strength = min(strength, (column - left) / fade)
            if not period.end.stated:
                strength = min(strength, (right - column) / fade)
            strength = max(0.12, min(1.0, strength))
            shade = tuple(
                round(b + (c - b) * strength) for c, b in zip(colour, BACKGROUND, strict=True)
            )
            self.draw.line([(column, top), (column, top + BAR_HEIGHT)], fill=shade)


def render_timeline(facts: FactBase, language: str) -> TimelinePicture:
    """The picture in one language: title, milestones, one bar per career period, axis, legend."""
    periods = facts.career
    birth_year = facts.subject.birth_date.year
    last_year = max([p.end.year + 1 for p in periods] + [birth_year + MILESTONE_EVERY])
    title_font, label_font, small_font = _font(28, bold=True), _font(19), _font(16)
    club_font = _font(19, bold=True)
    rows_top = MARGIN + 48 + 30
    axis_y = rows_top + ROW_HEIGHT * len(periods) + 6
    height = axis_y + 34 + 40 + MARGIN
    canvas = _Canvas(height, birth_year, last_year)
    draw = canvas.draw
    draw.rectangle([(0, 0), (WIDTH - 1, height - 1)], outline=BORDER, width=2)

    name = facts.subject.name
    canvas.text((MARGIN, MARGIN), i18n.text(language, "timeline_title", name=name), title_font)

    for milestone in _milestones(facts, last_year, language):
        x = canvas.x(milestone.at)
        canvas.dashed_line(x, rows_top - 4, axis_y)
        half = draw.textlength(milestone.label, font=small_font) / 2
        centre = min(max(x, MARGIN + half), WIDTH - MARGIN - half)
        canvas.text((centre, rows_top - 8), milestone.label, small_font, MILESTONE, anchor="md")

    for index, period in enumerate(periods):
        top = rows_top + index * ROW_HEIGHT
        club, role = period.club, f" · {period.role[language]}"
        width = draw.textlength(club, font=club_font) + draw.textlength(role, font=label_font)
        x = max(MARGIN, min(canvas.x(period.start.year + 0.5), WIDTH - MARGIN - width))
        # One patch under both parts, so that the role's does not clip the club's last letter.
        canvas.patch((x, top + 4, x + width, top + 4 + club_font.size * 1.2))
        x = canvas.text((x, top + 4), club, club_font, patched=False)
        canvas.text((x, top + 4), role, label_font, MUTED, patched=False)
        canvas.bar(period, top + 29)

    draw.line([(MARGIN, axis_y), (WIDTH - MARGIN, axis_y)], fill=GRID, width=2)
    for year in range(birth_year, last_year + 1):
        if year % 5:
            continue
        x = canvas.x(year)
        draw.line([(x, axis_y), (x, axis_y + (8 if year % 10 == 0 else 4))], fill=GRID, width=2)
        if year % 10 == 0:
            canvas.text((x, axis_y + 10), str(year), small_font, MUTED, anchor="ma")

    _legend(canvas, axis_y + 44, language, small_font)
    buffer = io.BytesIO()
    canvas.image.save(buffer, format="PNG", optimize=True)
    return TimelinePicture(buffer.getvalue(), WIDTH, height, tuple(canvas.labels))


def _legend(canvas: _Canvas, y: float, language: str, font: ImageFont.FreeTypeFont) -> None:
    x = float(MARGIN)
    for kind, key in ((CareerKind.PLAYER, "picture_player"), (CareerKind.COACH, "picture_coach")):
        canvas.draw.rectangle([(x, y + 3), (x + 22, y + 15)], fill=BAR_COLOURS[kind])
        x = canvas.text((x + 30, y), i18n.text(language, key), font, MUTED) + 22
    for step in range(22):
        strength = 0.12 + 0.88 * (21 - step) / 21
        shade = tuple(
            round(b + (c - b) * strength)
            for c, b in zip(BAR_COLOURS[CareerKind.PLAYER], BACKGROUND, strict=True)
        )
        canvas.draw.line([(x + step, y + 3), (x + step, y + 15)], fill=shade)
    x = canvas.text((x + 30, y), i18n.text(language, "picture_faded"), font, MUTED) + 22
    canvas.dashed_line(x + 4, y, y + 18)
    canvas.text((x + 14, y), i18n.text(language, "picture_milestones"), font, MUTED)


class TimelinePictures:
    """Each language's picture, drawn the first time it is asked for and kept."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self._drawn: dict[str, TimelinePicture] = {}

    def get(self, language: str) -> TimelinePicture:
        if language not in LANGUAGES:
            raise ValueError(f"no timeline picture in {language!r}")
        if language not in self._drawn:
            self._drawn[language] = render_timeline(self.facts, language)
        return self._drawn[language]


def save_timeline(
    facts: FactBase, language: str, path: Path, stdout: TextIO, stderr: TextIO
) -> int:
    """`thorup-bot timeline --png FILE`: the picture /timeline attaches, as a file."""
    picture = render_timeline(facts, language)
    try:
        path.write_bytes(picture.png)
    except OSError as exc:
        stderr.write(f"thorup-bot: cannot write {path}: {exc.strerror}\n")
        return 2
    stdout.write(f"Wrote {path} ({picture.width}×{picture.height}, {language}).\n")
    return 0
