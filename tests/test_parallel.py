"""Bodies converted in worker processes give exactly the serial result."""

from __future__ import annotations

import pytest

from conftest import MakeSite, event
from generator import parallel
from generator.build import render


def test_parallel_and_serial_builds_are_byte_identical(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Intro with *emphasis* and a [link](event:e001).\n\n## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^n].\n\n[^n]: Foot."
    files = {
        f"content/events/e{i:03d}.md": event(f"Event {i}", f"20{10 + i % 12}-{1 + i % 12:02d}-0{1 + i % 9}", body=body)
        for i in range(parallel.MIN_PARALLEL + 20)
    }
    root = make_site(files)
    if parallel.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    calls: list[int] = []
    real_pool = parallel.multiprocessing.get_context("fork").Pool

    def counting_pool(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel.multiprocessing.get_context("fork"), "Pool", counting_pool)
    in_parallel = render(root)
    assert calls == [1], "the parallel path was not taken"
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 10**9)
    serial = render(root)
    assert len(calls) == 1
    assert in_parallel.ok and serial.ok
    assert [(f.path, f.data) for f in in_parallel.files] == [(f.path, f.data) for f in serial.files]
