"""Datelines in the forms news sites print them; published beside updated; relative dates refused."""

from __future__ import annotations

import pytest

from generator.content.dates import PartialDate
from generator.ingest.dateclues import prefix_date
from generator.ingest.dates import read_dateline
from generator.ingest.page import read_page

D = PartialDate(2019, 5, 16)
BODY = "The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Published 16 May 2019",
        "Published: 16 May 2019",
        "16 May 2019",
        "16th May 2019",
        "16th of May, 2019",
        "May 16, 2019",
        "May 16 2019",
        "May 16th, 2019",
        "May 16, 2019 3:04 PM UTC",
        "Thursday, May 16, 2019",
        "Thu 16 May 2019 15.04 BST",
        "16-May-2019",
        "2019-05-16",
        "2019-05-16T15:04:00Z",
        "2019-05-16T23:04:00+08:00",
        "2019/05/16",
        "16/05/2019",
        "05/16/2019",
        "5/16/19",
        "16.05.2019",
        "2019年5月16日",
        "Posted on May 16, 2019 by Jane Doe",
        "By Jane Doe | May 16, 2019",
        "Jane Doe · 16 May 2019 · 5 min read",
        "WASHINGTON, May 16, 2019",
        "First published on Thu 16 May 2019 17.30 BST",
    ],
)
def test_publication_date_formats(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and dateline.published == D


@pytest.mark.parametrize("line", ["Sept. 26, 2019", "Sep 26 2019", "26 September 2019", "Sept 26, 2019"])
def test_abbreviated_months(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and dateline.published == PartialDate(2019, 9, 26)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rita Quental Faro 3.out.2021 às 17h02", PartialDate(2021, 10, 3)),
        ("7 de dez. de 2020", PartialDate(2020, 12, 7)),
        ("Publié le 11 févr. 2022", PartialDate(2022, 2, 11)),
        ("12. Okt. 2018", PartialDate(2018, 10, 12)),
    ],
)
def test_month_abbreviations_of_other_languages_day_first(line: str, expected: PartialDate) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and dateline.published == expected


@pytest.mark.parametrize("line", ["3 out of 2021 entries", "Sold out 2021", "The mai 2020 plan"])
def test_words_like_foreign_months_are_not_dates(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is None or dateline.published is None


def test_month_only() -> None:
    dateline = read_dateline("May 2019")
    assert dateline is not None and dateline.published == PartialDate(2019, 5)


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Published 16 May 2019 · Updated 17 May 2019", D, PartialDate(2019, 5, 17)),
        ("Updated 17 May 2019, first published 16 May 2019", D, PartialDate(2019, 5, 17)),
        ("Last modified on Fri 17 May 2019 10.00 BST", None, PartialDate(2019, 5, 17)),
        ("May 16, 2019 / 3:04 PM / Updated 5 years ago", D, None),
    ],
)
def test_published_and_updated_side_by_side(line: str, published: PartialDate | None, updated: PartialDate | None) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and (dateline.published, dateline.updated) == (published, updated)


@pytest.mark.parametrize("line", ["Updated 2 days ago", "Published 3 hours ago", "yesterday", "1h ago"])
def test_relative_dates_are_not_dates(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and dateline.relative and dateline.published is None


@pytest.mark.parametrize("line", ["05/06/2019", "31 February 2019", "2019-13-01"])
def test_ambiguous_or_impossible_dates_are_refused(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is None or dateline.published is None


@pytest.mark.parametrize(
    "line",
    [
        "Huawei said on 16 May 2019 that it would fight the decision in court.",
        "Huawei ban: what happened on 16 May 2019",
        "The order took effect on May 16, 2019, a day after the executive order.",
        "The Carriers Met Last Week.",  # capitalised, but a sentence: a relative date alone never ends like one
        "By the end of last month.",
    ],
)
def test_sentences_that_mention_a_date_are_not_datelines(line: str) -> None:
    assert read_dateline(line) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "WASHINGTON, May 16, 2019 /PRNewswire/ -- The Department of Commerce today added Huawei to the Entity List.",
        "SHENZHEN, China, May 16, 2019 — Huawei said today it would challenge the listing.",
    ],
)
def test_date_in_an_opening_dateline(paragraph: str) -> None:
    assert prefix_date(paragraph) == D


def test_opening_dateline_without_a_year_gives_no_date() -> None:
    assert prefix_date("WASHINGTON, May 16 (Reuters) - The U.S. Commerce Department said on Thursday it was adding Huawei.") is None


def page(*header: str) -> str:
    return "Commerce adds Huawei to the Entity List\n" + "\n".join(header) + "\n" + BODY + BODY


def test_page_with_published_and_updated_lines() -> None:
    found = read_page(page("By Jane Doe", "Updated 17 May 2019 09:00 BST", "Published 16 May 2019 15:04 BST"))
    assert (found.date, found.updated) == (D, PartialDate(2019, 5, 17))


def test_page_with_only_an_updated_date_has_no_publication_date() -> None:
    found = read_page(page("By Jane Doe", "Updated 17 May 2019"))
    assert found.date is None and found.updated == PartialDate(2019, 5, 17)
    assert "only an updated date" in found.date_note


def test_page_with_only_a_relative_date_has_no_date() -> None:
    found = read_page(page("By Jane Doe", "Updated 2 days ago"))
    assert found.date is None and "relative" in found.date_note


def test_page_without_any_date() -> None:
    assert read_page(page("By Jane Doe")).date is None


def test_dates_in_a_related_list_are_not_the_page_date() -> None:
    text = page("By Jane Doe") + "Recent articles\nGoogle suspends some business with Huawei\nMay 19, 2019\n"
    assert read_page(text).date is None


def test_date_above_the_headline() -> None:
    text = "Technology\nMay 16, 2019\nCommerce adds Huawei to the Entity List\nBy Jane Doe\n" + BODY + BODY
    assert read_page(text).date == D


@pytest.mark.parametrize(
    ("header", "opening"),
    [
        (["© 2019 The Ledger"], "LONDON, May 16 — "),  # the year from the copyright line
        (["© 2019 The Ledger"], "LONDON, 16 May (Ledger) - "),
        (["Printed 18/05/2019 10:02"], "WASHINGTON, May 16 (Reuters) - "),  # the year from the day it was printed
    ],
)
def test_a_dateline_day_without_its_year_takes_the_pages_year(header: list[str], opening: str) -> None:
    text = "Commerce adds Huawei to the Entity List\nBy Jane Doe\n\n" + opening + BODY + "\n" + BODY + "\n".join(header) + "\n"
    assert read_page(text).date == D


def test_a_copyright_range_gives_no_year() -> None:
    text = "Commerce adds Huawei to the Entity List\nBy Jane Doe\n\nLONDON, May 16 — " + BODY + "\n" + BODY + "© 2015-2024 The Ledger\n"
    assert read_page(text).date is None


@pytest.mark.parametrize(("relative", "day"), [("Published 2 days ago", 16), ("yesterday", 17), ("Posted 3 hours ago", 18), ("1 week ago", 11)])
def test_a_relative_date_counts_back_from_the_day_the_page_was_printed(relative: str, day: int) -> None:
    found = read_page(page("By Jane Doe", relative) + "Printed 18/05/2019 10:02\n")
    assert found.date == PartialDate(2019, 5, day)


@pytest.mark.parametrize("line", ["Printed 18/05/2019 10:02", "Retrieved 18 May 2019", "Accessed: 2019-05-18"])
def test_the_day_a_page_was_printed_or_retrieved_is_not_its_date(line: str) -> None:
    dateline = read_dateline(line)
    assert dateline is not None and dateline.published is None and dateline.captured == PartialDate(2019, 5, 18)
    assert read_page(page("By Jane Doe", line)).date is None


def test_an_updated_relative_date_is_not_counted_back() -> None:
    assert read_page(page("By Jane Doe", "Updated 2 days ago") + "Printed 18/05/2019 10:02\n").date is None


@pytest.mark.parametrize(
    "line",
    [
        "Source: Nanhai Tech Daily  2019-05-16 21:37  Editor: 陈思远 (Chen Siyuan)",
        "Thursday, May 16, 2019 | Today's Paper | Subscribe | Sign In",
        "16 May 2019 09:14 BST",
        "Shenzhen, China — Thursday 16 May 2019",
    ],
)
def test_info_lines_and_link_bars_carry_the_date(line: str) -> None:
    found = read_page(page("By Jane Doe", line))
    assert found.date == D and found.standfirst is None


@pytest.mark.parametrize(
    ("opening", "reference", "day"),
    [
        ("SHENZHEN, China — Thursday — ", "Updated: 17 May 2019, 07:15 HKT", 16),  # the Thursday before the update
        ("DONGGUAN, China, Thursday (HBJ) — ", "Updated 16 May 2019", 16),  # the same day
        ("LONDON, Thursday - ", "Printed 22/05/2019 10:02", 16),
    ],
)
def test_a_dateline_weekday_is_the_last_such_day_before_the_pages_date(opening: str, reference: str, day: int) -> None:
    text = "Commerce adds Huawei to the Entity List\nBy Jane Doe\n" + reference + "\n\n" + opening + BODY + "\n" + BODY
    assert read_page(text).date == PartialDate(2019, 5, day)


def test_a_dateline_weekday_without_any_full_date_gives_no_date() -> None:
    text = "Commerce adds Huawei to the Entity List\nBy Jane Doe\n\nSHENZHEN, China — Thursday — " + BODY + "\n" + BODY + "© 2019 The Ledger\n"
    assert read_page(text).date is None
