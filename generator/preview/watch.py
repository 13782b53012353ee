"""Watching the site's files: the watcher only signals, the build loop debounces.

Only created, modified, deleted and moved files count (reading a file fires
"opened" and "closed" events, which must not trigger builds), and folders
created, deleted or moved (a folder of events moved in reports nothing else);
dotfiles and editor temp files are ignored, as is the output folder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from ..content.sources import is_ignored

RELEVANT = frozenset({"created", "modified", "deleted", "moved"})


class Changes:
    """Paths changed since the last build, and a way to wait for the next change."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._pending: set[Path] = set()
        self._last = 0.0
        self._woken = False

    def wake(self) -> None:
        """End every :meth:`wait` for a first change at once, with nothing changed, from now on (the preview is stopping).

        Safe in a signal handler: the condition's lock is re-entrant, and the handler runs in the thread that waits.
        """
        with self._condition:
            self._woken = True
            self._condition.notify_all()

    @property
    def woken(self) -> bool:
        """Whether :meth:`wake` was called: the preview is stopping."""
        return self._woken

    def add(self, paths: Iterable[Path]) -> None:
        """Record changed paths (called from the watcher's thread)."""
        with self._condition:
            self._pending.update(paths)
            self._last = time.monotonic()
            self._condition.notify_all()

    def wait(self, quiet: float = 0.1, limit: float = 2.0, timeout: float | None = None) -> set[Path]:
        """Block until something changed, then until ``quiet`` seconds pass without a change.

        ``limit`` bounds the wait under a steady stream of changes; ``timeout``
        bounds the wait for the first change (returning an empty set).
        """
        with self._condition:
            if not self._condition.wait_for(lambda: bool(self._pending) or self._woken, timeout) or not self._pending:
                return set()
            started = time.monotonic()
            while True:
                remaining = quiet - (time.monotonic() - self._last)
                if remaining <= 0 or time.monotonic() - started >= limit:
                    break
                self._condition.wait(remaining)
            taken, self._pending = self._pending, set()
            return taken


class _Handler(FileSystemEventHandler):
    def __init__(self, changes: Changes, ignore: tuple[Path, ...]) -> None:
        self.changes = changes
        self.ignore = ignore

    def on_any_event(self, event: FileSystemEvent) -> None:
        # a folder is "modified" whenever a file in it changes: that file reports itself
        if event.event_type not in RELEVANT or (event.is_directory and event.event_type == "modified"):
            return
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        relevant = [p for p in paths if self.counts(p)]
        if relevant:
            self.changes.add(relevant)

    def counts(self, path: Path) -> bool:
        """Whether a change to ``path`` should cause a build."""
        if is_ignored(path.name):
            return False
        return not any(path == folder or folder in path.parents for folder in self.ignore)


def start_watching(folders: Iterable[Path], changes: Changes, ignore: Iterable[Path] = ()) -> BaseObserver:
    """Watch ``folders`` recursively; the observer runs until stopped."""
    observer = Observer()
    handler = _Handler(changes, tuple(p.resolve() for p in ignore))
    for folder in dict.fromkeys(f.resolve() for f in folders if f.is_dir()):
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer
