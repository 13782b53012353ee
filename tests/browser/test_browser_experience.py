"""The timeline in real headless Chromium: filters, keys, accessibility, no outside requests, screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import PROJECT

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", PROJECT / "test-artifacts"))
PAGES = {"timeline": "", "event": "events/2019-05-16-entity-list/", "entity": "entities/huawei/", "entity index": "entities/"}


def watched(context: Any) -> tuple[Any, list[str], list[str]]:
    """A page that records console errors and every URL it requests."""
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return page, errors, requests


def visible_ids(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("li.event:not([hidden])", "els => els.map(e => e.id)"))


def test_filters_combine_and_live_in_the_url(context: Any, site_url: str) -> None:
    page, errors, _ = watched(context)
    page.goto(site_url)
    total = len(visible_ids(page))
    page.select_option("select[name=entity]", "zte")
    zte = visible_ids(page)
    assert 0 < len(zte) < total
    assert all("zte" in page.get_attribute(f'[id="{i}"]', "data-entities").split() for i in zte)
    page.select_option("select[name=tag]", "fcc")
    both = visible_ids(page)
    assert 0 < len(both) < len(zte) and set(both) <= set(zte)
    page.fill("input[name=q]", "Equipment  AUTHORISATION")
    found = visible_ids(page)
    assert 0 < len(found) < len(both) and set(found) <= set(both)
    for ident in found:
        words = page.inner_text(f'[id="{ident}"] article').lower()
        assert "equipment" in words and "authorisation" in words
    assert f"{len(found)} of 43 events shown" in page.inner_text("#filter-status")
    shared = page.url
    assert "entity=zte" in shared and "tag=fcc" in shared and "q=Equipment++AUTHORISATION" in shared
    other = context.new_page()
    other.goto(shared)
    assert visible_ids(other) == found
    assert other.input_value("input[name=q]") == "Equipment  AUTHORISATION"
    page.click("button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('li.event:not([hidden])').length === {total}")
    assert "?" not in page.url
    assert errors == []


def test_search_knows_aliases_and_finds_entities(context: Any, site_url: str) -> None:
    page, errors, requests = watched(context)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if r.endswith("search-index.json")], "the index is fetched only once the filters are used"
    page.fill("input[name=q]", "Zhongxing")  # an alias of ZTE, not written in any event
    page.wait_for_selector("#entity-results a")  # the index has come
    assert [r for r in requests if r.endswith("search-index.json")] == [f"{site_url}search-index.json"]
    ids = visible_ids(page)
    assert ids and all("zte" in page.get_attribute(f'[id="{i}"]', "data-entities").split() for i in ids)
    assert page.inner_text("#entity-results").strip() == "ZTE"
    page.click("#entity-results a")
    page.wait_for_url(f"{site_url}entities/zte/")
    assert errors == []


def test_an_anchor_still_works_under_a_filter(context: Any, site_url: str) -> None:
    page, _, _ = watched(context)
    page.goto(f"{site_url}?entity=zte#2019-09-26-ren-5g-licence-offer")
    ids = visible_ids(page)
    assert "2019-09-26-ren-5g-licence-offer" in ids and "2017-03-07-zte-guilty-plea" in ids
    assert "2019-05-19-google-android-suspension" not in ids
    top = page.evaluate("document.getElementById('2019-09-26-ren-5g-licence-offer').getBoundingClientRect().top")
    assert 0 < top < 900


def test_keys_move_between_visible_events(context: Any, site_url: str) -> None:
    page, _, _ = watched(context)
    page.goto(f"{site_url}?tag=fcc")
    fcc = visible_ids(page)
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == fcc[0]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == fcc[1]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == fcc[0]
    page.focus("input[name=q]")
    page.keyboard.press("j")
    assert page.input_value("input[name=q]") == "j"  # typing in the box is not navigation


def test_skip_link_and_visible_focus(context: Any, site_url: str) -> None:
    page, _, _ = watched(context)
    page.goto(site_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-48px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_without_javascript_every_event_shows(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{site_url}?entity=zte&q=nothing")
        assert page.locator("li.event").count() == page.locator("li.event:visible").count() == 43
        assert not page.is_visible("#filters")
        page.goto(f"{site_url}events/2019-05-16-entity-list/")
        page.click("text=See this event on the timeline")
        page.wait_for_url(f"{site_url}#2019-05-16-entity-list")
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(browser: Any, site_url: str, name: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(site_url + PAGES[name])
        page.wait_for_load_state("networkidle")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        violations = Axe().run(page).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    finally:
        ctx.close()


def test_the_site_makes_no_outside_requests_and_no_console_errors(context: Any, site_url: str) -> None:
    host = urlsplit(site_url).netloc
    for path in PAGES.values():
        page, errors, requests = watched(context)
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert [u for u in requests if urlsplit(u).netloc != host] == []
        assert errors == []
        page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots(browser: Any, site_url: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = ctx.new_page()
        for name, path in PAGES.items():
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            shot = ARTIFACTS / f"{name.replace(' ', '-')}-{width}.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 5_000
    finally:
        ctx.close()


def test_own_script_and_stylesheet_stay_small() -> None:
    static = PROJECT / "themes/default/static"
    assert (static / "timeline.js").stat().st_size < 15_000
    assert (static / "style.css").stat().st_size < 15_000


def test_print_shows_every_event_with_its_sources_and_url(context: Any, site_url: str) -> None:
    page, errors, _ = watched(context)
    page.goto(site_url)
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('details.event-sources:not([open])').length") == 0
    assert not page.is_visible(".site-header") and not page.is_visible("#filters")
    assert page.locator("li.event:visible").count() == 43
    printed = page.evaluate("getComputedStyle(document.querySelector('a.permalink'), '::after').content")
    assert printed.startswith('"http') and "/e/" in printed
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('details.event-sources[open]').length") == 0
    assert errors == []
