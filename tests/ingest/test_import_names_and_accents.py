"""A byline of two names joined by "and" before its date, and a name whose accents its address leaves out."""

from __future__ import annotations

from generator.ingest.lines import describe_all
from generator.ingest.page import read_page
from generator.ingest.titles import names_host, squash

P1 = "The regional water board said on Tuesday that it would close the Alder Creek reservoir to boats for the summer."
P2 = "Board chair Maren Holt said low water had exposed old pilings that make the eastern arm unsafe to navigate."


def test_two_names_joined_by_and_before_the_date_are_a_dated_byline() -> None:
    page = read_page(f"Alder Creek reservoir closed to boats for summer\nLena Brandt and Ola Nordmann 11.06.2024 - Update : 12.06.2024\n{P1}\n{P2}\n")
    assert page.date is not None and page.date.iso() == "2024-06-11"
    assert page.updated is not None and page.updated.iso() == "2024-06-12"
    assert page.byline == "Lena Brandt and Ola Nordmann"


def test_a_sentence_with_and_and_a_date_is_not_a_dateline() -> None:
    line = describe_all("Levels rose and then fell sharply by 11.06.2024 across the whole basin.\n")[0]
    assert line.dateline is None


def test_an_address_spells_a_name_without_its_accents() -> None:
    assert squash("Hlas Údolí") == "hlasudoli"
    assert names_host("Hlas Údolí", "english.hlasudoli.example")
    assert not names_host("Hlas Údolí", "english.hlasmesta.example")


def _club_page(tagline: str) -> str:
    return (
        f"Slack Water\n{tagline}\nHome   About us   Race results   Contact\n\n"
        "Alder Creek reservoir closed to boats for the summer\nPosted on June 11th, 2024 by Ms Brandt (Commodore) · 2 Comments\n\n"
        f"{P1}\n\n{P2}\n\n© 2024 Lowmoor Sailing Club · Powered by WordPress\n"
    )


def test_a_masthead_over_a_line_calling_it_someones_blog_is_the_source_not_its_owner() -> None:
    assert read_page(_club_page("The blog of the Lowmoor Sailing Club")).source == "Slack Water"


def test_a_masthead_over_a_motto_leaves_the_copyright_holder_the_source() -> None:
    assert read_page(_club_page("Sailing news from the west basin")).source == "Lowmoor Sailing Club"
