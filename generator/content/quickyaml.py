"""A quick reader for the plain YAML most front matter is written in.

Front matter is nearly always block mappings of ``key: value`` lines, lists of
scalars (``- Huawei``, ``[5g, fcc]``) and lists of flat mappings (``- name: …``
then ``  url: …``, or ``- {name: ZTE, role: target}``). Read by PyYAML, each
scalar goes through its Python-level constructor and resolver, then through a
second walk for the line marks; :class:`QuickReader` gives the same values and
the same line map in one pass over the lines.

It only reads what it is sure of. Lines that are comments are skipped; anything
else outside plain scalars, single-line quoted scalars without escapes and
one-line flow collections of those (a comment after a value, tabs, anchors,
aliases, tags, block and multi-line scalars, floats, keys PyYAML would not read
as plain text, duplicate keys, odd indentation, characters outside the
printable set) makes it return ``None``, and the caller reads the text with
PyYAML, which gives the values or the exact problem. Nesting and size are
bounded far below the hostile-YAML limits, so nothing this reader accepts
could have been refused as hostile.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from yaml.constructor import SafeConstructor

Resolvers = Mapping[Any, Sequence[tuple[str, "re.Pattern[str]"]]]
"""PyYAML's implicit resolvers: first character (or ``None`` for any) to ``(tag, pattern)`` pairs."""

MAX_CHARS = 50_000
"""Longer front matter goes to PyYAML (it cannot then hold more than 100,000 values)."""
_MAX_DEPTH = 8
_NULL, _BOOL, _INT, _STR = (f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "str"))

_UNSURE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""A tab, a YAML line break other than ``\\n``, a character YAML refuses, or a byte order mark.

Written as the characters to find, not as the printable ones to allow: the same
test, but a class of those few compiles in microseconds, not milliseconds."""
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})$")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SCALAR = r"""'((?:[^']|'')*)'|"([^"\\]*)"|([^,\[\]{}:#'" ][^,\[\]{}:#]*?)"""
_FLOW_ITEM = re.compile(rf" *(?:{_FLOW_SCALAR}) *(,|$)")
_FLOW_PAIR = re.compile(rf" *([A-Za-z_][A-Za-z0-9_-]*): +(?:{_FLOW_SCALAR}) *(,|$)")
"""A one-line flow list's item or flow mapping's pair: quoted, or plain without flow indicators, ``:`` or ``#``."""


class _Unsure(Exception):
    """The text is outside what this reader is sure of."""


class QuickReader:
    """The quick reader for one table of PyYAML implicit resolvers."""

    def __init__(self, resolvers: Resolvers) -> None:
        wildcard = tuple(resolvers.get(None, ()))
        self.wildcard = wildcard
        self.table = {first: (*found, *wildcard) for first, found in resolvers.items() if first is not None}

    def read(self, source: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
        """PyYAML's mapping for ``source`` and its line map (as ``frontmatter`` builds it), or ``None`` when unsure."""
        if len(source) > MAX_CHARS or _UNSURE.search(source):
            return None
        try:
            return _Reader(source, first_line, self).document()
        except _Unsure:
            return None


class _Reader:
    """One pass over the non-blank lines, each as ``(indent, text, index)``."""

    def __init__(self, source: str, first_line: int, quick: QuickReader) -> None:
        self.rows: list[tuple[int, str, int]] = []
        for index, line in enumerate(source.split("\n")):
            text = line.lstrip(" ")
            if text and text[0] != "#":  # a comment line is nothing, whatever its indentation
                if " #" in text:
                    raise _Unsure
                self.rows.append((len(line) - len(text), text.rstrip(" "), index))
        self.pos = 0
        self.first = first_line
        self.table = quick.table
        self.wildcard = quick.wildcard
        self.lines: dict[str, int] = {}

    def document(self) -> tuple[dict[str, Any], dict[str, int]]:
        if not self.rows:
            raise _Unsure
        data = self.mapping(0, "", 1)
        if self.pos != len(self.rows):
            raise _Unsure
        return data, self.lines

    def mapping(self, indent: int, prefix: str, depth: int) -> dict[str, Any]:
        """The ``key: value`` lines at ``indent``, from the current one on."""
        if depth > _MAX_DEPTH:
            raise _Unsure
        result: dict[str, Any] = {}
        rows = self.rows
        while self.pos < len(rows):
            column, text, index = rows[self.pos]
            if column < indent:
                break
            match = _KEY.match(text)
            if column > indent or match is None:
                raise _Unsure
            name, value = match.groups()
            if name in result or self.tag(name) != _STR:
                raise _Unsure
            key = f"{prefix}.{name}" if prefix else name
            self.lines.setdefault(key, self.first + index)
            self.pos += 1
            result[name] = self.inline(value, key, index) if value is not None else self.block(indent, key, depth)
        return result

    def block(self, indent: int, key: str, depth: int) -> Any:
        """The value of ``key:`` at ``indent`` written on the lines below it: a list, a mapping, or nothing (null)."""
        if self.pos == len(self.rows):
            return None
        column, text, _ = self.rows[self.pos]
        if text == "-" or text.startswith("- "):
            return self.sequence(column, key, depth + 1) if column >= indent else None
        return self.mapping(column, key, depth + 1) if column > indent else None

    def sequence(self, indent: int, prefix: str, depth: int) -> list[Any]:
        """The ``- item`` lines at ``indent``; an item is a scalar, a flow list, or a mapping begun on its line."""
        if depth > _MAX_DEPTH:
            raise _Unsure
        items: list[Any] = []
        rows = self.rows
        while self.pos < len(rows):
            column, text, index = rows[self.pos]
            if column != indent or not text.startswith("- "):
                if column > indent or text == "-":
                    raise _Unsure
                break
            key = f"{prefix}[{len(items)}]"
            self.lines.setdefault(key, self.first + index)
            rest = text[2:]
            item = rest.lstrip(" ")
            if _KEY.match(item):
                # the item is a mapping whose first key sits on the dash's line: read it as a line of its own
                rows[self.pos] = (indent + len(text) - len(item), item, index)
                items.append(self.mapping(rows[self.pos][0], key, depth + 1))
            else:
                self.pos += 1
                items.append(self.inline(item, key, index))
        return items

    def inline(self, text: str, key: str, index: int) -> Any:
        """A value written on its key's (or dash's) line."""
        first = text[0]
        if first == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                raise _Unsure
            return inner.replace("''", "'")
        if first == '"':
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
                raise _Unsure
            return inner
        if first in "[{":
            return self.flow(text, key, index)
        if ": " in text or text[-1] == ":":
            raise _Unsure
        return self.plain(text)

    def flow(self, text: str, key: str, index: int) -> Any:
        """``[a, 'b, c', 2019]`` or ``{name: Huawei, role: target}`` on one line, its values scalars."""
        mapping = text[0] == "{"
        if text[-1] != "}]"[not mapping]:
            raise _Unsure
        inner = text[1:-1]
        result: dict[str, Any] | list[Any] = {} if mapping else []
        pattern = _FLOW_PAIR if mapping else _FLOW_ITEM
        at, end = 0, len(inner) if inner.strip(" ") else 0
        while at < end:
            match = pattern.match(inner, at)
            if match is None:
                raise _Unsure
            *name, single, double, plain, comma = match.groups()
            if comma and match.end() == end:
                raise _Unsure
            value = single.replace("''", "'") if single is not None else double if double is not None else self.plain(plain)
            if isinstance(result, dict):
                if name[0] in result or self.tag(name[0]) != _STR:
                    raise _Unsure
                self.lines.setdefault(f"{key}.{name[0]}", self.first + index)
                result[name[0]] = value
            else:
                self.lines.setdefault(f"{key}[{len(result)}]", self.first + index)
                result.append(value)
            at = match.end()
        return result

    def plain(self, text: str) -> Any:
        """A plain scalar's value: text, or null, true/false or a decimal integer as PyYAML resolves them."""
        first = text[0]
        if first in _INDICATORS and not (first == "-" and len(text) > 1 and text[1] in "0123456789"):
            raise _Unsure
        tag = self.tag(text)
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return SafeConstructor.bool_values[text.lower()]
        if tag == _INT and _DECIMAL.match(text):
            return int(text)
        raise _Unsure

    def tag(self, text: str) -> str:
        """The tag PyYAML's resolver gives a plain scalar."""
        for tag, pattern in self.table.get(text[:1], self.wildcard):
            if pattern.match(text):
                return tag
        return _STR
