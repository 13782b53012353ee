"""The headline's scorer: each feature moves the choice the way its weight's comment says, and only then.

Every page here is invented. Each test builds two pages that differ in one piece of
evidence and shows the choice follow it; the negative cases show evidence that
looks alike but is not (another story's slug, a lead too short to judge) leave
the choice alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.ingest import weights
from generator.ingest.evidence import hints, lead_share, slug_stems, stems
from generator.ingest.headline import rank
from generator.ingest.layout import layout
from generator.ingest.lines import describe_all
from generator.ingest.page import read_page

P1 = "The port authority said on Monday that it would close the northern container terminal for six weeks of crane repairs."
P2 = "Shipping lines were told to move their calls to the southern terminal, where the authority has added night shifts."
P3 = "Dock workers' unions said they had not been consulted about the closure and asked for a meeting with the authority."
HEADLINE = "Port authority to close northern terminal for crane repairs"
OTHER = "Lighthouse keepers celebrate the harbour festival"  # same shape, about something else


def _title(text: str, given: object = None) -> str | None:
    return read_page(text, given).title  # type: ignore[arg-type]


def _features(text: str, line: str, given: object = None) -> dict[str, float]:
    lines = describe_all(text)
    found = layout(lines)  # the captions are read as the scorer reads them
    index = next(i for i, described in enumerate(lines) if described.text == line)
    ranked = rank(lines, found.captions, given) if given is not None else rank(lines, found.captions)  # type: ignore[arg-type]
    return next(c.features for c in ranked if c.index == index)


def test_the_address_slug_picks_the_line_it_spells() -> None:
    # Two title lines stacked over the byline: without other evidence the lower one, right over the byline, wins.
    page = f"{HEADLINE}\n{OTHER}\nBy Ada Quist\n3 March 2021\n{P1}\n{P2}\n"
    assert _title(page) == OTHER
    with_address = f"https://harbourdaily.example/2021/03/03/port-authority-close-northern-terminal-crane-repairs\n{page}"
    assert _title(with_address) == HEADLINE


def test_a_slug_of_other_words_is_no_evidence() -> None:
    page = f"https://harbourdaily.example/2021/03/03/council-budget-vote-delayed\n{HEADLINE}\n{OTHER}\nBy Ada Quist\n3 March 2021\n{P1}\n{P2}\n"
    assert _title(page) == OTHER
    assert "slug" not in _features(page, HEADLINE)


def test_the_markup_title_picks_the_printed_line_it_names() -> None:
    page = f"{HEADLINE}\n{OTHER}\nBy Ada Quist\n3 March 2021\n{P1}\n{P2}\n"
    assert _title(page, hints((HEADLINE + " ",))) == HEADLINE  # compared without case and spacing
    assert _title(page, hints(("A title the page never prints",))) == OTHER


def test_the_h1_is_evidence_weaker_than_the_markup_title() -> None:
    page = f"{HEADLINE}\n{OTHER}\nBy Ada Quist\n3 March 2021\n{P1}\n{P2}\n"
    assert _title(page, hints(h1=(HEADLINE,))) == HEADLINE
    assert _title(page, hints((OTHER,), h1=(HEADLINE,))) == OTHER
    assert weights.HEADLINE["markup"] > weights.HEADLINE["h1"]


def test_a_line_whose_words_the_lead_never_uses_loses_to_the_one_it_sums() -> None:
    # Both lines hang over the body; the quotation under the headline is about something else.
    quote = 'Mayor Ines Barlow: "Our summer festival will go ahead whatever the weather"'
    page = f"PORT AUTHORITY TO CLOSE NORTHERN TERMINAL FOR CRANE REPAIRS\n{quote}\n{P1}\n{P2}\n{P3}\n"
    assert _title(page) == "PORT AUTHORITY TO CLOSE NORTHERN TERMINAL FOR CRANE REPAIRS"
    assert "off_topic" in _features(page, quote)
    on_topic = 'Harbour master: "The northern terminal cranes must be repaired before the autumn season"'
    assert "off_topic" not in _features(f"PORT AUTHORITY TO CLOSE NORTHERN TERMINAL FOR CRANE REPAIRS\n{on_topic}\n{P1}\n{P2}\n{P3}\n", on_topic)


def test_a_lead_too_short_or_a_line_too_short_says_nothing_about_topic() -> None:
    assert lead_share(HEADLINE, ["Yes."]) is None
    assert lead_share("Foundry freeze", [P1, P2]) is None  # a two-word pun: no share worth weighing
    assert lead_share(HEADLINE, [P1, P2]) == 1.0


def test_a_title_case_headline_with_full_stops_beats_its_dek() -> None:
    headline = "The Terminal Is Not Closing. Not Yet."
    dek = "What the port authority said about the cranes, and what it left out"
    page = f"{headline}\n{dek}\nAda Quist\n{P1}\n{P2}\n"
    assert read_page(page).title == headline
    # The same words in sentence case are a sentence, never a headline candidate: the dek is the headline.
    assert read_page(f"The terminal is not closing at all, the authority says.\n{dek}\nAda Quist\n{P1}\n{P2}\n").title == dek


def test_a_closing_full_stop_and_capitals_count_against_a_line() -> None:
    shouted = _features(f"PORT AUTHORITY TO CLOSE NORTHERN TERMINAL\nBy Ada Quist\n{P1}\n{P2}\n", "PORT AUTHORITY TO CLOSE NORTHERN TERMINAL")
    assert "all_caps" in shouted and "title_case" not in shouted
    stopped = _features(f"Port Authority Closes The Terminal.\nBy Ada Quist\n{P1}\n{P2}\n", "Port Authority Closes The Terminal.")
    assert "full_stop" in stopped and "title_case" in stopped
    assert weights.HEADLINE["all_caps"] < 0 and weights.HEADLINE["full_stop"] < 0 < weights.HEADLINE["title_case"]


def test_a_line_in_a_list_of_other_stories_loses_even_over_the_body() -> None:
    page = f"{HEADLINE}\nBy Ada Quist\n3 March 2021\nRelated coverage\n{OTHER}\n{P1}\n{P2}\n"
    assert _title(page) == HEADLINE
    assert "listed" in _features(page, OTHER)


def test_slugs_are_read_from_the_last_path_part_only() -> None:
    assert slug_stems("https://harbourdaily.example/ports/2021/port-authority-closes-terminal.html") == stems("port authority closes terminal")
    assert slug_stems("https://harbourdaily.example/story/123456") == frozenset()
    assert slug_stems(None) == frozenset() and slug_stems("not an address") == frozenset()


def test_every_feature_has_one_weight_and_each_weight_says_what_it_captures() -> None:
    page = f"Harbour Daily\nHome | Ports | Weather\n{HEADLINE}\nWhat the closure means for shippers and dock workers this spring\nBy Ada Quist\n{P1}\n{P2}\n"
    lines = describe_all(page)
    emitted = {name for candidate in rank(lines, frozenset()) for name in candidate.features}
    assert emitted and emitted <= set(weights.HEADLINE)
    source = Path(weights.__file__).read_text(encoding="utf-8")
    for name in weights.HEADLINE:
        assert re.search(rf'^\s*"{name}": -?\d+\.\d+,\s+# \S', source, re.M), name
