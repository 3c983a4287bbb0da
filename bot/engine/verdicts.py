"""What the engine made of a question: an answer, or which kind of non-answer."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    ANSWER = "answer"
    # About him, but a detail the sources do not hold (his salary, his wife's name).
    UNKNOWN_DETAIL = "unknown_detail"
    # The nearest fact lacks what was asked (a year, a number, anything after the source's date);
    # the reply says so and gives that fact as what the sources do say.
    MISSING_DETAIL = "missing_detail"
    # No intent fits well enough, or two fit equally: a "did you mean", not "the sources don't say".
    UNSURE = "unsure"
    OFF_TOPIC = "off_topic"
    EMPTY = "empty"
    # A greeting, thanks, "who are you", "help" or chatter: a short reply, never a fact.
    SMALLTALK = "smalltalk"
    # Never the engine's own: how the store records a "did you mean" that the fan clicked.
    CLICKED = "clicked"


# Non-answers whose suggestions are guesses at what was meant ("did you mean"), rather than
# examples of what can be asked ("try for example").
ASKING_BACK = frozenset(
    {Verdict.ANSWER, Verdict.UNSURE, Verdict.UNKNOWN_DETAIL, Verdict.MISSING_DETAIL}
)
