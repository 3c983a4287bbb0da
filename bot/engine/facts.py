"""The fact base: YAML files loaded into frozen dataclasses, every problem reported with file:line.

A fact base is a folder (see facts/README.md):
    subject.yaml      who the facts are about
    sources.yaml      the texts the facts come from, paragraph by paragraph
    lexicon.yaml      the words fans use for each concept, in Danish and English
    intents/*.yaml    the questions we answer, each with its answers and source reference
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.engine.calibration import FEATURES, Calibration, FanQuestion
from bot.engine.yamlfile import LineDict, LineList, Problem, YamlError, read_yaml

LANGUAGES = ("da", "en")


class IntentKind(enum.StrEnum):
    """What an intent's answer is: a sourced fact, computed from the birth date, or what the
    sources do not say."""

    FACT = "fact"
    COMPUTED = "computed"
    UNKNOWN = "unknown"


# What each computed answer can fill into its template.
COMPUTED_FIELDS: dict[str, frozenset[str]] = {
    "age_today": frozenset({"name", "age", "birth_date"}),
    "next_birthday": frozenset({"name", "age", "date", "weekday", "days"}),
    "birthday_weekday": frozenset({"name", "age", "date", "weekday", "year"}),
    "age_in_year": frozenset({"name", "age", "age_before", "year", "date"}),
    # Counted from the timeline's dated events that the question names; the template is the
    # answer where it names none.
    "age_at_event": frozenset({"name"}),
    "years_between": frozenset({"name"}),
}
# The computations that count with the timeline's dated events.
EVENT_COMPUTATIONS = frozenset({"age_at_event", "years_between"})
MIN_PHRASINGS = {IntentKind.FACT: 6, IntentKind.COMPUTED: 6, IntentKind.UNKNOWN: 2}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Quotes cite a sentence when they hold this share of its words.
CITED_SHARE = 0.6
# A sentence ends where a full stop, question or exclamation mark is followed by a capital or a
# dash (a quote): "den 21. februar" and "16.-delsfinale" go on.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ-])")


# The longest subject name: slash command descriptions name the subject, and Discord takes at
# most 100 characters for a description.
MAX_NAME_CHARS = 40


@dataclass(frozen=True)
class Pronouns:
    """How the texts of one language refer to the subject: {he} and {his} in the catalogs."""

    he: str
    his: str


@dataclass(frozen=True)
class Roles:
    """The concepts of the lexicon and the intents that the code gives a meaning of its own,
    named by each subject folder (subject.yaml's `roles`); `facts check` verifies they exist."""

    # Concepts. "Which year": a fact that names no year does not answer it.
    which_year: str
    # "How old": an answer that gives an age fits better.
    how_old: str
    # What follows it is a point in time, not what the question is about.
    before: str
    # A birthday-weekday question about the year of birth.
    born: str
    # With `year_word`: next year's birthday.
    next: str
    year_word: str
    # This year's birthday.
    now: str
    # "When": the timeline tells whether the sources date what is asked.
    when: str
    # "How long ago": years counted from an event of the timeline to today.
    since: str
    # "Who": a question that does not name him and asks who is likely about someone else.
    who: str
    # Intents. The sourced birth date, cited on the birthday card.
    birth_date: str


# The roles that name an intent; the others name a concept of the lexicon.
INTENT_ROLES = frozenset({"birth_date"})
ROLES = tuple(role.name for role in dataclasses.fields(Roles))


@dataclass(frozen=True)
class Subject:
    id: str
    name: str
    birth_date: dt.date
    timezone: str
    names: tuple[str, ...]
    referents: tuple[str, ...]
    pronouns: dict[str, Pronouns]
    roles: Roles

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def text_fields(self, language: str) -> dict[str, str]:
        """What a text in `language` can say of the subject: {name}, {he} and {his}, and {He}
        and {His} at the start of a sentence."""
        pronouns = self.pronouns[language]
        return {
            "name": self.name,
            "he": pronouns.he,
            "his": pronouns.his,
            "He": pronouns.he[:1].upper() + pronouns.he[1:],
            "His": pronouns.his[:1].upper() + pronouns.his[1:],
        }


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    language: str
    published: str
    published_label: dict[str, str]
    publisher: str | None
    paragraphs: tuple[str, ...]
    # Faithful renderings of the paragraphs in the other languages, same order: matching evidence
    # for questions in those languages, never quoted as the source.
    translations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    file: str = ""
    # Where each paragraph stands in `file`, so that checks can point at it.
    paragraph_lines: tuple[int, ...] = ()

    def paragraph(self, number: int) -> str:
        return self.paragraphs[number - 1]

    def paragraph_in(self, number: int, language: str) -> str:
        """Paragraph `number` in `language`: the original or its rendering."""
        if language == self.language:
            return self.paragraph(number)
        return self.translations[language][number - 1]

    def sentences(self, number: int, language: str | None = None) -> list[str]:
        """The sentences of paragraph `number` (in `language`, by default the original's)."""
        return _SENTENCE_END.split(self.paragraph_in(number, language or self.language))


@dataclass(frozen=True)
class SourceRef:
    source: str
    paragraph: int
    quote: str


@dataclass(frozen=True)
class Intent:
    id: str
    kind: IntentKind
    topics: tuple[str, ...]
    questions: dict[str, tuple[str, ...]]
    answers: dict[str, str]
    sources: tuple[SourceRef, ...]
    compute: str | None = None
    time_sensitive: bool = False
    # For kind "unknown": what the sources do not say, as a phrase per language.
    missing: dict[str, str] = field(default_factory=dict)
    # Concepts of which a question must have one for this answer to fit: "how old" for an answer
    # that is only an age. Questions without any rank the intent lower.
    requires: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    # The line of each phrasing in `questions`, so that checks can point at it.
    question_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return self.kind != IntentKind.UNKNOWN


class DetailKind(enum.StrEnum):
    """The kind of detail a question word asks for, as a fact's answer can give it."""

    YEAR = "year"
    NUMBER = "number"
    # A club, a match, a competition: a concept spelled the same in every language.
    NAME = "name"
    # Anything the sources say ("what does the article say about …").
    ANY = "any"


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, tuple[str, ...]]
    weight: float = 1.0
    # False for question words: in an answer or a source sentence "hvor" and "when" are relative
    # words, not a sign of what the sentence answers.
    evidence: bool = True
    # A question word that asks for a kind of detail ("which year", "how many", "what's the
    # name"): every fact whose answer gives such a detail answers it, phrased so or not.
    asks_for: DetailKind | None = None


class Season(enum.StrEnum):
    """A season of a dated event, as a range of months (the northern one: the sources' own)."""

    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"

    @property
    def months(self) -> tuple[int, int]:
        return {Season.SPRING: (3, 5), Season.SUMMER: (6, 8), Season.AUTUMN: (9, 11)}[self]


@dataclass(frozen=True)
class EventDate:
    """When a timeline event happened, as far as its sources say: a year, perhaps with a month
    or a season, or only the age he had then ("som 26-årig")."""

    year: int | None = None
    months: tuple[int, int] = (1, 12)
    day: int | None = None
    age: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    when: dict[str, str]
    text: dict[str, str]
    sources: tuple[SourceRef, ...]
    # Set where the sources date the event well enough to count with (ages, years between).
    date: EventDate | None = None


class CareerKind(enum.StrEnum):
    PLAYER = "player"
    COACH = "coach"


@dataclass(frozen=True)
class CareerYear:
    """A year a period starts or ends; `stated` is False where the sources give no year."""

    year: int
    stated: bool


@dataclass(frozen=True)
class CareerPeriod:
    """A club and a role over some years: one bar of the timeline picture."""

    club: str
    role: dict[str, str]
    kind: CareerKind
    start: CareerYear
    end: CareerYear
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class FactBase:
    directory: Path
    subject: Subject
    sources: dict[str, Source]
    concepts: tuple[Concept, ...]
    intents: tuple[Intent, ...]
    # Names of people and things that are not the subject: a question about them is out of scope.
    other_entities: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    career: tuple[CareerPeriod, ...] = ()
    # When to answer (bot.engine.calibration); None keeps the matcher's thresholds.
    calibration: Calibration | None = None

    def intent(self, intent_id: str) -> Intent:
        return next(i for i in self.intents if i.id == intent_id)

    @cached_property
    def answerable_intents(self) -> tuple[Intent, ...]:
        return tuple(i for i in self.intents if i.answerable)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def cites(quoted: Iterable[str], sentence: str) -> bool:
    """Whether the quotes `quoted` hold most of the words of `sentence`."""
    held = {word for quote in quoted for word in _words(quote)}
    said = _words(sentence)
    return not said or sum(word in held for word in said) >= CITED_SHARE * len(said)


class FactBaseError(Exception):
    """The fact base has problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


def default_facts_dir() -> Path:
    """The fact base shipped with the package, or the repository's when run from a checkout."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_facts"
    return shipped if shipped.is_dir() else package.parent / "facts"


class _Reader:
    """Collects problems while reading one fact base, so `facts check` can list them all."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []
        # Files that could not be parsed: their one problem is already reported.
        self.unreadable: set[str] = set()

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.directory.parent))
        except ValueError:
            return str(path)

    def problem(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def read(self, path: Path) -> Any:
        if not path.is_file():
            self.problem(self.shown(path), 1, "file is missing")
            self.unreadable.add(self.shown(path))
            return None
        try:
            return read_yaml(path, self.shown(path))
        except YamlError as exc:
            self.problems.append(exc.problem)
            self.unreadable.add(self.shown(path))
            return None

    def entries(self, path: Path, what: str) -> list[tuple[LineDict, str]]:
        """The mappings of a file that holds a list of them, each with the file's shown name;
        anything else in it is reported at its own line."""
        file = self.shown(path)
        entries = self.read(path)
        if entries is None:
            if file not in self.unreadable:
                self.problem(file, 1, f"the file is empty: it must be a list of {what}s")
            return []
        if not isinstance(entries, LineList):
            self.problem(file, 1, f"the file must be a list of {what}s")
            return []
        found = []
        for entry, line in zip(entries, entries.item_lines, strict=True):
            data = self.mapping(entry, file, line, f"a {what}")
            if data is not None:
                found.append((data, file))
        return found

    def mapping(self, value: Any, file: str, line: int, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        if file not in self.unreadable:
            self.problem(file, line, f"{what} must be a mapping")
        return None

    def keys(self, data: LineDict, file: str, required: set[str], optional: set[str]) -> bool:
        ok = True
        for key in sorted(required - data.keys()):
            self.problem(file, data.line, f"missing field '{key}'")
            ok = False
        # Keys need not be texts (`1: x` is an int key); sorted as texts so mixed keys compare.
        for key in sorted(data.keys() - required - optional, key=str):
            self.problem(file, data.line_of(key), f"unknown field '{key}'")
            ok = False
        return ok

    def text(self, data: LineDict, key: str, file: str) -> str:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.problem(file, data.line_of(key), f"'{key}' must be a non-empty text")
        return ""

    def texts(self, data: LineDict, key: str, file: str) -> tuple[str, ...]:
        value = data.get(key, LineList())
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(file, data.line_of(key), f"'{key}' must be a list of non-empty texts")
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, data: LineDict, key: str, file: str) -> bool:
        value = data.get(key, False)
        if isinstance(value, bool):
            return value
        self.problem(file, data.line_of(key), f"'{key}' must be true or false")
        return False

    def per_language(self, data: LineDict, key: str, file: str) -> LineDict:
        value = self.mapping(data.get(key), file, data.line_of(key), f"'{key}'")
        if value is None:
            return _empty_mapping(data.line_of(key))
        for lang in sorted(value.keys() - set(LANGUAGES), key=str):
            self.problem(file, value.line_of(lang), f"unknown language '{lang}' in '{key}'")
        return value


def _empty_mapping(line: int) -> LineDict:
    """A mapping with no keys, standing at `line`: what a missing one reads as."""
    empty = LineDict()
    empty.line = line
    empty.key_lines = {}
    return empty


_FILES = (
    "subject.yaml",
    "sources.yaml",
    "lexicon.yaml",
    "timeline.yaml",
    "career.yaml",
    "calibration.yaml",
)


def fact_base_files(directory: Path) -> list[Path]:
    """Every file that `load_fact_base` reads from `directory` (some may be missing)."""
    return [directory / name for name in _FILES] + sorted((directory / "intents").glob("*.yaml"))


def load_fact_base(directory: Path | None = None, *, calibrated: bool = True) -> FactBase:
    """Load and validate the fact base in `directory`; raise FactBaseError listing every problem.
    Without `calibrated`, calibration.yaml is not read: `thorup-bot calibrate` fits it anew, also
    where the one there was fitted for other code."""
    directory = Path(directory) if directory is not None else default_facts_dir()
    reader = _Reader(directory)
    if not directory.is_dir():
        raise FactBaseError([Problem(str(directory), 1, "fact base folder not found")])
    subject, roles = _load_subject(reader, directory / "subject.yaml")
    sources = _load_sources(reader, directory / "sources.yaml")
    before_lexicon = len(reader.problems)
    concepts, others = _load_lexicon(reader, directory / "lexicon.yaml")
    before_intents = len(reader.problems)
    intents = _load_intents(reader, directory / "intents", sources)
    known_concepts = {concept.id for concept in concepts}
    for intent in intents:
        for concept_id in sorted(set(intent.requires) - known_concepts):
            reader.problem(
                intent.file,
                intent.line,
                f"intent '{intent.id}' requires unknown concept '{concept_id}'",
            )
    # Roles are checked against the lexicon and the intents only where those were read whole.
    _check_roles(
        reader,
        reader.shown(directory / "subject.yaml"),
        roles,
        concepts if before_intents == before_lexicon else None,
        intents if len(reader.problems) == before_intents else None,
    )
    # The years an event's date may state besides its quotes: his birth, the sources' own dates.
    # Without a readable subject that cannot be told (its one problem is reported already).
    known_years = (
        {int(source.published[:4]) for source in sources.values()} | {subject.birth_date.year}
        if subject is not None
        else None
    )
    timeline = _load_timeline(reader, directory / "timeline.yaml", sources, known_years)
    career = _load_career(reader, directory / "career.yaml", sources)
    calibration = _load_calibration(reader, directory / "calibration.yaml") if calibrated else None
    if reader.problems or subject is None:
        raise FactBaseError(reader.problems or [Problem("subject.yaml", 1, "no subject")])
    return FactBase(
        directory, subject, sources, concepts, intents, others, timeline, career, calibration
    )


def _load_timeline(
    reader: _Reader, path: Path, sources: dict[str, Source], known_years: set[int] | None
) -> tuple[TimelineEntry, ...]:
    """The optional career timeline: `when`, a line per language and its sources."""
    if not path.is_file():
        return ()
    timeline = []
    for data, file in reader.entries(path, "timeline entry"):
        if not reader.keys(data, file, {"when", "da", "en", "sources"}, {"date"}):
            continue
        when = reader.per_language(data, "when", file)
        refs = _read_refs(reader, data, file, sources)
        timeline.append(
            TimelineEntry(
                when={lang: str(when.get(lang, "")) for lang in LANGUAGES},
                text={lang: reader.text(data, lang, file) for lang in LANGUAGES},
                sources=refs,
                date=_event_date(reader, data, file, refs, known_years) if "date" in data else None,
            )
        )
    return tuple(timeline)


def _event_date(
    reader: _Reader,
    data: LineDict,
    file: str,
    refs: tuple[SourceRef, ...],
    known_years: set[int] | None,
) -> EventDate | None:
    """A timeline entry's `date`: `year` (with `month` or `season`) or `age`, each a number its
    quotes state (or a year in `known_years`), since answers count with it as a fact."""
    line = data.line_of("date")
    value = reader.mapping(data["date"], file, line, "'date'")
    if value is None or not reader.keys(
        value, file, set(), {"year", "month", "day", "season", "age"}
    ):
        return None
    numbers = {key: value[key] for key in ("year", "month", "day", "age") if key in value}
    if any(not isinstance(n, int) or isinstance(n, bool) for n in numbers.values()):
        reader.problem(
            file, line, "'date' values 'year', 'month', 'day', 'age' must be whole numbers"
        )
        return None
    season = value.get("season")
    if season is not None and season not in list(Season):
        reader.problem(file, line, f"'season' must be one of {', '.join(Season)}")
        return None
    year, month, age = numbers.get("year"), numbers.get("month"), numbers.get("age")
    day = numbers.get("day")
    if (
        (year is None) == (age is None)
        or (month is not None and season is not None)
        or (day is not None and month is None)
    ):
        reader.problem(
            file, line, "'date' needs a 'year' (with a 'month', and 'day', or 'season') or an 'age'"
        )
        return None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        reader.problem(file, line, "'month' must be 1 to 12 and 'day' 1 to 31")
        return None
    quotes = " ".join(ref.quote for ref in refs)
    stated = year if year is not None else age
    if (
        known_years is not None
        and stated not in known_years
        and not re.search(rf"(?<!\d){stated}(?!\d)", quotes)
    ):
        reader.problem(file, line, f"'date' says {stated}, which none of the entry's quotes says")
        return None
    months = (month, month) if month else Season(season).months if season else (1, 12)
    return EventDate(year=year, months=months, day=day, age=age)


_CAREER_YEAR = re.compile(r"^(\d{4})(\??)$")


def _load_calibration(reader: _Reader, path: Path) -> Calibration | None:
    """The optional answer-or-not model that `thorup-bot calibrate` writes."""
    if not path.is_file():
        return None
    file = reader.shown(path)
    data = reader.mapping(reader.read(path), file, 1, "calibration.yaml")
    keys = {"threshold", "intercept", "weights", "default_prior", "priors"}
    if data is None or not reader.keys(data, file, keys, {"fans"}):
        return None
    fans = _calibration_fans(reader, data, file)
    if fans is None:
        return None
    weights = reader.mapping(data["weights"], file, data.line_of("weights"), "'weights'")
    priors = reader.mapping(data["priors"], file, data.line_of("priors"), "'priors'")
    if weights is None or priors is None:
        return None
    chances = [(data, "threshold"), (data, "default_prior"), *((priors, i) for i in priors)]
    for table, key in [(data, "intercept"), *((weights, name) for name in weights), *chances]:
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            reader.problem(file, table.line_of(key), f"'{key}' must be a number")
            return None
    for table, key in chances:
        if not 0 <= table[key] <= 1:
            reader.problem(file, table.line_of(key), f"'{key}' must be between 0 and 1")
            return None
    if set(weights) != set(FEATURES):
        unknown = sorted(set(weights) - set(FEATURES))
        missing = sorted(set(FEATURES) - set(weights))
        line = weights.line_of(unknown[0]) if unknown else data.line_of("weights")
        named = ", ".join(f"'{name}'" for name in unknown or missing)
        what = "signals the matcher does not report" if unknown else "signals missing"
        reader.problem(file, line, f"{what}: {named}; run 'thorup-bot calibrate' again")
        return None
    return Calibration(
        float(data["intercept"]),
        {name: float(weights[name]) for name in FEATURES},
        float(data["threshold"]),
        {str(intent): float(priors[intent]) for intent in priors},
        float(data["default_prior"]),
        tuple(fans),
    )


def _calibration_fans(reader: _Reader, data: LineDict, file: str) -> list[FanQuestion] | None:
    """The labelled questions a calibration remembers: a block of lines under `fans: |`, each
    the JSON list `[wording, [concept, ...], [intent, ...]]`."""
    fans = data.get("fans", "")
    if not isinstance(fans, str):
        reader.problem(file, data.line_of("fans"), "'fans' must be a block of lines ('fans: |')")
        return None
    read = []
    # A literal block keeps its lines as they are in the file, from the line after the key.
    for line, text in enumerate(fans.splitlines(), start=data.line_of("fans") + 1):
        try:
            fan = json.loads(text)
        except ValueError:
            fan = None
        if (
            not isinstance(fan, list)
            or len(fan) != 3
            or not isinstance(fan[0], str)
            or not all(isinstance(part, list) for part in fan[1:])
            or not all(isinstance(name, str) for part in fan[1:] for name in part)
        ):
            reader.problem(
                file,
                line,
                "a fan question must be [wording, [concept, ...], [intent, ...]] in JSON",
            )
            return None
        read.append(FanQuestion(fan[0], tuple(fan[1]), frozenset(fan[2])))
    return read


def _load_career(
    reader: _Reader, path: Path, sources: dict[str, Source]
) -> tuple[CareerPeriod, ...]:
    """The optional career periods: club, role per language, kind, years and sources."""
    if not path.is_file():
        return ()
    career = []
    for data, file in reader.entries(path, "career period"):
        if not reader.keys(data, file, {"club", "role", "kind", "from", "to", "sources"}, set()):
            continue
        role = reader.per_language(data, "role", file)
        kind = data["kind"]
        if not isinstance(kind, str) or kind not in set(CareerKind):
            reader.problem(
                file, data.line_of("kind"), f"'kind' must be one of {', '.join(CareerKind)}"
            )
            continue
        start = _career_year(reader, data, "from", file)
        end = _career_year(reader, data, "to", file)
        if start and end and start.year > end.year:
            reader.problem(file, data.line_of("to"), "'to' is before 'from'")
            continue
        career.append(
            CareerPeriod(
                club=reader.text(data, "club", file),
                role={lang: reader.text(role, lang, file) if role else "" for lang in LANGUAGES},
                kind=CareerKind(kind),
                start=start or CareerYear(0, False),
                end=end or CareerYear(0, False),
                sources=_read_refs(reader, data, file, sources),
            )
        )
    return tuple(career)


def _career_year(reader: _Reader, data: LineDict, key: str, file: str) -> CareerYear | None:
    found = _CAREER_YEAR.match(str(data[key]))
    if found is None:
        reader.problem(
            file, data.line_of(key), f"'{key}' must be a year, or a year and '?' if not stated"
        )
        return None
    return CareerYear(int(found[1]), stated=not found[2])


def _load_subject(reader: _Reader, path: Path) -> tuple[Subject | None, LineDict]:
    """The subject, and its `roles` as read: they are checked against the lexicon and the
    intents once those are loaded."""
    file = reader.shown(path)
    data = reader.mapping(reader.read(path), file, 1, "subject.yaml")
    if data is None:
        return None, _empty_mapping(1)
    roles_data = (
        reader.mapping(data["roles"], file, data.line_of("roles"), "'roles'")
        if "roles" in data
        else None
    )
    roles = _read_roles(reader, roles_data, file) if roles_data is not None else None
    roles_read = roles_data if roles_data is not None else _empty_mapping(1)
    fields = {"id", "name", "birth_date", "timezone", "names", "pronouns", "roles"}
    if not reader.keys(data, file, fields, {"referents"}):
        return None, roles_read
    pronouns = _read_pronouns(reader, data, file)
    birth = data["birth_date"]
    if not isinstance(birth, dt.date):
        reader.problem(file, data.line_of("birth_date"), "'birth_date' must be a date YYYY-MM-DD")
        birth = None
    zone = reader.text(data, "timezone", file)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        reader.problem(file, data.line_of("timezone"), f"unknown time zone '{zone}'")
        zone = ""
    name = reader.text(data, "name", file)
    if len(name) > MAX_NAME_CHARS:
        reader.problem(
            file,
            data.line_of("name"),
            f"'name' is longer than {MAX_NAME_CHARS} characters: slash command descriptions "
            "name the subject, and Discord allows them 100",
        )
    if birth is None or not zone or roles is None or pronouns is None:
        return None, roles_read
    subject = Subject(
        id=reader.text(data, "id", file),
        name=name,
        birth_date=birth,
        timezone=zone,
        names=reader.texts(data, "names", file),
        referents=reader.texts(data, "referents", file),
        pronouns=pronouns,
        roles=roles,
    )
    return subject, roles_read


def _read_pronouns(reader: _Reader, data: LineDict, file: str) -> dict[str, Pronouns] | None:
    """`pronouns`: for each language, `he` and `his` as the texts say them (han/hans, he/his)."""
    table = reader.mapping(data["pronouns"], file, data.line_of("pronouns"), "'pronouns'")
    if table is None or not reader.keys(table, file, set(LANGUAGES), set()):
        return None
    pronouns = {}
    for lang in LANGUAGES:
        entry = reader.mapping(table[lang], file, table.line_of(lang), f"'pronouns' in {lang}")
        if entry is not None and reader.keys(entry, file, {"he", "his"}, set()):
            pronouns[lang] = Pronouns(
                reader.text(entry, "he", file), reader.text(entry, "his", file)
            )
    return pronouns if len(pronouns) == len(LANGUAGES) else None


def _read_roles(reader: _Reader, data: LineDict, file: str) -> Roles | None:
    """`roles`: the id of the concept or intent that plays each role."""
    if not reader.keys(data, file, set(ROLES), set()):
        return None
    ids = {role: reader.text(data, role, file) for role in ROLES}
    return Roles(**ids) if all(ids.values()) else None


def _check_roles(
    reader: _Reader,
    file: str,
    roles: LineDict,
    concepts: tuple[Concept, ...] | None,
    intents: tuple[Intent, ...] | None,
) -> None:
    """Every role names a concept of the lexicon or an intent that answers. `concepts` or
    `intents` is None where its files had problems: those are reported, and a role naming
    something that could not be read would only repeat them."""
    concept_ids = None if concepts is None else {concept.id for concept in concepts}
    kinds = None if intents is None else {intent.id: intent.kind for intent in intents}
    for role in ROLES:
        named = roles.get(role)
        if not isinstance(named, str) or not named.strip():
            continue
        named = named.strip()
        line = roles.line_of(role)
        if role in INTENT_ROLES and kinds is not None:
            if named not in kinds:
                reader.problem(
                    file, line, f"role '{role}' names intent '{named}', which does not exist"
                )
            elif kinds[named] == IntentKind.UNKNOWN:
                reader.problem(
                    file,
                    line,
                    f"role '{role}' names intent '{named}', which is of kind unknown: it must "
                    "answer, with its source",
                )
        elif role not in INTENT_ROLES and concept_ids is not None and named not in concept_ids:
            reader.problem(
                file,
                line,
                f"role '{role}' names concept '{named}', which lexicon.yaml does not have",
            )


def _load_sources(reader: _Reader, path: Path) -> dict[str, Source]:
    file = reader.shown(path)
    data = reader.mapping(reader.read(path), file, 1, "sources.yaml")
    if data is None or not reader.keys(data, file, {"sources"}, set()):
        return {}
    sources: dict[str, Source] = {}
    entries = data["sources"]
    if not isinstance(entries, LineList):
        reader.problem(file, data.line_of("sources"), "'sources' must be a list")
        return {}
    for entry in entries:
        item = reader.mapping(entry, file, entries.line, "a source")
        required = {"id", "title", "language", "published", "published_label", "paragraphs"}
        if item is None or not reader.keys(item, file, required, {"publisher", "translations"}):
            continue
        source_id = reader.text(item, "id", file)
        if source_id in sources:
            reader.problem(file, item.line_of("id"), f"duplicate source id '{source_id}'")
        labels = reader.per_language(item, "published_label", file)
        language = reader.text(item, "language", file)
        if language and language not in LANGUAGES:
            reader.problem(
                file, item.line_of("language"), f"'language' must be one of {', '.join(LANGUAGES)}"
            )
        publisher = item.get("publisher")
        if publisher is not None and not isinstance(publisher, str):
            reader.problem(file, item.line_of("publisher"), "'publisher' must be a text or null")
        sources[source_id] = Source(
            id=source_id,
            title=reader.text(item, "title", file),
            language=language,
            published=str(item["published"]),
            published_label={lang: str(labels.get(lang, item["published"])) for lang in LANGUAGES},
            publisher=publisher if isinstance(publisher, str) else None,
            paragraphs=(paragraphs := reader.texts(item, "paragraphs", file)),
            translations=_read_translations(reader, item, file, paragraphs),
            file=file,
            paragraph_lines=tuple(getattr(item.get("paragraphs"), "item_lines", ())),
        )
    return sources


def _read_translations(
    reader: _Reader, item: LineDict, file: str, paragraphs: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """Every paragraph rendered in each language the source is not written in."""
    language = item.get("language")
    rendered = (
        reader.per_language(item, "translations", file)
        if "translations" in item
        else _empty_mapping(item.line)
    )
    translations: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        if lang == language:
            continue
        if lang not in rendered:
            reader.problem(
                file, item.line_of("translations"), f"'translations' lacks the paragraphs in {lang}"
            )
            continue
        texts = reader.texts(rendered, lang, file)
        if texts and len(texts) != len(paragraphs):
            reader.problem(
                file,
                rendered.line_of(lang),
                f"'translations' in {lang} has {len(texts)} paragraphs, the source "
                f"{len(paragraphs)}: every paragraph needs exactly one rendering",
            )
        translations[lang] = texts
    return translations


def _load_lexicon(reader: _Reader, path: Path) -> tuple[tuple[Concept, ...], tuple[str, ...]]:
    file = reader.shown(path)
    data = reader.mapping(reader.read(path), file, 1, "lexicon.yaml")
    if data is None or not reader.keys(data, file, {"concepts"}, {"other_entities"}):
        return (), ()
    table = reader.mapping(data["concepts"], file, data.line_of("concepts"), "'concepts'")
    concepts = []
    for concept_id, body in (table or LineDict()).items():
        line = table.line_of(concept_id) if table else 1
        entry = reader.mapping(body, file, line, f"concept '{concept_id}'")
        optional = {"da", "en", "any", "weight", "evidence", "asks_for"}
        if entry is None or not reader.keys(entry, file, set(), optional):
            continue
        evidence = entry.get("evidence", True)
        if not isinstance(evidence, bool):
            reader.problem(file, entry.line_of("evidence"), "'evidence' must be true or false")
            continue
        weight = entry.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            reader.problem(file, entry.line_of("weight"), "'weight' must be a positive number")
            continue
        asks_for = entry.get("asks_for")
        # Compared one by one, not looked up in a set: a YAML list here is unhashable.
        if asks_for is not None and asks_for not in list(DetailKind):
            kinds = ", ".join(DetailKind)
            reader.problem(file, entry.line_of("asks_for"), f"'asks_for' must be one of {kinds}")
            continue
        terms = {lang: reader.texts(entry, lang, file) for lang in ("da", "en", "any")}
        concepts.append(
            Concept(
                str(concept_id),
                terms,
                float(weight),
                evidence,
                DetailKind(asks_for) if asks_for is not None else None,
            )
        )
    return tuple(concepts), reader.texts(data, "other_entities", file)


def _load_intents(reader: _Reader, folder: Path, sources: dict[str, Source]) -> tuple[Intent, ...]:
    if not folder.is_dir():
        reader.problem(reader.shown(folder), 1, "intents folder is missing")
        return ()
    intents: list[Intent] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        # Only *.yaml is read: an intents file named .yml or .txt would otherwise be silently
        # left out. Hidden files (.gitkeep, editor swap files) are not fact files.
        if path.name.startswith("."):
            continue
        if path.suffix != ".yaml" or not path.is_file():
            reader.problem(reader.shown(path), 1, "not read: intents files must be named *.yaml")
            continue
        for data, file in reader.entries(path, "intent"):
            intent = _read_intent(reader, data, file, sources)
            if intent is None:
                continue
            line = data.line_of("id")
            if intent.id in seen:
                reader.problem(file, line, f"duplicate intent id '{intent.id}' ({seen[intent.id]})")
            seen[intent.id] = f"first in {file}:{line}"
            intents.append(intent)
    if not intents and not reader.problems:
        reader.problem(reader.shown(folder), 1, "the intents folder holds no intents")
    return tuple(intents)


_INTENT_FIELDS = {"id", "kind", "topics", "questions"}
_OPTIONAL_INTENT_FIELDS = {"answer", "sources", "compute", "time_sensitive", "missing", "requires"}


def _read_intent(
    reader: _Reader, data: LineDict, file: str, sources: dict[str, Source]
) -> Intent | None:
    if not reader.keys(data, file, _INTENT_FIELDS, _OPTIONAL_INTENT_FIELDS):
        return None
    intent_id = reader.text(data, "id", file)
    if intent_id and not _ID.match(intent_id):
        reader.problem(
            file, data.line_of("id"), f"intent id '{intent_id}' must be lower-case-with-dashes"
        )
    # Compared one by one, not looked up in a set: a YAML list or mapping here is unhashable.
    if data.get("kind") not in list(IntentKind):
        reader.problem(file, data.line_of("kind"), f"'kind' must be one of {', '.join(IntentKind)}")
        return None
    kind = IntentKind(data["kind"])
    questions_data = reader.per_language(data, "questions", file)
    questions = {}
    question_lines = {}
    for lang in LANGUAGES:
        phrasings = reader.texts(questions_data, lang, file) if questions_data else ()
        listed = questions_data.get(lang) if questions_data else None
        question_lines[lang] = tuple(getattr(listed, "item_lines", ()))
        if len(phrasings) < MIN_PHRASINGS[kind]:
            line = questions_data.line_of(lang) if questions_data else data.line
            reader.problem(
                file,
                line,
                f"intent '{intent_id}' needs at least {MIN_PHRASINGS[kind]} '{lang}' questions",
            )
        questions[lang] = phrasings
    compute = data.get("compute")
    answers: dict[str, str] = {}
    refs: tuple[SourceRef, ...] = ()
    missing: dict[str, str] = {}
    if kind == IntentKind.UNKNOWN:
        missing_data = (
            reader.per_language(data, "missing", file)
            if "missing" in data
            else _empty_mapping(data.line)
        )
        missing = (
            {lang: reader.text(missing_data, lang, file) for lang in LANGUAGES}
            if missing_data
            else {}
        )
    else:
        answer_data = reader.per_language(data, "answer", file)
        answers = (
            {lang: reader.text(answer_data, lang, file) for lang in LANGUAGES}
            if answer_data
            else {}
        )
        refs = _read_refs(reader, data, file, sources)
        _check_compute(reader, data, file, kind, compute, answers)
    return Intent(
        id=intent_id,
        kind=kind,
        topics=reader.texts(data, "topics", file),
        questions=questions,
        answers=answers,
        sources=refs,
        compute=compute,
        time_sensitive=reader.flag(data, "time_sensitive", file),
        missing=missing,
        requires=reader.texts(data, "requires", file),
        file=file,
        line=data.line,
        question_lines=question_lines,
    )


def _check_compute(
    reader: _Reader,
    data: LineDict,
    file: str,
    kind: IntentKind,
    compute: Any,
    answers: dict[str, str],
) -> None:
    if kind == IntentKind.FACT:
        if compute is not None:
            reader.problem(file, data.line_of("compute"), "'compute' is only for kind 'computed'")
        allowed: frozenset[str] = frozenset({"name"})
    elif not isinstance(compute, str) or compute not in COMPUTED_FIELDS:
        reader.problem(
            file, data.line_of("compute"), f"'compute' must be one of {', '.join(COMPUTED_FIELDS)}"
        )
        return
    else:
        allowed = COMPUTED_FIELDS[compute]
    for lang, text in answers.items():
        for field_name in _template_fields(text):
            if field_name not in allowed:
                reader.problem(
                    file,
                    data.line_of("answer"),
                    f"answer ({lang}) uses unknown field '{{{field_name}}}'",
                )


def _template_fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def _read_refs(
    reader: _Reader, data: LineDict, file: str, sources: dict[str, Source]
) -> tuple[SourceRef, ...]:
    entries = data.get("sources")
    if not isinstance(entries, LineList) or not entries:
        reader.problem(
            file, data.line_of("sources"), "an answer needs at least one source reference"
        )
        return ()
    refs = []
    for entry, line in zip(entries, entries.item_lines, strict=True):
        ref = reader.mapping(entry, file, line, "a source reference")
        if ref is None or not reader.keys(ref, file, {"source", "paragraph", "quote"}, set()):
            continue
        source = sources.get(str(ref["source"]))
        quote = ref["quote"].strip() if isinstance(ref["quote"], str) else ""
        number = ref["paragraph"]
        if source is None:
            reader.problem(file, ref.line_of("source"), f"unknown source '{ref['source']}'")
        elif not quote:
            # An empty quote is "in" every paragraph: it would cite nothing and pass.
            reader.problem(file, ref.line_of("quote"), "'quote' must be a non-empty text")
        elif (
            isinstance(number, bool)
            or not isinstance(number, int)
            or not 1 <= number <= len(source.paragraphs)
        ):
            reader.problem(
                file,
                ref.line_of("paragraph"),
                f"source '{source.id}' has paragraphs 1 to {len(source.paragraphs)}, not {number}",
            )
        elif quote not in source.paragraph(number):
            reader.problem(
                file,
                ref.line_of("quote"),
                f"quote is not verbatim in '{source.id}' paragraph {number}: {quote[:60]!r}",
            )
        else:
            refs.append(SourceRef(source.id, number, quote))
    return tuple(refs)
