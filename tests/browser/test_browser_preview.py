"""`timeline serve` end to end: a real server process and real headless Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeSite, event

FIRST = event("First title", "2019-05-16", body="Original body.")


@pytest.fixture
def served(make_site: MakeSite) -> Iterator[tuple[Path, str]]:
    files = {f"content/events/e{i:02d}.md": event(f"Event {i}", f"20{10 + i % 10}-0{1 + i % 9}-01", body="Words. " * 80) for i in range(40)}
    files["content/events/target.md"] = FIRST
    root = make_site(files)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    assert process.stdout is not None
    url = ""
    for line in process.stdout:
        if line.startswith("Serving "):
            url = line.split()[1]
            break
    assert url.startswith("http://127.0.0.1:"), "server did not start"
    before = sorted(p.name for p in root.parent.iterdir())
    yield root, url
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert sorted(p.name for p in root.parent.iterdir()) == before, "serve left files behind"
    assert not (root / "output").exists()


def open_ready(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(url)
    page.wait_for_function("window.__timelinePreviewReady === true")
    return page


def save(path: Path, text: str, atomic: bool = False) -> None:
    if atomic:
        temp = path.with_name("." + path.name + ".tmp")
        temp.write_text(text)
        os.replace(temp, path)
    else:
        path.write_text(text)


def test_an_edit_reloads_the_page_with_the_new_text(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url + "events/target/")
    assert page.inner_text("h1") == "First title"
    with page.expect_event("load", timeout=10_000):
        save(root / "content/events/target.md", FIRST.replace("First title", "Second title"))
    assert page.inner_text("h1") == "Second title"
    page.wait_for_function("window.__timelinePreviewReady === true")
    with page.expect_event("load", timeout=10_000):
        save(root / "content/events/target.md", FIRST.replace("First title", "Atomic title"), atomic=True)
    assert page.inner_text("h1") == "Atomic title"
    page.close()


def test_a_broken_file_shows_the_overlay_and_fixing_it_clears_it(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    with page.expect_event("load", timeout=10_000):
        save(root / "content/events/target.md", "---\ntitle: Broken\ndate: 16/05/2019\n---\n")
    overlay = page.locator("#timeline-preview-overlay")
    assert "content/events/target.md:3: date:" in overlay.inner_text()
    assert page.locator('[id="target"] h4').inner_text() == "First title"  # the last good build is still served
    page.wait_for_function("window.__timelinePreviewReady === true")
    with page.expect_event("load", timeout=10_000):
        save(root / "content/events/target.md", FIRST.replace("First title", "Fixed title"))
    assert page.locator("#timeline-preview-overlay").count() == 0
    assert page.locator('[id="target"] h4').inner_text() == "Fixed title"
    page.close()


def test_after_a_reload_the_edited_event_is_in_view_and_scroll_is_kept(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    with page.expect_event("load", timeout=10_000):
        save(root / "content/events/target.md", FIRST.replace("Original body.", "Edited body."))
    top = page.evaluate("document.getElementById('target').getBoundingClientRect().top")
    assert 0 <= top < 700
    page.wait_for_function("window.__timelinePreviewReady === true")
    page.evaluate("window.scrollTo(0, 1500)")
    with page.expect_event("load", timeout=10_000):
        save(root / "content/entities/huawei.md", "---\nname: Huawei\nkind: company\n---\nRewritten.\n")
    page.wait_for_function("window.scrollY > 0")
    assert abs(page.evaluate("window.scrollY") - 1500) < 5
    page.close()
