"""YAML reading that remembers line numbers, so every problem in a facts file can name its line."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a facts file, printable as `file:line: message`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


@functools.cache
def _line_loader() -> type:
    """A YAML loader that builds LineDicts and LineLists. Made on demand: PyYAML takes longer
    to import than the rest of the engine, and a start from the compiled index reads no YAML."""
    import yaml

    # libyaml's parser when PyYAML was built with it (about five times faster), else Python.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
            # PyYAML lets a repeated key silently replace the first (a second `answer:` wins);
            # in a fact base that is always a mistake, so it is refused where it happens.
            key_lines: dict[str, int] = {}
            for key_node, _ in node.value:
                key = str(self.construct_object(key_node, deep=True))
                if key in key_lines:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key '{key}' (first on line {key_lines[key]})",
                        key_node.start_mark,
                    )
                key_lines[key] = key_node.start_mark.line + 1
            mapping = LineDict(super().construct_mapping(node, deep=True))
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = key_lines
            return mapping

        def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
            items = LineList(super().construct_sequence(node, deep=True))
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            return items

    LineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping
    )
    LineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_sequence
    )
    return LineLoader


class YamlError(Exception):
    """A facts file that cannot be read as YAML at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, shown_as: str) -> Any:
    """Parse `path`; on failure raise YamlError naming `shown_as` and the line."""
    import yaml  # imported here: see _line_loader

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(Problem(shown_as, 1, f"cannot read file: {exc}")) from exc
    try:
        return yaml.load(text, Loader=_line_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(Problem(shown_as, line, f"invalid YAML: {exc.problem}")) from exc
    except yaml.YAMLError as exc:
        raise YamlError(Problem(shown_as, 1, f"invalid YAML: {exc}")) from exc
