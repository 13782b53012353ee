"""Writing a build: into a staging folder first, then swapped into place.

The output folder is only ever replaced whole, and only when it is one this
generator made (it holds :data:`MARKER`), so a failed build leaves the previous
output exactly as it was and no stale file survives a good one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from .outputfile import OutputFile

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


def safe_join(base: Path, relative: str) -> Path:
    """``base/relative``, refusing anything that would land outside ``base``."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise OutputError(f"refusing to write {relative!r}: outside the output folder")
    return base.joinpath(*pure.parts)


def write_site(out: Path, files: Iterable[OutputFile], static: Mapping[str, Path], accept: Callable[[], bool] = lambda: True) -> int | None:
    """Write everything to a staging folder beside ``out``, then swap it in; the file count.

    ``files`` may be a stream: each file is written as it comes, so a build
    never holds the whole site in memory. ``accept`` is asked once all is
    written; if it says no, the staging folder goes and ``out`` stays as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        count = _fill(staging, files, static)
        if not accept():
            shutil.rmtree(staging, ignore_errors=True)
            return None
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _fill(staging: Path, files: Iterable[OutputFile], static: Mapping[str, Path]) -> int:
    (staging / MARKER).write_bytes(_MARKER_TEXT)
    made: set[Path] = {staging}
    count = 0
    for file in files:
        target = safe_join(staging, file.path)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(file.data)
        count += 1
    for name, source in static.items():
        target = safe_join(staging, "static/" + name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        count += 1
    return count


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
