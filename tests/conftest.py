"""Shared fixtures: tiny sites written inline, the shipped site built once."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from generator.build import pagecache, stamp
from generator.build.pipeline import BuildResult, build
from generator.content import cache

# In CI the same examples every run: a property found broken there is reproducible, not luck.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

PROJECT = Path(__file__).resolve().parent.parent

SITE_YAML = """\
title: Test timeline
base_url: https://example.org/repo/
"""

HUAWEI = """\
---
name: Huawei
kind: company
aliases: [Huawei Technologies]
---
A company.
"""

COMMERCE = """\
---
name: US Department of Commerce
kind: agency
aliases: [Commerce Department, Department of Commerce]
---
An agency.
"""

MakeSite = Callable[..., Path]


def touch(path: Path, text: str) -> None:
    """Write (making folders) and move the time on, so the change is seen even within one clock tick."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def snapshot(folder: Path, *, page_cache: bool = False) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path; the page cache and the stamp only when asked (they record file times: no two builds write them alike)."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if not page_cache:
        files.pop(pagecache.CACHE_FILE, None)
        files.pop(stamp.STAMP_FILE, None)
    return files


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Write a site from ``{relative path: text}``; text is dedented, bytes kept as they are."""

    def write(files: dict[str, str | bytes], *, base: bool = True) -> Path:
        root = tmp_path / "site"
        everything: dict[str, str | bytes] = {}
        if base:
            everything = {"content/site.yaml": SITE_YAML, "content/entities/huawei.md": HUAWEI, "content/entities/commerce.md": COMMERCE}
        everything.update(files)
        write_files(root, {name: data if isinstance(data, bytes) else textwrap.dedent(data) for name, data in everything.items()})
        return root

    return write


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write files into a site exactly as given (bytes as they are, text as UTF-8), as a site the user wrote a moment ago.

    Returns once the files' times are older than the margin within which the
    content cache does not trust them (:data:`cache.RACY_NS`), so that a test's
    first build caches them as any later build of an unedited site does.
    """
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    time.sleep(cache.RACY_NS / 1e9)


def unblock_after(fifo: Path, seconds: float) -> threading.Timer:
    """If a reader is stuck on ``fifo``, give it end-of-file after ``seconds``: the test then fails instead of hanging."""

    def release() -> None:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass

    timer = threading.Timer(seconds, release)
    timer.start()
    return timer


def event(title: str = "An event", date: str = "2019-05-16", extra: str = "", body: str = "Body text.") -> str:
    """An event file's text."""
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def messages(result: BuildResult) -> list[str]:
    """The formatted problems of a build."""
    return [p.format() for p in result.problems]


@pytest.fixture(scope="session")
def shipped_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped timeline built once into a temporary folder."""
    out = tmp_path_factory.mktemp("shipped") / "output"
    result = build(PROJECT, output=out)
    assert result.ok, [p.format() for p in result.problems]
    return out


def in_ci() -> bool:
    """Whether we run in CI, where a missing tool is a failure, not a skip."""
    return bool(os.environ.get("CI"))


def require_tool(name: str) -> str:
    """The tool's path; skip when absent outside CI, fail in CI."""
    # tools installed into the same environment as the tests need not be on PATH
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        if in_ci():
            pytest.fail(f"{name} is required in CI but not installed")
        pytest.skip(f"{name} not installed")
    return path


pytest_plugins = ["chromium"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failed test: a skip there means a tool is missing."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if in_ci() and skipped and exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(f"CI: {len(skipped)} test(s) skipped; a skip is a failure in CI", red=True)


def json_ld(html: str) -> dict[str, object]:
    """The page's JSON-LD block, parsed."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert match
    data: dict[str, object] = json.loads(match.group(1))
    return data


def built_output(make_site: MakeSite, files: dict[str, str | bytes]) -> Path:
    """The output folder of a site made from ``files`` and built without errors."""
    root = make_site(files)
    result = build(root, output=root / "output")
    assert result.ok, messages(result)
    return root / "output"
