"""The `thorup-bot` command line: a second adapter on the engine, next to the Discord bot."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import __version__
from bot.console import chat, format_answer, read_lines
from bot.engine.answers import Answer, AnswerEngine
from bot.engine.calibration import DEFAULT_THRESHOLD, calibration_yaml
from bot.engine.checks import check_fact_base
from bot.engine.compiled import default_cache_dir, load_matcher
from bot.engine.dates import Clock, system_clock
from bot.engine.evaluation import (
    EvalFileError,
    evaluate,
    fit_files,
    format_held_out,
    format_report,
    held_out,
    load_questions,
)
from bot.engine.facts import FactBase, FactBaseError, load_fact_base
from bot.engine.matcher import Matcher

if TYPE_CHECKING:
    from bot.settings import Settings

EXIT_BAD_INPUT = 2
# The latest date `--today` accepts: far enough for any question, well before date arithmetic
# (next year's birthday) runs out of years.
LAST_TODAY = dt.date(2999, 12, 31)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--facts",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="fact base folder (default: the one shipped with thorup-bot)",
    )
    common.add_argument(
        "--today",
        type=_date,
        default=argparse.SUPPRESS,
        metavar="YYYY-MM-DD",
        help="answer as if today were this date (in the subject's time zone)",
    )
    parser = argparse.ArgumentParser(
        prog="thorup-bot",
        parents=[common],
        description="Sourced answers about the person a fact base folder is about (--facts). "
        "With no command: the Discord bot when DISCORD_TOKEN is set, otherwise the console chat.",
    )
    parser.add_argument("--version", action="version", version=f"thorup-bot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = commands.add_parser(
        "ask", parents=[common], help="answer one question, or one per line of stdin"
    )
    ask.add_argument(
        "question", nargs="?", help="the question; without it, read one per line from stdin"
    )
    ask.add_argument(
        "--json", action="store_true", help="print JSON (one object per line from stdin)"
    )

    commands.add_parser("chat", parents=[common], help="talk to the engine in the console")

    facts = commands.add_parser("facts", parents=[common], help="check or export the fact base")
    facts_commands = facts.add_subparsers(dest="facts_command", metavar="ACTION", required=True)
    facts_commands.add_parser(
        "check", parents=[common], help="list every problem with file and line"
    )
    export = facts_commands.add_parser("export", parents=[common], help="print every intent")
    export.add_argument("--json", action="store_true", required=True, help="as JSON")

    evaluation = commands.add_parser(
        "eval", parents=[common], help="score a labelled question file"
    )
    evaluation.add_argument("file", type=Path, help="questions (see tests/eval_questions.yaml)")

    calibrate = commands.add_parser(
        "calibrate",
        parents=[common],
        help="fit when to answer on labelled question files; writes calibration.yaml",
    )
    calibrate.add_argument("files", type=Path, nargs="+", help="labelled question files")
    calibrate.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"answer from this estimated chance of being right (default {DEFAULT_THRESHOLD})",
    )
    calibrate.add_argument(
        "--held-out",
        action="store_true",
        help="write nothing; report each file answered with a calibration fitted on the others",
    )

    commands.add_parser("run", parents=[common], help="run the Discord bot (needs DISCORD_TOKEN)")
    sync = commands.add_parser("sync", parents=[common], help="register the slash commands")
    sync.add_argument(
        "--guild", type=int, metavar="ID", help="only in this server (instant); default: globally"
    )
    unanswered = commands.add_parser(
        "unanswered", parents=[common], help="questions the bot could not answer, and down-votes"
    )
    unanswered.add_argument("--limit", type=int, default=20, help="rows of each kind (20)")
    _db_parser(commands, common)
    commands.add_parser(
        "invite", parents=[common], help="the link that adds the bot to a server, and why"
    )
    commands.add_parser(
        "doctor", parents=[common], help="check token, intent, commands, permissions, database"
    )
    learn = commands.add_parser(
        "learn", parents=[common], help="propose phrasings from clicked suggestions and 👍"
    )
    learn.add_argument(
        "--apply", type=Path, metavar="FILE", help="add the accepted phrasings of a review file"
    )
    learn.add_argument("--limit", type=int, default=50, help="proposals of each kind (50)")
    timeline = commands.add_parser(
        "timeline", parents=[common], help="save the /timeline picture as a PNG file"
    )
    timeline.add_argument("--png", type=Path, required=True, metavar="FILE", help="where")
    timeline.add_argument("--language", choices=("da", "en"), default="da", help="(da)")
    return parser


def _db_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    db = commands.add_parser(
        "db", parents=[common], help="the database: status, copy to PostgreSQL, repair"
    )
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("status", help="backend, schema version and row counts")
    copy = actions.add_parser(
        "copy", help="copy the SQLite database into an empty PostgreSQL database"
    )
    copy.add_argument("--to", required=True, metavar="postgresql://…", help="the target")
    actions.add_parser(
        "repair", help="move a damaged SQLite database aside and start afresh with what it holds"
    )


def _clock(today: dt.date | None, facts: FactBase) -> Clock:
    if today is None:
        return system_clock
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=facts.subject.zone)
    return lambda: noon


def _fail(message: str, stderr: TextIO) -> int:
    stderr.write(f"thorup-bot: {message}\n")
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _main(args, sys.stdin, sys.stdout, sys.stderr)
    except BrokenPipeError:
        # The reader went away (`| head -n 1`): stop quietly, as other command-line tools do.
        _silence(sys.stdout)
        return 0


def _silence(stream: TextIO) -> None:
    """Point `stream` at /dev/null, so that Python's last flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _main(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    facts_dir: Path | None = getattr(args, "facts", None)
    if args.command == "facts" and args.facts_command == "check":
        return _check(facts_dir, stdout)
    if args.command == "learn":
        from bot.learn import learn

        return learn(args.apply, args.limit, facts_dir, stdout, stderr)
    if args.command in ("run", "sync", "unanswered", "db", "invite", "doctor") or (
        args.command is None and _discord_configured()
    ):
        return _discord(args, facts_dir, stdout, stderr)
    try:
        matcher = (
            Matcher(load_fact_base(facts_dir, calibrated=False))
            if args.command == "calibrate"
            else load_matcher(facts_dir, default_cache_dir())
        )
    except FactBaseError as exc:
        return _fail(str(exc), stderr)
    facts = matcher.facts
    today: dt.date | None = getattr(args, "today", None)
    if today is not None and not facts.subject.birth_date <= today <= LAST_TODAY:
        return _fail(
            f"--today must be between {facts.subject.birth_date} (the birth date) and "
            f"{LAST_TODAY}, not {today}",
            stderr,
        )
    engine = AnswerEngine(facts, _clock(today, facts), matcher)
    # An answer that the terminal's encoding cannot show is shown in part, never a traceback.
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(errors="backslashreplace")
    if args.command == "ask":
        return _ask(engine, args.question, args.json, read_lines(stdin.buffer), stdout)
    if args.command == "facts":
        stdout.write(json.dumps(_export(engine), ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.command == "timeline":
        from bot.timeline_picture import save_timeline

        return save_timeline(facts, args.language, args.png, stdout, stderr)
    if args.command == "eval":
        try:
            questions = load_questions(args.file)
        except EvalFileError as exc:
            return _fail(str(exc), stderr)
        stdout.write(format_report(evaluate(engine, questions)) + "\n")
        return 0
    if args.command == "calibrate":
        if not 0 < args.threshold < 1:
            return _fail(f"--threshold must be between 0 and 1, not {args.threshold}", stderr)
        plain = AnswerEngine(facts, engine.clock, matcher.uncalibrated())
        if args.held_out:
            return _held_out(plain, args.files, args.threshold, stdout, stderr)
        return _calibrate(plain, args.files, args.threshold, stdout, stderr)
    return chat(engine, read_lines(stdin.buffer), stdout, interactive=stdin.isatty())


def _held_out(
    engine: AnswerEngine, files: list[Path], threshold: float, stdout: TextIO, stderr: TextIO
) -> int:
    if len(files) < 2:
        return _fail("--held-out needs at least two files", stderr)
    try:
        reports = held_out(engine, files, threshold)
    except (EvalFileError, ValueError) as exc:
        return _fail(str(exc), stderr)
    stdout.write(format_held_out(reports) + "\n")
    return 0


def _calibrate(
    engine: AnswerEngine, files: list[Path], threshold: float, stdout: TextIO, stderr: TextIO
) -> int:
    try:
        calibration, fitted = fit_files(engine, files, threshold)
    except (EvalFileError, ValueError) as exc:
        return _fail(str(exc), stderr)
    target = engine.facts.directory / "calibration.yaml"
    try:
        target.write_text(calibration_yaml(calibration, files, fitted), encoding="utf-8")
    except OSError as exc:
        return _fail(f"{target}: cannot write ({exc.strerror or exc})", stderr)
    stdout.write(f"Fitted on {fitted} questions; wrote {target}\n")
    return 0


def _discord_configured() -> bool:
    """Whether plain `thorup-bot` starts the Discord bot: a token in the environment or .env."""
    # Imported here, like the Discord layer: `ask` and `chat` start without them.
    from bot.settings import SettingsError, load_settings

    try:
        return load_settings().token is not None
    except SettingsError:
        return True  # the bot's start-up reports the problem in one line


def _discord(
    args: argparse.Namespace, facts_dir: Path | None, stdout: TextIO, stderr: TextIO
) -> int:
    """The commands that need settings (and, for run and sync, Discord)."""
    # Imported here: the engine and the console start without loading discord.py or a database
    # driver.
    from bot import db_cli
    from bot.database import StoreError
    from bot.discordbot.runner import run_bot, sync_commands
    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings()
        if args.command == "db":
            return db_cli.run(args, settings, stdout)
        if args.command == "unanswered":
            return _unanswered(settings, args.limit, stdout)
        if args.command == "invite":
            from bot.discordbot.invite import print_invite

            return print_invite(settings, stdout, stderr)
        if args.command == "doctor":
            from bot.discordbot.doctor import run_doctor

            return run_doctor(settings, facts_dir, stdout)
        if args.command == "sync":
            return sync_commands(
                settings, facts_dir, args.guild or settings.guild_id, stdout, stderr
            )
        return run_bot(settings, facts_dir, stderr)
    except (SettingsError, FactBaseError, StoreError) as exc:
        return _fail(str(exc), stderr)


def _unanswered(settings: Settings, limit: int, stdout: TextIO) -> int:
    from bot.store import Unanswered, open_store

    async def read() -> list[Unanswered]:
        store = await open_store(settings)
        try:
            return await store.unanswered(limit)
        finally:
            await store.close()

    rows = asyncio.run(read())
    if not rows:
        stdout.write("No unanswered or down-voted questions yet.\n")
        return 0
    stdout.write(f"{'times':>5}  {'why':<10}  {'answered with':<22}  question\n")
    for row in rows:
        stdout.write(
            f"{row.times:>5}  {row.reason:<10}  {row.fact_id or '-':<22}  {row.question}\n"
        )
    return 0


def _check(facts_dir: Path | None, stdout: TextIO) -> int:
    problems = check_fact_base(facts_dir)
    for problem in problems:
        stdout.write(f"{problem}\n")
    if problems:
        stdout.write(f"{len(problems)} problem(s) found.\n")
        return EXIT_BAD_INPUT
    stdout.write("The fact base is clean.\n")
    return 0


def _ask(
    engine: AnswerEngine, question: str | None, as_json: bool, lines: Iterable[str], out: TextIO
) -> int:
    questions = [question] if question is not None else lines
    for text in questions:
        answer = engine.ask(text)
        if as_json:
            out.write(_json_line(answer))
        else:
            out.write(format_answer(answer) + "\n\n")
        out.flush()
    return 0


# One encoder for every line: `json.dumps` with options builds a new one per call.
_JSON = json.JSONEncoder(ensure_ascii=False)


def _json_line(answer: Answer) -> str:
    """An answer as one line of JSON, the same as `json.dumps(..., ensure_ascii=False)`."""
    return _JSON.encode(answer.to_json()) + "\n"


def _export(engine: AnswerEngine) -> list[dict[str, object]]:
    facts = engine.facts
    return [
        {
            "id": intent.id,
            "kind": intent.kind,
            "topics": list(intent.topics),
            "compute": intent.compute,
            "time_sensitive": intent.time_sensitive,
            "questions": {lang: list(q) for lang, q in intent.questions.items()},
            "answers": intent.answers,
            "missing": intent.missing,
            "sources": [
                engine.cite(ref, facts.sources[ref.source].language).to_json()
                for ref in intent.sources
            ],
        }
        for intent in facts.intents
    ]
