"""The obvious way to build this: the nearest phrasing by rapidfuzz WRatio, one call a question.

`python -m benchmarks.naive [--facts DIR] [QUESTION]` mirrors `thorup-bot ask --json`: with a
question it answers it, otherwise one question per line of standard input, one JSON line each.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bot.engine.facts import FactBase, load_fact_base

CUTOFF = 70  # below this similarity the baseline abstains (as measured in shared/MATCHING.md)


class NaiveMatcher:
    def __init__(self, facts: FactBase) -> None:
        self.phrasings: list[str] = []
        self.owners: list[str] = []
        for intent in facts.answerable_intents:
            for lang in ("da", "en"):
                for phrasing in intent.questions[lang]:
                    self.phrasings.append(phrasing)
                    self.owners.append(intent.id)

    def match(self, question: str) -> tuple[str | None, float]:
        found = process.extractOne(
            question, self.phrasings, scorer=fuzz.WRatio, processor=utils.default_process
        )
        if found is None or found[1] < CUTOFF:
            return None, found[1] if found else 0.0
        return self.owners[found[2]], found[1]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.naive")
    parser.add_argument("--facts", type=Path)
    parser.add_argument("question", nargs="?")
    args = parser.parse_args()
    matcher = NaiveMatcher(load_fact_base(args.facts))
    questions = (
        [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    )
    for question in questions:
        intent, score = matcher.match(question)
        sys.stdout.write(
            json.dumps({"answered": intent is not None, "fact_id": intent, "score": score}) + "\n"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
