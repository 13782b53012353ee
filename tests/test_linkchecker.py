"""linkchecker, with anchor checking, finds nothing wrong in the shipped site."""

from __future__ import annotations

import subprocess
from pathlib import Path

from browser import serve
from conftest import require_tool

CONFIG = """\
[checking]
maxrequestspersecond=1000
[filtering]
ignore=
  ^https?://(?!127\\.0\\.0\\.1[:/])
  ^mailto:
[output]
warnings=1
[AnchorCheck]
"""


def linkchecker(folder: Path, tmp_path: Path, prefix: str = "/") -> subprocess.CompletedProcess[str]:
    tool = require_tool("linkchecker")
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG)
    url, server = serve(folder, prefix)
    try:
        return subprocess.run([tool, "--config", str(config), "--no-status", url], capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()


def test_linkchecker_really_checks_anchors(tmp_path: Path) -> None:
    site = tmp_path / "planted"
    site.mkdir()
    (site / "index.html").write_text('<!DOCTYPE html><html lang="en"><title>x</title><p id="here"><a href="#here">ok</a> <a href="#gone">bad</a></p></html>')
    run = linkchecker(site, tmp_path)
    assert run.returncode == 1
    assert "Anchor `gone' (decoded: `gone') not found" in run.stdout


def test_the_shipped_site_has_no_broken_link_or_anchor(shipped_output: Path, tmp_path: Path) -> None:
    run = linkchecker(shipped_output, tmp_path)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert "0 warnings found. 0 errors found." in run.stdout
