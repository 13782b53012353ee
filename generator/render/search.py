"""The search index: a compact JSON file the timeline page's script searches offline.

Our own index rather than Pagefind: it is built in the same pass as the pages
(deterministic, no extra binary or dependency), it knows entities and aliases,
and for a timeline it stays small: titles, summaries and names, not bodies
(about 0.6 KB per event on the shipped site).
"""

from __future__ import annotations

import json

from .. import urls
from ..content.model import Site
from ..content.schema import slugify
from ..outputfile import OutputFile

SEARCH_INDEX = "search-index.json"


def index(site: Site) -> dict[str, object]:
    """Events and entities in the shape the script reads: lists, not objects, to stay small."""
    events = [
        [e.id, e.title, e.date_label, e.summary, list(e.entities), [slugify(t) for t in e.tags], urls.url_path(urls.event_path(e.id))]
        for e in site.events
    ]
    entities = [
        [ident, entity.name, entity.kind, list(entity.aliases), len(site.entity_events.get(ident, ())), urls.url_path(urls.entity_path(ident))]
        for ident, entity in site.entities.items()
    ]
    return {"version": 1, "fields": {"events": ["id", "title", "date", "summary", "entities", "tags", "url"],
            "entities": ["id", "name", "kind", "aliases", "events", "url"]}, "events": events, "entities": entities}


def files(site: Site) -> list[OutputFile]:
    """``search-index.json``."""
    text = json.dumps(index(site), ensure_ascii=False, separators=(",", ":"))
    return [OutputFile(SEARCH_INDEX, (text + "\n").encode("utf-8"))]
