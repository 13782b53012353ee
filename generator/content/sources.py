"""Finding content files, and the ignore rules the watcher shares."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem

EVENTS_DIR = "events"
ENTITIES_DIR = "entities"
SUFFIX = ".md"


def is_ignored(name: str) -> bool:
    """Dotfiles and editor leftovers (``x.md~``, ``#x.md#``, ``.x.swp``, ``x.tmp``)."""
    return (
        name.startswith((".", "#", "~"))
        or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak", ".part"))
        or name.startswith("4913")  # vim's write test file
    )


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A content file: where it is and how messages name it."""

    file: str
    """The file's path as a string: made for every file on every preview rebuild, so no Path object."""
    display: str
    stem: str


def find(root: Path, content_dir: Path, kind: str) -> tuple[SourceFile, ...]:
    """Every ``.md`` file under ``content_dir/kind`` (see :func:`scan`), for callers that need no word on unreadable folders."""
    return scan(root, content_dir, kind)[0]


def scan(root: Path, content_dir: Path, kind: str) -> tuple[tuple[SourceFile, ...], list[Problem]]:
    """Every ``.md`` file under ``content_dir/kind``, sorted by path, symlinked folders not followed; and the folders that could not be read.

    A folder named ``*.md`` is listed too, so reading it reports it instead of
    leaving it out in silence. A folder that cannot be listed is an error
    naming it: a build that silently left out its events would publish a
    shorter timeline as if it were whole.
    """
    base = content_dir / kind
    shown = display_path(root, base)
    found: list[SourceFile] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        # a missing kind folder is a site without that kind, not a problem
        if not (error.errno == errno.ENOENT and error.filename == str(base)):
            place = display_path(root, Path(error.filename)) if error.filename else shown
            problems.append(Problem(place, None, None, f"cannot read: {error.strerror or error}"))

    for folder, dirs, files in os.walk(base, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not is_ignored(d))
        # a folder (or a symlink to one) named like an event file is reported, not skipped in silence
        names = [*files, *(d for d in dirs if d.endswith(SUFFIX))]
        # string work, not Path objects: this runs over every file on every preview rebuild
        inside = folder[len(str(base)):].replace(os.sep, "/")
        for name in names:
            if name.endswith(SUFFIX) and not is_ignored(name):
                found.append(SourceFile(os.path.join(folder, name), f"{shown}{inside}/{name}", name[: -len(SUFFIX)]))
    return tuple(sorted(found, key=lambda s: s.display)), problems


def display_path(root: Path, file: Path) -> str:
    """``content/events/x.md``: relative to the site root where possible."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def case_clashes(files: Iterable[SourceFile]) -> list[Problem]:
    """Files whose paths differ only in case: a case-insensitive file system (macOS, Windows) holds only one of them.

    Each file of a clash gets a problem naming the other, so a checkout there
    cannot silently lose an event.
    """
    by_folded: dict[str, list[SourceFile]] = {}
    for source in files:
        by_folded.setdefault(source.display.casefold(), []).append(source)
    return sorted(
        Problem(source.display, 1, None, _clash(other.display))
        for group in by_folded.values() for source in group for other in group if other is not source
    )


def _clash(other: str) -> str:
    return f"file name differs only in case from {other}; the two cannot both exist on a case-insensitive file system (macOS, Windows): rename one"
