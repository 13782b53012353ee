"""Bodies converted in worker processes give exactly the serial result."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import MakeSite, event
from generator import parallel

# Run in a fresh process: the parallel path only forks a single-threaded process,
# and the test session has server threads of its own.
SCRIPT = """
import hashlib, json, sys
from pathlib import Path
from generator import parallel
from generator.build import render
pools = []
context = parallel.multiprocessing.get_context("fork")
real_pool = context.Pool
context.Pool = lambda *a, **k: pools.append(1) or real_pool(*a, **k)
def digest():
    result = render(Path(sys.argv[1]))
    assert result.ok, result.problems
    return hashlib.sha256(b"".join(f.path.encode() + f.data for f in result.files)).hexdigest()
in_parallel = digest()
taken = len(pools)
parallel.MIN_PARALLEL = 10**9
serial = digest()
print(json.dumps({"parallel": in_parallel, "serial": serial, "pools": taken, "after": len(pools)}))
"""


def test_parallel_and_serial_builds_are_byte_identical(make_site: MakeSite) -> None:
    if parallel.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    body = "Intro with *emphasis* and a [link](event:e001).\n\n## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^n].\n\n[^n]: Foot."
    count = parallel.MIN_PARALLEL + 20
    files = {f"content/events/e{i:03d}.md": event(f"Event {i}", f"20{10 + i % 12}-{1 + i % 12:02d}-0{1 + i % 9}", body=body) for i in range(count)}
    root = make_site(files)
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(root)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    assert figures["pools"] == 1 and figures["after"] == 1, "the parallel path was not taken exactly once"
    assert figures["parallel"] == figures["serial"]
