"""How likely an intent is to answer a question, judged by the words of the labelled questions.

The fan memory's nearest question speaks for one question; this speaks for all of them: a naive
Bayes over the words and concepts of every labelled question (each counted once per question),
with the intents that answer it rightly as its classes and one more class for the questions that
must be declined. Fans borrow each other's words ("gaffer", "sacked", "bricking it") far more
often than they repeat each other's questions, and a word seen with one intent again and again
is evidence for it wherever it turns up. Measured on labelled batches left out of the fit, its
chance for the best intent let the calibration answer about fifty more questions rightly at the
same threshold, with about fifteen fewer wrong answers.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# The class of the questions that must be declined; no intent id is empty.
DECLINED = ""
# Additive smoothing of the counts: 0.5 and 0.1 measured alike on batches left out of the fit.
ALPHA = 0.5
# A word is counted once that many questions hold it: a word of one question tells more about
# that question than about its intents. Concepts always count: the lexicon gave them meaning.
MIN_QUESTIONS = 2
# Set before a concept's id, so that a concept and a word spelled alike ("born") stay apart: no
# folded word holds it.
_CONCEPT = "\x00"


# The words as the matcher read them, unstemmed and one by one: stemmed, or with each pair of
# neighbouring words besides, they measured no better on batches left out of the fit.
def _features(wording: str, concepts: Iterable[str]) -> set[str]:
    return {*wording.split(), *(_CONCEPT + concept for concept in concepts)}


class FanWords:
    """A naive Bayes over labelled questions: `questions` as (wording, concepts, the intents
    answering it rightly, none where it must be declined)."""

    def __init__(self, questions: Iterable[tuple[str, Sequence[str], Iterable[str]]]) -> None:
        labelled = [
            (_features(wording, concepts), tuple(right) or (DECLINED,))
            for wording, concepts, right in questions
        ]
        seen = Counter(feature for features, _ in labelled for feature in features)
        vocabulary = {
            feature
            for feature, count in seen.items()
            if count >= MIN_QUESTIONS or feature.startswith(_CONCEPT)
        }
        examples: Counter[str] = Counter()
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for features, classes in labelled:
            for name in classes:
                examples[name] += 1
                counts[name].update(features & vocabulary)
        total = sum(examples.values())
        size = len(vocabulary)
        self._classes = tuple(sorted(examples))
        # A class's score for a question is its base, less what each known feature the class
        # never saw costs it, plus for each feature it saw what that adds (`_gains`): only the
        # few classes that saw a feature are touched for it.
        self._base = {name: math.log(examples[name] / total) for name in self._classes}
        self._unseen = {
            name: math.log(ALPHA) - math.log(sum(counts[name].values()) + ALPHA * size)
            for name in self._classes
        }
        gains: dict[str, dict[str, float]] = defaultdict(dict)
        for name, tally in counts.items():
            for feature, count in tally.items():
                gains[feature][name] = math.log(count + ALPHA) - math.log(ALPHA)
        self._gains = dict(gains)

    def chance(self, wording: str, concepts: Sequence[str], intent: str) -> float:
        """The chance that `intent` answers the question rightly; 0.0 for an intent no labelled
        question was answered by, and where no question was labelled."""
        if intent not in self._base:
            return 0.0
        # In sorted order: a float sum in the order of a set's hashes differs in its last bits
        # from one run to another, and a refit must not depend on PYTHONHASHSEED.
        known = [self._gains[f] for f in sorted(_features(wording, concepts)) if f in self._gains]
        scores = {
            name: self._base[name] + len(known) * self._unseen[name] for name in self._classes
        }
        for gain in known:
            for name, value in gain.items():
                scores[name] += value
        top = max(scores.values())
        return math.exp(scores[intent] - top) / math.fsum(
            math.exp(score - top) for score in scores.values()
        )
