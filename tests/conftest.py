"""Shared fixtures: the shipped fact base, loaded once, and engines at fixed dates."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.engine.answers import AnswerEngine
from bot.engine.facts import FactBase, default_facts_dir, load_fact_base

COPENHAGEN = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(autouse=True, scope="session")
def _compiled_index_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Commands under test, in-process or as processes, cache their compiled index in a folder
    of the test run's own, never in the developer's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def facts() -> FactBase:
    return load_fact_base()


@pytest.fixture(scope="session")
def engine(facts: FactBase) -> AnswerEngine:
    """An engine whose today is 24 November 2026 in Copenhagen."""
    return AnswerEngine(facts, clock=lambda: dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC))


@pytest.fixture(scope="session")
def engine_on(facts: FactBase) -> Callable[[dt.datetime], AnswerEngine]:
    """Engines sharing the loaded fact base, each with its own fixed clock."""

    def make(moment: dt.datetime) -> AnswerEngine:
        return AnswerEngine(facts, clock=lambda: moment)

    return make


@pytest.fixture
def facts_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped fact base, for breaking it on purpose."""
    target = tmp_path / "facts"
    shutil.copytree(default_facts_dir(), target)
    return target
