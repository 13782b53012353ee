"""Every page of the site as an independent task with its inputs, so a build can skip, reuse or spread them."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any, NamedTuple

import jinja2

from .. import urls
from ..content.model import Event, Site
from ..content.schema import slugify
from ..memo import Memo, no_memo
from ..outputfile import OutputFile
from . import cards
from .pages import (
    ListItems,
    corrections,
    corrections_page,
    entity_counts,
    entity_index_page,
    entity_inputs,
    entity_pages,
    event_inputs,
    event_page,
    not_found_page,
    pages_files,
    permalink_pages,
    tag_counts,
    tag_index_page,
    tag_pages,
)
from .timeline import Touched, timeline_pages


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
    yield "corrections"
    yield from ("404", "pages-files")
    yield from (("card", event.id) for event in site.events if cards.wanted(site, event))


def task_for(env: jinja2.Environment, site: Site, key: Hashable, memo: Memo = no_memo, touched: Touched | None = None,
             items: ListItems | None = None) -> Task:
    """The task with this key (one of :func:`task_keys`).

    ``memo`` and ``touched`` reach inside the timeline, whose years are memoised one by one;
    ``items`` is shared by the entity and tag pages of the same site, which list the same events.
    """
    if isinstance(key, tuple):
        kind, ident = key
        if kind == "event":
            event = site.event(ident)
            return Task(key, partial(_event_task_inputs, site, event), partial(_event_files, env, site, event))
        if kind == "card":
            event, style = site.event(ident), env.globals.get("card_style")
            if not isinstance(style, cards.CardStyle):
                return Task(key, tuple, tuple)
            return Task(key, partial(cards.inputs, site, event, style), partial(cards.card_file, site, event, style))
        if kind == "entity":
            entity = site.entities[ident]
            return Task(key, partial(entity_inputs, site, entity), partial(entity_pages, env, site, entity, items or ListItems(env)))
        return Task(key, partial(_tag_inputs, site, ident), partial(tag_pages, env, site, ident, items or ListItems(env)))
    if key == "timeline":
        return Task(key, partial(site_inputs, site), partial(timeline_pages, env, site, memo, touched))
    if key == "entities":
        return Task(key, partial(entity_counts, site), lambda: (entity_index_page(env, site),))
    if key == "tags":
        return Task(key, partial(tag_counts, site), lambda: (tag_index_page(env, site),))
    if key == "corrections":
        return Task(key, partial(corrections, site), lambda: (corrections_page(env, site),))
    if key == "404":
        return Task(key, tuple, lambda: (not_found_page(env, site),))
    return Task(key, tuple, partial(pages_files, site))


def page_tasks(env: jinja2.Environment, site: Site, memo: Memo = no_memo, touched: Touched | None = None) -> list[Task]:
    """Every page of the site as a task, in a fixed order."""
    items = ListItems(env)
    return [task_for(env, site, key, memo, touched, items) for key in task_keys(site)]


def _event_task_inputs(site: Site, event: Event) -> tuple[Any, ...]:
    return event_inputs(site, event), site.page_of(event.id)


def _event_files(env: jinja2.Environment, site: Site, event: Event) -> tuple[OutputFile, ...]:
    return (event_page(env, site, event), *permalink_pages(env, site, event))


def _tag_inputs(site: Site, tag_id: str) -> tuple[Any, ...]:
    ids = site.tag_events[tag_id]
    events = site.events_tagged(tag_id)
    # columns, not a tuple per event: after an edit, all but one title and date are the very same objects, compared in a glance
    return site.tags[tag_id], ids, tuple(e.title for e in events), tuple(e.date for e in events), tuple(e.media for e in events)


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

    That is the edit :func:`~generator.content.assemble.reload_events` takes: each
    event's own page and its neighbours' (which show its title), its entities'
    and tags' pages (which list it), and the timeline (its year, and the page of it that shows the event).
    """
    keys: set[Hashable] = {"timeline", "corrections"}
    for ident in event_ids:
        event = site.event(ident)
        page, _ = urls.timeline_of(ident, site.page_of(ident))
        keys.update((("timeline-year", event.date.year), ("timeline-year", event.date.year, page)))
        keys.update(("event", e.id) for e in (event, *site.neighbours(ident)) if e is not None)
        keys.update(("entity", entity) for entity in event.entities)
        keys.update(("tag", slugify(tag)) for tag in event.tags)
        keys.add(("card", ident))
    return frozenset(keys)
