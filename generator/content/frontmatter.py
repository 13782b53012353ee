"""Reading a content file: bytes to text, ``---`` YAML front matter and body.

YAML is read with libyaml where present, with line marks kept for every key so
later stages can point at the exact line. Timestamps are *not* resolved: dates
stay strings and :mod:`generator.content.dates` judges them, so ``2019-02-30`` gives a
clear message instead of a traceback from the YAML constructor.

Hostile YAML is refused before it is built: an alias used inside the value
it names, nesting deeper than :data:`MAX_DEPTH`, and aliases that multiply
into more than :data:`MAX_VALUES` values (a "billion laughs" file).
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, shorten
from . import quickyaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader without the implicit timestamp type, whose values never fail with a bare exception."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's value for ``node``, or a marked error where its constructors raise a plain one.

        ``int()`` refuses more than 4,300 digits, and an explicit tag
        (``!!int abc``, ``!!bool maybe``, ``!!timestamp 2019-02-30``) reaches
        constructors that raise ``ValueError``, ``KeyError`` or ``AttributeError``.
        """
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, _unconstructed(node, exc), node.start_mark) from None


_QUICK = quickyaml.QuickReader(_Loader.yaml_implicit_resolvers)


def _unconstructed(node: yaml.Node, exc: Exception) -> str:
    """Why ``node`` has no value, in the author's terms."""
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    digits = sum(c.isdigit() for c in text)
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return f"an integer of {digits} digits: at most {sys.get_int_max_str_digits()} are allowed (quote it to keep it as text)"
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return f"cannot read {shorten(text, 60)!r} as {tag}"


MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted in front matter or site.yaml."""
MAX_VALUES = 100_000
"""Most values one collection may hold once its aliases are expanded."""
_STR = "tag:yaml.org,2002:str"


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
    if not raw.removeprefix(codecs.BOM_UTF8).strip():
        return None, [Problem(path, 1, None, "empty file")]
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            return None, [Problem(path, 1, None, f"{name} text: save the file as UTF-8")]
    if b"\0" in raw:
        return None, [Problem(path, raw.count(b"\n", 0, raw.index(b"\0")) + 1, None, "binary file: expected UTF-8 text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(path, line, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), []


def split(text: str, path: str) -> tuple[str, str, int] | Problem:
    """``(yaml_text, body, body_line)``; the fences must be lines of ``---``."""
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != "---":
        return Problem(path, 1, None, "missing front matter: the file must start with a '---' line")
    # line by line up to the closing fence only: the body is taken whole, never split into lines
    opened = start = end + 1
    index = 1
    while end >= 0:
        end = text.find("\n", start)
        if (text[start:] if end < 0 else text[start:end]).rstrip() in ("---", "..."):
            return text[opened : max(start - 1, opened)], "" if end < 0 else text[end + 1 :], index + 2
        start, index = end + 1, index + 1
    return Problem(path, 1, None, "front matter is not closed: no second '---' line")


def parse_yaml(source: str, path: str, first_line: int) -> tuple[Any, dict[str, int], list[Problem]]:
    """Parse one YAML document; return data, line map and problems.

    Plain front matter is read by :mod:`generator.content.quickyaml`; the rest,
    and every file with a problem, by :func:`read_yaml`, which gives the same values and line marks.
    """
    quick = read_quickly(source, first_line)
    if quick is not None:
        return quick[0], quick[1], []
    return read_yaml(source, path, first_line)


def read_quickly(source: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """Data and line map of plain front matter, as :func:`read_yaml` gives them; ``None`` for any other YAML."""
    return _QUICK.read(source, first_line)


def read_yaml(source: str, path: str, first_line: int) -> tuple[Any, dict[str, int], list[Problem]]:
    """Parse one YAML document with PyYAML; return data, line map and problems."""
    try:
        refused = _refuse_hostile(source, path, first_line) if _may_be_hostile(source) else None
        if refused is not None:
            return None, {}, [refused]
        loader = _Loader(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        source_lines = source.split("\n")
        if mark and mark.line < len(source_lines) and "\t" in source_lines[mark.line][: mark.column + 1]:
            message += " (a tab: indent YAML with spaces)"
        if exc.problem and exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            message += f" ({' '.join(exc.context.split())} that starts on line {first_line + exc.context_mark.line})"
        return None, {}, [Problem(path, line, None, f"YAML: {message}")]
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; libyaml counts its offset in UTF-8 bytes
        if _BaseLoader is yaml.SafeLoader:
            line = first_line + source[: exc.position].count("\n")
        else:
            line = first_line + source.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        return None, {}, [Problem(path, line, None, f"YAML: character U+{code:04X} is not allowed here ({exc.reason})")]
    except yaml.YAMLError as exc:  # errors without a mark: one line, whatever the library says
        return None, {}, [Problem(path, first_line, None, "YAML: " + " ".join(str(exc).split()))]
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, "", first_line, lines, problems, path)
    return data, lines, problems


def _may_be_hostile(source: str) -> bool:
    """Whether ``source`` could hold an alias or nest too deep: only then is the event stream read first.

    An alias needs a ``*``; every level of nesting needs one of ``: - ? [ {``.
    Ordinary front matter has neither enough of those nor a ``*``, and skips a second parse.
    """
    return "*" in source or sum(source.count(c) for c in ":-?[{") >= MAX_DEPTH


def _refuse_hostile(source: str, path: str, first_line: int) -> Problem | None:
    """A problem for YAML that would recurse, nest too deep or expand too far, found from the event stream.

    Works on events, not nodes, because only events say where an alias is
    used; it is one pass without recursion, so hostile input costs no more
    than its length. Syntax errors raise as they would when loading.
    """
    loader = _Loader(source)
    try:
        open_: list[list[Any]] = []  # [anchor, values so far] per open list or mapping
        sizes: dict[str, int] = {}
        while loader.check_event():
            event = loader.get_event()
            line = first_line + event.start_mark.line
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_) >= MAX_DEPTH:
                    return Problem(path, line, None, f"YAML: nested more than {MAX_DEPTH} levels deep")
                open_.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_):
                    return Problem(path, line, None, f"YAML: alias *{event.anchor} is used inside the value it names")
                count = sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.ScalarEvent):
                count = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, count = open_.pop()
                if anchor:
                    sizes[anchor] = count
            else:
                continue
            if open_:
                open_[-1][1] += count
                if open_[-1][1] > MAX_VALUES:
                    return Problem(path, line, None, f"YAML: aliases make this value expand to more than {MAX_VALUES} values")
        return None
    finally:
        loader.dispose()


def key_text(key: object) -> str:
    """A mapping key as the author wrote it: ``null``, ``true``, ``2019``, ``title``."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _key_name(node: yaml.Node) -> str:
    """The text of a key node, matching :func:`key_text` of the key it constructs to."""
    if isinstance(node, yaml.ScalarNode) and node.tag != _STR:
        try:
            return key_text(yaml.constructor.SafeConstructor().construct_object(node))
        except (yaml.YAMLError, ValueError, KeyError, AttributeError, TypeError, OverflowError):
            pass
    return str(node.value)


def _walk(node: yaml.Node, prefix: str, first: int, lines: dict[str, int], problems: list[Problem], path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            name = _key_name(key_node)
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


def read_bytes(file: str | Path) -> bytes:
    """The bytes of a regular file; anything else (a folder, a named pipe, a device) is an :class:`OSError`.

    The file is opened without blocking and checked before it is read, so a
    named pipe called ``x.md`` cannot hang a build.
    """
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "a folder, not a file")
        if not stat.S_ISREG(mode):
            kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
            raise OSError(errno.EINVAL, f"not a regular file ({kind})")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)


def read_text(file: str | Path, path: str, what: str = "cannot read") -> tuple[str | None, list[Problem]]:
    """The text of a content file (shown as ``path``), or the problems that stop it being read."""
    try:
        raw = read_bytes(file)
    except OSError as exc:
        return None, [Problem(path, None, None, f"{what}: {exc.strerror or exc}")]
    return decode(raw, path)


def read_document(file: str | Path, path: str) -> tuple[Document | None, list[Problem]]:
    """Read ``file`` (shown as ``path``) into a :class:`Document`."""
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    return parse_document(text, path)


def parse_document(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """A content file's text (shown as ``path``) as a :class:`Document`."""
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
