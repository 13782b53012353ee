"""The only place that maps pages to output paths and URLs.

Pages are folders with an ``index.html`` (``events/<id>/``), so URLs stay clean
on GitHub Pages. Links between pages are relative, so one build works at the
domain root, under ``/repo/`` and from the preview server; only feeds and
metadata need absolute URLs, made from ``base_url``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

TIMELINE = "index.html"
ENTITY_INDEX = "entities/index.html"
TAG_INDEX = "tags/index.html"
CORRECTIONS = "corrections/index.html"
"""The log of every correction on the site."""

_OWN_ANCHORS = ("top", "content", "years", "timeline-list", "copy-status", "filters", "filter-status", "entity-results")
RESERVED_ANCHORS = "y2019, y2019-05, " + ", ".join(_OWN_ANCHORS)
_YEAR_ANCHOR = re.compile(r"^y\d{4}(-\d{2})?$")


def is_reserved_anchor(ident: str) -> bool:
    """Whether an event id would clash with an anchor the timeline page makes itself."""
    return ident in _OWN_ANCHORS or bool(_YEAR_ANCHOR.match(ident))


def event_path(ident: str) -> str:
    """The event's own page."""
    return f"events/{ident}/index.html"


def permalink_path(ident: str) -> str:
    """The short permalink of an event (or of a former id): a redirect to its anchor."""
    return f"e/{ident}/index.html"


def year_page(year: int, month: int | None = None) -> str:
    """A year's page when the timeline is split, or a month's page when its year is too big for one."""
    return f"years/{year}/index.html" if month is None else f"years/{year}/{month:02d}/index.html"


def timeline_of(ident: str, page: str | None = None) -> tuple[str, str]:
    """The page and anchor where an event stands on the timeline: ``page`` when the timeline is split.

    Every link to an event's place goes through here, so splitting a growing
    timeline breaks no permalink: ``e/<id>/`` follows it to the new page.
    """
    return (page or TIMELINE), ident


def entity_path(ident: str, page: int = 1) -> str:
    """The entity's page; a long list of events continues on ``entities/<id>/2/`` and on."""
    return f"entities/{ident}/index.html" if page == 1 else f"entities/{ident}/{page}/index.html"


def tag_path(ident: str, page: int = 1) -> str:
    """The tag's page; a long list of events continues on ``tags/<id>/2/`` and on."""
    return f"tags/{ident}/index.html" if page == 1 else f"tags/{ident}/{page}/index.html"


def asset_path(name: str) -> str:
    """A file copied from the theme's ``static/`` folder."""
    return f"static/{name}"


def year_anchor(year: int, month: int | None = None) -> str:
    """The timeline's anchor for a year or a month."""
    return f"y{year}" if month is None else f"y{year}-{month:02d}"


def url_path(path: str) -> str:
    """The URL path of an output file relative to the site root (``events/x/``)."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def relative(from_path: str, to_path: str, fragment: str = "") -> str:
    """A link from one output file to another, with an optional ``#fragment``."""
    if not fragment:
        return _relative(from_path.rpartition("/")[0], url_path(to_path))
    if to_path == from_path:
        return f"#{fragment}"
    return f"{_relative(from_path.rpartition('/')[0], url_path(to_path))}#{fragment}"


def _relative(from_dir: str, target: str) -> str:
    """``target`` (a URL path from the site root) as seen from the folder ``from_dir``.

    Pure string work on our own clean paths: every page renders hundreds of
    links, and ``posixpath.relpath`` would consult the working directory each time.
    Most links leave the page's top folder (``events/x/`` to ``static/``) and
    only climb, without splitting either path.
    """
    if not from_dir:
        return target or "./"
    if not target.startswith(from_dir.partition("/")[0] + "/"):
        return "../" * (from_dir.count("/") + 1) + target
    return _shared_relative(from_dir, target)


@functools.lru_cache(maxsize=4096)  # a page's links repeat; pages do not
def _shared_relative(from_dir: str, target: str) -> str:
    """:func:`_relative` for a ``target`` in the same top folder as ``from_dir``: drop the folders both share."""
    here = from_dir.split("/")
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    url = "../" * (len(here) - common) + "/".join(there[common:])
    return url or "./"


def card_path(event_id: str) -> str:
    """An event's share card (``og:image`` when it has no picture)."""
    return f"cards/{event_id}.png"


def absolute(base_url: str, path: str, fragment: str = "") -> str:
    """The public URL of an output file, from the site's ``base_url``."""
    return base_url + url_path(path) + (f"#{fragment}" if fragment else "")


@dataclass(frozen=True, slots=True)
class Links:
    """Link helpers bound to the page being rendered; the templates call these.

    With ``root`` set (the site's base path) links start from it instead of
    being relative: for pages served at any depth, such as ``404.html``.
    """

    page: str
    root: str | None = None
    placement: Mapping[str, str] | None = None
    """Event id to the timeline page it stands on, when the timeline is split."""
    _folder: str = field(init=False, repr=False, compare=False)
    _up: str = field(init=False, repr=False, compare=False)
    """``../`` once per folder of the page: the way back to the site root."""
    _top: str = field(init=False, repr=False, compare=False)
    """The page's top folder with its slash (``events/``), or ``""`` for a page at the root."""

    def __post_init__(self) -> None:
        # a page makes dozens of links, most of them up and out of its top folder: the way up is worked out once, here
        folder = self.page.rpartition("/")[0]
        object.__setattr__(self, "_folder", folder)
        object.__setattr__(self, "_up", "../" * (folder.count("/") + 1) if folder else "")
        object.__setattr__(self, "_top", folder.partition("/")[0] + "/" if folder else "")

    def to(self, path: str, fragment: str = "") -> str:
        """Any output file."""
        if self.root is not None:
            return self.root + url_path(path) + (f"#{fragment}" if fragment else "")
        if fragment:
            return f"#{fragment}" if path == self.page else f"{self._from_here(path)}#{fragment}"
        return self._from_here(path)

    def _from_here(self, path: str) -> str:
        """:func:`relative`'s link to ``path`` without a fragment, from this page."""
        target = url_path(path)
        if self._top and not target.startswith(self._top):
            return self._up + target
        return _relative(self._folder, target)

    def timeline(self, fragment: str = "") -> str:
        """The timeline page, optionally at an anchor."""
        return self.to(TIMELINE, fragment)

    def place(self, ident: str) -> str:
        """An event's place on the timeline."""
        return self.to(*timeline_of(ident, self.placement.get(ident) if self.placement else None))

    def permalink(self, ident: str) -> str:
        """An event's short permalink."""
        return self.to(permalink_path(ident))

    def event(self, ident: str) -> str:
        """An event's page."""
        return self.to(event_path(ident))

    def entity(self, ident: str) -> str:
        """An entity's page."""
        return self.to(entity_path(ident))

    def tag(self, ident: str) -> str:
        """A tag's page."""
        return self.to(tag_path(ident))

    def asset(self, name: str) -> str:
        """A theme asset."""
        return self.to(asset_path(name))
