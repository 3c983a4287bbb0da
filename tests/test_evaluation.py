"""The accuracy floor, measured on questions written independently of the fact base's phrasings."""

import datetime as dt
from pathlib import Path

import pytest

from bot.engine.answers import AnswerEngine
from bot.engine.evaluation import evaluate, load_questions

QUESTIONS = Path(__file__).parent / "eval_questions.yaml"
# Labelled files that are reported, not held to a floor; "none" marks a question that the article
# answers and no intent does (a miss, whatever the bot says).
OTHER_BATCHES = tuple(
    sorted(path.name for path in QUESTIONS.parent.glob("eval_*.yaml") if path != QUESTIONS)
)


@pytest.fixture(scope="module")
def report(facts):
    engine = AnswerEngine(facts, clock=lambda: dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC))
    return evaluate(engine, load_questions(QUESTIONS))


def test_the_evaluation_set_has_at_least_150_questions_in_both_languages():
    questions = load_questions(QUESTIONS)
    assert len(questions) >= 150
    assert {q.language for q in questions} == {"da", "en"}


@pytest.mark.parametrize("language", ["da", "en"])
def test_at_least_95_percent_of_in_scope_questions_are_answered_right(report, language):
    right, total = report.in_scope(language)
    assert right / total >= 0.95


@pytest.mark.parametrize("language", ["da", "en"])
def test_at_least_90_percent_of_out_of_scope_questions_are_abstained(report, language):
    right, total = report.abstention(language)
    assert right / total >= 0.90


def test_every_labelled_intent_exists(facts):
    known = {intent.id for intent in facts.intents}
    for question in load_questions(QUESTIONS):
        assert set(question.expect) <= known, question.question


@pytest.mark.parametrize("batch", OTHER_BATCHES)
def test_every_intent_labelled_in_the_other_batches_exists(facts, batch):
    known = {intent.id for intent in facts.intents} | {"none"}
    for question in load_questions(Path(__file__).parent / batch):
        assert set(question.expect) <= known, question.question
