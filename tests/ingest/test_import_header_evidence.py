"""Lines around a headline that look like one and are not: a byline run into its agency's name, a bilingual byline,
a share bar, a newsletter's name in capitals printed again in its menu.

Every page here is invented; each rule has a negative case where a line alike in shape keeps its part.
"""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.meta import byline
from generator.ingest.page import read_page

P1 = "The county council voted on Tuesday to close the old river ferry at the end of the summer after forty years of service."
P2 = "Councillors said the cost of repairs to the landing stages had tripled, and that a new footbridge would open next spring."
HEADLINE = "County votes to retire the river ferry after forty years"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Marta Quiroga The Lowland Wire", "Marta Quiroga"),  # a name run into the agency's, no comma
        ("Par / By Étienne Vautrin, envoyé spécial", "Étienne Vautrin"),  # a byline labelled in two languages
        ("Von / By Lena Hartwig", "Lena Hartwig"),
    ],
)
def test_bylines_run_into_an_agency_or_labelled_in_two_languages_are_bylines(line: str, names: str) -> None:
    assert byline(line) == names


@pytest.mark.parametrize("line", ["By The Riverside Ferry Crossing", "By Land The Long Way Round", "By / Through Fog We Sailed"])
def test_a_title_case_headline_opening_with_by_is_not_a_byline(line: str) -> None:
    assert byline(line) is None


def test_a_byline_run_into_the_agency_name_never_takes_the_headline() -> None:
    page = f"Lowland Wire\n\n{HEADLINE}\nBy Marta Quiroga The Lowland Wire\nPosted Mar 3, 2021 9:10 am\n\n{P1}\n\n{P2}\n"
    found = read_page(page)
    assert found.title == HEADLINE and found.byline == "Marta Quiroga"


@pytest.mark.parametrize(
    "line", ["Partager / Share: Facebook X LinkedIn Email", "Teilen: WhatsApp Telegram", "Compartilhe: Facebook, LinkedIn, E-mail"]
)
def test_a_share_bar_under_any_label_is_chrome(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.CHROME


@pytest.mark.parametrize("line", ["Facebook and Twitter fined over ferry adverts", "Share: the ferry's last summer in pictures"])
def test_a_line_naming_a_network_among_other_words_is_not_a_share_bar(line: str) -> None:
    assert classify(line) is None


def test_a_share_bar_under_the_byline_never_takes_the_headline() -> None:
    standfirst = "Councillors said repairs had become too costly. Ferry users are waiting to hear about the new footbridge."
    page = f"{HEADLINE}\n{standfirst}\nPar / By Étienne Vautrin\nPublished: 03/03/2021\nPartager / Share: Facebook X WhatsApp\n\n{P1}\n\n{P2}\n"
    found = read_page(page)
    assert found.title == HEADLINE and found.standfirst == standfirst


def test_a_name_in_capitals_that_the_page_prints_again_loses_to_the_story_under_it() -> None:
    page = (
        "Estuary Notes\nArchive\nThe Ferry Letter\nSubscribe\n\n"
        "THE FERRY LETTER\nIssue 12 · Sunday 7 March 2021\nYour Sunday read on rivers, boats and the people who run them.\n\n"
        f"LEAD STORY\n{HEADLINE}\n\n{P1}\n\n{P2}\n"
    )
    assert read_page(page).title == HEADLINE


def test_a_headline_in_capitals_printed_once_is_still_the_headline() -> None:
    shouted = HEADLINE.upper()
    page = f"Estuary Notes\nArchive\nSubscribe\n\n{shouted}\nBy Marta Quiroga\n7 March 2021\n\n{P1}\n\n{P2}\n"
    assert read_page(page).title == shouted


def test_a_title_case_headline_with_a_role_word_after_two_capitalised_words_is_not_a_byline() -> None:
    # "Councillors Back" has a name's shape and "Global" is a desk's word, but the words after it are no job.
    headline = "Councillors Back Global Ferry Deal"
    page = f"Lowland Wire\nServing the valley since 1911\nNews | Sport | Opinion\n{headline}\nMay 16, 2019 | By Marta Quiroga\n\n{P1}\n\n{P2}\n"
    assert read_page(page).title == headline
    assert byline("By Harriet Cole Political editor") == "Harriet Cole"
