"""`python -m benchmarks`: latency, throughput, scaling, start-up and memory, ours against naive.

Every figure is measured in fresh processes, the same way every run, and printed as a table;
the same figures go to benchmarks/results/latest.json (or --json PATH).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_fact_base
from bot.engine.evaluation import load_questions

ROOT = Path(__file__).resolve().parent.parent
QUESTION_FILES = (ROOT / "tests" / "eval_questions.yaml", ROOT / "tests" / "eval_holdout.yaml")
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"
STARTUP_QUESTION = "hvornår er Jess Thorup født?"
LARGE = 5000
OURS = ("-m", "bot", "ask")
NAIVE = ("-m", "benchmarks.naive")


def _python(*args: str, stdin: str | None = None) -> tuple[float, str]:
    """Run `python ARGS` from the repository; return its wall time and standard output."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, check=True
    )
    return time.perf_counter() - started, done.stdout


def _questions_file(folder: Path) -> Path:
    labelled = [
        {"q": item.question, "expect": list(item.expect), "lang": item.language}
        for path in QUESTION_FILES
        for item in load_questions(path)
    ]
    target = folder / "questions.json"
    target.write_text(json.dumps(labelled, ensure_ascii=False), encoding="utf-8")
    return target


def _worker(engine: str, facts: str, questions: Path, seconds: float, every: int) -> dict:
    args = ("-m", "benchmarks.worker", engine, facts, str(questions), str(seconds), str(every))
    return json.loads(_python(*args)[1])


def _throughput(questions: list[str], *command: str) -> float:
    elapsed, out = _python(*command, stdin="\n".join(questions) + "\n")
    assert len(out.splitlines()) == len(questions)
    return len(questions) / elapsed


def _startup(runs: int, *command: str) -> float:
    return statistics.median(_python(*command, STARTUP_QUESTION)[0] for _ in range(runs))


def _import_time() -> tuple[float, bool]:
    code = (
        "import sys, time; t = time.perf_counter(); import bot.engine.answers; "
        "print(time.perf_counter() - t, 'discord' in sys.modules)"
    )
    _, out = _python("-X", "frozen_modules=on", "-c", code)
    seconds, discord_loaded = out.split()
    return float(seconds), discord_loaded == "True"


def run(
    sizes: list[int],
    seconds: float,
    throughput_questions: int,
    startup_runs: int,
    store_ops: int,
    store_questions: int,
) -> dict:
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cpus": __import__("os").cpu_count(),
        },
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        questions = _questions_file(folder)
        for size in [0, *sizes]:
            label = "shipped" if size == 0 else f"+{size} intents"
            facts = "-" if size == 0 else str(write_fact_base(folder / f"facts-{size}", size))
            print(f"measuring {label} ...", file=sys.stderr, flush=True)
            # At 10,000 intents the baseline takes 0.2 s a question: a third of the set there.
            every = 3 if size >= LARGE else 1
            results["sizes"][label] = {
                "ours": _worker("ours", facts, questions, seconds, every),
                "naive": _worker("naive", facts, questions, seconds, every),
            }
        texts = [item["q"] for item in json.loads(questions.read_text(encoding="utf-8"))]
        batch = (texts * (throughput_questions // len(texts) + 1))[:throughput_questions]
        print("measuring throughput and start-up ...", file=sys.stderr, flush=True)
        results["throughput_qps"] = {
            "ours": _throughput(batch, *OURS, "--json"),
            "naive": _throughput(batch, *NAIVE),
        }
        results["startup_s"] = {
            "ours": _startup(startup_runs, *OURS),
            "naive": _startup(startup_runs, *NAIVE),
        }
        seconds_to_import, discord_loaded = _import_time()
        results["engine_import_s"] = seconds_to_import
        results["engine_import_loads_discord"] = discord_loaded
    print("measuring the store and end to end ...", file=sys.stderr, flush=True)
    results["store"] = json.loads(
        _python("-m", "benchmarks.store", str(store_ops), str(store_questions))[1]
    )
    return results


def _row(name: str, ours: float, naive: float, unit: str, digits: int = 2) -> str:
    ratio = ours / naive if naive else float("nan")
    return f"| {name} | {ours:.{digits}f} {unit} | {naive:.{digits}f} {unit} | {ratio:.2f} |"


def table(results: dict) -> str:
    lines = ["| figure | ours | naive | ours/naive |", "|---|---|---|---|"]
    for label, pair in results["sizes"].items():
        ours, naive = pair["ours"], pair["naive"]
        where = f"{label} ({ours['intents']} intents, {ours['phrasings']} phrasings)"
        asked = f"{where}, {ours['questions']} questions"
        lines += [
            _row(f"latency p50, {where}", ours["p50_ms"], naive["p50_ms"], "ms", 3),
            _row(f"latency p99, {where}", ours["p99_ms"], naive["p99_ms"], "ms", 3),
            _row(f"latency max, {where}", ours["max_ms"], naive["max_ms"], "ms", 3),
            _row(f"index build, {where}", ours["build_s"], naive["build_s"], "s", 3),
            _row(f"fact base load (YAML), {where}", ours["load_s"], naive["load_s"], "s", 3),
            _row(f"peak RSS, {where}", ours["peak_rss_mb"], naive["peak_rss_mb"], "MB", 1),
            _row(
                f"in scope answered right, {asked}",
                100 * ours["in_scope_right"],
                100 * naive["in_scope_right"],
                "%",
                1,
            ),
            _row(
                f"out of scope abstained, {asked}",
                100 * ours["abstained_right"],
                100 * naive["abstained_right"],
                "%",
                1,
            ),
        ]
    lines += [
        _row(
            "throughput of `ask --json` over stdin, whole process",
            results["throughput_qps"]["ours"],
            results["throughput_qps"]["naive"],
            "q/s",
            0,
        ),
        _row(
            'start-up to first answer (`ask "..."`)',
            results["startup_s"]["ours"],
            results["startup_s"]["naive"],
            "s",
            3,
        ),
    ]
    loads = "loads" if results["engine_import_loads_discord"] else "without"
    milliseconds = results["engine_import_s"] * 1e3
    lines.append(
        "\nFor latency, build, load and memory lower is better; for accuracy and throughput higher."
        f"\nEngine import (`import bot.engine.answers`): {milliseconds:.0f} ms, "
        f"{loads} discord.py. Machine: {results['machine']['cpus']} CPUs, "
        f"{results['machine']['platform']}, Python {results['machine']['python']}."
    )
    lines.append(store_table(results["store"]))
    return "\n".join(lines)


def store_table(store: dict) -> str:
    lines = ["", "| store | SQLite | PostgreSQL |", "|---|---|---|"]
    postgres = store["postgresql"]
    for key, name, unit, digits in (
        ("questions_recorded_per_s", "questions recorded per second", "q/s", 0),
        ("answer_claim_p50_ms", "answer claim p50", "ms", 3),
        ("answer_claim_p99_ms", "answer claim p99", "ms", 3),
        ("post_claim_p50_ms", "reminder post claim p50", "ms", 3),
        ("post_claim_p99_ms", "reminder post claim p99", "ms", 3),
    ):
        theirs = f"{postgres[key]:.{digits}f} {unit}" if key in postgres else "skipped"
        lines.append(f"| {name} | {store['sqlite'][key]:.{digits}f} {unit} | {theirs} |")
    if "skipped" in postgres:
        lines.append(f"\nPostgreSQL skipped: {postgres['skipped']}.")
    for processes, rate in store.get("end_to_end_answers_per_s", {}).items():
        lines.append(
            f"\nAnswers per second end to end through the fake Discord, {processes} on one "
            f"PostgreSQL: {rate:.0f}."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes", default="1000,10000", help="synthetic intents to add (1000,10000)"
    )
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="latency sampling per engine and size"
    )
    parser.add_argument("--throughput-questions", type=int, default=3000)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--store-ops", type=int, default=2000, help="writes per store figure")
    parser.add_argument(
        "--store-questions", type=int, default=400, help="questions sent end to end"
    )
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help="where to write the figures"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    results = run(
        sizes,
        args.seconds,
        args.throughput_questions,
        args.startup_runs,
        args.store_ops,
        args.store_questions,
    )
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nFigures written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
