"""The output folder as the previous build left it: what is there, and what of it the build wrote.

The folder is read without following a single symlink, so a link a user put
in ``output/`` (say ``output/e`` pointing at a folder of theirs) is seen as a
link and never as the folder behind it. The output's marker file lists every
site file the build wrote (its manifest); anything else found here is the
user's and is carried into the next output, or the build refuses to run.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..content.cache import CACHE_DIR

MARKER = ".timeline-build"
MARKER_HEAD = b"Written by `timeline build`; this folder is replaced whole on every build.\n"
_MANIFEST_HEAD = b"Files it wrote, one JSON string a line (anything else in this folder is yours, and the next build keeps it):\n"


class ScanError(Exception):
    """A part of the previous output cannot be read; ``args[0]`` says which and why."""


def marker_text(paths: Iterable[str]) -> bytes:
    """The marker file of an output whose site files (the caches aside) are ``paths``."""
    lines = (json.dumps(path, ensure_ascii=False).encode() + b"\n" for path in sorted(paths))
    return MARKER_HEAD + _MANIFEST_HEAD + b"".join(lines)


def is_internal(path: str) -> bool:
    """Whether ``path`` is the marker or inside the caches: the build's own files, whatever the manifest says."""
    return path == MARKER or path.startswith(CACHE_DIR + "/")


@dataclass(frozen=True, slots=True)
class Previous:
    """What a previous output holds: every entry that is not a folder, and who put it there."""

    folder: Path
    exists: bool = False
    entries: Mapping[str, os.stat_result] = field(default_factory=dict)
    """Files, symlinks and other non-folders by path, with their ``lstat``."""
    wrote: frozenset[str] | None = None
    """The site files the previous build wrote; ``None`` for an output from before manifests (then all was the build's)."""
    wrote_folders: frozenset[str] = frozenset()
    marker: bytes = b""
    """The marker file's text: one unchanged is kept as it is, like every unchanged file."""

    @classmethod
    def scan(cls, folder: Path) -> Previous:
        """Read ``folder`` (a real folder or nothing) without following symlinks."""
        if not os.path.lexists(folder):
            return cls(folder)
        entries: dict[str, os.stat_result] = {}
        _walk(str(folder), "", entries)
        marker = _marker(folder, entries.get(MARKER))
        wrote = _manifest(marker)
        return cls(folder, True, entries, wrote, folders(wrote or ()), marker)

    def present(self) -> dict[str, tuple[int, int]]:
        """The size and modification time of each regular file: what the page cache checks its kept files against."""
        return {path: (s.st_size, s.st_mtime_ns) for path, s in self.entries.items() if stat.S_ISREG(s.st_mode)}

    def owned(self, path: str) -> bool:
        """Whether the previous build put ``path`` there (as a file, or as a folder it wrote files into)."""
        if self.wrote is None or is_internal(path):
            return True
        return path in self.wrote or path in self.wrote_folders

    def users(self) -> list[str]:
        """The entries the user put in the output, sorted."""
        return sorted(path for path in self.entries if not self.owned(path))


def _walk(folder: str, prefix: str, entries: dict[str, os.stat_result]) -> None:
    try:
        with os.scandir(folder) as found:
            # a folder is known from the listing alone; only the rest need their lstat
            listed = [(entry.name, None if entry.is_dir(follow_symlinks=False) else entry.stat(follow_symlinks=False)) for entry in found]
    except OSError as exc:
        raise ScanError(f"cannot read {folder}: {exc.strerror or exc}") from exc
    for name, status in listed:
        if status is None:
            _walk(f"{folder}/{name}", f"{prefix}{name}/", entries)
        else:
            entries[prefix + name] = status


def _marker(folder: Path, status: os.stat_result | None) -> bytes:
    if status is None or not stat.S_ISREG(status.st_mode):
        return b""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as stream:
            return stream.read()
    except OSError as exc:
        raise ScanError(f"cannot read {folder / MARKER}: {exc.strerror or exc}") from exc


def _manifest(marker: bytes) -> frozenset[str] | None:
    """The paths the marker lists: none for a folder without one, ``None`` for an old marker without a list."""
    if not marker:
        return frozenset()
    _, found, listed = marker.partition(_MANIFEST_HEAD)
    if not found:
        return None
    try:
        return frozenset(json.loads(line) for line in listed.decode().splitlines())
    except ValueError:
        return None


def folders(paths: Iterable[str]) -> frozenset[str]:
    """Every folder on the way to one of ``paths``."""
    found: set[str] = set()
    for path in paths:
        end = path.rfind("/")
        # from the deepest up: a folder already found has all those above it found too
        while end >= 0 and path[:end] not in found:
            found.add(path[:end])
            end = path.rfind("/", 0, end)
    return frozenset(found)
