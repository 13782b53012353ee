"""The publication's name and the lines around the story that are the publisher's, not the story's: a name given by
initials with an edition's word, a name printed as its owner's, a masthead's motto after a dash in a copyright line, a
market strip over the masthead and a wire story's "first published" line. Every name here is invented."""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.holders import copyright_holder
from generator.ingest.importer import import_any
from generator.ingest.page import read_page
from generator.ingest.publication import choose, rank
from import_fixtures.support import matcher

HOST = "www.tideshoreherald.example"


def test_initials_with_an_editions_word_lose_to_the_name_they_stand_for() -> None:
    origins = {"site_name": "TH Online", "title": "TH Online", "logo": "Tideshore Herald", "publisher": "Tideshore Herald"}
    assert choose(origins, "") == "Tideshore Herald"
    assert "initials" in next(n.features for n in rank(origins, "") if n.name == "TH Online")


def test_a_name_that_begins_with_other_capitals_is_not_a_short_form() -> None:
    origins = {"site_name": "KTV Tideshore", "logo": "Bay Business News"}
    assert "initials" not in next(n.features for n in rank(origins, "") if n.name == "KTV Tideshore")
    assert "initials" in next(n.features for n in rank({"site_name": "BBN Extra", "logo": "Bay Business News"}, "") if n.name == "BBN Extra")


def test_a_name_the_page_prints_as_its_owners_loses_to_the_masthead() -> None:
    origins = {"site_name": "TCM", "title": "TCM", "text": "Tideshore Herald"}
    imprint = ["Tideshore Herald is published by TCM Publishing Ltd.", "© 2021 TCM Publishing. All rights reserved."]
    assert choose(origins, HOST, imprint) == "Tideshore Herald"
    assert "owner" in next(n.features for n in rank(origins, HOST, imprint) if n.name == "TCM")
    # The same name in a sentence of the story is no imprint.
    assert "owner" not in next(n.features for n in rank(origins, HOST, ["TCM Group shares fell on Monday."]) if n.name == "TCM")


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("© 2020 Fjellposten – the voice of the valleys. Editor: Kari Lund", "Fjellposten"),
        ("Copyright 2018 Tideshore Herald — news for the whole coast", "Tideshore Herald"),
        ("© 2020 Bridge - Harbour Publishing Ltd.", "Bridge - Harbour Publishing"),  # a name with a dash in it stays whole
    ],
)
def test_a_copyright_line_names_the_masthead_without_its_motto(line: str, holder: str) -> None:
    assert copyright_holder(line) == holder


@pytest.mark.parametrize("line", ["FTSE 100 7,412.3 ▲0.2%  DAX 15,100.4 ▼0.6%", "S&P 500 4,102 +0.44%  Nikkei 27,090 -1.20%"])
def test_a_market_strip_is_chrome(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.CHROME


@pytest.mark.parametrize("line", ["Shares rose 4% on Monday and -2% on Tuesday, the exchange said.", "Inflation rose by +0.3% in May"])
def test_a_sentence_with_one_or_two_percentages_is_not_a_market_strip(line: str) -> None:
    assert classify(line) is None


def test_a_market_strip_over_the_masthead_leaves_the_masthead_readable() -> None:
    page = (
        "FTSE 100 7,412.3 ▲0.2%  DAX 15,100.4 ▼0.6%\nTideshore Herald\nNews for the whole coast\nBusiness\n"
        "Harbour board approves the new container crane contract\n3 March 2021\n\n"
        "The harbour board approved on Tuesday a contract for two new container cranes at the eastern quay, the port said.\n\n"
        "The cranes will be delivered next spring and will double the number of ships the quay can unload each week.\n"
    )
    assert read_page(page).source == "Tideshore Herald"


@pytest.mark.parametrize(
    "line", ["This report by The Tideshore Wire was first published March 3, 2021.", "This story by Kari Lund was originally published in 2019."]
)
def test_a_first_published_line_naming_its_author_or_agency_is_a_footer(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.FOOTER


def test_a_sentence_about_a_report_being_published_is_not_a_footer() -> None:
    assert classify("This report by the harbour board was the first to count the cranes, officials said.") is None


@pytest.mark.parametrize(
    "line",
    [
        "This bulletin is provided for general information purposes only and does not constitute investment advice.",
        "The Harbour Guild does not provide legal advice.",
        "Questions? Email Kari Lund, policy officer, at policy@guild.example.",
    ],
)
def test_a_notices_disclaimer_and_contact_box_are_footers(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.FOOTER


@pytest.mark.parametrize(
    "line",
    [
        "Questions remain about who will pay for the cranes.",
        "The board said it would not give legal advice to tenants for free.",
        # reported: the article's words about someone's disclaimer, not the publisher's own
        "The guild said the list of affected berths is provided for informational purposes only, and each owner must check it.",
        "The rule does not provide legal advice to shipowners, a spokeswoman said, and firms should ask their own counsel.",
        "According to the port, its tide table is published for information purposes only and may change without notice.",
    ],
)
def test_sentences_about_questions_or_advice_are_not_footers(line: str) -> None:
    assert classify(line) is None


def test_an_article_reporting_a_disclaimer_keeps_those_paragraphs() -> None:
    lead = "TIDESHORE — The harbour board published its list of berths to be rebuilt on Monday, in a statement released in the morning."
    reported = "The board said the list is provided for informational purposes only, and that each owner must confirm the dates with the harbour master."
    middle = "Work on the first berths is due to begin in the spring, once the dredging contract has been signed by both sides."
    last = "The plan does not provide legal advice to berth holders, a board spokeswoman said, adding that they should consult their own counsel."
    page = read_page(f"Harbour board lists the berths it will rebuild\nBy Kari Lund\nMay 16, 2019\n\n{lead}\n\n{reported}\n\n{middle}\n\n{last}\n")
    assert page.paragraphs == (lead, reported, middle, last)


@pytest.mark.parametrize("line", ["Download the full report (PDF, 2.7 MB)", "Live: Harbour strike ‹ Back to all posts"])
def test_a_download_button_with_its_size_and_a_way_back_are_chrome(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.CHROME


def test_a_sentence_about_going_back_is_not_chrome() -> None:
    assert classify("The crews went back to work on Monday after the strike ended.") is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("—With assistance from Oskar Vik and Lena Hartwig.", Kind.FOOTER),
        ("Showing 10 of 212 results", Kind.CHROME),
        ("If you found this useful, subscribe for the next issue.", Kind.CHROME),
    ],
)
def test_a_wire_storys_assistance_credit_a_tables_pager_and_a_posts_closing_appeal_are_not_the_article(line: str, kind: Kind) -> None:
    label = classify(line)
    assert label is not None and label.kind is kind


@pytest.mark.parametrize(
    "line",
    [
        "With help from volunteers, the ferry reopened on Monday.",
        "Showing 4 of its cranes to visitors, the port opened its gates on Sunday.",
        "If you enjoyed the old ferry, the new bridge may disappoint.",
    ],
)
def test_sentences_that_open_alike_are_the_article(line: str) -> None:
    assert classify(line) is None


def _html(footer: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Harbour board approves crane contract - TCM</title>"
        "<meta property='og:site_name' content='TCM'>"
        "<link rel='canonical' href='https://tideshoreherald.example/2021/03/03/harbour-board-approves-crane-contract/'></head><body>"
        "<div class='masthead'>Tideshore Herald</div><p>News for the whole coast</p><p>Business</p>"
        "<article><h1>Harbour board approves crane contract</h1><p>3 March 2021</p>"
        "<p>The harbour board approved on Tuesday a contract for two new container cranes at the eastern quay, the port said.</p>"
        "<p>The cranes will be delivered next spring and will double the number of ships the quay can unload each week.</p>"
        f"</article><footer><p>{footer}</p></footer></body></html>"
    )


def test_an_html_pages_footer_naming_its_owner_lets_the_masthead_win_over_the_owners_initials() -> None:
    owned = import_any(_html("Tideshore Herald is published by TCM Publishing Ltd. © 2021 TCM Publishing."), matcher([])).page
    assert owned.source == "Tideshore Herald"
    # A footer that does not name the initials as a company's leaves the tie to the page's own metadata.
    plain = import_any(_html("© 2021 All rights reserved."), matcher([])).page
    assert plain.source == "TCM"
