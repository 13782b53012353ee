"""Writing a build: into a staging folder first, then swapped into place.

The output folder is only ever replaced whole, and only when it is one this
generator made (it holds :data:`MARKER`), so a failed build leaves the previous
output exactly as it was and no stale file survives a good one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..outputfile import OutputFile, RecordFile

MARKER = ".timeline-build"
_MARKER_TEXT = b"Written by `timeline build`; this folder is replaced whole on every build.\n"


class OutputError(Exception):
    """The output folder cannot be used or written; the message says why."""


def check_target(out: Path, root: Path, content: Path) -> None:
    """Refuse folders that must never be replaced by a build."""
    target = out.resolve()
    for keep in (root.resolve(), content.resolve(), Path.home().resolve()):
        if target == keep or target in keep.parents:
            raise OutputError(f"refusing to build into {out}: it would replace {keep}")
    if target == content.resolve() or content.resolve() in target.parents:
        raise OutputError(f"refusing to build into {out}: it is inside the content folder")
    if target.exists() and not target.is_dir():
        raise OutputError(f"refusing to build into {out}: it is a file")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise OutputError(f"refusing to replace {out}: it is not empty and was not made by `timeline build` (no {MARKER} file)")


def safe_join(base: Path | str, relative: str) -> str:
    """``base/relative``, refusing anything that would land outside ``base``."""
    if relative.startswith("/") or ".." in relative.split("/") or not relative.strip("/."):
        raise OutputError(f"refusing to write {relative!r}: outside the output folder")
    return f"{base}/{relative}"


def write_site(out: Path, fill: Callable[[Path], int], accept: Callable[[], bool] = lambda: True) -> int | None:
    """Have ``fill`` write everything into a staging folder beside ``out``, then swap it in; the file count.

    ``fill`` writes the pages (with a :class:`Writer`) as they are made, so a
    build never holds the whole site in memory. ``accept`` is asked once all is
    written; if it says no, the staging folder goes and ``out`` stays as it was.
    """
    out, staging = _staging(out)
    try:
        (staging / MARKER).write_bytes(_MARKER_TEXT)
        count = fill(staging)
        if not accept():
            return None
        _swap(staging, out)
        return count
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def update_site(out: Path, fill: Callable[[Path], int], accept: Callable[[], bool], stale: Callable[[], Iterable[str]]) -> int | None:
    """Bring a previous build in ``out`` up to date: ``fill`` writes only what changed into a staging folder; the file count.

    Once ``accept`` says yes, ``stale`` files (ones the previous build wrote
    that this one does not) are removed and the staged files moved into
    ``out`` one by one, each replacing its old version in a single rename.
    Until then ``out`` is untouched; if it says no, nothing in ``out`` changes.
    """
    out, staging = _staging(out)
    try:
        count = fill(staging)
        if not accept():
            return None
        for path in sorted(stale()):
            _remove(out, path)
        _move_into(staging, out)
        return count
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _staging(out: Path) -> tuple[Path, Path]:
    """``out`` resolved, and a new staging folder beside it."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    return out, Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))


def _remove(out: Path, path: str) -> None:
    """Remove one file a previous build wrote, and the folders it leaves empty (never ``out`` itself)."""
    target = Path(safe_join(out, path))
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != out and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _move_into(staging: Path, out: Path) -> None:
    for parent, _, names in os.walk(staging):
        here = Path(parent)
        there = out / here.relative_to(staging)
        there.mkdir(exist_ok=True)
        for name in names:
            os.replace(here / name, there / name)


class Writer:
    """Writes files into one folder, making each subfolder once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: set[str] = {str(folder)}

    def write(self, file: OutputFile | RecordFile) -> tuple[int, int]:
        """Write ``file`` at its path inside the folder; its size and modification time."""
        target = safe_join(self.folder, file.path)
        parent = target.rpartition("/")[0]
        if parent not in self._made:
            # exist_ok: another worker process may make the same folder at the same moment
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        if isinstance(file, RecordFile):
            with open(target, "wb") as stream:
                file.write_to(stream)
                stream.flush()  # the size and time are those of the file as it will stay
                stat = os.fstat(stream.fileno())
            return stat.st_size, stat.st_mtime_ns
        # a page is written whole, in one call: no buffered file object needed (thousands of pages per build)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        try:
            data = memoryview(file.data)
            while data:
                data = data[os.write(descriptor, data):]
            stat = os.fstat(descriptor)
        finally:
            os.close(descriptor)
        return stat.st_size, stat.st_mtime_ns


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
