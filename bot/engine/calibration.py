"""Whether to answer: a logistic model over what the matcher read, fitted on labelled questions.

A single threshold on the matcher's score answers many questions whose best intent is wrong and
declines many whose best intent is right: the score alone does not tell them apart. The model
weighs the score with the other signs the matcher has (how much of the question the intent
covers, and by its phrasings or only by its answer and source; rare words left uncovered; words
it does not know; whether the question names him; how near, letter by letter, the question is
to a phrasing of the best intent rather than of its rivals), how often the intent ranked first
was right in the labelled files, whether the labelled question nearest to this one was rightly
answered by it, and what the words of all of them say of it (`FanWords`), into an estimate of the
chance that the best intent is right.
`thorup-bot calibrate` fits it on labelled question files and writes `calibration.yaml` (the
weights, the priors and the labelled questions) into the fact base; without that file the
matcher keeps its thresholds.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from bot.engine.fan_words import FanWords

# What the matcher reports for a question whose best intent is answerable, in this order (see
# `Matcher.signals`). A calibration that names other signals was fitted for other code.
SIGNALS = (
    "confidence",
    "top_score",
    "runner_up_score",
    "recall",
    "runner_up_recall",
    "uncovered",
    "rare_covered",
    "rare_uncovered",
    "free_uncovered",
    "unknown",
    "phrasing_recall",
    "evidence_recall",
    "phrasing_agrees",
    "evidence_agrees",
    "unanswerable_near",
    "concepts",
    "unknown_words",
    "rarest_covered",
    "names_him",
    "about_him",
    "names_event",
    "names_story",
    "yes_no",
    "english",
    "years",
    "numbers",
    "wording_lead",
    "quotes_source",
)

# Answer from an estimated 72 % chance of being right: on labelled batches left out of the fit,
# more right answers, more rightly declined and fewer wrong ones than 74 % gave before the fan
# memory's nearness and share were weighed; at 70 %, each four right answers gained cost one
# more wrong one (README, "How well it does").
DEFAULT_THRESHOLD = 0.72
# How strongly the weights are held towards zero: measured on batches left out of the fit, a
# weaker pull (0.1) did slightly better than 1 and much better than 10.
L2 = 0.1

# Newton's method converges in a handful of steps on this convex problem; more is a safeguard.
_STEPS = 50
_TOLERANCE = 1e-9


# Besides the matcher's signals, the model weighs how often the intent it ranked first was right
# in the labelled files: some facts are easy to ask for, others are often the neighbour of the one
# meant. Counted toward the files' average with this many questions' weight, so that a fact seen
# a few times is not taken at its word.
PRIOR = "intent_prior"
PRIOR_WEIGHT = 3.0
# And what the labelled fan questions nearest to it say: fans ask alike, in words no phrasing
# has. Whether the nearest was rightly answered by that intent; how near it is, and how near when
# it was (a near one says more, either way); how many of the FAN_VOTERS nearest were. Measured on
# batches left out of the fit, the nearness and the share add right answers at the same number of
# wrong ones. Counted, while fitting, from the other files only.
FAN = "fan_agrees"
FAN_NEARNESS = "fan_nearness"
FAN_NEAR_AGREES = "fan_near_agrees"
FAN_SHARE = "fan_share"
# And the chance that the words of all of them give it (`FanWords`).
FAN_CHANCE = "fan_chance"
FAN_FEATURES = (FAN, FAN_NEARNESS, FAN_NEAR_AGREES, FAN_SHARE, FAN_CHANCE)
FEATURES = (*SIGNALS, PRIOR, *FAN_FEATURES)
FAN_VOTERS = 5
# The concept sets of fan questions sharing most of a question's that are also compared letter
# by letter, for the nearest.
FAN_CANDIDATES = 10


@dataclass(frozen=True)
class LabelledMatch:
    """A question the matcher decided on, with its file, its best intent and whether that
    intent is a right answer; `wording` and `concepts`, its words and concepts as read."""

    source: str
    intent: str
    signals: Mapping[str, float]
    right: bool
    wording: str = ""
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class FanQuestion:
    """A labelled question: its words and concepts as the matcher read them, the intents that
    answer it rightly (none where it must be declined), and its file (empty once loaded)."""

    wording: str
    concepts: tuple[str, ...]
    right: frozenset[str]
    source: str = ""


class FanMemory:
    """Labelled fan questions, to find the one nearest a new question: by the share of their
    concepts' weight (a weighted Jaccard, with the matcher's `weight` for each concept) plus the
    similarity of their words letter by letter (rapidfuzz's Indel, as for the wording's lead).
    Either alone does worse: words alone find "what was the score when Midtjylland beat
    Manchester United" for "how old was he when …"; concepts alone miss how fans phrase."""

    def __init__(
        self,
        questions: Iterable[FanQuestion],
        weight: Callable[[str], float],
        phrasings: Iterable[FanQuestion] = (),
    ) -> None:
        """`questions`, the labelled fan questions; `phrasings`, the intents' own questions
        (`Matcher.first_phrasings`), which are found among the nearest but give no words: at
        10,000 intents each would be a class of the naive Bayes, and every question's chance a
        sum over all of them (7.9 ms a question instead of 0.8)."""
        labelled = tuple(questions)
        self._words = FanWords((q.wording, q.concepts, q.right) for q in labelled)
        self._questions = (*labelled, *phrasings)
        self._weight = weight
        # Questions asked with the same concepts share one entry ("kind"): their share is the
        # same. Kinds are numbered by their concepts' weight, lightest first: of kinds sharing
        # the same weight with a question, the lowest numbers share the largest part of theirs.
        kinds: dict[frozenset[str], list[int]] = defaultdict(list)
        for position, question in enumerate(self._questions):
            kinds[frozenset(question.concepts)].append(position)
        weights = {concept: weight(concept) for concepts in kinds for concept in concepts}
        # Sums over sets with math.fsum, exact whatever order the set gives: a float sum in the
        # order of a set's hashes differs in its last bits from one run to another, and that
        # decided near ties (and the refit) differently with another PYTHONHASHSEED.
        order = sorted(
            kinds.items(), key=lambda kind: (math.fsum(weights[c] for c in kind[0]), kind[1][0])
        )
        self._kinds = tuple(positions for _, positions in order)
        self._totals = tuple(math.fsum(weights[c] for c in concepts) for concepts, _ in order)
        holding: dict[str, set[int]] = defaultdict(set)
        for number, (concepts, _) in enumerate(order):
            for concept in concepts:
                holding[concept].add(number)
        self._holding = {concept: frozenset(numbers) for concept, numbers in holding.items()}
        self._weights = weights

    def votes(self, wording: str, concepts: Sequence[str], intent: str) -> dict[str, float]:
        """What the labelled questions say of `intent` as the answer (`FAN_FEATURES`): the
        nearest (all 0.0 where none shares a concept with the question), and all of them."""
        chance = {FAN_CHANCE: self._words.chance(wording, concepts, intent)}
        nearest = self.nearest(wording, concepts, FAN_VOTERS)
        if not nearest:
            return dict.fromkeys(FAN_FEATURES, 0.0) | chance
        nearness, first = nearest[0]
        agrees = float(intent in first.right)
        return {
            FAN: agrees,
            FAN_NEARNESS: nearness,
            FAN_NEAR_AGREES: nearness * agrees,
            FAN_SHARE: sum(intent in fan.right for _, fan in nearest) / FAN_VOTERS,
        } | chance

    def nearest(
        self, wording: str, concepts: Sequence[str], count: int
    ) -> list[tuple[float, FanQuestion]]:
        """The `count` labelled questions nearest this one, nearest first, each with its
        nearness: the share of concepts plus the similarity of the words (up to 2.0)."""
        asked = set(concepts)
        own = math.fsum(map(self._weight, asked))
        # The kinds grouped by the weight they share with the question, with set operations
        # rather than a sum per kind: the few groups, not the many kinds, are walked.
        groups: list[tuple[float, frozenset[int]]] = []
        seen: frozenset[int] = frozenset()
        for concept in sorted(asked & self._holding.keys()):
            holders, weight = self._holding[concept], self._weights[concept]
            split = []
            for share, group in groups:
                if both := group & holders:
                    split.append((share + weight, both))
                if rest := group - holders:
                    split.append((share, rest))
            if new := holders - seen:
                split.append((weight, new))
            groups, seen = split, seen | holders

        # Within a group the lightest kinds share the largest part; the largest parts first,
        # ties to the earlier question, whatever order the sets gave: a refit is repeatable.
        def closeness(kind: int, share: float) -> float | None:
            # Minus the part of the weight of both that they share (a weighted Jaccard), so that
            # the nearest sort first; None where neither has any weight.
            union = own + self._totals[kind] - share
            return -share / union if union > 0 else None

        # A group's lightest kind (its lowest number) bounds what it can offer: the groups are
        # taken best bound first, and the rest skipped once none can reach the tenth kind found.
        bounded = sorted(
            ((closeness(min(group), share) or 0.0, share, group) for share, group in groups),
            key=itemgetter(0),
        )
        likeliest: list[tuple[float, int, int]] = []
        for bound, share, group in bounded:
            if len(likeliest) == FAN_CANDIDATES and bound > likeliest[-1][0]:
                break
            likeliest.extend(
                (score, self._kinds[kind][0], kind)
                for kind in heapq.nsmallest(FAN_CANDIDATES, group)
                if (score := closeness(kind, share)) is not None
            )
            likeliest.sort()
            del likeliest[FAN_CANDIDATES:]
        if not likeliest:
            return []
        # Imported here, as in the matcher: rapidfuzz is a tenth of the start-up.
        from rapidfuzz import process
        from rapidfuzz.distance import Indel

        candidates = [
            (share, position) for share, _, kind in likeliest for position in self._kinds[kind]
        ]
        # One call compares the wording with them all, in rapidfuzz's own loop.
        similarity = [0.0] * len(candidates)
        for _, score, index in process.extract(
            wording,
            [self._questions[position].wording for _, position in candidates],
            scorer=Indel.normalized_similarity,
            limit=None,
        ):
            similarity[index] = score
        nearest = sorted(
            (
                (similarity[index] - share, -position)
                for index, (share, position) in enumerate(candidates)
            ),
            reverse=True,
        )[:count]
        return [(nearness, self._questions[-position]) for nearness, position in nearest]


@dataclass(frozen=True)
class Calibration:
    """A fitted model: answer when `probability` reaches `threshold`."""

    intercept: float
    weights: Mapping[str, float]
    threshold: float
    # How often each intent was right when ranked first, smoothed; `default_prior` for others.
    priors: Mapping[str, float]
    default_prior: float
    # The labelled questions it was fitted on, for `FanMemory`.
    fans: tuple[FanQuestion, ...] = ()

    def probability(
        self, signals: Mapping[str, float], intent: str, fan_votes: Mapping[str, float]
    ) -> float:
        """The chance that `intent`, ranked first with these `signals`, is right; `fan_votes`,
        what the nearest of the `fans` say of it (`FanMemory.votes`)."""
        features = {**signals, PRIOR: self.priors.get(intent, self.default_prior), **fan_votes}
        z = self.intercept + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return _logistic(z)


def _logistic(z: float) -> float:
    # exp overflows beyond ~709; a score that far out is certain either way.
    return 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, z))))


def _prior(right: float, seen: float, mean: float) -> float:
    return (right + PRIOR_WEIGHT * mean) / (seen + PRIOR_WEIGHT)


def fit(
    rows: Sequence[LabelledMatch],
    threshold: float,
    fans: Sequence[FanQuestion] = (),
    weight: Callable[[str], float] = lambda concept: 1.0,
    l2: float = L2,
    phrasings: Sequence[FanQuestion] = (),
) -> Calibration:
    """Logistic regression with an L2 penalty `l2` on the weights (not the intercept), fitted by
    Newton's method. Each question's intent prior, and what the nearest of the labelled `fans`
    and of the intents' `phrasings` (`Matcher.first_phrasings`) say, concepts weighed by
    `weight`, are counted from the other files only, as they would be for a question nobody
    labelled. The phrasings are the fact base's, not the calibration's: not kept with the fans."""
    others = {
        source: FanMemory((fan for fan in fans if fan.source != source), weight, phrasings)
        for source in {row.source for row in rows}
    }
    mean = sum(row.right for row in rows) / len(rows)
    right: dict[str, float] = defaultdict(float)
    seen: dict[str, float] = defaultdict(float)
    right_in: dict[tuple[str, str], float] = defaultdict(float)
    seen_in: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        right[row.intent] += row.right
        seen[row.intent] += 1
        right_in[row.source, row.intent] += row.right
        seen_in[row.source, row.intent] += 1
    xs = [
        [
            1.0,
            *(float(row.signals.get(name, 0.0)) for name in SIGNALS),
            _prior(
                right[row.intent] - right_in[row.source, row.intent],
                seen[row.intent] - seen_in[row.source, row.intent],
                mean,
            ),
            *_in_order(others[row.source].votes(row.wording, row.concepts, row.intent)),
        ]
        for row in rows
    ]
    beta = _newton(xs, [1.0 if row.right else 0.0 for row in rows], l2)
    return Calibration(
        beta[0],
        dict(zip(FEATURES, beta[1:], strict=True)),
        threshold,
        {intent: _prior(right[intent], seen[intent], mean) for intent in sorted(seen)},
        mean,
        tuple(FanQuestion(fan.wording, fan.concepts, fan.right) for fan in fans),
    )


def _in_order(votes: Mapping[str, float]) -> list[float]:
    return [votes[name] for name in FAN_FEATURES]


def _newton(xs: list[list[float]], ys: list[float], l2: float) -> list[float]:
    """The coefficients (intercept first) that minimise the penalised log loss."""
    size = len(xs[0])
    beta = [0.0] * size
    for _ in range(_STEPS):
        gradient = [l2 * b if i else 0.0 for i, b in enumerate(beta)]
        hessian = [[l2 if i == j and i else 0.0 for j in range(size)] for i in range(size)]
        for x, y in zip(xs, ys, strict=True):
            p = _logistic(sum(b * v for b, v in zip(beta, x, strict=True)))
            weight = p * (1 - p)
            for i in range(size):
                gradient[i] += (p - y) * x[i]
                if x[i]:
                    row = hessian[i]
                    wx = weight * x[i]
                    for j in range(i, size):
                        row[j] += wx * x[j]
        for i in range(size):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        step = _solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < _TOLERANCE:
            break
    return beta


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector, by Gaussian elimination with partial pivoting (the matrix is
    positive definite: the penalty keeps it so even for a signal that never varies)."""
    n = len(vector)
    a = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def calibration_yaml(calibration: Calibration, files: Sequence[Path], questions: int) -> str:
    """The file `thorup-bot calibrate` writes into the fact base."""
    lines = [
        "# When to answer: written by `thorup-bot calibrate`, not by hand (see",
        "# bot/engine/calibration.py). Fit again whenever the matcher, the lexicon or the",
        f"# intents change. Fitted on {questions} questions from:",
        *(f"#   {file.as_posix()}" for file in files),
        f"threshold: {calibration.threshold}",
        f"intercept: {calibration.intercept:.6f}",
        "weights:",
        *(f"  {name}: {calibration.weights[name]:.6f}" for name in FEATURES),
        f"default_prior: {calibration.default_prior:.6f}",
        "priors:",
        *(f"  {intent}: {prior:.6f}" for intent, prior in calibration.priors.items()),
        "# The labelled questions, one a line: their words and concepts as the matcher read them,",
        "# and the intents that answer them rightly ([] where they must be declined). Lines of",
        "# JSON in one block rather than YAML lists: read as YAML, thousands of small lists were",
        "# most of the time a start without the compiled index took.",
        "fans: |",
        *(
            f"  {json.dumps([fan.wording, list(fan.concepts), sorted(fan.right)])}"
            for fan in calibration.fans
        ),
    ]
    return "\n".join(lines) + "\n"
