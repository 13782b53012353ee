"""Any calendar date, printed in any of the forms pages use, reads back as the same day.

Numeric forms that could be day-first or month-first are read month-first only
when a 12-hour clock with a North American time zone is printed beside them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.dates import PartialDate
from generator.ingest.dates import read_dateline

MONTHS = "January February March April May June July August September October November December".split()
SHORT = [name[:3] for name in MONTHS]


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _hour12(day: datetime.datetime) -> str:
    return f"{(day.hour % 12) or 12}:{day.minute:02d}"


def _am(day: datetime.datetime) -> str:
    return "AM" if day.hour < 12 else "PM"


Format = Callable[[datetime.datetime], str]
FORMATS: list[Format] = [
    lambda t: t.strftime("%Y-%m-%d"),
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ"),
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S+09:00"),
    lambda t: t.strftime("%Y/%m/%d %H:%M JST"),
    lambda t: f"{t.year}/{t.month}/{t.day}",
    lambda t: f"{t.year}-{t.month}-{t.day}",
    lambda t: f"{t.strftime('%A')} {t.day}{_ordinal(t.day)} {MONTHS[t.month - 1]} {t.year}",
    lambda t: f"{t.day} {MONTHS[t.month - 1]}, {t.year} | {t.hour:02d}:{t.minute:02d} IST",
    lambda t: t.strftime("%Y.%m.%d"),
    lambda t: t.strftime("%d.%m.%Y"),
    lambda t: f"{t.day}.{t.month}.{t.year}",
    lambda t: f"{t.year}年{t.month}月{t.day}日",
    lambda t: f"{t.day} {MONTHS[t.month - 1]} {t.year}",
    lambda t: f"{t.day}{_ordinal(t.day)} {SHORT[t.month - 1]} {t.year}",
    lambda t: f"{t.day}{_ordinal(t.day)} of {MONTHS[t.month - 1]}, {t.year}",
    lambda t: f"{MONTHS[t.month - 1]} {t.day}, {t.year}",
    lambda t: f"{SHORT[t.month - 1]}. {t.day}, {t.year}",
    lambda t: f"{SHORT[t.month - 1]} {t.day}{_ordinal(t.day)}, {t.year}",
    lambda t: f"{t.strftime('%A')}, {MONTHS[t.month - 1]} {t.day}, {t.year}",
    lambda t: f"{t.strftime('%a')} {t.day} {SHORT[t.month - 1]} {t.year} {t.hour:02d}.{t.minute:02d} BST",
    lambda t: f"{t.strftime('%a')}, {t.day:02d} {SHORT[t.month - 1]} {t.year} {t.strftime('%H:%M:%S')} GMT",
    lambda t: f"{t.day}-{SHORT[t.month - 1]}-{t.year}",
    lambda t: f"{t.month:02d}/{t.day:02d}/{t.year} {_hour12(t)} {_am(t)} EDT",
    lambda t: f"{t.month}/{t.day}/{t.year} {_hour12(t)} {_am(t).lower()[0]}.m. ET",
    lambda t: f"{MONTHS[t.month - 1]} {t.day}{_ordinal(t.day)}, {t.year} at {_hour12(t)} {_am(t)} PT",
    lambda t: f"Published {t.day} {MONTHS[t.month - 1]} {t.year}, {t.hour:02d}:{t.minute:02d} CET",
    lambda t: f"By Jane Doe · {SHORT[t.month - 1]} {t.day}, {t.year} · 4 min read",
]
MOMENTS = st.datetimes(min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2035, 12, 31, 23, 59))


@given(MOMENTS, st.sampled_from(range(len(FORMATS))))
def test_a_date_printed_in_any_common_form_reads_back_as_the_same_day(moment: datetime.datetime, which: int) -> None:
    printed = FORMATS[which](moment)
    dateline = read_dateline(printed)
    assert dateline is not None, printed
    assert dateline.published == PartialDate(moment.year, moment.month, moment.day), printed


@pytest.mark.parametrize(
    "line",
    ["Staff Reporter · 03/04/2021 11:05 PM CDT", "03/04/2021 9:15 a.m. PT", "Posted 3/4/21 at 4:40 PM EST"],
)
def test_a_twelve_hour_clock_in_a_north_american_zone_reads_a_numeric_date_month_first(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and dateline.published == PartialDate(2021, 3, 4)


@pytest.mark.parametrize("line", ["03/04/2021 23:05 BST", "03/04/2021 11:05 PM", "03/04/2021"])
def test_without_that_clue_a_numeric_date_that_could_be_either_is_refused(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is None or dateline.published is None


def test_a_dotted_date_stays_day_first_even_beside_a_north_american_clock() -> None:
    dateline = read_dateline("03.04.2021 11:05 PM EDT")
    assert dateline is not None and dateline.published == PartialDate(2021, 4, 3)
