"""linkchecker, with anchor checking, finds nothing wrong in the shipped site."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from chromium import serve
from conftest import PROJECT, require_tool
from generator.build.pipeline import build
from generator.content.assemble import Options

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


def linkchecker(folder: Path, tmp_path: Path, prefix: str = "/", build_site: bool = False) -> subprocess.CompletedProcess[str]:
    """Serve ``folder`` at ``prefix`` and crawl it; with ``build_site``, first build the shipped site there for that address."""
    tool = require_tool("linkchecker")
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG)
    url, server = serve(folder, prefix)
    try:
        if build_site:
            result = build(PROJECT, output=folder, options=Options(base_url=url, local=True), strict=True)
            assert result.ok, [p.format() for p in result.problems]
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


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
def test_the_shipped_site_has_no_broken_link_or_anchor(tmp_path: Path, prefix: str) -> None:
    output = tmp_path / "output"
    output.mkdir()
    run = linkchecker(output, tmp_path, prefix, build_site=True)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert "0 warnings found. 0 errors found." in run.stdout
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', (output / "index.html").read_text())
    assert canonical and re.fullmatch(rf"http://127\.0\.0\.1:\d+{prefix}", canonical.group(1))
