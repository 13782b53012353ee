"""`timeline serve` end to end: a real server process and real headless Chromium.

On a save the preview updates the open page in place; the tests tell that from
a reload by a mark left on ``window`` (a reload starts a new one) and by the
page's navigation entry. ``window.__timelinePreviewReloadOnly`` turns the
update into a full reload, the way the preview falls back when a page changes
shape.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeSite, event
from generator.render.theme import BUILTIN

FIRST = event("First title", "2019-05-16", body="Original body.")
TARGET = "content/events/target.md"
SAVES = [0]
"""Saves made so far: each starts one build."""


@pytest.fixture
def served(make_site: MakeSite) -> Iterator[tuple[Path, str]]:
    files = {f"content/events/e{i:02d}.md": event(f"Event {i}", f"20{10 + i % 10}-0{1 + i % 9}-01", body="Words. " * 80) for i in range(40)}
    files[TARGET] = FIRST
    files["themes/default/templates/README.txt"] = "Templates here override the built-in ones.\n"
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
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout or ()), daemon=True).start()
    saves = SAVES[0]
    before = sorted(p.name for p in root.parent.iterdir())
    yield root, url
    # stop it between builds, as a person would: the last build's late files may still be in the making
    deadline = time.monotonic() + 30
    while sum(line.startswith(("rebuilt", "build failed")) for line in lines) < SAVES[0] - saves and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert sorted(p.name for p in root.parent.iterdir()) == before, "serve left files behind"
    assert not (root / "output").exists()


def open_ready(browser: Any, url: str, *, reload_only: bool = False) -> Any:
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    if reload_only:
        page.add_init_script("window.__timelinePreviewReloadOnly = true")
    page.goto(url)
    page.wait_for_function("window.__timelinePreviewReady === true")
    page.evaluate("window.__marker = 1")
    return page


def save(path: Path, text: str, atomic: bool = False) -> None:
    SAVES[0] += 1
    if atomic:
        temp = path.with_name("." + path.name + ".tmp")
        temp.write_text(text)
        os.replace(temp, path)
    else:
        path.write_text(text)


def wait_for_text(page: Any, selector: str, text: str) -> None:
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return e && e.textContent.includes(t); }", arg=[selector, text], timeout=10_000)


def not_navigated(page: Any) -> bool:
    """The page is the one first loaded: the mark set then is still there, and it was never reloaded."""
    return bool(page.evaluate("window.__marker === 1 && performance.getEntriesByType('navigation').map((e) => e.type).join() === 'navigate'"))


def settled(page: Any) -> None:
    """Wait until the page listens for the next build again."""
    page.wait_for_function("window.__timelinePreviewReady === true", timeout=10_000)


def test_an_edit_updates_the_page_in_place(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url + "events/target/")
    assert page.inner_text("h1") == "First title"
    save(root / TARGET, FIRST.replace("First title", "Second title").replace("Original body.", "New *body* here.\n\nAnd a new paragraph."))
    wait_for_text(page, "h1", "Second title")
    assert page.title().startswith("Second title")
    assert "And a new paragraph." in page.inner_text(".prose")
    assert not_navigated(page)
    settled(page)
    save(root / TARGET, FIRST.replace("First title", "Atomic title"), atomic=True)
    wait_for_text(page, "h1", "Atomic title")
    assert not_navigated(page)
    page.close()


def test_scroll_focus_and_filters_are_kept_and_apply_to_the_new_text(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    page.fill("#filters input[name=q]", "fresh")
    page.wait_for_function("document.getElementById('filter-status').textContent.startsWith('0 of 41')")
    page.evaluate("window.scrollTo(0, 300)")
    scrolled = page.evaluate("window.scrollY")
    save(root / TARGET, FIRST.replace("First title", "Fresh title"))
    wait_for_text(page, "#filter-status", "1 of 41 events shown")
    assert page.locator('[id="target"] h4').inner_text() == "Fresh title"
    assert page.locator('[id="target"]').is_visible()
    assert page.evaluate("document.activeElement.name") == "q"
    assert page.input_value("#filters input[name=q]") == "fresh"
    assert page.evaluate("location.search") == "?q=fresh"
    assert page.evaluate("window.scrollY") == scrolled
    assert not_navigated(page)
    page.close()


def test_the_focused_event_stays_focused_and_keys_and_filters_work_on_changed_events(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    page.evaluate("document.getElementById('target').scrollIntoView({block: 'center'})")
    at = page.evaluate("window.scrollY")
    page.evaluate("document.getElementById('target').tabIndex = -1; document.getElementById('target').focus()")
    # new entities and tags give the event new chips: its article is replaced, not just its text
    save(root / TARGET, event("Chip title", "2019-05-16", extra="entities: [Huawei]\ntags: [moved]\n", body="Original body."))
    wait_for_text(page, '[id="target"] h4', "Chip title")
    assert page.locator('[id="target"] .chips').inner_text() == "Huawei"
    assert page.evaluate("document.activeElement.id") == "target"
    assert abs(page.evaluate("window.scrollY") - at) <= 1
    order = page.evaluate("Array.from(document.querySelectorAll('li.event'), (li) => li.id)")
    at_target = order.index("target")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == order[at_target - 1]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "target"
    page.select_option("#filters select[name=entity]", "huawei")
    assert page.evaluate("Array.from(document.querySelectorAll('li.event:not([hidden])'), (li) => li.id)") == ["target"]
    page.select_option("#filters select[name=tag]", "moved")
    assert "1 of 41 events shown" in page.inner_text("#filter-status")
    assert not_navigated(page)
    page.close()


def test_the_edited_event_is_brought_into_view(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    assert page.evaluate("document.getElementById('target').getBoundingClientRect().top") > 700
    save(root / TARGET, FIRST.replace("First title", "Far title"))
    wait_for_text(page, '[id="target"] h4', "Far title")
    page.wait_for_function("document.getElementById('target').getBoundingClientRect().top < 700", timeout=10_000)
    assert page.evaluate("document.getElementById('target').getBoundingClientRect().bottom") > 0
    assert not_navigated(page)
    page.close()


def test_a_new_event_on_the_page_reloads_it(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    with page.expect_event("load", timeout=10_000):
        save(root / "content/events/added.md", event("Added event", "2019-05-17"))
    assert page.locator('[id="added"] h4').inner_text() == "Added event"
    assert page.evaluate("window.__marker") is None
    page.close()


def test_a_template_change_that_changes_the_page_skeleton_reloads_it(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url + "events/target/")
    base = (BUILTIN / "templates/base.html").read_text()
    kept_shape = base.replace("· <a href=\"{{ link.to('corrections/index.html') }}\">Corrections</a>", "· Changed footer")
    assert kept_shape != base
    save(root / "themes/default/templates/base.html", kept_shape)
    wait_for_text(page, "footer", "Changed footer")  # same skeleton: updated in place
    assert not_navigated(page)
    settled(page)
    with page.expect_event("load", timeout=10_000):
        save(root / "themes/default/templates/base.html", kept_shape.replace('<main id="content"', '<aside class="notice">Draft</aside>\n<main id="content"'))
    assert page.inner_text("aside.notice") == "Draft"
    assert page.evaluate("window.__marker") is None
    page.close()


def test_a_broken_file_shows_the_overlay_and_fixing_it_clears_it_in_place(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    save(root / TARGET, "---\ntitle: Broken\ndate: 16/05/2019\n---\n")
    page.wait_for_selector("#timeline-preview-overlay", timeout=10_000)
    assert "content/events/target.md:3: date:" in page.locator("#timeline-preview-overlay").inner_text()
    assert page.locator('[id="target"] h4').inner_text() == "First title"  # the last good build is still shown
    settled(page)
    save(root / TARGET, FIRST.replace("First title", "Fixed title"))
    wait_for_text(page, '[id="target"] h4', "Fixed title")
    assert page.locator("#timeline-preview-overlay").count() == 0
    assert not_navigated(page)
    page.close()


def test_with_updates_in_place_off_an_edit_reloads_the_page(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url + "events/target/", reload_only=True)
    with page.expect_event("load", timeout=10_000):
        save(root / TARGET, FIRST.replace("First title", "Second title"))
    assert page.inner_text("h1") == "Second title"
    assert page.evaluate("window.__marker") is None
    page.close()


def test_after_a_reload_the_edited_event_is_in_view_and_scroll_is_kept(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url, reload_only=True)
    with page.expect_event("load", timeout=10_000):
        save(root / TARGET, FIRST.replace("Original body.", "Edited body."))
    top = page.evaluate("document.getElementById('target').getBoundingClientRect().top")
    assert 0 <= top < 700
    page.wait_for_function("window.__timelinePreviewReady === true")
    page.evaluate("window.scrollTo(0, 1500)")
    with page.expect_event("load", timeout=10_000):
        save(root / "content/entities/huawei.md", "---\nname: Huawei\nkind: company\n---\nRewritten.\n")
    page.wait_for_function("window.scrollY > 0")
    assert abs(page.evaluate("window.scrollY") - 1500) < 5
    page.close()


def test_a_failed_build_with_updates_in_place_off_reloads_into_the_overlay(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url, reload_only=True)
    with page.expect_event("load", timeout=10_000):
        save(root / TARGET, "---\ntitle: Broken\ndate: 16/05/2019\n---\n")
    assert "content/events/target.md:3: date:" in page.locator("#timeline-preview-overlay").inner_text()
    page.wait_for_function("window.__timelinePreviewReady === true")
    with page.expect_event("load", timeout=10_000):
        save(root / TARGET, FIRST.replace("First title", "Fixed title"))
    assert page.locator("#timeline-preview-overlay").count() == 0
    assert page.locator('[id="target"] h4').inner_text() == "Fixed title"
    page.close()


def test_a_changed_stylesheet_reloads_the_page_with_it(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    style = (BUILTIN / "static/style.css").read_text()
    (root / "themes/default/static").mkdir()
    with page.expect_event("load", timeout=10_000):
        save(root / "themes/default/static/style.css", style + "\nh1 { color: rgb(1, 2, 3); }\n")
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(1, 2, 3)"
    assert page.evaluate("window.__marker") is None
    page.close()


def requests_of(page: Any) -> list[str]:
    """The addresses the page asks for from now on."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    return asked


def test_an_edited_event_comes_as_its_changed_element_alone(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url)
    page.fill("#filters input[name=q]", "title")
    page.evaluate("window.scrollTo(0, 250)")
    scrolled = page.evaluate("window.scrollY")
    asked = requests_of(page)
    save(root / TARGET, FIRST.replace("First title", "Parted title"), atomic=True)
    wait_for_text(page, '[id="target"] h4', "Parted title")
    assert any("/__livereload/parts?" in address for address in asked)
    assert url not in asked  # the page itself was not fetched again
    assert page.input_value("#filters input[name=q]") == "title" and page.evaluate("window.scrollY") == scrolled
    assert not_navigated(page)
    settled(page)
    save(root / TARGET, FIRST.replace("First title", "Parted again"))
    wait_for_text(page, '[id="target"] h4', "Parted again")  # the next edit starts from the parts it was given
    assert url not in asked and not_navigated(page)
    page.close()


def test_a_change_outside_elements_with_ids_fetches_the_page_and_still_updates_in_place(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    page = open_ready(browser, url + "events/target/")
    asked = requests_of(page)
    save(root / TARGET, FIRST.replace("First title", "Headed title"))  # the title is in the head too
    wait_for_text(page, "h1", "Headed title")
    assert page.title().startswith("Headed title")
    assert url + "events/target/" in asked
    assert not_navigated(page)
    page.close()


def test_a_page_not_open_during_an_edit_shows_it_once_the_build_finished(browser: Any, served: tuple[Path, str]) -> None:
    root, url = served
    timeline = open_ready(browser, url)
    save(root / TARGET, event("Tagged title", "2019-05-16", extra="tags: [later]\n", body="Original body."))
    wait_for_text(timeline, "#filters", "later")  # a new tag changes the filter form: the timeline reloads
    settled(timeline)
    save(root / TARGET, event("Tagged again", "2019-05-16", extra="tags: [later]\n", body="Original body."))
    wait_for_text(timeline, '[id="target"] h4', "Tagged again")
    tag = open_ready(browser, url + "tags/later/")
    assert "Tagged again" in tag.inner_text("main")
    timeline.close()
    tag.close()
