"""Bylines printed without "By", and the headline above them (``ingest/bylines.py``, ``ingest/lines.py``).

Each shape was once taken for the headline on a page import had not met: several
names, names with the cities they file from, a name with its job, a show's hosts.
The examples here are other names in the same shapes.
"""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import classify
from generator.ingest.bylines import unlabelled
from generator.ingest.meta import byline
from generator.ingest.page import read_page

HEADLINE = "Regulator orders carriers to list every Huawei and ZTE antenna in their networks"
STANDFIRST = "Operators have until the autumn to report what they own and what it would cost to replace"
P1 = "The telecoms regulator on Thursday ordered mobile operators to tell it where Huawei and ZTE equipment sits in their networks."
P2 = "The survey is the first step towards a programme that would pay smaller carriers to tear the equipment out and replace it."


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Priya Raman, Oskar Lindqvist", "Priya Raman and Oskar Lindqvist"),
        ("Priya Raman and Oskar Lindqvist", "Priya Raman and Oskar Lindqvist"),
        ("Priya Raman in Nairobi and Oskar Lindqvist in São Paulo", "Priya Raman and Oskar Lindqvist"),
        ("Oskar Lindqvist in Stockholm", "Oskar Lindqvist"),
        ("Priya Raman and Oskar Lindqvist, Nairobi", "Priya Raman and Oskar Lindqvist"),
        ("Priya Raman, Visiting Scholar, Centre for Digital Trade", "Priya Raman"),
        ("Oskar Lindqvist, Research Director", "Oskar Lindqvist"),
        ("With Priya Raman and Oskar Lindqvist", "Priya Raman and Oskar Lindqvist"),
        ("Hosted by Priya Raman", "Priya Raman"),
    ],
)
def test_lines_of_names_are_bylines(line: str, names: str) -> None:
    found = unlabelled(line)
    assert found is not None and found.names == names


@pytest.mark.parametrize(
    "line",
    [
        "Oskar Lindqvist",  # one bare name: left to the layout, which wants a dateline beside it
        "Huawei Sues Government",
        HEADLINE,
        "Carriers in Limbo as Rules Change",
        "Priya Raman, the regulator's chief executive, said the survey was overdue.",
        "Five Things to Know About the Survey",
        "Priya Raman, Oskar Lindqvist and the cost of ripping out Huawei",
        "Huawei, Nairobi",
    ],
)
def test_other_lines_are_not_bylines(line: str) -> None:
    assert unlabelled(line) is None


@pytest.mark.parametrize(
    "byline",
    [
        "Priya Raman, Oskar Lindqvist",
        "Priya Raman in Nairobi and Oskar Lindqvist in São Paulo",
        "Priya Raman, Visiting Scholar, Centre for Digital Trade",
    ],
)
def test_a_byline_without_by_under_the_headline_is_not_the_headline(byline: str) -> None:
    page = f"Signal & Noise\nNetworks | Policy | Spectrum\n{HEADLINE}\n{STANDFIRST}\n{byline}\nMarch 4, 2021\n\n{P1}\n\n{P2}\n"
    found = read_page(page)
    assert (found.title, found.standfirst, found.paragraphs) == (HEADLINE, STANDFIRST, (P1, P2))


def test_a_byline_without_by_and_without_a_dateline_is_still_the_byline() -> None:
    page = f"Signal & Noise\nTOP STORY\n{HEADLINE}\nPriya Raman, Oskar Lindqvist\n5 MIN READ\n\n{P1}\n\n{P2}\n"
    found = read_page(page)
    assert found.title == HEADLINE and found.byline == "Priya Raman and Oskar Lindqvist"


def test_a_title_case_headline_under_a_short_kicker_stays_the_headline() -> None:
    headline = "Carriers Count Their Huawei Antennas"
    page = f"Signal & Noise\nSpectrum\n{headline}\nMarch 4, 2021\n\n{P1}\n\n{P2}\n"
    assert read_page(page).title == headline


def test_a_byline_longer_than_the_standfirst_beside_a_dateline_is_the_byline() -> None:
    standfirst = "Carriers have until autumn to report what they own"
    byline = "Priya Raman in Nairobi and Oskar Lindqvist in Stockholm"
    found = read_page(f"Signal & Noise\nSPECTRUM\n{HEADLINE}\n{standfirst}\n{byline}\nMarch 4, 2021\n\n{P1}\n\n{P2}\n")
    assert (found.title, found.standfirst, found.byline) == (HEADLINE, standfirst, "Priya Raman and Oskar Lindqvist")


def test_a_title_case_headline_with_in_over_its_dateline_is_not_a_byline() -> None:
    headline = "Carrier Wins Ruling in Harbour County Court"
    found = read_page(f"Courtside Notes\nHome | Cases | Opinion\n{headline}\nMarch 4, 2021\nBy Priya Raman\n\n{P1}\n\n{P2}\n")
    assert (found.title, found.byline) == (headline, "Priya Raman")


def test_names_with_their_city_after_a_comma_are_the_byline_under_the_headline() -> None:
    page = f"Signal & Noise\n{HEADLINE}\n{STANDFIRST}\n\nPriya Raman and Oskar Lindqvist, Nairobi\n2021-03-04 18:30\n\n{P1}\n\n{P2}\n"
    found = read_page(page)
    assert (found.title, found.byline) == (HEADLINE, "Priya Raman and Oskar Lindqvist")


@pytest.mark.parametrize(
    "line",
    ["From our correspondent in Nairobi", "By our own reporter", "Our Brussels bureau", "From a staff reporter in São Paulo", "By a Staff Writer"],
)
def test_a_byline_that_names_no_one_is_the_byline_and_the_line_above_the_headline(line: str) -> None:
    page = read_page(f"Signal Weekly\n{HEADLINE}\n{STANDFIRST}.\n{line}\n4 March 2021\n{P1}\n\n{P2}\n")
    assert page.title == HEADLINE
    assert page.standfirst == f"{STANDFIRST}."
    assert page.paragraphs == (P1, P2)


def test_an_outlet_named_desk_or_bureau_is_not_a_byline_that_names_no_one() -> None:
    assert byline("The Export Desk") is None
    assert byline("Our correspondents say the vote was close, and the count will take days.") is None
    assert byline("Our reporters in Brussels say little.") is None


def test_remarks_by_a_speaker_are_the_byline_not_the_summary() -> None:
    page = read_page(
        f"Carriers' Association\nTRANSCRIPT\n{HEADLINE}\nRemarks by Priya Raman, Chief Executive, to the annual meeting\n"
        f"4 March 2021\nDownload PDF   Watch the video (31 min)\n\n{P1}\n\n{P2}\n"
    )
    assert page.title == HEADLINE
    assert page.byline == "Priya Raman"
    assert page.standfirst is None
    assert page.paragraphs == (P1, P2)


def test_a_sentence_about_remarks_or_a_download_is_not_a_byline_or_a_button() -> None:
    assert byline("Remarks by the minister last week angered the carriers, who had expected a delay.") is None
    assert classify("Download speeds on the new network were twice those of the old one, the regulator said.") is None


@pytest.mark.parametrize(
    "meta_line",
    ["04.03.2021, 09:15 Uhr · Von Priya Raman und Oskar Lindqvist", "04.03.2021 · Par Priya Raman et Oskar Lindqvist", "Door Priya Raman, 4 maart 2021"],
)
def test_a_byline_and_dateline_in_another_language_under_a_two_sentence_standfirst(meta_line: str) -> None:
    standfirst = "Operators have until the autumn to report what they own. Then the regulator will decide who pays to replace it."
    page = read_page(f"{HEADLINE}\n{standfirst}\n{meta_line}\n{P1}\n\n{P2}\n")
    assert page.title == HEADLINE
    assert page.standfirst == standfirst
    assert page.byline == "Priya Raman and Oskar Lindqvist" or page.byline == "Priya Raman"
    assert page.paragraphs == (P1, P2)


@pytest.mark.parametrize("line", ["Von Anfang an war klar, dass die Betreiber zahlen.", "Par ailleurs, the regulator said it would wait."])
def test_a_sentence_opening_with_a_foreign_by_word_is_not_a_byline(line: str) -> None:
    assert byline(line) is None


@pytest.mark.parametrize("line", ["Words and pictures: Mara Quint · 3 May 2021", "Text & photos: Mara Quint"])
def test_a_reporter_who_also_took_the_pictures_is_the_byline_not_a_photo_credit(line: str) -> None:
    assert classify(line) is None and byline(line) == "Mara Quint"


def test_a_photographer_s_credit_stays_a_credit() -> None:
    label = classify("Pictures: Mara Quint")
    assert label is not None and label.credit == "Mara Quint" and byline("Pictures: Mara Quint") is None


@pytest.mark.parametrize("label", ["Printed from:", "Retrieved from", "Saved from:"])
def test_the_address_a_printout_or_saved_copy_names_is_the_article_s(label: str) -> None:
    address = "https://harbourgazette.example/news/2021/03/carriers-count-antennas"
    found = read_page(f"{label} {address}\nPrinted on: 7 December 2026\n{HEADLINE}\nBy Priya Raman\n4 March 2021\n{P1}\n{P2}\n")
    assert found.url == address


def test_a_sentence_that_mentions_where_it_was_printed_gives_no_address() -> None:
    line = "Printed from the archive at https://harbourgazette.example/news/2021/03/carriers-count-antennas for readers."
    assert read_page(f"{line}\n{HEADLINE}\nBy Priya Raman\n4 March 2021\n{P1}\n{P2}\n").url is None
