"""What the preview serves: the files of the last good build, its problems, and the pages open in browsers.

A build publishes a complete new :class:`Snapshot` and the state swaps one
reference, so requests never see a half-written site.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..errors import Problem

KEPT_VERSIONS = 8
"""How many builds' files stay at hand to find the changed parts of a page against."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One complete build as served: files by path, plus the problems of the latest build."""

    files: Mapping[str, bytes] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    version: int = 0
    events: tuple[str, ...] = ()
    good: bool = False
    """Whether any build has succeeded yet (else there is nothing to serve)."""
    failed: bool = False
    """Whether the latest build failed (then the overlay shows its problems)."""
    reload: bool = False
    """Whether the theme's files changed: a page then loads again to use them, rather than change in place."""


class PreviewState:
    """The snapshot being served, and a way for reload streams to wait for the next."""

    def __init__(self, base_path: str = "/") -> None:
        self.base_path = base_path
        self._snapshot = Snapshot()
        self._condition = threading.Condition()
        self.closed = False
        self.listening = 0
        """Reload streams waiting for a newer build: the open pages."""
        self._unfetched = 0
        """Pages told of the latest build that have not asked for a page since."""
        self._viewed: Counter[str] = Counter()
        self._loud = 0
        self._theme: tuple[Mapping[str, bytes], dict[str, bytes]] = ({}, {})
        """The files served now and their theme's, worked out when they come rather than when the next build does."""
        """The last build told to every open page (see :meth:`publish`)."""
        self._history: dict[int, Mapping[str, bytes]] = {}
        """The files of the last few builds by version, for :meth:`parts`."""

    @property
    def snapshot(self) -> Snapshot:
        """The current snapshot (an atomic read of one reference)."""
        return self._snapshot

    def publish(self, files: Mapping[str, bytes] | None, problems: tuple[Problem, ...], events: tuple[str, ...] = (),
                last_good: Mapping[str, bytes] | None = None, quiet: bool = False) -> None:
        """A build finished: serve its files, or the last good ones (``files is None``) with an overlay.

        The last good files are those served now, or ``last_good`` when the failed
        build had already sent out some of its pages. A ``quiet`` build (the rest
        of a build whose open pages went out first) is told only to the pages it
        changes since the build they show: the others already show it.
        """
        keep = dict(files) if files is not None else None
        theme = _theme_files(keep) if keep is not None else None
        with self._condition:  # read and replace under the lock: two builds finishing together are two versions
            old = self._snapshot
            reload = theme is not None and old.good and theme != self._theme_of(old.files)
            good = keep is not None or old.good
            kept = old.files if last_good is None else last_good
            self._snapshot = Snapshot(kept if keep is None else keep, problems, old.version + 1, events, good, keep is None, reload)
            self._keep(self._snapshot)
            if theme is not None:
                self._theme = (self._snapshot.files, theme)
            if not quiet:
                self._loud = self._snapshot.version
            self._unfetched = 0 if quiet else self.listening
            self._condition.notify_all()

    def _theme_of(self, files: Mapping[str, bytes]) -> dict[str, bytes]:
        return self._theme[1] if self._theme[0] is files else _theme_files(files)

    def _keep(self, snapshot: Snapshot) -> None:
        self._history[snapshot.version] = snapshot.files
        for version in [v for v in self._history if v <= snapshot.version - KEPT_VERSIONS]:
            del self._history[version]

    def refresh(self, files: Mapping[str, bytes], problems: tuple[Problem, ...]) -> None:
        """Replace the files of the current build (late feeds and exports) without asking for a reload."""
        with self._condition:
            self._snapshot = replace(self._snapshot, files=dict(files), problems=problems)
            self._theme = (self._snapshot.files, _theme_files(self._snapshot.files))
            self._keep(self._snapshot)

    def wait_newer(self, version: int, timeout: float, page: str | None = None) -> Snapshot | None:
        """The first snapshot newer than ``version``, or ``None`` after ``timeout`` or on close.

        ``page`` is the file the waiting page shows: while it waits, :meth:`viewed` names it.
        """
        with self._condition:
            self.listening += 1
            if page is not None:
                self._viewed[page] += 1
            try:
                self._condition.wait_for(lambda: self._news(version, page) or self.closed, timeout)
            finally:
                self.listening -= 1
                if page is not None:
                    self._viewed -= Counter({page: 1})
            return self._snapshot if self._news(version, page) else None

    def _news(self, version: int, page: str | None) -> bool:
        """Whether a page showing ``page`` as of build ``version`` has a newer build to hear of."""
        if self._snapshot.version <= version:
            return False
        if version < self._loud or page is None:
            return True
        shown = self._history.get(version)
        return shown is None or shown.get(page) is not self._snapshot.files.get(page)

    def viewed(self) -> frozenset[str]:
        """The files open pages show (as far as their reload streams said): a build makes them first."""
        with self._condition:
            return frozenset(self._viewed)

    def files_of(self, version: int) -> Mapping[str, bytes] | None:
        """The files of build ``version`` if still at hand."""
        with self._condition:
            return self._history.get(version)

    def page_served(self) -> None:
        """A page went out: one fewer open page waiting for its update."""
        with self._condition:
            if self._unfetched:
                self._unfetched -= 1
                self._condition.notify_all()

    def wait_fetched(self, timeout: float) -> bool:
        """Wait until every page told of the latest build has asked for a page again, at most ``timeout``; whether they all did."""
        with self._condition:
            return self._condition.wait_for(lambda: self._unfetched <= 0 or self.closed, timeout)

    def close(self) -> None:
        """Release every waiting reload stream."""
        with self._condition:
            self.closed = True
            self._condition.notify_all()


def _theme_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The theme's static files of a build (pages name them without a version, so a change to one is no change to a page)."""
    return {name: data for name, data in files.items() if name.startswith("static/")}
