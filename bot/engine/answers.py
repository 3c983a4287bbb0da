"""Compose the answer to a question in the asker's language, with its source, or abstain."""

from __future__ import annotations

import datetime as dt
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
from bot.engine.facts import FactBase, Intent, SourceRef
from bot.engine.matcher import Analysis, Match, Matcher, MissingDetail
from bot.engine.text import MAX_QUESTION_CHARS
from bot.engine.verdicts import Verdict

MAX_AGE = 120
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

    def ask(self, question: str, default_language: str = "da") -> Answer:
        question = question[:MAX_QUESTION_CHARS]
        said = smalltalk.read(question)
        # "hej bot, hvornår er han født?": the greeting is no part of what is asked.
        asked = " ".join(said.rest) if said.kind else question
        match = self.matcher.match(asked, said.language or default_language)
        asks = said.phrased_as_question
        if said.kind and (said.only_small_talk or match.verdict == Verdict.EMPTY):
            return self._small_talk(question, said.kind, said.language or default_language, asks)
        language = match.analysis.language
        suggested = self._suggestions(match)
        if match.verdict == Verdict.MISSING_DETAIL and match.intent and match.missing:
            return self._missing_detail(
                question, match, match.intent, match.missing, suggested, asks
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
            i18n.text(language, f"smalltalk_{kind}", name=self.facts.subject.name),
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
        if missing.later_year is None:
            detail = i18n.text(language, "detail_year")
        else:
            detail = i18n.text(
                language,
                "detail_after_source",
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
        return Answer(
            question,
            True,
            self.render(intent, language, match.analysis if match else None),
            language,
            match.confidence if match else 1.0,
            intent.id,
            tuple(self.cite(ref, language) for ref in intent.sources),
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
        fields: dict[str, Any] = {"name": subject.name}
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
            day = birthday_in_year(birth, _asked_year(years, ages, concepts, birth, today))
        else:
            year = years[0] if years else today.year
            day = birthday_in_year(birth, year)
            fields.update(year=year, age_before=max(year - birth.year - 1, 0))
            if year <= birth.year:
                key = "born_that_year" if year == birth.year else "not_born_yet"
                return i18n.text(
                    language,
                    key,
                    name=fields["name"],
                    year=year,
                    date=i18n.format_date(birth, language),
                )
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
    birth: dt.date,
    today: dt.date,
) -> int:
    """Which year's birthday a weekday question is about."""
    if years:
        return years[0]
    if ages:
        return birth.year + ages[0]
    if "born" in concepts:
        return birth.year
    if "next" in concepts and "yearword" in concepts:
        return today.year + 1
    if "now" in concepts:
        return today.year
    return next_birthday(birth, today).year


class _Offer(TypedDict):
    suggestions: tuple[str, ...]
    suggested_intents: tuple[str, ...]


def _offered(suggested: tuple[Intent, ...], language: str) -> _Offer:
    """The "did you mean" questions and the intents behind them, in the same order."""
    return {
        "suggestions": tuple(intent.questions[language][0] for intent in suggested),
        "suggested_intents": tuple(intent.id for intent in suggested),
    }
