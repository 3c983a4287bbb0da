"""`facts check`: everything that can be wrong with a fact base, each problem with file and line."""

from __future__ import annotations

from pathlib import Path

from bot.engine.facts import (
    LANGUAGES,
    FactBase,
    FactBaseError,
    Intent,
    cites,
    load_fact_base,
)
from bot.engine.matcher import Matcher
from bot.engine.text import skeleton, tokens
from bot.engine.yamlfile import Problem


def check_fact_base(directory: Path | None = None) -> list[Problem]:
    """All problems of the fact base in `directory`; an empty list means it is clean."""
    try:
        facts = load_fact_base(directory)
    except FactBaseError as exc:
        return exc.problems
    return loaded_fact_base_problems(facts, Matcher(facts))


def loaded_fact_base_problems(facts: FactBase, matcher: Matcher) -> list[Problem]:
    """The problems of a fact base that loads, with its index (built once by the caller)."""
    return (
        duplicate_phrasings(facts) + confused_phrasings(facts, matcher) + uncited_sentences(facts)
    )


def uncited_sentences(facts: FactBase) -> list[Problem]:
    """Source sentences that no intent's quotes cover: a fan asking about one gets a neighbour's
    answer, or none. Every sentence needs an intent that leads with what it says."""
    problems = []
    for source in facts.sources.values():
        for number, line in enumerate(source.paragraph_lines or (1,) * len(source.paragraphs), 1):
            quoted = [
                ref.quote
                for intent in facts.intents
                for ref in intent.sources
                if ref.source == source.id and ref.paragraph == number
            ]
            for sentence in source.sentences(number):
                if not cites(quoted, sentence):
                    problems.append(
                        Problem(
                            source.file,
                            line,
                            f"no intent cites this sentence of paragraph {number}: {sentence!r}",
                        )
                    )
    return problems


def _phrasings(intent: Intent) -> list[tuple[str, int]]:
    return [
        (phrasing, line)
        for lang in LANGUAGES
        for phrasing, line in zip(
            intent.questions[lang],
            intent.question_lines.get(lang) or (intent.line,) * len(intent.questions[lang]),
            strict=True,
        )
    ]


def phrasing_key(text: str) -> str:
    """Two phrasings with the same key are the same question (case, punctuation and æøå
    spelling aside)."""
    return " ".join(skeleton(word) for word in tokens(text))


def duplicate_phrasings(facts: FactBase) -> list[Problem]:
    """The same question (ignoring case, punctuation and æøå spelling) under two intents."""
    owner: dict[str, Intent] = {}
    problems = []
    for intent in facts.intents:
        for phrasing, line in _phrasings(intent):
            first = owner.setdefault(phrasing_key(phrasing), intent)
            if first.id != intent.id:
                problems.append(
                    Problem(
                        intent.file,
                        line,
                        f"question {phrasing!r} is also under intent '{first.id}'",
                    )
                )
    return problems


def confused_phrasings(facts: FactBase, matcher: Matcher) -> list[Problem]:
    """Phrasings that the matcher sends to another intent: the two intents need telling apart."""
    problems = []
    for intent in facts.intents:
        for phrasing, line in _phrasings(intent):
            if matcher.ranks_first(phrasing, intent):
                continue
            ranked = matcher.match(phrasing).ranked
            if not ranked or ranked[0][0].id == intent.id:
                continue
            own = next((score for other, score in ranked if other.id == intent.id), 0.0)
            winner, score = ranked[0]
            if score > own:
                problems.append(
                    Problem(
                        intent.file,
                        line,
                        f"question {phrasing!r} of intent '{intent.id}' matches intent "
                        f"'{winner.id}' better ({score:.2f} against {own:.2f})",
                    )
                )
    return problems
