"""Finding content files, and the ignore rules the watcher shares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePath

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

    file: Path
    display: str
    stem: str


def find(root: Path, content_dir: Path, kind: str) -> tuple[SourceFile, ...]:
    """Every ``.md`` file under ``content_dir/kind``, sorted by path, symlinked folders not followed."""
    base = content_dir / kind
    found: list[SourceFile] = []
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not is_ignored(d))
        for name in files:
            if name.endswith(SUFFIX) and not is_ignored(name):
                file = Path(folder) / name
                found.append(SourceFile(file, display_path(root, file), PurePath(name).stem))
    return tuple(sorted(found, key=lambda s: s.display))


def display_path(root: Path, file: Path) -> str:
    """``content/events/x.md``: relative to the site root where possible."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()
