"""Counting with the dated events of the timeline: his age at one, the years between two.

The sources date events loosely ("i 2018", "i februar 2016", "som 26-årig"), so every result is a
range of whole numbers, one number where the sources allow only one: at an event "in 2018" a man
born on 21 February 1970 was 47 or 48, in the autumn of 2018 he was 48.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.engine.facts import EventDate, TimelineEntry

# How much more what a question says counts than what an event says, when fitting the two.
RECALL_WEIGHT = 2.0


@dataclass(frozen=True)
class Span:
    """Whole numbers from `low` to `high`: what loosely dated events allow."""

    low: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.high


def year_of(birth: dt.date, when: EventDate) -> Span:
    """The calendar year of an event; dated by his age only, one of two years."""
    if when.year is not None:
        return Span(when.year, when.year)
    assert when.age is not None
    return Span(birth.year + when.age, birth.year + when.age + 1)


def age_at(birth: dt.date, when: EventDate) -> Span:
    """His age at an event: one number where the date is before or after his birthday for
    certain, two where the sources leave that open."""
    if when.age is not None:
        return Span(when.age, when.age)
    assert when.year is not None
    turned = when.year - birth.year
    first, last = when.months
    birthday = (birth.month, birth.day)
    earliest = (first, when.day or 1)
    latest = (last, when.day or 31)
    low = turned - 1 if earliest < birthday else turned
    high = turned if latest >= birthday else turned - 1
    return Span(max(low, 0), max(high, 0))


def years_between(first: Span, second: Span) -> Span:
    """Calendar years from one event to another, in either order."""
    early, late = sorted((first, second), key=lambda span: span.low)
    return Span(max(late.low - early.high, 0), late.high - early.low)


@dataclass(frozen=True)
class Event:
    """A timeline entry, dated or not, with what it is about."""

    entry: TimelineEntry
    # What the event is about, read as the matcher reads a question, with the weights it gives.
    concepts: Mapping[str, float]

    @property
    def date(self) -> EventDate | None:
        return self.entry.date

    @property
    def known_date(self) -> EventDate:
        """The date of an event that `EventIndex.named` found among the dated ones."""
        if self.entry.date is None:
            raise ValueError("the sources do not date this event")
        return self.entry.date


class EventIndex:
    """The events of a timeline, to find the ones a question speaks of."""

    def __init__(self, events: Iterable[Event]) -> None:
        self.events = tuple(events)
        self.dated = tuple(event for event in self.events if event.date is not None)
        self.dated_concepts = frozenset(c for event in self.dated for c in event.concepts)
        count = len(self.events)
        # A concept that many events share (his career, a club) tells them apart less.
        frequency: dict[str, int] = {}
        for event in self.events:
            for concept in event.concepts:
                frequency[concept] = frequency.get(concept, 0) + 1
        self._rarity = {c: math.log(1 + count / n) for c, n in frequency.items()}
        # What a word of the question that no event has would weigh there.
        self._unheard = math.log(1 + count)

    def named(
        self,
        concepts: dict[str, float],
        count: int,
        things: Iterable[str] = (),
        dated: bool = True,
    ) -> tuple[Event, ...]:
        """The `count` events (with `dated`, of those the sources date) that the question's
        weighted `concepts` name best, in the order they happened; fewer where the question names
        fewer. None where the best are tied (then it is not clear which was meant), or where
        `things` (the concepts that name something, not filler) that no event holds weigh more
        than what any chosen event shares with the question: "how old was he when he married"
        speaks of a wedding the timeline does not hold, not of the career events that share a
        word with it; in "how many years separated the win over United and the title" the
        word that no event holds is part of the question's shape."""
        weight = sum(w * self._rarity.get(c, self._unheard) for c, w in concepts.items())
        scored = sorted(
            (
                (round(self._fit(concepts, weight, event), 6), position)
                for position, event in enumerate(self.events)
                if event.date is not None or not dated
            ),
            reverse=True,
        )
        chosen = [(score, position) for score, position in scored[:count] if score > 0]
        if len(scored) > len(chosen) and chosen and scored[len(chosen)][0] == chosen[-1][0]:
            return ()
        unplaced = sum(concepts[t] * self._unheard for t in things if t not in self._rarity)
        if chosen and unplaced > max(self._shared(concepts, self.events[p]) for _, p in chosen):
            return ()
        return tuple(self.events[position] for _, position in sorted(chosen, key=lambda c: c[1]))

    def lead(self, concepts: dict[str, float]) -> float:
        """How many times better the best-fitting event fits than the next (infinite where only
        one fits at all)."""
        weight = sum(w * self._rarity.get(c, self._unheard) for c, w in concepts.items())
        fits = sorted((self._fit(concepts, weight, event) for event in self.events), reverse=True)
        if len(fits) < 2 or not fits[1]:
            return math.inf
        return fits[0] / fits[1]

    def _shared(self, concepts: dict[str, float], event: Event) -> float:
        return sum(w * self._rarity[c] for c, w in concepts.items() if c in event.concepts)

    def _fit(self, concepts: dict[str, float], weight: float, event: Event) -> float:
        """How well an event fits the question: the weight they share, against both sizes, the
        question's counting more (an F-score with beta RECALL_WEIGHT). "Dansk mester som
        spiller" fits the titles with OB, which have both words, before the title with FCM,
        which has one; among events with all its words, the one with fewest others fits best
        ("when did he come to Esbjerg as a player": his time there, not the end of it)."""
        shared = self._shared(concepts, event)
        if not shared:
            return 0.0
        own = sum(w * self._rarity[c] for c, w in event.concepts.items())
        precision, recall = shared / own, shared / weight
        beta = RECALL_WEIGHT**2
        return (1 + beta) * precision * recall / (beta * precision + recall)
