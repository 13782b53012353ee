"""Official documents: a header of fields in capitals, its labelled summary, and the signature block after the text.

The examples are invented notices of the same kind as a government rule, not copies of any evaluation page.
"""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import Kind, classify
from generator.ingest.page import read_page

TOP = "Spectrum Office\nNotice of Proposed Rulemaking\n12 May 2022\nCounty Mast Licences: Renewal Terms for Listed Suppliers\n"
HEADER = (
    "AGENCY: Spectrum Office, Ministry of Transport.\n"
    "ACTION: Proposed rule.\n"
    "SUMMARY: The office proposes to stop renewing mast licences that name equipment from listed suppliers after the end of 2023.\n"
    "ADDRESSES: Comments may be sent to the office by post or by e-mail.\n"
    "FOR FURTHER INFORMATION CONTACT: Licensing Desk, at licences@example.gov.\n"
)
P1 = "In 2020 the office began asking mast operators to say which suppliers had built the equipment on each licensed site."
P2 = "Most operators answered within a year, and the replies show that a few hundred masts still carry listed equipment."


def test_a_header_of_fields_in_capitals_is_not_the_body_and_its_summary_is_the_summary() -> None:
    page = read_page(f"{TOP}{HEADER}\n{P1}\n\n{P2}\n")
    assert page.title == "County Mast Licences: Renewal Terms for Listed Suppliers"
    assert page.paragraphs == (P1, P2)
    assert page.standfirst == "The office proposes to stop renewing mast licences that name equipment from listed suppliers after the end of 2023."


def test_a_transcript_s_speakers_in_capitals_stay_in_the_body() -> None:
    speech = (
        "OKAFOR: Thank you all for coming this morning, and for the questions you sent in advance.\n"
        "LINDQVIST: Thank you. I will start with the licences, because that is what most of you asked about.\n"
        "OKAFOR: Please go ahead, and take as long as you need on the point.\n"
    )
    page = read_page(f"Regulator's briefing on mast licences\nBy Staff\n12 May 2022\n\n{speech}\n{P1}\n")
    assert page.paragraphs[0].startswith("OKAFOR: Thank you all")
    assert page.standfirst is None


def test_a_header_box_without_a_summary_gives_no_summary() -> None:
    header = "AGENCY: Spectrum Office.\nACTION: Notice.\nDATES: Comments are due by 30 June 2022.\n"
    page = read_page(f"{TOP}{header}\n{P1}\n\n{P2}\n")
    assert page.paragraphs == (P1, P2) and page.standfirst is None


def test_a_signature_block_after_the_text_is_not_the_body() -> None:
    page = read_page(f"{TOP}{HEADER}\n{P1}\n\n{P2}\nDated: 10 May 2022.\nSignature on file.\nDirector of Licensing\n")
    assert page.paragraphs == (P1, P2)


@pytest.mark.parametrize("line", ["Dated: March 3, 2021.", "Signed: 4 June 2018", "Done at Geneva, 2 April 2019."])
def test_a_signature_block_s_dated_line_ends_the_document(line: str) -> None:
    label = classify(line)
    assert label is not None and label.kind is Kind.END


def test_a_sentence_about_dated_or_signed_things_is_not_a_signature_block() -> None:
    assert classify("Dated letters from 2019 show the carriers knew of the problem.") is None
    assert classify("Signed contracts were due by the end of 2021, the office said.") is None


def test_a_speech_s_as_prepared_for_delivery_label_is_not_its_text() -> None:
    label = classify("Remarks as prepared for delivery")
    assert label is not None and label.kind is Kind.CHROME
    assert classify("The minister departed from the text as prepared for delivery to attack the carriers.") is None
