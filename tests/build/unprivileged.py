"""Running a build as a user whom ``chmod`` denies, even when the tests run as root (as in CI).

Root ignores file modes, so a permission test run as root would prove
nothing. As root, the build runs as ``nobody`` through ``setpriv``, on a tree
``nobody`` owns; as anyone else it runs as that user, whom modes already bind.
Either way the case runs: it never skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A fresh folder the unprivileged user owns (under /tmp, which every user can reach)."""
    folder = Path(tempfile.mkdtemp(prefix="timeline-unprivileged-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for parent, dirs, _ in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(parent, name), 0o755, follow_symlinks=False)
        shutil.rmtree(folder)


def hand_over(folder: Path) -> None:
    """Make everything under ``folder`` the unprivileged user's (as root; as anyone else it is theirs already)."""
    if os.getuid() != 0:
        return
    os.chown(folder, NOBODY, NOBODY)
    for parent, dirs, names in os.walk(folder):
        for name in dirs + names:
            os.chown(os.path.join(parent, name), NOBODY, NOBODY, follow_symlinks=False)


def timeline(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``timeline`` with ``args`` as the unprivileged user."""
    command = [sys.executable, "-m", "generator", *args]
    if os.getuid() == 0:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment, cwd="/")
