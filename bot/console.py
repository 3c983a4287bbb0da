"""The console adapter: answers rendered as plain text, and the interactive chat."""

from __future__ import annotations

from typing import TextIO

from bot.engine import i18n
from bot.engine.answers import Answer, AnswerEngine, Citation

QUIT_WORDS = frozenset({"quit", "exit", "q", "farvel", "bye", "afslut", ":q"})


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
        heading = "try_asking" if answer.verdict in ("empty", "off_topic") else "did_you_mean"
        lines.append(i18n.text(lang, heading) + ":")
        lines += [f"  • {s}" for s in answer.suggestions]
    if answer.answered:
        lines.append(f"({i18n.text(lang, 'confidence')} {answer.confidence:.2f})")
    return "\n".join(lines)


def chat(engine: AnswerEngine, stdin: TextIO, stdout: TextIO, interactive: bool) -> int:
    """Answer questions one by one until end of input or a quit word."""
    name = engine.facts.subject.name
    stdout.write(
        f"Spørg om {name} (dansk eller engelsk) – ask about {name} (Danish or English).\n"
        "Skriv 'quit' for at slutte / type 'quit' to leave.\n"
    )
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line or line.strip().casefold() in QUIT_WORDS:
            break
        if not line.strip():
            continue
        stdout.write(format_answer(engine.ask(line.strip())) + "\n\n")
        stdout.flush()
    return 0
