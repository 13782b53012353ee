"""events.json, events.ics and timeline.json: structure, precision of dates, escaping, line rules."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import MakeSite, event, messages
from generator.build.pipeline import build
from generator.content.model import Site
from generator.render import exports

BASE = "https://example.org/repo/"

SITE_YAML = """\
title: Test timeline
description: Who, what; and when, in one place.
base_url: https://example.org/repo/
eras:
  - name: First <era>
    start: 2017-01-20
    end: 2019
  - name: Ongoing era
    start: 2020-06
"""

ESCAPES = """\
---
title: Huawei, ZTE; and C:\\path
date: 2019-05-16
entities: [Huawei, Commerce Department]
tags: [Export controls, entity-list]
sources:
  - name: Reuters
    url: https://www.reuters.com/article/x
    date: 2019-05-16
  - name: Notes
summary: |-
  One, two; three \\ four
  next line
extra:
  confidence: high
  figures: [1, 2.5, true, null]
  nested: {b: 2, a: 1}
---
Body.
"""

LONG = "Ökonomie " * 12

FILES: dict[str, str | bytes] = {
    "content/site.yaml": SITE_YAML,
    "content/events/escapes.md": ESCAPES,
    "content/events/month.md": event("A month", "2019-05", "entities: [Commerce Department]\n"),
    "content/events/year.md": event("A year", "2018"),
    "content/events/days.md": event("Some days", "2019-05-16", "end_date: 2019-05-20\n"),
    "content/events/months.md": event("Some months", "2019-05", "end_date: 2019-08\n"),
    "content/events/leap.md": event("Leap February", "2020-02"),
    "content/events/december.md": event("December", "2019-12"),
    "content/events/long.md": event(LONG.strip(), "2021-03-04", "end_date: 2022\n"),
}


@pytest.fixture
def site(make_site: MakeSite) -> Site:
    result = build(make_site(FILES), write=False)
    assert result.ok and result.site is not None, messages(result)
    return result.site


def output(site: Site, path: str) -> bytes:
    return next(o.data for o in list(exports.files(site)) if o.path == path)


def test_files_are_deterministic_and_named(site: Site) -> None:
    assert [o.path for o in list(exports.files(site))] == ["timeline.json", "events.json", "events.ics"]
    assert list(exports.files(site)) == list(exports.files(site))


# --- events.json ---


def test_events_json_structure_and_round_trip(site: Site) -> None:
    data = output(site, "events.json")
    assert data.endswith(b"}\n") and "Ökonomie".encode() in data  # ensure_ascii=False
    doc = json.loads(data)
    lines = data.decode().splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    event_lines = [line for line in lines if line.startswith('    {"id": ') and '"title"' in line]
    assert [json.loads(line.strip().rstrip(",")) for line in event_lines] == doc["events"]  # one event a line
    assert list(doc) == ["site", "events", "entities", "tags"]
    assert doc["site"] == {"title": "Test timeline", "description": "Who, what; and when, in one place.", "base_url": BASE, "language": "en"}
    assert [e["id"] for e in doc["events"]] == [e.id for e in site.events]
    record = next(e for e in doc["events"] if e["id"] == "escapes")
    assert list(record) == ["id", "title", "date", "end_date", "url", "entities", "tags", "sources", "summary", "extra", "edtf", "earliest", "latest"]
    assert record["date"] == {"iso": "2019-05-16", "precision": "day"} and record["end_date"] is None
    assert record["url"] == BASE + "events/escapes/"
    assert record["entities"] == ["huawei", "commerce"] and record["tags"] == ["export-controls", "entity-list"]
    assert record["sources"] == [
        {"name": "Reuters", "url": "https://www.reuters.com/article/x", "date": "2019-05-16"},
        {"name": "Notes", "url": None, "date": None},
    ]
    assert record["summary"] == "One, two; three \\ four\nnext line"
    assert record["extra"] == {"confidence": "high", "figures": [1, 2.5, True, None], "nested": {"b": 2, "a": 1}}
    assert list(record["extra"]["nested"]) == ["b", "a"]  # the author's order is kept
    months = next(e for e in doc["events"] if e["id"] == "months")
    assert months["date"] == {"iso": "2019-05", "precision": "month"} and months["end_date"] == {"iso": "2019-08", "precision": "month"}


def test_events_json_entities_and_tags_link_back(site: Site) -> None:
    doc = json.loads(output(site, "events.json"))
    huawei = next(e for e in doc["entities"] if e["id"] == "huawei")
    assert huawei == {"id": "huawei", "name": "Huawei", "kind": "company", "aliases": ["Huawei Technologies"], "wikidata": None,
                      "url": BASE + "entities/huawei/", "events": ["escapes"]}
    assert {t["id"]: t["events"] for t in doc["tags"]} == {"entity-list": ["escapes"], "export-controls": ["escapes"]}


def test_events_json_urls_are_relative_when_base_url_is_a_path(make_site: MakeSite) -> None:
    result = build(make_site({**FILES, "content/site.yaml": "title: T\nbase_url: /repo/\n"}), write=False)
    assert result.site is not None
    doc = json.loads(output(result.site, "events.json"))
    assert doc["events"][0]["url"] == "events/year/" and doc["entities"][0]["url"] == "entities/commerce/"


# --- events.ics ---


def unfold(data: bytes) -> list[str]:
    """Content lines of an iCalendar stream, checking the physical line rules on the way."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical)
    assert max(len(line) for line in physical) <= 75
    text = [line.decode("utf-8") for line in physical]  # a fold never splits a UTF-8 character
    lines: list[str] = []
    for line in text:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def vevents(lines: list[str]) -> dict[str, dict[str, str]]:
    events: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events[current["UID"].split("@")[0]] = current
        else:
            current[name] = value
    return events


def test_ics_calendar_and_line_rules(site: Site) -> None:
    data = output(site, "events.ics")
    lines = unfold(data)
    assert lines[:6] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline-generator//timeline//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                         "X-WR-CALNAME:Test timeline"]
    assert lines[6] == "X-WR-CALDESC:Who\\, what\\; and when\\, in one place."
    assert lines[-1] == "END:VCALENDAR" and lines.count("BEGIN:VEVENT") == len(site.events)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    long = vevents(lines)["long"]
    assert long["SUMMARY"] == LONG.strip()  # folded over several lines and joined again
    assert f"SUMMARY:{LONG.strip()}".encode() not in data  # it had to be folded


@pytest.mark.parametrize(
    ("ident", "start", "end"),
    [
        ("escapes", "20190516", "20190517"),  # a day
        ("month", "20190501", "20190601"),  # a month
        ("year", "20180101", "20190101"),  # a year
        ("days", "20190516", "20190521"),  # 16–20 May: DTEND is the day after the last
        ("months", "20190501", "20190901"),  # May–August
        ("leap", "20200201", "20200301"),
        ("december", "20191201", "20200101"),
        ("long", "20210304", "20230101"),  # a day until the end of the next year
    ],
)
def test_ics_all_day_spans(site: Site, ident: str, start: str, end: str) -> None:
    entry = vevents(unfold(output(site, "events.ics")))[ident]
    assert entry["DTSTART;VALUE=DATE"] == start and entry["DTEND;VALUE=DATE"] == end
    assert entry["DTSTAMP"] == f"{start}T000000Z"
    assert entry["UID"] == f"{ident}@example.org" and entry["URL"] == f"{BASE}events/{ident}/"


def test_ics_escapes_text(site: Site) -> None:
    entry = vevents(unfold(output(site, "events.ics")))["escapes"]
    assert entry["SUMMARY"] == "Huawei\\, ZTE\\; and C:\\\\path"
    assert entry["DESCRIPTION"] == "One\\, two\\; three \\\\ four\\nnext line"
    assert entry["CATEGORIES"] == "Export controls,entity-list"
    assert exports.ics_text("a\r\nb\x07c\td") == "a\\nbc\td"


def test_ics_without_absolute_base_uses_a_plain_uid_and_no_url(make_site: MakeSite) -> None:
    result = build(make_site({**FILES, "content/site.yaml": "title: T\nbase_url: /repo/\n"}), write=False)
    assert result.site is not None
    entry = vevents(unfold(output(result.site, "events.ics")))["year"]
    assert entry["UID"] == "year@timeline" and "URL" not in entry


def test_fold_counts_octets_not_characters() -> None:
    folded = exports.fold("X:" + "€" * 60)  # 3 octets each: 24 fit on the first line, 24 after the space on the next
    parts = folded.encode().split(b"\r\n")
    assert [len(p) for p in parts] == [74, 73, 37] and b"".join(p[1:] if i else p for i, p in enumerate(parts)).decode() == "X:" + "€" * 60
    assert exports.fold("A" * 75) == "A" * 75 and exports.fold("A" * 76) == "A" * 75 + "\r\n A"


# --- timeline.json ---


def slides(site: Site) -> dict[str, dict[str, Any]]:
    return {s["unique_id"]: s for s in json.loads(output(site, "timeline.json"))["events"]}


def test_timeline_json_dates_keep_their_precision(site: Site) -> None:
    by_id = slides(site)
    assert by_id["year"]["start_date"] == {"year": "2018"} and "end_date" not in by_id["year"]
    assert by_id["month"]["start_date"] == {"year": "2019", "month": "5"}
    assert by_id["escapes"]["start_date"] == {"year": "2019", "month": "5", "day": "16"}
    assert by_id["days"]["end_date"] == {"year": "2019", "month": "5", "day": "20"}
    assert by_id["months"]["end_date"] == {"year": "2019", "month": "8"}
    assert by_id["long"]["end_date"] == {"year": "2022"}


def test_timeline_json_text_group_title_and_eras(site: Site) -> None:
    doc = json.loads(output(site, "timeline.json"))
    assert list(doc) == ["title", "events", "eras"]
    assert doc["title"] == {"unique_id": "top", "text": {"headline": "Test timeline", "text": "Who, what; and when, in one place."}}
    assert [s["unique_id"] for s in doc["events"]] == [e.id for e in site.events]
    escapes = slides(site)["escapes"]
    assert escapes["text"] == {"headline": "Huawei, ZTE; and C:\\path", "text": "<p>One, two; three \\ four\nnext line</p>"}
    assert escapes["group"] == "Companies"  # the kind of the first entity named, Huawei
    assert slides(site)["month"]["group"] == "Agencies" and "group" not in slides(site)["year"]
    first, ongoing = doc["eras"]
    assert first == {"start_date": {"year": "2017", "month": "1", "day": "20"}, "end_date": {"year": "2019", "month": "12", "day": "31"},
                     "text": {"headline": "First &lt;era&gt;"}}
    # still running: it ends on the last day any event reaches (the "long" event runs to the end of 2022)
    assert ongoing["start_date"] == {"year": "2020", "month": "6"} and ongoing["end_date"] == {"year": "2022", "month": "12", "day": "31"}


def test_timeline_json_escapes_markup_in_plain_text(make_site: MakeSite) -> None:
    result = build(make_site({"content/events/a.md": event("AT&T <b>drops</b> it", "2019", "summary: 1 < 2 & 3 > 2\n")}), write=False)
    assert result.site is not None
    slide = slides(result.site)["a"]
    assert slide["text"] == {"headline": "AT&amp;T &lt;b&gt;drops&lt;/b&gt; it", "text": "<p>1 &lt; 2 &amp; 3 &gt; 2</p>"}
