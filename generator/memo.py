"""Memoising build steps by their inputs, for incremental and warm builds.

Every step that may be skipped is called through a :data:`Memo` with a key and
a tuple of *everything the step reads*. A plain build uses :func:`no_memo`,
which always recomputes; the preview server keeps a :class:`RenderMemo`, which
reuses the previous result when the inputs are equal, so one edited event
re-reads one file and re-renders only the pages that show it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    """Call ``make()`` unless a result for ``key`` with equal ``inputs`` is known."""

    def __call__(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T: ...

    def knows(self, key: Hashable, inputs: Any) -> bool:
        """Whether a call with these inputs would be answered without ``make()``."""

    def reuse(self, key: Hashable) -> Any | None:
        """The last result for ``key``, kept for this build without looking at its inputs (``None`` if unknown).

        Only for a step the caller knows its change cannot reach.
        """


class _NoMemo:
    """Always recompute."""

    def __call__(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        return make()

    def knows(self, key: Hashable, inputs: Any) -> bool:
        return False

    def reuse(self, key: Hashable) -> Any | None:
        return None


no_memo: Memo = _NoMemo()
"""The memo of a plain build: remembers nothing."""


class RenderMemo:
    """Results of the previous build, kept while their inputs stay equal.

    Entries not asked for during a build are dropped at :meth:`finish`, so
    deleted files and pages do not linger.
    """

    def __init__(self) -> None:
        self._previous: dict[Hashable, tuple[Any, Any]] = {}
        self._current: dict[Hashable, tuple[Any, Any]] = {}
        self.computed: list[Hashable] = []

    def knows(self, key: Hashable, inputs: Any) -> bool:
        """Whether ``key`` was computed from equal inputs."""
        known = self._current.get(key) or self._previous.get(key)
        return known is not None and known[0] == inputs

    def __call__(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        known = self._current.get(key) or self._previous.get(key)
        if known is not None and known[0] == inputs:
            value: T = known[1]
        else:
            value = make()
            self.computed.append(key)
        self._current[key] = (inputs, value)
        return value

    def reuse(self, key: Hashable, accept: Callable[[Any], bool] = lambda inputs: True) -> Any | None:
        """The last result for ``key`` if ``accept`` takes its inputs, kept for this build; else ``None``."""
        known = self._current.get(key) or self._previous.get(key)
        if known is None or not accept(known[0]):
            return None
        self._current[key] = known
        return known[1]

    def begin(self) -> None:
        """Start a build: nothing computed yet."""
        self.computed = []

    def carry(self) -> None:
        """Keep everything the previous build knew for the next, not only what this one asked for.

        For a build that looked only at what an edit can reach: the rest still stands.
        (In place, so the cost follows what this build asked for, not all it knows.)
        """
        self._previous.update(self._current)
        self._current = self._previous

    def finish(self) -> None:
        """End a build: what was used is kept for the next one."""
        self._previous, self._current = self._current, {}

    def abandon(self) -> None:
        """End a failed build: keep everything known, in case the next one needs it."""
        self._previous.update(self._current)
        self._current = {}

    def clear(self) -> None:
        """Forget everything (templates or settings changed)."""
        self._previous, self._current = {}, {}


class ScopedMemo:
    """A memo whose every entry also depends on a shared context (settings, theme files)."""

    def __init__(self, memo: RenderMemo, context: Any) -> None:
        self._memo = memo
        self._context = context

    def __call__(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        return self._memo(key, (self._context, inputs), make)

    def knows(self, key: Hashable, inputs: Any) -> bool:
        """Whether the wrapped memo knows ``key`` with these inputs in this context."""
        return self._memo.knows(key, (self._context, inputs))

    def reuse(self, key: Hashable) -> Any | None:
        """The last result for ``key`` if it was made in this same context."""
        return self._memo.reuse(key, lambda inputs: inputs[0] == self._context)
