"""Dates a page gives in part or twice: a dateline's weekday or its day without a year, the address's date, a wire
dateline's prefix, a relative day counted back, and one date printed both in figures and in words.

:mod:`.dates` reads each line's dates; these complete or choose among them, with what else the page says.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from ..content.dates import DateError, PartialDate, parse_date
from .dates import MONTH, MONTHS, mentions

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "SHENZHEN, China — Tuesday", "DONGGUAN, China, Friday (HBJ) —": a dateline that names only the day of the week.
_WEEKDAY_LINE = re.compile(rf"(?i)^[^\W\d][^—–(]{{1,40}}?[,—–]\s*(?P<day>{'|'.join(_WEEKDAYS)})\b\s*(?:\([^)]{{1,30}}\)\s*)?(?:--|—|–|-|:)")
_MONTH2 = MONTH.replace("?P<m>", "?P<m2>")
_MONTH_DAY = re.compile(rf"^[^\W\d][^,—–(]{{1,40}},\s+(?:{MONTH}\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+{_MONTH2})\s*(?:--|—|–|-|\()", re.I)
_NAMED_MONTH = re.compile(rf"\b{MONTH}\b", re.I)


def spelled_out(dated: Sequence[tuple[str, PartialDate]]) -> PartialDate | None:
    """The first of the page's (line, date) pairs, unless a later line gives the same day with its day and month the other
    way round and names its month in words ("05.07.24" over "Tuesday, May 7, 2024"): figures can be read either way, a
    month's name cannot."""
    if not dated:
        return None
    text, first = dated[0]
    if _NAMED_MONTH.search(text):
        return first
    for other_text, other in dated[1:]:
        if _swapped(first, other) and _NAMED_MONTH.search(other_text):
            return other
    return first


def without_top_bar(dated: Sequence[tuple[int, str, PartialDate]], headline: int | None, body: int) -> list[tuple[str, PartialDate]]:
    """The page's (line, date) pairs, in order, without the dates printed above the headline when a line between the
    headline and the body gives an earlier day: a top bar prints the day the page was read ("Thursday, December 8, 2022 |
    Lagos"), which is never before the story was written; the story's date is the one under its headline."""
    pairs = [(text, date) for _, text, date in dated]
    if headline is None:
        return pairs
    above = [date for index, _, date in dated if index < headline and date.precision == "day"]
    under = [date for index, _, date in dated if headline < index < body and date.precision == "day"]
    if above and under and _day(above[0]) > _day(under[0]):
        return [(text, date) for index, text, date in dated if index > headline]
    return pairs


def _day(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 0, date.day or 0)


def _swapped(one: PartialDate, other: PartialDate) -> bool:
    return (
        one.precision == other.precision == "day" and one.year == other.year and one.month != other.month
        and (one.month, one.day) == (other.day, other.month)
    )


def before(day: PartialDate, days: int) -> PartialDate | None:
    """The day ``days`` before ``day`` (a full date), or ``None``."""
    if day.precision != "day":
        return None
    try:
        earlier = datetime.date.fromisoformat(day.iso()) - datetime.timedelta(days=days)
        return parse_date(earlier.isoformat())
    except (ValueError, DateError):
        return None


def weekday_before(paragraph: str, reference: PartialDate) -> PartialDate | None:
    """The day a dateline's weekday ("SHENZHEN, China — Tuesday") names: the last such day on or before ``reference``."""
    match = _WEEKDAY_LINE.match(paragraph[:80])
    if match is None or reference.precision != "day":
        return None
    day = datetime.date.fromisoformat(reference.iso())
    return before(reference, (day.weekday() - _WEEKDAYS.index(match.group("day").lower())) % 7)


def month_day(paragraph: str, year: int) -> PartialDate | None:
    """A dateline's day without its year ("LONDON, May 16 —") in ``year``."""
    match = _MONTH_DAY.match(paragraph[:80])
    if match is None:
        return None
    month = MONTHS.index((match.group("m") or match.group("m2"))[:3].lower()) + 1
    day = int(match.group("d") or match.group("d2"))
    try:
        return parse_date(f"{year:04d}-{month:02d}-{day:02d}")
    except DateError:
        return None


def url_date(url: str) -> PartialDate | None:
    """The date in an article's address: ``/2020/11/17/`` or ``/2020-11-17-``, else ``/2020/11/``."""
    match = re.search(r"/((?:19|20)\d{2})[/-](\d{2})(?:[/-](\d{2}))?(?=[/-])", url)
    if match is None:
        return None
    try:
        return parse_date("-".join(part for part in match.groups() if part))
    except DateError:
        return None


def prefix_date(paragraph: str) -> PartialDate | None:
    """The full date in a wire or press-release dateline opening a paragraph ("WASHINGTON, May 16, 2019 /PRNewswire/ --")."""
    cut = re.search(r"\s(?:--|—|–|-)\s|\s(?:--|—|–)|/PRNewswire|\(BUSINESS WIRE\)|/CNW/|GLOBE NEWSWIRE", paragraph[:160])
    if cut is None:
        return None
    dated = [m for m in mentions(paragraph[: cut.start()]) if m.date.precision == "day"]
    return dated[0].date if dated else None
