"""The benchmark runner runs end to end on tiny sizes. No timing is asserted: these machines are
shared and noisy; the figures themselves are for BENCHMARKS.md."""

import json

from benchmarks.__main__ import main
from benchmarks.synthetic import synthetic_intents


def test_synthetic_intents_have_twelve_phrasings_and_their_own_words(facts):
    first, second = synthetic_intents(facts, 2)
    assert len(first["questions"]["da"]) + len(first["questions"]["en"]) == 12
    assert first["questions"]["da"] != second["questions"]["da"]


def test_a_tiny_benchmark_run_prints_the_table_and_writes_the_json(tmp_path, capsys):
    target = tmp_path / "figures.json"
    code = main(
        [
            "--sizes",
            "20",
            "--seconds",
            "0.05",
            "--throughput-questions",
            "20",
            "--startup-runs",
            "1",
            "--store-ops",
            "10",
            "--store-questions",
            "4",
            "--json",
            str(target),
        ]
    )
    figures = json.loads(target.read_text())
    assert code == 0
    assert set(figures["sizes"]) == {"shipped", "+20 intents"}
    assert {"ours", "naive"} == set(figures["throughput_qps"])
    assert figures["engine_import_loads_discord"] is False
    assert set(figures["store"]) >= {"sqlite", "postgresql"}
    out = capsys.readouterr().out
    assert "| latency p99, shipped" in out
    assert "| answer claim p99 |" in out
