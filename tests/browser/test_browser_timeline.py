"""The shipped timeline in real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.console_errors = errors
    yield tab
    context.close()


def test_timeline_shows_every_event_in_order(page: Any, site_url: str) -> None:
    page.goto(site_url)
    ids = page.eval_on_selector_all("li.event", "els => els.map(e => e.id)")
    assert len(ids) >= 35
    dates = page.eval_on_selector_all("li.event .event-date time", "els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates)
    assert page.title() == "US–Huawei trade and 5G"
    assert page.console_errors == []


def test_an_event_anchor_lands_in_view_below_the_sticky_header(page: Any, site_url: str) -> None:
    target = "2019-09-26-ren-5g-licence-offer"
    page.goto(f"{site_url}#{target}")
    assert page.evaluate("document.querySelector(':target')?.id") == target
    box = page.evaluate(f"(() => {{ const r = document.getElementById('{target}').getBoundingClientRect(); return [r.top, r.bottom]; }})()")
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")
    assert header <= box[0] < page.viewport_size["height"]
    background = page.evaluate(f"getComputedStyle(document.getElementById('{target}').querySelector('article')).backgroundColor")
    normal = page.evaluate("getComputedStyle(document.querySelector('li.event:not(:target) article')).backgroundColor")
    assert background != normal


def test_event_page_links_back_to_its_place(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}events/2019-05-16-entity-list/")
    page.click("text=See this event on the timeline")
    page.wait_for_url(f"{site_url}#2019-05-16-entity-list")
    assert page.evaluate("document.querySelector(':target')?.id") == "2019-05-16-entity-list"


def test_pages_fit_a_phone_screen(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ["", "events/2019-05-16-entity-list/", "entities/huawei/", "entities/"]:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
