"""Data exports: ``timeline.json`` (TimelineJS 3), ``events.json`` (the whole model) and ``events.ics`` (RFC 5545).

Choices:

- TimelineJS dates keep the event's precision: ``{"year": "2019"}`` shows as "2019",
  not "January 1, 2019". Parts are strings, as in TimelineJS's API.md.
- An era's end is given as its last day (``2021-01-20``, or ``2025-12-31`` for an
  era ending "2025"), because TimelineJS puts a bare year at 1 January. An era
  still running ends on the last day any event reaches (its end date, if a range).
- A slide's ``group`` (its row on the TimelineJS time axis) is the kind of the
  event's first entity ("Companies", "Agencies"…): kinds are few, tags many, and
  each group takes a row. Events without entities get no group.
- The title slide's ``unique_id`` is ``top``, an anchor no event id may take.
- In ``events.json`` a ``url`` is absolute when ``base_url`` is, otherwise relative to it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .. import urls
from ..content.config import Era
from ..content.dates import PartialDate
from ..content.model import Event, Site, kind_label
from ..content.schema import Source, slugify
from ..outputfile import OutputFile

TIMELINE_JSON = "timeline.json"
EVENTS_JSON = "events.json"
EVENTS_ICS = "events.ics"
PRODID = "-//timeline-generator//timeline//EN"
TITLE_SLIDE_ID = "top"
_ICS_LINE_OCTETS = 75
# RFC 5545 TEXT allows no control characters but HTAB; newlines are escaped separately
_ICS_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


# --- TimelineJS -----------------------------------------------------------------------------------


def _html(text: str) -> str:
    # TimelineJS renders headline and text as (sanitised) HTML: plain text must be escaped
    return html.escape(text, quote=False)


def _tl_date(date: PartialDate) -> dict[str, str]:
    parts = {"year": str(date.year), "month": date.month, "day": date.day}
    return {key: str(value) for key, value in parts.items() if value is not None}


def _tl_day(day: dt.date) -> dict[str, str]:
    return _tl_date(PartialDate(day.year, day.month, day.day))


def _slide(site: Site, event: Event) -> dict[str, Any]:
    slide: dict[str, Any] = {"unique_id": event.id, "start_date": _tl_date(event.date)}
    if event.end_date is not None and event.end_date != event.date:
        slide["end_date"] = _tl_date(event.end_date)
    if event.uncertain:
        slide["display_date"] = event.date_label
    slide["text"] = {"headline": _html(event.title), "text": f"<p>{_html(event.summary)}</p>" if event.summary else ""}
    if event.entities:
        slide["group"] = kind_label(site.entities[event.entities[0]].kind)
    media = _tl_media(site, event)
    if media:
        slide["media"] = media
    return slide


def _tl_media(site: Site, event: Event) -> dict[str, str] | None:
    """The slide's ``media``: the event's picture (its address, ``alt``, ``caption``, ``credit``), else its quote as a blockquote."""
    if event.media is not None:
        item = event.media
        url = _url(site.config.public_url, item.image.path) if item.image else item.src
        fields = {"url": url, "alt": item.alt, "caption": _html(item.caption) if item.caption else None, "credit": _html(item.credit) if item.credit else None}
        return {key: value for key, value in fields.items() if value}
    if event.quote is not None:
        said = event.quote
        by = site.entities[said.by_id].name if said.by_id else said.by
        return {"url": f"<blockquote>{_html(said.text)}</blockquote>", **({"credit": _html(by)} if by else {})}
    return None


def _last_day(site: Site) -> dt.date | None:
    return max(((e.end_date or e.date).last_day for e in site.events), default=None)


def _tl_era(era: Era, last: dt.date | None) -> dict[str, Any]:
    end = era.end.last_day if era.end is not None else max(last or era.start.last_day, era.start.last_day)
    return {"start_date": _tl_date(era.start), "end_date": _tl_day(end), "text": {"headline": _html(era.name)}}


def timeline_json(site: Site) -> dict[str, Any]:
    """The site in the TimelineJS 3 JSON format: a title slide, one slide per event, the eras."""
    title = {"unique_id": TITLE_SLIDE_ID, "text": {"headline": _html(site.config.title), "text": _html(site.config.description)}}
    last = _last_day(site)
    return {"title": title, "events": (_slide(site, e) for e in site.events), "eras": [_tl_era(era, last) for era in site.config.eras]}


# --- events.json ----------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """``extra`` as JSON: mappings keep their order; the schema has let in only JSON data (:func:`generator.content.fields.json_data`)."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _date(date: PartialDate | None) -> dict[str, str] | None:
    return None if date is None else {"iso": date.iso(), "precision": date.precision}


def _source(source: Source) -> dict[str, Any]:
    """A source as published: ``archive`` and ``note`` only when the file gives them."""
    data: dict[str, Any] = {"name": source.name, "url": source.url, "date": source.date.iso() if source.date else None}
    data.update({key: value for key, value in (("archive", source.archive), ("note", source.note)) if value})
    return data


def _day(day: dt.date | None) -> str | None:
    """A bound of an event's date; ``None`` (JSON ``null``) for an open end."""
    return None if day is None else day.isoformat()


def _url(base: str | None, path: str) -> str:
    return urls.absolute(base, path) if base is not None else urls.url_path(path)


def _event_record(base: str | None, event: Event) -> dict[str, Any]:
    return {
        "id": event.id, "title": event.title, "date": _date(event.date), "end_date": _date(event.end_date),
        "url": _url(base, urls.event_path(event.id)), "entities": list(event.entities),
        "tags": list(dict.fromkeys(slugify(name) for name in event.tags)),
        "sources": [_source(s) for s in event.sources],
        "summary": event.summary, "extra": _jsonable(event.extra),
        "edtf": event.edtf, "earliest": _day(event.earliest), "latest": _day(event.latest),
    }


def events_json(site: Site) -> dict[str, Any]:
    """Every event, entity and tag with their links to each other, in timeline order."""
    config, base = site.config, site.config.public_url
    entities = [
        {"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases), "wikidata": e.wikidata,
         "url": _url(base, urls.entity_path(e.id)), "events": list(site.entity_events.get(e.id, ()))}
        for e in site.entities.values()
    ]
    tags = [{"id": t.id, "name": t.name, "url": _url(base, urls.tag_path(t.id)), "events": list(site.tag_events.get(t.id, ()))} for t in site.tags.values()]
    return {
        "site": {"title": config.title, "description": config.description, "base_url": config.base_url, "language": config.language},
        "events": (_event_record(base, e) for e in site.events), "entities": entities, "tags": tags,
    }


def _json_file(path: str, data: dict[str, Any]) -> OutputFile:
    """Each top-level key on its own line, and each item of a top-level list on one line.

    Readable in a diff, and written item by item: the lists may be generators,
    so a large site's records are never all held at once.
    """
    def dumps(value: Any) -> str:  # NaN is no JSON: the schema keeps it out of ``extra``, and nothing else holds floats
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    parts = []
    for key, value in data.items():
        if isinstance(value, (list, Iterator)):
            items = ",\n".join(f"    {dumps(item)}" for item in value)
            parts.append(f"  {dumps(key)}: [\n{items}\n  ]" if items else f"  {dumps(key)}: []")
        else:
            parts.append(f"  {dumps(key)}: {dumps(value)}")
    return OutputFile(path, ("{\n" + ",\n".join(parts) + "\n}\n").encode())


# --- events.ics -----------------------------------------------------------------------------------


def ics_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, ``;``, ``,`` and newlines escaped, control characters dropped."""
    value = _ICS_CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    if line.isascii():  # one octet a character: plain slices (most lines are short and come back whole)
        rest = line[_ICS_LINE_OCTETS:]
        step = _ICS_LINE_OCTETS - 1
        return "\r\n ".join([line[:_ICS_LINE_OCTETS], *(rest[i : i + step] for i in range(0, len(rest), step))]) if rest else line
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > _ICS_LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1  # a continuation line starts with one space, which counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _ics_date(day: dt.date) -> str:
    # not strftime: its %Y gives '800' for the year 800 on glibc
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _vevent(base: str | None, host: str, event: Event) -> list[str]:
    # all-day events: DTEND is exclusive, so the day after the last day of the (range's) period
    end = (event.end_date or event.date).last_day + dt.timedelta(days=1)
    lines = [
        "BEGIN:VEVENT", f"UID:{event.id}@{host}", f"DTSTAMP:{_ics_date(event.date.first_day)}T000000Z",
        f"DTSTART;VALUE=DATE:{_ics_date(event.date.first_day)}", f"DTEND;VALUE=DATE:{_ics_date(end)}",
        f"SUMMARY:{ics_text(event.title)}",
    ]
    said = f"Date: {event.date_label}. " if event.uncertain else ""
    if event.summary or said:
        lines.append(f"DESCRIPTION:{ics_text(said + event.summary)}")
    if base is not None:  # URL must be an absolute URI
        lines.append(f"URL:{urls.absolute(base, urls.event_path(event.id))}")
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(ics_text(name) for name in event.tags))
    return [*lines, "TRANSP:TRANSPARENT", "END:VEVENT"]


def events_ics(site: Site) -> bytes:
    """One all-day VEVENT per event, spanning its day, month, year or range; CRLF lines folded at 75 octets.

    An event with an open end (``../2018-03``, ``2020/..``) is left out; an approximate or uncertain one spans its bounds and says its date.
    """""
    base = site.config.public_url
    # RFC 5545 asks for a UID unique worldwide: the site's own host makes it so; a bare-path site has none to give
    host = site.config.host or "timeline"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_text(site.config.title)}"]
    if site.config.description:
        lines.append(f"X-WR-CALDESC:{ics_text(site.config.description)}")
    for event in site.events:
        if not (event.open_start or event.open_end):  # an open end has no day a calendar could span to
            lines += _vevent(base, host, event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode()


def files(site: Site) -> Iterator[OutputFile]:
    """``timeline.json``, ``events.json`` and, when there are events (a calendar needs one), ``events.ics``, one at a time."""
    yield _json_file(TIMELINE_JSON, timeline_json(site))
    yield _json_file(EVENTS_JSON, events_json(site))
    if site.events:
        yield OutputFile(EVENTS_ICS, events_ics(site))
