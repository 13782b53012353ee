"""``sitemap.xml`` (sitemaps.org protocol 0.9) and ``robots.txt`` pointing to it.

The sitemap lists every HTML page the renderer writes, in the same order as
:func:`generator.render.tasks.page_tasks`. A sitemap needs absolute URLs, so when
``base_url`` is only a path :func:`files` writes ``robots.txt`` alone.

Crawlers read ``robots.txt`` only at the root of a host: under a project path
(``https://you.github.io/repo/``) the file is harmless but unread, and the
sitemap is best submitted to search engines by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import urls
from ..content.model import Event, Site
from ..outputfile import OutputFile
from .feeds import revised, xml_text

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def lastmod(event: Event) -> dt.date | None:
    """The event page's ``lastmod``: its day when the date is known to the day, or a later ``extra.updated``.

    A month or a year is no date of change, so such pages get none unless ``extra.updated`` gives one.
    """
    known = event.date.last_day if event.date.precision == "day" else None
    change = revised(event)
    changed = change.date() if change is not None else None
    noted = event.last_update.date.first_day if event.last_update else None
    return max((d for d in (known, changed, noted) if d is not None), default=None)


def pages(site: Site) -> Iterator[tuple[str, dt.date | None]]:
    """Every HTML page's output path with its ``lastmod`` (``None``: leave it out)."""
    yield urls.TIMELINE, None
    for event in site.events:
        yield urls.event_path(event.id), lastmod(event)
    yield urls.ENTITY_INDEX, None
    for ident in site.entities:
        yield urls.entity_path(ident), None
    yield urls.TAG_INDEX, None
    yield urls.CORRECTIONS, None
    for ident in site.tags:
        yield urls.tag_path(ident), None


def sitemap(site: Site, base: str) -> OutputFile:
    """``sitemap.xml`` with an absolute ``loc`` per page.

    Written line by line rather than through ElementTree, in the very form its serializer gives (tested with an XML parser and the schema).
    """
    lines = [f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n']
    for path, changed in pages(site):
        lines.append(f"  <url>\n    <loc>{xml_text(urls.absolute(base, path))}</loc>\n")
        if changed is not None:
            lines.append(f"    <lastmod>{changed.isoformat()}</lastmod>\n")
        lines.append("  </url>\n")
    lines.append("</urlset>\n")
    return OutputFile(SITEMAP, "".join(lines).encode())


def robots(base: str | None) -> OutputFile:
    """``robots.txt``: everything may be crawled, and here is the sitemap (when there is one: it needs an absolute address)."""
    text = "User-agent: *\nDisallow:\n" + (f"\nSitemap: {urls.absolute(base, SITEMAP)}\n" if base else "")
    return OutputFile(ROBOTS, text.encode())


def files(site: Site) -> list[OutputFile]:
    """``sitemap.xml`` and ``robots.txt``; ``robots.txt`` alone when ``base_url`` is only a path."""
    base = site.config.public_url
    if base is None:
        return [robots(None)]
    return [sitemap(site, base), robots(base)]
