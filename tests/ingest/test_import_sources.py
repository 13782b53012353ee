"""The publication's name as readers cite it, on pages whose markup or masthead say it a little differently (``ingest/sources.py``)."""

from __future__ import annotations

import pytest

from generator.ingest.holders import copyright_holder
from generator.ingest.importer import import_any
from generator.ingest.page import read_page
from generator.ingest.sources import cited
from import_fixtures.support import matcher

P1 = "The city's digital services department said on Monday that it would stop buying Huawei cameras for public buildings."
P2 = "Officials said the cameras already installed would stay in place until the end of their service contracts next year."


@pytest.mark.parametrize(
    ("name", "texts", "expected"),
    [
        ("Harbourside Courier (Weekend edition)", [], "Harbourside Courier"),
        ("Signal Hour (audio)", [], "Signal Hour"),
        ("Morning Bugle", ["THE MORNING BUGLE", "Home"], "The Morning Bugle"),
        ("Reuters", ["The Reuters report said the talks had stalled."], "Reuters"),  # a sentence, not the masthead
        ("The Lantern Post", ["THE LANTERN POST"], "The Lantern Post"),
    ],
)
def test_a_name_as_readers_cite_it(name: str, texts: list[str], expected: str) -> None:
    assert cited(name, texts) == expected


def test_a_masthead_on_two_lines_is_cited_whole_when_the_text_names_it_so() -> None:
    page = (
        "CITY OF EASTPORT\nDepartment of Digital Services\nHome | Services | News\n14 June 2021\n"
        "Eastport Stops Buying Huawei Cameras for Public Buildings\n"
        f"EASTPORT, June 14 — The City of Eastport Department of Digital Services announced a change to its buying rules.\n{P1}\n{P2}\n"
        "© 2021 City of Eastport\n"
    )
    assert read_page(page).source == "City of Eastport Department of Digital Services"


def test_a_masthead_over_a_section_name_is_not_joined_to_it() -> None:
    page = (
        "The Eastport Ledger\nBusiness\nHome | News | Sport\n14 June 2021\nEastport Stops Buying Huawei Cameras for Public Buildings\n"
        f"By Priya Raman\n{P1}\n{P2}\n© 2021 The Eastport Ledger\n"
    )
    assert read_page(page).source == "The Eastport Ledger"


def test_html_site_name_loses_its_bracketed_label_and_gains_the_masthead_s_the() -> None:
    markup = (
        "<!doctype html><html><head><title>Eastport stops buying Huawei cameras</title>"
        "<meta property='og:site_name' content='Eastport Bugle (Weekend edition)'>"
        "<meta property='article:published_time' content='2021-06-14T09:00:00+01:00'></head><body>"
        "<a class='logo' href='/'>THE EASTPORT BUGLE</a>"
        f"<article><h1>Eastport stops buying Huawei cameras</h1><p>By Priya Raman</p><p>{P1}</p><p>{P2}</p></article></body></html>"
    )
    imported = import_any(markup, matcher([("Huawei", [])]))
    assert imported.page.source == "The Eastport Bugle"


@pytest.mark.parametrize(
    ("masthead", "between"),
    [
        ("EASTPORT EVENING NEWS", "Monday, June 14, 2021"),
        ("Eastport Evening News", "Monday, June 14, 2021"),
        ("Eastport Evening News", "Subscribe for $1 a week"),
        ("Eastport Evening News", "News | Sport | Weather"),
    ],
)
def test_a_masthead_with_only_a_date_a_pitch_or_a_menu_between_it_and_the_headline_is_the_source(masthead: str, between: str) -> None:
    page = f"{masthead}\n{between}\nEastport stops buying Huawei cameras for its buildings\n{P1}\n{P2}\n"
    assert read_page(page).source == "Eastport Evening News"


def test_a_kicker_right_on_the_headline_is_not_the_source() -> None:
    page = f"Surveillance\nEastport stops buying Huawei cameras for its buildings\n{P1}\n{P2}\n"
    assert read_page(page).source != "Surveillance"


HEADLINE = "City stops buying Huawei cameras for its buildings"


def test_a_masthead_of_section_words_is_the_source_when_the_text_names_it() -> None:
    page = read_page(
        f"Tech Policy\nNews for the county's companies\nHome › Council › 2021\n\n{HEADLINE}\nBy Mara Ilic\n12 May 2021\n"
        f"{P1}\n\n{P2} Tech Policy asked the department for its list.\n"
    )
    assert page.source == "Tech Policy"


def test_a_menu_of_section_words_is_not_the_source() -> None:
    page = read_page(f"World Business\nHome › Council › 2021\n\n{HEADLINE}\nBy Mara Ilic\n12 May 2021\n{P1}\n\n{P2}\n")
    assert page.source != "World Business"


def test_a_bulletin_s_view_in_browser_line_is_not_its_masthead() -> None:
    page = read_page(
        f"View this digest in your browser | Forward to a friend\nTHE CABLE LETTER\nWeekly news for network builders\n3 June 2021\n\n"
        f"{HEADLINE}\nBy Mara Ilic\n{P1}\n\n{P2}\n"
    )
    assert page.source == "The Cable Letter"


def _markup(head: str = "", top: str = "", after: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>Eastport stops buying Huawei cameras</title>{head}"
        "<meta property='article:published_time' content='2021-06-14T09:00:00+01:00'></head><body>"
        f"<header>{top}</header><article><h1>Eastport stops buying Huawei cameras</h1><p>By Priya Raman</p><p>{P1}</p>{after}<p>{P2}</p>"
        "</article><footer><p>© 2021 Harbour Media Holdings Ltd</p></footer></body></html>"
    )


@pytest.mark.parametrize(
    "top",
    [
        "<a class='site-logo' href='/'><img src='/img/masthead.png' alt='The Eastport Lantern'></a>",
        "<div><img src='/static/lantern-logo.svg' alt='The Eastport Lantern logo'></div>",
        "<div class='brand'><img src='/static/l.svg' alt='The Eastport Lantern – news for the harbour towns'></div>",
    ],
)
def test_the_logo_s_alt_text_names_the_site_when_nothing_else_does(top: str) -> None:
    assert import_any(_markup(top=top), matcher([("Huawei", [])])).page.source == "The Eastport Lantern"


@pytest.mark.parametrize(
    ("top", "alt"),
    [
        ("<div class='hero'><img src='/img/cameras.jpg' alt='Cameras on a council building'></div>", "Cameras on a council building"),
        ("<a class='logo' href='/'><img src='/img/logo.svg' alt='Go to homepage'></a>", "Go to"),
        ("<div class='partner-logos'><img src='/img/p.png' alt='Sponsor logo'></div>", "Sponsor"),
    ],
)
def test_a_photo_s_alt_text_or_a_link_s_instruction_is_not_the_site_s_name(top: str, alt: str) -> None:
    assert import_any(_markup(top=top), matcher([("Huawei", [])])).page.source not in (alt, alt + " logo")


def test_a_citation_publisher_names_the_site_and_a_table_s_source_note_does_not() -> None:
    head = "<meta name='citation_publisher' content='Municipal Tech Review'>"
    note = "<table><tr><td>Cameras</td><td>212</td></tr></table><p>Source: council records; figures rounded.</p>"
    assert import_any(_markup(head=head, after=note), matcher([("Huawei", [])])).page.source == "Municipal Tech Review"


def test_a_lower_case_source_note_is_not_the_publication_in_a_text_copy() -> None:
    note = "Source: council records; figures rounded."
    page = read_page(f"Eastport stops buying Huawei cameras for its buildings\nBy Priya Raman\n14 June 2021\n{P1}\n{note}\n{P2}\n")
    assert page.source != "council records; figures rounded"


def test_a_section_name_in_a_column_of_menu_items_is_not_the_masthead() -> None:
    page = read_page(f"News\nEurope\nWorld\nBusiness\nSport\n\n{HEADLINE}\nBy Mara Ilic\n12 May 2021\n{P1}\n\n{P2}\n")
    assert page.source != "Europe"


def test_a_masthead_under_a_single_button_is_still_the_masthead() -> None:
    page = read_page(f"Menu\nThe Eastport Lantern\nNews | Sport | Weather\n\n{HEADLINE}\nBy Mara Ilic\n12 May 2021\n{P1}\n\n{P2}\n")
    assert page.source == "The Eastport Lantern"


def test_a_long_body_s_name_in_capitals_is_the_source_in_title_case_with_its_small_words_small() -> None:
    page = f"OFFICE FOR HARBOUR SAFETY AND PORT STANDARDS\nHome   About   News   Contact\nNews releases\n{HEADLINE}\nMay 4, 2021\n{P1}\n{P2}\n"
    assert read_page(page).source == "Office for Harbour Safety and Port Standards"


def test_a_first_line_of_many_capitalised_words_is_not_a_masthead() -> None:
    first = "City Council Votes To Review Every Camera Contract In Public Buildings Next Year"
    page = f"{first}\nHome   About   News   Contact\nNews releases\n{HEADLINE}\nMay 4, 2021\n{P1}\n{P2}\n"
    assert read_page(page).source != first


def test_a_station_s_masthead_is_its_name_as_printed_without_its_call_letters() -> None:
    page = f"HARBOUR NEWS 5 WHBR\nWatch Harbour News 5 at six\nNews   Weather   Sports\nLOCAL NEWS\n{HEADLINE}\nMay 4, 2021\n{P1}\n{P2}\n"
    assert read_page(page).source == "Harbour News 5"


def test_call_letters_the_page_prints_with_the_name_stay_in_it() -> None:
    page = f"HARBOUR NEWS 5 WHBR\nWatch Harbour News 5 WHBR at six\nNews   Weather   Sports\nLOCAL NEWS\n{HEADLINE}\nMay 4, 2021\n{P1}\n{P2}\n"
    assert read_page(page).source == "Harbour News 5 WHBR"


@pytest.mark.parametrize(
    "line",
    [
        "©2021 Quarry Wire L.P. All Rights Reserved",
        "© 2021 Quarry Wire N.V. All rights reserved.",
        "Copyright © 2021 Quarry Wire Sp. z o.o. All rights reserved.",  # a form of several dotted parts, not cut at its first
        "© 2021 Quarry Wire s.r.o. Všechna práva vyhrazena.",
        "© 2021 Quarry Wire Co., Ltd. All rights reserved.",
    ],
)
def test_a_copyright_holder_s_dotted_legal_form_is_dropped(line: str) -> None:
    assert copyright_holder(line) == "Quarry Wire"


def test_a_holder_s_last_word_that_is_not_a_legal_form_stays() -> None:
    assert copyright_holder("© 2021 Quarry Wire Lab. All rights reserved.") == "Quarry Wire Lab"
