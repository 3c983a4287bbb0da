"""The command line starts from the compiled index in CACHE_DIR, and `facts check` never does."""

import json

from tests.test_cli import check_with_a_broken_quote, run


def test_ask_caches_the_compiled_index_in_cache_dir(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    code, _, _ = run(monkeypatch, capsys, "ask", "hvornår er han født")
    assert code == 0
    assert len(list((tmp_path / "cache").glob("index-*.pickle"))) == 1


def test_ask_from_the_compiled_index_answers_as_from_the_yaml(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    questions = "hvornår er han født\nhow old is he\nhvad tjener han\nhej\nvejret?\n"
    args = ("--today", "2026-11-24", "ask", "--json")
    _, cold, _ = run(monkeypatch, capsys, *args, stdin=questions)
    _, warm, _ = run(monkeypatch, capsys, *args, stdin=questions)
    assert warm == cold
    assert [json.loads(line)["fact_id"] for line in warm.splitlines()][:2] == [
        "birth-date",
        "age-today",
    ]


def test_facts_check_reads_the_yaml_even_when_the_index_is_cached(
    monkeypatch, capsys, tmp_path, facts_copy
):
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    run(monkeypatch, capsys, "ask", "--facts", str(facts_copy), "hvornår er han født")
    code, out = check_with_a_broken_quote(monkeypatch, capsys, facts_copy)
    assert code == 2
    assert "playing.yaml:" in out


def test_an_unwritable_cache_dir_still_answers(monkeypatch, capsys, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CACHE_DIR", str(blocked))
    code, out, _ = run(monkeypatch, capsys, "ask", "when was he born")
    assert code == 0
    assert "21 February 1970" in out
