"""Pure functions from the frozen Site to output files, one per kind of page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from . import urls
from .config import Era
from .dates import PartialDate
from .model import Entity, Event, Site


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file to write, by its path inside the output folder."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The events of one month, or a year's events known only to the year (``month is None``)."""

    year: int
    month: int | None
    label: str
    anchor: str | None
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class YearGroup:
    """A year on the timeline."""

    year: int
    anchor: str
    months: tuple[MonthGroup, ...]

    @property
    def count(self) -> int:
        """How many events the year holds."""
        return sum(len(m.events) for m in self.months)


def group_by_month(events: tuple[Event, ...]) -> tuple[YearGroup, ...]:
    """Years, then months, in timeline order; year-only events head their year."""
    years: dict[int, dict[int | None, list[Event]]] = {}
    for event in events:
        years.setdefault(event.date.year, {}).setdefault(event.date.month, []).append(event)
    result = []
    for year, months in years.items():
        groups = tuple(
            MonthGroup(year, month, _month_label(year, month), urls.year_anchor(year, month) if month else None, tuple(items))
            for month, items in months.items()
        )
        result.append(YearGroup(year, urls.year_anchor(year), groups))
    return tuple(result)


def _month_label(year: int, month: int | None) -> str:
    return PartialDate(year, month).label() if month else f"During {year}"


def era_starts(site: Site) -> dict[str, Era]:
    """The events where a new era begins, mapped to that era."""
    starts: dict[str, Era] = {}
    current: Era | None = None
    for event in site.events:
        era = site.era_of(event)
        if era is not None and era != current:
            starts[event.id] = era
        current = era
    return starts


def _page(env: jinja2.Environment, template: str, path: str, site: Site, **context: Any) -> OutputFile:
    html = env.get_template(template).render(site=site, config=site.config, link=urls.Links(path), page_path=path, **context)
    return OutputFile(path, html.encode("utf-8"))


def timeline_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """The timeline: every event, grouped by year and month."""
    return _page(env, "timeline.html", urls.TIMELINE, site, years=group_by_month(site.events), era_starts=era_starts(site))


def event_page(env: jinja2.Environment, site: Site, event: Event) -> OutputFile:
    """One event's own page."""
    before, after = site.neighbours(event.id)
    return _page(env, "event.html", urls.event_path(event.id), site, event=event, previous=before, next=after, era=site.era_of(event))


def redirect_page(env: jinja2.Environment, site: Site, path: str, title: str, target: tuple[str, str]) -> OutputFile:
    """A page that sends the browser on to ``target`` (a path and anchor), without JavaScript."""
    link = urls.Links(path).to(*target)
    canonical = urls.absolute(site.config.base_url, *target)
    return _page(env, "redirect.html", path, site, title=title, target=link, canonical=canonical)


def permalink_pages(env: jinja2.Environment, site: Site, event: Event) -> Iterator[OutputFile]:
    """``e/<id>/`` for the id and every former id; former event-page URLs redirect too."""
    for ident in (event.id, *event.aliases):
        yield redirect_page(env, site, urls.permalink_path(ident), event.title, urls.timeline_of(event.id))
    for alias in event.aliases:
        yield redirect_page(env, site, urls.event_path(alias), event.title, (urls.event_path(event.id), ""))


def entity_page(env: jinja2.Environment, site: Site, entity: Entity) -> OutputFile:
    """One entity: description, its events, who appears with it."""
    events = site.events_of(entity.id)
    related = [(site.entities[i], n) for i, n in site.co_occurrence.get(entity.id, ())]
    return _page(env, "entity.html", urls.entity_path(entity.id), site, entity=entity, events=events, related=related)


def entity_index_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """Every entity, grouped by kind, with event counts."""
    return _page(env, "entities.html", urls.ENTITY_INDEX, site, groups=site.entities_by_kind())


def tag_page(env: jinja2.Environment, site: Site, tag_id: str) -> OutputFile:
    """The events with one tag."""
    events = tuple(site.event(i) for i in site.tag_events[tag_id])
    return _page(env, "tag.html", urls.tag_path(tag_id), site, tag=site.tags[tag_id], events=events)


def tag_index_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """Every tag with its count."""
    return _page(env, "tags.html", urls.TAG_INDEX, site)


def render_site(env: jinja2.Environment, site: Site) -> Iterator[OutputFile]:
    """Every page of the site, in a fixed order."""
    yield timeline_page(env, site)
    for event in site.events:
        yield event_page(env, site, event)
        yield from permalink_pages(env, site, event)
    yield entity_index_page(env, site)
    for entity in site.entities.values():
        yield entity_page(env, site, entity)
    yield tag_index_page(env, site)
    for tag_id in site.tags:
        yield tag_page(env, site, tag_id)
