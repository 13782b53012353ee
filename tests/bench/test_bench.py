"""Smoke test of the benchmark harness (``python -m bench``): a tiny corpus converts, builds cleanly and is reported.

No timing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT, in_ci
from generator.build.pipeline import build

SHARED = PROJECT.parent / "shared" / "bench"
SIZE = 30


@dataclass(frozen=True)
class BenchRun:
    """One ``python -m bench`` run on a tiny corpus."""

    stdout: str
    cache: Path
    json_file: Path


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> BenchRun:
    """``python -m bench --sizes 30 --runs 1 --no-peers`` with a private corpus cache."""
    if not (SHARED / "make_corpus.py").is_file():
        if in_ci():
            pytest.fail(f"the shared benchmark folder {SHARED} is required in CI")
        pytest.skip(f"no shared benchmark folder at {SHARED}")
    tmp = tmp_path_factory.mktemp("bench")
    cache, json_file = tmp / "corpora", tmp / "figures.json"
    argv = [sys.executable, "-m", "bench", "--sizes", str(SIZE), "--runs", "1", "--no-peers"]
    argv += ["--shared", str(SHARED), "--cache", str(cache), "--json", str(json_file)]
    run = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    return BenchRun(run.stdout, cache, json_file)


def test_the_converted_corpus_builds_with_no_problems(bench_run: BenchRun, tmp_path: Path) -> None:
    site = bench_run.cache / f"{SIZE}-seed42" / "site"
    events = sorted((site / "content" / "events").glob("*.md"))
    assert len(events) == SIZE
    assert "sources:\n  - name: " in events[0].read_text(encoding="utf-8")
    result = build(site, output=tmp_path / "out")
    assert result.ok, [p.format() for p in result.problems]
    assert result.problems == ()
    assert result.events == SIZE
    entities_listed = (bench_run.cache / f"{SIZE}-seed42" / "corpus" / "neutral" / "entities.yml").read_text(encoding="utf-8").count("\n- name: ") + 1
    assert result.entities == entities_listed == len(list((site / "content" / "entities").glob("*.md")))


def test_the_report_has_our_rows_and_the_targets(bench_run: BenchRun) -> None:
    out = bench_run.stdout
    assert f"| {SIZE} | timeline, cold full build | 1 |" in out
    assert f"| {SIZE} | timeline, warm full build (rebuild, caches kept) | 1 |" in out
    assert f"| {SIZE} | timeline serve: save one event → reload signal" in out
    assert f"| {SIZE} | Hugo | – | not run (--no-peers) |" in out
    assert "peak RSS of our builds" in out


def test_the_json_has_every_run(bench_run: BenchRun) -> None:
    figures = json.loads(bench_run.json_file.read_text(encoding="utf-8"))
    size = figures["sizes"][str(SIZE)]
    assert set(size["tools"]) == {"ours-cold", "ours-warm"}
    for tool in size["tools"].values():
        assert len(tool["runs"]) == 1
        assert tool["runs"][0]["wall"] > 0 and tool["runs"][0]["maxrss_kib"] > 0
    assert len(size["edit"]["times_s"]) == 1
