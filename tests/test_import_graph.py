"""The import graph of bot/ is one-way: the engine at the bottom, the adapters (Discord, the
command line, the console) on top, and no module importing another that imports it back.

Read from the source with `ast`, so every import counts: those under `if TYPE_CHECKING:` and
those inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bot"
ADAPTERS = ("bot.discordbot", "bot.cli", "bot.console", "bot.db_cli", "bot.__main__")
# What the engine must never need: Discord, a network, a database.
OUTSIDE_THE_ENGINE = ("discord", "aiohttp", "asyncpg", "sqlite3", "dotenv")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_in(source: str, package: str) -> set[str]:
    """The absolute names a module of `package` imports: `from bot.discordbot import texts`
    gives `bot.discordbot.texts`, `from ..engine.facts import Intent` in `bot.discordbot` gives
    `bot.engine.facts.Intent`."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: package.count(".") + 2 - node.level]
                base = ".".join([*anchor, node.module] if node.module else anchor)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def imported_names(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def bot_imports(module: str) -> set[str]:
    """The modules of bot/ that `module` imports."""
    found = set()
    for name in imported_names(module):
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.add(name)
    return found


GRAPH = {module: bot_imports(module) for module in MODULES}


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def a_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    path: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for imported in sorted(graph[module]):
            cycle = visit(imported)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    return next((cycle for module in sorted(graph) if (cycle := visit(module))), None)


def test_imports_count_wherever_they_stand_and_however_they_are_written():
    source = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from bot.discordbot.client import ThorupBot
def later():
    import bot.store
from . import texts
from ..engine.facts import Intent
"""
    assert imports_in(source, "bot.discordbot") == {
        "typing.TYPE_CHECKING",
        "bot.discordbot.client.ThorupBot",
        "bot.store",
        "bot.discordbot.texts",
        "bot.engine.facts.Intent",
    }


def test_the_cycle_finder_finds_a_cycle():
    assert a_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert a_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_of_bot_imports_one_that_imports_it_back():
    assert a_cycle(GRAPH) is None


def test_the_engine_imports_nothing_of_bot_outside_the_engine():
    outside = {
        module: sorted(m for m in imported if m != "bot" and not _within(m, ("bot.engine",)))
        for module, imported in GRAPH.items()
        if _within(module, ("bot.engine",))
    }
    assert {module: found for module, found in outside.items() if found} == {}


def test_the_engine_imports_neither_discord_nor_a_database():
    found = {
        module: sorted(n for n in imported_names(module) if _within(n, OUTSIDE_THE_ENGINE))
        for module in MODULES
        if _within(module, ("bot.engine",))
    }
    assert {module: names for module, names in found.items() if names} == {}


def test_only_the_adapters_import_the_adapters():
    found = {
        module: sorted(m for m in imported if _within(m, ADAPTERS))
        for module, imported in GRAPH.items()
        if not _within(module, ADAPTERS)
    }
    assert {module: names for module, names in found.items() if names} == {}
