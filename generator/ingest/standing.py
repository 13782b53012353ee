"""Headline candidates read against the line under them: a collection's or an account's standing name, a headline in
capitals over its dek.

A briefing, a digest or a notices page prints its own name ("The Evening Wrap", "Weekly Digest") over the items it
carries; the name is the collection's, and the item's headline is the story's. A video or messaging channel prints
its name over its count of subscribers: the name is who posted, as a byline is. A release that sets its headline in
capitals prints a sentence-case standfirst under it; that standfirst is longer than the headline and, having a
byline or a dateline right below it, would otherwise read as the headline. A department or a company that issues a
page prints its name in the breadcrumb and again as a label's value ("From: Networks Canada"): the name is the issuer's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lines import Line, Shape
from .text import casefolded, is_upper, title_case_ratio
from .zones import is_text

COLLECTION_WORDS = 5  # "The Friday Afternoon Tech Digest": a standing name is short
CAPS_HEADLINE_WORDS = 4  # fewer capitals are a section's or a masthead's name ("PRESS RELEASES", "THE LEDGER")
SENTENCE_CASE = 0.5  # below this share of capitalised words, a line is in sentence case
LABEL_CHARS = 30  # "Issued on behalf of:" and shorter
ISSUER_WORDS = 8  # a name, not a headline: "Networks and Digital Security Canada"
# A short label and its value: "From: …", "Issued by: …", "Department – …".
_LABEL_VALUE = re.compile(r"^[A-Za-z][\w'’ ]{0,24}?\s*[:–—]\s*(?P<value>.+)$")
_FOLLOWERS = re.compile(r"^\d[\d.,]*\s?[kmb]?\s+(?:subscribers|followers|members)$")
# The last word of a collection's name: what holds several stories, never one story's headline.
_COLLECTION = re.compile(
    r"(?i)\b(?:brief|briefing|briefs|digest|newsletter|bulletin|round-?up|wrap|wrap-?up|notices|dispatch|daily|weekly|edition)$"
)


def names_account(lines: Sequence[Line], index: int) -> bool:
    """Whether the line right under ``index`` counts its followers ("52K subscribers", "9,120 members"): ``index`` is the name
    of the channel or account that posted the page, as a byline is, not its headline."""
    return index + 1 < len(lines) and bool(_FOLLOWERS.match(" ".join(lines[index + 1].text.lower().split())))


def names_collection(line: Line) -> bool:
    """A short line, every word capitalised, whose last word names something that holds stories ("The Evening Wrap",
    "Chip Policy Digest"): a briefing's or a digest's name, not the headline of the story it carries."""
    text = line.text.strip(" :|-–—")
    if line.word_count > COLLECTION_WORDS or line.shape is Shape.PROSE or is_upper(text):
        return False
    return bool(_COLLECTION.search(text)) and title_case_ratio(text) == 1.0


def caps_over_dek(lines: Sequence[Line], index: int) -> bool:
    """A headline set in capitals (four words or more) right over a longer line in sentence case: the dek under it."""
    line = lines[index]
    if line.word_count < CAPS_HEADLINE_WORDS or not is_upper(line.text):
        return False
    if index + 1 >= len(lines) or not is_text(lines[index + 1]):
        return False
    dek = lines[index + 1]
    return not is_upper(dek.text) and dek.word_count > line.word_count and title_case_ratio(dek.text) < SENTENCE_CASE


def names_issuer(lines: Sequence[Line], index: int) -> bool:
    """Whether the line names who issued the page: a few words, no sentence, that the page prints as a short label's value
    elsewhere ("From: Networks Canada", "Issued by: …"), or that label's line itself. Either stands over or under the
    headline and is never it."""
    line = lines[index]
    if line.word_count > ISSUER_WORDS + 3 or line.shape is Shape.PROSE:
        return False
    own = label_value(line.text)
    if own is not None:
        wanted = casefolded(own)
        return any(other is not line and casefolded(other.text) == wanted for other in lines)
    wanted = casefolded(line.text)
    return line.word_count <= ISSUER_WORDS and any(
        other is not line and (value := label_value(other.text)) is not None and casefolded(value) == wanted for other in lines
    )


def label_value(text: str) -> str | None:
    """The value of a short label's line ("From: Networks Canada" → "Networks Canada"), or ``None``."""
    match = _LABEL_VALUE.match(text)
    return match.group("value") if match and len(match.group(0)) - len(match.group("value")) <= LABEL_CHARS else None
