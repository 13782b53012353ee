"""A worker killed from outside (the out-of-memory killer, a user's ``kill -9``) fails the build; it never hangs it.

The build is a real ``timeline build`` process; the test finds its worker
processes in ``/proc`` and kills one with SIGKILL, either while the Markdown
bodies are converted (the first workers) or while pages are made (the later
ones). The build must end on its own, and either fail (exit status 1, a clear line,
no traceback) leaving the previous output as it was and no staging folder, or, where no work was
lost, finish the same site.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MakeSite, event, snapshot
from generator import pool

EVENTS = 1500
"""Enough events for both pools to start and to live long enough to be found."""
HANG = 300
"""Seconds after which the build is taken to hang (a guard, not a speed limit)."""
BUSY_TICKS = 3
"""Clock ticks of its own CPU time after which a worker is taken to be at work."""


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found.update(int(n) for n in children.read().split())
    except OSError:  # the build has ended
        pass
    return found


def _busy(pids: set[int]) -> bool:
    """Whether any of ``pids`` has run a few clock ticks of its own: it holds work, not just started."""
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[11]) >= BUSY_TICKS:  # utime, the 14th field
            return True
    return False


def _kill(pids: set[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _kill_workers(build: subprocess.Popen[str], stage: str) -> bool:
    """Kill the build's workers of ``stage`` (``convert``: the first seen; ``render``: those started after them) once at work; whether any were.

    All of them at once: an idle worker killed costs the build nothing, while
    a worker killed holding work loses that work.
    """
    first: set[int] = set()
    while build.poll() is None:
        children = _children(build.pid)
        if stage == "convert" and _busy(children):
            _kill(children)
            return True
        if stage == "render":
            later = children - first
            if first and _busy(later):
                _kill(later)
                return True
            if not first:
                first = children
        time.sleep(0.001)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux") or pool.workers() < 2, reason="needs /proc and forked workers")
@pytest.mark.parametrize("stage", ["convert", "render"])
def test_a_build_whose_worker_is_killed_fails_cleanly_and_keeps_the_previous_output(make_site: MakeSite, tmp_path: Path, stage: str) -> None:
    dates = (f"20{10 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(EVENTS))
    root = make_site({f"content/events/e{i:04d}.md": event(f"Event {i}", date, body=f"Body of event {i}, with *emphasis*.") for i, date in enumerate(dates)})
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "-o", str(out), "--no-cache"]
    subprocess.run(command, check=True, capture_output=True, timeout=HANG)
    before, beside = snapshot(out), sorted(tmp_path.iterdir())

    build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        killed = _kill_workers(build, stage)
        stdout, stderr = build.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        build.kill()
        build.communicate()
        pytest.fail(f"the build hung after one of its {stage} workers was killed")
    assert killed, f"no {stage} worker was seen: the build ended first ({build.returncode})"
    assert build.returncode in (0, 1), stdout + stderr
    assert "Traceback" not in stderr
    if build.returncode == 1:
        assert "worker" in stderr and "stopped" in stderr, stderr
    assert snapshot(out) == before
    assert sorted(tmp_path.iterdir()) == beside, "the staging folder was left behind"
