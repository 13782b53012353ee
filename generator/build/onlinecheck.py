"""``timeline check --online``: ask each source and archive address whether it still answers.

Opt-in, and the only code that touches the network: the build never does.
Each distinct URL is requested once, by a few threads at a time, with a
timeout and a user agent that says who is asking; ``HEAD`` first, ``GET`` when
a server refuses ``HEAD``. Redirects are followed by hand (``urllib`` would turn
a redirected ``HEAD`` into a ``GET``) and reported, so an author can cite the
page's new address. What was learnt is kept in a JSON file for
``online_cache_hours``, so checking again soon asks nobody twice.
"""

from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ..content.assemble import Options, load
from ..content.schema import EventRecord
from ..content.sourcecheck import line_of
from ..errors import Problem, Severity

USER_AGENT = "timeline-link-check/1 (static site generator checking its cited sources; one request per link)"
CACHE_FILE = ".timeline-links.json"
"""Where the results are kept, in the site folder (beside ``content/``), unless ``--cache`` says otherwise."""
MAX_REDIRECTS = 10
WORKERS = 8
_REFUSED_HEAD = {400, 403, 405, 406, 429, 500, 501, 503}


@dataclass(frozen=True, slots=True)
class Answer:
    """What one URL gave: the final status (``None`` when nothing answered), each redirect, and when it was asked."""

    url: str
    status: int | None
    redirects: tuple[tuple[int, str], ...]
    error: str | None
    checked: float

    @property
    def dead(self) -> bool:
        """Nothing answered, or the last answer was an error."""
        return self.status is None or self.status >= 400


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """One request: the status and, for a redirect, where it points."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return int(response.status), None
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, exc.headers.get("Location")


def fetch(url: str, timeout: float, now: float) -> Answer:
    """Follow ``url`` to its end, ``HEAD`` falling back to ``GET``, and say what it gave."""
    redirects: list[tuple[int, str]] = []
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _ask(current, "HEAD", timeout)
            if status in _REFUSED_HEAD:
                status, location = _ask(current, "GET", timeout)
            if not (300 <= status < 400 and location):
                return Answer(url, status, tuple(redirects), None, now)
            current = urljoin(current, location)
            redirects.append((status, current))
        return Answer(url, None, tuple(redirects), f"more than {MAX_REDIRECTS} redirects", now)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Answer(url, None, tuple(redirects), str(reason) or type(exc).__name__, now)


def read_cache(path: Path, now: float, max_age_hours: int) -> dict[str, Answer]:
    """The answers in ``path`` young enough to trust; an unreadable cache is an empty one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        answers = {url: _answer(url, a) for url, a in data.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {url: a for url, a in answers.items() if now - a.checked < max_age_hours * 3600}


def _answer(url: str, data: Any) -> Answer:
    return Answer(url, data["status"], tuple((int(s), str(u)) for s, u in data["redirects"]), data["error"], float(data["checked"]))


def write_cache(path: Path, answers: Mapping[str, Answer]) -> None:
    """Replace ``path`` in one step, so a killed check leaves the old cache whole."""
    data = {url: {k: v for k, v in asdict(a).items() if k != "url"} for url, a in sorted(answers.items())}
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1, sort_keys=True)
    os.replace(temporary, path)


def links(records: Iterable[EventRecord]) -> dict[str, list[tuple[str, int, str]]]:
    """Each external source and archive URL with the places that cite it."""
    places: dict[str, list[tuple[str, int, str]]] = {}
    for record in records:
        for index, source in enumerate(record.sources):
            for field, url in (("url", source.url), ("archive", source.archive)):
                if url:
                    key = f"sources[{index}].{field}"
                    places.setdefault(url, []).append((record.path, line_of(record.lines, key), key))
    return places


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of an online check."""

    problems: tuple[Problem, ...]
    checked: int
    from_cache: int
    dead: int
    moved: int


def check_online(records: Sequence[EventRecord], cache: Path, *, max_age_hours: int, timeout: float, now: float,
                 fetcher: Callable[[str, float, float], Answer] = fetch) -> Report:
    """Ask every cited URL not answered recently; report dead and moved links at each place that cites them."""
    places = links(records)
    known = read_cache(cache, now, max_age_hours)
    wanted = [url for url in places if url not in known]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        fresh = dict(zip(wanted, pool.map(lambda url: fetcher(url, timeout, now), wanted), strict=True))
    answers = {**known, **fresh}
    write_cache(cache, answers)
    problems = []
    for url, spots in places.items():
        message = _verdict(answers[url])
        if message:
            problems += [Problem(path, line, key, message, Severity.WARNING) for path, line, key in spots]
    found = [answers[url] for url in places]
    return Report(tuple(sorted(problems)), len(places), len(places) - len(wanted), sum(a.dead for a in found),
                  sum(bool(a.redirects) and not a.dead for a in found))


def run(root: Path, options: Options, cache: Path | None, timeout: float, now: float) -> tuple[Report | None, list[Problem]]:
    """Load the site at ``root`` and check its links online; ``None`` when the content has errors (they come back instead)."""
    loaded, problems = load(root, options)
    if loaded is None:
        return None, problems
    records = [r for r in loaded.records.values() if r.id in loaded.kept]
    config = loaded.site.config
    return check_online(records, cache or root / CACHE_FILE, max_age_hours=config.online_cache_hours, timeout=timeout, now=now), problems


def _verdict(answer: Answer) -> str | None:
    if answer.dead:
        if answer.status is None:
            return f"dead link: {answer.url} gave {answer.error}"
        return f"dead link: {answer.url} gave HTTP {answer.status}" + (f" at {answer.redirects[-1][1]}" if answer.redirects else "")
    if answer.redirects:
        first, final = answer.redirects[0][0], answer.redirects[-1][1]
        if first in (301, 308):
            return f"moved: {answer.url} now leads to {final} (HTTP {first}); cite the new address"
        return f"redirects: {answer.url} leads to {final} (HTTP {first})"
    return None
