"""Real headless Chromium (Debian's) and a local static server for browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no request log; the header lets linkchecker skip its throttle."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "1")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path, prefix: str = "/") -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``folder`` at ``prefix`` on 127.0.0.1; the site's URL and the server."""
    root = folder
    if prefix != "/":
        # mount the folder under the prefix, the way GitHub Pages serves project sites
        root = folder.parent / f".mount-{folder.name}"
        target = root / prefix.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(folder.resolve(), target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}{prefix}", server


def chromium_available() -> bool:
    """Whether Debian's Chromium and the playwright package are both here."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the session; skipped only outside CI when Chromium is missing."""
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("Chromium and playwright are required in CI")
        pytest.skip("Chromium or playwright not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site_url(shipped_output: Path) -> Iterator[str]:
    """The shipped site, built once, served on 127.0.0.1."""
    url, server = serve(shipped_output)
    yield url
    server.shutdown()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context (own storage and permissions) at desktop size."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()
