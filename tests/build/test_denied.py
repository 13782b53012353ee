"""Real refusals from the file system while publishing: permission denied (as a user ``chmod`` binds, even in CI as root), a full disk.

Each ends with the old site or the new one in the output, whole, and nothing
left beside it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from unprivileged import hand_over, shared_folder, timeline

from conftest import SITE_YAML, event, in_ci, messages, snapshot, write_files
from generator.build.pipeline import build

EVENTS = {f"content/events/e{n}.md": event(f"Event {n}", f"2019-0{1 + n}-01", "tags: [trade]\n") for n in range(4)}


@pytest.fixture
def site() -> Iterator[Path]:
    """A site the unprivileged user owns, built once by that user, with one event retitled since."""
    with shared_folder() as folder:
        root = folder / "site"
        write_files(root, {"content/site.yaml": SITE_YAML, **EVENTS})
        hand_over(folder)
        run = timeline("build", "--root", str(root))
        assert run.returncode == 0, run.stderr
        (root / "content/events/e1.md").write_text(event("Retitled", "2019-02-01", "tags: [trade]\n"))
        yield root


def fresh(root: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "fresh"
    assert build(root, output=out).ok
    return snapshot(out)


@pytest.mark.parametrize("folder", ["events/e1", "tags/trade", "events"])
def test_a_page_folder_made_read_only_does_not_stop_the_update_or_mix_the_site(site: Path, tmp_path: Path, folder: str) -> None:
    os.chmod(site / "output" / folder, 0o555)
    run = timeline("build", "--root", str(site))
    assert run.returncode == 0, run.stderr
    assert snapshot(site / "output") == fresh(site, tmp_path)
    assert sorted(p.name for p in site.iterdir()) == ["content", "output"]


@pytest.mark.parametrize("what", ["output", "site"])
def test_a_read_only_output_or_site_folder_fails_the_build_and_changes_nothing(site: Path, what: str) -> None:
    before = snapshot(site / "output", page_cache=True)
    denied = site / "output" if what == "output" else site
    os.chmod(denied, 0o555)
    run = timeline("build", "--root", str(site))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{site / 'output'}: cannot write output: [Errno 13] Permission denied")
    assert run.stderr.rstrip().endswith("nothing was written")
    assert snapshot(site / "output", page_cache=True) == before
    assert sorted(p.name for p in site.iterdir()) == ["content", "output"]


def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        if os.getuid() == 0 or in_ci():
            pytest.fail(f"cannot mount a tmpfs: {done.stderr.strip()}")
        pytest.skip(f"mounting a tmpfs needs root: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB tmpfs: mounting needs root, so this skips only where the tests run as another user and not in CI."""
    yield from tmpfs(tmp_path / "disk", "size=1m")


@pytest.fixture
def few_inodes(tmp_path: Path) -> Iterator[Path]:
    """A real tmpfs with room for few files and folders."""
    yield from tmpfs(tmp_path / "inodes", "size=8m,nr_inodes=200")


def test_a_disk_filling_up_while_staging_leaves_the_old_site_and_nothing_beside_it(small_disk: Path) -> None:
    root = small_disk.parent / "site"
    write_files(root, {"content/site.yaml": SITE_YAML, **EVENTS})
    out = small_disk / "output"
    assert build(root, output=out).ok
    before = snapshot(out, page_cache=True)
    (root / "content/events/big.md").write_text(event("Big", body="\n\n".join("x" * 1000 for _ in range(900))))
    result = build(root, output=out)
    assert not result.ok
    assert messages(result)[0].startswith(f"{out}: cannot write output: [Errno 28] No space left on device")
    assert snapshot(out, page_cache=True) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["output"]


def test_running_out_of_inodes_while_staging_leaves_the_old_site_and_nothing_beside_it(few_inodes: Path) -> None:
    root = few_inodes.parent / "site"
    write_files(root, {"content/site.yaml": SITE_YAML, **EVENTS})
    out = few_inodes / "output"
    assert build(root, output=out).ok
    before = snapshot(out, page_cache=True)
    more = {f"content/events/more{n}.md": event(f"More {n}", "2019-05-01") for n in range(40)}
    write_files(root, more)
    result = build(root, output=out)
    assert not result.ok
    assert messages(result)[0].startswith(f"{out}: cannot write output: [Errno 28] No space left on device")
    assert snapshot(out, page_cache=True) == before
    assert sorted(p.name for p in few_inodes.iterdir()) == ["output"]


@pytest.mark.parametrize("no_cache", [False, True])
def test_an_output_folder_that_cannot_be_read_fails_the_build_and_leaves_nothing_behind(site: Path, no_cache: bool) -> None:
    """Files of the user's may be in it, so it is neither replaced unread nor left half-moved (a --no-cache build used to leave .output.old-*)."""
    before = snapshot(site / "output", page_cache=True)
    os.chmod(site / "output/tags/trade", 0o300)
    run = timeline("build", "--root", str(site), *(["--no-cache"] if no_cache else []))
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[0] == f"{site / 'output'}: cannot write output: cannot read {site / 'output/tags/trade'}: Permission denied"
    os.chmod(site / "output/tags/trade", 0o755)
    assert snapshot(site / "output", page_cache=True) == before
    assert sorted(p.name for p in site.iterdir()) == ["content", "output"]
