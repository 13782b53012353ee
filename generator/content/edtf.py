"""Event dates in the Extended Date/Time Format, level 1: a small declared grammar.

Accepted (see the README's date table): every plain form (``2019``,
``2019-05``, ``2019-05-16``, YAML dates), a qualifier at the end (``~``
approximate, ``?`` uncertain, ``%`` both), unspecified digits (``201X``,
``20XX``, ``2019-XX``, ``2019-05-XX``, ``2019-XX-XX``) and intervals
(``2019-05/2019-08``, open ends ``../2018-03`` and ``2020/..``).
Not accepted: seasons, years before 0001 or after 9998, ``Y`` years, and the
unknown-end form ``/2018-03`` (write ``../2018-03``), so every value reads back
to the same text. A grammar of a few lines rather than the ``edtf`` package:
it keeps the runtime dependencies as they are and lets every message name the
accepted forms.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .dates import FIRST_YEAR, LAST_YEAR, DateError, PartialDate, parse_date

EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
EDTF_FORMS = (
    "or EDTF: 2019~ (approximate), 2019-05? (uncertain), 2019-05% (both), "
    "201X or 2019-XX (unspecified digits), 2019-05/2019-08, ../2018-03 or 2020/.. (intervals)"
)
_DATE = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?([~?%]?)$")
OPEN = ".."


@dataclass(frozen=True, slots=True)
class When:
    """An event's ``date:``: one date, or an interval whose ends may be open (``None``)."""

    start: PartialDate | None
    end: PartialDate | None = None
    interval: bool = False

    def edtf(self) -> str:
        """The EDTF text, canonical: reading it back gives this value."""
        if not self.interval:
            assert self.start is not None
            return self.start.edtf()
        return "/".join(OPEN if d is None else d.edtf() for d in (self.start, self.end))


def parse_edtf_date(value: object) -> PartialDate:
    """One EDTF level 1 date (no interval); raise :class:`DateError` naming the accepted forms."""
    if isinstance(value, (_dt.date, int)) and not isinstance(value, bool):
        return _plain(value)
    if not isinstance(value, str):
        raise DateError(_expected(type(value).__name__))
    text = value.strip()
    if not text.endswith(("~", "?", "%")) and "X" not in text:
        return _plain(text)  # the usual case: no qualifier, no unspecified digit
    match = _DATE.match(text)
    if not match:
        raise DateError(_expected(repr(text)))
    year, month, day, qualifier = match.groups()
    digits = year.count("X")
    if digits and (month or day):
        raise DateError(f"a year with unspecified digits stands alone (201X, 20XX), got {text!r}")
    if month == "XX" and day not in (None, "XX"):
        raise DateError(f"a day cannot be known when the month is not (2019-XX-XX), got {text!r}")
    known = [part for part in (year.replace("X", "0"), month, day) if part and part != "XX"]
    date = _plain("-".join(known))
    masked = sum(part == "XX" for part in (month, day))
    if digits and date.year + 10 ** digits - 1 > LAST_YEAR:
        raise DateError(f"year must be from {FIRST_YEAR:04d} to {LAST_YEAR:04d}, got {text!r}")
    return PartialDate(
        date.year, date.month, date.day, approximate=qualifier in "~%" and bool(qualifier),
        uncertain=qualifier in "?%" and bool(qualifier), unspecified_digits=digits, unspecified_parts=masked,
    )


def _plain(value: object) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as exc:
        message = str(exc)
        raise DateError(message if EXPECTED not in message else message + f"; {EDTF_FORMS}") from None


def _expected(got: str) -> str:
    """The message for a value no form matches: what it is and every accepted form."""
    return f"{EXPECTED}, got {got}; {EDTF_FORMS}"


def parse_when(value: object) -> When:
    """An event's ``date:``: a date or an EDTF interval ``start/end`` with ``..`` for an open end."""
    if not isinstance(value, str) or "/" not in value:
        return When(parse_edtf_date(value))
    text = value.strip()
    parts = text.split("/")
    if len(parts) != 2 or parts == [OPEN, OPEN]:
        raise DateError(_expected(repr(text)))
    start, end = (None if part == OPEN else parse_edtf_date(part) for part in parts)
    if start is not None and end is not None and end.sort_key < start.sort_key:
        raise DateError(f"the interval ends ({end.edtf()}) before it starts ({start.edtf()})")
    return When(start, end, interval=True)
