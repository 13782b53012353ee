"""The bench's peak RSS is the build's own, whatever the harness holds when it starts the build.

Linux keeps a child's peak RSS across ``exec``: a child forked from a large
process reports at least that process's size. A harness that has generated a
20,000-event corpus is such a process, so the bench starts its builds from a
small launcher started before anything else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bench.runners import RunError, spawn, start_launcher


def test_a_small_build_reports_its_own_peak_not_the_harnesss(tmp_path: Path) -> None:
    start_launcher()  # as python -m bench does first
    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page so the harness really holds 300 MiB
    usage, stdout = spawn([sys.executable, "-c", "print('small')"], tmp_path, dict(os.environ), what="a small child")
    assert stdout == "small\n"
    assert usage.maxrss_kib < 100 * 1024, f"{usage.maxrss_kib // 1024} MiB"
    del ballast


def test_a_large_child_reports_its_size(tmp_path: Path) -> None:
    code = "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"
    usage, _ = spawn([sys.executable, "-c", code], tmp_path, dict(os.environ), what="a large child")
    assert usage.maxrss_kib >= 200 * 1024


def test_a_command_that_cannot_start_is_a_run_error_and_the_next_one_runs(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-program")
    with pytest.raises(RunError, match="no-such-program"):
        spawn([missing, "--version"], tmp_path, dict(os.environ), what="a missing program")
    _, stdout = spawn([sys.executable, "-c", "print('after')"], tmp_path, dict(os.environ), what="the next child")
    assert stdout == "after\n"
