"""What closes or opens an article without being it: a research note's paywall and certification, a translation's credit
in two languages, a dated update note, a guest column's bio, disclaimer and letters invitation, an affiliate site's
disclosure, a video's subscribe prompt and chapter list, a research note's analyst label.

Every line here is invented; each rule has a line that looks alike but is the article's.
"""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.meta import byline
from generator.ingest.page import read_page

P1 = "The county water board voted on Thursday to replace every lead service pipe in the old town within four years."
P2 = "The board will borrow most of the money, and households will pay nothing towards the work on their side of the meter."
P3 = "Engineers expect the first streets to be dug up in March, starting with the ones nearest the two primary schools."


@pytest.mark.parametrize(
    "line",
    [
        "The full report continues for subscribers. Sign in to read the remaining 22 pages and our cost model.",
        "Analyst certification: The opinions in this report are the analysts' own and no part of their pay depends on them.",
        "Required disclosures: Riverside Research has no holdings in the companies named.",
        "Traduit de l'espagnol par le service anglais de RDN. / Translated from the Spanish by the RDN English Service.",
        "Traducido del portugués por la redacción.",
        "Update, March 12: This story has been updated with the board's final vote count.",
        "Correction (March 14): This article was corrected to give the right number of schools.",
        "The opinions in reader columns do not necessarily reflect those of the Riverside Courier.",
        "Have something to say? Write a letter to the editor at letters@riversidecourier.example.",
        "Want to weigh in? Email the opinion desk.",
        "How we test: our reviewers buy every product. We may earn a commission if you buy through our links.",
        "🔔 Subscribe for a new explainer every Friday.",
        "📣 Sign up for the Riverside newsletter",
        "Chapters",
    ],
)
def test_the_publisher_s_words_around_the_article_are_boilerplate(line: str) -> None:
    assert classify(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "The full report, published on Tuesday, found that most pipes were laid before 1950.",
        "Water board analysts said certification of the new pipes would take a year.",
        "Translated, the board's letter says the plan costs each household nothing.",
        "Update your records, the board told households, before the work begins.",
        "The vote does not reflect the views of every member, the chairwoman said.",
        "Residents may write to the board before the vote, which is due on Thursday.",
        "The company said it may earn a commission on each pipe it replaces under the contract.",
        "Subscribers to the water service will see no change in their bills.",
    ],
)
def test_the_article_s_own_sentences_that_look_alike_are_not(line: str) -> None:
    assert classify(line) is None


def test_a_guest_column_ends_before_its_author_s_bio_disclaimer_and_letters_invitation() -> None:
    page = (
        f"GUEST COLUMN\nThe pipes cannot wait another decade\n16 March 2022\n{P1}\n{P2}\n{P3}\n"
        "Marta Quill is the retired chief engineer of a water utility in the north of the county.\n"
        "The opinions in guest columns do not necessarily reflect those of the Riverside Courier.\n"
        "Want to respond? Send a letter to the editor at letters@riversidecourier.example.\n"
    )
    assert read_page(page).paragraphs[-1] == P3


def test_a_closing_line_about_a_person_the_article_names_stays() -> None:
    named = "Marta Quill, the county's chief engineer, said the first contracts would be signed in February."
    closing = "Marta Quill is the retired chief engineer who drew up the first survey of the old town's pipes in 1998."
    page = f"The pipes cannot wait another decade\n16 March 2022\n{P1}\n{named}\n{P2}\n{closing}\n"
    assert read_page(page).paragraphs[-1] == closing


def test_a_research_note_s_analyst_label_is_its_byline_and_its_summary_the_standfirst() -> None:
    assert byline("Lead analyst: Wen Okafor, CFA | +44 20 5550 0101") is not None
    assert byline("Analysts: Wen Okafor and Pia Strand") is not None
    assert byline("Analysts expect the vote to pass") is None
    summary = "We think the board's plan is funded for two years at most, and we cut our estimate of the utility's margins."
    page = f"SECTOR NOTE | UTILITIES | 5 Sep 2023\nLead pipes: the bill arrives\n{summary}\nLead analyst: Wen Okafor\n{P1}\n{P2}\n{P3}\n"
    found = read_page(page)
    assert found.standfirst == summary and found.paragraphs[0] == P1


def test_prepared_by_a_desk_is_no_summary() -> None:
    label = classify("Prepared by the Riverside compliance desk")
    assert label is not None and label.kind is Kind.CHROME
    assert classify("Prepared by engineers over two years, the plan covers 4,100 homes in the old town.") is None


def _digest(items: str) -> str:
    return (
        "Morning Pipes\nBoard votes to replace every lead pipe\nBy Joan Pell\n10 March 2022\n"
        f"{P1}\n{P2}\n{P3}\nA message from our sponsor: Clean water starts with good pipes.\n{items}"
    )


def test_a_digest_s_other_items_one_under_each_heading_end_the_story() -> None:
    items = (
        "FERRY TIMETABLE SET\nThe island ferry will run a night crossing from June, the operator said.\n"
        "JOB BOARD\nAda Quist has joined the water board as its chief engineer.\n"
    )
    assert read_page(_digest(items)).paragraphs[-1] == P3


def test_an_article_s_sections_of_several_paragraphs_under_headings_stay() -> None:
    more = "The board said the work would be paid for by a bond that the county will sell in the spring."
    items = f"WHAT COMES NEXT\n{more}\n{more.replace('spring', 'autumn')}\nWHO PAYS\n{more.replace('bond', 'loan')}\n"
    assert read_page(_digest(items)).paragraphs[-1] == more.replace("bond", "loan")


def test_a_transcript_s_speakers_one_paragraph_each_are_not_a_digest_s_items() -> None:
    page = (
        "Board votes to replace every lead pipe\nAired March 10, 2022\nJOAN PELL, HOST:\n"
        f"{P1}\n{P2}\nADA QUIST, ENGINEER:\n{P3}\nPELL:\nAnd how long will the whole job take, from the first street to the last?\n"
        "QUIST:\nFour years, if the money comes through on time and the winters are mild.\n"
    )
    assert read_page(page).paragraphs[-1] == "Four years, if the money comes through on time and the winters are mild."
