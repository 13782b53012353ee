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
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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


# Our own writing rather than ElementTree's serializer: the feeds have one fixed shape, and its generic
# walk cost more than making the entries. The escaping is ElementTree's, character for character:
# text escapes & < >; an attribute value also " and the whitespace a parser would otherwise normalise.


def xml_text(text: str) -> str:
    """``text`` as XML character data (the sitemap's too)."""
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    value = xml_text(value).replace('"', "&quot;")
    return value.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _element(indent: str, tag: str, text: str | None = None, *attrs: tuple[str, str]) -> str:
    """One element on its own line, empty ones closed in place as ElementTree writes them."""
    start = tag + "".join(f' {name}="{_attr(value)}"' for name, value in attrs)
    body = xml_text(text) if text is not None else ""
    return f"{indent}<{start}>{body}</{tag}>\n" if body else f"{indent}<{start} />\n"


_ENTRY = "  "
_FIELD = "    "


def _document(language: str, head: list[str], entries: Iterable[bytes]) -> bytes:
    top = f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="{ATOM_NS}" xml:lang="{_attr(language)}">\n'
    return b"".join([(top + "".join(head)).encode(), *entries, b"</feed>\n"])


def _head(self_url: str, title: str, subtitle: str, alternate: str, newest: str) -> list[str]:
    lines = [_element(_ENTRY, "id", self_url), _element(_ENTRY, "title", title, ("type", "text"))]
    if subtitle:
        lines.append(_element(_ENTRY, "subtitle", subtitle, ("type", "text")))
    lines += [
        _element(_ENTRY, "link", None, ("rel", "self"), ("type", "application/atom+xml"), ("href", self_url)),
        _element(_ENTRY, "link", None, ("rel", "alternate"), ("type", "text/html"), ("href", alternate)),
        _element(_ENTRY, "updated", newest), _element(_ENTRY, "generator", "timeline"),
    ]
    return lines


def _author(name: str) -> str:
    return f"{_FIELD}<author>\n{_element(_FIELD + '  ', 'name', name)}{_FIELD}</author>\n"


@dataclass(frozen=True, slots=True)
class _Feed:
    """One feed to write: where, what it is called, which page it mirrors, newest event first."""

    path: str
    title: str
    subtitle: str
    alternate: str
    events: Sequence[Event]


class _Entries:
    """Each event's entry made once for every feed that lists it, and let go after the last of them.

    About two in five entries of the entity feeds repeat (an event names several
    entities); an entry depends on the site, the base URL and the event alone,
    and one instance serves one base URL, so a repeat is the very same bytes.
    The author line and each tag's category line are the same in every entry: made once too.
    """

    def __init__(self, site: Site, base: str, specs: Iterable[_Feed]) -> None:
        self._base = base
        self._left = Counter(event.id for spec in specs for event in spec.events)
        self._kept: dict[str, bytes] = {}
        self._author = _author(site.config.title)
        self._scheme = urls.absolute(base, urls.TAG_INDEX)
        self._categories: dict[str, str] = {}

    def entry(self, event: Event) -> bytes:
        left = self._left[event.id] - 1
        self._left[event.id] = left
        made = self._kept.pop(event.id, None) if left == 0 else self._kept.get(event.id)
        if made is None:
            made = self._make(event)
            if left > 0:
                self._kept[event.id] = made
        return made

    def _category(self, name: str) -> str:
        line = self._categories.get(name)
        if line is None:
            line = self._categories[name] = _element(_FIELD, "category", None, ("term", slugify(name)), ("label", name), ("scheme", self._scheme))
        return line

    def _make(self, event: Event) -> bytes:
        base = self._base
        page = urls.absolute(base, urls.event_path(event.id))
        lines = [
            f"{_ENTRY}<entry>\n", _element(_FIELD, "id", entry_id(base, event.id)), _element(_FIELD, "title", event.title, ("type", "text")),
            _element(_FIELD, "link", None, ("rel", "alternate"), ("type", "text/html"), ("href", page)),
            _element(_FIELD, "published", rfc3339(_midnight(event.date.first_day))), _element(_FIELD, "updated", rfc3339(updated(event))),
            self._author, *map(self._category, event.tags),
        ]
        if event.summary:
            lines.append(_element(_FIELD, "summary", event.summary, ("type", "text")))
        # body_html links are relative to the event page: xml:base lets readers resolve them
        lines += (_element(_FIELD, "content", event.body_html, ("type", "html"), ("xml:base", page)), f"{_ENTRY}</entry>\n")
        return "".join(lines).encode()


def _render(site: Site, base: str, spec: _Feed, entries: _Entries) -> OutputFile:
    self_url = urls.absolute(base, spec.path)
    newest = max((updated(e) for e in spec.events), default=_NO_EVENTS)
    head = _head(self_url, spec.title, spec.subtitle, urls.absolute(base, spec.alternate), rfc3339(newest))
    return OutputFile(spec.path, _document(site.config.language, head, [entries.entry(e) for e in spec.events]))


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


def _update_entry(site: Site, base: str, event: Event, update: Update, suffix: str) -> bytes:
    page = urls.absolute(base, urls.event_path(event.id))
    stamp = _stamp(update)
    return "".join([
        f"{_ENTRY}<entry>\n", _element(_FIELD, "id", f"{entry_id(base, event.id)}/{suffix}"),
        _element(_FIELD, "title", f"{update.verb}: {event.title}", ("type", "text")),
        _element(_FIELD, "link", None, ("rel", "alternate"), ("type", "text/html"), ("href", page)),
        _element(_FIELD, "published", stamp), _element(_FIELD, "updated", stamp), _author(site.config.title),
        _element(_FIELD, "category", None, ("term", update.kind), ("label", update.verb)),
        _element(_FIELD, "content", update.text, ("type", "text")), f"{_ENTRY}</entry>\n",
    ]).encode()


def updates_feed(site: Site, base: str) -> OutputFile:
    """The feed of every correction and update on the site."""
    entries = _update_entries(site)
    self_url = urls.absolute(base, UPDATES_FEED)
    newest = _stamp(entries[0][1]) if entries else rfc3339(_NO_EVENTS)
    head = _head(self_url, f"Corrections and updates — {site.config.title}", "", urls.absolute(base, urls.CORRECTIONS), newest)
    return OutputFile(UPDATES_FEED, _document(site.config.language, head, [_update_entry(site, base, *item) for item in entries]))


def files(site: Site) -> Iterator[OutputFile]:
    """The site feed, one feed per entity with events and ``updates.xml``, one at a time; none when ``base_url`` is only a path."""
    base = site.config.public_url
    if base is None:
        return
    specs = _specs(site)
    entries = _Entries(site, base, specs)
    for spec in specs:
        yield _render(site, base, spec, entries)
    yield updates_feed(site, base)
