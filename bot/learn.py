"""`thorup-bot learn`: grow the fact base from real use.

Every clicked "did you mean" and every up-voted answer is a fan's own wording of a question the
bot knows. `learn` proposes those wordings as new phrasings of their intents, and lists the
frequent unanswered questions, in a YAML file for a person to review; `learn --apply FILE` adds
the accepted phrasings to the intents' files, but only if the fact base still passes
`facts check` afterwards; otherwise it changes nothing. Questions that look like personal data
are never proposed.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from bot.database import StoreError
from bot.engine.checks import check_fact_base, phrasing_key
from bot.engine.facts import LANGUAGES, FactBase, FactBaseError, Intent, load_fact_base
from bot.engine.text import tokens
from bot.engine.yamlfile import LineDict, LineList, YamlError, read_yaml
from bot.settings import Settings, SettingsError, load_settings
from bot.store import Store, open_store

EXIT_BAD_INPUT = 2

# A Discord mention or an @name, an e-mail address, or a phone number (eight digits or more):
# a fan's question with any of them is never copied into the fact base.
_PERSONAL = re.compile(
    r"<@[!&]?\d+>|(?<![\w.])@\w+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d(?:[\s().-]?\d){7,}"
)

_HEADER = """\
# Proposed by `thorup-bot learn` from real use. For each phrasing: set `accept: true` to add
# the question to its intent, leave it false to skip it (edit the wording if you like), then run
# `thorup-bot learn --apply THIS_FILE`. The unanswered questions are for writing new intents
# by hand (see facts/README.md); --apply ignores them.
"""


def looks_personal(question: str) -> bool:
    return _PERSONAL.search(question) is not None


@dataclass
class Proposal:
    intent: str
    language: str
    question: str
    times: int = 0
    evidence: list[str] = field(default_factory=list)

    def to_yaml(self) -> dict[str, Any]:
        return {
            "intent": self.intent,
            "language": self.language,
            "question": self.question,
            "times": self.times,
            "evidence": self.evidence,
            "accept": False,
        }


async def propose(facts: FactBase, store: Store, limit: int) -> dict[str, Any]:
    """The review: new phrasings, most confirmed first, and the frequent unanswered questions."""
    # A wording any intent already has is a duplicate to facts check, wherever it would go.
    known = {
        phrasing_key(q) for intent in facts.intents for qs in intent.questions.values() for q in qs
    }
    intents = {intent.id for intent in facts.answerable_intents}
    proposals: dict[tuple[str, str, str], Proposal] = {}
    for confirmed in await store.confirmed_questions():
        key = phrasing_key(confirmed.question)
        if (
            confirmed.fact_id not in intents
            or confirmed.language not in LANGUAGES
            or not key
            or key in known
            or looks_personal(confirmed.question)
        ):
            continue
        proposal = proposals.setdefault(
            (confirmed.fact_id, confirmed.language, key),
            Proposal(confirmed.fact_id, confirmed.language, confirmed.question),
        )
        proposal.times += confirmed.times
        proposal.evidence.append(str(confirmed.evidence))
    ranked = sorted(proposals.values(), key=lambda p: (-p.times, p.intent, p.question))[:limit]
    unanswered = [
        {"question": row.question, "times": row.times}
        for row in await store.unanswered(limit)
        if row.reason == "unanswered" and not looks_personal(row.question)
    ]
    return {"phrasings": [p.to_yaml() for p in ranked], "unanswered": unanswered}


def write_review(review: dict[str, Any], out: TextIO) -> None:
    out.write(_HEADER)
    out.write(yaml.safe_dump(review, allow_unicode=True, sort_keys=False, width=100))


class ReviewError(Exception):
    """The review file cannot be applied; the message names the file and line."""


@dataclass(frozen=True)
class Accepted:
    intent: Intent
    language: str
    question: str


def _accepted(path: Path, facts: FactBase) -> list[Accepted]:
    try:
        data = read_yaml(path, str(path))
    except YamlError as exc:
        raise ReviewError(str(exc)) from exc
    if not isinstance(data, LineDict) or not isinstance(data.get("phrasings", []), LineList):
        raise ReviewError(f"{path}:1: expected the 'phrasings' list that thorup-bot learn writes")
    intents = {intent.id: intent for intent in facts.answerable_intents}
    accepted = []
    for entry in data.get("phrasings", []):
        if not isinstance(entry, LineDict):
            raise ReviewError(f"{path}:{data.line_of('phrasings')}: a phrasing must be a mapping")
        if entry.get("accept") is not True:
            continue
        intent = intents.get(str(entry.get("intent")))
        language, question = entry.get("language"), entry.get("question")
        if intent is None:
            raise ReviewError(f"{path}:{entry.line}: unknown intent {entry.get('intent')!r}")
        if language not in LANGUAGES:
            raise ReviewError(f"{path}:{entry.line}: 'language' must be da or en")
        if not isinstance(question, str) or not tokens(question) or "\n" in question:
            raise ReviewError(f"{path}:{entry.line}: 'question' must be a one-line question")
        if looks_personal(question):
            raise ReviewError(f"{path}:{entry.line}: the question looks like personal data")
        accepted.append(Accepted(intent, language, question.strip()))
    return accepted


def _yaml_item(indent: str, question: str) -> str:
    """A list item in the file's style: plain when YAML reads it back unchanged, else quoted."""
    plain = f"{indent}- {question}"
    try:
        if yaml.safe_load(plain) == [question]:
            return plain + "\n"
    except yaml.YAMLError:
        pass
    return f"{indent}- {json.dumps(question, ensure_ascii=False)}\n"  # JSON strings are YAML


def _insert(lines: list[str], after: int, new: list[str]) -> None:
    """Insert after list item `after` (0-based), past any continuation lines of that item."""
    item = lines[after]
    indent = item[: len(item) - len(item.lstrip())]
    end = after + 1
    while (
        end < len(lines)
        and lines[end].strip()
        and (len(lines[end]) - len(lines[end].lstrip()) > len(indent))
    ):
        end += 1
    lines[end:end] = [_yaml_item(indent, question) for question in new]


def _file_of(facts: FactBase, intent: Intent) -> Path:
    shown = Path(intent.file)
    return shown if shown.is_absolute() else facts.directory.parent / shown


def apply_review(review: Path, facts_dir: Path | None, stdout: TextIO, stderr: TextIO) -> int:
    try:
        facts = load_fact_base(facts_dir)
        accepted = _accepted(review, facts)
    except (FactBaseError, ReviewError) as exc:
        stderr.write(f"thorup-bot: {exc}\n")
        return EXIT_BAD_INPUT
    known = {
        (intent.id, lang, phrasing_key(q))
        for intent in facts.intents
        for lang, qs in intent.questions.items()
        for q in qs
    }
    # Per file, per insertion point: the new questions, in the order of the review.
    edits: dict[Path, dict[int, list[str]]] = {}
    for item in accepted:
        if (item.intent.id, item.language, phrasing_key(item.question)) in known:
            continue
        known.add((item.intent.id, item.language, phrasing_key(item.question)))
        question_lines = item.intent.question_lines.get(item.language)
        if not question_lines:
            stderr.write(
                f"thorup-bot: {item.intent.file}:{item.intent.line}: the '{item.language}' "
                "questions are not a block list; add the phrasing by hand\n"
            )
            return EXIT_BAD_INPUT
        edits.setdefault(_file_of(facts, item.intent), {}).setdefault(
            question_lines[-1], []
        ).append(item.question)
    if not edits:
        stdout.write("Nothing to add: no new accepted phrasings.\n")
        return 0
    changed = {}
    for path, points in edits.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for line in sorted(points, reverse=True):  # bottom first: earlier numbers stay valid
            _insert(lines, line - 1, points[line])
        changed[path] = "".join(lines)
    problems = _check_with(facts.directory, changed)
    if problems:
        stderr.write("thorup-bot: the fact base would fail facts check; nothing was changed:\n")
        for problem in problems:
            stderr.write(f"  {problem}\n")
        return EXIT_BAD_INPUT
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")
    added = sum(len(new) for points in edits.values() for new in points.values())
    stdout.write(
        f"Added {added} phrasing(s) to {', '.join(sorted(p.name for p in changed))}; "
        "facts check passes.\n"
    )
    if facts.calibration is not None:
        # The calibration was fitted on the old phrasings; it still works, a little worse.
        stdout.write(
            "calibration.yaml was fitted on the phrasings before: run 'thorup-bot calibrate' "
            "with its question files to fit it again.\n"
        )
    return 0


def _check_with(directory: Path, changed: dict[Path, str]) -> list[str]:
    """facts check on a copy of the fact base with the changed files in place."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / directory.name
        shutil.copytree(directory, copy)
        for path, text in changed.items():
            (copy / path.relative_to(directory)).write_text(text, encoding="utf-8")
        return [str(problem) for problem in check_fact_base(copy)]


def learn(
    apply: Path | None, limit: int, facts_dir: Path | None, stdout: TextIO, stderr: TextIO
) -> int:
    """`thorup-bot learn` (the review, from the database in DATA_DIR) or `learn --apply FILE`."""
    if apply is not None:
        return apply_review(apply, facts_dir, stdout, stderr)
    try:
        settings = load_settings()
        facts = load_fact_base(facts_dir)
    except (SettingsError, FactBaseError) as exc:
        stderr.write(f"thorup-bot: {exc}\n")
        return EXIT_BAD_INPUT
    try:
        review = asyncio.run(_review(settings, facts, limit))
    except (SettingsError, StoreError) as exc:
        stderr.write(f"thorup-bot: {exc}\n")
        return EXIT_BAD_INPUT
    write_review(review, stdout)
    return 0


async def _review(settings: Settings, facts: FactBase, limit: int) -> dict[str, Any]:
    store = await open_store(settings)
    try:
        return await propose(facts, store, limit)
    finally:
        await store.close()
