"""Uncertain and approximate dates (EDTF level 1): reading, showing, ordering and messages."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MakeSite, event, messages
from generator.build.pipeline import build
from generator.content.assemble import load_site
from generator.content.dates import DateError
from generator.content.edtf import parse_edtf_date, parse_when


@pytest.mark.parametrize(
    ("text", "label", "first", "last"),
    [
        ("2019~", "c. 2019", "2019-01-01", "2019-12-31"),
        ("2019-05?", "May 2019 (unconfirmed)", "2019-05-01", "2019-05-31"),
        ("2019-05%", "c. May 2019 (unconfirmed)", "2019-05-01", "2019-05-31"),
        ("2019-05-16~", "c. 16 May 2019", "2019-05-16", "2019-05-16"),
        ("201X", "2010s", "2010-01-01", "2019-12-31"),
        ("20XX", "2000–2099", "2000-01-01", "2099-12-31"),
        ("2019-XX", "2019", "2019-01-01", "2019-12-31"),
        ("2019-05-XX", "May 2019", "2019-05-01", "2019-05-31"),
        ("2019-XX-XX", "2019", "2019-01-01", "2019-12-31"),
        ("2019", "2019", "2019-01-01", "2019-12-31"),
    ],
)
def test_edtf_dates_read_show_and_bound(text: str, label: str, first: str, last: str) -> None:
    date = parse_edtf_date(text)
    assert date.label() == label
    assert (date.first_day.isoformat(), date.last_day.isoformat()) == (first, last)
    assert date.edtf() == text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("soon", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'; or EDTF: 2019~ (approximate)"),
        ("2019~?", "got '2019~?'"),
        ("201X-05", "a year with unspecified digits stands alone"),
        ("2019-XX-05", "a day cannot be known when the month is not"),
        ("2019-13~", "month must be 01 to 12"),
        ("999X", "year must be from 0001 to 9998"),
        ("../..", "got '../..'"),
        ("2019/2020/2021", "got '2019/2020/2021'"),
        ("2020/2019-05", "the interval ends (2019-05) before it starts (2020)"),
        ("/2018-03", "expected YYYY"),
    ],
)
def test_malformed_dates_list_the_accepted_forms(value: str, message: str) -> None:
    with pytest.raises(DateError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?").replace(".", r"\.")):
        parse_when(value)


def test_a_malformed_event_date_is_a_file_line_error_naming_the_forms(make_site: MakeSite) -> None:
    root = make_site({"content/events/e.md": event(date="2019-05~~")})
    result = build(root, output=root / "output")
    assert not result.ok
    found = messages(result)
    assert found[0].startswith("content/events/e.md:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2019-05~~'; or EDTF:"), found
    assert "../2018-03 or 2020/.. (intervals)" in found[0]


def test_an_interval_date_leaves_no_room_for_end_date(make_site: MakeSite) -> None:
    root = make_site({"content/events/e.md": event(date="2019-05/2019-08", extra="end_date: 2019-09\n")})
    result = build(root, output=root / "output")
    assert messages(result) == ["content/events/e.md:4: end_date: date 2019-05/2019-08 is already an interval: leave out end_date"]


EVERY_FORM = {
    "by-march": "../2018-03",
    "year-2018": "2018",
    "decade": "201X",
    "march-day": "2018-03-05",
    "march": "2018-03",
    "c-2019": "2019~",
    "may-unconfirmed": "2019-05?",
    "may-both": "2019-05%",
    "may-range": "2019-05/2019-08",
    "may-day": "2019-05-16",
    "from-2020": "2020/..",
    "year-2020": "2020",
    "month-unknown": "2019-XX",
}


def test_a_timeline_mixing_every_form_is_ordered_by_earliest_then_latest(make_site: MakeSite) -> None:
    files: dict[str, str | bytes] = {f"content/events/{name}.md": event(name, date) for name, date in EVERY_FORM.items()}
    site, problems = load_site(make_site(files))
    assert site is not None, problems
    order = [e.title for e in site.events]
    assert order == [
        "decade",  # 2010-01-01 .. 2019-12-31: a decade introduces its years
        "year-2018",
        "by-march",  # known only by March 2018: first among March's events
        "march",
        "march-day",
        "c-2019", "month-unknown",  # both 2019 .. 2019: by title
        "may-both", "may-unconfirmed",  # both May 2019
        "may-range",  # May to August: ends later
        "may-day",
        "year-2020",  # ends 2020-12-31
        "from-2020",  # open end: latest of all
    ]
    labels = {e.title: e.date_label for e in site.events}
    assert labels["by-march"] == "by March 2018"
    assert labels["from-2020"] == "from 2020"
    assert labels["may-range"] == "May 2019 – August 2019"
    assert labels["decade"] == "2010s"
    bounds = {e.title: (e.earliest, e.latest) for e in site.events}
    assert bounds["by-march"] == (None, dt.date(2018, 3, 31))
    assert bounds["from-2020"] == (dt.date(2020, 1, 1), None)
    assert {e.title: e.edtf for e in site.events} == {name: date for name, date in EVERY_FORM.items()}
    assert {e.title for e in site.events if e.uncertain} == {"by-march", "decade", "c-2019", "may-unconfirmed", "may-both", "from-2020"}


YEARS = st.integers(100, 9889)
"""Years whose decade and century (``010X``, ``98XX``) still lie within 0001..9998."""
DAYS = st.tuples(YEARS, st.integers(1, 12), st.integers(1, 28))


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """Any EDTF level 1 date the grammar accepts, in its canonical text."""
    year, month, day = draw(DAYS)
    shape = draw(st.sampled_from(["y", "ym", "ymd", "yX", "yXX", "ymX", "yXX-XX", "ymdQ"]))
    qualifier = draw(st.sampled_from(["", "~", "?", "%"]))
    text = {
        "y": f"{year:04d}", "ym": f"{year:04d}-{month:02d}", "ymd": f"{year:04d}-{month:02d}-{day:02d}",
        "yX": f"{year:04d}"[:3] + "X", "yXX": f"{year:04d}"[:2] + "XX", "ymX": f"{year:04d}-{month:02d}-XX",
        "yXX-XX": f"{year:04d}-XX-XX", "ymdQ": f"{year:04d}-{month:02d}-{day:02d}",
    }[shape]
    return text + qualifier


@st.composite
def edtf_values(draw: st.DrawFn) -> str:
    """A date or an interval, with open ends."""
    start, end = sorted([draw(edtf_dates()), draw(edtf_dates())], key=lambda t: parse_edtf_date(t).sort_key)
    return draw(st.sampled_from([start, f"{start}/{end}", f"../{end}", f"{start}/.."]))


@given(edtf_values())
def test_edtf_text_round_trips_through_parse_and_display(text: str) -> None:
    when = parse_when(text)
    assert when.edtf() == text
    assert parse_when(when.edtf()) == when
    for date in (when.start, when.end):
        if date is not None:
            assert date.label() and "\n" not in date.label()
            assert date.first_day <= date.last_day


@given(st.one_of(st.text(alphabet="0123456789X-/.~?%: ", max_size=24), st.text(max_size=12), st.integers(), st.dates(), st.none(), st.booleans()))
def test_any_value_either_reads_or_is_a_date_error(value: object) -> None:
    try:
        when = parse_when(value)
    except DateError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert parse_when(when.edtf()) == when
