"""The package stays fully typed (mypy --strict) and lint-clean (ruff)."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT, require_tool


def test_mypy_strict_is_clean() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_is_clean() -> None:
    ruff = require_tool("ruff")
    run = subprocess.run([ruff, "check", "generator", "tests", "bench"], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_test_file_is_collected() -> None:
    """A folder pytest passes over by default (``build`` is one) would drop its tests without a word."""
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"], cwd=PROJECT,
                         capture_output=True, text=True)
    collected = {line.split("::")[0] for line in run.stdout.splitlines() if "::" in line}
    on_disk = {path.relative_to(PROJECT).as_posix() for path in (PROJECT / "tests").rglob("test_*.py")}
    assert on_disk and on_disk == collected, sorted(on_disk ^ collected)
