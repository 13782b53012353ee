"""The timing loop (bench/harness.py), with fake subjects and hooks that record what happens when. No real time is measured."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from bench import harness
from bench.harness import Hooks, Rounds, Run, Usage


@dataclass
class Recorder:
    """One list of events every fake appends to, and a fake clock that each run moves on by its own duration."""

    events: list[str] = field(default_factory=list)
    now: float = 0.0
    timing: bool = False

    def sync(self) -> None:
        assert not self.timing, "sync inside a timed run"
        self.events.append("sync")

    def clock(self) -> float:
        self.events.append("clock")
        return self.now


@dataclass
class Fake:
    """A subject whose runs take the given durations in turn (warm-up first)."""

    key: str
    recorder: Recorder
    durations: list[float]
    label: str = ""
    runs: int = 0

    def setup(self) -> None:
        self.recorder.events.append(f"setup {self.key}")

    def prepare(self) -> None:
        assert not self.recorder.timing
        self.recorder.events.append(f"prepare {self.key}")

    def run(self) -> Usage:
        self.recorder.timing = True
        self.recorder.events.append(f"run {self.key}")
        self.recorder.now += self.durations[self.runs]
        self.runs += 1
        self.recorder.timing = False
        return Usage(0.1, 0.01, 1000 + self.runs)

    def pages(self) -> int:
        return 3

    def cleanup(self) -> None:
        assert not self.recorder.timing, "cleanup inside a timed run"
        self.recorder.events.append(f"cleanup {self.key}")

    def teardown(self) -> None:
        self.recorder.events.append(f"teardown {self.key}")


def run_fakes(durations: dict[str, list[float]], rounds: int) -> tuple[Recorder, Rounds]:
    recorder = Recorder()
    subjects = [Fake(key, recorder, times) for key, times in durations.items()]
    result = harness.measure(subjects, rounds, Hooks(sync=recorder.sync, clock=recorder.clock))
    return recorder, result


def test_every_run_is_preceded_by_cleanup_of_the_previous_subject_then_sync_and_the_clock_brackets_only_the_run() -> None:
    recorder, _ = run_fakes({"a": [1] * 4, "b": [2] * 4, "c": [3] * 4}, rounds=3)
    events = recorder.events
    runs = [i for i, e in enumerate(events) if e.startswith("run ")]
    assert len(runs) == 3 * 4  # a warm-up round and three timed rounds
    previous = None
    for at in runs:
        key = events[at].split()[1]
        assert events[at - 1] == "clock" and events[at + 1] == "clock", "the clock starts right before the run and stops right after"
        assert events[at - 2] == "sync", "sync is the last thing before the clock starts"
        assert events[at - 3] == f"prepare {key}"
        if previous is not None:
            assert events[at - 4] == f"cleanup {previous}", "the previous subject's output goes before this one is prepared"
        previous = key
    assert events[-4] == f"cleanup {previous}"
    assert events[-3:] == ["teardown a", "teardown b", "teardown c"]


def test_rounds_rotate_the_order() -> None:
    _, result = run_fakes({"a": [1] * 5, "b": [1] * 5, "c": [1] * 5}, rounds=4)
    assert result.orders == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"], ["a", "b", "c"]]
    assert [list(r) for r in result.rounds] == result.orders


def test_the_warm_up_round_is_not_counted() -> None:
    _, result = run_fakes({"a": [100, 1, 2], "b": [100, 4, 4]}, rounds=2)
    assert [r.wall for r in result.runs("a")] == [1, 2]
    assert result.runs("a")[0] == Run(1, 0.1, 0.01, 1002)
    assert result.pages == {"a": 3, "b": 3}


def test_ratios_are_paired_by_round_and_their_median_reported() -> None:
    # a machine that slows down: each round's ratio is 0.5, though the medians of the two sides would give another figure
    _, result = run_fakes({"ours": [9, 1, 2, 8, 16], "peer": [9, 2, 4, 16, 32]}, rounds=4)
    assert harness.paired_ratios(result, "ours", "peer") == [0.5, 0.5, 0.5, 0.5]
    spread = harness.ratio(result, "ours", "peer")
    assert spread is not None and (spread.median, spread.low, spread.high, spread.count) == (0.5, 0.5, 0.5, 4)


def test_paired_ratios_differ_from_a_ratio_of_medians() -> None:
    _, result = run_fakes({"ours": [1, 1, 3, 2], "peer": [1, 2, 2, 4]}, rounds=3)
    assert harness.paired_ratios(result, "ours", "peer") == [0.5, 1.5, 0.5]
    spread = harness.ratio(result, "ours", "peer")
    assert spread is not None and spread.median == 0.5 and (spread.low, spread.high) == (0.5, 1.5)
    ours, peer = harness.walls(result, "ours"), harness.walls(result, "peer")
    assert ours is not None and peer is not None
    assert ours.median / peer.median == statistics.median([1, 3, 2]) / statistics.median([2, 2, 4]) == 1.0 != spread.median


def test_a_ratio_needs_both_subjects_in_a_round() -> None:
    _, result = run_fakes({"ours": [1, 1]}, rounds=1)
    assert harness.ratio(result, "ours", "missing") is None
