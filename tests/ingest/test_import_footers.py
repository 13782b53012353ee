"""What publishers print around an article that is not the article, in kinds first seen on pages import had not met.

Credits of a translation or a show, a newsletter's footer and its teaser for the
next issue, a paywall's terms, footnotes, a magazine's end mark, a reading time
beside the author's name, a line that introduces links that were not kept. The
examples are new wordings of each kind.
"""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.page import read_page

HEAD = "Regulator orders carriers to list every Huawei and ZTE antenna\nBy Priya Raman\n4 March 2021\n"
P1 = "The telecoms regulator on Thursday ordered mobile operators to tell it where Huawei and ZTE equipment sits in their networks."
P2 = "The survey is the first step towards a programme that would pay smaller carriers to tear the equipment out and replace it."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("This story is a translation of an interview first published in Portuguese.", Kind.FOOTER),
        ("Translator: Ana Ribeiro", Kind.FOOTER),
        ("This episode was edited by Sam Okoro. Theme music by Bright Static.", Kind.FOOTER),
        ("Signal Hour is hosted by Priya Raman.", Kind.FOOTER),
        ("Original music by the Quiet Band", Kind.FOOTER),
        ("[12] Annual report of the regulator, 2019, p. 4.", Kind.FOOTER),
        ("Read the original report at the regulator's site", Kind.FOOTER),
        ("You're receiving The Spectrum Digest because you subscribed on our website.", Kind.PROMO),
        ("You received this message because you are a member of the Tower Club.", Kind.PROMO),
        ("Next week: a closer look at satellite spectrum auctions.", Kind.PROMO),
        ("- In our next issue: what open RAN trials have taught the big carriers.", Kind.PROMO),
        ("£1 for your first month, then £9. Cancel at any time.", Kind.PROMO),
        ("Newsroom Team · 4 min read", Kind.CHROME),
        ("Priya Raman | 6-minute read", Kind.CHROME),
        ("Curated by the Signal Desk from 4 reports", Kind.CHROME),
        ("Endnotes", Kind.END),
        ("Credits", Kind.END),
        ("◆", Kind.END),
        ("Investing involves risk; past performance is no guarantee of returns. Quotes delayed at least 20 minutes.", Kind.FOOTER),
        ("Index values delayed 10 minutes unless stated otherwise", Kind.FOOTER),
        ("The Harbour Ledger is owned by Coastline Media Group. © 2021 Coastline Media Group plc", Kind.FOOTER),
        ("Submissions should include your name, town and a daytime phone number.", Kind.FOOTER),
        ("Without prior written permission of Coastline Media, no part of this page may be reproduced.", Kind.FOOTER),
        ("(Recasts with regulator's statement, adds carrier reaction in paragraphs 4-5)", Kind.FOOTER),
        ("(Updates with closing share prices)", Kind.FOOTER),
    ],
)
def test_line_kinds(line: str, kind: Kind) -> None:
    label = classify(line)
    assert label is not None and label.kind is kind


@pytest.mark.parametrize(
    "line",
    [
        "The regulator said the survey was translated into three languages for smaller operators.",
        "Next, the carriers must say what the equipment would cost to replace.",
        "The programme was produced by a committee of carriers and equipment makers over two years.",
        "Customers can cancel their contracts at any time without a fee, the regulator said.",
        "Coming up with the money will be the hard part, said one executive.",
        "Notes from the meeting show that the carriers asked for more time.",
        "Shares fell 3 per cent after the launch was delayed by two weeks.",
        "The carrier said past performance of the network was no guide to what the upgrade would bring.",
        "Letters from the regulator should be answered within 30 days, the carriers were told.",
        "Without permission from the regulator, carriers cannot switch on the new masts.",
        "(Adds to the pressure on carriers, which already face a deadline in March.)",
        "The logo was first registered in 2019. Copyright lawyers said the dispute could take years.",
    ],
)
def test_article_sentences_of_the_same_words_stay(line: str) -> None:
    assert classify(line) is None


@pytest.mark.parametrize(
    "tail",
    [
        "This story is a translation of an interview first published in Portuguese. Translator: Ana Ribeiro.",
        "Credits\nSignal Hour is produced by Sam Okoro. Theme music by Bright Static.",
        "Endnotes\n[1] Regulator's order of 4 March 2021.\n[2] Carriers' joint letter, February 2021.",
        "◆\nALSO THIS WEEK\nThe Commerce Department extended a licence for some dealings with Huawei by another ninety days.",
        "Subscribe to keep reading\n£1 for your first month, then £9. Cancel at any time.",
        "Sources for this summary:\nThe Harbour Gazette — \"Carriers told to count Huawei kit\"\nSpectrum Weekly — \"The great antenna census\"",
    ],
)
def test_what_follows_the_article_is_dropped(tail: str) -> None:
    assert read_page(f"{HEAD}\n{P1}\n\n{P2}\n\n{tail}\n").paragraphs == (P1, P2)


def test_a_newsletter_s_briefs_after_the_main_story_are_not_its_body() -> None:
    briefs = "SHORT TAKES\n- Satellites: two launches slipped to next quarter.\n- Fibre: a state grant round opens on Monday, with $40 million to give.\n"
    assert read_page(f"{HEAD}\n{P1}\n\n{P2}\n\n{briefs}").paragraphs == (P1, P2)


def test_an_article_s_own_points_under_a_heading_stay() -> None:
    points = "WHAT CHANGES\n- Carriers must list every antenna by October.\n- The regulator will publish the totals.\n"
    closing = "The regulator said it would publish a first estimate of the cost before the end of the year, and then ask for funds."
    found = read_page(f"{HEAD}\n{P1}\n\n{P2}\n\n{points}\n{closing}\n")
    assert found.paragraphs[-1] == closing and "- The regulator will publish the totals." in found.paragraphs


def test_a_paragraph_ending_in_a_footnote_mark_is_still_a_paragraph() -> None:
    noted = "The regulator first asked carriers about their equipment in a letter sent two years ago.³"
    bracketed = "Most of them did not answer it, the regulator said in its annual report.[4]"
    assert read_page(f"{HEAD}\n{noted}\n\n{bracketed}\n\n{P1}\n").paragraphs == (noted, bracketed, P1)


def test_a_sign_off_and_briefs_under_a_heading_that_reads_as_a_date_are_not_the_body() -> None:
    tail = "LATER TODAY\n• A spectrum auction opens at noon.\n• Two carriers report results.\n\nThank you for reading, and see you tomorrow."
    assert read_page(f"{HEAD}\n{P1}\n\n{P2}\n\n{tail}\n").paragraphs == (P1, P2)


@pytest.mark.parametrize(
    "line",
    [
        "This column originally ran in the Harbour Gazette and is shared with permission.",
        "This piece first appeared on Signal Weekly.",
        "Reprinted with kind permission of the Valley Courier.",
        "This conversation has been condensed and edited for brevity.",
        "The following remarks have been lightly edited for readability.",
        "Clarification, 4 March: An earlier version of this report gave the wrong year for the auction.",
        "The Gazette online is an unofficial version. Only the signed text is authoritative.",
        "Answers were edited for clarity.",
        "Edited and condensed for length.",
        "A version of this story first ran in the Valley Courier.",
        "The official version of this notice is the one printed in the county bulletin.",
    ],
)
def test_a_story_s_provenance_editing_notes_dated_corrections_and_unofficial_copy_notices_are_footers(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.FOOTER


@pytest.mark.parametrize(
    "line",
    [
        "The report first appeared in draft form last year, when the carriers asked for more time.",
        "The bill has been edited heavily since it left committee, and now runs to four pages.",
        "Only the printed ballots will count, the election office said.",
        "Correction of the figures took the regulator three weeks, officials said.",
        "Carriers may use the towers only with permission from the county.",
        "The official version is that the towers were never inspected, a former engineer said.",
        "Edited footage of the hearing was shown on the evening news.",
    ],
)
def test_article_sentences_about_editions_edits_and_permission_stay(line: str) -> None:
    assert classify(line) is None


def test_a_syndication_line_above_the_body_and_an_editing_note_are_not_the_body() -> None:
    syndicated = "This story originally appeared in Capitol Signal and is republished with permission."
    note = "This interview has been edited for length and clarity."
    assert read_page(f"{HEAD}\n{syndicated}\n\n{P1}\n\n{P2}\n{note}\n").paragraphs == (P1, P2)
