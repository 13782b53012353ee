"""Front matter of each content kind (event, entity) as declared fields.

Reading a file gives a *record*: typed values exactly as the author wrote them,
names not yet resolved. :mod:`generator.content.assemble` turns records into the model.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import Problem
from . import fields as f
from .dates import PartialDate
from .edtf import When
from .frontmatter import Document
from .media import Media, Quote, media, quote
from .updates import Update, newest_first, update_problems, updates

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,98}[a-z0-9])?$")


@functools.lru_cache(maxsize=65536)
def slugify(value: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100].strip("-")


def identifier(value: Any) -> str:
    """A permanent id: lower-case letters, digits, ``-`` and ``_``, usable in paths and URLs."""
    ident = f.text(value)
    if not ID_PATTERN.match(ident):
        raise f.FieldError(f"{ident!r} is not a valid id: use lower-case letters, digits, '-' and '_' (e.g. {slugify(ident) or 'my-event'!r})")
    return ident


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was reported."""

    name: str
    """``""`` when the file gives none (the source check warns)."""
    url: str | None = None
    date: PartialDate | None = None
    archive: str | None = None
    """A saved copy of the page (e.g. on the Wayback Machine), shown beside it as "archived"."""
    note: str | None = None
    """Shown beside the source; it also answers the date and same-URL checks (a preview, a later statement, a page covering several events)."""

    @property
    def label(self) -> str:
        """The name, or the address's host when the file names none."""
        return self.name or (urlsplit(self.url).hostname or self.url if self.url else "Unnamed source")


@dataclass(frozen=True, slots=True)
class Link:
    """A labelled outside link."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name written in front matter, with the line it is on."""

    name: str
    line: int
    role: str | None = None
    """What the entity did in the event (``entities: [{name: Huawei, role: target}]``), one of ``site.yaml``'s ``roles``."""
    role_line: int = 0


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event file as written."""

    path: str
    id: str
    title: str
    date: PartialDate
    end_date: PartialDate | None
    entities: tuple[Mention, ...]
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    summary: str | None
    draft: bool
    aliases: tuple[str, ...]
    extra: Mapping[str, Any]
    body: str
    body_line: int
    lines: Mapping[str, int]
    open_start: bool = False
    """``date: ../2018-03``: the event happened by then, its start is not known."""
    open_end: bool = False
    """``date: 2020/..``: the event began then and has no known end."""
    updates: tuple[Update, ...] = ()
    """Corrections and updates, newest first."""
    published: PartialDate | None = None
    """When the entry was first published, if not on the event's own date."""
    media: Media | None = None
    """A picture (or linked media) shown with the event."""
    quote: Quote | None = None
    """A quotation shown with the event."""


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entity file as written."""

    path: str
    id: str
    name: str
    kind: str
    aliases: tuple[Mention, ...]
    wikidata: str | None
    links: tuple[Link, ...]
    extra: Mapping[str, Any]
    body: str
    body_line: int


_SOURCE_FIELDS: list[f.Field[Any]] = [
    f.Field("name", f.text), f.Field("url", f.web_url), f.Field("date", f.date), f.Field("archive", f.web_url), f.Field("note", f.text),
]
_LINK_FIELDS: list[f.Field[Any]] = [f.Field("name", f.text, True), f.Field("url", f.web_url, True)]
_ROLE_FIELDS: list[f.Field[Any]] = [f.Field("name", f.text, True), f.Field("role", f.text, True)]


def _sources(value: Any) -> tuple[Source, ...]:
    return f.records(value, _SOURCE_FIELDS, _source)


def _source(name: str | None, url: str | None, date: PartialDate | None, archive: str | None, note: str | None) -> Source:
    return Source(name or "", url, date, archive, note)


def _links(value: Any) -> tuple[Link, ...]:
    return f.records(value, _LINK_FIELDS, Link)


def _entity_names(value: Any) -> tuple[str | tuple[str, str], ...]:
    """Names, each plain (``Huawei``) or with a role (``{name: Huawei, role: target}``)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise f.FieldError(f"expected a list of names, got {f.kind_of(value)}")
    items: list[str | tuple[str, str]] = []
    findings: list[tuple[str, str]] = []
    for index, item in enumerate(value):
        try:
            if isinstance(item, dict):
                record = f.records([item], _ROLE_FIELDS, lambda name, role: (name, role))[0]
                items.append(record)
            else:
                items.append(f.text(item))
        except f.FieldError as exc:
            findings.extend((f"[{index}]{where.removeprefix('[0]')}", message) for where, message in exc.findings)
    if findings:
        (where, message), *more = findings
        raise f.FieldError(message, where, more)
    return tuple(items)


def _wikidata(value: Any) -> str:
    qid = f.text(value)
    if not re.match(r"^Q[1-9][0-9]*$", qid):
        raise f.FieldError(f"expected a Wikidata id such as 'Q160120', got {qid!r}")
    return qid


def _former_ids(value: Any) -> tuple[str, ...]:
    ids = []
    for index, item in enumerate(f.text_list(value)):
        try:
            ids.append(identifier(item))
        except f.FieldError as exc:
            raise f.FieldError(exc.message, f"[{index}]") from None
    return tuple(ids)


def _tags(value: Any) -> tuple[str, ...]:
    """Tag names; each must slugify to something, since ``tags/<slug>/`` is its page."""
    names = f.text_list(value)
    for index, name in enumerate(names):
        if not slugify(name):
            raise f.FieldError(f"{name!r} needs a letter a-z or a digit for its page address", f"[{index}]")
    return names


def _kind(value: Any) -> str:
    kind = f.text(value).lower()
    if not re.match(r"^[a-z][a-z -]*$", kind):
        raise f.FieldError(f"expected a kind such as company, person or agency, got {kind!r}")
    return kind


def _event_extra(value: Any) -> dict[str, Any]:
    """``extra`` as JSON data; its ``updated``, when a date or date-time, must be one the feeds can place in UTC."""
    extra = f.json_data(value)
    try:
        f.instant(extra.get("updated"))
    except f.FieldError as exc:
        raise f.FieldError(exc.message, ".updated") from None
    return extra


EVENT_FIELDS: list[f.Field[Any]] = [
    f.Field("title", f.text, required=True),
    f.Field("date", f.when, required=True),
    f.Field("end_date", f.edtf_date),
    f.Field("id", identifier),
    f.Field("entities", _entity_names),
    f.Field("tags", _tags),
    f.Field("sources", _sources),
    f.Field("summary", f.text),
    f.Field("draft", f.boolean),
    f.Field("aliases", _former_ids),
    f.Field("extra", _event_extra),
    f.Field("updates", updates),
    f.Field("published", f.date),
    f.Field("media", media),
    f.Field("quote", quote),
]

ENTITY_FIELDS: list[f.Field[Any]] = [
    f.Field("name", f.text, required=True),
    f.Field("kind", _kind, required=True),
    f.Field("id", identifier),
    f.Field("aliases", f.text_list),
    f.Field("wikidata", _wikidata),
    f.Field("links", _links),
    f.Field("extra", f.json_data),
]


def _default_id(doc: Document, stem: str) -> tuple[str, list[Problem]]:
    ident = slugify(stem)
    if ident:
        return ident, []
    return "", [Problem(doc.path, 1, "id", f"cannot make an id from the file name {stem!r}: set 'id:'")]


def _mentions(doc: Document, key: str, names: tuple[str | tuple[str, str], ...] | None) -> tuple[Mention, ...]:
    mentions = []
    for i, item in enumerate(names or ()):
        name, role = (item, None) if isinstance(item, str) else item
        mentions.append(Mention(name, doc.line_of(f"{key}[{i}]"), role, doc.line_of(f"{key}[{i}].role") if role else 0))
    return tuple(mentions)



def read_event(doc: Document, stem: str) -> tuple[EventRecord | None, list[Problem]]:
    """Check an event file's front matter and make its record."""
    values, problems = f.read_fields(doc, EVENT_FIELDS)
    ident, id_problems = (values["id"], []) if values["id"] else _default_id(doc, stem)
    problems += id_problems
    start, end, opens, found = _dates(doc, values["date"], values["end_date"])
    written = values["updates"] or ()
    problems += found + (update_problems(doc, start, opens[0], _dt.date.today()) if "updates" in doc.data else [])
    if problems:
        return None, problems
    record = EventRecord(
        path=doc.path, id=ident, title=values["title"], date=start, end_date=end, open_start=opens[0], open_end=opens[1],
        entities=_mentions(doc, "entities", values["entities"]), tags=values["tags"] or (),
        sources=values["sources"] or (), summary=values["summary"], draft=bool(values["draft"]),
        aliases=values["aliases"] or (), extra=values["extra"] or {}, body=doc.body,
        body_line=doc.body_line, lines=doc.lines, updates=newest_first(written), published=values["published"],
        media=values["media"], quote=values["quote"],
    )
    return record, []


def _dates(doc: Document, when: When | None, end: PartialDate | None) -> tuple[Any, PartialDate | None, tuple[bool, bool], list[Problem]]:
    """``date:`` (maybe an EDTF interval) and ``end_date:`` as the event's anchor date, end and open ends.

    An open start (``../2018-03``) anchors the event at its known end.
    """
    if when is None:
        return None, end, (False, False), []
    if when.interval and end is not None:
        message = f"date {when.edtf()} is already an interval: leave out end_date"
        return None, None, (False, False), [Problem(doc.path, doc.line_of("end_date"), "end_date", message)]
    if when.interval:
        anchor = when.start or when.end
        return anchor, when.end if when.start else None, (when.start is None, when.end is None), []
    start = when.start
    assert start is not None
    if end is not None and end.sort_key < start.sort_key:
        return None, None, (False, False), [Problem(doc.path, doc.line_of("end_date"), "end_date", f"{end.iso()} is before date {start.iso()}")]
    return start, end, (False, False), []


def read_entity(doc: Document, stem: str) -> tuple[EntityRecord | None, list[Problem]]:
    """Check an entity file's front matter and make its record."""
    values, problems = f.read_fields(doc, ENTITY_FIELDS)
    ident, id_problems = (values["id"], []) if values["id"] else _default_id(doc, stem)
    problems += id_problems
    if problems:
        return None, problems
    record = EntityRecord(
        path=doc.path, id=ident, name=values["name"], kind=values["kind"],
        aliases=_mentions(doc, "aliases", values["aliases"]), wikidata=values["wikidata"],
        links=values["links"] or (), extra=values["extra"] or {}, body=doc.body, body_line=doc.body_line,
    )
    return record, []
