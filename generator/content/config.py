"""``content/site.yaml``: the declared site settings, read into a frozen config."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import Problem, Severity
from . import fields as f
from .dates import PartialDate
from .frontmatter import Document, parse_yaml, read_text

CONFIG_NAME = "site.yaml"
THEMES_DIR = "themes"
"""Where a site's own themes live, beside ``content/`` (as :mod:`generator.render.theme` reads them)."""
SPLIT_AT = 800
"""Events beyond which ``auto`` splits the timeline by year."""
PAGE_EVENTS = 400
"""A year with more events than this gets a page per month: at up to ~2.5 KB an event, pages stay near 1 MB."""


@dataclass(frozen=True, slots=True)
class Era:
    """A named period, e.g. an administration; ``end`` is ``None`` while it lasts."""

    name: str
    start: PartialDate
    end: PartialDate | None = None

    def contains(self, day: PartialDate) -> bool:
        """Whether the start of ``day``'s period falls inside the era."""
        first = day.first_day
        return self.start.first_day <= first and (self.end is None or first <= self.end.last_day)


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes the site, for the ``publisher`` of each article's JSON-LD; ``logo`` is a URL or a path in the output."""

    name: str
    logo: str | None = None


LOOPBACK = re.compile(r"^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$", re.IGNORECASE)
"""Hosts that mean "this machine": a published page pointing there points every reader at their own computer."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything ``site.yaml`` says, with defaults filled in."""

    title: str
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    theme: str = "default"
    raw_html: bool = False
    output: str = "output"
    eras: tuple[Era, ...] = ()
    cname: str | None = None
    """A custom domain for GitHub Pages, written to ``CNAME``."""
    timeline_split: str = "auto"
    """``auto`` (one page per year beyond :data:`SPLIT_AT` events), ``years`` or ``never``."""
    strict_sources: bool = False
    """Whether the source checks (:mod:`generator.content.sourcecheck`) stop the build instead of warning."""
    source_span_days: int = 365
    """How long after an event a source may be dated before the check asks whether it is the right one (0: never)."""
    online_cache_hours: int = 24
    """How long ``timeline check --online`` trusts what it learnt about a link."""
    roles: tuple[tuple[str, str], ...] = ()
    """The roles an entity may play in an event, each with what the entity page says (``("target", "was targeted")``), in order."""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each setting in site.yaml, for later problems; not part of what a build depends on."""

    def line_of(self, key: str) -> int:
        """The line ``key`` is set on, else 1."""
        return self.lines.get(key, 1)

    def role_label(self, role: str) -> str:
        """What the entity page says of an entity in this role."""
        return dict(self.roles).get(role, role)
    author: str | None = None
    """Who writes the timeline: the ``author`` of each article's JSON-LD."""
    publisher: Publisher | None = None
    share_cards: bool = True
    """Whether an event without a picture gets a drawn card for chat and social previews."""

    @property
    def locale(self) -> str:
        """``og:locale``'s ``language_TERRITORY`` form of ``language``: ``en`` → ``en_US``, ``en-GB`` → ``en_GB``."""
        parts = self.language.split("-")
        region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
        return f"{parts[0].lower()}_{(region or LIKELY_REGION.get(parts[0].lower(), parts[0])).upper()}"

    @property
    def loopback(self) -> bool:
        """Whether ``base_url`` points at this machine (``127.0.0.1``, ``localhost``): right for a preview, wrong once published."""
        return bool(LOOPBACK.match(urlsplit(self.base_url).hostname or ""))

    @property
    def host(self) -> str | None:
        """The site's host name, for calendar UIDs: the custom domain, else ``base_url``'s host; ``None`` for a bare path."""
        public = self.public_url
        return self.cname or (urlsplit(public).hostname if public else None)

    def splits(self, events: int) -> bool:
        """Whether a timeline of this many events gets a page per year."""
        return self.timeline_split == "years" or (self.timeline_split == "auto" and events > SPLIT_AT)

    @property
    def public_url(self) -> str | None:
        """``base_url`` when it is an absolute http(s) URL (feeds need one); ``None`` for a bare path."""
        parts = urlsplit(self.base_url)
        return self.base_url if parts.scheme in ("http", "https") and parts.hostname else None

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, ``/`` or ``/repo/``."""
        return urlsplit(self.base_url).path or "/"

    def with_base_url(self, url: str) -> SiteConfig:
        """A copy served from another address (``--base-url``)."""
        return replace(self, base_url=base_url(url))


def base_url(value: Any) -> str:
    """An absolute http(s) URL or a path from the root; always ends with ``/``."""
    url = f.text(value)
    if not (re.match(r"^https?://[^/\s]+(/\S*)?$", url) or re.match(r"^/\S*$", url)):
        raise f.FieldError(f"expected https://host/path/ or /path/, got {url!r}")
    f.splittable(url)
    return url if url.endswith("/") else url + "/"


LIKELY_REGION = {"en": "US", "fr": "FR", "de": "DE", "es": "ES", "it": "IT", "pt": "BR", "zh": "CN", "ja": "JP", "ko": "KR",
                 "ru": "RU", "nl": "NL", "sv": "SE", "da": "DK", "nb": "NO", "fi": "FI", "pl": "PL", "ar": "SA", "he": "IL",
                 "el": "GR", "cs": "CZ", "uk": "UA", "tr": "TR", "hi": "IN", "vi": "VN", "id": "ID", "th": "TH"}
"""The territory a bare language code most often means (Unicode CLDR's likely subtags), for ``og:locale``."""


def _publisher(value: Any) -> Publisher:
    return f.record(value, [f.Field("name", f.text, True), f.Field("logo", f.text)], Publisher)


def _language(value: Any) -> str:
    code = f.text(value)
    if not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", code):
        raise f.FieldError(f"expected a language tag such as 'en' or 'en-GB', got {code!r}")
    return code


def _domain(value: Any) -> str:
    domain = f.text(value).lower()
    if not re.match(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", domain):
        raise f.FieldError(f"expected a domain name such as timeline.example.org, got {domain!r}")
    return domain


def _era(name: str, start: PartialDate, end: PartialDate | None) -> Era:
    if end is not None and end.sort_key < start.sort_key:
        raise f.FieldError(f"end {end.iso()} is before start {start.iso()}", ".end")
    return Era(name, start, end)


def _eras(value: Any) -> tuple[Era, ...]:
    era_fields: list[f.Field[Any]] = [f.Field("name", f.text, True), f.Field("start", f.date, True), f.Field("end", f.date)]
    return f.records(value, era_fields, _era)


def _roles(value: Any) -> tuple[tuple[str, str], ...]:
    """``{actor: acted, target: was targeted}``: each role's name (a short lower-case word) and its label."""
    roles = f.mapping(value)
    result = []
    for name, label in roles.items():
        if not isinstance(name, str) or not re.match(r"^[a-z][a-z0-9_-]*$", name):
            raise f.FieldError(f"expected a role name such as 'actor' or 'target', got {name!r}", f".{name}")
        try:
            result.append((name, f.text(label)))
        except f.FieldError as exc:
            raise f.FieldError(exc.message, f".{name}") from None
    return tuple(result)


FIELDS: list[f.Field[Any]] = [
    f.Field("title", f.text, required=True),
    f.Field("description", f.text),
    f.Field("base_url", base_url),
    f.Field("language", _language),
    f.Field("theme", f.text),
    f.Field("raw_html", f.boolean),
    f.Field("output", f.text),
    f.Field("eras", _eras),
    f.Field("cname", _domain),
    f.Field("timeline_split", f.choice("auto", "years", "never")),
    f.Field("strict_sources", f.boolean),
    f.Field("source_span_days", f.count),
    f.Field("online_cache_hours", f.count),
    f.Field("roles", _roles),
    f.Field("author", f.text),
    f.Field("publisher", _publisher),
    f.Field("share_cards", f.boolean),
]


def load_config(content_dir: Path, display: str) -> tuple[SiteConfig | None, list[Problem]]:
    """Read ``site.yaml`` in ``content_dir``; ``display`` is its path for messages."""
    text, problems = read_text(content_dir / CONFIG_NAME, display, "cannot read site settings")
    if text is None:
        return None, problems
    data, lines, problems = parse_yaml(text, display, 1)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(display, 1, None, "expected a mapping of settings")]
    values, problems = f.read_fields(Document(display, data, lines, "", 0), FIELDS)
    theme = values["theme"]
    if theme is not None and theme != "default" and not (content_dir.parent / THEMES_DIR / theme).is_dir():
        problems.append(Problem(display, lines.get("theme", 1), "theme", f"no theme folder {THEMES_DIR}/{theme}/"))
    if problems:
        return None, problems
    return SiteConfig(**{k: v for k, v in values.items() if v is not None}, lines=lines), []


PATH_ONLY = (
    "{url} is only a path: the feeds, the sitemap, calendar links, canonical links, og:url and og:image need an absolute address "
    "such as https://you.github.io/repo/; feeds and sitemap were not written, canonical links, og:url and og:image are root-relative"
)
LOOPBACK_URL = (
    "{url} points to this machine: published, every feed, sitemap entry and canonical link would send readers to their own computer; "
    "set the address the site is published at, or pass --base-url"
)


def address_problems(config: SiteConfig, display: str, line: int) -> list[Problem]:
    """One warning when ``base_url`` cannot serve a published site: a bare path, or this machine's own address."""
    template = PATH_ONLY if config.public_url is None else LOOPBACK_URL if config.loopback else None
    if template is None:
        return []
    return [Problem(display, line, "base_url", template.format(url=config.base_url), Severity.WARNING)]

