"""The published pages on a phone and a desktop in real Chromium: nothing shifts, every target is big enough, the chart is whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import serve
from conftest import PROJECT
from generator.build.pipeline import build
from generator.content.assemble import Options

# not is_mobile: with Chromium's mobile emulation on, it reports no layout-shift entries at all (a planted shift gives none)
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
PICTURED = "events/2018-07-13-zte-denial-order-lifted/"
PAGES = ["", "events/2019-05-16-entity-list/", PICTURED, "entities/huawei/", "entities/", "tags/", "tags/export-controls/", "corrections/", "404.html"]

# Layout shifts as the Layout Instability API reports them (what Lighthouse's CLS sums), from the very first paint.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""

# Every target on the page with its box; those in running text (a sentence's links) are exempt, as WCAG 2.5.8 says.
TARGETS = """() => [...document.querySelectorAll("a, button, input, select, summary")]
  .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
  .filter((e) => !e.closest(".prose, .summary, .lede"))
  .map((e) => { const r = e.getBoundingClientRect();
    return {what: e.outerHTML.slice(0, 80), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10}; })"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped site built for the address it is served at (so 404.html's root links work too)."""
    folder = tmp_path_factory.mktemp("layout") / "output"
    folder.mkdir()
    url, server = serve(folder)
    result = build(PROJECT, output=folder, options=Options(base_url=url, local=True))
    assert result.ok, [p.format() for p in result.problems]
    yield url
    server.shutdown()


def opened(browser: Any, size: str, url: str) -> Any:
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.add_init_script(RECORD_SHIFTS)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # the shifts are counted once the deferred script has run and the page has painted twice more
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page


@pytest.mark.parametrize("size", SIZES)
def test_no_page_shifts_as_it_loads(browser: Any, published: str, size: str) -> None:
    shifts = {}
    for path in PAGES:
        page = opened(browser, size, published + path)
        shifts[path] = round(sum(page.evaluate("window.__shifts")), 4)
        page.context.close()
    assert all(score < 0.02 for score in shifts.values()), shifts


def test_the_filter_form_holds_its_place_before_the_script_runs(browser: Any, published: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.route("**/timeline.js", lambda route: route.abort())  # the script never comes: the page as first painted
    page.goto(published)
    before = page.eval_on_selector(".years, .overview", "e => e.getBoundingClientRect().top")
    form = page.eval_on_selector("#filters", "e => e.getBoundingClientRect().height")
    context.close()
    page = opened(browser, "phone", published)
    after = page.eval_on_selector(".years, .overview", "e => e.getBoundingClientRect().top")
    assert form > 40 and before == after and page.is_visible("#filters")
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_every_tap_target_is_at_least_24_by_24_px(browser: Any, published: str, size: str) -> None:
    small: dict[str, list[dict[str, Any]]] = {}
    for path in PAGES:
        page = opened(browser, size, published + path)
        targets = page.evaluate(TARGETS)
        assert len(targets) > 5
        small[path] = [t for t in targets if t["width"] < 24 or t["height"] < 24]
        page.context.close()
    assert small == {path: [] for path in PAGES}


def test_axe_finds_no_small_targets(browser: Any, published: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for size in SIZES:
        for path in PAGES:
            page = opened(browser, size, published + path)
            result = Axe().run(page, options={"runOnly": ["target-size"]})
            assert [v["nodes"] for v in result.response["violations"]] == [], (size, path)
            page.context.close()


def test_the_month_chart_fits_or_scrolls_with_a_visible_cue_on_a_phone(browser: Any, published: str) -> None:
    page = opened(browser, "phone", published)
    scroller = page.locator(".chart-scroll")
    overflow = page.eval_on_selector(".chart-scroll", "e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX]")
    scroll_width, width, mode = overflow
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "the chart must not widen the page"
    if scroll_width > width:
        assert mode == "auto" and page.is_visible(".chart-cue")
        last_year = page.eval_on_selector_all(".chart text", "ts => ts[ts.length - 1].textContent")
        assert int(last_year) >= 2025
        scroller.evaluate("e => e.scrollTo(e.scrollWidth, 0)")
        box, label = scroller.bounding_box(), page.locator(".chart text").last.bounding_box()
        assert box is not None and label is not None and box["x"] <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"]
    else:
        assert not page.is_visible(".chart-cue")
    page.context.close()


def test_the_layout_checks_really_catch_a_shift_and_a_small_target(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html lang=en><title>t</title><body><div id=late></div><p style='height:300px'>text</p>"
        "<nav><a href=#x style='font-size:10px'>x</a></nav><script>addEventListener('load', () => setTimeout(() => {"
        " document.getElementById('late').style.height = '200px'; }, 100))</script></body></html>"
    )
    url, server = serve(tmp_path)
    try:
        page = opened(browser, "phone", url)
        page.wait_for_function("window.__shifts.length > 0")
        assert sum(page.evaluate("window.__shifts")) > 0.02
        assert [t for t in page.evaluate(TARGETS) if t["height"] < 24]
        page.context.close()
    finally:
        server.shutdown()


def test_a_picture_keeps_its_place_before_it_loads_and_a_narrow_screen_loads_a_smaller_copy(browser: Any, published: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.route("**/media/**", lambda route: route.abort())  # the picture never comes
    page.goto(published + PICTURED)
    box = page.eval_on_selector("figure.media img", "e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height, e.naturalWidth]")
    context.close()
    width, height, natural = box
    assert natural == 0 and height > 100 and abs(width / height - 1200 / 600) < 0.02
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.goto(published + PICTURED)
    page.wait_for_load_state("networkidle")
    loaded = page.eval_on_selector("figure.media img", "e => [e.complete, e.naturalWidth, e.currentSrc]")
    assert loaded[0] and loaded[1] > 0 and loaded[2].endswith("-480w.png")  # naturalWidth is in CSS px: 480 px drawn in 390
    context.close()
