"""What pages print around a story by shape: gauges and time-stamps, bylines of every form, an issuer's name, a reader
app's own name, a top bar's date, a transcript's notice and a feedback prompt. None is the headline or the body.

Every page here is invented, in other words than the evaluation pages that showed the need.
"""

from __future__ import annotations

import pytest

from generator.content.dates import parse_date
from generator.ingest import meta
from generator.ingest.boilerplate import Kind, classify
from generator.ingest.bylines import desk, unlabelled
from generator.ingest.dateclues import without_top_bar
from generator.ingest.dates import read_dateline
from generator.ingest.html import read_html
from generator.ingest.importer import import_any
from generator.ingest.lines import describe_all
from generator.ingest.namesakes import host_spelled, news_service
from generator.ingest.page import Page, read_page
from generator.ingest.standing import names_issuer
from generator.ingest.structured import hints, merge
from generator.ingest.widgets import is_figures_row
from import_fixtures.support import matcher

HEADLINE = "Ferry operator cuts winter crossings to the outer islands"
P1 = "The island ferry company said on Monday that it would run two crossings a day instead of four from November to March."
P2 = "Islanders said the change would make it harder to reach the hospital on the mainland for appointments early in the day."
P3 = "The company blamed the price of fuel and a shortage of crew, and said the summer timetable would return in April."


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("line", ["Buy 71% | Hold 20% | Sell 9%", "Q3 4.2bn  Q4 3.9bn", "Home 2 · Away 1"])
def test_a_row_of_figures_is_a_gauge(line: str) -> None:
    assert is_figures_row(line)


@pytest.mark.parametrize("line", ["Ferry fares rise 38% in 2021 on the outer islands", "Top 10 | Best ferry routes of 2023", "Ferries | Islands"])
def test_a_headline_with_a_figure_is_not_a_gauge(line: str) -> None:
    assert not is_figures_row(line)


def test_a_sentiment_gauge_under_the_byline_is_not_the_headline() -> None:
    found = read_page(page("Islands", HEADLINE, "By Mara Quist", "June 2, 2021", "Agree 64% | Disagree 36%", P1, P2, P3))
    assert found.title == HEADLINE


def test_a_byline_ends_its_names_at_with() -> None:
    assert meta.byline("By Tomas Reyes with additional reporting from Lima") == "Tomas Reyes"
    assert meta.byline("By the numbers: how the harbour grew") is None  # a headline that opens with "By"


def test_a_byline_with_agency_reports_is_not_the_headline() -> None:
    found = read_page(page("Islands", HEADLINE, "By Ada Obi with wire reports", "June 2, 2021", P1, P2, P3))
    assert found.title == HEADLINE
    assert found.byline == "Ada Obi"


def test_a_desk_s_name_signs_a_story() -> None:
    assert desk("Harbour Metro Desk") == "Harbour Metro Desk"
    assert desk("Inside the Harbour Team") is None
    assert desk("The desk was empty on Friday morning") is None


def test_a_desk_s_name_over_the_dateline_is_the_byline_not_the_headline() -> None:
    found = read_page(page("Islands", HEADLINE, "Coastal Affairs Desk", "June 2, 2021 8:10 AM", P1, P2, P3))
    assert found.title == HEADLINE
    assert found.byline == "Coastal Affairs Desk"


def test_a_terminal_s_time_stamp_with_its_source_code_is_a_dateline() -> None:
    found = read_dateline("2021-03-04 09:12:44 GMT [RWN] By Ada Obi")
    assert found is not None and found.published == parse_date("2021-03-04") and found.rest == "By Ada Obi"
    assert read_dateline("2021-03-04 [draft] notes on the budget") is None  # a word in brackets is not a source's code


def test_a_terminal_s_time_stamp_line_is_not_the_headline() -> None:
    found = read_page(page("Ferries", HEADLINE, "2021-06-02 08:10:31 GMT [CW] By Ada Obi and Li Wen", P1, P2, P3))
    assert found.title == HEADLINE
    assert found.date == parse_date("2021-06-02")


def test_an_issuer_named_in_the_breadcrumb_and_as_a_label_s_value_loses_to_the_headline() -> None:
    text = page(
        "Home", "Office of Island Transport", "News", HEADLINE, "Issued by: Office of Island Transport",
        "Winter crossings to the outer islands will fall to two a day. The office will review the timetable in spring.",
        "June 2, 2021 – Kirkwall – " + P1, P2, P3,
    )
    found = read_page(text)
    assert found.title == HEADLINE
    assert found.source == "Office of Island Transport"
    assert found.date == parse_date("2021-06-02")
    assert found.standfirst is not None and found.standfirst.startswith("Winter crossings")
    assert found.paragraphs[0].startswith("June 2, 2021 – Kirkwall")


def test_a_name_not_given_as_a_label_s_value_is_no_issuer() -> None:
    lines = describe_all(page("Office of Island Transport", HEADLINE, "Contact: press office", P1))
    assert not names_issuer(lines, 0)


def test_a_top_bar_s_later_date_gives_way_to_the_date_under_the_headline() -> None:
    text = page("Tuesday, June 8, 2021 | Kirkwall", "The Island Courier", HEADLINE, "By Mara Quist", "June 2, 2021", P1, P2, P3)
    assert read_page(text).date == parse_date("2021-06-02")


def test_a_date_above_the_headline_stays_when_none_under_it_is_earlier() -> None:
    first, later = parse_date("2021-06-01"), parse_date("2021-06-02")
    assert first is not None and later is not None
    dated = [(0, "June 1, 2021", first), (3, "Updated June 2, 2021", later)]
    assert without_top_bar(dated, 1, 5) == [("June 1, 2021", first), ("Updated June 2, 2021", later)]


@pytest.mark.parametrize("line", ["Open original: https://islandcourier.example/2021/06/ferries", "View original article: https://islandcourier.example/2021/06/ferries"])
def test_the_address_after_open_original_is_the_article_s(line: str) -> None:
    assert meta.url_of(line) == "https://islandcourier.example/2021/06/ferries"


def test_a_phrase_about_an_original_is_no_address() -> None:
    assert meta.url_of("Open the original settings menu") is None


def test_a_reader_app_s_name_loses_to_the_name_the_address_spells() -> None:
    text = page(
        "Slatebox", "All items", "Island Courier (12)", HEADLINE, "Island Courier / Mara Quist / 2 June 2021",
        "Open original: https://islandcourier.example/2021/06/ferries", P1, P2, P3, "© 2021 Slatebox Labs",
    )
    assert read_page(text).source == "Island Courier"


def test_part_of_a_longer_name_is_not_the_name_the_address_spells() -> None:
    lines = describe_all(page("ISLAND COURIER WEEKLY", HEADLINE, P1))
    assert host_spelled(lines, "https://islandcourier.example/2021/06/ferries") is None


def test_the_copyright_holder_s_news_service_signs_the_wire_dateline() -> None:
    assert news_service("(Fjord Wire) -- Ferry fares rose on Monday.", "Fjord Data AS") == "Fjord Wire"
    assert news_service("(Fjord Wire) -- Ferry fares rose on Monday.", "Norsk Media Group") is None
    assert news_service("OSLO (Reuters) - Ferry fares rose on Monday.", "Thomson Reuters") is None


@pytest.mark.parametrize(
    "line",
    [
        "Was this guide useful?",
        "Did you find this page helpful?",
        "This is an automated transcript of the hearing and may contain errors.",
        "This newsletter is not financial advice.",
        "Figures are for information only.",
    ],
)
def test_the_publisher_s_word_around_the_text_is_a_footer(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.FOOTER


@pytest.mark.parametrize(
    "line",
    [
        "Was the bailout helpful?",
        "Is this the most useful ferry of the year?",
        "This is a transcript of what the mayor said.",
        "The analyst said the note is not investment advice.",
    ],
)
def test_a_question_or_a_reported_disclaimer_is_not_a_footer(line: str) -> None:
    assert classify(line) is None


def test_a_transcript_s_notice_and_a_feedback_prompt_stay_out_of_the_body() -> None:
    text = page(
        "Island Hour", HEADLINE, "June 2, 2021",
        "This is a transcript of the programme. It was made with speech-to-text software and may contain errors.",
        "MARA QUIST: " + P1, "ADA OBI: " + P2, "MARA QUIST: " + P3, "Was this transcript helpful?", "Yes  No",
    )
    found = read_page(text)
    assert found.paragraphs[0].startswith("MARA QUIST:")
    assert found.paragraphs[-1] == "MARA QUIST: " + P3


def test_a_bilingual_dateline_is_a_dateline_not_a_summary() -> None:
    found = read_dateline("3 March 2021 (publicado el 3 de marzo de 2021) · Updated 4 March 2021 at 10:05")
    assert found is not None and found.published == parse_date("2021-03-03") and found.updated == parse_date("2021-03-04")
    assert read_dateline("Le ministre a publié le rapport le 3 mars 2021 à Namur.") is None  # a sentence, in any language


def test_a_toolbar_s_buttons_are_chrome() -> None:
    label = classify("Share  Print  Email  Cite  Related: FERRY LN <Equity>")
    assert label is not None and label.kind is Kind.CHROME
    assert classify("Share prices fell on Monday as the ferry company cut its winter timetable.") is None


def test_a_masthead_in_capitals_that_the_address_spells_is_left_to_the_masthead_s_reading() -> None:
    lines = describe_all(page("ISLAND COURIER", HEADLINE, P1))
    assert host_spelled(lines, "https://islandcourier.example/2021/06/ferries") is None


LONG_HEADLINE = (
    "Island ferry operator cuts its winter crossings to the outer islands by half in an effort to stay afloat "
    "as fuel prices climb and crews leave"
)


def _merged(markup: str) -> Page:
    """The page as the text's reading and the markup's metadata give it together, before the main-text extractor."""
    found = read_html(markup)
    lines = found.text.splitlines()
    return merge(read_page(found.text, hints(found.meta, lines, None)), found.meta, lines, None)


def test_a_long_headline_the_markup_names_is_not_the_body_s_first_paragraph() -> None:
    markup = (  # only the <h1> names the headline, under a list of the most read stories; long, it reads as prose
        "<html><head><title>Island Courier</title><meta property='og:site_name' content='Island Courier'></head><body>"
        "<p>Most read</p><p>Harbour dues rise for yachts</p><p>Council backs new pier</p><p>Schools shut for storm</p>"
        f"<p>Ferries / Islands</p><h1>{LONG_HEADLINE}</h1>"
        "<p class='standfirst'>Winter timetable starts in November. Summer one returns in April.</p>"
        f"<p>Mara Quist, Islands desk · 2 days ago</p><p>{P1}</p><p>{P2}</p><p>{P3}</p></body></html>"
    )
    found = _merged(markup)
    assert found.title == LONG_HEADLINE
    assert found.paragraphs[0] == P1


def test_a_paragraph_that_only_starts_like_the_headline_stays_in_the_body() -> None:
    opening = LONG_HEADLINE + ", the company said on Monday."
    markup = (
        f"<html><head><meta property='og:title' content='{LONG_HEADLINE}'></head><body>"
        f"<h1>{LONG_HEADLINE}</h1><p>June 2, 2021</p><p>{opening}</p><p>{P2}</p><p>{P3}</p></body></html>"
    )
    assert import_any(markup, matcher([])).page.paragraphs[0] == opening


def test_a_name_with_its_desk_after_a_comma_is_a_byline() -> None:
    found = unlabelled("Mara Quist, Island Radio Harbour Bureau")
    assert found is not None and found.names == "Mara Quist" and found.sure
    assert unlabelled("Ferry Desk, Harbour Bureau") is None  # no one's name before the desk
