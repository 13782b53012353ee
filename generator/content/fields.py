"""Declared schemas: named fields with parsers, read with every problem at once.

Used for ``site.yaml`` and for the front matter of each content kind. A parser
takes the YAML value and returns the typed value or raises :class:`FieldError`;
unknown keys are errors with a "did you mean" when a known key is close.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from ..errors import Problem
from .dates import DateError, PartialDate, parse_date
from .edtf import When, parse_edtf_date, parse_when
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


def kind_of(value: object) -> str:
    """How a value of the wrong shape is named in a message: ``a list``, ``int``."""
    return _kind(value)


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no HTML page or XML feed may carry (tab and line ends are fine)."""


def text(value: Any) -> str:
    """A single line or paragraph of text; numbers are taken as text."""
    if type(value) is not str and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        raise FieldError(f"expected text, got {_kind(value)}")
    result = value.strip() if type(value) is str else str(value).strip()
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


def _read_date(parse: Callable[[Any], T], value: Any) -> T:
    """``parse(value)``, its :class:`DateError` turned into this field's problem."""
    try:
        return parse(value)
    except DateError as exc:
        raise FieldError(str(exc)) from None


def date(value: Any) -> PartialDate:
    """A partial date, see :mod:`generator.content.dates`."""
    return _read_date(parse_date, value)


def edtf_date(value: Any) -> PartialDate:
    """One EDTF level 1 date, see :mod:`generator.content.edtf`."""
    return _read_date(parse_edtf_date, value)


def when(value: Any) -> When:
    """An event's ``date:``: an EDTF level 1 date or interval."""
    return _read_date(parse_when, value)


def count(value: Any) -> int:
    """A whole number, zero or more (days, hours)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldError(f"expected a whole number, 0 or more, got {value!r}")
    return value


def mapping(value: Any) -> Mapping[str, Any]:
    """Any mapping, kept as written."""
    if not isinstance(value, dict):
        raise FieldError(f"expected a mapping, got {_kind(value)}")
    return value


_NOT_JSON = {
    set: "a set (!!set): write a list",
    tuple: "an ordered map or pairs (!!omap, !!pairs): write a mapping or a list",
    bytes: "binary data (!!binary): write it as text",
    dt.date: "a timestamp (!!timestamp): write it as quoted text, e.g. '2020-02-01T10:00:00+01:00'",
    dt.datetime: "a timestamp (!!timestamp): write it as quoted text, e.g. '2020-02-01T10:00:00+01:00'",
}


def json_data(value: Any) -> dict[str, Any]:
    """A mapping of what JSON can hold, with text keys: the ``extra`` bag.

    ``extra`` is copied into ``events.json`` as it is, so it may hold only
    mappings, lists, text, integers, finite numbers, true/false and null.
    Keys become text as written (``2019`` → ``"2019"``, ``true`` → ``"true"``).
    Anything else (NaN and infinities, sets, ordered maps, binary, timestamps)
    is refused where it is written: one rule, and no value whose JSON would
    be invalid or change with ``PYTHONHASHSEED``.
    """
    if not isinstance(value, dict):
        raise FieldError(f"expected a mapping, got {_kind(value)}")
    findings: list[tuple[str, str]] = []
    result = _json(value, "", findings)
    if findings:
        (where, message), *more = findings
        raise FieldError(message, where, more)
    return dict(result)


def _json(value: Any, where: str, findings: list[tuple[str, str]]) -> Any:
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            name = key_text(key)
            if not isinstance(key, (str, int, bool)) and key is not None:
                findings.append((f"{where}.{name}", f"a key must be text or a whole number, got {_kind(key)}"))
            result[name] = _json(item, f"{where}.{name}", findings)
        return result
    if isinstance(value, list) and not any(isinstance(item, tuple) for item in value):
        return [_json(item, f"{where}[{index}]", findings) for index, item in enumerate(value)]
    if isinstance(value, list):  # PyYAML reads !!omap and !!pairs as a list of (key, value) tuples
        findings.append((where, _NOT_JSON[tuple]))
    elif isinstance(value, float) and not math.isfinite(value):
        findings.append((where, f"{key_text(value)} is not a number JSON can hold: write a number, or text such as 'unknown'"))
    elif value is not None and not isinstance(value, (str, int, float)):
        reason = _NOT_JSON.get(type(value), f"{_kind(value)} is not JSON data")
        findings.append((where, f"{reason}"))
    return value


def instant(value: Any) -> dt.datetime | None:
    """Text that is a date (``2020-02-01``) or an RFC 3339 date-time, as a UTC instant; ``None`` for other values.

    A date-time without an offset is taken as UTC. One that cannot be moved
    to UTC inside the calendar's years 1 to 9999 is a :class:`FieldError`.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        # Python 3.10's fromisoformat does not accept a trailing "Z"
        moment = dt.datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
    except ValueError:
        return None
    try:
        return moment.replace(tzinfo=moment.tzinfo or dt.timezone.utc).astimezone(dt.timezone.utc)
    except OverflowError:
        raise FieldError(f"{text!r} is outside the years 1 to 9999 once moved to UTC") from None


_WEB_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_PLAIN_HOST = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][^\s]*)?$", re.IGNORECASE)
"""An address whose host is ASCII letters, digits, dots and hyphens: no port, brackets or user to check."""


def web_url(value: Any) -> str:
    """An absolute ``http(s)://`` URL; anything else (``javascript:``) is refused."""
    url = text(value)
    if not _WEB_URL.match(url):
        raise FieldError(f"expected an http:// or https:// URL, got {url!r}")
    return splittable(url)


def splittable(url: str) -> str:
    """``url`` when :func:`urllib.parse.urlsplit` can read it, host and port included.

    Every later reader of a URL (feeds, exports, the link checker) splits it:
    ``http://[::1`` or a port of ``99999`` must fail here, on its line, not there.
    """
    if _PLAIN_HOST.match(url):  # nothing in such an address can make urlsplit or .port fail
        return url
    try:
        _ = urlsplit(url).port
    except ValueError as exc:
        reason = str(exc)
        if reason.startswith("Port could not be cast"):
            reason = "bad port " + repr(reason.rpartition(" ")[2].strip("'"))
        raise FieldError(f"not a usable URL ({reason}): {url!r}") from None
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
