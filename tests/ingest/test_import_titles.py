"""The outlet's name glued to a headline in a page title, taken off on the page's own evidence (``ingest/titles.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.importer import import_any, import_text
from generator.ingest.titles import split_title
from import_fixtures.support import seed_matcher

HEADLINE = "Huawei takes U.S. government to court"


@pytest.mark.parametrize(
    ("title", "names", "host", "site"),
    [
        (f"{HEADLINE} | Harbour Gazette", (), "", "Harbour Gazette"),  # a bar is never the headline's own
        (f"Tri-County Tech Gazette - {HEADLINE}", (), "www.tctg.example", "Tri-County Tech Gazette"),  # the host's initials
        (f"The Harbour Gazette - {HEADLINE}", (), "harbourgazette.example", "The Harbour Gazette"),  # the host spelt out
        (f"{HEADLINE} — Lantern Post News", ("The Lantern Post",), "", "Lantern Post News"),  # og:site_name, a little different
        (f"{HEADLINE}_Nanhai Tech Daily", ("Nanhai Tech Daily",), "", "Nanhai Tech Daily"),
        (f"{HEADLINE} | Technology | The Ledger", ("The Ledger",), "", "The Ledger"),
        (f"{HEADLINE} - Reuters", (), "", "Reuters"),  # a known outlet, after the headline
    ],
)
def test_the_outlet_is_taken_off_wherever_it_is_glued(title: str, names: tuple[str, ...], host: str, site: str) -> None:
    split = split_title(title, names, host)
    assert split.headline == HEADLINE and split.site == site


@pytest.mark.parametrize(
    "title",
    [
        "Huawei - the company Washington fears",  # a known company before a dash is the headline's subject
        "Huawei sues FCC - again",  # too little would be left
        "Chipmakers face a choice: Huawei - or America",
    ],
)
def test_a_dash_of_the_headline_itself_stays(title: str) -> None:
    assert split_title(title, ("The Ledger",), "ledger.example") == split_title(title)
    assert split_title(title).headline == title


def test_the_printed_line_tells_the_headline_from_the_outlet() -> None:
    split = split_title(f"Lakeshore Tribune :: {HEADLINE}", printed=["Lakeshore Tribune", HEADLINE])
    assert split.headline == HEADLINE and split.site == "Lakeshore Tribune"


def test_a_copied_page_with_the_outlet_before_the_headline() -> None:
    page = f"""\
Tri-County Tech Gazette - {HEADLINE}
Home | News | Reviews | Forums | Contact

Tri-County Tech Gazette - {HEADLINE}
Posted by Gus Pelletier on March 7, 2019

Huawei has filed a lawsuit against the United States government, arguing that a section of a defense law is unconstitutional.

The complaint was filed in federal court in the Eastern District of Texas, the home of Huawei's U.S. operations in Plano.

Tri-County Tech Gazette is a volunteer-run community site. All trademarks are property of their respective owners.
https://www.tctg.example/news/2019/03/huawei-sues
"""
    imported = import_text(page, seed_matcher())
    assert imported.page.title == HEADLINE and imported.page.source == "Tri-County Tech Gazette"


def test_html_title_with_the_outlet_first_and_no_other_metadata() -> None:
    markup = f"""<html><head><title>Tri-County Tech Gazette - {HEADLINE}</title></head><body>
<img alt="Tri-County Tech Gazette" src="banner.gif"><p><b>SPONSORS</b><br>PC Depot</p>
<p><font size=4><b>{HEADLINE}</b></font><br>Posted by Gus Pelletier</p>
<p>Huawei has filed a lawsuit against the United States government, arguing that a section of a defense law is unconstitutional.</p>
<p>The complaint was filed in federal court in the Eastern District of Texas, the home of Huawei's U.S. operations in Plano.</p>
<p>Tri-County Tech Gazette is a volunteer-run community site.<br>Best viewed in 1024x768.</p></body></html>"""
    imported = import_any(markup, seed_matcher())
    assert imported.page.title == HEADLINE and imported.page.source == "Tri-County Tech Gazette"
    assert imported.draft is not None and imported.draft.paragraphs[-1].endswith("Plano.")


_WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8)
_NAME = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=4, max_size=10)
_SEPARATORS = st.sampled_from([" | ", " - ", " — ", " :: ", " · ", "_"])


@given(st.lists(_WORD, min_size=3, max_size=10), st.lists(_NAME, min_size=1, max_size=4), _SEPARATORS, st.booleans())
def test_split_never_leaves_the_outlet_nor_a_line_break(headline_words: list[str], site_words: list[str], separator: str, first: bool) -> None:
    headline, site = " ".join(headline_words), " ".join(site_words)
    title = f"{site}{separator}{headline}" if first else f"{headline}{separator}{site}"
    split = split_title(title, (site,))
    assert "\n" not in split.headline and split.headline.strip()
    if site.casefold().replace(" ", "") not in headline.casefold().replace(" ", ""):  # else the headline names the outlet too
        assert split.headline == headline and split.site == site
