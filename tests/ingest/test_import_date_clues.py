"""Dates printed in another language beside English, on a video page, and in figures that read both ways.

Every line here is invented.
"""

from __future__ import annotations

import pytest

from generator.content.dates import parse_date
from generator.ingest.dateclues import spelled_out
from generator.ingest.dates import read_dateline
from generator.ingest.page import read_page

P1 = "The ferry company said on Tuesday that it would add a night crossing to the island from the first week of June."
P2 = "The new sailing will leave the mainland at eleven and return before dawn, with room for forty cars on each trip."


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Premiered Mar 2, 2021", "2021-03-02"),
        ("Streamed live on 14 Feb 2023", "2023-02-14"),
        ("1,093 views · Premiered Oct 4, 2022 · #Ferries #Islands", "2022-10-04"),
        ("jueves, 3 de octubre de 2024 · Thursday, October 3, 2024 — 09:15 (hora de Lisboa)", "2024-10-03"),
        ("vendredi 7 mars 2025", "2025-03-07"),
        ("Montag, 2. Dezember 2024", "2024-12-02"),
    ],
)
def test_a_first_showing_and_a_bilingual_dateline_give_the_date(line: str, iso: str) -> None:
    found = read_dateline(line)
    assert found is not None and found.published is not None and found.published.iso() == iso


@pytest.mark.parametrize("line", ["Our 10 Marsh walks of 2024", "The clip had 1,093 views by 2022, the ferry company said to reporters."])
def test_words_that_begin_like_a_month_and_sentences_are_no_dateline(line: str) -> None:
    found = read_dateline(line)
    assert found is None or found.published is None or found.published.month is None


def test_figures_that_read_both_ways_yield_to_the_same_day_in_words() -> None:
    figures, words = parse_date("2024-04-03"), parse_date("2024-03-04")  # "03.04.24" read day first; "March 4, 2024"
    assert spelled_out([("03.04.24", figures), ("Monday, March 4, 2024", words)]) == words
    # a different day in words is another date (an event the page mentions), not the same one written out
    other = parse_date("2024-03-09")
    assert spelled_out([("03.04.24", figures), ("Saturday, March 9, 2024", other)]) == figures
    # the first date in words stays, whatever follows
    assert spelled_out([("4 March 2024", words), ("04.03.24", figures)]) == words


def test_a_release_dated_in_figures_over_its_dateline_in_words_takes_the_words() -> None:
    page = f"PRESS RELEASES\n03.04.24\nFERRY COMPANY ADDS NIGHT CROSSING TO THE ISLAND\nPort Town – Monday, March 4, 2024\n{P1}\n{P2}\n"
    found = read_page(page)
    assert found.date is not None and found.date.iso() == "2024-03-04"
