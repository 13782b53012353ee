"""Work spread over the machine's cores where it pays: converting Markdown, rendering pages.

Bodies are independent, so they are converted in forked worker processes,
each with its own parser, and come back as small :class:`~generator.markdown.Body`
records in the order they were given. Pages are independent too once the site
is frozen: :func:`run_all` hands numbered tasks to forked workers, which
inherit the site and the task list from the parent and send back only what
each task reports. Either way the result is the serial path's, byte for byte.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from markdown_it import MarkdownIt

from .markdown import Body, convert, make_markdown

MIN_PARALLEL = 200
"""Below this many bodies, starting workers costs more than it saves."""

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


def _convert(text: str, first_line: int) -> Body:
    assert _worker_md is not None
    return convert(_worker_md, text, first_line)


def convert_all(items: Sequence[tuple[str, int]], *, raw_html: bool) -> list[Body]:
    """Convert ``(text, first_line)`` pairs, in parallel when there are many."""
    count = workers()
    if len(items) < MIN_PARALLEL or not can_fork():
        md = make_markdown(raw_html=raw_html)
        return [convert(md, text, line) for text, line in items]
    with multiprocessing.get_context("fork").Pool(count, initializer=_start, initargs=(raw_html,)) as pool:
        return pool.starmap(_convert, items, chunksize=max(1, len(items) // (count * 8)))


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
