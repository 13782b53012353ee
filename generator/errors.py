"""Content problems: one record type and the one way they are printed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the content, located as precisely as we can."""

    path: str
    line: int | None
    key: str | None
    message: str
    severity: Severity = Severity.ERROR
    column: int | None = None

    def __lt__(self, other: Problem) -> bool:
        """Problems sort by file, then line and column, then key and message."""
        return self._order() < other._order()

    def _order(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.key or "", self.message)

    def format(self) -> str:
        """``content/events/x.md:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        label = "" if self.severity is Severity.ERROR else "warning: "
        key = f"{self.key}: " if self.key else ""
        return f"{where}: {label}{key}{shorten(self.message)}"


MAX_MESSAGE = 300
"""Longest message shown whole; a longer one (it quotes a huge value) keeps its start and end."""


def shorten(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message``, or its start and end around a count of what was left out, so one line stays readable."""
    if len(message) <= limit:
        return message
    head, tail = limit * 2 // 3, limit // 4
    return f"{message[:head]}…[{len(message) - head - tail} characters]…{message[-tail:]}"


def errors_in(problems: Iterable[Problem], *, strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when strict."""
    return [p for p in problems if strict or p.severity is Severity.ERROR]
