"""The built-in link checker: every internal ``href`` and ``src`` must land.

Runs over every page of a build before the new output replaces the old, so
under ``--strict`` a broken link fails the build and leaves the previous output
alone. The pages are our own templates' output, so attributes are always
double-quoted and a regular expression reads them reliably (and far faster
than an HTML parser).

A build reads each page where it is rendered (:func:`read_page`, in a worker)
and hands the checker its ids and links (:meth:`LinkIndex.add`); the preview
server's :meth:`LinkIndex.update` keeps what it learnt between builds: after an
edit it reads only the pages that changed, and re-checks only them and the
pages that link to a page whose anchors changed.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from ..errors import Problem, Severity
from ..outputfile import OutputFile

# read from the bytes: decoding whole pages costs more than the search itself; a leading
# literal space (our templates and markdown-it separate attributes by one) doubles its speed
_ATTRIBUTE = re.compile(rb' (href|src|id|name)="([^"]*)"')
_SCHEME = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*:")
"""A URL that starts with a scheme (``https:``, ``mailto:``) leads outside the site: as :func:`urllib.parse.urlsplit` reads it."""
_REFRESH = re.compile(rb'http-equiv="refresh" content="\d+;\s*url=([^"]*)"')
_UPS = re.compile(r"(?:\.\./)+")
_OUTSIDE = "../"


@dataclass(frozen=True, slots=True)
class Page:
    """What the checker needs of a page: its anchors, and its links resolved to targets."""

    data: bytes
    ids: frozenset[str]
    links: tuple[tuple[str, str, str, str], ...]
    """(attribute, URL as written, target path, fragment); target ``None``-like ``""`` for outside links."""


@lru_cache(maxsize=4096)  # bounded: pages deep in their own folders still miss now and then
def _target(page_dir: str, url: str, base_path: str) -> tuple[str, str] | None:
    """The output path and fragment a link points at, or ``None`` for outside links."""
    if ":" in url or "?" in url or url.startswith("//"):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("//"):
            return None
        path, fragment = parts.path, parts.fragment
    else:  # what urlsplit would say, at a fraction of its cost (most links are plain relative paths)
        path, _, fragment = url.partition("#")
    path, fragment = unquote(path), unquote(fragment)
    if not path:
        return "", fragment
    if path.startswith("/"):
        # a root-relative URL: inside the site only under its base path
        if not path.startswith(base_path):
            return _OUTSIDE + path, ""
        path, page_dir = path[len(base_path):] or "./", ""
    joined = posixpath.normpath(posixpath.join(page_dir, path))
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined, fragment


def _unescape(value: str) -> str:
    return html.unescape(value) if "&" in value else value


def _resolve(page_dir: str, url: str, base_path: str) -> tuple[str, str] | None:
    """:func:`_target`, with pages at one depth sharing a cache entry when the link climbs to the root or above."""
    ups = _UPS.match(url)
    if ups:
        depth = page_dir.count("/") + 1 if page_dir else 0
        if len(ups.group()) // 3 >= depth:
            # every folder of page_dir is climbed out of before the rest of the URL, so their names cannot matter
            page_dir = "/".join(["-"] * depth)
    return _target(page_dir, url, base_path)


_ATTRIBUTE_NAMES = {b"href": "href", b"src": "src"}
_SHARED: dict[tuple[str, int], dict[tuple[bytes, bytes], tuple[str, str, str, str] | None]] = {}
"""Links read before, for pages at one depth (and base path), where the page's own folder cannot matter."""


def read_page(path: str, data: bytes, base_path: str) -> Page:
    """What the checker needs of one HTML page (its bytes are not kept)."""
    page_dir = path.rpartition("/")[0]
    depth = page_dir.count("/") + 1 if page_dir else 0
    climb = b"../" * depth
    shared = _SHARED.setdefault((base_path, depth), {})
    ids = []
    links = []
    for attribute, value in _ATTRIBUTE.findall(data):
        if attribute == b"id" or attribute == b"name":
            ids.append(sys.intern(_unescape(value.decode())))
            continue
        if _SCHEME.match(value):  # a source's or the canonical address: each page has its own
            continue
        # the same few thousand links recur on every page: most climb to the site's root first, or leave the site
        from_root = value.startswith(climb) or value[:1] == b"/"
        key = (attribute, value)
        link = shared.get(key, _UNKNOWN)
        if link is _UNKNOWN:
            link = _link(path, page_dir, _ATTRIBUTE_NAMES[attribute], _unescape(value.decode()), base_path)
            # where a link lands depends on the page's folder unless it climbs out of it or leaves the site
            if link is None or (from_root and link[2] != path):
                shared[key] = link
        if link is not None:
            links.append(link)
    if b'http-equiv="refresh"' in data:
        links += _resolved(path, page_dir, [("refresh", _unescape(u.decode())) for u in _REFRESH.findall(data)], base_path)
    return Page(b"", frozenset(ids), tuple(links))


_UNKNOWN = ("",) * 4


def _link(path: str, page_dir: str, attribute: str, url: str, base_path: str) -> tuple[str, str, str, str] | None:
    """One link as the checker keeps it, ``None`` for a link outside the site."""
    if url.startswith("#"):
        return attribute, url, path, unquote(url[1:])
    target = _resolve(page_dir, url, base_path)
    if target is None:
        return None
    # interned: the same few thousand targets recur on every page
    return attribute, sys.intern(url), sys.intern(target[0] or path), sys.intern(target[1])


def _resolved(path: str, page_dir: str, found: Iterable[tuple[str, str]], base_path: str) -> list[tuple[str, str, str, str]]:
    return [link for attribute, url in found if (link := _link(path, page_dir, attribute, url, base_path)) is not None]


def places(page: Page) -> set[tuple[str, str]]:
    """Where a page's links lead: (target path, fragment) pairs, as :meth:`LinkIndex.want` takes them."""
    return {(target, fragment) for _, _, target, fragment in page.links}


SEPARATOR = "\0"  # never in a page: control characters are refused in content, and templates hold none


def pack(page: Page) -> tuple[str, str]:
    """A page's ids and links as two compact strings (for the page cache)."""
    return SEPARATOR.join(sorted(page.ids)), SEPARATOR.join(attribute[0] + url for attribute, url, _, _ in page.links)


_ATTRIBUTES = {"h": "href", "s": "src", "r": "refresh"}


def unpack(path: str, ids: str, links: str, base_path: str) -> Page:
    """The page :func:`pack` was given, its links resolved again."""
    found = [(_ATTRIBUTES[item[0]], item[1:]) for item in links.split(SEPARATOR)] if links else []
    return Page(b"", frozenset(ids.split(SEPARATOR)) if ids else frozenset(), tuple(_resolved(path, path.rpartition("/")[0], found, base_path)))


def _read(file: OutputFile, base_path: str) -> Page:
    return replace(read_page(file.path, file.data, base_path), data=file.data)


class LinkIndex:
    """Pages read so far and the findings for each; :meth:`update` checks a new build."""

    def __init__(self, base_path: str = "/") -> None:
        self.base_path = base_path
        self._pages: dict[str, Page] = {}
        self._packed: dict[str, str] = {}
        self._unpacked: dict[str, frozenset[str]] = {}
        self._files: frozenset[str] = frozenset()
        self._findings: dict[str, list[Problem]] = {}
        self._linking_to: dict[str, set[str]] = {}

    def start(self) -> None:
        """Begin a build checked with :meth:`add`, :meth:`keep` and :meth:`finish`."""
        self._pages = {}
        self._seen: set[str] = set()
        self._wanted: set[tuple[str, str]] = set()
        self._packed = {}
        self._unpacked = {}

    def add(self, path: str, ids: str | None = None) -> None:
        """One file of the build; for a page, its ids (as :func:`pack` gives them): they stay one string until a link asks for one."""
        self._seen.add(path)
        if ids is not None:
            self._packed[path] = ids

    def want(self, found: Iterable[tuple[str, str]]) -> None:
        """Places the build's links lead to (:func:`places`), from any page.

        Only where links lead is kept, once for the whole build: a site of
        thousands of pages links to a few thousand places, each checked once,
        so a place need not be given again with each page that links there.
        """
        self._wanted.update(found)

    def keep(self, path: str, ids: str) -> None:
        """A page kept from the previous build, whose links that build found sound.

        Only for a page whose links cannot have changed their verdict: none of
        the pages or anchors they point at went away since. Its ids still count.
        """
        self.add(path, ids)

    def finish(self, pages: Callable[[], Iterable[tuple[str, Page]]]) -> list[Problem]:
        """The broken links among those added since :meth:`start`.

        Only when some place is broken does ``pages`` have to give every added
        page again, to name each link that leads there.
        """
        self._files = frozenset(self._seen)
        broken = {wanted for wanted in self._wanted if self._broken(*wanted, self._files)}
        found = [problem for path, page in pages() for link in page.links if link[2:] in broken for problem in self._check_one(path, link, self._files)] \
            if broken else []
        # the verdict is in: every page's ids, packed and unpacked, were kept for it alone
        self._packed, self._unpacked, self._wanted = {}, {}, set()
        return sorted(found)

    def _check_one(self, path: str, link: tuple[str, str, str, str], files: Collection[str]) -> list[Problem]:
        attribute, url, target, fragment = link
        message = self._broken(target, fragment, files)
        return [Problem(path, None, attribute, f"{message} ({url!r})", Severity.WARNING)] if message else []

    def update(self, files: Iterable[OutputFile], other_paths: Iterable[str] = ()) -> list[Problem]:
        """Every broken internal link or anchor of this build, as warnings."""
        files = list(files)
        paths = frozenset(f.path for f in files) | frozenset(other_paths)
        changed = self._read_changed(files)
        appeared_or_gone = paths ^ self._files
        moved = {p for p in changed if p not in self._pages or self._pages[p].ids != changed[p].ids} | appeared_or_gone
        self._pages = {p: changed.get(p) or self._pages[p] for p in (f.path for f in files if f.path.endswith(".html"))}
        self._files = paths
        recheck = set(changed)
        for target in moved:
            recheck |= self._linking_to.get(target, set())
        self._findings = {p: v for p, v in self._findings.items() if p in self._pages and p not in recheck}
        for path in recheck & self._pages.keys():
            self._findings[path] = self._check(path, self._pages[path])
        return [problem for path in sorted(self._findings) for problem in self._findings[path]]

    def _read_changed(self, files: list[OutputFile]) -> dict[str, Page]:
        changed = {}
        for file in files:
            if not file.path.endswith(".html"):
                continue
            known = self._pages.get(file.path)
            if known is None or known.data is not file.data and known.data != file.data:
                page = _read(file, self.base_path)
                changed[file.path] = page
                for _, _, target, _ in page.links:
                    self._linking_to.setdefault(target, set()).add(file.path)
        return changed

    def _check(self, path: str, page: Page) -> list[Problem]:
        return [problem for link in page.links for problem in self._check_one(path, link, self._files)]

    def _anchors(self, target: str) -> frozenset[str] | None:
        """The ids of the page at ``target`` (``None`` when it is no page)."""
        page = self._pages.get(target)
        if page is not None:
            return page.ids
        packed = self._packed.get(target)
        if packed is None:
            return None
        ids = self._unpacked.get(target)
        if ids is None:
            ids = self._unpacked[target] = frozenset(packed.split(SEPARATOR)) if packed else frozenset()
        return ids

    def _broken(self, target: str, fragment: str, files: Collection[str]) -> str | None:
        if target.startswith(_OUTSIDE) or target == "..":
            return "link leaves the site"
        if target not in files:
            return f"broken link: no file {target}"
        anchors = self._anchors(target)
        if fragment and anchors is not None and fragment not in anchors:
            return f"broken anchor: {target} has no id {fragment!r}"
        return None
