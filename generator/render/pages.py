"""Pure functions from the frozen Site to the pages of each kind but the timeline: events, permalinks, entities, tags, 404."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from .. import urls
from ..content.model import Entity, Event, Site, Tag
from ..content.schema import slugify
from ..content.updates import Update
from ..outputfile import OutputFile
from . import charts, metadata


def page_file(env: jinja2.Environment, template: str, path: str, site: Site, **context: Any) -> OutputFile:
    has_feeds = site.config.public_url is not None
    link = urls.Links(path, placement=site.placement)
    html = env.get_template(template).render(site=site, config=site.config, link=link, page_path=path, has_feeds=has_feeds, **context)
    return OutputFile(path, html.encode("utf-8"))


def names(site: Site, entity_ids: tuple[str, ...]) -> tuple[Entity, ...]:
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


def event_page(env: jinja2.Environment, site: Site, event: Event) -> OutputFile:
    """One event's own page."""
    before, after = site.neighbours(event.id)
    meta = metadata.for_event(site, event)
    return page_file(env, "event.html", urls.event_path(event.id), site, event=event, previous=before, next=after, era=site.era_of(event), meta=meta)


def event_inputs(site: Site, event: Event) -> tuple[Any, ...]:
    around = tuple(None if e is None else (e.id, e.title, e.date_label) for e in site.neighbours(event.id))
    return event, around, site.era_of(event), names(site, event.entities), tuple(site.tags[slugify(t)] for t in event.tags)


def redirect_page(env: jinja2.Environment, site: Site, path: str, title: str, target: tuple[str, str]) -> OutputFile:
    """A page that sends the browser on to ``target`` (a path and anchor), without JavaScript."""
    link = urls.Links(path).to(*target)
    canonical = urls.absolute(site.config.base_url, *target)
    return page_file(env, "redirect.html", path, site, title=title, target=link, canonical=canonical, meta=None)


def permalink_pages(env: jinja2.Environment, site: Site, event: Event) -> tuple[OutputFile, ...]:
    """``e/<id>/`` for the id and every former id; former event-page URLs redirect too."""
    place = urls.timeline_of(event.id, site.page_of(event.id))
    short = [redirect_page(env, site, urls.permalink_path(i), event.title, place) for i in (event.id, *event.aliases)]
    former = [redirect_page(env, site, urls.event_path(a), event.title, (urls.event_path(event.id), "")) for a in event.aliases]
    return tuple(short + former)


@dataclass(frozen=True, slots=True)
class _Watched(urls.Links):
    """A page's links that note the top folder of every file they link to."""

    folders: set[str] = field(default_factory=set)

    def to(self, path: str, fragment: str = "") -> str:
        self.folders.add(path.partition("/")[0])
        return urls.Links.to(self, path, fragment)


class ListItems:
    """Each event's item in the event lists of entity and tag pages, rendered once for every list at one depth that can show it as it is.

    An event is listed on the page of each entity it names and each tag it has.
    A relative link from ``entities/a/`` reads the same as from ``entities/b/``
    or ``tags/t/``, unless it leads into the page's own top folder
    (``entities/x/`` reads ``../x/`` from the first, ``../../entities/x/``
    from the third, ``./`` from ``entities/x/`` itself). So the theme's
    ``list_event`` macro renders the item for the first of those pages, noting
    which top folders its links lead into; any page of the same depth outside
    those folders reuses it, and a page inside one gets an item of its own.
    One instance serves the page tasks of one site (each worker process fills its own copy).
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._shared: dict[tuple[str, int], tuple[Markup, frozenset[str]]] = {}
        self._made: dict[tuple[str, str], Markup] = {}

    def item(self, event: Event, link: urls.Links) -> Markup:
        """The event's item as seen from ``link``'s page."""
        page = link.page
        depth, folder = page.count("/"), page.partition("/")[0]
        shared = self._shared.get((event.id, depth))
        if shared is not None and folder not in shared[1]:
            return shared[0]
        key = (event.id, page)
        made = self._made.get(key)
        if made is None:
            watched = _Watched(page, link.root, link.placement)
            made = self._env.get_template("macros.html").module.list_event(event, watched)  # type: ignore[attr-defined]
            if shared is None and folder not in watched.folders:
                self._shared[(event.id, depth)] = (made, frozenset(watched.folders))
            else:
                self._made[key] = made
        return made


LIST_PAGE = 500
"""Events listed on one entity or tag page; more continue on numbered pages, so no page grows past ~1 MB."""


def _listing(events: tuple[Event, ...], path: Callable[[int], str], number: int) -> dict[str, Any]:
    """What an entity or tag page needs to show page ``number`` of its events."""
    numbers = pages_of(len(events))
    return {
        "events": events[(number - 1) * LIST_PAGE : number * LIST_PAGE], "event_count": len(events),
        "first_event": events[0] if events else None, "last_event": events[-1] if events else None,
        "list_pages": tuple((n, path(n)) for n in numbers) if len(numbers) > 1 else (), "list_page": number,
    }


def entity_pages(env: jinja2.Environment, site: Site, entity: Entity, items: ListItems | None = None) -> list[OutputFile]:
    """One entity's pages: description, its events (:data:`LIST_PAGE` to a page), who appears with it.

    What every page of the entity shows is worked out once, not once a page: a big entity has many pages.
    """
    events = site.events_of(entity.id)
    first, last = _span(site)
    shown = {
        "entity": entity, "related": [(site.entities[i], n) for i, n in site.co_occurrence.get(entity.id, ())],
        "activity": charts.per_year(events, first, last) if events else None, "meta": metadata.for_entity(site, entity),
        "list_item": (items or ListItems(env)).item,
    }
    path = partial(urls.entity_path, entity.id)
    return [page_file(env, "entity.html", path(n), site, **shown, **_listing(events, path, n)) for n in pages_of(len(events))]


def _span(site: Site) -> tuple[int, int]:
    """The first and last year of the whole timeline."""
    return (site.events[0].date.year, site.events[-1].date.year) if site.events else (0, 0)


def entity_inputs(site: Site, entity: Entity) -> tuple[Any, ...]:
    events = tuple((e.id, e.title, e.date, e.date_label, e.roles.get(entity.id), e.media) for e in site.events_of(entity.id))
    return entity, events, site.config.roles, tuple((site.entities[i], n) for i, n in site.co_occurrence.get(entity.id, ())), _span(site)


def entity_index_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """Every entity, grouped by kind, with event counts."""
    meta = metadata.for_listing(site, urls.ENTITY_INDEX, "Entities", f"Everyone and everything {site.config.title} names, by kind.")
    return page_file(env, "entities.html", urls.ENTITY_INDEX, site, groups=site.entities_by_kind(), meta=meta)


def tag_pages(env: jinja2.Environment, site: Site, tag_id: str, items: ListItems | None = None) -> list[OutputFile]:
    """The events with one tag, :data:`LIST_PAGE` to a page."""
    events = site.events_tagged(tag_id)
    tag = site.tags[tag_id]
    meta = metadata.for_listing(site, urls.tag_path(tag_id), f"#{tag.name}", f"Events tagged {tag.name} on {site.config.title}.")
    path, list_item = partial(urls.tag_path, tag_id), (items or ListItems(env)).item
    return [page_file(env, "tag.html", path(n), site, tag=tag, meta=meta, list_item=list_item, **_listing(events, path, n)) for n in pages_of(len(events))]


def pages_of(count: int) -> range:
    """The page numbers of a list of ``count`` events (one page even when empty)."""
    return range(1, max(1, -(-count // LIST_PAGE)) + 1)


def tag_index_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """Every tag with its count."""
    meta = metadata.for_listing(site, urls.TAG_INDEX, "Tags", f"The tags of {site.config.title}.")
    return page_file(env, "tags.html", urls.TAG_INDEX, site, meta=meta)


def corrections(site: Site) -> tuple[tuple[Event, Update], ...]:
    """Every correction with its event, newest first, then in timeline order."""
    found = [(e, u) for e in site.events for u in e.updates if u.kind == "correction"]
    order = {e.id: i for i, e in enumerate(site.events)}
    return tuple(sorted(found, key=lambda pair: (tuple(-n for n in pair[1].date.sort_key), order[pair[0].id])))


def corrections_page(env: jinja2.Environment, site: Site) -> OutputFile:
    """The corrections log, linked from every page's footer."""
    return page_file(env, "corrections.html", urls.CORRECTIONS, site, corrections=corrections(site), meta=metadata.for_corrections(site))


def entity_counts(site: Site) -> tuple[tuple[Entity, int], ...]:
    """Each entity with how many events name it (the entity index and the timeline's filters show both)."""
    return tuple((e, len(site.entity_events[i])) for i, e in site.entities.items())


def tag_counts(site: Site) -> tuple[tuple[Tag, int], ...]:
    """Each tag with how many events carry it."""
    return tuple((t, len(site.tag_events[i])) for i, t in site.tags.items())
