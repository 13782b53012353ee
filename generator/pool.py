"""Work spread over the machine's cores where it pays, knowing nothing of what the work is.

The stages hand their work in: :mod:`generator.content.convert` starts a
:func:`fork_pool` whose workers convert Markdown bodies, and the build gives
:func:`run_all` its page tasks. Forked workers inherit the parent's state
(the frozen site, the task list) at the fork, so only numbers and results
cross between processes, and the result is the serial path's, byte for byte.
"""

from __future__ import annotations

import cProfile
import ctypes
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import Any, TypeVar

MIN_TASKS = 400
"""Below this many page tasks, rendering stays in this process."""
CHUNK = 32
"""Items a worker converting Markdown takes at a time: small enough to share the work out evenly at the end."""
LAST_CHUNK = 8
"""The fewest page tasks :func:`run_all` hands a worker at a time (at the end, to share the last of the work out evenly)."""

WATCH = 0.2
"""Seconds between looks, while waiting for workers' results, at whether each worker still runs."""

PROFILE_VARIABLE = "TIMELINE_PROFILE"
"""Set to a folder, and the build process and each worker write their cProfile stats there as ``<role>-<pid>.prof``."""

R = TypeVar("R")
_work: Callable[[int], Any] | None = None
_profile: tuple[cProfile.Profile, str] | None = None
"""This process's profiler and the file it saves to, when profiling (a test and bench hook, off by default)."""


class WorkerLost(Exception):
    """A worker process ended before its work was done: killed from outside (``kill -9``, the out-of-memory killer)."""

    def __str__(self) -> str:
        return "a worker process stopped before its work was done (killed from outside, or out of memory?); nothing was written"


class Watched:
    """A pool's workers, as started: waiting on their results ends with :class:`WorkerLost` once one of them has ended.

    :class:`multiprocessing.pool.Pool` starts a new worker in place of one that
    ended, but the work the old one held is lost, and a wait for its result
    would last for ever. Its workers end only when the pool does, so one that
    ends sooner was killed.
    """

    def __init__(self, pool: Pool, before: set[int]) -> None:
        self.pool = pool
        self._started = _children() - before

    @classmethod
    def start(cls, processes: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Watched:
        """A pool of ``processes`` forked workers, each started by ``initializer(*initargs)``."""
        before = _children()
        return cls(multiprocessing.get_context("fork").Pool(processes, initializer=initializer, initargs=initargs), before)

    def wait(self, get: Callable[[float], R]) -> R:
        """``get(timeout)`` (an ``AsyncResult.get`` or an ``imap`` iterator's ``next``) until it answers, or a worker has ended."""
        while True:
            try:
                return get(WATCH)
            except multiprocessing.TimeoutError:
                if not self._started <= _children():
                    raise WorkerLost from None


def _children() -> set[int]:
    return {process.pid for process in multiprocessing.active_children() if process.pid is not None}


def start_profile(role: str) -> None:
    """Profile this process as ``role`` (``parent``, ``convert``, ``render``) when :data:`PROFILE_VARIABLE` names a folder."""
    global _profile
    folder = os.environ.get(PROFILE_VARIABLE)
    if _profile is not None:  # a forked worker inherits its parent's profiler: its work is its own
        _profile[0].disable()
        _profile = None
    if folder:
        _profile = (cProfile.Profile(), os.path.join(folder, f"{role}-{os.getpid()}.prof"))
        _profile[0].enable()


def save_profile() -> None:
    """Write the stats so far and go on profiling: workers are stopped without notice, so each saves after every chunk."""
    if _profile is not None:
        _profile[0].dump_stats(_profile[1])
        _profile[0].enable()


@contextmanager
def profiled(role: str) -> Iterator[None]:
    """Profile what runs inside as ``role``, when :data:`PROFILE_VARIABLE` is set; saved on the way out."""
    start_profile(role)
    try:
        yield
    finally:
        save_profile()
        if _profile is not None:
            _profile[0].disable()


def workers() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _trimmer() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


_malloc_trim = _trimmer()
"""glibc's ``malloc_trim``, or ``None`` where the C library has none."""


def release_memory() -> None:
    """Give the memory this process has freed back to the system, where the C library allows it.

    Freed memory between live objects stays with the process otherwise. A
    worker forked now starts as large as its parent, so what loading let go
    of (every file's text, the parser's values) would count again in each.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in this process (and the workers it forks) until the block ends.

    A build's records, pages and link lists live until it ends and make
    (almost) no reference cycles, so a full collection frees nothing, yet it
    walks every live object again: the more there are, the more often and
    the longer. At 20,000 events the parent spent 1.7 s of its 11.8 s of CPU
    collecting, with the same peak memory without it. Reference counting
    still frees everything else as soon as it is let go.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def fork_pool(initializer: Callable[..., None], initargs: tuple[Any, ...] = (), role: str = "worker") -> Watched | None:
    """A pool of forked workers, one per core, each started by ``initializer(*initargs)``; ``None`` where forking does not pay or is unsafe.

    ``role`` names the workers' profiles (see :data:`PROFILE_VARIABLE`); their work calls :func:`save_profile` after each chunk.
    """
    if not can_fork():
        return None
    release_memory()
    return Watched.start(workers(), _start_worker, (role, initializer, initargs))


def _start_worker(role: str, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    start_profile(role)
    initializer(*initargs)


def can_fork() -> bool:
    """Whether work may go to forked workers: more than one core, and a fork that is safe here."""
    # fork only a single-threaded process: a thread holding a lock at fork time would deadlock the child
    return workers() > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def forks(count: int) -> bool:
    """Whether :func:`run_all` will give ``count`` items to forked workers."""
    return count >= MIN_TASKS and can_fork()


def _run_chunk(numbers: range) -> list[Any]:
    assert _work is not None
    results = [_work(n) for n in numbers]
    save_profile()
    return results


def guided_chunks(count: int, processes: int) -> list[range]:
    """``range(count)`` in consecutive chunks, large at first and smaller as fewer are left, down to :data:`LAST_CHUNK`.

    Each chunk's results cross back in one message, and each message costs the
    parent a wake-up: large chunks make few of them, and the small ones at the
    end still share the last of the work out evenly.
    """
    chunks = []
    start = 0
    while start < count:
        size = max(LAST_CHUNK, (count - start) // (processes * 4))
        chunks.append(range(start, min(start + size, count)))
        start += size
    return chunks


def run_all(count: int, work: Callable[[int], R], meanwhile: Callable[[], object] = lambda: None) -> Iterator[R]:
    """``work(n)`` for every ``n`` below ``count``: in forked workers when there are many, results in no fixed order.

    The workers inherit ``work`` (and all it reaches) from this process at the
    fork, so nothing but the numbers and the results crosses between processes.
    A worker killed meanwhile ends it with :class:`WorkerLost`. ``meanwhile`` runs once in this process before the first result: while the
    workers start on theirs, when there are workers, else before any work.
    """
    global _work
    if not forks(count):
        meanwhile()
        yield from map(work, range(count))
        return
    chunks = guided_chunks(count, workers())
    _work = work
    release_memory()
    try:
        watched = Watched.start(workers(), start_profile, ("render",))
        with watched.pool:
            results = watched.pool.imap_unordered(_run_chunk, chunks)
            meanwhile()  # forked already: the workers do not inherit what it makes
            for _ in chunks:
                yield from watched.wait(results.next)
    finally:
        _work = None
