"""``python -m bench.visible`` end to end at a tiny size: two counted saves per page and way, in real Chromium.

No timing is asserted: the figures depend on the machine. What is checked is
that every save was seen in the page, every way, with a time that is a time,
and that each in-place save's phases were recorded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chromium import CHROMIUM, chromium_available
from conftest import PROJECT

SIZE = 30


def test_the_visible_bench_runs_and_reports_every_way(tmp_path: Path) -> None:
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium and playwright are required in CI")
        pytest.skip("Chromium or playwright not installed")
    figures = tmp_path / "visible.json"
    argv = [sys.executable, "-m", "bench.visible", "--edits", "2", "--size", str(SIZE), "--cache", str(tmp_path / "corpora"), "--json", str(figures)]
    run = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, timeout=600, check=False, env=dict(os.environ, CHROMIUM=CHROMIUM))
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert out.startswith("## Save → visible in the browser\n\n### Method\n")
    words_expected = ("time.time()", "performance.timeOrigin", "take turns", "__timelinePreviewReloadOnly", "__timelinePreviewParts",
                      "save → signal", "Median", "Load average")
    for words in words_expected:
        assert words in out, words
    for site in ("shipped", f"generated, {SIZE} events"):
        for page in ("timeline", "event page"):
            assert f"| {site} | {page} | " in out, (site, page)
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert set(data) == {"shipped", f"generated, {SIZE} events"}
    for pages in data.values():
        assert set(pages) == {"timeline", "event page"}
        for page in pages.values():
            assert {way: len(times) for way, times in page["times"].items()} == {"in place": 2, "whole page": 2, "full reload": 2}
            assert all(0 < time < 60 for times in page["times"].values() for time in times)
            assert {way: {phase: len(values) for phase, values in phases.items()} for way, phases in page["phases"].items()} == {
                way: {"signal": 2, "fetch": 2, "update": 2} for way in ("in place", "whole page")}
            assert all(0 <= value < 60 for phases in page["phases"].values() for values in phases.values() for value in values)
            assert page["reloaded"] == 0  # a new title or paragraph changes no page's shape: every in-place save stayed in place
