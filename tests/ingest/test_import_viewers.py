"""Pages read inside another program (a web mail client, a video player, a messaging app, a portal) and pages that
carry a collection of stories: the viewer's chrome and the collection's name are never the headline.

Every page here is invented, in other words than the evaluation pages that showed the need.
"""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.importer import import_any
from generator.ingest.lines import describe_all
from generator.ingest.page import read_page
from generator.ingest.standing import caps_over_dek, names_collection
from generator.ingest.titles import only_names, without_marks
from generator.ingest.widgets import is_viewer_chrome
from import_fixtures.support import matcher

P1 = "The county water board voted on Thursday to replace every lead service pipe in the old town within four years."
P2 = "The board will borrow most of the money, and households will pay nothing towards the work on their side of the meter."
P3 = "Engineers expect the first streets to be dug up in March, starting with the ones nearest the two primary schools."


@pytest.mark.parametrize(
    "line",
    [
        "48,310 views  Streamed live on 3 Mar 2022  #Water #Pipes",
        "1.2M subscribers",
        "#CountyNews #LeadPipes #Budget",
        "Forwarded from Riverside Residents Group",
        "Replying to @countywater",
        "3 of 1,204",
    ],
)
def test_a_viewer_s_counts_and_labels_are_its_chrome(line: str) -> None:
    assert is_viewer_chrome(" ".join(line.lower().split()))
    label = classify(line)
    assert label is not None and label.kind is Kind.CHROME


@pytest.mark.parametrize(
    "line",
    [
        "Images are not displayed. Display images below - Always display images from wrap@riversidecourier.example",
        "Pinned message: Channel rules, please read them before you post in the chat.",
        "See translation",
        "Inbox",
    ],
)
def test_a_mail_client_s_and_a_channel_s_notices_and_buttons_are_chrome(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.CHROME


@pytest.mark.parametrize(
    "line",
    [
        "Images are not displayed on the board's website until the survey is complete, the engineer said.",
        "The pinned message on the board's page told residents to boil their water.",
    ],
)
def test_sentences_about_images_and_pinned_messages_are_the_article_s(line: str) -> None:
    assert classify(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "The clip had 48,310 views by Friday evening, the council said.",  # a sentence about views is the article's
        "Residents forwarded from one street to the next the board's letter about the pipes and what it would cost them",
        "3 of the 12 schools will close for a week",
        "#1 in the county league again",
        "100K viewers tune in to the water board's vote",  # a headline that opens with a count
        "#CleanWater and #LeadFree campaigners cheer the board's vote",
        "Reply to critics: board says pipe plan is fully funded",
    ],
)
def test_sentences_and_headlines_that_mention_counts_are_not_chrome(line: str) -> None:
    assert not is_viewer_chrome(" ".join(line.lower().split()))


def test_a_forwarded_label_over_a_channel_post_is_not_its_headline() -> None:
    page = (
        "Riverside Residents Channel\n9,120 subscribers\n12 March 2022\nForwarded from County Water Watch\n"
        f"⚠️ BOARD VOTES TO REPLACE LEAD PIPES ⚠️\n{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).title == "BOARD VOTES TO REPLACE LEAD PIPES"
    assert P1 == read_page(page).paragraphs[0]


def test_a_video_page_s_counts_line_is_not_its_headline_and_gives_its_date() -> None:
    page = (
        "Sign in\nWhy the county is digging up every lead pipe in the old town\nTap Water Explained\n52K subscribers\nSubscribe\n"
        f"48,310 views  Streamed live on 3 Mar 2022  #Water #Pipes\n{P1}\n{P2}\n{P3}\n"
    )
    found = read_page(page)
    assert found.title == "Why the county is digging up every lead pipe in the old town"
    assert found.date is not None and found.date.iso() == "2022-03-03"


def test_pictographs_around_a_headline_are_dropped_and_words_kept() -> None:
    assert without_marks("📣 Board votes to replace lead pipes ✅") == "Board votes to replace lead pipes"
    assert without_marks("Board votes 5–2 to replace lead pipes") == "Board votes 5–2 to replace lead pipes"
    assert without_marks("★★★") == "★★★"  # nothing but marks: left as it is


def test_a_digest_s_own_name_loses_to_the_story_under_it() -> None:
    page = (
        "RIVERSIDE COURIER\nThe Evening Wrap\nThursday 10 March 2022 | Edited by Joan Pell\nLEAD\n"
        f"County to replace every lead pipe in the old town\n{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).title == "County to replace every lead pipe in the old town"
    lines = describe_all(page)
    assert names_collection(next(line for line in lines if line.text == "The Evening Wrap"))


@pytest.mark.parametrize("text", ["Water board approves pipe edition", "County Pipes Weekly Vote Count Delayed", "THE EVENING WRAP"])
def test_lines_that_are_not_a_collection_s_short_title_case_name(text: str) -> None:
    # a sentence-case headline, a Title Case one too long for a name, and capitals (weighed as capitals already)
    lines = describe_all(f"{text}\n{P1}\n")
    assert not names_collection(lines[0])


def test_a_headline_in_capitals_beats_the_longer_sentence_case_dek_under_it() -> None:
    page = (
        "Office of Councillor Mae Ruiz\nPRESS RELEASES\nRUIZ WELCOMES LEAD PIPE VOTE\n"
        "Councillor says the plan must reach renters in the old town before anyone else\n"
        f"Riverside – Thursday, March 10, 2022\n{P1}\n{P2}\n{P3}\n"
    )
    found = read_page(page)
    assert found.title == "RUIZ WELCOMES LEAD PIPE VOTE"
    assert found.standfirst == "Councillor says the plan must reach renters in the old town before anyone else"


def test_a_caps_kicker_over_a_shorter_headline_is_not_a_headline_over_its_dek() -> None:
    # The line under the capitals is shorter than them: a headline under a kicker, not a dek under a headline.
    lines = describe_all(f"WATER BOARD SPECIAL MEETING COVERAGE\n\nBoard votes to replace pipes\n\nBy Joan Pell\n\n{P1}\n")
    assert not caps_over_dek(lines, 0)
    lines = describe_all(f"WATER BOARD BACKS PIPES\n\nThe board's plan must reach renters in the old town before anyone else\n\n{P1}\n")
    assert caps_over_dek(lines, 0)
    lines = describe_all(f"WATER BOARD BACKS PIPES\n\nThe Board's Plan Must Reach Renters In The Old Town First\n\n{P1}\n")
    assert not caps_over_dek(lines, 0)  # a Title Case line under capitals is no dek's sentence case


def test_a_title_of_only_a_portal_s_and_a_section_s_names_loses_to_the_printed_headline() -> None:
    markup = (
        "<html><head><title>Riverside Portal | Circulars</title></head><body><div>Riverside Portal</div>"
        "<h2>County to replace every lead pipe in the old town within four years</h2>"
        f"<div>Posted: 10 March 2022</div><p>{P1}</p><p>{P2}</p><p>{P3}</p></body></html>"
    )
    found = import_any(markup, matcher([])).page
    assert found.title == "County to replace every lead pipe in the old town within four years"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Riverside Portal - Circulars", True), ("Docket | Filings", True), ("Pipes - a timeline", False), ("Board votes on pipes", False)],
)
def test_only_names_is_every_part_a_short_capitalised_name(title: str, expected: bool) -> None:
    assert only_names(title) is expected


def test_a_mail_client_s_sender_whose_domain_spells_it_is_the_publication() -> None:
    page = (
        "Mail\nInbox 12\nDrafts\nSent\n"
        "The Evening Wrap: County to replace lead pipes\n"
        "The Riverside Courier <wrap@news.riversidecourier.example> Unsubscribe\nto me\n"
        "Thu, 10 Mar 2022, 18:02\nRIVERSIDE COURIER\nThe Evening Wrap\n"
        f"County to replace every lead pipe in the old town\n{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).source == "The Riverside Courier"


def test_a_person_s_address_in_a_byline_is_not_a_publication() -> None:
    page = (
        "Riverside Courier\nSome Other Masthead Line\nCounty to replace every lead pipe in the old town\n"
        f"Joan Pell <joan.pell@gmail.example>\n10 March 2022\n{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).source != "Joan Pell"


def test_a_channel_s_name_over_its_subscribers_is_who_posted_not_the_headline() -> None:
    page = (
        "Sign in\nWhy the county is digging up every lead pipe\nTap Water Explained\n52K subscribers\nSubscribe\n"
        f"48,310 views  Streamed live on 3 Mar 2022\n{P1}\n{P2}\n{P3}\n"
    )
    found = read_page(page)
    assert found.title == "Why the county is digging up every lead pipe"
    assert found.source == "Tap Water Explained"


def test_a_name_over_a_count_of_something_else_is_not_a_channel() -> None:
    page = f"Riverside Courier\nLead Pipe Tally\n4,120 pipes\nCounty to replace every lead pipe in the old town\n10 March 2022\n{P1}\n{P2}\n"
    assert read_page(page).source != "Lead Pipe Tally"


def test_a_blogging_platform_s_published_in_line_names_the_publication_and_write_is_its_button() -> None:
    page = (
        "Open in app\nSign in\nWrite\nInkwell\nField Notes\nPublished in Field Notes\n"
        f"County to replace every lead pipe in the old town\nJoan Pell\n10 March 2022\n{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).source == "Field Notes"
    assert classify("Write") is not None


def test_published_in_a_year_names_no_publication() -> None:
    page = f"Riverside Courier\nSection\nPublished in 2022\nCounty to replace every lead pipe in the old town\nBy Joan Pell\n{P1}\n{P2}\n"
    assert read_page(page).source == "Riverside Courier"
