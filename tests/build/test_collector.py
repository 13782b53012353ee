"""A build runs with the cyclic garbage collector paused, and gives it back as it found it."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeSite, event
from generator.build import pipeline
from generator.build.pipeline import build


def _building() -> bool:
    """Whether the build's own work is on the stack (the collection at its end, once the collector is back on, is not)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is pipeline._build.__code__:
            return True
        frame = frame.f_back
    return False


@pytest.fixture
def collections() -> Iterator[list[tuple[int, bool]]]:
    """Every collection that ran while the test did: its generation, and whether it ran inside a build."""
    ran: list[tuple[int, bool]] = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            ran.append((info["generation"], _building()))

    gc.callbacks.append(count)
    try:
        yield ran
    finally:
        gc.callbacks.remove(count)


def _site(make_site: MakeSite, broken: bool = False) -> Path:
    files = {f"content/events/e{i:02d}.md": event(f"Event {i}", f"2019-05-{1 + i % 28:02d}", body="Words " * 200) for i in range(40)}
    if broken:
        files["content/events/bad.md"] = "---\ntitle: [unclosed\n---\n"
    return make_site(files)


def test_a_build_makes_no_collection_and_leaves_the_collector_on(make_site: MakeSite, tmp_path: Path, collections: list[tuple[int, bool]]) -> None:
    root = _site(make_site)
    assert gc.isenabled()
    result = build(root, output=tmp_path / "out")
    assert result.ok, result.problems
    assert [generation for generation, inside in collections if inside] == []
    before = len(collections)
    assert gc.isenabled()
    garbage: list[Any] = []
    for _ in range(2000):  # the collector runs again after the build: cycles made now are collected
        cycle: list[Any] = []
        cycle.append(cycle)
        garbage.append(cycle)
    del garbage, cycle
    assert collections[before:]


def test_a_failed_build_leaves_the_collector_on(make_site: MakeSite, tmp_path: Path) -> None:
    result = build(_site(make_site, broken=True), output=tmp_path / "out")
    assert not result.ok
    assert gc.isenabled()


def test_a_build_leaves_a_paused_collector_paused(make_site: MakeSite, tmp_path: Path) -> None:
    gc.disable()
    try:
        assert build(_site(make_site), output=tmp_path / "out").ok
        assert not gc.isenabled()
    finally:
        gc.enable()
