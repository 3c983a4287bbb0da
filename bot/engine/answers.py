"""Compose the answer to a question in the asker's language, with its source, or abstain."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

from bot.engine import i18n, smalltalk
from bot.engine.dates import (
    Clock,
    age_on,
    birthday_in_year,
    days_until,
    local_today,
    next_birthday,
    system_clock,
)
from bot.engine.events import Event, Span, age_at, year_of, years_between
from bot.engine.facts import EVENT_COMPUTATIONS, FactBase, Intent, Roles, SourceRef
from bot.engine.matcher import Analysis, Match, Matcher, MissingDetail
from bot.engine.stopwords import PREPOSITIONS
from bot.engine.text import (
    MAX_QUESTION_CHARS,
    fold,
    has_danish_letters,
    skeleton,
    without_choices,
)
from bot.engine.verdicts import Verdict

MAX_AGE = 120
# The confidence of a year counted from his age at an event the question names clearly.
ANSWER_BY_AGE = 0.6
# An answered question also offers intents that scored within this distance of the answer.
CLOSE_RUNNER_UP = 0.05


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from: source title and date, paragraph, and its exact words."""

    source_id: str
    title: str
    published: str
    publisher: str | None
    paragraph: int
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.source_id,
            "title": self.title,
            "date": self.published,
            "publisher": self.publisher,
            "paragraph": self.paragraph,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    text: str
    language: str
    confidence: float
    fact_id: str | None
    citations: tuple[Citation, ...]
    suggestions: tuple[str, ...] = ()
    note: str | None = None
    # An answer, or which kind of non-answer (see bot.engine.verdicts).
    verdict: Verdict = Verdict.ANSWER
    # The intents behind `suggestions`, in the same order.
    suggested_intents: tuple[str, ...] = ()
    # Whether the question was phrased as one (a question mark, or a question word first once
    # greetings are left out) rather than as chat: for adapters that answer only questions
    # where people also talk among themselves.
    phrased_as_question: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "answered": self.answered,
            "answer": self.text,
            "language": self.language,
            "confidence": self.confidence,
            "fact_id": self.fact_id,
            "source": self.citations[0].to_json() if self.citations else None,
            "sources": [c.to_json() for c in self.citations],
            "note": self.note,
            "verdict": self.verdict,
            "suggestions": list(self.suggestions),
        }


class AnswerEngine:
    """The question-answering engine: one fact base, one matcher index, one clock."""

    def __init__(
        self, facts: FactBase, clock: Clock = system_clock, matcher: Matcher | None = None
    ) -> None:
        """With `matcher`, an index already built over `facts` (see bot.engine.compiled)."""
        self.facts = facts
        self.matcher = matcher if matcher is not None else Matcher(facts)
        self.clock = clock

    def today(self) -> dt.date:
        return local_today(self.clock, self.facts.subject.zone)

    def read(self, question: str, default_language: str = "da") -> tuple[smalltalk.Reading, Match]:
        """The small talk in a question, and the match of what is left of it."""
        question = without_choices(question)
        said = smalltalk.read(question)
        # "hej bot, hvornår er han født?": the greeting is no part of what is asked.
        asked = " ".join(said.rest) if said.kind else question
        return said, self.matcher.match(asked, said.language or default_language)

    def ask(self, question: str, default_language: str = "da") -> Answer:
        question = question[:MAX_QUESTION_CHARS]
        said, match = self.read(question, default_language)
        return self.reply(question, said, match, default_language)

    def reply(
        self, question: str, said: smalltalk.Reading, match: Match, default_language: str = "da"
    ) -> Answer:
        """The answer to `question`, read as `read` reads it (`said`, `match`)."""
        question = without_choices(question)
        asks = said.phrased_as_question
        # "tak for hjælpen, du er guld", "tak bot ur the best": thanks or a greeting with words
        # that neither ask anything nor are about him; "can I ask you stuff in Danish too?": a
        # question to the bot that no fact answers.
        about_him = match.analysis.about_him
        aside = not about_him and (
            not asks if said.kind in smalltalk.ASIDES else not match.answered
        )
        # "Tillykke med de 50, Jess! 🎉" is said to him, not asked about him.
        if said.kind == smalltalk.SmallTalk.CONGRATULATIONS and not asks:
            aside = True
        if said.kind and (said.only_small_talk or match.verdict == Verdict.EMPTY or aside):
            return self._small_talk(question, said.kind, said.language or default_language, asks)
        # "Allez Gent!", "Kom så FCM!": a cheer, not a question about him; "@Mikkel kommer du
        # med?": said to another member.
        cheer = "!" in question and not asks
        # "ref is absolutely blind smh": no question, nothing about him, nothing it knows.
        remark = not asks and match.verdict == Verdict.OFF_TOPIC
        # Said to another member, greeting or not ("@Birthe ses vi til kaffe på torsdag?").
        to_another = question.lstrip().startswith("@")
        if (((cheer or remark) and not said.kind) or to_another) and not about_him:
            return self._small_talk(
                question, smalltalk.SmallTalk.CHATTER, match.analysis.language, asks
            )
        language = match.analysis.language
        suggested = self._suggestions(match)
        by_age = self._year_by_age(match, language, question)
        if by_age:
            text, refs, teller = by_age
            return Answer(
                question,
                True,
                text,
                language,
                max(match.confidence, ANSWER_BY_AGE),
                teller.id,
                tuple(self.cite(ref, language) for ref in refs),
                phrased_as_question=asks,
                # The suggestions were for a question the matcher was unsure of; this is the answer.
                **_offered((), language),
            )
        if match.verdict == Verdict.MISSING_DETAIL and match.intent and match.missing:
            return self._missing_detail(
                question, match, match.intent, match.missing, suggested, asks
            )
        # Declined by the calibration, though it fits a count that the sources cannot make.
        if (
            not match.answered
            and match.fits
            and match.intent
            and _uncountable(
                match.intent, self._counted(match.intent, language, question, match.analysis)
            )
        ):
            return self._missing_detail(
                question, match, match.intent, MissingDetail(undated=True), suggested, asks
            )
        if not match.answered or match.intent is None:
            return Answer(
                question,
                False,
                self._abstention(match, language),
                language,
                match.confidence,
                None,
                (),
                verdict=match.verdict,
                phrased_as_question=asks,
                **_offered(suggested, language),
            )
        return self._compose(match.intent, language, question, match, suggested, asks)

    def _small_talk(
        self, question: str, kind: smalltalk.SmallTalk, language: str, asks: bool
    ) -> Answer:
        """A short friendly reply with three example questions; never a fact."""
        return Answer(
            question,
            False,
            i18n.text(language, f"smalltalk_{kind}", **self.facts.subject.text_fields(language)),
            language,
            0.0,
            None,
            (),
            verdict=Verdict.SMALLTALK,
            phrased_as_question=asks,
            **_offered(self.examples(), language),
        )

    def examples(self) -> tuple[Intent, ...]:
        """Three questions that show the range of the fact base: its first, middle and last
        answerable intents."""
        intents = self.facts.answerable_intents
        count = len(intents)
        return tuple(intents[i] for i in sorted({i * count // 3 for i in range(min(3, count))}))

    def _missing_detail(
        self,
        question: str,
        match: Match,
        intent: Intent,
        missing: MissingDetail,
        suggested: tuple[Intent, ...],
        asks: bool,
    ) -> Answer:
        """'The article doesn't say <detail>; what it does say: <fact> (¶N)', not answered."""
        language = match.analysis.language
        source = self.facts.sources[intent.sources[0].source]
        if missing.undated:
            detail = i18n.text(language, "detail_when")
        elif missing.later_year is None:
            detail = i18n.text(language, "detail_year")
        else:
            detail = i18n.text(
                language,
                "detail_after_year" if missing.after else "detail_after_source",
                year=missing.later_year,
                published=source.published_label[language],
            )
        paragraphs = ", ".join(f"¶{ref.paragraph}" for ref in intent.sources)
        return Answer(
            question,
            False,
            i18n.text(
                language,
                "missing_detail",
                detail=detail,
                fact=self.render(intent, language, match.analysis),
                paragraphs=paragraphs,
            ),
            language,
            match.confidence,
            None,
            tuple(self.cite(ref, language) for ref in intent.sources),
            verdict=Verdict.MISSING_DETAIL,
            phrased_as_question=asks,
            **_offered(suggested, language),
        )

    def answer_for(self, intent_id: str, language: str) -> Answer:
        """The answer of one intent, as if its first phrasing had been asked (a "did you mean")."""
        intent = self.facts.intent(intent_id)
        return self._compose(intent, language, intent.questions[language][0], None, ())

    def _compose(
        self,
        intent: Intent,
        language: str,
        question: str,
        match: Match | None,
        suggested: tuple[Intent, ...],
        asks: bool = False,
    ) -> Answer:
        note = None
        if intent.time_sensitive:
            published = self.facts.sources[intent.sources[0].source].published_label[language]
            note = i18n.text(language, "as_of", published=published)
        counted = self._counted(intent, language, question, match.analysis) if match else None
        if match and _uncountable(intent, counted):
            return self._missing_detail(
                question, match, intent, MissingDetail(undated=True), suggested, asks
            )
        text, refs = counted or (
            self.render(intent, language, match.analysis if match else None),
            intent.sources,
        )
        return Answer(
            question,
            True,
            text,
            language,
            match.confidence if match else 1.0,
            intent.id,
            tuple(self.cite(ref, language) for ref in refs),
            note=note,
            phrased_as_question=asks,
            **_offered(suggested, language),
        )

    def cite(self, ref: SourceRef, language: str) -> Citation:
        source = self.facts.sources[ref.source]
        return Citation(
            source.id,
            source.title,
            source.published_label[language],
            source.publisher,
            ref.paragraph,
            ref.quote,
        )

    def render(self, intent: Intent, language: str, analysis: Analysis | None = None) -> str:
        """The answer text of `intent`, computed answers filled in for today."""
        subject = self.facts.subject
        fields: dict[str, Any] = subject.text_fields(language)
        if intent.compute:
            special = self._computed(intent.compute, analysis, language, fields)
            if special:
                return special
        return intent.answers[language].format_map(fields)

    def _computed(
        self, compute: str, analysis: Analysis | None, language: str, fields: dict[str, Any]
    ) -> str | None:
        """Fill `fields` for a computed answer; return a whole text where no template fits."""
        birth = self.facts.subject.birth_date
        today = self.today()
        years = analysis.years if analysis else ()
        ages = tuple(n for n in (analysis.numbers if analysis else ()) if 0 < n <= MAX_AGE)
        concepts = set(analysis.concepts) if analysis else set()
        fields["birth_date"] = i18n.format_date(birth, language)
        if compute == "age_today":
            fields["age"] = age_on(birth, today)
            return None
        if compute == "next_birthday":
            day = (
                birthday_in_year(birth, birth.year + ages[0])
                if ages
                else next_birthday(birth, today)
            )
        elif compute == "birthday_weekday":
            asked = _asked_year(years, ages, concepts, self.facts.subject.roles, birth, today)
            day = birthday_in_year(birth, asked)
        else:
            year = years[0] if years else today.year
            day = birthday_in_year(birth, year)
            fields.update(year=year, age_before=max(year - birth.year - 1, 0))
            if year <= birth.year:
                key = "born_that_year" if year == birth.year else "not_born_yet"
                return i18n.text(language, key, **fields, date=i18n.format_date(birth, language))
        fields.update(
            age=day.year - birth.year,
            date=i18n.format_date(day, language),
            weekday=i18n.weekday(day, language),
            days=days_until(day, today),
            year=day.year,
        )
        if compute == "next_birthday" and fields["days"] == 0:
            return i18n.text(language, "birthday_today", **fields)
        if compute == "next_birthday" and fields["days"] < 0:
            return i18n.text(language, "turned_on", **fields)
        return None

    def _counted(
        self, intent: Intent, language: str, question: str, analysis: Analysis
    ) -> tuple[str, tuple[SourceRef, ...]] | None:
        """His age at the event the question names, or the years between two (or since one),
        with the sources of those events; None where the question names no event clearly, and
        the intent's own answer (every dated event) is the reply."""
        # A name we do not know may be what the question is about ("… for Brøndby").
        if intent.compute not in EVENT_COMPUTATIONS or _names_unknown(
            question, analysis.unknown_words
        ):
            return None
        since = self.facts.subject.roles.since in analysis.concepts
        age = intent.compute == "age_at_event"
        # His age at one event is sought among all: an undated one that fits best ("... da han
        # blev pokalmester med OB") leaves nothing to count with. Two events for a span are
        # sought among the dated ones, which the sources' wording of a span names. The words
        # that make it a count ("how long", "since") name no event.
        events = self._events_named(
            question, 1 if age or since else 2, dated=not age, leaving=intent.requires
        )
        if not (age or since or len(events) == 2) and self.facts.subject.roles.now in (
            analysis.concepts
        ):
            # "How many years between his 50th birthday and today?": today is the second point.
            events = self._events_named(question, 1, dated=True, leaving=intent.requires)
            since = True
        if any(event.date is None for event in events):
            return None
        birth = self.facts.subject.birth_date
        if age and len(events) == 1:
            (event,) = events
            text = _count_text(
                language,
                "event_age",
                age=age_at(birth, event.known_date),
                event=self._event(event, language),
                birth_date=i18n.format_date(birth, language),
                **self.facts.subject.text_fields(language),
            )
            return text, (self._birth_source(), *event.entry.sources)
        if len(events) == 2:
            first, second = events
            years = years_between(
                year_of(birth, first.known_date), year_of(birth, second.known_date)
            )
            text = _count_text(
                language,
                "event_years",
                years=years,
                first=self._event(first, language),
                second=self._event(second, language),
            )
            return text, (*first.entry.sources, *second.entry.sources)
        if len(events) == 1 and since:
            (event,) = events
            this_year = self.today().year
            years = years_between(year_of(birth, event.known_date), Span(this_year, this_year))
            text = _count_text(
                language, "event_since", years=years, event=self._event(event, language)
            )
            return text, event.entry.sources
        return None

    def _year_by_age(
        self, match: Match, language: str, question: str
    ) -> tuple[str, tuple[SourceRef, ...], Intent] | None:
        """ "Which year did he go to Germany?": the fact names no year, but the timeline dates
        the event by his age ("som 26-årig"), so the year is one of two, counted from his birth."""
        missing = match.missing
        asked = self.facts.subject.roles.which_year in match.analysis.concepts
        if (
            not asked
            or match.verdict not in (Verdict.MISSING_DETAIL, Verdict.UNSURE, Verdict.UNKNOWN_DETAIL)
            or (missing is not None and (missing.later_year is not None or missing.undated))
        ):
            return None
        events = self._events_named(question, 1, dated=False)
        if len(events) != 1 or events[0].date is None or events[0].date.age is None:
            return None
        (event,) = events
        # A detail the sources lack wins only by what it shares with the event: "which year did
        # he go to Germany" is not asking for his goals there, as "which year did he score
        # most in Germany" is.
        if (
            match.verdict == Verdict.UNKNOWN_DETAIL
            and match.intent
            and (
                not self.matcher.holds(match.intent, match.analysis.concepts)
                <= event.concepts.keys()
            )
        ):
            return None
        teller = self.matcher.fact_telling(event)
        if teller is None:
            return None
        birth = self.facts.subject.birth_date
        text = _count_text(
            language,
            "event_year_by_age",
            years=year_of(birth, event.known_date),
            age=age_at(birth, event.known_date),
            event=self._event(event, language),
            birth_date=i18n.format_date(birth, language),
            **self.facts.subject.text_fields(language),
        )
        return text, (self._birth_source(), *event.entry.sources), teller

    def _events_named(
        self, question: str, count: int, *, dated: bool, leaving: Iterable[str] = ()
    ) -> tuple[Event, ...]:
        """The timeline events the question speaks of, its concepts in `leaving` left out."""
        matcher = self.matcher
        found: tuple[Event, ...] = ()
        # A remark around the question may name another event ("… asking for a school thing"):
        # then the sentences that ask are read alone, and then the clauses.
        asking = (smalltalk.asking_part(question), smalltalk.asking_clauses(question))
        for text in dict.fromkeys((question, *asking)):
            topic = {
                c: w for c, w in matcher.topic(text, question=True).items() if c not in leaving
            }
            found = matcher.events.named(
                topic, count, topic.keys() & matcher.lexicon_concepts, dated
            )
            if len(found) == count:
                break
        return found

    def _birth_source(self) -> SourceRef:
        """An age rests on his birth date, cited as the birth-date fact cites it."""
        return self.facts.intent(self.facts.subject.roles.birth_date).sources[0]

    @staticmethod
    def _event(event: Event, language: str) -> str:
        return i18n.text(
            language, "event", when=event.entry.when[language], text=event.entry.text[language]
        )

    def _suggestions(self, match: Match) -> tuple[Intent, ...]:
        """ "Did you mean" intents: when unsure, the nearest ones (or a few good starting points);
        when answered, only those that came close to the chosen one."""
        if match.answered:
            return match.suggestions(close_to_top=CLOSE_RUNNER_UP)
        return match.suggestions() or self.facts.answerable_intents[:3]

    def _abstention(self, match: Match, language: str) -> str:
        name = self.facts.subject.name
        if match.verdict == Verdict.UNKNOWN_DETAIL and match.intent and match.intent.missing:
            return i18n.text(language, "dont_know_detail", missing=match.intent.missing[language])
        if match.verdict == Verdict.UNKNOWN_DETAIL:
            return i18n.text(language, "dont_know")
        if match.verdict == Verdict.OFF_TOPIC:
            return i18n.text(language, "off_topic", name=name)
        if match.verdict == Verdict.EMPTY:
            return i18n.text(language, "empty", name=name)
        # Not understood is not the same as not in the sources: ask back instead.
        return i18n.text(language, "unsure", name=name)


def _asked_year(
    years: tuple[int, ...],
    ages: tuple[int, ...],
    concepts: set[str],
    roles: Roles,
    birth: dt.date,
    today: dt.date,
) -> int:
    """Which year's birthday a weekday question is about."""
    if years:
        return years[0]
    if ages:
        return birth.year + ages[0]
    if roles.born in concepts:
        return birth.year
    if roles.next in concepts and roles.year_word in concepts:
        return today.year + 1
    if roles.now in concepts:
        return today.year
    return next_birthday(birth, today).year


def _uncountable(intent: Intent, counted: tuple[str, tuple[SourceRef, ...]] | None) -> bool:
    """ "How old was he when he married?": the intent counts from the timeline, and the question
    names no dated event to count with (`counted`, the count, is None)."""
    return intent.compute in EVENT_COMPUTATIONS and counted is None


def _names_unknown(question: str, unknown: tuple[str, ...]) -> bool:
    """Whether a word we do not know looks like a name: capitalised where a sentence does not
    begin, or written with æ, ø or å after a preposition ("for Brøndby", "for brøndby"), unlike
    "span", "arrived", "knægten" or the "Regn" of "… med Esbjerg? Regn med dags dato"."""
    if not unknown:
        return False
    found = list(re.finditer(r"[^\W\d_]+", question))
    words = [match.group() for match in found]
    return any(
        (word[0].isupper() and not _opens_sentence(question, found[position].start()))
        or (has_danish_letters(word) and position > 0 and fold(words[position - 1]) in PREPOSITIONS)
        for position, word in enumerate(words)
        if fold(word) in unknown or skeleton(fold(word)) in unknown
    )


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".?!:"


def _count_text(language: str, key: str, /, **fields: Any) -> str:
    """A count's text: each `Span` field as "48", or "47 eller 48" where the sources allow both,
    and then the note that the source dates it no closer."""
    spans = {name: value for name, value in fields.items() if isinstance(value, Span)}
    loose = any(not span.exact for span in spans.values())
    for name, span in spans.items():
        fields[name] = (
            str(span.low)
            if span.exact
            else i18n.text(language, "either", low=span.low, high=span.high)
        )
    return i18n.text(
        language, key, loose=i18n.text(language, "loosely_dated") if loose else "", **fields
    )


class _Offer(TypedDict):
    suggestions: tuple[str, ...]
    suggested_intents: tuple[str, ...]


def _offered(suggested: tuple[Intent, ...], language: str) -> _Offer:
    """The "did you mean" questions and the intents behind them, in the same order."""
    return {
        "suggestions": tuple(intent.questions[language][0] for intent in suggested),
        "suggested_intents": tuple(intent.id for intent in suggested),
    }
