"""Partial dates (year, year-month or full day), their EDTF level 1 forms, and how they order.

Ordering rule: a date sorts at the start of the period it names, and when two
dates start together the less precise one comes first. So ``201X`` (the 2010s)
sorts before ``2010``, ``2019`` before ``2019-01`` which sorts before
``2019-01-01``: a decade introduces its years, a year-only event introduces its
year, a month-only event introduces its month.

Events may carry the Extended Date/Time Format (Library of Congress, level 1)
qualifiers and intervals; :mod:`generator.content.edtf` reads those. A
qualifier (``~`` approximate, ``?`` uncertain, ``%`` both) is said in the label
but does not widen the period: ``2019~`` still spans 2019 for ordering and bounds.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = tuple(calendar.month_name)[1:]
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
FIRST_YEAR, LAST_YEAR = 1, 9998
"""Years every date computation can handle: a range must still end the day after its last day."""


class DateError(ValueError):
    """A value that is not a valid partial date; the message says why."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    """EDTF ``~``: the source gives the date roughly ("c. 2019")."""
    uncertain: bool = False
    """EDTF ``?``: the date is not confirmed ("May 2019 (unconfirmed)")."""
    unspecified_digits: int = 0
    """EDTF ``201X`` (1) or ``20XX`` (2): the last digits of the year are not known; ``year`` holds the first year."""
    unspecified_parts: int = 0
    """EDTF ``2019-XX`` (1) or ``2019-XX-XX`` (2): the parts after the known ones are not known."""

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Start of the period, with missing parts (and a decade before its first year) sorting first."""
        return (self.year, self.month or 0, self.day or 0, -self.unspecified_digits)

    @property
    def qualified(self) -> bool:
        """Whether the date is approximate, uncertain or has unspecified digits: readers should see it is not exact."""
        return self.approximate or self.uncertain or self.unspecified_digits > 0

    @property
    def first_day(self) -> _dt.date:
        """The first day of the period."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        """The last day of the period."""
        if self.day is not None:
            return self.first_day
        if self.unspecified_digits:
            return _dt.date(self.year + 10 ** self.unspecified_digits - 1, 12, 31)
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """``2019``, ``2019-05`` or ``2019-05-16``."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def edtf(self) -> str:
        """The EDTF form: :meth:`iso` with unspecified digits as ``X`` and the qualifier (``~``, ``?``, ``%``)."""
        text = self.iso()
        if self.unspecified_digits:
            text = text[: 4 - self.unspecified_digits] + "X" * self.unspecified_digits
        text += "-XX" * self.unspecified_parts
        return text + {(True, True): "%", (True, False): "~", (False, True): "?"}.get((self.approximate, self.uncertain), "")

    def plain_label(self) -> str:
        """``2019``, ``May 2019``, ``16 May 2019``, or ``2010s`` for ``201X``, without the qualifier."""
        if self.unspecified_digits == 1:
            return f"{self.year}s"
        if self.unspecified_digits:
            return f"{self.year}–{self.last_day.year}"
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"

    def label(self) -> str:
        """:meth:`plain_label`, with "c." for an approximate date and "(unconfirmed)" for an uncertain one."""
        text = self.plain_label()
        if self.approximate:
            text = f"c. {text}"
        return f"{text} (unconfirmed)" if self.uncertain else text


def parse_date(value: object) -> PartialDate:
    """Parse a front-matter value; raise :class:`DateError` with a clear message."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"{EXPECTED}, got {type(value).__name__}")
    text = str(value).strip()
    match = _PATTERN.match(text)
    if not match:
        raise DateError(f"{EXPECTED}, got {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(f"year must be from {FIRST_YEAR:04d} to {LAST_YEAR:04d}, got {text!r}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month must be 01 to 12, got {text!r}")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"{MONTHS[month - 1]} {year} has no day {day} ({text!r})")
    return PartialDate(year, month, day)


def duration(start: PartialDate, end: PartialDate) -> str:
    """How long a range lasts, in the largest unit that reads well: ``4 days``, ``3 months``, ``2 years``."""
    days = (end.last_day - start.first_day).days + 1
    if days < 45:
        return f"{days} day{'s' if days != 1 else ''}"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    return f"{round(days / 365.25)} years"


def range_label(start: PartialDate, end: PartialDate | None) -> str:
    """A label for a date or a range, dropping what the two ends share."""
    if end is None or end == start:
        return start.label()
    if start.qualified or end.qualified:
        return f"{start.label()} – {end.label()}"
    if start.precision == end.precision == "day" and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.label()}"
        assert start.month is not None
        return f"{start.day} {MONTHS[start.month - 1]} – {end.label()}"
    return f"{start.label()} – {end.label()}"
