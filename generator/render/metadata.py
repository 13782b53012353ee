"""What each page says about itself to search engines, chat previews and other tools.

Canonical URL, OpenGraph and Twitter card fields, and JSON-LD: ``NewsArticle``
for events, an Organization, Person, Legislation… for entities, ``WebSite`` for
the timeline. Pure functions of the site model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..content.config import SiteConfig
from ..content.dates import PartialDate
from ..content.model import Entity, Event, Site
from . import cards

SCHEMA_TYPES = {
    "company": "Corporation", "person": "Person", "agency": "GovernmentOrganization",
    "government": "GovernmentOrganization", "country": "Country", "policy": "Legislation", "product": "Product",
}
WIKIDATA = "https://www.wikidata.org/wiki/"


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata of one page; templates render it in ``<head>``."""

    title: str
    description: str
    canonical: str
    og_type: str = "website"
    json_ld: dict[str, Any] = field(default_factory=dict)
    image: str | None = None
    """The picture chat previews and search results show (``og:image``), as a URL."""
    image_alt: str | None = None
    image_size: tuple[int, int] | None = None
    """The picture's width and height in pixels, when known (``og:image:width``, ``og:image:height``)."""
    image_type: str | None = None
    """Its media type, when known (``og:image:type``)."""


def canonical(config: SiteConfig, path: str, fragment: str = "") -> str:
    """The page's public URL (root-relative when ``base_url`` is only a path)."""
    return urls.absolute(config.base_url, path, fragment)


def _site_ref(config: SiteConfig) -> dict[str, Any]:
    return {"@type": "WebSite", "name": config.title, "url": canonical(config, urls.TIMELINE)}


def thing(entity: Entity, config: SiteConfig) -> dict[str, Any]:
    """An entity as a schema.org item."""
    data: dict[str, Any] = {"@type": SCHEMA_TYPES.get(entity.kind, "Thing"), "name": entity.name, "url": canonical(config, urls.entity_path(entity.id))}
    if entity.wikidata:
        data["sameAs"] = WIKIDATA + entity.wikidata
    return data


def _people(config: SiteConfig) -> dict[str, Any]:
    """``author`` and ``publisher`` (with its logo) from ``site.yaml``: the fields search engines ask of an article."""
    data: dict[str, Any] = {}
    if config.author:
        data["author"] = {"@type": "Person", "name": config.author}
    if config.publisher:
        data["publisher"] = {"@type": "Organization", "name": config.publisher.name}
        if config.publisher.logo:
            logo = config.publisher.logo
            url = logo if logo.startswith(("https://", "http://")) else canonical(config, logo)
            data["publisher"]["logo"] = {"@type": "ImageObject", "url": url}
    return data


def picture(config: SiteConfig, event: Event) -> tuple[str | None, str | None]:
    """The event's picture as a URL with its ``alt`` text: its own image, else its share card; ``(None, None)`` when cards are off."""
    item = event.media
    if item is None or not item.is_image:
        if config.share_cards:  # see render/cards.py: drawn for every event without a picture
            return canonical(config, urls.card_path(event.id)), f"{event.date_label}: {event.title}"
        return None, None
    return (canonical(config, item.image.path) if item.image else item.src), item.alt


def picture_form(event: Event) -> tuple[tuple[int, int] | None, str | None]:
    """The size and media type of the event's :func:`picture`, where the build knows them: a share card, a local image."""
    item = event.media
    if item is None or not item.is_image:
        return (cards.WIDTH, cards.HEIGHT), "image/png"
    if item.image is not None:
        return (item.image.width, item.image.height), _MEDIA_TYPES.get(item.image.format)
    return None, None


_MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


def for_timeline(site: Site) -> PageMeta:
    """The timeline page: the site itself."""
    config = site.config
    ld = {"@context": "https://schema.org", **_site_ref(config), "description": config.description, "inLanguage": config.language}
    return PageMeta(config.title, config.description, canonical(config, urls.TIMELINE), "website", ld)


def for_event(site: Site, event: Event) -> PageMeta:
    """An event page: a news article about what happened."""
    config = site.config
    url = canonical(config, urls.event_path(event.id))
    coverage = temporal_coverage(event)
    ld: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": event.title[:110], "description": event.summary,
        "url": url, "mainEntityOfPage": url, "temporalCoverage": coverage, "inLanguage": config.language,
        "isPartOf": _site_ref(config), "about": [thing(site.entities[i], config) for i in event.entities],
        "datePublished": (event.published or event.date).iso(), **_people(config),
    }
    image, image_alt = picture(config, event)
    if image:
        ld["image"] = [image]
    if event.tags:
        ld["keywords"] = list(event.tags)
    citations = [s.url for s in event.sources if s.url]
    if citations:
        ld["citation"] = citations
    ld.update(revisions(event))
    size, media_type = picture_form(event) if image else (None, None)
    return PageMeta(event.title, event.summary, url, "article", ld, image, image_alt, size, media_type)


def revisions(event: Event) -> dict[str, Any]:
    """``dateModified`` (the newest update) and each correction as a ``CorrectionComment``, newest first."""
    if event.last_update is None:
        return {}
    data: dict[str, Any] = {"dateModified": event.last_update.date.iso()}
    corrections = [{"@type": "CorrectionComment", "text": u.text, "datePublished": u.date.iso()} for u in event.updates if u.kind == "correction"]
    if corrections:
        data["correction"] = corrections
    return data


def for_corrections(site: Site) -> PageMeta:
    """The corrections log: a collection page."""
    return for_listing(site, urls.CORRECTIONS, "Corrections", f"Every correction made to {site.config.title}, newest first.")


def temporal_coverage(event: Event) -> str:
    """The event's date as ISO 8601: a date, or an interval over its bounds with ``..`` for an open end."""
    single = not (event.end_date or event.open_start or event.open_end or event.date.unspecified_digits)
    if single:
        return event.date.iso()
    start = ".." if event.open_start else _bound(event.date, first=True)
    end = ".." if event.open_end else _bound(event.end_date or event.date, first=False)
    return f"{start}/{end}"


def _bound(date: PartialDate, *, first: bool) -> str:
    if not date.unspecified_digits:
        return date.iso()
    return f"{(date.first_day if first else date.last_day).year:04d}"


def for_entity(site: Site, entity: Entity) -> PageMeta:
    """An entity page: the entity, described."""
    config = site.config
    count = len(site.entity_events.get(entity.id, ()))
    description = entity.summary or f"{entity.name}: {count} event{'s' if count != 1 else ''} on {config.title}."
    ld = {"@context": "https://schema.org", **thing(entity, config), "description": description}
    if entity.aliases:
        ld["alternateName"] = list(entity.aliases)
    return PageMeta(entity.name, description, ld["url"], "profile" if entity.kind == "person" else "website", ld)


def for_listing(site: Site, path: str, title: str, description: str) -> PageMeta:
    """Index pages (entities, tags): a collection page."""
    url = canonical(site.config, path)
    ld = {"@context": "https://schema.org", "@type": "CollectionPage", "name": title, "url": url, "isPartOf": _site_ref(site.config)}
    return PageMeta(title, description, url, "website", ld)
