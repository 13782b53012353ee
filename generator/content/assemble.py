"""Content files to one frozen :class:`~generator.content.model.Site`, with every problem found."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from .. import urls
from ..errors import Problem, Severity
from ..memo import Memo, no_memo
from ..urls import RESERVED_ANCHORS, is_reserved_anchor
from . import cache as cache_module
from . import config as config_module
from . import markdown, packed
from .cache import BodyCache
from .config import CONFIG_NAME, SiteConfig, address_problems, load_config
from .convert import Converter
from .fields import did_you_mean
from .frontmatter import Document, parse_document, read_document, read_text
from .media import MEDIA_DIR, with_images
from .model import Entity, Event, Site, Tag, frozen_map
from .registry import Registry, Resolution
from .schema import EntityRecord, EventRecord, read_entity, read_event, slugify
from .sourcecheck import check_sources
from .sources import ENTITIES_DIR, EVENTS_DIR, SUFFIX, SourceFile, case_clashes, display_path, scan
from .xref import Targets, resolve

CONTENT_DIR = "content"
CO_OCCURRING = 8
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line may change about a build."""

    drafts: bool = False
    base_url: str | None = None
    local: bool = False
    """A build served from this machine (the preview), where a loopback ``base_url`` is right."""


DEFAULTS = Options()

@dataclass(frozen=True, slots=True)
class Loaded:
    """A site as loaded, with what :func:`reload_events` needs to redo one edited event without the rest."""

    site: Site
    problems: tuple[Problem, ...]
    """The warnings found on the way (a loaded site has no errors)."""
    sources: Mapping[str, SourceFile]
    """The event files, by real path (their folders' links resolved)."""
    records: Mapping[str, EventRecord]
    """The event files' records, by display path."""
    targets: Targets
    kept: frozenset[str]
    """The ids of the events on the site (drafts are read but left out unless asked for)."""


def load_site(root: Path, options: Options = DEFAULTS, memo: Memo = no_memo, cache: BodyCache | None = None) -> tuple[Site | None, list[Problem]]:
    """Read, check and assemble the site at ``root``; ``None`` when an error was found."""
    loaded, problems = load(root, options, memo, cache)
    return (loaded.site if loaded else None), problems


def load(root: Path, options: Options = DEFAULTS, memo: Memo = no_memo, cache: BodyCache | None = None) -> tuple[Loaded | None, list[Problem]]:
    """Read, check and assemble the site at ``root``; ``None`` when an error was found.

    ``memo`` lets an incremental build skip unchanged files and bodies;
    ``cache`` keeps converted bodies from one build to the next.
    """
    content = root / CONTENT_DIR
    config, problems = load_config(content, display_path(root, content / CONFIG_NAME))
    if config is not None and options.base_url:
        config = config.with_base_url(options.base_url)
    (event_files, unread_events), (entity_files, unread_entities) = scan(root, content, EVENTS_DIR), scan(root, content, ENTITIES_DIR)
    problems += unread_events + unread_entities
    with Converter(config.raw_html if config else False, len(event_files) + len(entity_files), cache) as converter:
        # bodies the memo and the cache do not know start converting while the other files are read
        wanted = partial(_want, config, converter, memo, options.drafts) if config else None
        events, event_problems = _read_all(event_files, read_event, memo, wanted, cache)
        entities, entity_problems = _read_all(entity_files, read_entity, memo, wanted, cache)
        problems += event_problems + entity_problems + case_clashes((*event_files, *entity_files))
        registry, registry_problems = Registry.build(entities)
        problems += registry_problems + _id_problems(events)
        events, media_problems = with_images(content / MEDIA_DIR, events, f"{CONTENT_DIR}/{MEDIA_DIR}")
        events, quote_problems = quotes_resolved(registry, events)
        problems += media_problems + quote_problems
        kept = [e for e in events if options.drafts or not e.draft]
        resolution, mention_problems = registry.resolve_all(events, kept)
        problems += mention_problems
        if config is None or _has_errors(problems):
            return None, problems
        if config.public_url is None or (config.loopback and not options.local):
            problems += address_problems(config, f"{CONTENT_DIR}/{CONFIG_NAME}", config.line_of("base_url"))
        problems += check_sources(config, kept) + _role_problems(config, kept)
        if _has_errors(problems):
            return None, problems
        site, targets, link_problems = _assemble(config, kept, entities, resolution, registry, _convert(config, [*kept, *entities], memo, converter), memo)
    problems += link_problems
    if _has_errors(problems):
        return None, problems
    # by real path, as the watcher (which watches resolved folders) reports them
    real_root = os.path.realpath(root)
    sources = {os.path.join(real_root, s.display): s for s in event_files}
    return Loaded(site, tuple(problems), sources, {r.path: r for r in events}, targets, frozenset(r.id for r in kept)), problems


def reload_events(previous: Loaded, sources: Sequence[SourceFile], memo: Memo = no_memo) -> tuple[Loaded | None, list[Problem]]:
    """``previous`` with these event files read again, when the edit changed only what their own pages show.

    That is: the same id, former ids, draft state, place on the timeline,
    entities, tags and headings, so no other page's links or lists change.
    ``None`` when the edit did more (or the file has an error): load the whole site again.
    """
    edited = {source.display for source in sources}
    # the source checks look across events: keep their findings, and load everything again when sources change
    kept_problems = [p for p in previous.problems if p.path not in edited or (p.key or "").startswith("sources")]
    site, records, problems = previous.site, dict(previous.records), kept_problems
    events = list(site.events)
    for source in sources:
        old = records[source.display]
        record, found = _read_one(source, read_event)
        memo(("read", source.display), _signature(source.file), lambda: (record, found))  # noqa: B023 - called at once
        if record is None or _has_errors(found) or not _same_place(old, record) or old.id not in previous.kept or old.sources != record.sources:
            return None, []
        if record.media is not None or record.quote is not None:  # a picture to read, a name to resolve: the full load does both
            return None, []
        resolution, mention_problems = previous.targets.registry.resolve_all([record], [record])
        body = _bodies(site.config, [record], memo)[record.path]
        if body.headings != previous.targets.headings[record.id]:
            return None, []
        event, link_problems = _event_model(record, resolution.entities[record.id], body, previous.targets, memo)
        index = site.index_of(record.id)
        before, after = events[index - 1] if index else None, events[index + 1] if index + 1 < len(events) else None
        # a new title may move the event among others of its date
        if (before and before.sort_key >= event.sort_key) or (after and event.sort_key >= after.sort_key):
            return None, []
        events[index], records[source.display] = event, record
        problems += found + mention_problems + link_problems + _too_deep(record.path, body)
    if _has_errors(problems):
        return None, []
    new_site = replace(site, events=tuple(events))
    return replace(previous, site=new_site, problems=tuple(problems), records=records), problems


def edited_events(root: Path, loaded: Loaded, changed: Iterable[Path]) -> list[SourceFile] | None:
    """The known event files among ``changed``, if nothing else a build reads changed; else ``None``.

    Other files in the content folder (an editor's temporary file, say) are
    not read by a build; a new or deleted event file, a folder, an entity,
    the settings or the theme are, and need the whole site loaded again.
    """
    content = os.path.realpath(root / CONTENT_DIR)
    edited: list[SourceFile] = []
    for path in changed:
        absolute = os.path.realpath(path)
        source = loaded.sources.get(absolute)
        if source is not None and os.path.isfile(absolute):
            if source not in edited:  # a move reports both of its paths
                edited.append(source)
        elif not absolute.startswith(content + os.sep) or absolute.endswith(SUFFIX) or absolute == os.path.join(content, CONFIG_NAME) \
                or os.path.isdir(absolute) or _held_events(loaded, absolute):
            return None
    return edited


def _held_events(loaded: Loaded, folder: str) -> bool:
    """Whether known event files lie under ``folder`` (a folder moved away reports only itself)."""
    prefix = folder + os.sep
    return any(path.startswith(prefix) for path in loaded.sources)


def quotes_resolved(registry: Registry, records: list[EventRecord]) -> tuple[list[EventRecord], list[Problem]]:
    """``records`` with each quote's ``by`` resolved to an entity id, like the ``entities:`` names; an unknown name is an error at its line."""
    result, problems = [], []
    for record in records:
        said = record.quote
        if said is None or said.by is None:
            result.append(record)
            continue
        ident = registry.lookup(said.by)
        if ident is None:
            hint = registry.suggest(said.by)
            maybe = f" (did you mean {hint!r}?)" if hint else ""
            line = record.lines.get("quote.by", record.lines.get("quote", 1))
            problems.append(Problem(record.path, line, "quote.by", f"unknown entity {said.by!r}{maybe}: add content/entities/<id>.md or fix the name"))
        result.append(replace(record, quote=replace(said, by_id=ident)))
    return result, problems


def _same_place(old: EventRecord, new: EventRecord) -> bool:
    """Whether an edit left what other pages show of the event's place and company alone."""
    return (old.id, old.aliases, old.draft, old.date, old.end_date, old.tags, old.open_start, old.open_end) \
        == (new.id, new.aliases, new.draft, new.date, new.end_date, new.tags, new.open_start, new.open_end) \
        and [(m.name, m.role) for m in old.entities] == [(m.name, m.role) for m in new.entities]


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def _read_all(files: Sequence[SourceFile], read: Callable[[Document, str], tuple[R | None, list[Problem]]],
              memo: Memo, wanted: Callable[[R], None] | None = None, cache: BodyCache | None = None) -> tuple[list[R], list[Problem]]:
    """Every file's record (those without errors) and the problems found; each record goes to ``wanted`` as it is read.

    With ``cache``, a file unchanged since the build that wrote it is not read again.
    """
    records: list[R] = []
    problems: list[Problem] = []
    for source in files:
        record, found = memo(("read", source.display), _signature(source.file), partial(_read_one, source, read, cache))
        problems += found
        if record is not None:
            if wanted:
                wanted(record)
                if memo is no_memo:
                    # the converter has the text now, and a build that remembers nothing reads it nowhere else:
                    # let it go with the converted body rather than hold every file's text to the end of loading
                    record = replace(record, body="")  # type: ignore[type-var]  # R is an event or an entity record
            records.append(record)
    return records, problems


def _signature(file: str) -> tuple[int, int, int] | None:
    """What tells a changed file from an unchanged one without reading it."""
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _read_one(source: SourceFile, read: Callable[[Document, str], tuple[R | None, list[Problem]]],
              cache: BodyCache | None = None) -> tuple[R | None, list[Problem]]:
    doc, problems = _document(source, cache)
    if doc is None:
        return None, problems
    record, found = read(doc, source.stem)
    return record, problems + found


def _document(source: SourceFile, cache: BodyCache | None) -> tuple[Document | None, list[Problem]]:
    """The file's document: from ``cache`` when the file is as a previous build found it, else read (and kept there when clean)."""
    found = cache_module.document_key(source.display, source.file) if cache is not None else None
    if cache is None or found is None:
        return read_document(source.file, source.display)
    kept = cache.document(found.key)
    if kept is not None and kept.digest is None:
        return kept.doc, []
    text, problems = read_text(source.file, source.display)
    if text is None:
        return None, problems
    digest = cache_module.text_digest(text) if kept is not None or not found.settled else None
    doc, problems = (kept.doc, []) if kept is not None and kept.digest == digest else parse_document(text, source.display)
    if doc is not None and not problems:
        cache.put_document(found.key, doc, None if found.settled else digest)
    return doc, problems


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


def _assemble(config: SiteConfig, records: list[EventRecord], entity_records: list[EntityRecord], resolution: Resolution,
              registry: Registry, bodies: Mapping[str, markdown.Body], memo: Memo) -> tuple[Site, Targets, list[Problem]]:
    everything: list[EventRecord | EntityRecord] = [*records, *entity_records]
    problems = [p for r in everything for p in _too_deep(r.path, bodies[r.path])]
    names = {r.id: r.name for r in entity_records} | dict(resolution.unfiled)
    targets = Targets(
        events={alias: r.id for r in records for alias in (r.id, *r.aliases)},
        headings={r.id: bodies[r.path].headings for r in records},
        entities=frozenset(names), registry=registry,
    )
    events = []
    for record in records:
        event, found = _event_model(record, resolution.entities[record.id], bodies[record.path], targets, memo)
        events.append(event)
        problems += found
    events.sort(key=lambda e: e.sort_key)

    def entity(r: EntityRecord) -> Entity:
        html, found = _html(targets, bodies[r.path], urls.entity_path(r.id), r.path)
        problems.extend(found)
        return memo(("entity-model", r.path), (r, html), lambda: _entity(r, bodies[r.path], html))

    entities = {r.id: entity(r) for r in entity_records}
    for ident, name in resolution.unfiled.items():
        entities[ident] = Entity(ident, name, "other", (), None, (), "", None)
    return _index(config, events, entities, memo), targets, problems


def _role_problems(config: SiteConfig, records: Iterable[EventRecord]) -> list[Problem]:
    """Each role must be one ``site.yaml`` declares."""
    known = [name for name, _ in config.roles]
    problems = []
    for record in records:
        for index, mention in enumerate(record.entities):
            if mention.role is not None and mention.role not in known:
                declared = f"declared roles: {', '.join(known)}" if known else "site.yaml declares no roles: add them under 'roles:'"
                message = f"unknown role {mention.role!r}{did_you_mean(mention.role, known, cutoff=0.6)}; {declared}"
                problems.append(Problem(record.path, mention.role_line or mention.line, f"entities[{index}].role", message))
    return problems


def _too_deep(path: str, body: markdown.Body) -> list[Problem]:
    if body.too_deep is None:
        return []
    return [Problem(path, body.too_deep, None, "nested more than 20 levels deep: the parts deeper than that are left out", Severity.WARNING)]


def _html(targets: Targets, body: markdown.Body, page: str, source: str) -> tuple[bytes, list[Problem]]:
    """A body's HTML with its cross-references resolved from ``page``, compressed (see :mod:`.packed`)."""
    resolved, problems = [], []
    for reference in body.references:
        url, problem = resolve(targets, reference, page, source)
        resolved.append(url)
        if problem:
            problems.append(problem)
    return (packed.pack(markdown.link(body, tuple(resolved))) if resolved else body.packed_html), problems


def _event_model(record: EventRecord, entity_ids: tuple[str, ...], body: markdown.Body, targets: Targets, memo: Memo) -> tuple[Event, list[Problem]]:
    html, problems = _html(targets, body, urls.event_path(record.id), record.path)
    inputs = (record, entity_ids, html)
    roles = _roles(record, entity_ids, targets)
    return memo(("event-model", record.path), inputs, lambda: _event(record, entity_ids, body, html, roles)), problems


def _roles(record: EventRecord, entity_ids: tuple[str, ...], targets: Targets) -> Mapping[str, str]:
    """Entity id to its role in the event, for the mentions that give one (the first role given wins)."""
    roles: dict[str, str] = {}
    for mention in record.entities:
        ident = targets.registry.lookup(mention.name) or slugify(mention.name)
        if mention.role and ident in entity_ids:
            roles.setdefault(ident, mention.role)
    return frozen_map(roles)


def _body_inputs(config: SiteConfig, record: EventRecord | EntityRecord) -> tuple[str, int, bool]:
    return (record.body, record.body_line, config.raw_html)


def _want(config: SiteConfig, converter: Converter, memo: Memo, drafts: bool, record: EventRecord | EntityRecord) -> None:
    """Hand ``record``'s body to ``converter`` unless the memo already knows it, or it is a draft left out."""
    left_out = isinstance(record, EventRecord) and record.draft and not drafts
    if not left_out and not memo.knows(("body", record.path), _body_inputs(config, record)):
        converter.submit(record.path, record.body, record.body_line)


def _convert(config: SiteConfig, records: list[EventRecord | EntityRecord], memo: Memo, converter: Converter) -> dict[str, markdown.Body]:
    """Every body: from the memo where it knows it, else from ``converter`` (which :func:`_want` gave the others)."""
    converted = converter.results()
    return {r.path: memo(("body", r.path), _body_inputs(config, r), partial(converted.__getitem__, r.path)) for r in records}


def _bodies(config: SiteConfig, records: list[EventRecord | EntityRecord], memo: Memo) -> dict[str, markdown.Body]:
    """:func:`_convert` for records read before."""
    with Converter(config.raw_html, len(records)) as converter:
        for record in records:
            _want(config, converter, memo, True, record)
        return _convert(config, records, memo, converter)


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


def _event(record: EventRecord, entity_ids: tuple[str, ...], body: markdown.Body, html: bytes, roles: Mapping[str, str]) -> Event:
    return Event(
        id=record.id, title=record.title, date=record.date, end_date=record.end_date,
        entities=entity_ids, tags=tuple(dict.fromkeys(record.tags)), sources=record.sources,
        summary=record.summary or body.first_paragraph, packed_html=html, draft=record.draft,
        aliases=record.aliases, extra=frozen_map(record.extra), path=record.path, published=record.published,
        open_start=record.open_start, open_end=record.open_end, updates=record.updates, roles=roles,
        media=record.media, quote=record.quote,
    )


def _entity(record: EntityRecord, body: markdown.Body, html: bytes) -> Entity:
    return Entity(
        id=record.id, name=record.name, kind=record.kind, aliases=tuple(a.name for a in record.aliases),
        wikidata=record.wikidata, links=record.links, body_html=packed.unpack(html),
        path=record.path, summary=body.first_paragraph,
    )
