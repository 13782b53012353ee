"""Reading a content file: bytes to text, ``---`` YAML front matter and body.

YAML is read with libyaml where present, with line marks kept for every key so
later stages can point at the exact line. Timestamps are *not* resolved: dates
stay strings and :mod:`generator.dates` judges them, so ``2019-02-30`` gives a
clear message instead of a traceback from the YAML constructor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader without the implicit timestamp type."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


LineMap = Mapping[str, int]
"""Dotted key path (``sources[1].url``) to its 1-based line in the file."""


@dataclass(frozen=True, slots=True)
class Document:
    """A content file split into front matter and body."""

    path: str
    data: Mapping[str, Any]
    lines: LineMap
    body: str
    body_line: int

    def line_of(self, key: str) -> int:
        """The line of ``key``, else of its nearest parent, else of the fence."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0] if "." in key else key.rpartition("[")[0]
        return 1


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with BOM and CRLF accepted, or a problem naming the line."""
    if not raw.strip():
        return None, [Problem(path, None, None, "empty file")]
    if b"\0" in raw:
        return None, [Problem(path, None, None, "binary file: expected UTF-8 text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(path, line, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split(text: str, path: str) -> tuple[str, str, int] | Problem:
    """``(yaml_text, body, body_line)``; the fences must be lines of ``---``."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return Problem(path, 1, None, "missing front matter: the file must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :])
            return "\n".join(lines[1:index]), body, index + 2
    return Problem(path, 1, None, "front matter is not closed: no second '---' line")


def parse_yaml(source: str, path: str, first_line: int) -> tuple[Any, dict[str, int], list[Problem]]:
    """Parse one YAML document; return data, line map and problems."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        source_lines = source.split("\n")
        if mark and mark.line < len(source_lines) and "\t" in source_lines[mark.line][: mark.column + 1]:
            message += " (a tab: indent YAML with spaces)"
        return None, {}, [Problem(path, line, None, f"YAML: {message}")]
    except yaml.YAMLError as exc:  # libyaml reader errors carry no mark
        return None, {}, [Problem(path, first_line, None, f"YAML: {exc}")]
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, "", first_line, lines, problems, path)
    return data, lines, problems


def _walk(node: yaml.Node, prefix: str, first: int, lines: dict[str, int], problems: list[Problem], path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            key = f"{prefix}.{name}" if prefix else name
            line = first + key_node.start_mark.line
            if name in seen:
                problems.append(Problem(path, line, key, "duplicate key"))
            seen.add(name)
            lines.setdefault(key, line)
            _walk(value_node, key, first, lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}[{index}]"
            lines.setdefault(key, first + item.start_mark.line)
            _walk(item, key, first, lines, problems, path)


def read_document(file: Path, path: str) -> tuple[Document | None, list[Problem]]:
    """Read ``file`` (shown as ``path``) into a :class:`Document`."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(path, None, None, f"cannot read: {exc.strerror or exc}")]
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    parts = split(text, path)
    if isinstance(parts, Problem):
        return None, [parts]
    source, body, body_line = parts
    data, lines, problems = parse_yaml(source, path, 2)
    if problems:
        return None, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(path, 2, None, f"front matter must be a mapping of keys, got {type(data).__name__}")]
    return Document(path, data, lines, body, body_line), []
