"""What an HTML page says about itself in markup, laid over what its text says.

Markup is written for machines and rarely wrong about the canonical address, the
publication date or the publisher, so those win. The headline is different: a
JSON-LD ``headline`` or ``og:title`` may be a search-engine variant, so the
printed line that matches one of them wins, then the page's only ``<h1>``, and
only then the metadata itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from ..content.dates import DateError, PartialDate, parse_date
from . import meta
from .html import Metadata
from .page import Page
from .text import clean, key

_ISO_DAY = re.compile(r"^\s*((?:19|20)\d{2}-\d{2}-\d{2})")
_SUFFIX = re.compile(r"^(?P<title>.+?)\s+(?:\||[-–—]|::|·|•)\s+(?P<site>[^|–—]{2,60})$")


def fold(text: str) -> str:
    """The comparison form of a headline: straight quotes, one space, case ignored."""
    return key(clean(text)).casefold()


def strip_site(title: str, sites: tuple[str, ...]) -> str:
    """``"Headline | Outlet"`` as ``"Headline"`` when the suffix is the outlet (or any ``|`` suffix)."""
    match = _SUFFIX.match(title.strip())
    if match is None:
        return title.strip()
    site = fold(match.group("site"))
    separator = title[match.end("title") : match.start("site")]
    if "|" in separator or any(site == fold(s) or site in fold(s) or fold(s) in site for s in sites if s) or meta.outlet(match.group("site")):
        return match.group("title").strip()
    return title.strip()


def iso_date(value: str) -> PartialDate | None:
    """The day of an ISO timestamp as written (the publisher's local day), or ``None``."""
    match = _ISO_DAY.match(value)
    if match is None:
        return None
    try:
        return parse_date(match.group(1))
    except DateError:
        return None


def absolute(url: str, base: str | None) -> str | None:
    """An http(s) address, resolved against the page's own address when relative."""
    if not url or any(c.isspace() for c in url):
        return None  # "Skip to main content" is no address, even if a page puts it in href
    try:
        resolved = urljoin(base, url) if base else url
        urlsplit(resolved)
    except ValueError:
        return None
    return resolved if urlsplit(resolved).scheme in ("http", "https") and urlsplit(resolved).netloc else None


def headline(metadata: Metadata, lines: list[str], printed: str | None) -> str | None:
    """The headline: a printed line that metadata names, else the only ``<h1>``, else the metadata, else what the text reading chose."""
    sites = (metadata.site_name, metadata.publisher)
    candidates = (metadata.headline, metadata.og_title, strip_site(metadata.og_title, sites), strip_site(metadata.title, sites))
    named = [clean(t) for t in candidates if clean(t)]
    wanted = {fold(t) for t in named}
    match = next((line for line in lines if fold(line) in wanted), None)
    if match is not None:
        return clean(match)
    h1 = [clean(h) for h in metadata.h1 if clean(h) and not meta.outlet(h) and fold(h) not in {fold(s) for s in sites if s}]
    if len(h1) == 1:
        return h1[0]
    return named[0] if named else printed


def _company(name: str) -> str:
    """An organisation's name without its legal form: "Brightline Photonics, Inc." is "Brightline Photonics"."""
    return re.sub(r"(?i)[, ]+(?:ltd|limited|inc|llc|plc|gmbh|corp|corporation|s\.?a|pty|co)\.?$", "", name.strip()).strip(" ,")


def _title_site(metadata: Metadata, title: str | None) -> str | None:
    """The outlet named after the headline in ``<title>`` ("Headline - Outlet"), when the rest is the headline."""
    match = _SUFFIX.match(metadata.title.strip())
    if match is None or title is None or fold(match.group("title")) != fold(title):
        return None
    return match.group("site").strip()


def merge(page: Page, metadata: Metadata, lines: list[str], base: str | None) -> Page:
    """``page`` with the markup's headline, dates, address and publisher where the markup has them."""
    title = headline(metadata, lines, page.title)
    url = next((u for u in (absolute(metadata.canonical, base), absolute(metadata.og_url, base), absolute(metadata.ld_url, base)) if u), None)
    published = iso_date(metadata.published)
    updated = iso_date(metadata.modified)
    source = _company(metadata.publisher) or metadata.site_name or _title_site(metadata, title) or page.source
    standfirst = clean(metadata.dek) or page.standfirst
    if standfirst is not None and title is not None and fold(standfirst) == fold(title):
        standfirst = None
    return replace(
        page,
        title=title,
        title_guessed=page.title_guessed and title == page.title,
        date=published or page.date,
        updated=updated if updated and updated != (published or page.date) else page.updated,
        date_note=page.date_note if not published else "",
        source=source,
        url=url or page.url or (base if base and meta.is_article_url(base) else None),
        byline=page.byline or metadata.author or None,
        standfirst=standfirst,
        paragraphs=tuple(p for p in page.paragraphs if standfirst is None or fold(p) != fold(standfirst)),
    )
