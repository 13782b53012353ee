"""The floor builds the same pages with either Markdown engine, so its two rows in the report measure the same work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus, runners
from conftest import PROJECT, snapshot
from generator.content import engine


def test_the_floor_with_the_compiled_engine_writes_the_same_pages(tmp_path: Path) -> None:
    if not engine.compiled_available():
        pytest.skip("markdown-it-pyrs is not installed: the report leaves the compiled floor out")
    events = corpus.prepare(60, 7, tmp_path / "corpora", log=False).events
    outputs = {}
    for name in ("reference", "compiled"):
        peer = runners.floor(name)
        assert peer.installed, peer.missing
        argv = [part.replace("{events}", str(events)).replace("{out}", str(tmp_path / name)) for part in peer.argv]
        done = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        outputs[name] = snapshot(tmp_path / name)
    assert len(outputs["reference"]) > 60
    assert outputs["compiled"] == outputs["reference"]
    assert runners.floor("compiled").argv[-2:] == ["--engine", "compiled"]


def test_the_floor_refuses_an_unknown_engine(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "bench/floor.py", str(tmp_path), str(tmp_path / "out"), "--engine", "fast"],
                          cwd=PROJECT, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "invalid choice" in done.stderr
