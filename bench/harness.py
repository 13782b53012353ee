"""The timing loop, kept apart from what is timed so its order of events can be tested with fakes.

Fairness is built into the loop rather than left to the subjects:

- Rounds are interleaved: each round runs every subject once, and the order
  rotates from round to round (A B C, then B C A, then C A B ...), so no subject
  always follows the same neighbour or always runs first on a cooling machine.
- Between two timed runs, never inside one: the previous subject's output is
  removed, the next subject gets its untimed preparation, then ``os.sync()``
  flushes what all that left dirty; the clock starts only after that. So no
  subject pays for writing back another's files.
- One untimed warm-up round comes first (caches of the OS, Python's bytecode,
  the warm subject's first output).
- Ratios are paired: subject A over subject B within the same round, then the
  median of those per-round ratios, so a machine whose speed drifts over
  minutes moves both sides of each ratio together.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Usage:
    """What the kernel says a finished child used: CPU seconds and peak resident set (KiB, of the largest process)."""

    user: float = 0.0
    sys: float = 0.0
    maxrss_kib: int = 0


@dataclass(frozen=True, slots=True)
class Run:
    """One timed run: wall seconds by the harness's clock, the rest from :class:`Usage`."""

    wall: float
    user: float
    sys: float
    maxrss_kib: int


class Subject(Protocol):
    """Something timed over and over. Only :meth:`run` is inside the clock."""

    key: str
    label: str

    def setup(self) -> None:
        """Once, before the warm-up round."""

    def prepare(self) -> None:
        """Before each of its runs, untimed (e.g. remove caches a cold build must not find)."""

    def run(self) -> Usage:
        """The timed part: one build."""

    def pages(self) -> int:
        """HTML pages the last run wrote (counted untimed, as a check that the subjects build comparable sites)."""

    def cleanup(self) -> None:
        """Remove what its last run wrote; the harness calls it before the next subject's run."""

    def teardown(self) -> None:
        """Once, after the last round."""


@dataclass
class Hooks:
    """What the loop calls between runs, injectable so tests can record the order."""

    sync: Callable[[], None] = os.sync
    clock: Callable[[], float] = time.perf_counter
    log: Callable[[str], None] = lambda message: None


@dataclass
class Rounds:
    """Every timed run, round by round: ``rounds[i][key]``; plus the order each round ran in and pages counted."""

    rounds: list[dict[str, Run]] = field(default_factory=list)
    orders: list[list[str]] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)

    def runs(self, key: str) -> list[Run]:
        """The subject's runs in round order."""
        return [r[key] for r in self.rounds if key in r]

    def keys(self) -> list[str]:
        """Subjects measured, in first-seen order."""
        seen: dict[str, None] = {}
        for r in self.rounds:
            seen.update(dict.fromkeys(r))
        return list(seen)


def rotated(subjects: Sequence[Subject], index: int) -> list[Subject]:
    """The order of round ``index``: the list rotated left by ``index``."""
    if not subjects:
        return []
    shift = index % len(subjects)
    return [*subjects[shift:], *subjects[:shift]]


def measure(subjects: Sequence[Subject], rounds: int, hooks: Hooks | None = None, *, warmup: bool = True) -> Rounds:
    """One untimed warm-up round (if ``warmup``), then ``rounds`` timed rounds in rotating order.

    For every run, timed or not: the previous run's subject is cleaned up, this
    subject is prepared, the disks are synced, and only then does the clock
    start; it stops when :meth:`Subject.run` returns.
    """
    hooks = hooks or Hooks()
    result = Rounds()
    previous: Subject | None = None
    for subject in subjects:
        subject.setup()
    try:
        for index in range(-1 if warmup else 0, rounds):
            order = rotated(subjects, max(index, 0))
            timed: dict[str, Run] = {}
            for subject in order:
                if previous is not None:
                    previous.cleanup()
                subject.prepare()
                hooks.sync()
                started = hooks.clock()
                usage = subject.run()
                wall = hooks.clock() - started
                result.pages[subject.key] = subject.pages()
                previous = subject
                timed[subject.key] = Run(wall, usage.user, usage.sys, usage.maxrss_kib)
            if index >= 0:
                result.rounds.append(timed)
                result.orders.append([s.key for s in order])
            hooks.log(("warm-up" if index < 0 else f"round {index + 1}/{rounds}") + ": "
                      + ", ".join(f"{s.label} {timed[s.key].wall:.3f} s" for s in order))
    finally:
        if previous is not None:
            previous.cleanup()
        for subject in subjects:
            subject.teardown()
    return result


@dataclass(frozen=True, slots=True)
class Spread:
    """A median with the smallest and largest value it came from."""

    median: float
    low: float
    high: float
    count: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """The spread of non-empty ``values``."""
        return cls(statistics.median(values), min(values), max(values), len(values))


def paired_ratios(result: Rounds, numerator: str, denominator: str) -> list[float]:
    """``numerator / denominator`` wall time within each round that ran both, in round order."""
    return [r[numerator].wall / r[denominator].wall for r in result.rounds if numerator in r and denominator in r]


def ratio(result: Rounds, numerator: str, denominator: str) -> Spread | None:
    """The median of the paired ratios with their range; None when no round ran both."""
    values = paired_ratios(result, numerator, denominator)
    return Spread.of(values) if values else None


def walls(result: Rounds, key: str) -> Spread | None:
    """The subject's wall times: median, min, max."""
    values = [r.wall for r in result.runs(key)]
    return Spread.of(values) if values else None


def summary_by_key(result: Rounds) -> Mapping[str, Spread]:
    """:func:`walls` for every subject measured."""
    return {key: spread for key in result.keys() if (spread := walls(result, key)) is not None}
