"""The compiled index: a cached fact base and matcher that answer exactly like a fresh build,
rebuilt whenever the facts or the engine change, and never in the way when it cannot be used."""

import logging
import pickle
from pathlib import Path

import pytest

from bot.engine.compiled import (
    cache_file,
    cache_key,
    code_version,
    default_cache_dir,
    load_matcher,
)
from bot.engine.facts import FactBaseError, default_facts_dir, load_fact_base
from bot.engine.matcher import Matcher

QUESTIONS = (
    "hvornår er jess thorup født",
    "when was he born",
    "hvilke klubber har han trænet",
    "which clubs has he coached",
    "hvad hedder hans kone",
    "what is his salary",
)


def _cache(folder: Path, facts_dir: Path | None = None) -> Path:
    return cache_file((facts_dir or default_facts_dir()).resolve(), folder)


def _same_answers(first: Matcher, second: Matcher) -> None:
    for question in QUESTIONS:
        one, other = first.match(question), second.match(question)
        assert [(i.id, s) for i, s in one.ranked] == [(i.id, s) for i, s in other.ranked]
        assert (one.confidence, one.verdict) == (other.confidence, other.verdict)


def test_a_warm_start_answers_exactly_like_a_fresh_build(tmp_path):
    built = load_matcher(cache_dir=tmp_path)
    assert _cache(tmp_path).is_file()
    _same_answers(load_matcher(cache_dir=tmp_path), built)
    _same_answers(Matcher(load_fact_base()), built)


def test_a_warm_start_reads_the_cache_instead_of_the_yaml(tmp_path, facts_copy):
    load_matcher(facts_copy, tmp_path)
    built_from = _cache(tmp_path, facts_copy).stat().st_mtime_ns
    assert load_matcher(facts_copy, tmp_path).facts.subject.name == "Jess Thorup"
    assert _cache(tmp_path, facts_copy).stat().st_mtime_ns == built_from


def test_editing_a_facts_file_rebuilds_the_index(tmp_path, facts_copy):
    load_matcher(facts_copy, tmp_path)
    subject = facts_copy / "subject.yaml"
    subject.write_text(
        subject.read_text(encoding="utf-8").replace("name: Jess Thorup", "name: J. Thorup", 1),
        encoding="utf-8",
    )
    assert load_matcher(facts_copy, tmp_path).facts.subject.name == "J. Thorup"


def test_a_new_engine_version_rebuilds_the_index(tmp_path, facts_copy):
    load_matcher(facts_copy, tmp_path, code=b"engine 1")
    load_matcher(facts_copy, tmp_path, code=b"engine 2")
    with _cache(tmp_path, facts_copy).open("rb") as file:
        assert pickle.load(file) == cache_key(facts_copy.resolve(), b"engine 2")


@pytest.mark.parametrize("content", ["empty", "not a pickle", "cut short after its key"])
def test_an_unreadable_cache_is_rebuilt_with_one_log_line(tmp_path, caplog, content):
    key = cache_key(default_facts_dir().resolve(), code_version())
    path = _cache(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        {
            "empty": b"",
            "not a pickle": b"not a pickle",
            "cut short after its key": pickle.dumps(key) + b"\x80\x05",
        }[content]
    )
    with caplog.at_level(logging.WARNING):
        matcher = load_matcher(cache_dir=tmp_path)
    assert matcher.match("when was he born").intent is not None
    assert len(caplog.records) == 1
    assert "rebuilding" in caplog.records[0].getMessage()
    assert load_matcher(cache_dir=tmp_path).match("when was he born").intent is not None


def test_a_cache_folder_that_cannot_be_written_still_answers_with_one_log_line(tmp_path, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        matcher = load_matcher(cache_dir=blocked / "cache")
    assert matcher.match("hvornår er han født").intent is not None
    assert len(caplog.records) == 1
    assert "not written" in caplog.records[0].getMessage()


def test_writing_the_cache_leaves_one_file_and_no_temporary_ones(tmp_path):
    load_matcher(cache_dir=tmp_path)
    load_matcher(cache_dir=tmp_path, code=b"another engine")
    assert [path.name for path in tmp_path.iterdir()] == [_cache(tmp_path).name]


def test_a_broken_fact_base_is_reported_not_served_from_the_cache(tmp_path, facts_copy):
    load_matcher(facts_copy, tmp_path)
    subject = facts_copy / "subject.yaml"
    subject.write_text(
        subject.read_text(encoding="utf-8").replace(
            "timezone: Europe/Copenhagen", "timezone: [Europe", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(FactBaseError, match=r"subject\.yaml:\d+: invalid YAML"):
        load_matcher(facts_copy, tmp_path)


def test_the_cache_folder_is_cache_dir_else_the_users_cache():
    assert default_cache_dir({"CACHE_DIR": "/srv/cache"}) == Path("/srv/cache")
    assert default_cache_dir({"XDG_CACHE_HOME": "/home/x/.c"}) == Path("/home/x/.c/thorup-bot")
    assert default_cache_dir({}) == Path.home() / ".cache" / "thorup-bot"


def test_without_a_cache_folder_nothing_is_written(tmp_path, facts_copy, monkeypatch):
    # Where a fallback to the default folder would write, so that it would be seen.
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    assert load_matcher(facts_copy).match("when was he born").intent is not None
    assert not any(tmp_path.rglob("*.pickle"))
