"""Pure functions from the frozen Site to output files, one per kind of page."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from . import charts, metadata, urls
from .config import Era
from .dates import PartialDate
from .memo import Memo, no_memo
from .model import Entity, Event, Site, Tag
from .outputfile import OutputFile
from .schema import slugify

Touched = Callable[[Hashable], bool]
"""Whether a task's inputs may have changed since the last build (``None``: any may have)."""


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
    for event in site.events if site.config.eras else ():
        era = site.era_of(event)
        if era is not None and era != current:
            starts[event.id] = era
        current = era
    return starts


def _page(env: jinja2.Environment, template: str, path: str, site: Site, **context: Any) -> OutputFile:
    has_feeds = site.config.public_url is not None
    link = urls.Links(path, placement=site.placement)
    html = env.get_template(template).render(site=site, config=site.config, link=link, page_path=path, has_feeds=has_feeds, **context)
    return OutputFile(path, html.encode("utf-8"))


def _names(site: Site, entity_ids: tuple[str, ...]) -> tuple[Entity, ...]:
    return tuple(site.entities[i] for i in entity_ids)


def not_found_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """``404.html``: GitHub Pages serves it at any depth, so its links start from the site's root path."""
    html = env.get_template("404.html").render(
        site=site, config=site.config, link=urls.Links("404.html", site.config.base_path), page_path="404.html", has_feeds=False, meta=None
    )
    return OutputFile("404.html", html.encode("utf-8"))


def pages_files(site: Site) -> tuple[OutputFile, ...]:
    """The files GitHub Pages looks for: ``.nojekyll`` (serve every file as it is) and ``CNAME``."""
    files = [OutputFile(".nojekyll", b"")]
    if site.config.cname:
        files.append(OutputFile("CNAME", f"{site.config.cname}\n".encode()))
    return tuple(files)


def _kinds(site: Site, event: Event) -> list[str]:
    return sorted({site.entities[i].kind for i in event.entities})


def timeline_pages(env: jinja2.Environment, site: Site, memo: Memo = no_memo, touched: Touched | None = None) -> Iterator[OutputFile]:
    """The timeline: every event, grouped by year and month, each year rendered (and memoised) alone.

    One page, or when the site splits its timeline an overview page and a page per year.
    A page of a year ``touched`` does not name (as ``("timeline-year", year, page)``) is taken from ``memo`` as it was,
    and after such an edit (which moves no event) only the years it names are grouped again.
    """
    years, chart = _frame(site, memo, touched)
    starts = era_starts(site)
    template = env.get_template("timeline_year.html")
    eras = site.config.eras

    def era_index(event: Event) -> int | None:
        era = site.era_of(event)
        return None if era is None else eras.index(era)

    def year_html(year: YearGroup, page: str) -> Markup:
        key = ("timeline-year", year.year, page)
        if touched is not None and not touched(key):
            kept: Markup | None = memo.reuse(key)
            if kept is not None:
                return kept
        events = [e for m in year.months for e in m.events]
        inputs = (year, tuple(starts.get(e.id) for e in events), tuple(_names(site, e.entities) for e in events), tuple(map(era_index, events)))
        link = urls.Links(page, placement=site.placement)
        make = partial(
            template.render, site=site, config=site.config, link=link, year=year, era_starts=starts, kinds_of=partial(_kinds, site), era_index=era_index,
            public_permalink=lambda ident: urls.absolute(site.config.base_url, urls.permalink_path(ident)),
        )
        return memo(key, inputs, lambda: Markup(make()))

    pages = _timeline_pages(years, site.placement)
    month_pages = {m.anchor: path for path, (_, groups) in pages.items() for m in groups if m.anchor}
    context = {"years": years, "chart": chart, "split": site.placement is not None, "month_pages": month_pages, "meta": metadata.for_timeline(site)}
    if site.placement is None:
        sections = {year.year: year_html(year, urls.TIMELINE) for year in years}
        yield _page(env, "timeline.html", urls.TIMELINE, site, shown=years, year_sections=sections, current=None, months=(), **context)
        return
    # what every page of a split timeline shows around its year: navigation, chart, filter choices
    shell = (tuple((y.year, y.count) for y in years), chart, _entity_counts(site), _tag_counts(site))
    overview = partial(_page, env, "timeline.html", urls.TIMELINE, site, shown=(), year_sections={}, current=None, months=(), **context)
    yield memo(("timeline-page", urls.TIMELINE), shell, overview)
    month_links: dict[int, list[tuple[str, str]]] = {}
    for path, (year, groups) in pages.items():
        month_links.setdefault(year.year, []).extend((m.label, path) for m in groups if m.month)
    for path, (year, groups) in pages.items():
        part = YearGroup(year.year, year.anchor, groups)
        section = year_html(part, path)
        months = tuple(month_links[year.year]) if len(year.months) != len(groups) else ()
        title = groups[0].label if months and groups and groups[0].month else str(year.year)
        page = partial(_year_page, env, site, path, title, context, shown=(part,), year_sections={year.year: section}, current=year.year, months=months)
        yield memo(("timeline-page", path), (shell, section, months), page)


def _year_page(env: jinja2.Environment, site: Site, path: str, title: str, context: dict[str, Any], **page: Any) -> OutputFile:
    """One page of a split timeline (its metadata worked out only when it is rendered)."""
    meta = metadata.for_listing(site, path, f"{title} · {site.config.title}", f"The events of {title} on {site.config.title}.")
    return _page(env, "timeline.html", path, site, **{**context, "meta": meta}, **page)


def _frame(site: Site, memo: Memo, touched: Touched | None) -> tuple[tuple[YearGroup, ...], charts.Chart | None]:
    """The timeline's years and its chart.

    They follow only the events' order and dates, which an edit with ``touched``
    set leaves alone: then the previous frame stands, with the years it names
    grouped again to show their edited events.
    """
    kept = memo.reuse("timeline-frame") if touched is not None else None
    if kept is None or touched is None:
        years = group_by_month(site.events)
        chart = charts.per_month(site.events, frozenset(m.anchor for y in years for m in y.months if m.anchor))
    else:
        years, chart = _regrouped(site.events, kept[0], touched), kept[1]
    return memo("timeline-frame", years, lambda: (years, chart))


def _regrouped(events: tuple[Event, ...], years: tuple[YearGroup, ...], touched: Touched) -> tuple[YearGroup, ...]:
    """``years`` with each touched one grouped again from ``events``, which hold the same events in the same order."""
    result = []
    start = 0
    for year in years:
        count = year.count
        if touched(("timeline-year", year.year)):
            (year,) = group_by_month(events[start:start + count])
        result.append(year)
        start += count
    return tuple(result)


def _timeline_pages(years: tuple[YearGroup, ...], placement: Mapping[str, str] | None) -> dict[str, tuple[YearGroup, tuple[MonthGroup, ...]]]:
    """Each page of a split timeline with the year and the month groups it shows, in order."""
    if placement is None:
        return {}
    pages: dict[str, tuple[YearGroup, tuple[MonthGroup, ...]]] = {urls.year_page(y.year): (y, ()) for y in years}
    for year in years:
        for month in year.months:
            path = placement[month.events[0].id]
            held = pages.get(path, (year, ()))[1]
            pages[path] = (year, (*held, month))
    return pages


def event_page(env: jinja2.Environment, site: Site, event: Event) -> OutputFile:
    """One event's own page."""
    before, after = site.neighbours(event.id)
    meta = metadata.for_event(site, event)
    return _page(env, "event.html", urls.event_path(event.id), site, event=event, previous=before, next=after, era=site.era_of(event), meta=meta)


def _event_inputs(site: Site, event: Event) -> tuple[Any, ...]:
    around = tuple(None if e is None else (e.id, e.title, e.date_label) for e in site.neighbours(event.id))
    return event, around, site.era_of(event), _names(site, event.entities), tuple(site.tags[slugify(t)] for t in event.tags)


def redirect_page(env: jinja2.Environment, site: Site, path: str, title: str, target: tuple[str, str]) -> OutputFile:
    """A page that sends the browser on to ``target`` (a path and anchor), without JavaScript."""
    link = urls.Links(path).to(*target)
    canonical = urls.absolute(site.config.base_url, *target)
    return _page(env, "redirect.html", path, site, title=title, target=link, canonical=canonical, meta=None)


def permalink_pages(env: jinja2.Environment, site: Site, event: Event) -> tuple[OutputFile, ...]:
    """``e/<id>/`` for the id and every former id; former event-page URLs redirect too."""
    place = urls.timeline_of(event.id, site.page_of(event.id))
    short = [redirect_page(env, site, urls.permalink_path(i), event.title, place) for i in (event.id, *event.aliases)]
    former = [redirect_page(env, site, urls.event_path(a), event.title, (urls.event_path(event.id), "")) for a in event.aliases]
    return tuple(short + former)


LIST_PAGE = 500
"""Events listed on one entity or tag page; more continue on numbered pages, so no page grows past ~1 MB."""


def _listing(events: tuple[Event, ...], path: Callable[[int], str], number: int) -> dict[str, Any]:
    """What an entity or tag page needs to show page ``number`` of its events."""
    numbers = _pages_of(len(events))
    return {
        "events": events[(number - 1) * LIST_PAGE : number * LIST_PAGE], "event_count": len(events),
        "first_event": events[0] if events else None, "last_event": events[-1] if events else None,
        "list_pages": tuple((n, path(n)) for n in numbers) if len(numbers) > 1 else (), "list_page": number,
    }


def entity_page(env: jinja2.Environment, site: Site, entity: Entity, number: int = 1) -> OutputFile:
    """One entity: description, its events (a page of them), who appears with it."""
    events = site.events_of(entity.id)
    related = [(site.entities[i], n) for i, n in site.co_occurrence.get(entity.id, ())]
    meta = metadata.for_entity(site, entity)
    first, last = _span(site)
    activity = charts.per_year(events, first, last) if events else None
    listing = _listing(events, partial(urls.entity_path, entity.id), number)
    return _page(env, "entity.html", urls.entity_path(entity.id, number), site, entity=entity, related=related, activity=activity, meta=meta, **listing)


def _span(site: Site) -> tuple[int, int]:
    """The first and last year of the whole timeline."""
    return (site.events[0].date.year, site.events[-1].date.year) if site.events else (0, 0)


def _entity_inputs(site: Site, entity: Entity) -> tuple[Any, ...]:
    events = tuple((e.id, e.title, e.date) for e in site.events_of(entity.id))
    return entity, events, tuple((site.entities[i], n) for i, n in site.co_occurrence.get(entity.id, ())), _span(site)


def entity_index_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """Every entity, grouped by kind, with event counts."""
    meta = metadata.for_listing(site, urls.ENTITY_INDEX, "Entities", f"Everyone and everything {site.config.title} names, by kind.")
    return _page(env, "entities.html", urls.ENTITY_INDEX, site, groups=site.entities_by_kind(), meta=meta)


def tag_page(env: jinja2.Environment, site: Site, tag_id: str, number: int = 1) -> OutputFile:
    """The events with one tag (a page of them)."""
    events = tuple(site.event(i) for i in site.tag_events[tag_id])
    tag = site.tags[tag_id]
    meta = metadata.for_listing(site, urls.tag_path(tag_id), f"#{tag.name}", f"Events tagged {tag.name} on {site.config.title}.")
    listing = _listing(events, partial(urls.tag_path, tag_id), number)
    return _page(env, "tag.html", urls.tag_path(tag_id, number), site, tag=tag, meta=meta, **listing)


def _pages_of(count: int) -> range:
    """The page numbers of a list of ``count`` events (one page even when empty)."""
    return range(1, max(1, -(-count // LIST_PAGE)) + 1)


def tag_index_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """Every tag with its count."""
    meta = metadata.for_listing(site, urls.TAG_INDEX, "Tags", f"The tags of {site.config.title}.")
    return _page(env, "tags.html", urls.TAG_INDEX, site, meta=meta)


class Task(NamedTuple):
    """One independent piece of rendering: its key, everything it reads, and how to make its files.

    ``inputs`` lets a build skip the task when they are unchanged (the preview's
    memo, the page cache of warm builds); tasks share nothing but the frozen
    site, so they may run in any process. (A named tuple: thousands are made
    on every preview rebuild, and it is the cheapest immutable record to make.)
    """

    key: Hashable
    inputs: Callable[[], Any]
    make: Callable[[], Iterable[OutputFile]]


def run(task: Task, memo: Memo = no_memo, touched: Touched | None = None) -> tuple[OutputFile, ...]:
    """The task's files, from ``memo`` when it made them from equal inputs, or when ``touched`` says they cannot have changed."""
    if memo is no_memo:  # nothing to compare: do not even gather the inputs
        return tuple(task.make())
    if touched is not None and not touched(task.key):
        kept: tuple[OutputFile, ...] | None = memo.reuse(task.key)
        if kept is not None:
            return kept
    return memo(task.key, task.inputs(), lambda: tuple(task.make()))


def site_inputs(site: Site) -> tuple[Any, ...]:
    """What a page that shows every event reads."""
    return site.events, tuple(site.entities.values())


def task_keys(site: Site) -> Iterator[Hashable]:
    """The key of every page task, in a fixed order (the timeline, the heaviest, first)."""
    yield "timeline"
    yield from (("event", event.id) for event in site.events)
    yield "entities"
    yield from (("entity", ident) for ident in site.entities)
    yield "tags"
    yield from (("tag", ident) for ident in site.tags)
    yield from ("404", "pages-files")


def task_for(env: jinja2.Environment, site: Site, key: Hashable, memo: Memo = no_memo, touched: Touched | None = None) -> Task:
    """The task with this key (one of :func:`task_keys`).

    ``memo`` and ``touched`` reach inside the timeline, whose years are memoised one by one.
    """
    if isinstance(key, tuple):
        kind, ident = key
        if kind == "event":
            event = site.event(ident)
            return Task(key, partial(_event_task_inputs, site, event), partial(_event_files, env, site, event))
        if kind == "entity":
            entity = site.entities[ident]
            return Task(key, partial(_entity_inputs, site, entity), partial(_entity_files, env, site, entity))
        return Task(key, partial(_tag_inputs, site, ident), partial(_tag_files, env, site, ident))
    if key == "timeline":
        return Task(key, partial(site_inputs, site), partial(timeline_pages, env, site, memo, touched))
    if key == "entities":
        return Task(key, partial(_entity_counts, site), lambda: (entity_index_page(env, site),))
    if key == "tags":
        return Task(key, partial(_tag_counts, site), lambda: (tag_index_page(env, site),))
    if key == "404":
        return Task(key, tuple, lambda: (not_found_page(env, site),))
    return Task(key, tuple, partial(pages_files, site))


def page_tasks(env: jinja2.Environment, site: Site, memo: Memo = no_memo, touched: Touched | None = None) -> list[Task]:
    """Every page of the site as a task, in a fixed order."""
    return [task_for(env, site, key, memo, touched) for key in task_keys(site)]


def _entity_counts(site: Site) -> tuple[tuple[Entity, int], ...]:
    """Each entity with how many events name it (the entity index and the timeline's filters show both)."""
    return tuple((e, len(site.entity_events[i])) for i, e in site.entities.items())


def _tag_counts(site: Site) -> tuple[tuple[Tag, int], ...]:
    """Each tag with how many events carry it."""
    return tuple((t, len(site.tag_events[i])) for i, t in site.tags.items())


def _event_task_inputs(site: Site, event: Event) -> tuple[Any, ...]:
    return _event_inputs(site, event), site.page_of(event.id)


def _event_files(env: jinja2.Environment, site: Site, event: Event) -> tuple[OutputFile, ...]:
    return (event_page(env, site, event), *permalink_pages(env, site, event))


def _entity_files(env: jinja2.Environment, site: Site, entity: Entity) -> list[OutputFile]:
    return [entity_page(env, site, entity, n) for n in _pages_of(len(site.entity_events.get(entity.id, ())))]


def _tag_inputs(site: Site, tag_id: str) -> tuple[Any, ...]:
    ids = site.tag_events[tag_id]
    events = [site.event(i) for i in ids]
    # columns, not a tuple per event: after an edit, all but one title and date are the very same objects, compared in a glance
    return site.tags[tag_id], ids, tuple(e.title for e in events), tuple(e.date for e in events)


def _tag_files(env: jinja2.Environment, site: Site, tag_id: str) -> list[OutputFile]:
    return [tag_page(env, site, tag_id, n) for n in _pages_of(len(site.tag_events[tag_id]))]


def render_tasks(env: jinja2.Environment, site: Site, memo: Memo = no_memo) -> dict[Hashable, tuple[OutputFile, ...]]:
    """Every page task's files by its key, in a fixed order, each taken from ``memo`` when made from equal inputs."""
    return {task.key: run(task, memo) for task in page_tasks(env, site, memo)}


def rerender(env: jinja2.Environment, site: Site, previous: Mapping[Hashable, tuple[OutputFile, ...]], touched: frozenset[Hashable],
             memo: Memo) -> dict[Hashable, tuple[OutputFile, ...]]:
    """``previous`` with the ``touched`` tasks run again (through ``memo``); every other task stands as it was.

    Only for an edit that adds or removes no page (see :func:`touched_by`): the work follows the edit, not the site's size.
    """
    pages = dict(previous)
    for key in touched & pages.keys():
        pages[key] = run(task_for(env, site, key, memo, touched.__contains__), memo)
    return pages


def touched_by(site: Site, event_ids: Iterable[str]) -> frozenset[Hashable]:
    """The tasks whose inputs can change when these events change only their own words, title or summary.

    That is the edit :func:`~generator.assemble.reload_events` takes: each
    event's own page and its neighbours' (which show its title), its entities'
    and tags' pages (which list it), and the timeline (its year, and the page of it that shows the event).
    """
    keys: set[Hashable] = {"timeline"}
    for ident in event_ids:
        event = site.event(ident)
        page, _ = urls.timeline_of(ident, site.page_of(ident))
        keys.update((("timeline-year", event.date.year), ("timeline-year", event.date.year, page)))
        keys.update(("event", e.id) for e in (event, *site.neighbours(ident)) if e is not None)
        keys.update(("entity", entity) for entity in event.entities)
        keys.update(("tag", slugify(tag)) for tag in event.tags)
    return frozenset(keys)
