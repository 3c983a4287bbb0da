"""Synthetic fact bases: the shipped one plus N generated intents with realistic phrasings.

Each generated intent copies the shape of a shipped intent's questions (their length, their
question words, the subject's name) and swaps the words that carry the meaning for invented
words of its own, so the large fact base stresses the matcher the way more subjects would: many
intents sharing "when", "where", "how old", few sharing a topic word.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from bot.engine.facts import FactBase, IntentKind, default_facts_dir, load_fact_base

PHRASINGS_PER_LANGUAGE = 6
# Words kept as they are: question words and the subject's names, which real questions share.
KEEP = set(
    """hvornår hvor hvem hvad hvilken hvilke hvilket hvordan hvorfor gammel mange længe
    when where who what which how old many long why is was did does do he his him han hans
    har er var jess thorup thorups the a of in i på at til to for""".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+|\W+")
_SYLLABLES = ["ka", "lo", "mi", "ve", "ru", "sa", "to", "ne", "bi", "da", "gu", "fe", "po", "hy"]


def _invent(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _rewrite(question: str, vocabulary: dict[str, str], rng: random.Random) -> str:
    parts = []
    for part in _WORD.findall(question):
        key = part.lower()
        if part.strip() and part[0].isalnum() and key not in KEEP and len(key) > 2:
            part = vocabulary.setdefault(key, _invent(rng))
        parts.append(part)
    return "".join(parts)


def synthetic_intents(facts: FactBase, count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    templates = [intent for intent in facts.answerable_intents if intent.kind == IntentKind.FACT]
    ref = {"source": "thorup-50", "paragraph": 1, "quote": "Jess Thorup"}
    intents = []
    for number in range(count):
        template = templates[number % len(templates)]
        vocabulary: dict[str, str] = {}
        questions = {
            lang: [
                _rewrite(q, vocabulary, rng)
                for q in template.questions[lang][:PHRASINGS_PER_LANGUAGE]
            ]
            for lang in ("da", "en")
        }
        intents.append(
            {
                "id": f"synthetic-{number}",
                "kind": "fact",
                "topics": ["synthetic"],
                "answer": {"da": f"Svar nummer {number}.", "en": f"Answer number {number}."},
                "sources": [ref],
                "questions": questions,
            }
        )
    return intents


def write_fact_base(target: Path, count: int) -> Path:
    """A copy of the shipped fact base plus `count` synthetic intents, in `target`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(default_facts_dir(), target)
    intents = synthetic_intents(load_fact_base(), count)
    with (target / "intents" / "zz-synthetic.yaml").open("w", encoding="utf-8") as out:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        yaml.dump(intents, out, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    return target
