"""``python -m bench`` end to end on a tiny corpus: it runs, and its report starts with the method and ends with the targets.

No timing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT

SIZE = 30


@dataclass(frozen=True)
class BenchRun:
    """One ``python -m bench`` run on a tiny corpus."""

    stdout: str
    stderr: str
    json_file: Path


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> BenchRun:
    """``python -m bench --sizes 30 --runs 1 --no-peers`` with a private corpus cache and disk root."""
    tmp = tmp_path_factory.mktemp("bench")
    json_file = tmp / "figures.json"
    argv = [sys.executable, "-m", "bench", "--sizes", str(SIZE), "--runs", "1", "--no-peers"]
    argv += ["--cache", str(tmp / "corpora"), "--disk-root", str(tmp / "disk"), "--json", str(json_file)]
    run = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    return BenchRun(run.stdout, run.stderr, json_file)


def test_the_report_begins_with_the_method(bench_run: BenchRun) -> None:
    out = bench_run.stdout
    assert out.startswith("## Build benchmark\n\n### Method\n")
    method = out.split("### Method", 1)[1].split("###", 1)[0]
    for words in ("os.sync()", "rotates", "warm-up", "paired", "median", "cores", "markdown-it-py", "tmpfs", "disk"):
        assert words in method, words


def test_the_report_has_our_subjects_in_both_tables(bench_run: BenchRun) -> None:
    out = bench_run.stdout
    assert "### Output on tmpfs" in out or "### Output on disk" in out
    for label in ("ours, cold (fast engine)", "ours, cold (reference engine)", "ours, warm (no change, cache kept)"):
        assert out.count(f"| {SIZE} | {label} | 1 |") == 2, label
    assert f"| {SIZE} | reference engine / fast engine (ours cold) |" in out
    assert f"| {SIZE} | save one event → reload signal" in out
    assert "--no-peers" in out


def test_the_report_ends_with_the_targets(bench_run: BenchRun) -> None:
    targets = bench_run.stdout.split("### Targets", 1)[1]
    for name in ("ours cold ≤ 1.0 × Hugo", "≤ 0.5 × Eleventy", "ours warm ≤ 0.3 × Hugo", "peak RSS of our cold build ≤ 120 MB",
                 "rebuild < 50 ms", "save → reload signal < 100 ms", "5.5 × its 4,000-event time", "≤ 300 MB"):
        assert name in targets, name


def test_the_json_has_every_run(bench_run: BenchRun) -> None:
    figures = json.loads(bench_run.json_file.read_text(encoding="utf-8"))
    assert len(figures["tables"]) == 2
    for table in figures["tables"]:
        rounds = table["sizes"][str(SIZE)]["rounds"]
        assert len(rounds) == 1
        assert set(rounds[0]) == {"cold", "cold-reference", "warm"}
        assert all(run["wall"] > 0 and run["maxrss_kib"] > 0 for run in rounds[0].values())
    assert len(figures["edits"][str(SIZE)]["reload"]) == 1


def test_the_run_folders_are_removed(bench_run: BenchRun) -> None:
    roots = [line.split(": ", 1)[1] for line in bench_run.stdout.splitlines() if " table root: " in line]
    assert roots and not any(Path(root).exists() for root in roots)


def test_the_cards_bench_pairs_builds_with_and_without_cards(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "bench.cards", "--size", "5", "--runs", "1", "--no-shipped", "--cache", str(tmp_path)]
    run = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    rows = [[cell.strip() for cell in line.split("|")[2:4]] for line in run.stdout.splitlines() if line.startswith("| generated (5 events)")]
    assert rows == [["cold", "on"], ["cold", "off"], ["warm", "on"], ["warm", "off"],
                    ["cold, on / off (paired)", ""], ["cold, on − off (paired)", ""]]
