"""The built-in link checker: every internal ``href`` and ``src`` must land.

Runs on the rendered files before anything is written, so under ``--strict`` a
broken link fails the build and leaves the previous output alone. The pages
are our own templates' output, so attributes are always double-quoted and a
regular expression reads them reliably (and far faster than an HTML parser).

:class:`LinkIndex` keeps what it learnt between builds: after an edit it reads
only the pages that changed, and re-checks only them and the pages that link
to a page whose anchors changed.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from .errors import Problem, Severity
from .outputfile import OutputFile

_LINK = re.compile(r'\s(href|src)="([^"]*)"')
_ID = re.compile(r'\s(?:id|name)="([^"]*)"')
_REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]*)"')
_OUTSIDE = "../"


@dataclass(frozen=True, slots=True)
class _Page:
    """What the checker needs of a page: its anchors, and its links resolved to targets."""

    data: bytes
    ids: frozenset[str]
    links: tuple[tuple[str, str, str, str], ...]
    """(attribute, URL as written, target path, fragment); target ``None``-like ``""`` for outside links."""


@lru_cache(maxsize=4096)  # bounded: every page has its own folder, so old entries rarely return
def _target(page_dir: str, url: str, base_path: str) -> tuple[str, str] | None:
    """The output path and fragment a link points at, or ``None`` for outside links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
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


def _read(path: str, data: bytes, base_path: str) -> _Page:
    text = data.decode("utf-8")
    page_dir = path.rpartition("/")[0]
    found = [(attribute, _unescape(url)) for attribute, url in _LINK.findall(text)]
    found += [("refresh", _unescape(u)) for u in _REFRESH.findall(text)]
    links = []
    for attribute, url in found:
        if url.startswith("#"):  # most links on the timeline: no need to parse them
            links.append((attribute, url, path, unquote(url[1:])))
            continue
        target = _target(page_dir, url, base_path)
        if target is not None:
            # interned: the same few thousand targets recur on every page
            links.append((attribute, sys.intern(url), sys.intern(target[0] or path), sys.intern(target[1])))
    return _Page(data, frozenset(map(_unescape, _ID.findall(text))), tuple(links))


class LinkIndex:
    """Pages read so far and the findings for each; :meth:`update` checks a new build."""

    def __init__(self, base_path: str = "/") -> None:
        self.base_path = base_path
        self._pages: dict[str, _Page] = {}
        self._files: frozenset[str] = frozenset()
        self._findings: dict[str, list[Problem]] = {}
        self._linking_to: dict[str, set[str]] = {}

    def check_stream(self, files: Iterable[OutputFile]) -> Iterator[OutputFile]:
        """Pass ``files`` through, checking each page as it goes by; call :meth:`finish` at the end.

        Links to pages already seen are checked at once and forgotten; only
        those to pages still to come wait, with each page's ids. So a build of
        thousands of pages keeps little more than their anchors.
        """
        self._files = frozenset()
        seen: set[str] = set()
        self._waiting: list[tuple[str, tuple[str, str, str, str]]] = []
        self._found: list[Problem] = []
        for file in files:
            seen.add(file.path)
            if file.path.endswith(".html"):
                page = _read(file.path, file.data, self.base_path)
                self._pages[file.path] = _Page(b"", frozenset(map(sys.intern, page.ids)), ())
                for link in page.links:
                    if link[2] in seen:
                        self._found += self._check_one(file.path, link, seen)
                    else:
                        self._waiting.append((file.path, link))
            yield file
        self._files = frozenset(seen)

    def finish(self, other_paths: Iterable[str] = ()) -> list[Problem]:
        """The findings over every page the stream carried."""
        self._files |= frozenset(other_paths)
        for path, link in self._waiting:
            self._found += self._check_one(path, link, self._files)
        return sorted(self._found)

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

    def _read_changed(self, files: list[OutputFile]) -> dict[str, _Page]:
        changed = {}
        for file in files:
            if not file.path.endswith(".html"):
                continue
            known = self._pages.get(file.path)
            if known is None or known.data is not file.data and known.data != file.data:
                page = _read(file.path, file.data, self.base_path)
                changed[file.path] = page
                for _, _, target, _ in page.links:
                    self._linking_to.setdefault(target, set()).add(file.path)
        return changed

    def _check(self, path: str, page: _Page) -> list[Problem]:
        return [problem for link in page.links for problem in self._check_one(path, link, self._files)]

    def _broken(self, target: str, fragment: str, files: Collection[str]) -> str | None:
        if target.startswith(_OUTSIDE) or target == "..":
            return "link leaves the site"
        if target not in files:
            return f"broken link: no file {target}"
        page = self._pages.get(target)
        if fragment and page is not None and fragment not in page.ids:
            return f"broken anchor: {target} has no id {fragment!r}"
        return None
