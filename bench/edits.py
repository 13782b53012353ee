"""The preview path, measured in a child process that serves the site as ``timeline serve`` would (see :mod:`bench.child`)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .corpus import Corpus
from .report import EditFigures
from .runners import child_env, remove, spawn


def measure_edit(corpus: Corpus, work: Path, runs: int, pythonpath: str) -> EditFigures:
    """Save one event ``runs`` times (after a warm-up save) on a private copy of the site; the child's figures."""
    site = work / "edit-site"
    remove(site)
    shutil.copytree(corpus.site / "content", site / "content")
    argv = [sys.executable, "-m", "bench.child", "edit", str(site), str(work / "edit-out"), "--runs", str(runs)]
    try:
        usage, stdout = spawn(argv, site, child_env(pythonpath), what="one-event edit under the preview")
    finally:
        remove(site)
        remove(work / "edit-out")
    data = json.loads(stdout.strip().splitlines()[-1])
    return EditFigures([float(t) for t in data["times"]], [float(t) for t in data["rebuilds"]], usage.maxrss_kib)
