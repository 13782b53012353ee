"""Content the build cannot read is an error naming the path: the build fails and the previous output stays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from unprivileged import hand_over, shared_folder, timeline

from conftest import SITE_YAML, event, snapshot, write_files

SITE = {"content/site.yaml": SITE_YAML, "content/entities/huawei.md": "---\nname: Huawei\nkind: company\n---\nA company.\n"}


def _site(root: Path, events: int) -> None:
    files = {f"content/events/2019/e{n}.md": event(f"Event {n}") for n in range(events)}
    write_files(root, {**SITE, "content/events/first.md": event("First"), **files})


@pytest.mark.parametrize(("what", "mode", "named"), [
    ("content/events/2019", 0o300, "content/events/2019"),  # cannot be listed
    ("content/events/2019", 0o600, "content/events/2019/e13.md"),  # listed, but no file in it can be opened
    ("content/entities", 0o300, "content/entities"),
    ("content/events/2019/e3.md", 0o200, "content/events/2019/e3.md"),
])
def test_unreadable_content_fails_the_build_naming_it_and_keeps_the_output(what: str, mode: int, named: str) -> None:
    with shared_folder() as folder:
        root = folder / "site"
        _site(root, 14)
        hand_over(folder)
        first = timeline("build", "--root", str(root))
        assert first.returncode == 0, first.stderr
        before = snapshot(root / "output", page_cache=True)
        os.chmod(root / what, mode)
        run = timeline("build", "--root", str(root))
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        assert f"{named}: cannot read: Permission denied" in run.stderr.splitlines()
        assert snapshot(root / "output", page_cache=True) == before
        assert sorted(p.name for p in root.iterdir()) == ["content", "output"]
