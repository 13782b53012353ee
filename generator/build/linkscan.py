"""Reading a built page's ids and links, for the link checker.

The pages are our own templates' output, so attributes are always
double-quoted and a regular expression reads them reliably (and far faster
than an HTML parser). A build reads each page where it is rendered
(:func:`scan`, in a worker, which looks up links it has seen on other pages
instead of resolving them again and gives what :func:`read_page` gives); the
ids and links travel to the build process packed into two strings
(:func:`pack`, :func:`unpack`).
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from ..outputfile import OutputFile

# read from the bytes: decoding whole pages costs more than the search itself; a leading
# literal space (our templates and markdown-it separate attributes by one) doubles its speed
_ATTRIBUTE = re.compile(rb' (href|src|id|name)="([^"]*)"')
_SCHEME = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*:")
"""A URL that starts with a scheme (``https:``, ``mailto:``) leads outside the site: as :func:`urllib.parse.urlsplit` reads it."""
_REFRESH = re.compile(rb'http-equiv="refresh" content="\d+;\s*url=([^"]*)"')
_UPS = re.compile(r"(?:\.\./)+")
OUTSIDE = "../"


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
            return OUTSIDE + path, ""
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

_ITEM = re.compile(rb' ((?:href|src|id|name)="[^"]*)"')
""":data:`_ATTRIBUTE`'s matches as one string each, ``href="x``: a key for what is known of them, and cheaper to find."""
_UNSURE = re.compile(rb"[&\x00-\x20]")
"""What :func:`scan` leaves to :func:`read_page`'s steps: a character reference to decode, or a character ``urlsplit`` would strip."""
_OUTSIDE_BASE = OUTSIDE + "/"
"""How :func:`_target` begins a root-relative link outside the base path (``normpath`` never leaves ``//``): its fragment is dropped."""
_KNOWN: dict[tuple[str, int], tuple[dict[bytes, str | None], dict[bytes, tuple[str, str]]]] = {}
"""For pages at one depth (and base path), links seen before whose landing cannot depend on the page: packed (``None``
when they leave the site), and where they lead."""


@dataclass(frozen=True, slots=True)
class Scan:
    """What a build keeps of one page: its ids and links as :func:`pack` gives them, and where its links lead (:func:`places`)."""

    ids: str
    links: str
    places: set[tuple[str, str]]


def scan(path: str, data: bytes, base_path: str) -> Scan:
    """:func:`pack` and :func:`places` of :func:`read_page`, the same for every page, at a fraction of the cost.

    Most links of a page were on other pages at its depth (they climb to the
    root, or leave the site): what they give is looked up, the page's links
    all at once. Only the others and the ids are looked at one by one, a link
    from the part before its ``#``, its fragment added after. A value with a
    character reference, or a character ``urlsplit`` strips, takes
    :func:`read_page`'s own steps.
    """
    page_dir = path.rpartition("/")[0]
    depth = page_dir.count("/") + 1 if page_dir else 0
    packed, landing = _KNOWN.setdefault((base_path, depth), ({}, {}))
    items = _ITEM.findall(data)
    ids: list[bytes] = []
    own: list[bytes] = []  # links whose landing depends on this page: known while it is read
    for item in set(items).difference(packed):
        first = item[0]
        if first == 105 or first == 110:  # id="…", name="…"
            ids.append(item[4:] if first == 105 else item[6:])
            continue
        value = item[6:] if first == 104 else item[5:]  # href="…", src="…"
        if _SCHEME.match(value):  # a source's or the canonical address: each page has its own
            continue
        own.append(item)
        if value[:1] == b"#" and not _UNSURE.search(value):  # an anchor on this page
            url = value.decode()
            packed[item], landing[item] = chr(first) + url, (path, unquote(url[1:]))
            continue
        packed[item], place, shared = _scan_link(path, page_dir, b"../" * depth, item, base_path)
        if place is not None:
            landing[item] = place
        if shared:
            own.pop()
    links = list(filter(None, map(packed.get, items)))
    found = set(filter(None, map(landing.get, items)))
    for item in own:
        del packed[item]
        landing.pop(item, None)
    if b'http-equiv="refresh"' in data:
        for _, url, target, fragment in _resolved(path, page_dir, [("refresh", _unescape(u.decode())) for u in _REFRESH.findall(data)], base_path):
            links.append("r" + url)
            found.add((target, fragment))
    return Scan(_packed_ids(ids), SEPARATOR.join(links), found)


def _scan_link(path: str, page_dir: str, climb: bytes, item: bytes, base_path: str) -> tuple[str | None, tuple[str, str] | None, bool]:
    """One link of :func:`scan`: packed and where it leads (``None`` twice when it leaves the site), and whether other pages at its depth may share that."""
    attribute, _, value = item.partition(b'="')
    url = value.decode()
    if _UNSURE.search(value):
        link = _link(path, page_dir, _ATTRIBUTE_NAMES[attribute], _unescape(url), base_path)
        return (None, None, False) if link is None else (link[0][0] + link[1], (link[2], link[3]), False)
    before, _, fragment = url.partition("#")
    target = _resolve(page_dir, before, base_path)
    if target is None:
        return None, None, True
    where = sys.intern(target[0] or path)
    # where a link lands depends on the page's folder unless it climbs out of it (or leaves the site)
    shared = bool(target[0]) and (value.startswith(climb) or value[:1] == b"/")
    return chr(item[0]) + url, (where, "" if where.startswith(_OUTSIDE_BASE) else unquote(fragment)), shared


def _packed_ids(ids: list[bytes]) -> str:
    unique = sorted(set(ids))
    joined = b"\0".join(unique)
    if b"&" in joined:
        return SEPARATOR.join(sorted({_unescape(i.decode()) for i in unique}))
    return joined.decode()


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


def read_file(file: OutputFile, base_path: str) -> Page:
    """A built file read as :func:`read_page` reads it, its bytes kept."""
    return replace(read_page(file.path, file.data, base_path), data=file.data)
