"""``TIMELINE_PROFILE=DIR``: the build process and each of its workers leave cProfile stats, and the output is unchanged."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, MakeSite, event, snapshot
from generator import pool


def build_with(root: Path, output: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, env={**os.environ, **env}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def functions(path: Path) -> set[str]:
    return {name for _, _, name in pstats.Stats(str(path)).stats}  # type: ignore[attr-defined]


def test_the_parent_and_every_worker_write_their_profile(make_site: MakeSite, tmp_path: Path) -> None:
    # enough bodies for the convert workers (200) and page tasks for the render workers (400)
    root = make_site({f"content/events/e{n}.md": event(f"Event {n}", f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}", body=f"Body *{n}*.") for n in range(450)})
    folder = tmp_path / "profiles"
    folder.mkdir()
    build_with(root, tmp_path / "plain", {})
    build_with(root, tmp_path / "profiled", {pool.PROFILE_VARIABLE: str(folder)})
    assert snapshot(tmp_path / "profiled") == snapshot(tmp_path / "plain")
    roles: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        role, _, pid = path.stem.partition("-")
        assert pid.isdigit() and path.suffix == ".prof", path.name
        roles.setdefault(role, []).append(path)
    assert "load" in functions(*roles["parent"])
    if pool.workers() > 1:
        assert set(roles) == {"parent", "convert", "render"}
        assert len(roles["convert"]) == len(roles["render"]) == pool.workers()
        assert all("_convert_chunk" in functions(path) for path in roles["convert"])
        assert all("_run_chunk" in functions(path) for path in roles["render"])
    else:
        assert set(roles) == {"parent"}
