"""Uncertain dates, corrections and sources as a reader sees them in real headless Chromium (the shipped site)."""

from __future__ import annotations

from typing import Any

TSMC = "2020-09-15-tsmc-supply-ends"
LICENCES = "2023-01-30-export-licences-halted"
LISTING = "2019-05-16-entity-list"


def test_uncertain_dates_read_as_such_and_are_marked(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url)
    assert page.inner_text(f"[id='{TSMC}'] .event-date time") == "c. 15 September 2020"
    assert page.inner_text(f"[id='{LICENCES}'] .event-date time") == "30 January 2023 (unconfirmed)"
    assert page.get_attribute(f"[id='{TSMC}'] .event-date time", "title") == "EDTF 2020-09-15~"
    marked = page.eval_on_selector_all("li.event.is-uncertain", "els => els.map(e => e.id)")
    assert marked == [TSMC, LICENCES]
    rule = page.evaluate(f"getComputedStyle(document.getElementById('{TSMC}').querySelector('article')).borderLeftStyle")
    slant = page.evaluate(f"getComputedStyle(document.getElementById('{TSMC}').querySelector('.event-date time')).fontStyle")
    assert (rule, slant) == ("dashed", "italic")
    exact = page.evaluate(f"getComputedStyle(document.getElementById('{LISTING}').querySelector('.event-date time')).fontStyle")
    assert exact == "normal"


def test_a_correction_shows_beside_the_title_and_in_the_log(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}events/{LISTING}/")
    assert page.inner_text(".event-page header .revision-note") == "Corrected 7 December 2026"
    assert page.inner_text("#updates-heading") == "Corrections and updates"
    assert "staging server" in page.inner_text(".updates li.update-correction")
    page.click("footer >> text=Corrections")
    page.wait_for_url(f"{site_url}corrections/")
    assert page.inner_text("h1") == "Corrections"
    entries = page.eval_on_selector_all("ul.corrections li", "els => els.map(e => e.innerText)")
    assert len(entries) == 1 and "Commerce places Huawei and 68 affiliates on the Entity List" in entries[0]
    page.click("ul.corrections a")
    page.wait_for_url(f"{site_url}events/{LISTING}/")


def test_a_source_note_is_shown_beside_the_source(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}events/{TSMC}/")
    notes = page.eval_on_selector_all(".sources .source-note", "els => els.map(e => e.innerText)")
    assert notes == [
        "(on the May 2020 rule that set the 14 September deadline)",
        "(TSMC's statement of October 2024, also cited for its halt of that month)",
    ]


def test_the_role_filter_selects_events_by_what_an_entity_did(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url)
    page.select_option("select[name=entity]", "zte")
    page.select_option("select[name=role]", "target")
    shown = page.eval_on_selector_all("li.event:not([hidden])", "els => els.map(e => e.id)")
    assert shown == ["2018-04-16-zte-denial-order", "2022-11-25-fcc-equipment-ban"]
    assert "role=target" in page.url and "entity=zte" in page.url
    page.select_option("select[name=entity]", "")
    targeted = page.eval_on_selector_all("li.event:not([hidden])", "els => els.map(e => e.id)")
    assert set(shown) < set(targeted) and LISTING in targeted
    page.select_option("select[name=role]", "")
    assert page.eval_on_selector_all("li.event[hidden]", "els => els.length") == 0


def test_the_entity_page_groups_events_by_role(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}entities/huawei/")
    headings = page.eval_on_selector_all(".roles h3", "els => els.map(e => e.innerText)")
    assert headings[0].startswith("Huawei acted") and any(h.startswith("Huawei was targeted") for h in headings)
