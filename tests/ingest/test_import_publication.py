"""The publication's name by agreement between the names an HTML page gives itself; every name here is invented."""

from __future__ import annotations

from generator.ingest.publication import choose, rank, spells_host

EMPTY = {"site_name": "", "publisher": "", "title": "", "logo": "", "text": ""}


def _choose(host: str = "", **given: str) -> str | None:
    return choose({**EMPTY, **given}, host)


def test_the_address_spells_the_name_whole_with_the_by_initials_or_initials_and_last_word() -> None:
    assert spells_host("The Deccan Ledger", "www.thedeccanledger.example")
    assert spells_host("Deccan Ledger", "deccanledger.example")
    assert spells_host("Tri-County Tech Gazette", "tctg.example")
    assert spells_host("Fraser Valley Herald", "fvherald.example")
    assert not spells_host("Fraser Valley Herald", "valleymedia.example")
    assert not spells_host("Harbour Gazette", "example.harbour")  # the top-level label is nobody's name


def test_initials_lose_to_the_name_they_stand_for() -> None:
    # og:site_name and <title> both say "FVH", only the logo spells it out; the address agrees with the logo.
    assert _choose("fvherald.example", site_name="FVH", title="FVH", logo="Fraser Valley Herald") == "Fraser Valley Herald"
    # Without a fuller name, the initials are the name.
    assert _choose("fvherald.example", site_name="FVH", title="FVH") == "FVH"


def test_the_owner_company_loses_to_the_masthead() -> None:
    assert _choose("", publisher="Valley Media Holdings", logo="The Valley Courier") == "The Valley Courier"
    assert "company" in rank({**EMPTY, "publisher": "Valley Media Holdings"}, "")[0].features


def test_the_fullest_spelling_of_the_agreed_name_is_kept() -> None:
    assert _choose("deccanledger.example", site_name="Deccan Ledger", title="The Deccan Ledger", logo="The Deccan Ledger") == "The Deccan Ledger"
    # A spelling in capitals is not fuller, only louder.
    assert _choose("rotunda.example", site_name="The Rotunda", title="THE ROTUNDA") == "The Rotunda"


def test_a_name_inside_a_longer_one_agrees_with_it_and_the_address_decides() -> None:
    assert _choose("www.sbn.example", title="SBN News", logo="SBN") == "SBN News"
    assert _choose("investors.corvane.example", logo="Corvane", text="Corvane Instruments") == "Corvane Instruments"
    # Words that share letters but not whole words do not agree: "Ledge" is not part of "Deccan Ledger".
    assert "agrees" not in rank({**EMPTY, "logo": "Ledge", "site_name": "Deccan Ledger"}, "")[0].features


def test_no_names_no_publication() -> None:
    assert _choose("") is None
    assert _choose("example.example", site_name="   ") is None
