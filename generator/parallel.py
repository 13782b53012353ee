"""Work spread over the machine's cores where it pays: converting Markdown, rendering pages.

Bodies are independent, so they are converted in forked worker processes,
each with its own parser, while the content files are still being read, and
come back as small :class:`~generator.markdown.Body` records. Pages are independent too once the site
is frozen: :func:`run_all` hands numbered tasks to forked workers, which
inherit the site and the task list from the parent and send back only what
each task reports. Either way the result is the serial path's, byte for byte.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

from markdown_it import MarkdownIt

from .cache import BodyCache
from .cache import key as cache_key
from .markdown import Body, convert, make_markdown

MIN_PARALLEL = 200
"""Below this many content files, starting workers for their bodies costs more than it saves."""

MIN_TASKS = 400
"""Below this many page tasks, rendering stays in this process."""
CHUNK = 32
"""Tasks a worker takes at a time: small enough to share the work out evenly at the end."""

R = TypeVar("R")
_worker_md: MarkdownIt | None = None
_work: Callable[[int], Any] | None = None


def workers() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(raw_html: bool) -> None:
    global _worker_md
    _worker_md = make_markdown(raw_html=raw_html)


def _convert_chunk(items: list[tuple[str, int]]) -> list[Body]:
    assert _worker_md is not None
    return [convert(_worker_md, text, line) for text, line in items]


class Converter:
    """Bodies by key: from the body cache, or converted as they are handed in.

    On a large site (``expected`` bodies or more), once a chunk of bodies
    the cache does not know is waiting, forked workers start converting them
    while this process goes on reading the rest, so the two overlap;
    :meth:`results` waits for them. Otherwise (few bodies to convert, or no
    fork) they are converted here, in :meth:`results`. Use as a context
    manager, so the workers go even when loading stops early.
    """

    def __init__(self, raw_html: bool, expected: int, cache: BodyCache | None = None) -> None:
        self.raw_html, self.cache = raw_html, cache
        self._many = expected >= MIN_PARALLEL
        self._pool: Pool | None = None
        self._cached: dict[str, Body] = {}
        self._keys: dict[str, str] = {}
        self._pending: list[tuple[str, str, int]] = []
        self._sent: list[tuple[list[str], AsyncResult[list[Body]]]] = []

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()

    def submit(self, key: str, text: str, first_line: int) -> None:
        """The body ``text`` (whose first line is line ``first_line`` of its file), known by ``key``."""
        if self.cache is not None:
            self._keys[key] = cache_key(text, first_line, self.raw_html)
            found = self.cache.get(self._keys[key])
            if found is not None:
                self._cached[key] = found
                return
        self._pending.append((key, text, first_line))
        if len(self._pending) >= CHUNK and (self._pool is not None or self._start_pool()):
            self._send()

    def results(self) -> dict[str, Body]:
        """Every body handed in, by key; those converted are added to the cache."""
        if self._pool is None:
            md = make_markdown(raw_html=self.raw_html)
            converted = {key: convert(md, text, line) for key, text, line in self._pending}
        else:
            self._send()
            converted = {key: body for keys, result in self._sent for key, body in zip(keys, result.get(), strict=True)}
        self._pending, self._sent = [], []
        if self.cache is not None:
            for key, body in converted.items():
                self.cache.put(self._keys[key], body)
        return self._cached | converted

    def _start_pool(self) -> bool:
        if self._many and can_fork():
            self._pool = multiprocessing.get_context("fork").Pool(workers(), initializer=_start, initargs=(self.raw_html,))
        self._many = False  # asked once
        return self._pool is not None

    def _send(self) -> None:
        if self._pending and self._pool is not None:
            chunk, self._pending = self._pending, []
            self._sent.append(([key for key, _, _ in chunk], self._pool.apply_async(_convert_chunk, ([(text, line) for _, text, line in chunk],))))


def can_fork() -> bool:
    """Whether work may go to forked workers: more than one core, and a fork that is safe here."""
    # fork only a single-threaded process: a thread holding a lock at fork time would deadlock the child
    return workers() > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _run_chunk(numbers: range) -> list[Any]:
    assert _work is not None
    return [_work(n) for n in numbers]


def run_all(count: int, work: Callable[[int], R]) -> Iterator[R]:
    """``work(n)`` for every ``n`` below ``count``: in forked workers when there are many, results in no fixed order.

    The workers inherit ``work`` (and all it reaches) from this process at the
    fork, so nothing but the numbers and the results crosses between processes.
    """
    global _work
    if count < MIN_TASKS or not can_fork():
        yield from map(work, range(count))
        return
    chunks = [range(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(workers()) as pool:
            for results in pool.imap_unordered(_run_chunk, chunks):
                yield from results
    finally:
        _work = None
