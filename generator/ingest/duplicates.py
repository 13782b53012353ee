"""Has this story been imported already? The same source address, or the same title on the same date.

Addresses are compared normalised, because one article travels under many:
``http``/``https``, with or without ``www.``, a trailing slash, a ``#section``,
and tracking parameters that newsletters and social sites append
(``utm_source``, ``fbclid``, ``gclid`` …). Parameters that choose the page
(``?id=123``) are kept, sorted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..content.dates import DateError, parse_date
from ..content.frontmatter import read_document
from ..content.sources import EVENTS_DIR, find
from .titles import fold

_TRACKING = re.compile(
    r"(?i)^(?:utm_\w*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok"
    r"|ref_src|ref_url|cmpid|smid|smtyp|ocid|s_cid|at_medium|at_campaign|at_custom\d*|spm|share|xtor|__twitter_impression|oly_enc_id|oly_anon_id|vero_id)$"
)


def normalise_url(url: str) -> str:
    """The comparison form of an address: ``https``, host in lower case without ``www.`` or default port, no tracking, no fragment."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[": not an address anything could be compared with; kept as written
        return url.strip()
    host = (parts.hostname or "").lower().rstrip(".")
    while host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path)
    while path and (path[-1] == "/" or path[-1].isspace()):  # as url.strip() would, once the slash is off
        path = path[:-1]
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit(("https", netloc, path, urlencode(query), ""))


@dataclass(frozen=True, slots=True)
class Known:
    """An event already in the site: where it is, its title and date, and its sources' normalised addresses."""

    path: str
    title: str
    date: str
    urls: frozenset[str]


def known_events(root: Path) -> tuple[Known, ...]:
    """Every event file under ``root/content/events`` that can be read; the others cannot be compared and are skipped."""
    known: list[Known] = []
    for source in find(root, root / "content", EVENTS_DIR):
        document, _ = read_document(source.file, source.display)
        if document is None or not isinstance(document.data, Mapping):
            continue
        data = document.data
        known.append(Known(source.display, str(data.get("title") or ""), _date(data.get("date")), frozenset(_urls(data.get("sources")))))
    return tuple(known)


def _date(value: object) -> str:
    try:
        return parse_date(value).iso()
    except (DateError, TypeError, ValueError):
        return ""


def _urls(sources: object) -> Iterable[str]:
    if not isinstance(sources, list):
        return
    for source in sources:
        url = source.get("url") if isinstance(source, Mapping) else None
        if isinstance(url, str) and url.strip():
            yield normalise_url(url)


def duplicate_of(known: Iterable[Known], url: str | None, title: str, date: str | None) -> tuple[Known, str] | None:
    """The existing event this page repeats, and why ("same source address", "same title and date"), or ``None``."""
    address = normalise_url(url) if url else None
    for event in known:
        if address and address in event.urls:
            return event, "same source address"
    for event in known:
        if date and event.date == date and fold(event.title) == fold(title):
            return event, "same title and date"
    return None
