"""A bulletin's table of contents: its entries are never the headline, and the next item ends the story.

The examples are invented digests, not copies of any evaluation page.
"""

from __future__ import annotations

import pytest

from generator.ingest.page import read_page

P1 = "The regulator on Tuesday set out the first list of suppliers whose equipment carriers may no longer buy with public money."
P2 = "Carriers that still run such equipment will be able to claim part of the cost of replacing it from a fund set up last year."
OTHER = "A cable operator in the north has hired a new head of networks from a rival after a year-long search for the post."


def test_the_headline_is_the_story_s_copy_of_its_entry_and_the_next_item_ends_the_body() -> None:
    page = read_page(
        "THE WIRELESS WEEK\nFriday digest for network engineers\n4 June 2021\n\nIN THIS ISSUE\n"
        "Regulator names suppliers carriers must stop buying\nCable operator hires head of networks\nPicture of the week\n\n"
        f"Regulator names suppliers carriers must stop buying\nBy Ines Carvalho\n{P1}\n\n{P2}\n\n"
        f"Cable operator hires head of networks\n{OTHER}\n\nPicture of the week\nA lineman at work on a mast in the snow.\n"
    )
    assert page.title == "Regulator names suppliers carriers must stop buying"
    assert page.paragraphs == (P1, P2)


def test_a_headline_printed_twice_without_a_contents_list_still_has_its_whole_body() -> None:
    page = read_page(
        "Regulator names suppliers carriers must stop buying | The Wireless Week\n\n"
        f"Regulator names suppliers carriers must stop buying\nBy Ines Carvalho\n4 June 2021\n{P1}\n\n{P2}\n\n{OTHER}\n"
    )
    assert page.title == "Regulator names suppliers carriers must stop buying"
    assert page.paragraphs == (P1, P2, OTHER)


def test_a_subheading_that_repeats_an_earlier_line_does_not_end_the_body_without_a_contents_list() -> None:
    page = read_page(
        f"Regulator names suppliers carriers must stop buying\nBy Ines Carvalho\n4 June 2021\nWhat changes\n{P1}\n\n"
        f"What changes\n{P2}\n"
    )
    assert page.paragraphs == (P1, P2)


ENTRIES = ("Regulator names suppliers carriers must stop buying", "Cable operator hires head of networks", "Picture of the week")


@pytest.mark.parametrize("marks", [("• ", "• ", "• "), ("1. ", "2. ", "3. ")])
def test_a_contents_list_of_bullets_or_numbers_is_matched_to_its_items(marks: tuple[str, ...]) -> None:
    contents = "".join(f"{mark}{entry}\n" for mark, entry in zip(marks, ENTRIES, strict=True))
    page = read_page(
        f"THE WIRELESS WEEK\n4 June 2021\n\nIN THIS ISSUE\n{contents}\n"
        f"{ENTRIES[0]}\nBy Ines Carvalho\n{P1}\n\n{P2}\n\n"
        f"{ENTRIES[1]}\n{OTHER}\n\n{ENTRIES[2]}\nA lineman at work on a mast in the snow.\n"
    )
    assert page.title == ENTRIES[0]
    assert page.paragraphs == (P1, P2)


def test_a_bulletin_item_s_link_to_the_full_story_ends_it_without_a_contents_list() -> None:
    page = read_page(
        f"THE WIRELESS WEEK\n4 June 2021\n\n{ENTRIES[0]}\nBy Ines Carvalho\n{P1}\n\n{P2}\nRead the full story at wirelessweek.example\n\n"
        f"{ENTRIES[1]}\n{OTHER}\n"
    )
    assert page.paragraphs == (P1, P2)


def test_a_sentence_about_reading_the_full_report_stays() -> None:
    closing = "Read the full report before the hearing, the regulator told carriers, because the deadlines in it are firm."
    page = read_page(f"{ENTRIES[0]}\nBy Ines Carvalho\n4 June 2021\n{P1}\n\n{P2}\n\n{closing}\n")
    assert page.paragraphs == (P1, P2, closing)


def test_contents_under_a_headline_that_is_none_of_their_entries_are_the_reports_own_sections() -> None:
    # A briefing's headline, then its sections' contents, then the sections: every section is the report's text.
    page = read_page(
        "Research Briefing\nNumber RB-1207\nSupplier lists and the public fund: what changes for carriers\n"
        "By Ines Carvalho\nPublished 4 June 2021\n\nContents\n1. The new list\n2. Who pays\n3. What comes next\n\n"
        f"1. The new list\n{P1}\n\n2. Who pays\n{P2}\n\n3. What comes next\n{OTHER}\n"
    )
    assert page.title == "Supplier lists and the public fund: what changes for carriers"
    assert page.paragraphs == (P1, P2, OTHER)
