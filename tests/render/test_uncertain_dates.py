"""Uncertain dates as published: the timeline, events.json, timeline.json, JSON-LD and the calendar."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MakeSite, built_output, event, json_ld

FILES: dict[str, str | bytes] = {
    "content/events/rough.md": event("Rough", "2019~"),
    "content/events/unconfirmed.md": event("Unconfirmed", "2019-05?"),
    "content/events/by.md": event("By", "../2018-03"),
    "content/events/since.md": event("Since", "2020/.."),
    "content/events/decade.md": event("Decade", "201X"),
    "content/events/exact.md": event("Exact", "2019-05-16"),
}


def built(make_site: MakeSite) -> Path:
    return built_output(make_site, FILES)


def test_events_json_carries_the_edtf_text_and_its_bounds(make_site: MakeSite) -> None:
    doc = json.loads((built(make_site) / "events.json").read_text())
    dates = {e["id"]: (e["edtf"], e["earliest"], e["latest"]) for e in doc["events"]}
    assert dates == {
        "rough": ("2019~", "2019-01-01", "2019-12-31"),
        "unconfirmed": ("2019-05?", "2019-05-01", "2019-05-31"),
        "by": ("../2018-03", None, "2018-03-31"),
        "since": ("2020/..", "2020-01-01", None),
        "decade": ("201X", "2010-01-01", "2019-12-31"),
        "exact": ("2019-05-16", "2019-05-16", "2019-05-16"),
    }


def test_timelinejs_slides_say_the_date_as_the_site_does(make_site: MakeSite) -> None:
    doc = json.loads((built(make_site) / "timeline.json").read_text())
    shown = {s["unique_id"]: s.get("display_date") for s in doc["events"]}
    assert shown == {"decade": "2010s", "by": "by March 2018", "rough": "c. 2019", "unconfirmed": "May 2019 (unconfirmed)",
                     "exact": None, "since": "from 2020"}


def test_json_ld_gives_an_iso_8601_interval_over_the_bounds(make_site: MakeSite) -> None:
    output = built(make_site)
    coverage = {name: json_ld((output / f"events/{name}/index.html").read_text())["temporalCoverage"] for name in ("rough", "by", "since", "decade", "exact")}
    assert coverage == {"rough": "2019", "by": "../2018-03", "since": "2020/..", "decade": "2010/2019", "exact": "2019-05-16"}


def test_the_calendar_spans_the_bounds_and_leaves_out_open_ends(make_site: MakeSite) -> None:
    ics = (built(make_site) / "events.ics").read_bytes().decode().replace("\r\n ", "")
    uids = re.findall(r"UID:([a-z]+)@", ics)
    assert sorted(uids) == ["decade", "exact", "rough", "unconfirmed"]
    decade = ics[ics.index("UID:decade@"):]
    assert "DTSTART;VALUE=DATE:20100101" in decade and "DTEND;VALUE=DATE:20200101" in decade.split("END:VEVENT")[0]
    assert "DESCRIPTION:Date: May 2019 (unconfirmed)." in ics


def test_the_timeline_marks_uncertain_events_and_says_their_dates(make_site: MakeSite) -> None:
    html = (built(make_site) / "index.html").read_text()
    marked = set(re.findall(r'<li class="event[^"]*is-uncertain[^"]*"[^>]*id="([a-z]+)"', html))
    assert marked == {"rough", "unconfirmed", "by", "since", "decade"}
    for label in ("c. 2019", "May 2019 (unconfirmed)", "by March 2018", "from 2020", "2010s"):
        assert f">{label}</time>" in html
    assert 'title="EDTF ../2018-03"' in html
    chart_labels = re.findall(r"<title>([^<]*dated roughly[^<]*)</title>", html)
    assert "May 2019: 2 events (1 dated roughly)" in chart_labels, chart_labels


def test_the_year_navigation_says_how_many_events_are_dated_roughly(make_site: MakeSite) -> None:
    html = (built(make_site) / "index.html").read_text()
    nav = html[html.index('<nav class="years"'):html.index("</nav>", html.index('<nav class="years"'))]
    assert '2019<span class="count"> (3<span class="visually-hidden">, 2 dated roughly</span>)</span>' in nav
    assert '<span class="rough-mark" aria-hidden="true" title="2 dated roughly">~</span>' in nav
    assert "2018<span class=\"count\"> (1<span class=\"visually-hidden\">, 1 dated roughly" in nav  # by March 2018
