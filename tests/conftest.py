"""Shared fixtures: the shipped fact base, loaded once, and engines at fixed dates."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from bot.engine.answers import AnswerEngine
from bot.engine.facts import FactBase, default_facts_dir, load_fact_base
from tests.fake_discord.server import FakeDiscord
from tests.postgres_server import REQUIRE_VARIABLE, PostgresServer, PostgresUnavailableError

COPENHAGEN = dt.timezone(dt.timedelta(hours=1))
# Every setting the bot reads, as documented in .env.example.
SETTINGS = re.findall(
    r"^#?\s*([A-Z][A-Z0-9_]+)=",
    (Path(__file__).parent.parent / ".env.example").read_text(encoding="utf-8"),
    flags=re.MULTILINE,
)


@pytest.fixture(scope="session")
def empty_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cwd")


@pytest.fixture(autouse=True)
def _no_developer_settings(monkeypatch: pytest.MonkeyPatch, empty_folder: Path) -> None:
    """Tests never see the developer's .env, data folder or settings: they run in an empty
    folder, with none of the bot's settings in the environment unless a test sets them."""
    monkeypatch.chdir(empty_folder)
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)


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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run; each test takes a database of its own."""
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailableError as exc:
        server.stop()
        if os.environ.get(REQUIRE_VARIABLE):
            pytest.fail(f"PostgreSQL is required ({REQUIRE_VARIABLE} is set) but: {exc}")
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """An empty database on the test server."""
    return postgres_server.create_database()


@pytest.fixture
async def discord_server() -> AsyncIterator[FakeDiscord]:
    """The loopback fake Discord, on a free port for one test."""
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()
