"""Run a labelled question file through the engine; report accuracy, abstention, calibration."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.engine.answers import Answer, AnswerEngine
from bot.engine.calibration import Calibration, FanQuestion, LabelledMatch, fit
from bot.engine.text import MAX_QUESTION_CHARS
from bot.engine.verdicts import Verdict
from bot.engine.yamlfile import LineList, Problem, YamlError, read_yaml

ABSTAIN = "abstain"
ABSTAIN_CATEGORIES = ("unknown-detail", "out-of-scope")
SMALLTALK_CATEGORY = "smalltalk"


@dataclass(frozen=True)
class LabelledQuestion:
    question: str
    expect: tuple[str, ...]  # acceptable intent ids; empty means "must abstain"
    language: str
    category: str

    @property
    def must_abstain(self) -> bool:
        return not self.expect


@dataclass(frozen=True)
class Outcome:
    item: LabelledQuestion
    answer: Answer

    @property
    def correct(self) -> bool:
        if self.item.must_abstain:
            return not self.answer.answered
        return (
            self.answer.answered
            and self.answer.fact_id in self.item.expect
            and self.answer.language == self.item.language
        )

    @property
    def confidently_wrong(self) -> bool:
        """Answered, and not with a right answer: worse than any abstention."""
        return self.answer.answered and not self.correct

    @property
    def within_reach(self) -> bool:
        """Right, or declined with a right intent among the first three suggestions."""
        return self.correct or (
            not self.answer.answered
            and bool(set(self.answer.suggested_intents[:3]) & set(self.item.expect))
        )


class EvalFileError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_questions(path: Path) -> list[LabelledQuestion]:
    """Read a question file (see tests/eval_questions.yaml for the format)."""
    shown = str(path)
    try:
        entries = read_yaml(path, shown)
    except YamlError as exc:
        raise EvalFileError(exc.problem) from exc
    if not isinstance(entries, LineList):
        raise EvalFileError(Problem(shown, 1, "expected a list of questions"))
    items = []
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, dict) or not {"q", "expect", "lang", "cat"} <= entry.keys():
            raise EvalFileError(Problem(shown, line, "each question needs q, expect, lang and cat"))
        expect = entry["expect"]
        expected = (
            () if expect == ABSTAIN else tuple([expect] if isinstance(expect, str) else expect)
        )
        items.append(
            LabelledQuestion(str(entry["q"]), expected, str(entry["lang"]), str(entry["cat"]))
        )
    return items


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]

    def _rate(self, outcomes: Iterable[Outcome]) -> tuple[int, int]:
        chosen = list(outcomes)
        return sum(o.correct for o in chosen), len(chosen)

    def _chosen(self, must_abstain: bool, language: str | None) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if o.item.must_abstain == must_abstain and language in (None, o.item.language)
        ]

    def in_scope(self, language: str | None = None) -> tuple[int, int]:
        return self._rate(self._chosen(False, language))

    def abstention(self, language: str | None = None) -> tuple[int, int]:
        return self._rate(self._chosen(True, language))

    def within_reach(self, language: str | None = None) -> tuple[int, int]:
        chosen = self._chosen(False, language)
        return sum(o.within_reach for o in chosen), len(chosen)

    @property
    def confidently_wrong(self) -> int:
        return sum(o.confidently_wrong for o in self.outcomes)

    def smalltalk_recognised(self) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if o.item.category == SMALLTALK_CATEGORY]
        return sum(o.answer.verdict == Verdict.SMALLTALK for o in chosen), len(chosen)

    def by_category(self) -> dict[str, tuple[int, int]]:
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            groups[f"{outcome.item.category} ({outcome.item.language})"].append(outcome)
        return {name: self._rate(group) for name, group in sorted(groups.items())}

    def calibration(self, bins: int = 5) -> list[tuple[str, int, int]]:
        """Among answered questions: how often right, by confidence band."""
        table: dict[int, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            if outcome.answer.answered:
                table[min(int(outcome.answer.confidence * bins), bins - 1)].append(outcome)
        return [
            (f"{b / bins:.1f}-{(b + 1) / bins:.1f}", *self._rate(table[b])) for b in sorted(table)
        ]

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def labelled_readings(
    engine: AnswerEngine, questions: Iterable[LabelledQuestion], source: str
) -> tuple[list[LabelledMatch], list[FanQuestion]]:
    """The questions of file `source` as the calibration learns from them, each read once: those
    the matcher decided whether to answer, with their signals, best intent and whether it is a
    right answer (never, where the question must be declined); and every question as the fan
    memory keeps it, with the intents that answer it rightly."""
    answerable = {intent.id for intent in engine.facts.answerable_intents}
    rows = []
    fans = []
    for item in questions:
        question = item.question[:MAX_QUESTION_CHARS]
        said, match = engine.read(question)
        analysis = match.analysis
        right_ones = frozenset() if item.must_abstain else frozenset(item.expect) & answerable
        fans.append(FanQuestion(analysis.wording, analysis.concepts, right_ones, source))
        answer = engine.reply(question, said, match)
        best = match.intent
        # Replies that another rule gave (small talk, a count from the timeline) are not the
        # decision's to learn from.
        if not match.signals or best is None or answer.fact_id not in (None, best.id):
            continue
        if answer.verdict not in (Verdict.ANSWER, Verdict.UNSURE, Verdict.OFF_TOPIC):
            continue
        right = best.id in item.expect and analysis.language == item.language
        rows.append(
            LabelledMatch(
                source, best.id, match.signals, right, analysis.wording, analysis.concepts
            )
        )
    return rows, fans


@dataclass(frozen=True)
class _Labelled:
    """One labelled file as the calibration learns from it."""

    questions: list[LabelledQuestion]
    rows: list[LabelledMatch]
    fans: list[FanQuestion]


def _read_labelled(engine: AnswerEngine, files: Sequence[Path]) -> dict[Path, _Labelled]:
    labelled = {}
    for file in files:
        questions = load_questions(file)
        labelled[file] = _Labelled(
            questions, *labelled_readings(engine, questions, file.as_posix())
        )
    return labelled


def _fit(
    engine: AnswerEngine, labelled: Iterable[_Labelled], threshold: float
) -> tuple[Calibration, int]:
    chosen = list(labelled)
    rows = [row for file in chosen for row in file.rows]
    if not {row.right for row in rows} >= {True, False}:
        raise ValueError("the files need questions answered both rightly and wrongly")
    fans = [fan for file in chosen for fan in file.fans]
    matcher = engine.matcher
    return fit(rows, threshold, fans, matcher.weight, phrasings=matcher.first_phrasings), len(rows)


def fit_files(
    engine: AnswerEngine, files: Sequence[Path], threshold: float
) -> tuple[Calibration, int]:
    """The calibration fitted on labelled question `files` (named as given), with `engine`
    deciding by its thresholds, and how many questions it was fitted on. Raises EvalFileError
    for a file that cannot be read, ValueError where no question is answered both ways."""
    return _fit(engine, _read_labelled(engine, files).values(), threshold)


def held_out(
    engine: AnswerEngine, files: Sequence[Path], threshold: float
) -> list[tuple[Path, Report]]:
    """Each file answered as a question nobody labelled is: with a calibration fitted on, and
    remembering, the other files only (`engine` deciding by its thresholds, as for
    `fit_files`). What the in-sample figures of a file the calibration remembers cannot say."""
    labelled = _read_labelled(engine, files)
    reports = []
    for file, own in labelled.items():
        calibration, _ = _fit(engine, (f for f in labelled.values() if f is not own), threshold)
        reader = AnswerEngine(replace(engine.facts, calibration=calibration), engine.clock)
        reports.append((file, evaluate(reader, own.questions)))
    return reports


def format_held_out(reports: Sequence[tuple[Path, Report]]) -> str:
    """One line a file, and one for them all."""
    lines = []
    for file, report in reports:
        lines.append(
            f"{file.as_posix()}: in scope answered right {_percent(report.in_scope())}; "
            f"abstained when it should {_percent(report.abstention())}; "
            f"confidently wrong {report.confidently_wrong}"
        )
    whole = Report(tuple(outcome for _, report in reports for outcome in report.outcomes))
    lines.append(
        f"all: in scope answered right {_percent(whole.in_scope())}; "
        f"abstained when it should {_percent(whole.abstention())}; "
        f"confidently wrong {whole.confidently_wrong}"
    )
    return "\n".join(lines)


def evaluate(engine: AnswerEngine, questions: Iterable[LabelledQuestion]) -> Report:
    return Report(tuple(Outcome(item, engine.ask(item.question)) for item in questions))


def _percent(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{right}/{total} ({100 * right / total:.1f}%)" if total else "-"


def format_report(report: Report) -> str:
    lines = ["Accuracy by category:"]
    lines += [f"  {name:<28} {_percent(pair)}" for name, pair in report.by_category().items()]
    lines.append("")
    for language in ("da", "en", None):
        label = language or "all"
        lines.append(
            f"{label:>3}: in scope answered right {_percent(report.in_scope(language))}; "
            f"abstained when it should {_percent(report.abstention(language))}"
        )
        lines.append(
            f"     right, or the right intent among the first three suggestions "
            f"{_percent(report.within_reach(language))}"
        )
    lines.append(f"confidently wrong answers: {report.confidently_wrong}")
    lines.append(f"small talk recognised as such: {_percent(report.smalltalk_recognised())}")
    lines.append("\nCalibration (answered questions, by confidence):")
    lines += [
        f"  {band}: {_percent((right, total))}" for band, right, total in report.calibration()
    ]
    failures = report.failures
    lines.append(f"\nFailures ({len(failures)}):")
    for outcome in failures:
        expected = ", ".join(outcome.item.expect) or ABSTAIN
        got = outcome.answer.fact_id if outcome.answer.answered else ABSTAIN
        lines.append(
            f"  [{outcome.item.category}/{outcome.item.language}] {outcome.item.question!r}: "
            f"expected {expected}, got {got} ({outcome.answer.language}, "
            f"confidence {outcome.answer.confidence:.2f})"
        )
    return "\n".join(lines)
