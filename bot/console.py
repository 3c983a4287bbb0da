"""The console adapter: answers rendered as plain text, and the interactive chat."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from bot.engine import i18n
from bot.engine.answers import Answer, AnswerEngine, Citation
from bot.engine.facts import LANGUAGES
from bot.engine.verdicts import ASKING_BACK

QUIT_WORDS = frozenset({"quit", "exit", "q", "farvel", "bye", "afslut", ":q"})
# Far more than any question (the engine reads the first MAX_QUESTION_CHARS characters); what a
# line holds beyond this is skipped as it is read, so an endless line never fills the memory.
MAX_LINE_BYTES = 64 * 1024


def read_lines(stream: BinaryIO) -> Iterator[str]:
    """The lines of `stream`, without their line ends, read as bytes and decoded as UTF-8 with
    invalid bytes replaced: the same answers whatever the locale, and never a decoding error."""
    while chunk := stream.readline(MAX_LINE_BYTES):
        if not chunk.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield chunk.decode("utf-8", errors="replace").rstrip("\r\n")


def format_citation(citation: Citation, language: str) -> str:
    label = i18n.text(language, "source")
    paragraph = i18n.text(language, "paragraph")
    return (
        f"{label}: «{citation.title}» ({citation.published}), {paragraph} {citation.paragraph}: "
        f"»{citation.quote}«"
    )


def format_answer(answer: Answer) -> str:
    """An answer as a person reads it in a terminal: text, note, sources, suggestions."""
    lang = answer.language
    lines = [answer.text]
    if answer.note:
        lines.append(answer.note)
    lines += [format_citation(c, lang) for c in answer.citations]
    if answer.suggestions:
        heading = "did_you_mean" if answer.verdict in ASKING_BACK else "try_asking"
        lines.append(i18n.text(lang, heading) + ":")
        lines += [f"  {number}. {s}" for number, s in enumerate(answer.suggestions, start=1)]
    if answer.answered:
        lines.append(f"({i18n.text(lang, 'confidence')} {answer.confidence:.2f})")
    return "\n".join(lines)


def chat(engine: AnswerEngine, lines: Iterable[str], stdout: TextIO, interactive: bool) -> int:
    """Answer questions one by one until end of input or a quit word."""
    # Before the first question the asker's language is unknown: greet in both.
    for language in LANGUAGES:
        stdout.write(i18n.text(language, "console_greeting", name=engine.facts.subject.name) + "\n")
    last: Answer | None = None
    lines = iter(lines)
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = next(lines, None)
        if line is None or line.strip().casefold() in QUIT_WORDS:
            break
        text = line.strip()
        if not text:
            continue
        last = _pick_suggestion(engine, last, text) or engine.ask(text)
        stdout.write(format_answer(last) + "\n\n")
        stdout.flush()
    return 0


def _pick_suggestion(engine: AnswerEngine, last: Answer | None, text: str) -> Answer | None:
    """Typing the number of a "did you mean" suggestion answers that question."""
    if last is None or not text.isdigit() or not 1 <= int(text) <= len(last.suggested_intents):
        return None
    return engine.answer_for(last.suggested_intents[int(text) - 1], last.language)
