"""Lines that name or frame the page rather than head the story: a column's label in capitals, a masthead over the site's
menu, wire agencies printed as a byline, and a screen reader's role lines ("heading level 1", "list 4 items")."""

from __future__ import annotations

from generator.ingest.boilerplate import classify
from generator.ingest.page import read_page
from generator.ingest.roles import unroled

P1 = "The port authority voted on Monday to raise mooring fees at the east basin by 12 percent from the first of April."
P2 = "Harbourmaster Ines Okafor said the money would pay for dredging the channel, which has not been cleared since 2009."
P3 = "Boat owners who pay for the whole season before March will keep last year's rate, the authority said in a statement."
HEADLINE = "East basin mooring fees to rise by 12 percent in April"


def test_a_column_label_in_capitals_loses_to_the_headline_under_it() -> None:
    page = (
        "THE QUAYSIDE LETTER\nNews for members of the Lowmoor Sailing Club\n\nFROM THE COMMODORE'S CABIN\n\n"
        "New mooring fees at the east basin: what they mean for your boat\n\n" + f"{P1}\n\n{P2}\n\n{P3}\n"
    )
    assert read_page(page).title == "New mooring fees at the east basin: what they mean for your boat"


def test_a_headline_in_capitals_on_its_story_still_wins_over_its_dek() -> None:
    page = (
        "EAST BASIN MOORING FEES TO RISE IN APRIL\n"
        "The port authority says dredging the channel cannot wait another year, and boat owners will share the bill\n"
        "By Tomas Reyes\n14 January 2025\n" + f"{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).title == "EAST BASIN MOORING FEES TO RISE IN APRIL"


def test_a_masthead_in_capitals_over_the_sites_menu_is_not_the_headline() -> None:
    page = (
        "THE LOWMOOR GAZETTE\nHome | Local | Harbour | Sport | Opinion | Letters\nHarbour\n"
        f"{HEADLINE}\nStaff Reporter\nUpdated 14 Jan, 2025 08:30am\n{P1}\n{P2}\n{P3}\n"
    )
    assert read_page(page).title == HEADLINE


def test_a_short_headline_in_capitals_with_no_menu_under_it_is_still_the_headline() -> None:
    page = f"MOORING FEES TO RISE\nBy Tomas Reyes\n14 January 2025\n{P1}\n{P2}\n{P3}\n"
    assert read_page(page).title == "MOORING FEES TO RISE"


def test_wire_agencies_over_a_dateline_are_a_byline_not_a_pictures_credit() -> None:
    page = f"THE LOWMOOR GAZETTE\nHome | Local | Harbour | Sport\n{HEADLINE}\nAP | AFP\nUpdated 14 Jan, 2025 08:30am\n{P1}\n{P2}\n{P3}\n"
    assert read_page(page).title == HEADLINE


def test_a_caption_over_an_agencys_credit_is_still_a_caption() -> None:
    caption = "Yachts moored in the east basin at dawn"
    page = f"{HEADLINE}\nBy Tomas Reyes\n14 January 2025\n{caption}\nAFP\n{P1}\n{P2}\n{P3}\n"
    read = read_page(page)
    assert read.title == HEADLINE
    assert caption not in read.paragraphs


SCREEN_READER = """banner landmark
link Skip to content
link, image Lowmoor Gazette home
navigation landmark Primary
list 4 items
link Local
link Harbour
link Sport
link Letters
out of list
main landmark
link Harbour
heading level 1 East basin mooring fees to rise by 12 percent in April
Dredging cannot wait another year, port authority says, and boat owners will share the cost
By Tomas Reyes, Lowmoor Gazette
Published January 14, 2025 8:30 a.m.
{P1}
{P2}
heading level 2 Season tickets
{P3}
"""


def test_a_screen_readers_level_one_heading_is_the_headline_over_its_standfirst() -> None:
    read = read_page(SCREEN_READER.format(P1=P1, P2=P2, P3=P3))
    assert read.title == HEADLINE
    assert read.standfirst == "Dredging cannot wait another year, port authority says, and boat owners will share the cost"
    assert not any("list 4 items" in p or "landmark" in p for p in read.paragraphs)


def test_a_screen_readers_role_lines_are_read_off_and_its_top_heading_kept() -> None:
    spoken = unroled(SCREEN_READER.format(P1=P1, P2=P2, P3=P3))
    assert spoken.top_headings == (HEADLINE,)
    assert "out of list" not in spoken.text
    assert "Season tickets" in spoken.text.splitlines()


def test_an_article_with_a_line_or_two_opening_with_a_role_word_is_left_as_it_is() -> None:
    text = f"{HEADLINE}\nBy Tomas Reyes\nlink between the two basins is to be dredged first\n{P1}\nout of list\n{P2}\n"
    assert unroled(text).text == text
    assert unroled(text).top_headings == ()


def test_a_mailings_button_bar_over_its_masthead_leaves_the_masthead_the_source() -> None:
    page = (
        "View this email in your browser\nForward to a colleague | Manage your subscription\n\nTHE QUAYSIDE LETTER\n"
        "News for members of the Lowmoor Sailing Club\nIssue 12 · Sent January 14, 2025\n\n"
        f"{HEADLINE}\n\n{P1}\n\n{P2}\n\n{P3}\n"
    )
    read = read_page(page)
    assert (read.title, read.source) == (HEADLINE, "The Quayside Letter")


def test_a_line_that_only_begins_like_a_forward_button_is_not_boilerplate() -> None:
    assert classify("Forward planning to a neighbouring county was never discussed") is None


DEK = "Higher fees are a small cost next to the dredging bill, but they show how quickly the authority can move."


def test_prose_right_under_the_headline_over_a_box_of_fields_is_the_summary() -> None:
    page = (
        f"HARBOUR NOTES\n\n{HEADLINE.upper()}\n{DEK}\n\nBasins covered: East basin; West basin\n"
        f"Notice number: HN-25-014\nPages: 2\n\n{P1}\n\n{P2}\n\n{P3}\n"
    )
    read = read_page(page)
    assert read.standfirst == DEK
    assert read.paragraphs[0] == P1


def test_the_lead_under_the_headline_with_no_box_below_it_stays_the_body() -> None:
    page = f"HARBOUR NOTES\n\n{HEADLINE.upper()}\n{DEK}\n\n{P1}\n\n{P2}\n\n{P3}\n"
    read = read_page(page)
    assert read.standfirst is None
    assert read.paragraphs[0] == DEK


def _signed(signature: str) -> str:
    return (
        f"THE QUAYSIDE LETTER\n\nFROM THE COMMODORE'S CABIN\n\n{HEADLINE}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{signature}\n\n"
        "CLUBHOUSE HOURS\nThe clubhouse will close at four on Fridays until the end of March, and the bar stays shut on Mondays.\n"
    )


def test_a_sign_off_over_a_heading_in_capitals_ends_the_column() -> None:
    read = read_page(_signed("– Ines Okafor, Commodore"))
    assert read.paragraphs[-1] == P3


def test_without_a_sign_off_the_section_under_the_heading_stays_in_the_body() -> None:
    read = read_page(_signed("Fair winds to you all this season."))
    assert read.paragraphs[-1].startswith("The clubhouse will close")
