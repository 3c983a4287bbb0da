"""`python -m benchmarks`: latency, throughput, scaling, start-up and memory, ours against naive.

Every figure is measured in fresh processes, the same way every run, and printed as a table;
the same figures go to benchmarks/results/latest.json (or --json PATH).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    """One process: its wall time from launch to exit, its output and its peak memory."""

    seconds: float
    stdout: str
    peak_rss_mb: float


class Launcher:
    """Starts measured processes through `benchmarks.launch`, a process of its own that stays
    small, so that each process's peak memory is its own (see that module)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.launch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()

    def python(
        self,
        *args: str,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        check: bool = False,
    ) -> Run:
        """Run `python ARGS` from the repository, input and output through files; with
        `check`, a failing process is an error."""
        given, out = self.folder / "stdin.txt", self.folder / "stdout.txt"
        given.write_text(stdin or "", encoding="utf-8")
        request = {
            "args": [sys.executable, *args],
            "env": dict(os.environ if env is None else env),
            "cwd": str(ROOT),
            "stdin": str(given),
            "stdout": str(out),
        }
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        if check and reply["returncode"]:
            raise subprocess.CalledProcessError(reply["returncode"], request["args"])
        return Run(reply["seconds"], out.read_text(encoding="utf-8"), reply["peak_rss_mb"])


def _questions_file(folder: Path) -> Path:
    labelled = [
        {"q": item.question, "expect": list(item.expect), "lang": item.language}
        for path in QUESTION_FILES
        for item in load_questions(path)
    ]
    target = folder / "questions.json"
    target.write_text(json.dumps(labelled, ensure_ascii=False), encoding="utf-8")
    return target


def _worker(
    launch: Launcher, engine: str, facts: str, questions: Path, seconds: float, every: int
) -> dict:
    args = ("-m", "benchmarks.worker", engine, facts, str(questions), str(seconds), str(every))
    return json.loads(launch.python(*args, check=True).stdout)


def _env(cache: Path) -> dict[str, str]:
    """The environment of our processes: the compiled index in the run's own folder."""
    return {**os.environ, "CACHE_DIR": str(cache)}


def _throughput(
    launch: Launcher, questions: list[str], *command: str, env: dict[str, str] | None = None
) -> float:
    run = launch.python(*command, stdin="\n".join(questions) + "\n", env=env, check=True)
    assert len(run.stdout.splitlines()) == len(questions)
    return len(questions) / run.seconds


def _median_run(
    launch: Launcher, runs: int, *command: str, env: dict[str, str] | None = None
) -> dict:
    done = [launch.python(*command, env=env, check=True) for _ in range(runs)]
    return {
        "seconds": statistics.median(run.seconds for run in done),
        "peak_rss_mb": max(run.peak_rss_mb for run in done),
    }


def _startup(launch: Launcher, facts: str, runs: int, folder: Path) -> dict:
    """Launch to first answer: ours without a compiled index (each run in an empty cache
    folder, so it loads the YAML, builds and writes the index), ours from the compiled index,
    and the baseline (which has none)."""
    facts_args = () if facts == "-" else ("--facts", facts)
    ask = (*OURS, *facts_args, STARTUP_QUESTION)
    cold = [
        launch.python(*ask, env=_env(folder / f"cold-{run}"), check=True) for run in range(runs)
    ]
    warm_env = _env(folder / "warm")
    launch.python(*ask, env=warm_env, check=True)
    return {
        "cold": {
            "seconds": statistics.median(run.seconds for run in cold),
            "peak_rss_mb": max(run.peak_rss_mb for run in cold),
        },
        "warm": _median_run(launch, runs, *ask, env=warm_env),
        "naive": _median_run(launch, runs, *NAIVE, *facts_args, STARTUP_QUESTION),
    }


def _facts_check(launch: Launcher, facts: str, folder: Path) -> dict:
    """`facts check` reads and validates the YAML itself, then builds the index to find
    phrasings matched to the wrong intent: never from the compiled index. (Synthetic intents
    may be reported as confused: the exit code is not the figure.)"""
    facts_args = () if facts == "-" else ("--facts", facts)
    run = launch.python("-m", "bot", "facts", "check", *facts_args, env=_env(folder))
    return {"seconds": run.seconds, "peak_rss_mb": run.peak_rss_mb}


def _import_time(launch: Launcher) -> tuple[float, bool]:
    code = (
        "import sys, time; t = time.perf_counter(); import bot.engine.answers; "
        "print(time.perf_counter() - t, 'discord' in sys.modules)"
    )
    seconds, discord_loaded = launch.python("-X", "frozen_modules=on", "-c", code).stdout.split()
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
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "sizes": {},
        "startup": {},
        "facts_check": {},
    }
    # Start-up is measured as an installed package runs: from compiled bytecode (pip compiles
    # it on install), whatever PYTHONDONTWRITEBYTECODE says in this shell.
    for package in ("bot", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Started first, while this process is still small (see benchmarks.launch).
        launch = Launcher(folder)
        try:
            _measure(launch, results, folder, sizes, seconds, throughput_questions, startup_runs)
            print("measuring the store and end to end ...", file=sys.stderr, flush=True)
            store = launch.python(
                "-m", "benchmarks.store", str(store_ops), str(store_questions), check=True
            )
            results["store"] = json.loads(store.stdout)
        finally:
            launch.close()
    return results


def _measure(
    launch: Launcher,
    results: dict,
    folder: Path,
    sizes: list[int],
    seconds: float,
    throughput_questions: int,
    startup_runs: int,
) -> None:
    """Every figure, each from processes of its own, into `results`."""
    questions = _questions_file(folder)
    facts_dirs = {"shipped": "-"}
    for size in [0, *sizes]:
        label = "shipped" if size == 0 else f"+{size} intents"
        facts = "-" if size == 0 else str(write_fact_base(folder / f"facts-{size}", size))
        facts_dirs[label] = facts
        print(f"measuring latency, {label} ...", file=sys.stderr, flush=True)
        # At 10,000 intents the baseline takes 0.2 s a question: a third of the set there.
        every = 3 if size >= LARGE else 1
        results["sizes"][label] = {
            "ours": _worker(launch, "ours", facts, questions, seconds, every),
            "naive": _worker(launch, "naive", facts, questions, seconds, every),
        }
    texts = [item["q"] for item in json.loads(questions.read_text(encoding="utf-8"))]
    batch = (texts * (throughput_questions // len(texts) + 1))[:throughput_questions]
    print("measuring throughput ...", file=sys.stderr, flush=True)
    warm = _env(folder / "throughput")
    launch.python(*OURS, STARTUP_QUESTION, env=warm, check=True)
    results["throughput_qps"] = {
        "ours": _throughput(launch, batch, *OURS, "--json", env=warm),
        "naive": _throughput(launch, batch, *NAIVE),
    }
    largest = f"+{max(sizes)} intents" if sizes else "shipped"
    for label in dict.fromkeys(("shipped", largest)):
        print(f"measuring start-up and facts check, {label} ...", file=sys.stderr, flush=True)
        results["startup"][label] = _startup(
            launch, facts_dirs[label], startup_runs if label == "shipped" else 1, folder / label
        )
        results["facts_check"][label] = _facts_check(launch, facts_dirs[label], folder / label)
    seconds_to_import, discord_loaded = _import_time(launch)
    results["engine_import_s"] = seconds_to_import
    results["engine_import_loads_discord"] = discord_loaded


def _row(name: str, ours: float, naive: float | None, unit: str, digits: int = 2) -> str:
    if naive is None:
        return f"| {name} | {ours:.{digits}f} {unit} | – | – |"
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
            _row(
                f"peak RSS, YAML load and build in process, {where}",
                ours["peak_rss_mb"],
                naive["peak_rss_mb"],
                "MB",
                1,
            ),
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
    lines.append(
        _row(
            "throughput of `ask --json` over stdin, whole process, compiled index",
            results["throughput_qps"]["ours"],
            results["throughput_qps"]["naive"],
            "q/s",
            0,
        )
    )
    for label, startup in results["startup"].items():
        naive = startup["naive"]
        for kind, what in (("warm", "from the compiled index"), ("cold", "no compiled index")):
            ours = startup[kind]
            lines += [
                _row(
                    f'start-up to first answer (`ask "..."`), {what}, {label}',
                    ours["seconds"],
                    naive["seconds"],
                    "s",
                    3,
                ),
                _row(
                    f"peak RSS of that process, {what}, {label}",
                    ours["peak_rss_mb"],
                    naive["peak_rss_mb"],
                    "MB",
                    1,
                ),
            ]
    for label, check in results["facts_check"].items():
        lines += [
            _row(f"`facts check`, {label}", check["seconds"], None, "s", 2),
            _row(f"peak RSS of `facts check`, {label}", check["peak_rss_mb"], None, "MB", 1),
        ]
    loads = "loads" if results["engine_import_loads_discord"] else "without"
    milliseconds = results["engine_import_s"] * 1e3
    machine = results["machine"]
    lines.append(
        "\nFor latency, build, load, start-up and memory lower is better; for accuracy and "
        "throughput higher."
        f"\nEngine import (`import bot.engine.answers`): {milliseconds:.0f} ms, "
        f"{loads} discord.py. Machine: {machine['cpus']} CPUs, "
        f"{machine['platform']}, Python {machine['python']}, load average at the start "
        + " / ".join(f"{load:.2f}" for load in machine["load_average"])
        + "."
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
