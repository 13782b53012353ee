"""The stages import only downwards (import-linter's contracts in pyproject.toml), and a wrong-way import fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, require_tool


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, on the ``generator`` package found in ``package_parent``."""
    tool = require_tool("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([tool, "--config", str(PROJECT / "pyproject.toml"), "--no-cache"], cwd=package_parent, env=env,
                          capture_output=True, text=True)


def test_every_import_points_down() -> None:
    run = lint_imports(PROJECT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


@pytest.mark.parametrize(("module", "wrong_import", "names"), [
    ("render/feeds.py", "from ..build import output as _output", "generator.render.feeds -> generator.build.output"),
    ("content/model.py", "from ..render import theme as _theme", "generator.content.model -> generator.render.theme"),
    ("ingest/writer.py", "from ..build import output as _output", "generator.ingest.writer -> generator.build.output"),
    ("urls.py", "from .content import dates as _dates", "generator.urls -> generator.content.dates"),
    ("build/output.py", "from .. import cli as _cli", "generator.build.output -> generator.cli"),
])
def test_a_wrong_way_import_breaks_the_contract(tmp_path: Path, module: str, wrong_import: str, names: str) -> None:
    shutil.copytree(PROJECT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / "generator" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{wrong_import}\n", encoding="utf-8")
    run = lint_imports(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "BROKEN" in run.stdout and names in run.stdout
