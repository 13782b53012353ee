"""Front matter of each content kind (event, entity) as declared fields.

Reading a file gives a *record*: typed values exactly as the author wrote them,
names not yet resolved. :mod:`generator.content.assemble` turns records into the model.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from . import fields as f
from .dates import PartialDate
from .frontmatter import Document
from .media import Media, Quote, media, quote

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
    url: str | None = None
    date: PartialDate | None = None


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
    published: PartialDate | None = None
    """When the entry was first published, if not on the event's own date."""
    media: Media | None = None
    quote: Quote | None = None


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


def _sources(value: Any) -> tuple[Source, ...]:
    source_fields: list[f.Field[Any]] = [f.Field("name", f.text, True), f.Field("url", f.web_url), f.Field("date", f.date)]
    return f.records(value, source_fields, Source)


def _links(value: Any) -> tuple[Link, ...]:
    return f.records(value, [f.Field("name", f.text, True), f.Field("url", f.web_url, True)], Link)


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


EVENT_FIELDS: list[f.Field[Any]] = [
    f.Field("title", f.text, required=True),
    f.Field("date", f.date, required=True),
    f.Field("end_date", f.date),
    f.Field("id", identifier),
    f.Field("entities", f.text_list),
    f.Field("tags", _tags),
    f.Field("sources", _sources),
    f.Field("summary", f.text),
    f.Field("draft", f.boolean),
    f.Field("aliases", _former_ids),
    f.Field("extra", f.mapping),
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
    f.Field("extra", f.mapping),
]


def _default_id(doc: Document, stem: str) -> tuple[str, list[Problem]]:
    ident = slugify(stem)
    if ident:
        return ident, []
    return "", [Problem(doc.path, 1, "id", f"cannot make an id from the file name {stem!r}: set 'id:'")]


def _mentions(doc: Document, key: str, names: tuple[str, ...] | None) -> tuple[Mention, ...]:
    return tuple(Mention(name, doc.line_of(f"{key}[{i}]")) for i, name in enumerate(names or ()))


def read_event(doc: Document, stem: str) -> tuple[EventRecord | None, list[Problem]]:
    """Check an event file's front matter and make its record."""
    values, problems = f.read_fields(doc, EVENT_FIELDS)
    ident, id_problems = (values["id"], []) if values["id"] else _default_id(doc, stem)
    problems += id_problems
    start, end = values["date"], values["end_date"]
    if start and end and end.sort_key < start.sort_key:
        problems.append(Problem(doc.path, doc.line_of("end_date"), "end_date", f"{end.iso()} is before date {start.iso()}"))
    if problems:
        return None, problems
    record = EventRecord(
        path=doc.path, id=ident, title=values["title"], date=start, end_date=end,
        entities=_mentions(doc, "entities", values["entities"]), tags=values["tags"] or (),
        sources=values["sources"] or (), summary=values["summary"], draft=bool(values["draft"]),
        aliases=values["aliases"] or (), extra=values["extra"] or {}, body=doc.body,
        body_line=doc.body_line, lines=doc.lines, published=values["published"],
        media=values["media"], quote=values["quote"],
    )
    return record, []


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
