"""A saved page's own address and day: an archive's or proxy's copy names the original address in its own, and a
compact "pubdate" meta writes the day in ISO 8601's basic form. Every page here is invented."""

from __future__ import annotations

import pytest

from generator.ingest.importer import import_any
from generator.ingest.structured import absolute, iso_date
from import_fixtures.support import matcher

ORIGINAL = "https://www.valleyrecord.example/2015/04/02/mill-reopens-after-flood/"
BODY = (
    "<p>The old paper mill on the east bank reopened on Thursday, three months after the river flooded its ground floor.</p>"
    "<p>The owners said all eighty workers had been kept on through the repairs, which were paid for by the insurer.</p>"
)


@pytest.mark.parametrize(
    "copy",
    [
        f"https://snapshots.example/web/20150403120000/{ORIGINAL}",
        f"https://snapshots.example/web/20150403120000id_/{ORIGINAL}",  # the archive's raw-page mode
        f"https://cache.example/2015.04.03-120000/{ORIGINAL}",
    ],
)
def test_an_archived_copys_address_gives_the_original(copy: str) -> None:
    assert absolute(copy, None) == ORIGINAL


@pytest.mark.parametrize(
    "address",
    ["https://www.valleyrecord.example/2015/04/02/mill-reopens-after-flood/", "https://share.example/to/https://www.valleyrecord.example/"],
)
def test_an_address_without_a_capture_stamp_is_kept(address: str) -> None:
    assert absolute(address, None) == address


def test_iso_days_are_read_in_the_basic_and_the_extended_form() -> None:
    assert iso_date("20150402") == iso_date("2015-04-02") == iso_date("2015-04-02T09:30:00Z")
    assert iso_date("20150402") is not None
    assert iso_date("201504021") is None and iso_date("20151302") is None and iso_date("2015-0402") is None


def test_an_archived_page_gives_the_original_address_and_the_day_it_was_published() -> None:
    markup = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Mill reopens after flood | Valley Record</title>"
        f"<link rel='canonical' href='https://snapshots.example/web/20150403120000/{ORIGINAL}'>"
        "<meta name='pubdate' content='20150402'></head><body>"
        "<div id='toolbar'><p>3 captures</p><p>03 Apr 2015 - 19 Jun 2018</p></div>"
        "<article><h1>Mill reopens after flood</h1><p>By Tom Ashdown</p>" + BODY + "</article></body></html>"
    )
    page = import_any(markup, matcher([])).page
    assert page.url == ORIGINAL
    assert page.date is not None and page.date.iso() == "2015-04-02"
