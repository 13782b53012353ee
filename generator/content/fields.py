"""Declared schemas: named fields with parsers, read with every problem at once.

Used for ``site.yaml`` and for the front matter of each content kind. A parser
takes the YAML value and returns the typed value or raises :class:`FieldError`;
unknown keys are errors with a "did you mean" when a known key is close.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..errors import Problem
from .dates import DateError, PartialDate, parse_date
from .frontmatter import Document, key_text

T = TypeVar("T")


class FieldError(ValueError):
    """A value of the wrong shape; ``where`` locates it inside the field.

    One error may carry several findings (one per bad item of a list).
    """

    def __init__(self, message: str, where: str = "", more: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.findings: tuple[tuple[str, str], ...] = ((where, message), *more)


@dataclass(frozen=True, slots=True)
class Field(Generic[T]):
    """One declared key: its parser, and whether it must be there."""

    name: str
    parse: Callable[[Any], T]
    required: bool = False


def did_you_mean(name: str, choices: Sequence[str], cutoff: float = 0.75) -> str:
    """``" (did you mean 'title'?)"`` or ``""``."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


def read_fields(doc: Document, fields: Sequence[Field[Any]]) -> tuple[dict[str, Any], list[Problem]]:
    """Parse every declared field of ``doc``; missing optional ones are ``None``."""
    known = [f.name for f in fields]
    problems = [
        Problem(doc.path, doc.line_of(key_text(key)), key_text(key), "unknown key" + did_you_mean(key_text(key), known))
        for key in doc.data
        if key not in known
    ]
    values: dict[str, Any] = {}
    for field in fields:
        if field.name not in doc.data or doc.data[field.name] is None:
            values[field.name] = None
            if field.required:
                problems.append(Problem(doc.path, doc.line_of(field.name), field.name, "required"))
            continue
        try:
            values[field.name] = field.parse(doc.data[field.name])
        except FieldError as exc:
            values[field.name] = None
            for where, message in exc.findings:
                key = field.name + where
                problems.append(Problem(doc.path, doc.line_of(key), key, message))
    return values, problems


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no HTML page or XML feed may carry (tab and line ends are fine)."""


def text(value: Any) -> str:
    """A single line or paragraph of text; numbers are taken as text."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldError(f"expected text, got {_kind(value)}")
    result = str(value).strip()
    if not result:
        raise FieldError("must not be empty")
    control = _CONTROL.search(result)
    if control:
        raise FieldError(f"control character U+{ord(control.group()):04X} is not allowed")
    return result


def choice(*allowed: str) -> Callable[[Any], str]:
    """One of a few words."""
    def parse(value: Any) -> str:
        word = text(value)
        if word not in allowed:
            raise FieldError(f"expected one of {', '.join(allowed)}, got {word!r}" + did_you_mean(word, allowed, cutoff=0.6))
        return word
    return parse


def boolean(value: Any) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {_kind(value)}")
    return value


def text_list(value: Any) -> tuple[str, ...]:
    """A list of texts; a single text is a list of one."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise FieldError(f"expected a list of names, got {_kind(value)}")
    items = []
    for index, item in enumerate(value):
        try:
            items.append(text(item))
        except FieldError as exc:
            raise FieldError(exc.message, f"[{index}]") from None
    return tuple(items)


def date(value: Any) -> PartialDate:
    """A partial date, see :mod:`generator.content.dates`."""
    try:
        return parse_date(value)
    except DateError as exc:
        raise FieldError(str(exc)) from None


def mapping(value: Any) -> Mapping[str, Any]:
    """Any mapping, kept as written (for ``extra``)."""
    if not isinstance(value, dict):
        raise FieldError(f"expected a mapping, got {_kind(value)}")
    return value


_WEB_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


def web_url(value: Any) -> str:
    """An absolute ``http(s)://`` URL; anything else (``javascript:``) is refused."""
    url = text(value)
    if not _WEB_URL.match(url):
        raise FieldError(f"expected an http:// or https:// URL, got {url!r}")
    return url


def records(value: Any, fields: Sequence[Field[Any]], build: Callable[..., T]) -> tuple[T, ...]:
    """A list of small mappings (sources, links, eras), each read by ``fields``."""
    if not isinstance(value, list):
        raise FieldError(f"expected a list, got {_kind(value)}")
    result = []
    findings: list[tuple[str, str]] = []
    for index, item in enumerate(value):
        try:
            result.append(build(**_record(item, fields)))
        except FieldError as exc:
            findings.extend((f"[{index}]{where}", message) for where, message in exc.findings)
    if findings:
        (where, message), *more = findings
        raise FieldError(message, where, more)
    return tuple(result)


def record(value: Any, fields: Sequence[Field[Any]], build: Callable[..., T]) -> T:
    """One small mapping (a publisher, a media item), each key read by ``fields``."""
    return build(**_record(value, fields))


def _record(item: Any, fields: Sequence[Field[Any]]) -> dict[str, Any]:
    known = [f.name for f in fields]
    if not isinstance(item, dict):
        raise FieldError(f"expected a mapping with {', '.join(known)}, got {_kind(item)}")
    findings = [(f".{key_text(key)}", "unknown key" + did_you_mean(key_text(key), known)) for key in item if key not in known]
    values: dict[str, Any] = {}
    for field in fields:
        raw = item.get(field.name)
        values[field.name] = None
        if raw is None:
            if field.required:
                findings.append((f".{field.name}", "required"))
            continue
        try:
            values[field.name] = field.parse(raw)
        except FieldError as exc:
            findings.extend((f".{field.name}{where}", message) for where, message in exc.findings)
    if findings:
        (where, message), *more = findings
        raise FieldError(message, where, more)
    return values
