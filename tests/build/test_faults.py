"""A build stopped at any file operation of publishing, by an error or by ``kill -9``, leaves the old site or the new one, never a mix.

The test hook (see :mod:`generator.build.fileops`) stops the build at the Nth
operation. For every N on a small site, and for a sample of N on a
1,000-event one, the output is compared whole with the old site and the new
one; then a normal build must recover: the output equals the new site as a
fresh build writes it, with no leftover beside or inside it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, SITE_YAML, event, messages, write_files
from generator.build import pagecache, stamp
from generator.build.pipeline import build
from generator.content import cache as body_cache

State = dict[str, object]


def state(folder: Path, *, page_cache: bool = True) -> State | None:
    """Everything under ``folder`` (symlinks as links, folders as folders); ``None`` if there is no folder."""
    if not os.path.lexists(folder):
        return None
    found: State = {}
    for parent, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(parent) / name
            key = path.relative_to(folder).as_posix()
            found[key] = ("link", os.readlink(path)) if path.is_symlink() else "folder" if path.is_dir() else path.read_bytes()
    if not page_cache:  # the caches and the stamp record files' times (inode, ctime), which differ between any two copies of a site
        found.pop(pagecache.CACHE_FILE, None)
        found.pop(body_cache.CACHE_FILE, None)
        found.pop(stamp.STAMP_FILE, None)
    return dict(sorted(found.items()))


def site(root: Path, events: int) -> None:
    """A site of ``events`` events built once, a user's file put in its output, then its content edited (not yet rebuilt)."""
    files = {f"content/events/e{n:04}.md": event(f"Event {n}", f"20{10 + n % 10}-0{1 + n % 9}-1{n % 10}") for n in range(events)}
    write_files(root, {"content/site.yaml": SITE_YAML, **files})
    result = build(root)
    assert result.ok, messages(result)
    (root / "output/mine.txt").write_text("the user's own file")
    (root / "content/events/e0001.md").write_text(event("Retitled"))
    (root / "content/events/e0002.md").unlink()
    (root / "content/events/new.md").write_text(event("New"))


def faulted(root: Path, n: int, mode: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "TIMELINE_FAULT_AFTER": str(n), "TIMELINE_FAULT_MODE": mode, **env}
    return subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True,
                          cwd=PROJECT, timeout=300, env=environment)


class Scenario:
    """An old site with edited content, kept pristine; copies of it to stop builds in."""

    def __init__(self, base: Path, events: int) -> None:
        self.base = base
        self.pristine = base / "pristine"
        site(self.pristine, events)
        self.old = state(self.pristine / "output")
        work = self.copy("reference")
        count = work.parent / "count"
        run = faulted(work, 0, "raise", TIMELINE_FAULT_COUNT_FILE=str(count))
        assert run.returncode == 0, run.stderr
        self.operations = int(count.read_text())
        self.new = state(work / "output", page_cache=False)
        fresh = base / "fresh"
        assert build(work, output=fresh).ok
        # the new site is what a fresh build writes, plus the user's file
        assert self.new == {**(state(fresh, page_cache=False) or {}), "mine.txt": b"the user's own file"}

    def copy(self, name: str) -> Path:
        """A copy of the pristine site, every file a hard link to the pristine one.

        A build never writes into an existing file (it writes new ones and
        renames), so the pristine site must come through every stopped build
        unchanged: :meth:`check_pristine` checks that too.
        """
        target = self.base / name / "site"
        shutil.rmtree(target.parent, ignore_errors=True)
        shutil.copytree(self.pristine, target, symlinks=True, copy_function=os.link)
        return target

    def check_pristine(self) -> None:
        """The pristine site's output is the old site still, byte for byte."""
        assert state(self.pristine / "output") == self.old

    def check_recovers(self, root: Path, n: int = 0) -> None:
        """A normal build after the stopped one: the new site, nothing left over."""
        result = build(root)
        assert result.ok, messages(result)
        assert state(root / "output", page_cache=False) == self.new
        assert sorted(p.name for p in root.iterdir()) == ["content", "output"], n

    def old_or_new(self, root: Path) -> str:
        """Which site the output holds; fails if it is neither."""
        if state(root / "output") == self.old:
            return "old"
        assert state(root / "output", page_cache=False) == self.new, "the output is neither the old site nor the new one"
        return "new"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return Scenario(tmp_path_factory.mktemp("small"), 4)


def test_the_small_site_publishes_in_enough_operations_to_be_worth_stopping(small: Scenario) -> None:
    assert small.operations > 30
    assert small.old != small.new


def test_a_build_killed_at_any_operation_leaves_the_old_or_the_new_site_and_the_next_build_recovers(small: Scenario) -> None:
    seen = set()
    for n in range(1, small.operations + 1):
        root = small.copy("kill")
        run = faulted(root, n, "kill")
        assert run.returncode == -9, (n, run.stderr)
        seen.add(small.old_or_new(root))
        small.check_recovers(root, n)
    assert seen == {"old", "new"}
    small.check_pristine()


def test_an_error_at_any_operation_leaves_the_old_site_whenever_the_build_says_it_failed(small: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = set()
    for n in range(1, small.operations + 1):
        root = small.copy("raise")
        monkeypatch.setenv("TIMELINE_FAULT_AFTER", str(n))
        result = build(root)
        monkeypatch.delenv("TIMELINE_FAULT_AFTER")
        found = small.old_or_new(root)
        if not result.ok:
            # "nothing was written": then nothing was
            assert found == "old", n
            assert messages(result)[-1].startswith(f"{root / 'output'}: cannot write output: [Errno 5] injected fault at operation {n}")
        outcomes.add((result.ok, found))
        small.check_recovers(root, n)
    assert outcomes == {(False, "old"), (True, "new")}
    small.check_pristine()


def test_without_an_atomic_exchange_a_kill_leaves_old_new_or_for_one_step_no_output_and_the_next_build_restores(small: Scenario) -> None:
    counted = small.copy("count")
    count = counted.parent / "count"
    assert faulted(counted, 0, "raise", TIMELINE_RENAME_EXCHANGE="0", TIMELINE_FAULT_COUNT_FILE=str(count)).returncode == 0
    missing = []
    for n in range(1, int(count.read_text()) + 1):
        root = small.copy("fallback")
        run = faulted(root, n, "kill", TIMELINE_RENAME_EXCHANGE="0")
        assert run.returncode == -9, (n, run.stderr)
        if not (root / "output").exists():
            missing.append(n)
            assert build(root, write=False).ok  # a check alone writes nothing, so it cannot be what restores
            assert not (root / "output").exists()
        else:
            small.old_or_new(root)
        small.check_recovers(root, n)
    # the one window the README names: between renaming the old output aside and the new one in
    assert len(missing) == 1
    small.check_pristine()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return Scenario(tmp_path_factory.mktemp("large"), 1000)


def test_a_1000_event_site_killed_at_25_operations_spread_over_publishing_leaves_old_or_new(large: Scenario) -> None:
    assert large.operations > 1000
    seen = set()
    for k in range(25):
        n = 1 + k * (large.operations - 1) // 24
        root = large.copy("kill")
        run = faulted(root, n, "kill")
        assert run.returncode == -9, (n, run.stderr)
        seen.add(large.old_or_new(root))
        large.check_recovers(root, n)
    assert seen == {"old", "new"}
    large.check_pristine()
