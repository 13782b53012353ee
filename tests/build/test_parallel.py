"""Work done in worker processes (Markdown bodies, pages) gives exactly the serial result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeSite, event
from generator import pool
from generator.content import convert

# Run in a fresh process: the parallel path only forks a single-threaded process,
# and the test session has server threads of its own.
COUNT_POOLS = """from generator import pool
from generator.content import convert
pools = []  # one entry per worker pool started
context = pool.multiprocessing.get_context("fork")
real_pool = context.Pool
context.Pool = lambda *a, **k: pools.append(1) or real_pool(*a, **k)
"""
SCRIPT = COUNT_POOLS + """
import hashlib, json, sys
from pathlib import Path
from generator.build.pipeline import render
def digest():
    result = render(Path(sys.argv[1]))
    assert result.ok, result.problems
    return hashlib.sha256(b"".join(f.path.encode() + f.data for f in result.files)).hexdigest()
in_parallel = digest()
taken = len(pools)
convert.MIN_PARALLEL = 10**9
serial = digest()
print(json.dumps({"parallel": in_parallel, "serial": serial, "pools": taken, "after": len(pools)}))
"""


def _events(count: int, front: str = "", body: str = "Body text.") -> dict[str, str]:
    """``count`` event files, their dates spread over the years."""
    return {f"content/events/e{i:03d}.md": event(f"Event {i}", f"20{10 + i % 12}-{1 + i % 12:02d}-0{1 + i % 9}", front, body=body) for i in range(count)}


def _figures(script: str, *args: str) -> dict[str, Any]:
    """What ``script`` prints (JSON), run in a fresh Python with ``args``."""
    run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_parallel_and_serial_builds_are_byte_identical(make_site: MakeSite) -> None:
    if pool.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    body = "Intro with *emphasis* and a [link](event:e001).\n\n## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^n].\n\n[^n]: Foot."
    count = convert.MIN_PARALLEL + 20
    files = _events(count, body=body)
    root = make_site(files)
    figures = _figures(SCRIPT, str(root))
    assert figures["pools"] == 1 and figures["after"] == 1, "the parallel path was not taken exactly once"
    assert figures["parallel"] == figures["serial"]


BUILD_SCRIPT = COUNT_POOLS + """
import hashlib, json, sys
from pathlib import Path
from generator.build.pipeline import build
def digest(out, use_cache):
    result = build(Path(sys.argv[1]), output=Path(out), use_cache=use_cache)
    assert result.ok, result.problems
    files = sorted(p for p in Path(out).rglob("*") if p.is_file() and ".timeline-cache" not in p.parts)
    return hashlib.sha256(b"".join(str(p.relative_to(out)).encode() + p.read_bytes() for p in files)).hexdigest(), result.made
convert.MIN_PARALLEL = 10**9  # Markdown in this process: only the pages' pool is counted
in_parallel = digest(sys.argv[2] + "/parallel", False)
taken = len(pools)
pool.MIN_TASKS = 10**9
serial = digest(sys.argv[2] + "/serial", False)
pool.MIN_TASKS = 1
cached = digest(sys.argv[2] + "/cached", True)
print(json.dumps({"parallel": in_parallel[0], "serial": serial[0], "cached": cached[0], "pools": taken, "after": len(pools) - 1}))
"""


def test_pages_made_in_workers_are_byte_identical_to_the_serial_build(make_site: MakeSite, tmp_path: Path) -> None:
    if pool.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    count = pool.MIN_TASKS + 20
    files = _events(count, "entities: [Huawei]\n")
    root = make_site(files)
    figures = _figures(BUILD_SCRIPT, str(root), str(tmp_path))
    assert figures["pools"] == 1 and figures["after"] == 1, "the pages were not made in workers exactly once each time"
    assert figures["parallel"] == figures["serial"] == figures["cached"]


ERRORS_SCRIPT = COUNT_POOLS + """
import json, multiprocessing, sys
from pathlib import Path
from generator.build.pipeline import build
def problems():
    result = build(Path(sys.argv[1]), output=Path(sys.argv[2]))
    assert not result.ok
    return [p.format() for p in result.problems]
in_parallel = problems()
taken, left = len(pools), len(multiprocessing.active_children())
convert.MIN_PARALLEL = 10**9
print(json.dumps({"parallel": in_parallel, "serial": problems(), "pools": taken, "left": left}))
"""


def test_a_site_with_errors_reports_the_same_problems_with_workers_and_leaves_none_running(make_site: MakeSite, tmp_path: Path) -> None:
    if pool.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    count = convert.MIN_PARALLEL + 20
    files = _events(count)
    files["content/events/e005.md"] = "---\ntitle: [broken\n---\n"
    root = make_site(files)
    figures = _figures(ERRORS_SCRIPT, str(root), str(tmp_path / "out"))
    assert figures["pools"] == 1 and figures["left"] == 0
    assert figures["parallel"] == figures["serial"]
    assert any(line.startswith("content/events/e005.md:3: YAML:") for line in figures["parallel"])


LINKS_SCRIPT = COUNT_POOLS + """
import json, sys
from pathlib import Path
from generator.build.pipeline import build
def problems(out):
    result = build(Path(sys.argv[1]), output=Path(out))
    assert result.ok, result.problems
    return [p.format() for p in result.problems]
convert.MIN_PARALLEL = 10**9  # Markdown in this process: only the pages' pool is counted
in_parallel = problems(sys.argv[2] + "/parallel")
taken = len(pools)
pool.MIN_TASKS = 10**9
print(json.dumps({"parallel": in_parallel, "serial": problems(sys.argv[2] + "/serial"), "pools": taken}))
"""


def test_a_broken_link_on_every_page_made_in_workers_is_named_on_every_page(make_site: MakeSite, tmp_path: Path) -> None:
    """Workers report each place links lead to once, yet every page that links to a broken one is still named."""
    if pool.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    count = pool.MIN_TASKS + 20
    body = "See [the gone page](/repo/gone/) and [a gone part](/repo/entities/#nowhere)."  # the base path is /repo/
    files = _events(count, body=body)
    root = make_site(files)
    figures = _figures(LINKS_SCRIPT, str(root), str(tmp_path))
    assert figures["pools"] == 1, "the pages were not made in workers"
    assert figures["parallel"] == figures["serial"]
    gone = [line for line in figures["parallel"] if "broken link: no file gone/index.html" in line]
    anchor = [line for line in figures["parallel"] if "has no id 'nowhere'" in line]
    assert len(gone) == len(anchor) == count, figures["parallel"][:3]
    assert len({line.split(":")[0] for line in gone}) == count


@pytest.mark.parametrize("count", [1, 7, 8, 9, 400, 4213, 20000])
@pytest.mark.parametrize("processes", [2, 3, 8])
def test_page_tasks_go_out_in_few_chunks_that_shrink_to_share_out_the_end(count: int, processes: int) -> None:
    chunks = pool.guided_chunks(count, processes)
    assert [n for chunk in chunks for n in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes[-processes:]) <= pool.LAST_CHUNK  # the last are small, to share out the end of the work...
    assert len(chunks) <= 4 * processes * (count.bit_length() + 1)  # ...and all are few: one message to the parent each


TEMPLATES_SCRIPT = COUNT_POOLS + """
import json, sys
from pathlib import Path
from generator.build.pipeline import build
def problems(out):
    result = build(Path(sys.argv[1]), output=Path(out))
    return result.ok, [p.format() for p in result.problems]
convert.MIN_PARALLEL = 10**9  # Markdown in this process: only the pages' pool is counted
in_parallel = problems(sys.argv[2] + "/parallel")
taken = len(pools)
pool.MIN_TASKS = 10**9
print(json.dumps({"parallel": in_parallel, "serial": problems(sys.argv[2] + "/serial"), "pools": taken}))
"""


@pytest.mark.parametrize("broken", ["unused.html", "tag.html"])
def test_a_broken_template_fails_the_build_with_workers_only_where_a_page_uses_it(make_site: MakeSite, tmp_path: Path, broken: str) -> None:
    """The templates are compiled before the workers start, yet one no page uses still breaks nothing, and one a page uses is reported as before."""
    if pool.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    count = pool.MIN_TASKS + 20
    files = _events(count, "tags: [x]\n")
    files[f"themes/default/templates/{broken}"] = "<p>fine</p>\n{% if %}\n"
    root = make_site(files)
    figures = _figures(TEMPLATES_SCRIPT, str(root), str(tmp_path))
    assert figures["pools"] == 1, "the pages were not made in workers"
    assert figures["parallel"] == figures["serial"]
    ok, problems = figures["parallel"]
    if broken == "unused.html":
        assert ok and not any("template" in line for line in problems)
    else:
        assert not ok and any(line.startswith(f"themes/default/templates/{broken}:2: template:") for line in problems), problems


CACHE_SCRIPT = COUNT_POOLS + """
import json, os, sys, time
from pathlib import Path
from generator.build.pipeline import build
from generator.build.pagecache import CACHE_FILE
from generator.outputfile import read_records
def tasks(out):
    salt, flagged, *made = read_records(Path(out) / CACHE_FILE)
    # what each task made, from which inputs: but the times the files were written
    return flagged, [[repr(key), fingerprint.hex(), [[path, ids, links] for path, _, _, ids, links in files]] for key, (fingerprint, files) in made]
def cold(out):
    result = build(Path(sys.argv[1]), output=Path(out))
    assert result.ok, result.problems
    return tasks(out)
convert.MIN_PARALLEL = 10**9  # Markdown in this process: only the pages' pool is counted
pool.MIN_TASKS = 1
in_workers = cold(sys.argv[2] + "/workers")
taken = len(pools)
# the next build, its stamp no longer vouching for the content (a file's time moved on): every task is kept
event = next(Path(sys.argv[1], "content", "events").iterdir())
os.utime(event, ns=(time.time_ns(), time.time_ns()))
again = build(Path(sys.argv[1]), output=Path(sys.argv[2] + "/workers"))
pool.MIN_TASKS = 10**9
here = cold(sys.argv[2] + "/here")
print(json.dumps({"workers": in_workers, "here": here, "pools": taken, "made_again": again.made, "ok_again": again.ok}))
"""


def test_a_cold_build_in_workers_remembers_every_task_as_a_build_without_them_does(make_site: MakeSite, tmp_path: Path) -> None:
    """The page cache's fingerprints are taken while the workers render: the same as here, and the next build keeps every task."""
    if pool.workers() < 2:
        pytest.skip("one core: the parallel path is not taken")
    root = make_site(_events(30, "entities: [Huawei]\n"))
    figures = _figures(CACHE_SCRIPT, str(root), str(tmp_path))
    assert figures["pools"] == 1, "the pages were not made in workers"
    assert figures["workers"] == figures["here"]
    assert len(figures["here"][1]) > 30
    assert figures["ok_again"] and figures["made_again"] == 0
