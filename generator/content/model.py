"""The frozen site model: events, entities and the indexes between them. No I/O."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from . import packed
from .config import Era, SiteConfig
from .dates import PartialDate, duration, range_label
from .media import Media, Quote
from .schema import Link, Source
from .updates import Update

KIND_LABELS = {
    "company": "Companies", "person": "People", "government": "Governments", "agency": "Agencies",
    "policy": "Policies", "product": "Products", "country": "Countries", "organisation": "Organisations",
}


def kind_label(kind: str) -> str:
    """The heading for a group of entities of one kind."""
    return KIND_LABELS.get(kind, kind.capitalize())


_EMPTY: Mapping[str, Any] = MappingProxyType({})


def frozen_map(items: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view over a copy of ``items`` (one shared view for every empty one: most events have no extra fields and no roles)."""
    return MappingProxyType(dict(items)) if items else _EMPTY


@dataclass(frozen=True, slots=True)
class Event:
    """One event of the story, ready to render."""

    id: str
    title: str
    date: PartialDate
    end_date: PartialDate | None
    entities: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    summary: str
    packed_html: bytes
    """The body as HTML, compressed: read it as :attr:`body_html`."""
    draft: bool
    aliases: tuple[str, ...]
    extra: Mapping[str, Any]
    path: str
    open_start: bool = False
    """``date: ../2018-03``: known only to have happened by ``date``."""
    open_end: bool = False
    """``date: 2020/..``: began at ``date``, no known end."""
    updates: tuple[Update, ...] = ()
    """Corrections and updates, newest first."""
    roles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Entity id to the role it plays in this event, for the entities given one."""
    published: PartialDate | None = None
    """When the entry was first published (``published:``); ``None``: on the event's date."""
    media: Media | None = None
    """A picture (or linked media) shown with the event."""
    quote: Quote | None = None
    """A quotation shown with the event, its speaker an entity."""

    @property
    def body_html(self) -> str:
        """The body as HTML, its cross-references resolved."""
        return packed.unpack(self.packed_html)

    @property
    def role_pairs(self) -> str:
        """``huawei:target commerce:actor``: what the timeline's role filter reads."""
        return " ".join(f"{ident}:{role}" for ident, role in self.roles.items())

    @property
    def last_update(self) -> Update | None:
        """The newest correction or update: the page names it beside the title."""
        return self.updates[0] if self.updates else None

    @property
    def date_label(self) -> str:
        """``16 May 2019``, ``c. 2019``, ``May 2019 (unconfirmed)``, ``by March 2018``, ``from 2020`` or a range of those."""
        if self.open_start:
            return f"by {self.date.label()}"
        if self.open_end:
            return f"from {self.date.label()}"
        return range_label(self.date, self.end_date)

    @property
    def uncertain(self) -> bool:
        """Whether the date is anything but exact (qualified, unspecified or open): the timeline marks such events."""
        ends = (self.date, self.end_date) if self.end_date else (self.date,)
        return self.open_start or self.open_end or any(d.qualified for d in ends)

    @property
    def edtf(self) -> str:
        """The date as EDTF: ``2019-05``, ``2019~``, ``2019-05/2019-08``, ``../2018-03``, ``2020/..``."""
        if self.open_start:
            return f"../{self.date.edtf()}"
        if self.open_end:
            return f"{self.date.edtf()}/.."
        return self.date.edtf() + (f"/{self.end_date.edtf()}" if self.end_date else "")

    @property
    def earliest(self) -> _dt.date | None:
        """The first day the event may have happened; ``None`` when its start is open."""
        return None if self.open_start else self.date.first_day

    @property
    def latest(self) -> _dt.date | None:
        """The last day the event may have lasted to; ``None`` when its end is open."""
        return None if self.open_end else (self.end_date or self.date).last_day

    @property
    def duration_label(self) -> str:
        """How long a range lasts (``""`` for a single date)."""
        return duration(self.date, self.end_date) if self.end_date else ""

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """The timeline order: by earliest possible date, then latest (README, "Uncertain dates").

        At the same start the less precise date comes first (see :mod:`generator.content.dates`);
        an open start ("by March 2018") stands first at its known date, an open end sorts last.
        """
        latest = self.latest or _dt.date.max
        return (self.date.sort_key, not self.open_start, latest, self.title.casefold(), self.id)


@dataclass(frozen=True, slots=True)
class Entity:
    """A company, person, agency, policy, product… that events name."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    wikidata: str | None
    links: tuple[Link, ...]
    body_html: str
    path: str | None
    """The entity's file; ``None`` for a name used in events without a file."""
    summary: str = ""
    """The first paragraph of the description, as plain text."""


@dataclass(frozen=True, slots=True)
class Tag:
    """A label shared by events."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Site:
    """Everything a build renders, gathered once, never changed."""

    config: SiteConfig
    events: tuple[Event, ...]
    entities: Mapping[str, Entity]
    tags: Mapping[str, Tag]
    entity_events: Mapping[str, tuple[str, ...]]
    tag_events: Mapping[str, tuple[str, ...]]
    co_occurrence: Mapping[str, tuple[tuple[str, int], ...]]
    _by_id: Mapping[str, int] = field(repr=False)
    placement: Mapping[str, str] | None = None
    """Event id to its timeline page (a year's, or a month's in a big year) when the timeline is split, else ``None``."""

    def event(self, event_id: str) -> Event:
        """The event with this id."""
        return self.events[self._by_id[event_id]]

    def page_of(self, event_id: str) -> str | None:
        """The timeline page the event stands on when the timeline is split, else ``None`` (see :func:`~generator.urls.timeline_of`)."""
        return self.placement.get(event_id) if self.placement else None

    def index_of(self, event_id: str) -> int:
        """Where the event with this id stands on the timeline (0 for the first)."""
        return self._by_id[event_id]

    def neighbours(self, event_id: str) -> tuple[Event | None, Event | None]:
        """The events before and after this one on the timeline."""
        index = self._by_id[event_id]
        before = self.events[index - 1] if index > 0 else None
        after = self.events[index + 1] if index + 1 < len(self.events) else None
        return before, after

    def era_of(self, event: Event) -> Era | None:
        """The era that contains the event's start; on a hand-over day, the one beginning."""
        if not self.config.eras:
            return None
        eras = [era for era in self.config.eras if era.contains(event.date)]
        return max(eras, key=lambda era: era.start.sort_key, default=None)

    def events_of(self, entity_id: str) -> tuple[Event, ...]:
        """The entity's events in timeline order."""
        return tuple(self.event(i) for i in self.entity_events.get(entity_id, ()))

    def events_tagged(self, tag_id: str) -> tuple[Event, ...]:
        """The tag's events in timeline order."""
        return tuple(self.event(i) for i in self.tag_events.get(tag_id, ()))

    def events_by_role(self, entity_id: str) -> tuple[tuple[str, tuple[Event, ...]], ...]:
        """The entity's events grouped by the roles it plays in them, in ``site.yaml``'s order (events with no role left out)."""
        events = self.events_of(entity_id)
        groups = ((role, tuple(e for e in events if e.roles.get(entity_id) == role)) for role, _ in self.config.roles)
        return tuple((role, found) for role, found in groups if found)

    def entities_by_kind(self) -> tuple[tuple[str, tuple[Entity, ...]], ...]:
        """Entities grouped by kind (largest group first), each group by name."""
        groups: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            groups.setdefault(entity.kind, []).append(entity)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return tuple((kind, tuple(sorted(items, key=lambda e: e.name.casefold()))) for kind, items in ordered)
