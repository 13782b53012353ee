"""Content files to one frozen :class:`~generator.model.Site`, with every problem found."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from . import config as config_module
from . import markdown, urls
from .cache import BodyCache
from .cache import key as body_key
from .config import CONFIG_NAME, SiteConfig, load_config
from .errors import Problem, Severity
from .frontmatter import Document, read_document
from .memo import Memo, no_memo
from .model import Entity, Event, Site, Tag, frozen_map
from .parallel import convert_all
from .registry import Registry, Resolution
from .schema import EntityRecord, EventRecord, read_entity, read_event, slugify
from .sources import ENTITIES_DIR, EVENTS_DIR, SourceFile, case_clashes, display_path, find
from .urls import RESERVED_ANCHORS, is_reserved_anchor
from .xref import Targets, resolve

CONTENT_DIR = "content"
CO_OCCURRING = 8
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line may change about a build."""

    drafts: bool = False
    base_url: str | None = None


DEFAULTS = Options()

def load_site(root: Path, options: Options = DEFAULTS, memo: Memo = no_memo, cache: BodyCache | None = None) -> tuple[Site | None, list[Problem]]:
    """Read, check and assemble the site at ``root``; ``None`` when an error was found.

    ``memo`` lets an incremental build skip unchanged files and bodies;
    ``cache`` keeps converted bodies from one build to the next.
    """
    content = root / CONTENT_DIR
    config, problems = load_config(content, display_path(root, content / CONFIG_NAME))
    if config is not None and options.base_url:
        config = config.with_base_url(options.base_url)
    event_files, entity_files = find(root, content, EVENTS_DIR), find(root, content, ENTITIES_DIR)
    events, event_problems = _read_all(event_files, read_event, memo)
    entities, entity_problems = _read_all(entity_files, read_entity, memo)
    problems += event_problems + entity_problems + case_clashes((*event_files, *entity_files))
    registry, registry_problems = Registry.build(entities)
    problems += registry_problems + _id_problems(events)
    kept = [e for e in events if options.drafts or not e.draft]
    resolution, mention_problems = registry.resolve_all(events, kept)
    problems += mention_problems
    if config is None or _has_errors(problems):
        return None, problems
    site, link_problems = _assemble(config, kept, entities, resolution, registry, memo, cache)
    problems += link_problems
    return (None if _has_errors(problems) else site), problems


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def _read_all(files: Sequence[SourceFile], read: Callable[[Document, str], tuple[R | None, list[Problem]]],
              memo: Memo) -> tuple[list[R], list[Problem]]:
    records: list[R] = []
    problems: list[Problem] = []
    for source in files:
        record, found = memo(("read", source.display), _signature(source.file), partial(_read_one, source, read))
        problems += found
        if record is not None:
            records.append(record)
    return records, problems


def _signature(file: str) -> tuple[int, int, int] | None:
    """What tells a changed file from an unchanged one without reading it."""
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _read_one(source: SourceFile, read: Callable[[Document, str], tuple[R | None, list[Problem]]]) -> tuple[R | None, list[Problem]]:
    doc, problems = read_document(source.file, source.display)
    if doc is None:
        return None, problems
    record, found = read(doc, source.stem)
    return record, problems + found


def _id_problems(events: Iterable[EventRecord]) -> list[Problem]:
    owners: dict[str, list[tuple[str, int]]] = {}
    problems = []
    for event in events:
        for key, ident in [("id", event.id), *(("aliases", a) for a in event.aliases)]:
            owners.setdefault(ident, []).append((event.path, event.lines.get(key, 1)))
            if is_reserved_anchor(ident):
                message = f"{ident!r} is reserved for the timeline page's own anchors ({RESERVED_ANCHORS}); set another 'id:'"
                problems.append(Problem(event.path, event.lines.get(key, 1), key, message))
    for ident, places in owners.items():
        if len(places) > 1:
            files = ", ".join(path for path, _ in places)
            problems += [Problem(path, line, "id", f"duplicate id {ident!r} (used by {files})") for path, line in places]
    return problems


def _assemble(config: SiteConfig, records: list[EventRecord], entity_records: list[EntityRecord],
              resolution: Resolution, registry: Registry, memo: Memo, cache: BodyCache | None) -> tuple[Site, list[Problem]]:
    bodies = _convert(config, [*records, *entity_records], memo, cache)
    paths = [r.path for r in records] + [r.path for r in entity_records]
    problems: list[Problem] = [
        Problem(path, line, None, "nested more than 20 levels deep: the parts deeper than that are left out", Severity.WARNING)
        for path in paths if (line := bodies[path].too_deep) is not None
    ]
    names = {r.id: r.name for r in entity_records} | dict(resolution.unfiled)
    targets = Targets(
        events={alias: r.id for r in records for alias in (r.id, *r.aliases)},
        headings={r.id: bodies[r.path].headings for r in records},
        entities=frozenset(names), registry=registry,
    )

    def html(body: markdown.Body, page: str, source: str) -> str:
        resolved = []
        for reference in body.references:
            url, problem = resolve(targets, reference, page, source)
            resolved.append(url)
            if problem:
                problems.append(problem)
        return markdown.link(body, tuple(resolved)) if resolved else body.html

    def event(r: EventRecord) -> Event:
        inputs = (r, resolution.entities[r.id], html(bodies[r.path], urls.event_path(r.id), r.path))
        return memo(("event-model", r.path), inputs, lambda: _event(r, inputs[1], bodies[r.path], inputs[2]))

    def entity(r: EntityRecord) -> Entity:
        inputs = (r, html(bodies[r.path], urls.entity_path(r.id), r.path))
        return memo(("entity-model", r.path), inputs, lambda: _entity(r, bodies[r.path], inputs[1]))

    events = sorted(map(event, records), key=lambda e: e.sort_key)
    entities = {r.id: entity(r) for r in entity_records}
    for ident, name in resolution.unfiled.items():
        entities[ident] = Entity(ident, name, "other", (), None, (), "", None)
    return _index(config, events, entities, memo), problems


def _convert(config: SiteConfig, records: list[EventRecord | EntityRecord], memo: Memo, cache: BodyCache | None) -> dict[str, markdown.Body]:
    """Every body converted: from the memo or the cache where they know it, the rest in parallel."""
    def inputs(r: EventRecord | EntityRecord) -> tuple[str, int, bool]:
        return (r.body, r.body_line, config.raw_html)

    converted: dict[str, markdown.Body] = {}
    missing = []
    for record in (r for r in records if not memo.knows(("body", r.path), inputs(r))):
        found = cache.get(body_key(*inputs(record))) if cache else None
        if found is None:
            missing.append(record)
        else:
            converted[record.path] = found
    for record, body in zip(missing, convert_all([(r.body, r.body_line) for r in missing], raw_html=config.raw_html), strict=True):
        converted[record.path] = body
        if cache:
            cache.put(body_key(*inputs(record)), body)
    return {r.path: memo(("body", r.path), inputs(r), partial(converted.__getitem__, r.path)) for r in records}


@dataclass(frozen=True, slots=True)
class _Relations:
    """What links events, entities and tags: it changes only when an edit changes who or what an event names."""

    tags: Mapping[str, Tag]
    entity_events: Mapping[str, tuple[str, ...]]
    tag_events: Mapping[str, tuple[str, ...]]
    co_occurrence: Mapping[str, tuple[tuple[str, int], ...]]


def _relate(events: list[Event], entities: dict[str, Entity]) -> _Relations:
    entity_events: dict[str, list[str]] = {ident: [] for ident in entities}
    tag_events: dict[str, list[str]] = {}
    tags: dict[str, Tag] = {}
    pairs: dict[str, Counter[str]] = {ident: Counter() for ident in entities}
    for event in events:
        for ident in event.entities:
            entity_events[ident].append(event.id)
            pairs[ident].update(other for other in event.entities if other != ident)
        for name in event.tags:
            tag = tags.setdefault(slugify(name), Tag(slugify(name), name))
            tag_events.setdefault(tag.id, []).append(event.id)
    co = {i: tuple(sorted(c.items(), key=lambda kv: (-kv[1], entities[kv[0]].name.casefold()))[:CO_OCCURRING]) for i, c in pairs.items()}
    return _Relations(
        frozen_map(dict(sorted(tags.items()))), frozen_map({k: tuple(v) for k, v in sorted(entity_events.items())}),
        frozen_map({k: tuple(v) for k, v in sorted(tag_events.items())}), frozen_map(co),
    )


def _index(config: SiteConfig, events: list[Event], entities: dict[str, Entity], memo: Memo) -> Site:
    shape = (tuple((e.id, e.entities, e.tags) for e in events), tuple((i, e.name) for i, e in entities.items()))
    relations = memo("relations", shape, lambda: _relate(events, entities))
    return Site(
        config=config, events=tuple(events), entities=frozen_map(dict(sorted(entities.items()))), tags=relations.tags,
        entity_events=relations.entity_events, tag_events=relations.tag_events, co_occurrence=relations.co_occurrence,
        _by_id=frozen_map({e.id: i for i, e in enumerate(events)}),
        placement=_placement(events) if config.splits(len(events)) else None,
    )


def _placement(events: list[Event]) -> Mapping[str, str]:
    """Each event's timeline page: its year's, or its month's when the year holds more than a page's worth."""
    per_year = Counter(e.date.year for e in events)
    return frozen_map({
        e.id: urls.year_page(e.date.year, e.date.month if per_year[e.date.year] > config_module.PAGE_EVENTS else None) for e in events
    })


def _event(record: EventRecord, entity_ids: tuple[str, ...], body: markdown.Body, html: str) -> Event:
    return Event(
        id=record.id, title=record.title, date=record.date, end_date=record.end_date,
        entities=entity_ids, tags=tuple(dict.fromkeys(record.tags)), sources=record.sources,
        summary=record.summary or body.first_paragraph, body_html=html, draft=record.draft,
        aliases=record.aliases, extra=frozen_map(record.extra), path=record.path,
    )


def _entity(record: EntityRecord, body: markdown.Body, html: str) -> Entity:
    return Entity(
        id=record.id, name=record.name, kind=record.kind, aliases=tuple(a.name for a in record.aliases),
        wikidata=record.wikidata, links=record.links, body_html=html,
        path=record.path, summary=body.first_paragraph,
    )
