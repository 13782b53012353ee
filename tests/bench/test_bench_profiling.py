"""``--profile``: the per-phase sorting of profile statistics, and a profiled build that forks workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench import profiling
from bench.profiling import FuncKey
from conftest import PROJECT

MD: FuncKey = ("/venv/site-packages/markdown_it/parser_block.py", 60, "tokenize")
JINJA: FuncKey = ("/venv/site-packages/jinja2/runtime.py", 262, "call")
JOIN: FuncKey = ("~", 0, "<method 'join' of 'str' objects>")
WRITE: FuncKey = ("~", 0, "<method 'write' of '_io.TextIOWrapper' objects>")


def test_functions_with_a_home_count_there_and_builtins_go_to_their_callers() -> None:
    stats: profiling.StatsDict = {
        MD: (1, 1, 2.0, 5.0, {}),
        JINJA: (1, 1, 1.0, 2.0, {}),
        JOIN: (4, 4, 0.4, 0.4, {MD: (3, 3, 0.3, 0.3), JINJA: (1, 1, 0.1, 0.1)}),
        WRITE: (1, 1, 0.5, 0.5, {JINJA: (1, 1, 0.5, 0.5)}),
    }
    found = profiling.phases(stats)
    assert abs(found["Markdown"] - 2.3) < 1e-9
    assert abs(found["templates"] - 1.1) < 1e-9
    assert found["writing files"] == 0.5
    assert abs(sum(found.values()) - 3.9) < 1e-9


def test_a_cycle_of_unplaced_functions_ends_as_other() -> None:
    a: FuncKey = ("/usr/lib/python3/functools.py", 1, "a")
    b: FuncKey = ("/usr/lib/python3/functools.py", 2, "b")
    stats: profiling.StatsDict = {a: (1, 1, 1.0, 1.0, {b: (1, 1, 1.0, 1.0)}), b: (1, 1, 1.0, 1.0, {a: (1, 1, 1.0, 1.0)})}
    assert profiling.phases(stats)["other"] == 2.0


def test_the_profile_option_prints_a_phase_table_for_parent_and_workers(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "bench", "--profile", "--sizes", "250", "--top", "5", "--cache", str(tmp_path / "corpora")]
    run = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert "## Profile of a cold build, 250 events" in out
    assert "| phase | parent s | parent % |" in out and "| Markdown |" in out and "| templates |" in out
    assert "Parent process, top 5 functions by own time" in out
    if profiling_forks():
        assert "Worker processes (summed)" in out and "0 worker process(es)" not in out


def profiling_forks() -> bool:
    """Whether this machine lets the generator fork workers (more than one core this process may run on)."""
    return len(os.sched_getaffinity(0)) > 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) > 1
