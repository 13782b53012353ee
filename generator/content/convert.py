"""Markdown bodies converted while the content files are still being read, in forked workers when there are many.

Bodies are independent, so on a large site they go, a chunk at a time, to
workers from :func:`generator.pool.fork_pool`, each with its own
:class:`~generator.content.engine.Engine`, and
come back as small :class:`~generator.content.markdown.Body` records. The
result is the serial path's, byte for byte.
"""

from __future__ import annotations

from multiprocessing.pool import AsyncResult

from ..pool import CHUNK, Watched, fork_pool, save_profile
from .cache import BodyCache
from .cache import key as cache_key
from .engine import Engine
from .markdown import Body

MIN_PARALLEL = 200
"""Below this many content files, starting workers for their bodies costs more than it saves."""

_worker_engine: Engine | None = None


def _start(raw_html: bool) -> None:
    global _worker_engine
    _worker_engine = Engine(raw_html=raw_html)


def _convert_chunk(items: list[tuple[str, int]]) -> list[Body]:
    assert _worker_engine is not None
    bodies = [_worker_engine.convert(text, line) for text, line in items]
    save_profile()
    return bodies


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
        self._pool: Watched | None = None
        self._cached: dict[str, Body] = {}
        self._keys: dict[str, str] = {}
        self._pending: list[tuple[str, str, int]] = []
        self._sent: list[tuple[list[str], AsyncResult[list[Body]]]] = []

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.pool.terminate()
            self._pool.pool.join()

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
            engine = Engine(raw_html=self.raw_html)
            converted = {key: engine.convert(text, line) for key, text, line in self._pending}
        else:
            self._send()
            pool = self._pool
            converted = {key: body for keys, result in self._sent for key, body in zip(keys, pool.wait(result.get), strict=True)}
        self._pending, self._sent = [], []
        if self.cache is not None:
            for key, body in converted.items():
                self.cache.put(self._keys[key], body)
        return self._cached | converted

    def _start_pool(self) -> bool:
        if self._many:
            self._pool = fork_pool(_start, (self.raw_html,), "convert")
        self._many = False  # asked once
        return self._pool is not None

    def _send(self) -> None:
        if self._pending and self._pool is not None:
            chunk, self._pending = self._pending, []
            self._sent.append(([key for key, _, _ in chunk], self._pool.pool.apply_async(_convert_chunk, ([(text, line) for _, text, line in chunk],))))
