"""The `thorup-bot` command line through its real entry point, in-process and as a process."""

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.console import MAX_LINE_BYTES, read_lines
from bot.database import DB_NAME
from tests.subjects import IDA_MARSTRAND

ROOT = str(Path(__file__).parent.parent)

JSON_FIELDS = {"answered", "answer", "language", "confidence", "fact_id", "source", "suggestions"}


def run(monkeypatch, capsys, *argv, stdin: str | bytes = ""):
    raw = stdin.encode() if isinstance(stdin, str) else stdin
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("question", "expected", "source_label"),
    [
        ("Hvornår blev Jess Thorup født?", "21. februar 1970", "Kilde:"),
        ("When was Jess Thorup born?", "21 February 1970", "Source:"),
    ],
)
def test_ask_prints_the_answer_and_its_source(
    monkeypatch, capsys, question, expected, source_label
):
    code, out, _ = run(monkeypatch, capsys, "ask", question)
    assert code == 0
    assert expected in out
    assert source_label in out
    assert "»Jess Thorup, der fredag den 21. februar fylder 50 år«" in out


def test_ask_json_prints_one_object_with_the_documented_fields(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "ask", "--json", "how old is he")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= JSON_FIELDS
    assert data["answered"] is True
    assert data["fact_id"] == "age-today"
    assert data["language"] == "en"


def test_ask_json_abstains_with_answered_false_and_the_text(monkeypatch, capsys):
    _, out, _ = run(monkeypatch, capsys, "ask", "--json", "hvad hedder hans kone")
    data = json.loads(out)
    assert data["answered"] is False
    assert data["fact_id"] is None
    assert data["source"] is None
    assert "kilderne siger ikke" in data["answer"]


def test_ask_json_reads_questions_from_stdin_one_line_each_in_order(monkeypatch, capsys):
    questions = ["hvornår er han født", "", "how old is he", "\x00\x07", "🎂", "x" * 10_000]
    _, out, _ = run(monkeypatch, capsys, "ask", "--json", stdin="\n".join(questions) + "\n")
    lines = out.splitlines()
    assert len(lines) == len(questions)
    assert [json.loads(line)["fact_id"] for line in lines[:3]] == ["birth-date", None, "age-today"]


def test_ask_json_answers_a_thousand_questions_in_one_process(monkeypatch, capsys):
    questions = ["hvornår er han født", "how old is he", "hvad tjener han", "vejret?"] * 250
    code, out, _ = run(monkeypatch, capsys, "ask", "--json", stdin="\n".join(questions))
    assert code == 0
    assert len(out.splitlines()) == 1000
    assert all(set(json.loads(line)) >= JSON_FIELDS for line in out.splitlines())


def test_today_option_fixes_the_date_for_computed_answers(monkeypatch, capsys):
    _, out, _ = run(monkeypatch, capsys, "--today", "2020-02-21", "ask", "hvor gammel er han")
    assert "er 50 år i dag" in out


def test_a_bad_today_option_is_a_clear_error(monkeypatch, capsys):
    with pytest.raises(SystemExit) as raised:
        run(monkeypatch, capsys, "ask", "--today", "21/2", "hvor gammel er han")
    assert raised.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_facts_check_is_clean_on_the_shipped_fact_base(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "facts", "check")
    assert code == 0
    assert "clean" in out


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvornår er hun født?", "Ida Marstrand er født den 8. marts 1984 i Aarhus."),
        ("when was she born?", "Ida Marstrand was born on 8 March 1984 in Aarhus."),
    ],
)
def test_another_subjects_folder_is_answered_with_its_own_source(
    monkeypatch, capsys, question, expected
):
    code, out, _ = run(monkeypatch, capsys, "ask", "--facts", str(IDA_MARSTRAND), question)
    assert code == 0
    assert out.startswith(expected)
    assert "»Ida Marstrand, born on 8 March 1984 in Aarhus«" in out


def test_a_broken_facts_folder_gives_one_line_and_exit_code_2(monkeypatch, capsys, facts_copy):
    sources = facts_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("paragraphs:", "paragraphs: ["))
    code, out, err = run(
        monkeypatch, capsys, "ask", "--facts", str(facts_copy), "hvornår er han født"
    )
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "sources.yaml:" in err


def check_with_a_broken_quote(monkeypatch, capsys, facts_copy) -> tuple[int, str]:
    """Point one quote at a paragraph the article lacks, then run `facts check`."""
    intents = facts_copy / "intents" / "playing.yaml"
    intents.write_text(
        intents.read_text(encoding="utf-8").replace("paragraph: 13", "paragraph: 40")
    )
    code, out, _ = run(monkeypatch, capsys, "facts", "check", "--facts", str(facts_copy))
    return code, out


def test_facts_check_lists_problems_and_exits_2(monkeypatch, capsys, facts_copy):
    code, out = check_with_a_broken_quote(monkeypatch, capsys, facts_copy)
    assert code == 2
    assert "playing.yaml:" in out


def test_facts_export_json_lists_every_intent_with_its_source(monkeypatch, capsys, facts):
    code, out, _ = run(monkeypatch, capsys, "facts", "export", "--json")
    exported = json.loads(out)
    assert code == 0
    assert len(exported) == len(facts.intents)
    birth = next(item for item in exported if item["id"] == "birth-date")
    assert birth["sources"][0]["paragraph"] == 1
    assert birth["questions"]["da"]


def test_eval_prints_accuracy_by_category_and_failures(monkeypatch, capsys, tmp_path):
    questions = tmp_path / "q.yaml"
    questions.write_text(
        '- {q: "hvornår er han født", expect: birth-date, lang: da, cat: paraphrase}\n'
        '- {q: "hvad er vejret", expect: abstain, lang: da, cat: out-of-scope}\n'
        '- {q: "how old is he", expect: birth-date, lang: en, cat: paraphrase}\n',
        encoding="utf-8",
    )
    code, out, _ = run(monkeypatch, capsys, "eval", str(questions))
    assert code == 0
    assert "paraphrase (da)" in out
    assert "Failures (1):" in out
    assert "how old is he" in out


def test_chat_greets_in_danish_and_english_before_the_first_question(monkeypatch, capsys):
    _, out, _ = run(monkeypatch, capsys, "chat", stdin="quit\n")
    assert out.splitlines() == [
        "Spørg om Jess Thorup (dansk eller engelsk). Skriv 'quit' for at slutte. "
        "Et tal vælger et forslag.",
        "Ask about Jess Thorup (Danish or English). Type 'quit' to leave. "
        "A number picks a suggestion.",
    ]


def test_chat_answers_until_quit(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "chat", stdin="hvor gammel er han\n\nquit\nhow old\n")
    assert code == 0
    assert out.count("år i dag") == 1


def test_chat_answers_a_suggestion_picked_by_its_number(monkeypatch, capsys):
    _, out, _ = run(monkeypatch, capsys, "chat", stdin="jess thorup og tyskland og belgien\n1\n")
    assert "Mente du:\n  1. " in out
    assert "Som 26-årig drog han til Tyskland" in out


def test_no_command_without_a_token_starts_the_console_chat(monkeypatch, capsys):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    code, out, _ = run(monkeypatch, capsys, stdin="how old is he\n")
    assert code == 0
    assert "years old today" in out


def test_python_dash_m_bot_answers_from_stdin_as_a_real_process():
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input="hvornår er han født\nhow old is he\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert [json.loads(line)["answered"] for line in done.stdout.splitlines()] == [True, True]


def test_unanswered_lists_what_the_store_holds(monkeypatch, capsys, tmp_path, engine):
    import asyncio
    import datetime as dt

    from bot.store import Store

    async def record() -> None:
        store = await Store.in_folder(tmp_path / "data")
        await store.record_question(
            engine.ask("hvad tjener han?"),
            at=dt.datetime(2026, 11, 24, tzinfo=dt.UTC),
            guild_id=1,
            channel_id=2,
            user_id=3,
            message_id=4,
        )
        await store.close()

    asyncio.run(record())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    code, out, _ = run(monkeypatch, capsys, "unanswered")
    assert code == 0
    assert "hvad tjener han?" in out
    assert "unanswered" in out


def test_run_without_a_token_is_one_line_and_exit_code_2(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    code, _, err = run(monkeypatch, capsys, "run")
    assert code == 2
    assert err == "thorup-bot: DISCORD_TOKEN is not set (see .env.example)\n"


def test_invalid_utf8_on_stdin_is_answered_line_by_line_whatever_the_locale(tmp_path):
    lines = [b"hvorn\xe5r er han f\xf8dt", b"how old is he", b"\xff\xfe\x80", "født?".encode()]
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input=b"\n".join(lines * 500) + b"\n",
        capture_output=True,
        timeout=60,
        env={**os.environ, "LANG": "da_DK.UTF-8", "LC_ALL": "da_DK.UTF-8", "PYTHONPATH": ROOT},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    answers = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(answers) == 2000
    assert answers[1]["fact_id"] == "age-today"


@pytest.mark.parametrize("command", [["ask"], ["ask", "--json"], ["chat"]])
def test_invalid_utf8_never_ends_ask_or_chat(monkeypatch, capsys, command):
    code, out, err = run(monkeypatch, capsys, *command, stdin=b"\xe5\xf8\xe6?\nhow old is he\n")
    assert code == 0
    assert err == ""
    assert "years old today" in out


def test_an_endless_line_is_cut_as_it_is_read_and_the_next_line_still_answered(monkeypatch, capsys):
    huge = b"hvor gammel er han " + b"x" * 5_000_000
    _, out, _ = run(monkeypatch, capsys, "ask", "--json", stdin=huge + b"\nhow old is he\n")
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == 2
    assert answers[1]["fact_id"] == "age-today"


def test_read_lines_keeps_no_more_than_the_cap_of_a_line_in_memory():
    stream = io.BytesIO(b"a" * (MAX_LINE_BYTES * 3) + b"\nnext\n")
    lines = list(read_lines(stream))
    assert [len(line) for line in lines] == [MAX_LINE_BYTES, 4]


def test_a_reader_that_closes_the_pipe_ends_it_quietly():
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert process.stderr is not None
    assert process.stdin is not None
    assert process.stdout is not None
    # Small enough to fit the pipe at once; the answers are not, so the bot is still writing.
    process.stdin.write(b"how old is he\n" * 300)
    process.stdin.close()
    process.stdout.readline()  # `| head -n 1`
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


@pytest.mark.parametrize(
    ("today", "problem"),
    [
        ("9999-12-31", "--today must be between 1970-02-21 (the birth date) and 2999-12-31"),
        ("1969-01-01", "--today must be between 1970-02-21 (the birth date) and 2999-12-31"),
    ],
)
def test_a_today_outside_a_sane_range_is_a_one_line_error(monkeypatch, capsys, today, problem):
    code, out, err = run(monkeypatch, capsys, "--today", today, "ask", "hvor gammel er han")
    assert code == 2
    assert out == ""
    assert err == f"thorup-bot: {problem}, not {today}\n"


def test_the_suite_never_runs_where_the_developers_env_file_is():
    assert not (Path.cwd() / ".env").exists()
    assert Path.cwd() != Path(ROOT)
    assert "DISCORD_TOKEN" not in os.environ


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_a_bad_setting_stops_run_with_one_line_and_exit_code_2(monkeypatch, capsys, value):
    monkeypatch.setenv("QUESTION_COOLDOWN_SECONDS", value)
    code, _, err = run(monkeypatch, capsys, "run")
    assert code == 2
    assert err.startswith("thorup-bot: QUESTION_COOLDOWN_SECONDS must be a number of seconds")
    assert err.count("\n") == 1


def test_a_data_dir_that_cannot_be_used_is_one_line_and_exit_code_2(monkeypatch, capsys, tmp_path):
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DATA_DIR", str(taken))
    code, _, err = run(monkeypatch, capsys, "unanswered")
    assert code == 2
    assert err == f"thorup-bot: DATA_DIR {str(taken)!r} is a file, not a folder\n"


def test_unanswered_creates_the_data_folder_private_to_the_bots_user(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    run(monkeypatch, capsys, "unanswered")
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data" / DB_NAME).stat().st_mode) == 0o600


def test_calibrate_writes_a_calibration_the_fact_base_then_loads(monkeypatch, capsys, facts_copy):
    (facts_copy / "calibration.yaml").unlink()
    questions = str(Path(ROOT) / "tests" / "eval_questions.yaml")
    code, out, _ = run(monkeypatch, capsys, "calibrate", "--facts", str(facts_copy), questions)
    assert code == 0
    assert "Fitted on" in out
    written = (facts_copy / "calibration.yaml").read_text(encoding="utf-8")
    assert "#   " + questions in written
    code, out, _ = run(
        monkeypatch, capsys, "ask", "--facts", str(facts_copy), "hvornår er han født"
    )
    assert code == 0
    assert "21. februar 1970" in out


def test_calibrate_fits_anew_over_a_calibration_fitted_for_other_code(
    monkeypatch, capsys, facts_copy
):
    path = facts_copy / "calibration.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  yes_no:", "  yes_or_no:"))
    questions = str(Path(ROOT) / "tests" / "eval_questions.yaml")
    code, _, _ = run(monkeypatch, capsys, "calibrate", "--facts", str(facts_copy), questions)
    assert code == 0
    assert "  yes_no:" in path.read_text(encoding="utf-8")


def test_calibrate_held_out_reports_each_file_fitted_on_the_others_and_writes_nothing(
    monkeypatch, capsys, facts_copy, tmp_path
):
    before = (facts_copy / "calibration.yaml").read_text(encoding="utf-8")
    small = tmp_path / "small.yaml"
    small.write_text(
        '- {q: "hvornår er han født", expect: birth-date, lang: da, cat: x}\n'
        '- {q: "when was he born", expect: gent-coach, lang: en, cat: x}\n',
        encoding="utf-8",
    )
    questions = str(Path(ROOT) / "tests" / "eval_questions.yaml")
    code, out, _ = run(
        monkeypatch,
        capsys,
        "calibrate",
        "--facts",
        str(facts_copy),
        "--held-out",
        questions,
        str(small),
    )
    assert code == 0
    lines = out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [questions, small.as_posix(), "all"]
    assert "small.yaml: in scope answered right 1/2 (50.0%)" in lines[1]
    assert (facts_copy / "calibration.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("lines", "extra", "message"),
    [
        ('- {q: "hvornår er han født", expect: birth-date, lang: da, cat: x}\n', [], "both"),
        (
            '- {q: "hvornår er han født", expect: birth-date, lang: da, cat: x}\n',
            ["--held-out"],
            "--held-out needs at least two files",
        ),
        (
            '- {q: "hvornår er han født", expect: birth-date, lang: da, cat: x}\n',
            ["--threshold", "1.5"],
            "--threshold must be between 0 and 1",
        ),
    ],
)
def test_calibrate_refuses_what_it_cannot_fit_in_one_line(
    monkeypatch, capsys, tmp_path, lines, extra, message
):
    questions = tmp_path / "q.yaml"
    questions.write_text(lines, encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "calibrate", str(questions), *extra)
    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1
