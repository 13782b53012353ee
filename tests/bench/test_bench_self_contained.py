"""The bench carries everything it uses: nothing under bench/ or tests/bench/ points outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import PROJECT

# spelled in pieces, so this file does not name what it looks for
OUTSIDE = re.compile("|".join([r"\.\./" + "sha" + "red", "sha" + "red/bench", "/wo" + "rk/", "BENCH_" + "SHA" + "RED", "--" + "sha" + "red"]), re.I)


def tracked(*folders: str) -> list[Path]:
    """The files git tracks under ``folders`` (or every file there, outside a git checkout)."""
    run = subprocess.run(["git", "ls-files", "--", *folders], cwd=PROJECT, capture_output=True, text=True, check=False)
    if run.returncode == 0 and run.stdout.strip():
        return [PROJECT / line for line in run.stdout.splitlines()]
    return [p for folder in folders for p in (PROJECT / folder).rglob("*") if p.is_file() and ".cache" not in p.parts and ".peers" not in p.parts]


def test_nothing_in_the_bench_names_a_folder_outside_the_repository() -> None:
    files = tracked("bench", "tests/bench")
    assert any(p.name == "corpus.py" for p in files)
    offenders = [f"{p.relative_to(PROJECT)}:{n}: {line.strip()}" for p in files for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if OUTSIDE.search(line)]
    assert offenders == []


def test_nothing_in_the_bench_mentions_the_folder_beside_the_project_at_all() -> None:
    word = "sha" + "red"
    offenders = [str(p.relative_to(PROJECT)) for p in tracked("bench", "tests/bench") if word in p.read_text(encoding="utf-8").lower()]
    assert offenders == []


def test_the_peer_sites_and_installer_are_in_the_repository() -> None:
    for name in ("peers/hugo/hugo.yaml", "peers/eleventy/eleventy.config.cjs", "install_peers.sh", "floor.py", "corpus.py"):
        assert (PROJECT / "bench" / name).is_file(), name
