"""Atom 1.0 feeds (RFC 4287): ``feed.xml`` for the timeline, ``entities/<id>/feed.xml`` per entity, ``updates.xml`` for corrections.

Entry ids are ``tag:`` URIs (RFC 4151) made of the site's host, the fixed date
:data:`TAG_DATE`, the site's base path and the event id, for example
``tag:example.org,2026:repo/event/2019-05-16-entity-list``. They never depend on
the title, the build date or the event's place in the feed, so retitling or
rebuilding never makes a reader show an entry twice. The base path is part of
the id because GitHub Pages project sites share one host (``you.github.io``).

Feeds need absolute URLs; when ``base_url`` is only a path (``/repo/``) there is
no host to make them from, and :func:`files` returns nothing.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .. import urls
from ..content.fields import FieldError, instant
from ..content.model import Event, Site
from ..content.schema import slugify
from ..content.updates import Update
from ..outputfile import OutputFile

FEED = "feed.xml"
UPDATES_FEED = "updates.xml"
FEED_LIMIT = 50
"""Entries in the site's feed: the newest events; older ones stay on the site and in events.json."""
ENTITY_FEED_LIMIT = 20
"""Entries in an entity's feed: its newest events (full entries for hundreds of entities would add up to tens of megabytes)."""
TAG_DATE = "2026"
"""The date in every ``tag:`` id: the year feeds were added. Fixed for ever: changing it changes every entry id."""

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_UTC = dt.timezone.utc
# the feed of a site with no events still needs an <updated>; no wall clock may leak in
_NO_EVENTS = dt.datetime(1970, 1, 1, tzinfo=_UTC)
# characters XML 1.0 forbids; a stray one in a Markdown file must not make the feed unreadable
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def entity_feed_path(ident: str) -> str:
    """Where an entity's feed is written: beside its page."""
    return posixpath.join(posixpath.dirname(urls.entity_path(ident)), FEED)


def entry_id(base: str, event_id: str) -> str:
    """The permanent Atom id of an event, a ``tag:`` URI; see the module docstring."""
    parts = urlsplit(base)
    path = quote(parts.path.strip("/"), safe="/:@!$&'()*+,;=%")
    prefix = f"{path}/" if path else ""
    return f"tag:{(parts.hostname or '').lower()},{TAG_DATE}:{prefix}event/{event_id}"


def revised(event: Event) -> dt.datetime | None:
    """``extra.updated`` as a UTC instant, when it is a date (``2020-02-01``) or an RFC 3339 date-time.

    A date-time without an offset is taken as UTC; anything else is ignored.
    The schema has refused one that UTC cannot hold (:func:`generator.content.fields.instant`).
    """
    try:
        return instant(event.extra.get("updated"))
    except FieldError:
        return None


def updated(event: Event) -> dt.datetime:
    """The entry's ``updated``: the first day of the event's date at midnight UTC, or a later :func:`revised` or ``updates:`` entry."""
    start = _midnight(event.date.first_day)
    later = [d for d in (revised(event), _update_day(event)) if d is not None and d > start]
    return max(later, default=start)


def _update_day(event: Event) -> dt.datetime | None:
    return _midnight(event.last_update.date.first_day) if event.last_update else None


def rfc3339(moment: dt.datetime) -> str:
    """``2019-05-16T00:00:00Z``: whole seconds, always UTC."""
    utc = moment.astimezone(_UTC)
    # not strftime: glibc's %Y gives '800' for the year 800, which is no RFC 3339 date
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}Z"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=_UTC)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        child.text = _clean(text)
    return child


@dataclass(frozen=True, slots=True)
class _Feed:
    """One feed to write: where, what it is called, which page it mirrors, newest event first."""

    path: str
    title: str
    subtitle: str
    alternate: str
    events: Sequence[Event]


def _entry(site: Site, base: str, event: Event) -> ET.Element:
    page = urls.absolute(base, urls.event_path(event.id))
    entry = ET.Element("entry")
    _add(entry, "id", entry_id(base, event.id))
    _add(entry, "title", event.title, type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=page)
    _add(entry, "published", rfc3339(_midnight(event.date.first_day)))
    _add(entry, "updated", rfc3339(updated(event)))
    _add(_add(entry, "author"), "name", site.config.title)
    scheme = urls.absolute(base, urls.TAG_INDEX)
    for name in event.tags:
        _add(entry, "category", term=slugify(name), label=name, scheme=scheme)
    if event.summary:
        _add(entry, "summary", event.summary, type="text")
    # body_html links are relative to the event page: xml:base lets readers resolve them
    _add(entry, "content", event.body_html, type="html", **{f"{{{_XML_NS}}}base": page})
    return entry


def _render(site: Site, base: str, spec: _Feed) -> OutputFile:
    feed = ET.Element("feed", {"xmlns": ATOM_NS, f"{{{_XML_NS}}}lang": site.config.language})
    self_url = urls.absolute(base, spec.path)
    _add(feed, "id", self_url)
    _add(feed, "title", spec.title, type="text")
    if spec.subtitle:
        _add(feed, "subtitle", spec.subtitle, type="text")
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=urls.absolute(base, spec.alternate))
    newest = max((updated(e) for e in spec.events), default=_NO_EVENTS)
    _add(feed, "updated", rfc3339(newest))
    _add(feed, "generator", "timeline")
    feed.extend(_entry(site, base, event) for event in spec.events)
    ET.indent(feed)
    text = ET.tostring(feed, encoding="unicode")
    return OutputFile(spec.path, f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode())


def _specs(site: Site) -> list[_Feed]:
    config = site.config
    specs = [_Feed(FEED, config.title, config.description, urls.TIMELINE, site.events[::-1][:FEED_LIMIT])]
    for ident, event_ids in site.entity_events.items():
        if event_ids:
            events = [site.event(i) for i in reversed(event_ids[-ENTITY_FEED_LIMIT:])]
            title = f"{site.entities[ident].name} — {config.title}"
            specs.append(_Feed(entity_feed_path(ident), title, "", urls.entity_path(ident), events))
    return specs


# --- updates.xml: every correction and update, newest first ---------------------------------------
# Readers who followed a story subscribe to learn what changed after they read it. An entry's id is
# the event's entry id with /update/<date>-<kind>-<n> added, n counting that event's entries of the
# same date and kind in the order written: editing an update's text keeps its id.

def _stamp(update: Update) -> str:
    day = update.date.first_day
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


def _update_entries(site: Site) -> list[tuple[Event, Update, str]]:
    """Every update with its event and the suffix of its id, newest first, then in timeline order."""
    found = []
    for event in site.events:
        seen: dict[tuple[str, str], int] = {}
        for update in reversed(event.updates):  # oldest first: the count follows the order written
            key = (update.date.iso(), update.kind)
            seen[key] = seen.get(key, 0) + 1
            found.append((event, update, f"update/{key[0]}-{key[1]}-{seen[key]}"))
    order = {e.id: i for i, e in enumerate(site.events)}
    return sorted(found, key=lambda item: (tuple(-n for n in item[1].date.sort_key), order[item[0].id], item[2]))


def _update_entry(site: Site, base: str, event: Event, update: Update, suffix: str) -> ET.Element:
    page = urls.absolute(base, urls.event_path(event.id))
    entry = ET.Element("entry")
    _add(entry, "id", f"{entry_id(base, event.id)}/{suffix}")
    _add(entry, "title", f"{update.verb}: {event.title}", type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=page)
    _add(entry, "published", _stamp(update))
    _add(entry, "updated", _stamp(update))
    _add(_add(entry, "author"), "name", site.config.title)
    _add(entry, "category", term=update.kind, label=update.verb)
    _add(entry, "content", update.text, type="text")
    return entry


def updates_feed(site: Site, base: str) -> OutputFile:
    """The feed of every correction and update on the site."""
    entries = _update_entries(site)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, f"{{{_XML_NS}}}lang": site.config.language})
    self_url = urls.absolute(base, UPDATES_FEED)
    _add(feed, "id", self_url)
    _add(feed, "title", f"Corrections and updates — {site.config.title}", type="text")
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=urls.absolute(base, urls.CORRECTIONS))
    _add(feed, "updated", _stamp(entries[0][1]) if entries else rfc3339(_NO_EVENTS))
    _add(feed, "generator", "timeline")
    feed.extend(_update_entry(site, base, *item) for item in entries)
    ET.indent(feed)
    text = ET.tostring(feed, encoding="unicode")
    return OutputFile(UPDATES_FEED, f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode())


def files(site: Site) -> Iterator[OutputFile]:
    """The site feed, one feed per entity with events and ``updates.xml``, one at a time; none when ``base_url`` is only a path."""
    base = site.config.public_url
    if base is None:
        return
    for spec in _specs(site):
        yield _render(site, base, spec)
    yield updates_feed(site, base)
