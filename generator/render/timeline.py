"""The timeline page (or, split, its overview and a page per year or month): pure functions from the frozen Site."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from .. import urls
from ..content.config import Era
from ..content.dates import PartialDate
from ..content.model import Event, Site
from ..content.schema import slugify
from ..memo import Memo, no_memo
from ..outputfile import OutputFile
from . import charts, metadata
from .pages import entity_counts, names, page_file, tag_counts

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


@dataclass(frozen=True)
class YearGroup:
    """A year on the timeline.

    Its counts are worked out once: every page of a split timeline shows every year's,
    so counting again for each page grew with the square of the site's size.
    """

    year: int
    anchor: str
    months: tuple[MonthGroup, ...]
    count: int = field(init=False)
    """How many events the year holds."""
    uncertain: int = field(init=False)
    """How many of them are dated roughly (placed by their earliest date): the year navigation says so."""

    def __post_init__(self) -> None:
        # counted once: every page of a split timeline lists every year with both counts
        object.__setattr__(self, "count", sum(len(m.events) for m in self.months))
        object.__setattr__(self, "uncertain", sum(e.uncertain for m in self.months for e in m.events))


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


def _kinds(site: Site, event: Event) -> list[str]:
    return sorted({site.entities[i].kind for i in event.entities})


class FilterWords(NamedTuple):
    """What the timeline's filters read from an event's item, each a space-separated list."""

    entities: str
    kinds: str
    tags: str


def filter_words(site: Site, event: Event) -> FilterWords:
    """The event's entity ids, their kinds and its tags' slugs, joined here: three filter chains in the template cost more than the rest of the item."""
    return FilterWords(" ".join(event.entities), " ".join(_kinds(site, event)), " ".join([slugify(name) for name in event.tags]))


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
        inputs = (year, tuple(starts.get(e.id) for e in events), tuple(names(site, e.entities) for e in events), tuple(map(era_index, events)))
        link = urls.Links(page, placement=site.placement)
        make = partial(
            template.render, site=site, config=site.config, link=link, year=year, era_starts=starts, kinds_of=partial(_kinds, site),
            filter_words=partial(filter_words, site), era_index=era_index,
            public_permalink=lambda ident: urls.absolute(site.config.base_url, urls.permalink_path(ident)),
        )
        return memo(key, inputs, lambda: Markup(make()))

    pages = _timeline_pages(years, site.placement)
    month_pages = {m.anchor: path for path, (_, groups) in pages.items() for m in groups if m.anchor}
    context = {"years": years, "chart": chart, "split": site.placement is not None, "month_pages": month_pages, "meta": metadata.for_timeline(site)}
    if site.placement is None:
        sections = {year.year: year_html(year, urls.TIMELINE) for year in years}
        yield page_file(env, "timeline.html", urls.TIMELINE, site, shown=years, year_sections=sections, current=None, months=(), **context)
        return
    # what every page of a split timeline shows around its year: navigation, chart, filter choices
    shell = (tuple((y.year, y.count) for y in years), chart, entity_counts(site), tag_counts(site))
    overview = partial(page_file, env, "timeline.html", urls.TIMELINE, site, shown=(), year_sections={}, current=None, months=(), **context)
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
    return page_file(env, "timeline.html", path, site, **{**context, "meta": meta}, **page)


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
