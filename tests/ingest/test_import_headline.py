"""The headline among the title-shaped lines of a page, in house styles import was not developed on.

Each case is a wrong pick seen on a new page: a navigation link, an alert banner,
a masthead's tagline, a labelled field, a caption or credit, the outlet's name,
the standfirst under the headline, the byline.
"""

from __future__ import annotations

import pytest

from generator.ingest.evidence import hints
from generator.ingest.page import read_page

P1 = "Huawei was supposed to announce on Tuesday that its Mate 10 Pro would be sold by a major American carrier this year."
P2 = "Several reports this afternoon say the carrier pulled out of the deal at the last minute under pressure from lawmakers."
HEADLINE = "AT&T walks away from the Huawei Mate 10 Pro, a day before the big reveal"


@pytest.mark.parametrize(
    "above",
    [
        ["← Older post: Hands-on with the new camera update", "Newer post: Live from CES 2018 →"],
        ["WEATHER ALERT: Freeze warning in effect tonight for Scott and Rock Island counties"],
        ["Show: The Evening Brief with Carla Mendes"],
        ["Huawei CEO Ren Zhengfei at the company's headquarters (Reuters)"],
        ["File photo of a Huawei store in Beijing"],
        ["Photo: Huawei's logo at a trade show in Barcelona"],
        ["Reuters"],
        ["Bloomberg"],
    ],
)
def test_lines_that_are_not_headlines_lose_to_the_headline(above: list[str]) -> None:
    page = "\n".join(["Pocket Signal", *above, HEADLINE, "Posted on January 8, 2018 by Jordan Alvarez", P1, P2]) + "\n"
    assert read_page(page).title == HEADLINE


def test_a_masthead_tagline_over_a_dateline_is_not_the_headline() -> None:
    page = (
        "PROCUREMENT BRIEF\nThe weekly newsletter for federal contractors\nIssue #214 | Tuesday, August 14, 2018\n"
        "Good morning. It was a big week for anyone who sells technology to the government, so this issue is about one story.\n"
        "TOP STORY\nSection 889 is law: what the Huawei and ZTE ban means for your contracts\n" + P1 + "\n" + P2 + "\n"
    )
    assert read_page(page).title == "Section 889 is law: what the Huawei and ZTE ban means for your contracts"


def test_a_kicker_over_the_headline_is_not_taken_for_a_masthead() -> None:
    page = f"Trade War\n{HEADLINE}\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n"
    assert read_page(page).title == HEADLINE


def test_labelled_fields_under_the_headline_are_not_the_headline() -> None:
    page = (
        "GRANITE PEAK RESEARCH\n31 January 2023\nHuawei: Washington reportedly stops approving most US export licences\n"
        "Analysts: Felipe Arantes | Yuki Shimazaki\nSector view: Neutral (unchanged)\n" + P1 + "\n" + P2 + "\n"
    )
    assert read_page(page).title == "Huawei: Washington reportedly stops approving most US export licences"


def test_a_question_standfirst_stays_the_summary_under_a_shouted_headline() -> None:
    headline = "HANG UP! Huawei phone owners in limbo as Google pulls the plug on Android apps"
    standfirst = "Millions of Brits with Chinese-made handsets left asking: will my phone still work?"
    found = read_page(f"THE DAILY KLAXON\nTECH\n{headline}\n{standfirst}\nBy Kelly Braithwaite, Consumer Tech Editor\n20/05/2019\n{P1}\n{P2}\n")
    assert (found.title, found.standfirst) == (headline, standfirst)


def test_a_lowercase_continuation_of_a_dateline_is_not_the_headline() -> None:
    page = f"WKRX NEWS 4\n{HEADLINE}\nBy: Tanya Kowalczyk-Reed\nPosted at 3:04 PM, Nov 11, 2021\nand last updated 5:48 PM, Nov 11, 2021\n{P1}\n{P2}\n"
    assert read_page(page).title == HEADLINE


def test_a_standfirst_a_little_shorter_than_its_headline_is_not_the_headline() -> None:
    headline = "State Regulator Tells Rural Carriers to Report Their Huawei Gear Before the Federal Deadline"
    standfirst = "Carriers that miss the date may lose their share of replacement funds"
    page = f"Prairie Utility Commission\nNews Releases\n04/02/2021\n{headline}\n\n{standfirst}\n\n{P1}\n{P2}\n"
    found = read_page(page)
    assert (found.title, found.standfirst) == (headline, standfirst)


def test_an_alt_text_shorter_than_the_headline_under_it_is_not_the_headline() -> None:
    page = f"Pocket Signal\nHuawei logo at a trade fair\n{HEADLINE}\n{P1}\n{P2}\n"
    assert read_page(page).title == HEADLINE


def test_a_numbered_list_of_stories_is_not_the_headline() -> None:
    contents = "IN THIS ISSUE\n1. Chip makers brace for new rules\n2. A quiet week for spectrum sales\n3. Five phones we tested in January\n"
    page = f"The Daily Circuit\nYour morning tech briefing\n{contents}\nPOLICY · 9 hours ago\n{HEADLINE}\n{P1}\n{P2}\n"
    assert read_page(page).title == HEADLINE


def test_a_kicker_under_a_dated_masthead_is_not_taken_for_its_tagline() -> None:
    page = (
        "HARBOUR TRADE MONTHLY      No. 42 · 3 March 2021\nNETWORKS\nCarriers told to count their Huawei antennas\n"
        "The regulator wants a full inventory by autumn; smaller operators say they cannot afford the survey\n"
        f"By Priya Raman, regulation editor\n{P1}\n{P2}\n"
    )
    found = read_page(page)
    assert found.title == "Carriers told to count their Huawei antennas"


def test_a_box_of_case_fields_under_the_headline_is_not_its_summary() -> None:
    # The headline as an HTML page's markup names it: here the question is only the summary.
    fields = "Matter: Northfield Telecom v. Regional Spectrum Board\nDocket No.: 21-cv-0417\nCourt: Superior Court, Harbour County\n"
    found = read_page(f"Courtside Notes\nBy Priya Raman\n9 June 2021\n{HEADLINE}\n{fields}{P1}\n{P2}\n", hints((HEADLINE,)))
    assert (found.title, found.standfirst, found.paragraphs) == (HEADLINE, None, (P1, P2))


def test_lines_of_speech_are_not_a_box_of_fields() -> None:
    speech = "Raman: We asked the carrier twice and got no answer.\nLindqvist: They told us the deal was done.\nRaman: Then it fell apart.\n"
    found = read_page(f"Pocket Signal\n{HEADLINE}\nPosted on January 8, 2018 by Jordan Alvarez\n{P1}\n{speech}{P2}\n")
    assert "Lindqvist: They told us the deal was done." in found.paragraphs


def test_bullet_points_under_a_headline_are_not_one_summary() -> None:
    bullets = (
        "The phone was due to go on sale through the carrier next month\nLawmakers had warned the carrier about the deal in December\n"
        "Huawei now plans to sell it unlocked through online shops\n"
    )
    found = read_page(f"THE EVENING BUGLE\n{HEADLINE}\n{bullets}By Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n")
    assert (found.title, found.standfirst) == (HEADLINE, None)


def test_an_alt_text_over_a_headline_and_its_standfirst_is_not_taken_for_bullet_points() -> None:
    standfirst = "The carrier pulled out under pressure from lawmakers, leaving the company to sell the phone online"
    page = f"Pocket Signal\nHuawei's logo at a trade fair in Barcelona\n{HEADLINE}\n{standfirst}\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n"
    found = read_page(page)
    assert (found.title, found.standfirst) == (HEADLINE, standfirst)


def test_a_reporter_s_job_printed_without_the_name_is_not_the_headline() -> None:
    headline = "Huawei Sues Harbour County Over Mast Permits"
    page = f"HARBOUR COUNTY COURIER\nTuesday, June 2, 2020\n\n{headline}\n\nSenior Courts Correspondent\n{P1}\n{P2}\n"
    assert read_page(page).title == headline


def test_the_paper_s_name_over_its_dateline_is_not_the_headline_under_them() -> None:
    headline = "Harbour council drops Huawei from its camera contract"
    assert read_page(f"The Harbour Ledger\nTuesday, June 2, 2020\n{headline}\n{P1}\n{P2}\n").title == headline


def test_a_short_headline_opening_the_page_over_its_dateline_stays_the_headline() -> None:
    assert read_page(f"Huawei Loses Contract\nTuesday, June 2, 2020\n{P1}\n{P2}\n").title == "Huawei Loses Contract"


def test_a_browser_title_over_the_headline_it_repeats_is_not_the_headline() -> None:
    headline = "Carriers told to count every Huawei antenna they run"
    page = f"Spectrum Weekly - {headline}\n{headline}\nMarch 4, 2021 | By Priya Raman\n{P1}\n{P2}\n"
    assert read_page(page).title == headline


def test_a_related_list_over_the_headline_is_not_taken_for_its_bullet_points() -> None:
    related = (
        "Related stories\nPort strike enters its second week with no talks planned\nFerry operator adds two sailings to the island route\n"
        "Council votes to review harbour fees next spring\n"
    )
    headline = "Carrier drops Huawei phone from its autumn range"
    found = read_page(f"THE COASTAL POST\n{related}{headline}\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n")
    assert found.title == headline


def test_without_a_list_heading_four_points_over_the_byline_stay_a_headline_and_its_points() -> None:
    points = (
        "The phone was due to go on sale through the carrier next month\nLawmakers had warned the carrier about the deal in December\n"
        "Huawei now plans to sell it unlocked through online shops\n"
    )
    found = read_page(f"THE COASTAL POST\n{HEADLINE}\n{points}By Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n")
    assert found.title == HEADLINE


def test_a_photo_caption_under_the_byline_is_not_the_summary() -> None:
    caption = "Photo: The transport minister speaks to reporters at the harbour on March 3. (Coastal Post)"
    found = read_page(f"THE COASTAL POST\n{HEADLINE}\nBy Jordan Alvarez\n8 January 2018\n{caption}\n{P1}\n{P2}\n")
    assert (found.title, found.standfirst) == (HEADLINE, None)
    assert caption not in found.paragraphs


def test_a_standfirst_that_mentions_a_photo_stays_the_summary() -> None:
    standfirst = "Photographs shared online show the carrier's stand being taken down a day before the launch."
    found = read_page(f"THE COASTAL POST\n{HEADLINE}\n{standfirst}\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n")
    assert found.standfirst == standfirst


@pytest.mark.parametrize(
    "strip",
    [
        "FTSE 100 8,120.4 +0.31%   DAX 18,402.1 -0.12%   BRENT $82.10 +1.4%",
        "VOD 71.2p ▲ 0.8   BT 138.5p ▼ 1.2",
        "17° Harbourside Light rain",
        "Companies in this article: VOD BT ORAN",
    ],
)
def test_market_strips_weather_widgets_and_ticker_symbols_are_not_the_headline(strip: str) -> None:
    headline = "Carriers Count Every Huawei Antenna"
    page = f"THE COASTAL POST\n{strip}\n{headline}\n{strip}\nBy Jordan Alvarez · 8 January 2018\n{P1}\n{P2}\n"
    assert read_page(page).title == headline


def test_a_headline_with_a_figure_and_a_colon_stays_the_headline() -> None:
    headline = "Huawei revenue up 12%: what it means for carriers in the UK"
    assert read_page(f"THE COASTAL POST\n{headline}\nBy Jordan Alvarez · 8 January 2018\n{P1}\n{P2}\n").title == headline


def test_a_headline_in_capitals_opening_the_page_over_its_byline_stays_the_headline() -> None:
    page = f"HUAWEI LOSES CARRIER DEAL\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n"
    assert read_page(page).title == "HUAWEI LOSES CARRIER DEAL"


def test_a_consent_wall_s_heading_is_not_the_headline_and_its_text_not_the_body() -> None:
    wall = (
        "Your privacy matters to us\nWe and our 180 vendors use device identifiers to measure audiences and personalise what you see.\n"
        "Some partners rely on legitimate interest for the processing of your personal data, which you can object to.\n"
    )
    found = read_page(f"{wall}THE COASTAL POST\n{HEADLINE}\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{P2}\n")
    assert found.title == HEADLINE and found.paragraphs == (P1, P2)


def test_an_article_about_privacy_keeps_its_sentences() -> None:
    line = "The regulator said it would check how carriers store the personal data of their customers."
    found = read_page(f"THE COASTAL POST\n{HEADLINE}\nBy Jordan Alvarez\n8 January 2018\n{P1}\n{line}\n{P2}\n")
    assert line in found.paragraphs
