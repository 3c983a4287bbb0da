"""Autocomplete for questions: the fact base's phrasings that best fit what has been typed."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from bot.engine.facts import LANGUAGES, FactBase

MAX_CHOICES = 25  # Discord shows at most 25 choices


class PhrasingIndex:
    """Every answerable phrasing per language, prepared once for fast prefix-tolerant search."""

    def __init__(self, facts: FactBase) -> None:
        self._phrasings = {
            lang: [q for intent in facts.answerable_intents for q in intent.questions[lang]]
            for lang in LANGUAGES
        }
        self._openers = {
            lang: [intent.questions[lang][0] for intent in facts.answerable_intents]
            for lang in LANGUAGES
        }

    def complete(self, typed: str, language: str, limit: int = MAX_CHOICES) -> list[str]:
        """Up to `limit` phrasings for `typed`; one per intent when nothing is typed yet."""
        if not utils.default_process(typed):
            return self._openers[language][:limit]
        found = process.extract(
            typed,
            self._phrasings[language],
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit,
        )
        return [phrasing for phrasing, _, _ in found]
