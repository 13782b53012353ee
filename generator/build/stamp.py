"""The build stamp: what a build read and what it left in the output, so that a build with nothing changed stops at once.

A build that finds every input as the last build found it, and the output as
that build left it, would make the same bytes and keep every file where it is:
it has nothing to do. The stamp, kept with the caches in ``.timeline-cache/``,
records both halves:

- the inputs, as one digest: every entry under ``content/`` and under each theme
  folder (its path, type, size, modification and change times and inode, and
  for a symlinked file those of its target), this generator's code and the
  libraries' versions, the settings and command-line options, the folders,
  and today's date (an update dated after today is refused, so another day may
  judge the same content differently);
- the output: every file the build wrote or carried (the site, its caches, the
  marker) and every folder holding them, with type, mode, size, modification
  time and inode as ``lstat`` sees them. The user's own files are left out: a
  build carries them as they are, so they change nothing it would do.

The digest is taken before anything is read, so an edit made while a build
runs is seen by the next one. A file changed within :data:`~generator.content.cache.RACY_NS` before
the digest is not trusted (a second edit in the same tick of the file system's
clock would leave its times as they were): that build writes a stamp no build
matches (:data:`UNTRUSTED`), so that publishing takes the same steps whatever
the clock says. A content or theme folder holding a symlink to a folder has no
digest either, since what lies behind the link is not listed: every build there
takes the usual path. ``--no-cache`` writes no stamp.
"""

from __future__ import annotations

import array
import datetime
import hashlib
import importlib.util
import marshal
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.cache import CACHE_DIR, RACY_NS
from ..content.engine import ENGINE_VARIABLE, compiled_available
from ..errors import Problem, Severity
from .previous import folders

STAMP_FILE = f"{CACHE_DIR}/stamp.marshal"
UNTRUSTED = b""
"""The inputs of a stamp written by a build whose inputs have no digest: no build's digest matches it."""
_FORMAT = 2
_LIBRARIES = ("PIL", "markdown_it_pyrs")
"""Optional libraries a build may load, by module: their installed files stand for their versions."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What the build that wrote a stamp reports: its counts and its warnings, said again when nothing changed."""

    files: int
    events: int
    entities: int
    drafts: int
    problems: tuple[Problem, ...]


class Unlisted(Exception):
    """An input folder holds something the digest cannot vouch for (a symlink to a folder)."""


def digest(root: Path, output: Path, theme_folders: Sequence[Path], settings: object) -> bytes | None:
    """The digest of a build's inputs; ``None`` when no stamp may stand for them (see the module)."""
    started = time.time_ns()
    hasher = hashlib.blake2b(digest_size=32)
    facts = (_FORMAT, sys.version, os.fspath(root.resolve()), os.fspath(output), repr(settings),
             datetime.date.today().isoformat(), os.environ.get(ENGINE_VARIABLE, ""), compiled_available(), _libraries())
    hasher.update(repr(facts).encode())
    newest = 0
    try:
        for top in (root / "content", *theme_folders):
            hasher.update(b"\0top\0" + os.fsencode(top) + b"\0")
            newest = max(newest, _list(os.fsencode(top), b"", hasher))
    except Unlisted:
        return None
    return None if newest >= started - RACY_NS else hasher.digest()


def _libraries() -> tuple[tuple[str, int, int] | None, ...]:
    found = []
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        try:
            status = os.stat(origin) if origin else None
        except OSError:
            status = None
        found.append((origin or "", status.st_size, status.st_mtime_ns) if status else None)
    return tuple(found)


def _list(folder: bytes, shown: bytes, hasher: hashlib.blake2b) -> int:
    """Feed every entry under ``folder`` to ``hasher``, in name order; the latest change time met.

    Change times only: a program cannot set them (a modification time can be
    anything, even in the future), and every change moves them on.
    """
    try:
        with os.scandir(folder) as found:
            entries = sorted(((e.name, e.path, e.stat(follow_symlinks=False)) for e in found), key=lambda item: item[0])
    except FileNotFoundError:
        hasher.update(b"\0missing\0")
        return 0
    except OSError as exc:
        raise Unlisted(folder) from exc
    newest = 0
    for name, path, status in entries:
        shown_path = shown + b"/" + name
        hasher.update(shown_path + b"\0" + _facts(status))
        newest = max(newest, status.st_ctime_ns)
        if stat.S_ISLNK(status.st_mode):
            try:
                target = os.stat(path)
            except OSError:
                hasher.update(b"\0dangling\0")
                continue
            if stat.S_ISDIR(target.st_mode):
                raise Unlisted(path)
            hasher.update(_facts(target))
            newest = max(newest, target.st_ctime_ns)
        elif stat.S_ISDIR(status.st_mode):
            newest = max(newest, _list(path, shown_path, hasher))
    return newest


def _facts(status: os.stat_result) -> bytes:
    return b"%d %d %d %d %d %d\0" % (status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def make(site: Path, paths: Iterable[str], inputs: bytes, summary: Summary) -> bytes:
    """The stamp of a staged site: ``inputs``, ``summary``, and how each of ``paths`` and their folders stand in ``site`` now."""
    owned = sorted(set(paths) - {STAMP_FILE})
    listed = ["", *sorted(folders(owned)), *owned]
    standings = array.array("q")
    for path in listed:
        standings.extend(_standing(os.lstat(f"{site}/{path}")))
    problems = tuple((p.path, p.line, p.key, p.message, p.severity.value, p.column) for p in summary.problems)
    counts = (summary.files, summary.events, summary.entities, summary.drafts)
    # one string and one array, not a record per entry: the next build reads them back in a glance
    return marshal.dumps((_FORMAT, inputs, counts, problems, "\0".join(listed), standings.tobytes()), 4)


def _standing(status: os.stat_result) -> tuple[int, int, int, int]:
    """What must be as it was: a folder's mode and inode (its time moves with what the user puts in it), a file's size and time too."""
    if stat.S_ISDIR(status.st_mode):
        return status.st_mode, 0, 0, status.st_ino
    return status.st_mode, status.st_size, status.st_mtime_ns, status.st_ino


@dataclass(frozen=True, slots=True)
class Stamp:
    """A stamp as read back: the inputs' digest, the summary, and how each file and folder of the output stood."""

    inputs: bytes
    summary: Summary
    paths: list[str]
    standings: array.array[int]
    """Four numbers a path, in the order of ``paths`` (see :func:`_standing`)."""

    @classmethod
    def read(cls, output: Path) -> Stamp | None:
        """The stamp in ``output``; ``None`` when there is none or it cannot be read."""
        try:
            with open(f"{output}/{STAMP_FILE}", "rb") as stream:
                version, inputs, counts, problems, paths, standings = marshal.load(stream)
            if version != _FORMAT:
                return None
            found = tuple(Problem(path, line, key, message, Severity(severity), column) for path, line, key, message, severity, column in problems)
            numbers = array.array("q")
            numbers.frombytes(standings)
            listed = paths.split("\0")
            if len(numbers) != 4 * len(listed):
                return None
            files, events, entities, drafts = counts
            return cls(inputs, Summary(files, events, entities, drafts, found), listed, numbers)
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def intact(self, output: Path) -> bool:
        """Whether everything the stamp lists is in ``output`` as it was (no symlink in a file's or folder's place)."""
        numbers = self.standings
        try:
            for index, path in enumerate(self.paths):
                if _standing(os.lstat(f"{output}/{path}")) != tuple(numbers[4 * index:4 * index + 4]):
                    return False
        except OSError:
            return False
        return True
