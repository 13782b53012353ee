"""A markup date the page prints as its update loses to the printed publication date; a <title> of a name and an issue number."""

from __future__ import annotations

import pytest

from generator.ingest.importer import import_any
from import_fixtures.support import matcher

BODY = (
    "<p>The regional water board said on Tuesday that it would close the Alder Creek reservoir to boats for the summer.</p>"
    "<p>Board chair Maren Holt said low water had exposed old pilings that make the eastern arm unsafe to navigate.</p>"
)


def page(pubdate: str, printed: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Alder Creek reservoir closed to boats for summer</title>"
        f"<meta name='pubdate' content='{pubdate}'></head><body><article>"
        "<h1>Alder Creek reservoir closed to boats for summer</h1>"
        f"<div class='info'><span class='author'>Lena Brandt</span> <span class='date'>{printed}</span></div>{BODY}"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("pubdate", "printed", "expected"),
    [
        ("2024-06-12", "11.06.2024 - Update : 12.06.2024", "2024-06-11"),  # the markup stamps the update's day
        ("2024-06-11", "11.06.2024 - Update : 12.06.2024", "2024-06-11"),  # the markup agrees with the first date
        ("2024-06-12", "11.06.2024", "2024-06-12"),  # no update printed: the markup's day is believed
    ],
)
def test_the_markup_date_that_the_page_prints_as_its_update_loses(pubdate: str, printed: str, expected: str) -> None:
    found = import_any(page(pubdate, printed), matcher([])).page
    assert found.date is not None and found.date.iso() == expected


def letter(title: str, url: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title><meta property='og:url' content='{url}'>"
        "</head><body><article><h1>Alder Creek reservoir closed to boats for summer</h1>"
        f"<p>By Lena Brandt, June 11, 2024</p>{BODY}</article></body></html>"
    )


def test_a_title_of_the_letters_name_and_issue_number_names_the_source() -> None:
    found = import_any(letter("Slack Water #48", "https://news.slackwater.example/p/48"), matcher([])).page
    assert found.source == "Slack Water"


def test_a_title_and_number_the_address_does_not_spell_is_not_the_source() -> None:
    found = import_any(letter("Slack Water #48", "https://news.harbourpost.example/p/48"), matcher([])).page
    assert found.source != "Slack Water"
