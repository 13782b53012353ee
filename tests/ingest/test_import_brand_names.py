"""The publication's name where a page gives it only in a footer's trademark line, with an edition's word, in two scripts,
or in a print extract's running foot.

Every page here is invented.
"""

from __future__ import annotations

from generator.ingest.importer import import_any
from generator.ingest.pdf import reflow
from generator.ingest.publication import choose
from generator.ingest.sources import trademark
from import_fixtures.support import matcher

P1 = "The county water board voted on Thursday to replace every lead service pipe in the old town within four years."
P2 = "The board will borrow most of the money, and households will pay nothing towards the work on their side of the meter."
P3 = "Engineers expect the first streets to be dug up in March, starting with the ones nearest the two primary schools."


def _page(head: str = "", footer: str = "", logo: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><header><img src='/logo.png' alt='{logo}'></header>"
        "<h1>County to replace every lead pipe in the old town</h1><p>10 March 2022</p>"
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><footer>{footer}</footer></body></html>"
    )


def test_a_footer_s_trademark_line_names_the_brand() -> None:
    footer = "© 2022 Riverside Broadcasting Inc. Riverside Radio is a registered trademark of Riverside Broadcasting Inc."
    assert import_any(_page(footer=footer), matcher([])).page.source == "Riverside Radio"
    assert trademark("The Riverside Courier is a trademark of Riverside Media Ltd.") == "The Riverside Courier"


def test_a_trademark_of_a_product_in_a_sentence_is_not_read_without_the_phrase() -> None:
    assert trademark("Riverside Radio said the name was registered in 2020.") is None


def test_an_edition_s_word_after_the_masthead_loses_to_the_masthead() -> None:
    origins = {"site_name": "Harbour Ledger English", "logo": "Harbour Ledger English", "publisher": "Harbour Ledger"}
    assert choose(origins, "en.harbourledger.example") == "Harbour Ledger"


def test_a_masthead_whose_last_word_only_looks_like_an_edition_s_stays_whole() -> None:
    # no other origin names it without the word: "Online" is part of the name
    assert choose({"site_name": "Gadget Online", "logo": "Gadget Online"}, "gadgetonline.example") == "Gadget Online"


def test_a_logo_in_two_scripts_gives_the_name_in_the_page_s_letters() -> None:
    assert import_any(_page(logo="Harbour Weekly 港湾周报"), matcher([])).page.source == "Harbour Weekly"
    # accented letters are Latin ones: the name stays whole
    assert import_any(_page(logo="Revista Ñandú Semanal"), matcher([])).page.source == "Revista Ñandú Semanal"


def test_a_print_extract_s_running_foot_that_repeats_its_head_is_dropped() -> None:
    text = (
        "HARBOUR QUARTERLY                 SPRING 2021 · NO. 3\nPIPES\nThe long dig\n"
        "The county water board voted on Thurs-\nday to replace every lead pipe in the\nold town within four years, and the\n"
        "board will borrow most of the mon-\ney for the work, which the en-\ngineers say will take years.\n"
        "12   HARBOUR QUARTERLY · SPRING 2021\n"
        "Engineers expect the first streets to\nbe dug up in March, nearest the two\nprimary schools in the old town.\n"
    )
    flowed = reflow(text)
    assert "12 " not in flowed and "HARBOUR QUARTERLY\n" in flowed


def test_a_folio_that_does_not_repeat_the_head_is_kept() -> None:
    text = (
        "HARBOUR QUARTERLY                 SPRING 2021 · NO. 3\nPIPES\nThe long dig\n"
        "The county water board voted on Thurs-\nday to replace every lead pipe in the\nold town within four years, and the\n"
        "board will borrow most of the mon-\ney for the work, which the en-\ngineers say will take years.\n"
        "12   Sidebar: the old town's pipes\n"
        "Engineers expect the first streets to\nbe dug up in March, nearest the two\nprimary schools in the old town.\n"
    )
    assert "Sidebar: the old town's pipes" in reflow(text)
