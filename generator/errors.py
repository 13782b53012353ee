"""Content problems: one record type and the one way they are printed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Something wrong with the content, located as precisely as we can."""

    path: str
    line: int | None
    key: str | None
    message: str
    severity: Severity = Severity.ERROR
    column: int | None = None

    def format(self) -> str:
        """``content/events/x.md:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        label = "" if self.severity is Severity.ERROR else "warning: "
        key = f"{self.key}: " if self.key else ""
        return f"{where}: {label}{key}{self.message}"


class ContentError(Exception):
    """Raised when a build cannot go on; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(p.format() for p in self.problems))


def errors_in(problems: Iterable[Problem], *, strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when strict."""
    return [p for p in problems if strict or p.severity is Severity.ERROR]
