"""Permalinks and the permalink control, in real headless Chromium."""

from __future__ import annotations

from typing import Any

from chromium import serve
from conftest import MakeSite, event
from generator.build.pipeline import build

TARGET = "2019-09-26-ren-5g-licence-offer"


def in_view(page: Any, ident: str) -> bool:
    script = """id => { const r = document.getElementById(id).getBoundingClientRect();
        const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
        return r.top >= header - 1 && r.top < innerHeight; }"""
    return bool(page.evaluate(script, ident))


def test_a_short_permalink_lands_on_the_event_in_view(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}e/{TARGET}/")
    page.wait_for_url(f"{site_url}#{TARGET}")
    page.wait_for_load_state()
    assert page.evaluate("document.querySelector(':target')?.id") == TARGET
    assert in_view(page, TARGET)


def test_the_permalink_control_is_keyboard_reachable_and_copies(context: Any, site_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url)
    control = page.locator(f'[id="{TARGET}"] a.permalink')
    control.focus()
    assert page.evaluate("document.activeElement.classList.contains('permalink')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}e/{TARGET}/"
    assert page.url.endswith(f"#{TARGET}")
    assert in_view(page, TARGET)


def test_a_former_id_still_finds_its_event_without_javascript(browser: Any, make_site: MakeSite) -> None:
    files = {f"content/events/e{i:02d}.md": event(f"Event {i}", f"2019-{i % 12 + 1:02d}-01") for i in range(30)}
    files["content/events/moved.md"] = event("Moved here", "2019-06-15", "id: moved\naliases: [old-name]\n")
    root = make_site(files)
    assert build(root).ok
    url, server = serve(root / "output")
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 600})
    try:
        page = ctx.new_page()
        page.goto(f"{url}#old-name")
        assert page.evaluate("document.querySelector(':target').closest('li.event').id") == "moved"
        top = page.evaluate("document.getElementById('moved').getBoundingClientRect().top")
        assert 0 <= top < 600
        page.goto(f"{url}events/old-name/")
        page.wait_for_url(f"{url}events/moved/")
        assert page.inner_text("h1") == "Moved here"
    finally:
        ctx.close()
        server.shutdown()
