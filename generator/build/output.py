"""Publishing a build: the whole new site staged beside the output, then swapped in with one atomic exchange.

Whoever reads the output folder (a person, a web server, the next build) finds
the complete previous site or the complete new one, whenever the build fails
or is killed. The new site is staged in a temporary folder beside the output:
what changed is written fresh, what did not is hard-linked from the current
output (never written through: a file is only ever written new), and the
files a user put in the output are linked across too. Then one
``renameat2(RENAME_EXCHANGE)`` swaps the two folders, and the old one is
removed. Where the file system cannot exchange, the old folder is renamed
aside and the new one renamed in: between those two renames the output folder
is missing for a moment, and a build killed there is rolled back by the next.

Every temporary folder holds a marker file naming the output it belongs to,
locked while its build runs; the next build removes any it finds unlocked (a
killed or failed build's), recognised by that marker, never by its name.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path

from ..outputfile import OutputFile, RecordFile
from .fileops import Operations
from .previous import MARKER, Previous, ScanError, folders, is_internal, marker_text
from .stamp import STAMP_FILE

__all__ = ["MARKER", "OutputError", "Output", "Seal", "Writer", "check_target", "remove_leftovers", "resolve_target", "safe_join"]

TEMPORARY_MARKER = ".timeline-temporary"
_SITE, _OLD = "site", "old"

Seal = Callable[[Path, Collection[str], int], bytes]
"""Makes the stamp of a staged site (see :mod:`generator.build.stamp`) from the folder, the paths the build owns in it and its file count."""


class OutputError(Exception):
    """The output folder cannot be used or written; the message says why."""


def resolve_target(out: Path) -> Path:
    """The real folder ``out`` names, through any symlinks; a symlink loop or a dangling link is refused."""
    try:
        target = out.resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError for a loop, later ones OSError
        raise OutputError(f"cannot use {out} as the output folder: {_reason(exc)}") from None
    if out.is_symlink() and not os.path.lexists(target):
        raise OutputError(f"refusing to build into {out}: it is a symlink to {target}, which does not exist; make that folder first")
    return target


def _reason(exc: Exception) -> str:
    return "a symlink loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP else str(exc)


def check_target(out: Path, root: Path, content: Path) -> None:
    """Refuse folders that must never be replaced by a build."""
    target = resolve_target(out)
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


class Output:
    """One build's output folder: what the previous build left in it, and the publishing of the next site.

    Opening it removes what killed or failed builds left beside it (rolling
    back one stopped half-way through the fallback swap) and reads the
    previous output without following symlinks.
    """

    def __init__(self, out: Path) -> None:
        self.target = resolve_target(out)
        self.ops = Operations()
        _recover(self.target, self.ops)
        try:
            self.previous = Previous.scan(self.target)
        except ScanError as exc:
            raise OutputError(exc.args[0]) from None

    def publish(self, fill: Callable[[Path], int], accept: Callable[[], bool], kept: Callable[[], Collection[str]],
                paths: Callable[[], Collection[str]], *, keep_caches: bool, seal: Seal | None = None) -> int | None:
        """Stage the new site and swap it in; the file count, or ``None`` when ``accept`` says no (nothing changed then).

        ``fill`` writes what this build made into the staging folder; ``kept``
        names the files it kept from the previous output, and ``paths`` every
        file of the new output. ``keep_caches`` carries the previous caches
        across where this build did not write new ones. ``seal`` makes the
        new output's stamp, written last when the build swaps (an output that
        already is the new site stays as it is, its stamp too).
        """
        self.target.parent.mkdir(parents=True, exist_ok=True)
        temporary = _Temporary(self.target, self.ops)
        try:
            count = fill(temporary.site)
            if not accept():
                return None
            if keep_caches and self._already_published(temporary.site, paths()):
                return count
            owned = _Staging(self.previous, temporary.site, self.ops).complete(kept(), paths(), keep_caches)
            if seal is not None:
                # the last file staged: it records how every other one stands
                os.close(self.ops.create(f"{temporary.site}/{STAMP_FILE}", seal(temporary.site, owned, count)))
            temporary.swap_in(self.previous.exists)
            return count
        finally:
            temporary.discard()
            self.ops.report()

    def _already_published(self, site: Path, paths: Collection[str]) -> bool:
        """Whether the output already is the new site: this build wrote nothing new and makes just the files the last one did.

        Then there is nothing to swap (the warm build of an unchanged site):
        every file was kept as it is, the caches included, and the user's
        files are where they were.
        """
        with os.scandir(site) as written:
            if any(written):
                return False
        return marker_text(p for p in paths if not is_internal(p)) == self.previous.marker


class _Temporary:
    """A marked, locked folder beside the output, with the new site staged in it."""

    def __init__(self, target: Path, ops: Operations) -> None:
        self.target, self.ops = target, ops
        ops.step("mkdir", str(target.parent))
        self.folder = tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent)
        self.site = Path(self.folder) / _SITE
        self.lock = -1
        try:
            self.lock = ops.create(f"{self.folder}/{TEMPORARY_MARKER}", _temporary_text(target), lock=True)
            ops.mkdir(str(self.site))
        except BaseException:
            self.discard()
            raise

    def swap_in(self, replace: bool) -> None:
        """Put the staged site in the output's place in one step (the old output takes the staged site's)."""
        site, target = str(self.site), str(self.target)
        if not replace:
            self.ops.rename(site, target)
        elif not self.ops.exchange(site, target):
            self.ops.rename(target, f"{self.folder}/{_OLD}")
            self.ops.rename(site, target)

    def discard(self) -> None:
        """Remove the folder and all in it (the old output, after a swap); what cannot go now, the next build removes."""
        try:
            self.ops.remove_tree(self.folder, TEMPORARY_MARKER)
        except OSError:
            pass
        finally:
            if self.lock >= 0:
                os.close(self.lock)


def remove_leftovers(target: Path) -> None:
    """Remove what killed or failed builds left beside ``target``, as :class:`Output` does, for a build that publishes nothing."""
    ops = Operations()
    try:
        _recover(target, ops)
    finally:
        ops.report()


def _temporary_text(target: Path) -> bytes:
    # the path as the file system has it: a folder name need not be UTF-8
    return b"A temporary folder of `timeline build` for " + os.fsencode(target) + b"; the next build into that folder removes it.\n"


def _recover(target: Path, ops: Operations) -> None:
    """Remove the temporary folders killed or failed builds left beside ``target``; bring back an output a fallback swap left missing."""
    try:
        with os.scandir(target.parent) as siblings:
            candidates = sorted(e.path for e in siblings if e.name.startswith(".") and e.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot read {target.parent}: {exc.strerror or exc}") from None
    for folder in candidates:
        try:
            _remove_leftover(folder, target, ops)
        except OSError as exc:
            raise OutputError(f"cannot remove {folder}, left by an earlier build: {exc.strerror or exc}") from None


def _remove_leftover(folder: str, target: Path, ops: Operations) -> None:
    """Remove ``folder`` if its marker says it is a temporary folder for ``target`` that no running build holds.

    A build killed in the instant between making its folder and finishing its
    marker leaves a folder holding nothing, or nothing but the start of a
    marker: such a folder with this output's temporary name goes too (removing
    it can lose nothing). Any other folder without the marker is not ours.
    """
    expected = _temporary_text(target)
    try:
        fd = os.open(f"{folder}/{TEMPORARY_MARKER}", os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        if os.path.basename(folder).startswith(f".{target.name}.staging-") and not os.listdir(folder):
            ops.step("rmdir", folder)
            os.rmdir(folder)
        return
    except OSError:
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode) or not _unlocked(fd):
            return
        text = os.read(fd, len(expected) + 1)
        unfinished = text != expected and expected.startswith(text) and os.listdir(folder) == [TEMPORARY_MARKER]
        if text == expected or (unfinished and os.path.basename(folder).startswith(f".{target.name}.staging-")):
            _roll_back(folder, target, ops)
            ops.remove_tree(folder, TEMPORARY_MARKER)
    finally:
        os.close(fd)


def _unlocked(fd: int) -> bool:
    """Whether no running build holds this marker's lock (taking it if so)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _roll_back(folder: str, target: Path, ops: Operations) -> None:
    """A build killed between the fallback swap's two renames left no output: put the previous one back."""
    old = f"{folder}/{_OLD}"
    if not os.path.lexists(target) and stat.S_ISDIR(os.lstat(old).st_mode if os.path.lexists(old) else 0):
        ops.rename(old, str(target))


class _Staging:
    """Completes a staging folder: the files kept from the previous output, the user's files, the marker."""

    def __init__(self, previous: Previous, site: Path, ops: Operations) -> None:
        self.previous, self.site, self.ops = previous, str(site), ops
        self._folders: set[str] = set()

    def complete(self, kept: Collection[str], paths: Collection[str], keep_caches: bool) -> list[str]:
        """Link the kept files and the user's into the staging folder, then write the marker with the manifest.

        Returns the files the build owns in the staging folder: all but the user's.
        """
        site_paths = {path for path in paths if not is_internal(path)}
        self._refuse_collisions(set(paths) | {MARKER})
        users = self.previous.users()
        carried = [*kept, *users]
        caches: list[str] = []
        if keep_caches:
            # never the stamp: it speaks of the output it was made in, and a build makes its own
            caches = [p for p in self.previous.entries if is_internal(p) and p not in (MARKER, STAMP_FILE) and p not in paths]
        for path in sorted([*carried, *caches]):
            self._link(path)
        text = marker_text(site_paths)
        if text == self.previous.marker:
            self._link(MARKER)
        else:
            os.close(self.ops.create(f"{self.site}/{MARKER}", text))
        return [*paths, *kept, *caches, MARKER]

    def _refuse_collisions(self, paths: set[str]) -> None:
        """A user's file where this build writes a file or needs a folder stops the build: it is never deleted."""
        needed = folders(paths)
        clashes = [p for p in self.previous.users() if p in paths or p in needed or any(f in paths for f in folders((p,)))]
        if clashes:
            shown = ", ".join(clashes[:10]) + (f" and {len(clashes) - 10} more" if len(clashes) > 10 else "")
            raise OutputError(f"files you put in {self.previous.folder} are where this build writes its own: {shown}; "
                              "move them, and the build will keep them wherever they do not clash")

    def _link(self, path: str) -> None:
        parent = path.rpartition("/")[0]
        if parent and parent not in self._folders:
            self._make_folders(parent)
        self.ops.link(f"{self.previous.folder}/{path}", f"{self.site}/{path}")

    def _make_folders(self, parent: str) -> None:
        """Make ``parent`` and the folders above it in the staging folder, those the writers did not make already."""
        above = parent.rpartition("/")[0]
        if above and above not in self._folders:
            self._make_folders(above)
        try:
            self.ops.mkdir(f"{self.site}/{parent}")
        except FileExistsError:
            pass  # a page written into it made it
        self._folders.add(parent)


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
            self._make_folder(parent)
        if isinstance(file, RecordFile):
            with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666), "wb") as stream:
                file.write_to(stream)
                stream.flush()  # the size and time are those of the file as it will stay
                stat = os.fstat(stream.fileno())
            return stat.st_size, stat.st_mtime_ns
        # a page is written whole, in one call: no buffered file object needed (thousands of pages per build)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        try:
            data = memoryview(file.data)
            while data:
                data = data[os.write(descriptor, data):]
            stat = os.fstat(descriptor)
        finally:
            os.close(descriptor)
        return stat.st_size, stat.st_mtime_ns

    def _make_folder(self, folder: str) -> None:
        # most folders are one page's, inside a folder made already: one mkdir, not makedirs' look first
        try:
            os.mkdir(folder)
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:
            pass  # another worker process made it
        self._made.add(folder)
