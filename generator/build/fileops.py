"""The file operations of publishing a build, each counted, none following a symlink.

Publishing (see :mod:`generator.build.output`) changes the disk only through
:class:`Operations`, so a test can stop it after any one of them: with
``TIMELINE_FAULT_AFTER=N`` in the environment, the Nth operation raises an
``OSError`` (``TIMELINE_FAULT_MODE=raise``, the default) or kills the process
outright (``TIMELINE_FAULT_MODE=kill``); ``TIMELINE_FAULT_COUNT_FILE`` names a
file to which the count is written once publishing ends, so a test knows the range. That is how the tests show that a
build stopped at any instant leaves the old site or the new one, never a mix.
``TIMELINE_RENAME_EXCHANGE=0`` makes the swap take the fallback path that file
systems without ``RENAME_EXCHANGE`` take, so that path is tested too.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import signal
import stat

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """The C library's ``renameat2``, if it has one."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


class Operations:
    """Counts the operations of one publish step, and stops it at the one the environment names."""

    def __init__(self) -> None:
        after = os.environ.get("TIMELINE_FAULT_AFTER", "")
        self.fault_at = int(after) if after.isdigit() else 0
        self.kill = os.environ.get("TIMELINE_FAULT_MODE") == "kill"
        self.exchange_allowed = os.environ.get("TIMELINE_RENAME_EXCHANGE") != "0"
        self.count = 0
        self._report_to = os.environ.get("TIMELINE_FAULT_COUNT_FILE")

    def report(self) -> None:
        """Write how many operations there were where the test asked for it."""
        if self._report_to:
            with open(self._report_to, "w", encoding="utf-8") as stream:
                stream.write(f"{self.count}\n")

    def step(self, what: str, path: str) -> None:
        """Count one operation on ``path``; the injected fault, if this is the one."""
        self.count += 1
        if self.count != self.fault_at:
            return
        if self.kill:
            os.kill(os.getpid(), signal.SIGKILL)
        raise OSError(errno.EIO, f"injected fault at operation {self.count} ({what})", path)

    def mkdir(self, path: str) -> None:
        """Make one folder."""
        self.step("mkdir", path)
        os.mkdir(path)

    def create(self, path: str, data: bytes, *, lock: bool = False) -> int:
        """Write a new file (never an existing one, never through a symlink); an open descriptor to it.

        With ``lock`` the file is locked before anything is written in it, so
        no one sees its text without the lock held.
        """
        self.step("create", path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        try:
            if lock:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.step("write", path)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except BaseException:
            os.close(fd)
            raise
        return fd

    def link(self, source: str, target: str) -> None:
        """Hard-link ``source`` (a symlink itself if it is one) as ``target``."""
        self.step("link", target)
        os.link(source, target, follow_symlinks=False)

    def rename(self, source: str, target: str) -> None:
        """Rename in one step."""
        self.step("rename", target)
        os.rename(source, target)

    def exchange(self, first: str, second: str) -> bool:
        """Swap two folders in one atomic step; ``False`` where the system cannot (nothing changed then)."""
        if _RENAMEAT2 is None or not self.exchange_allowed:
            return False
        self.step("exchange", second)
        if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
            return True
        code = ctypes.get_errno()
        if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            return False
        raise OSError(code, os.strerror(code), second)

    def remove_tree(self, path: str, last: str = "") -> None:
        """Remove the folder at ``path`` and all in it, never following a symlink out of it; its entry ``last`` goes last.

        Each folder is opened with ``O_NOFOLLOW`` and emptied through its
        descriptor. A folder whose mode keeps its owner out (a user's ``chmod
        555`` on a page folder) is opened up first: this is the generator's own
        old tree, on its way out.
        """
        parent, _, name = path.rstrip("/").rpartition("/")
        fd = os.open(parent or "/", _DIRECTORY)
        try:
            self._remove_in(fd, name, path, last)
        finally:
            os.close(fd)

    def _remove_in(self, parent: int, name: str, shown: str, last: str = "") -> None:
        try:
            fd = os.open(name, _DIRECTORY, dir_fd=parent)
        except PermissionError:
            os.chmod(name, 0o700, dir_fd=parent)
            fd = os.open(name, _DIRECTORY, dir_fd=parent)
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) & 0o300 != 0o300:
                os.fchmod(fd, 0o700)
            with os.scandir(fd) as entries:
                names = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
            # the marker naming a temporary folder goes last: stopped half-way, the folder is still known as a leftover
            for child, is_dir in sorted(names, key=lambda item: (item[0] == last, item[0])):
                if is_dir:
                    self._remove_in(fd, child, f"{shown}/{child}")
                else:
                    self.step("unlink", f"{shown}/{child}")
                    os.unlink(child, dir_fd=fd)
        finally:
            os.close(fd)
        self.step("rmdir", shown)
        os.rmdir(name, dir_fd=parent)
