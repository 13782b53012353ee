"""Text extracted from a PDF print page: running heads, page numbers, hard wraps and split words undone (``ingest/pdf.py``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.importer import import_text
from generator.ingest.pdf import reflow
from import_fixtures.support import seed_matcher

HEAD = "THE HARBOUR GAZETTE                    Wednesday 15 July 2020                    NEWS 7"
FOOT = "harbourgazette.example/print          Page {n} of 2          Printed 15/07/2020 09:12"
RULE = "-" * 60
PAGE_ONE = """\
Huawei to be stripped from
UK 5G networks by 2027
in government U-turn
By Fionnuala Brennan-Osei, Technology Editor
British mobile operators will be banned from buy-
ing new Huawei 5G equipment after the end of this
year and must remove all of the Chinese compa-
ny's kit from their 5G networks, the govern-
ment announced yesterday.
Mr Dowden said the National Cyber Security Centre had
changed its view after the US chip rules. The U-
turn follows months of pressure on the company
and its customers, and the regulation of the
networks will be tightened. New regu-
"""
PAGE_TWO = """\
lation will follow this year, and Hua-
wei said the decision was about trade and not
security at all.
Relations with Beijing are expected to come under
further strain.
─ Comment, page 22
"""


def extract() -> str:
    return "\n".join([HEAD, "", PAGE_ONE, RULE, FOOT.format(n=1), RULE, HEAD, "", PAGE_TWO, RULE, FOOT.format(n=2), RULE]) + "\n"


def test_page_furniture_goes_and_paragraphs_come_back() -> None:
    paragraphs = [p for p in reflow(extract()).split("\n") if p]
    assert paragraphs[:3] == ["THE HARBOUR GAZETTE", "Wednesday 15 July 2020", "NEWS 7"]  # the first page's head, for its name and date
    assert paragraphs[3] == "Huawei to be stripped from UK 5G networks by 2027 in government U-turn"
    assert paragraphs[4] == "By Fionnuala Brennan-Osei, Technology Editor"
    assert paragraphs[5].startswith("British mobile operators will be banned from buying new Huawei 5G equipment")
    assert "Chinese company's kit" in paragraphs[5] and paragraphs[5].endswith("the government announced yesterday.")
    # across the page break, in one paragraph: the running head and footer gone, "regu-" / "lation" mended as the page spells it
    assert "the regulation of the networks will be tightened. New regulation will follow this year, and Huawei said" in paragraphs[6]
    assert "The U-turn follows" in paragraphs[6]  # a hyphen the page also prints inside a line is kept
    assert not any("Page" in p or "HARBOUR" in p for p in paragraphs[4:])


def test_the_import_reads_headline_date_source_and_body() -> None:
    imported = import_text(extract(), seed_matcher())
    page = imported.page
    assert page.title == "Huawei to be stripped from UK 5G networks by 2027 in government U-turn"
    assert page.date is not None and page.date.iso() == "2020-07-15"
    assert page.source == "The Harbour Gazette" and page.byline == "Fionnuala Brennan-Osei"
    assert page.paragraphs[-1] == "Relations with Beijing are expected to come under further strain."
    assert not any("page 22" in p for p in page.paragraphs)


def test_a_page_copied_from_a_browser_is_left_alone() -> None:
    text = "Home | World | Tech\n\nA headline about Huawei\n\nBy Jane Doe\n\nA first paragraph, one line long, as browsers copy it.\n"
    assert reflow(text) == text


_WORD = st.text(st.characters(whitelist_categories=("Ll",)), min_size=2, max_size=9)


@given(st.lists(_WORD, min_size=30, max_size=120), st.integers(min_value=30, max_value=70))
def test_wrapping_and_splitting_words_then_reflowing_gives_the_words_back(words: list[str], width: int) -> None:
    """Any paragraph wrapped at any width, with words split by a hyphen at the line's end, comes back word for word."""
    text = "Xylo " + " ".join(words) + "."
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            if len(word) >= 6 and len(line) + 1 + 3 <= width:  # split the word: "regu-" / "lation"
                lines.append(f"{line} {word[:3]}-")
                line = word[3:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    page = "\n".join(lines) + "\n"
    if sum(1 for li in lines if li.endswith("-")) < 3:
        return  # too few split words to tell a PDF extract from a copied page
    assert [p for p in reflow(page).split("\n") if p] == [text]


def test_a_running_foot_and_head_printed_once_at_a_page_break_go_and_their_date_stays() -> None:
    """A page break with a foot and a head each printed only once, their page numbers set apart by spaces."""
    text = (
        "SPECTRUM LETTER                              No. 12\n\n"
        "Carriers told to count\ntheir Huawei antennas\n\n"
        "By Priya Raman\n\n"
        "The regulator ordered mobile operators on Thurs-\nday to list every Huawei and ZTE antenna in their\n"
        "networks by the autumn.\n\n"
        "Each operator must also say what the equipment\nwould cost to replace with kit from other vendors.\n\n"
        "Smaller operators said the survey alone would\ncost them more than\n\n"
        "Spectrum Letter · Renewals: renew@spectrum.example          7\n"
        + "_" * 60 + "\n"
        "8                            SPECTRUM LETTER · 4 March 2021\n\n"
        "they could afford, and asked for help to pay for it.\n\n"
        "The regulator said the money would come later.\n"
    )
    page = import_text(text, seed_matcher()).page
    assert page.title == "Carriers told to count their Huawei antennas"
    body = " ".join(page.paragraphs)
    assert "the survey alone would cost them more than they could afford, and asked for help" in body  # across the break
    assert body.endswith("The regulator said the money would come later.")
    assert not any("Renewals" in p or "SPECTRUM" in p for p in page.paragraphs)
    assert page.date is not None and page.date.iso() == "2021-03-04"


def test_a_table_row_with_a_number_away_from_a_page_break_stays() -> None:
    lines = ["Carriers told to count", "their Huawei antennas", "", "By Priya Raman", ""]
    lines += ["The regulator ordered mobile operators on Thurs-", "day to list every Huawei and ZTE antenna in their", "networks by autumn.", ""]
    lines += ["Antennas by vendor", "Huawei          412", "ZTE             96", "", "The survey is due in Octo-", "ber, the regulator said.", ""]
    lines += ["Operators must also re-", "port spare parts kept in stock.", ""]
    assert "412" in reflow("\n".join(lines) + "\n")  # a number set apart away from a page break is the page's text
