"""Work spread over the machine's cores where it pays: converting Markdown bodies.

Parsing Markdown is most of a cold build. Bodies are independent, so they are
converted in forked worker processes, each with its own parser, and come back
as small :class:`~generator.markdown.Body` records in the order they were
given: the result is the same as the serial path, byte for byte.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence

from markdown_it import MarkdownIt

from .markdown import Body, convert, make_markdown

MIN_PARALLEL = 200
"""Below this many bodies, starting workers costs more than it saves."""

_worker_md: MarkdownIt | None = None


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
    # fork only a single-threaded process: a thread holding a lock at fork time would deadlock the child
    if len(items) < MIN_PARALLEL or count < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        md = make_markdown(raw_html=raw_html)
        return [convert(md, text, line) for text, line in items]
    with multiprocessing.get_context("fork").Pool(count, initializer=_start, initargs=(raw_html,)) as pool:
        return pool.starmap(_convert, items, chunksize=max(1, len(items) // (count * 8)))
