"""One measurement in a fresh process, so its peak memory is its own: build, then ask every
question many times. `python -m benchmarks.worker ours|naive FACTS_DIR QUESTIONS_JSON SECONDS
EVERY` prints one JSON object."""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.naive import NaiveMatcher
from bot.engine.answers import AnswerEngine
from bot.engine.facts import load_fact_base


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(int(len(sorted_values) * share), len(sorted_values) - 1)]


def main() -> int:
    engine_name, facts_dir, questions_file, budget, every = sys.argv[1:6]
    labelled = json.loads(Path(questions_file).read_text(encoding="utf-8"))
    started = time.perf_counter()
    facts = load_fact_base(Path(facts_dir) if facts_dir != "-" else None)
    loaded = time.perf_counter()
    if engine_name == "ours":
        engine = AnswerEngine(facts)

        def answer(question: str) -> str | None:
            reply = engine.ask(question)
            return reply.fact_id if reply.answered else None
    else:
        naive = NaiveMatcher(facts)

        def answer(question: str) -> str | None:
            return naive.match(question)[0]

    built = time.perf_counter()

    # Every `every`-th question (the naive baseline needs 0.2 s a question at 10,000 intents);
    # the first pass gives the accuracy, further passes only latency, while the budget lasts.
    sample = labelled[:: int(every)]
    gc.disable()  # a collection in the middle of one question is noise, not the engine
    latencies: list[float] = []
    outcomes = []
    deadline = time.perf_counter() + float(budget)
    first = True
    while first or time.perf_counter() < deadline:
        for item in sample:
            start = time.perf_counter()
            got = answer(item["q"])
            latencies.append(time.perf_counter() - start)
            if first:
                outcomes.append((item, got))
        first = False
    gc.enable()
    in_scope = [(i, got) for i, got in outcomes if i["expect"]]
    out_of_scope = [(i, got) for i, got in outcomes if not i["expect"]]
    latencies.sort()
    result = {
        "intents": len(facts.intents),
        "phrasings": sum(len(q) for i in facts.intents for q in i.questions.values()),
        "load_s": loaded - started,
        "build_s": built - loaded,
        "questions": len(outcomes),
        "samples": len(latencies),
        "p50_ms": percentile(latencies, 0.50) * 1e3,
        "p99_ms": percentile(latencies, 0.99) * 1e3,
        "max_ms": latencies[-1] * 1e3,
        "in_scope_right": sum(got in i["expect"] for i, got in in_scope) / len(in_scope),
        "abstained_right": sum(got is None for _, got in out_of_scope) / len(out_of_scope),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
