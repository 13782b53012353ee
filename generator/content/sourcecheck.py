"""The rules a published source must meet, checked across every event at once.

A timeline is evidence: each event says where it comes from, each address is
one a reader can open (no test server, no tracking tag), each report is dated
no earlier than what it reports, and one URL is not pasted onto two events by
mistake (an event without a source is reported once the site cites sources
at all: a timeline that keeps none would only get one warning per event). A source's ``note:`` (shown to readers) answers the date and
same-URL rules: it says why a preview predates its event or one page covers
several. Every finding is a warning, or an error when ``site.yaml`` sets
``strict_sources: true`` (``timeline check --strict`` makes all warnings errors).
No network: :mod:`generator.build.onlinecheck` asks the sites themselves.
"""

from __future__ import annotations

import datetime as _dt
import functools
import ipaddress
import re
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl, urlsplit

from ..errors import Problem, Severity
from .config import SiteConfig
from .schema import EventRecord, Source

_TEST_HOSTS = re.compile(r"^(staging|dev|preview)[.-]", re.IGNORECASE)
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_eid|mc_cid|igshid|_ga|yclid)$", re.IGNORECASE)


def check_sources(config: SiteConfig, records: Sequence[EventRecord]) -> list[Problem]:
    """Every source problem of these events, each at its ``file:line``."""
    severity = Severity.ERROR if config.strict_sources else Severity.WARNING
    found: list[tuple[str, int, str, str]] = []
    # a site that cites no source anywhere does not keep sources: one warning per event would only be noise
    cites = any(record.sources for record in records)
    for record in records:
        if cites and not record.sources:
            found.append((record.path, line_of(record.lines, "title"), "sources", "no source: say where this event is reported"))
        for index, source in enumerate(record.sources):
            found += _source_problems(config, record, index, source)
    found += _shared_urls(records)
    return [Problem(path, line, key, message, severity) for path, line, key, message in found]


def _source_problems(config: SiteConfig, record: EventRecord, index: int, source: Source) -> list[tuple[str, int, str, str]]:
    key = f"sources[{index}]"
    found = []
    if not source.name:
        found.append((f"{key}.name", "no name: readers see only the address; say who published it"))
    for field, url in (("url", source.url), ("archive", source.archive)):
        problem = unpublishable(url, https_site=urlsplit(config.base_url).scheme == "https") if url else None
        if problem:
            found.append((f"{key}.{field}", problem))
    if source.date is not None and not source.note:
        problem = _date_problem(record, source, config.source_span_days)
        if problem:
            found.append((f"{key}.date", problem))
    return [(record.path, line_of(record.lines, where), where, message) for where, message in found]


@functools.lru_cache(maxsize=65536)
def unpublishable(url: str, *, https_site: bool) -> str | None:
    """Why ``url`` is no address to publish, or ``None``: a local or test host, a bare IP, tracking tags, plain http on an https site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".local"):
        return f"{url!r} points at this computer ({host}), which readers cannot reach"
    if _is_ip(host):
        return f"{url!r} uses an IP address ({host}), not a name readers can trust and that outlives a server move"
    if _TEST_HOSTS.match(host):
        return f"{url!r} is a test server ({host}); link the published page"
    tracking = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if _TRACKING.match(name)})
    if tracking:
        return f"{url!r} carries tracking parameters ({', '.join(tracking)}); remove them"
    if https_site and parts.scheme.lower() == "http":
        return f"{url!r} is plain http on an https site; use the https address if the publisher has one"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _date_problem(record: EventRecord, source: Source, span_days: int) -> str | None:
    """A report cannot predate its event; one much later than the event is likely cited for another."""
    assert source.date is not None
    earliest = None if record.open_start else record.date.first_day
    if earliest is not None and source.date.last_day < earliest:
        return f"dated {source.date.iso()}, before the event ({record.date.iso()}): a report cannot predate what it reports"
    latest = None if record.open_end else (record.end_date or record.date).last_day
    if latest is not None and span_days and source.date.first_day > latest + _dt.timedelta(days=span_days):
        days = (source.date.first_day - latest).days
        return f"dated {source.date.iso()}, {days} days after the event: more than source_span_days ({span_days}); is it the right source?"
    return None


def _shared_urls(records: Sequence[EventRecord]) -> list[tuple[str, int, str, str]]:
    """The same source URL on different events: often a copy-paste slip. Each place names the others."""
    places: dict[str, list[tuple[str, int, str]]] = {}
    for record in records:
        for index, source in enumerate(record.sources):
            if source.url and not source.note:
                key = f"sources[{index}].url"
                places.setdefault(_normal(source.url), []).append((record.path, line_of(record.lines, key), key))
    found = []
    for spots in places.values():
        if len({path for path, _, _ in spots}) > 1:
            for path, line, key in spots:
                others = ", ".join(f"{p}:{n}" for p, n, _ in spots if (p, n) != (path, line))
                found.append((path, line, key, f"the same source URL is cited by {others}; check it is not a copy-paste slip"))
    return found


def _normal(url: str) -> str:
    """A URL as compared for sameness: the host in lower case, no fragment, no trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}?{parts.query}"


def line_of(lines: Mapping[str, int], key: str) -> int:
    """The line of ``key`` in the front matter, else of its nearest parent, else the opening fence."""
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0] if "." in key else key.rpartition("[")[0]
    return 1
