import datetime as dt

import pytest

from generator.content.dates import DateError, PartialDate, parse_date, range_label


@pytest.mark.parametrize(
    ("value", "iso", "label"),
    [
        ("2019", "2019", "2019"),
        (2019, "2019", "2019"),
        ("2019-05", "2019-05", "May 2019"),
        ("2019-05-16", "2019-05-16", "16 May 2019"),
        (dt.date(2019, 5, 16), "2019-05-16", "16 May 2019"),
        ("2020-02-29", "2020-02-29", "29 February 2020"),
    ],
)
def test_precision_is_kept_and_shown(value: object, iso: str, label: str) -> None:
    date = parse_date(value)
    assert date.iso() == iso
    assert date.label() == label


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-13-40", "month must be 01 to 12"),
        ("2019-02-30", "February 2019 has no day 30"),
        ("2019-02-29", "February 2019 has no day 29"),
        ("16/05/2019", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '16/05/2019'"),
        ("yesterday", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'yesterday'"),
        ("2019-5-6", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (True, "got bool"),
        ([2019], "got list"),
    ],
)
def test_bad_dates_are_explained(value: object, message: str) -> None:
    with pytest.raises(DateError, match=message.replace("(", r"\(")):
        parse_date(value)


def test_less_precise_dates_come_first_within_their_period() -> None:
    dates = [parse_date(v) for v in ["2019-05-16", "2019-05", "2019", "2019-01-01", "2018-12-31", "2019-05-01"]]
    ordered = [d.iso() for d in sorted(dates, key=lambda d: d.sort_key)]
    assert ordered == ["2018-12-31", "2019", "2019-01-01", "2019-05", "2019-05-01", "2019-05-16"]


def test_period_bounds() -> None:
    assert PartialDate(2020, 2).last_day == dt.date(2020, 2, 29)
    assert PartialDate(2019).first_day == dt.date(2019, 1, 1)
    assert PartialDate(2019).last_day == dt.date(2019, 12, 31)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2019-05-16", None, "16 May 2019"),
        ("2019-05-16", "2019-05-20", "16–20 May 2019"),
        ("2019-05-16", "2019-08-19", "16 May – 19 August 2019"),
        ("2019-05", "2020-01", "May 2019 – January 2020"),
        ("2018", "2019-03-01", "2018 – 1 March 2019"),
    ],
)
def test_range_labels(start: str, end: str | None, label: str) -> None:
    assert range_label(parse_date(start), parse_date(end) if end else None) == label
