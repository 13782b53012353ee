"""The built-in link checker: every internal ``href`` and ``src`` must land.

Runs over every page of a build before the new output replaces the old, so
under ``--strict`` a broken link fails the build and leaves the previous output
alone.

A build reads each page where it is rendered (:mod:`.linkscan`, in a worker)
and hands the checker its ids and links (:meth:`LinkIndex.add`); the preview
server's :meth:`LinkIndex.update` keeps what it learnt between builds: after an
edit it reads only the pages that changed, and re-checks only them and the
pages that link to a page whose anchors changed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from ..errors import Problem, Severity
from ..outputfile import OutputFile
from .linkscan import OUTSIDE, SEPARATOR, Page, read_file


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
                page = read_file(file, self.base_path)
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
        if target.startswith(OUTSIDE) or target == "..":
            return "link leaves the site"
        if target not in files:
            return f"broken link: no file {target}"
        if not fragment:  # most links: a page's anchors are only unpacked for one that names one
            return None
        anchors = self._anchors(target)
        if anchors is not None and fragment not in anchors:
            return f"broken anchor: {target} has no id {fragment!r}"
        return None
