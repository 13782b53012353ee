"""The headline: of the lines shaped like one, the one the page's evidence weighs most.

Each candidate gets named features (a byline right below, the markup giving the
same text, its words coming back in the lead, capitals, a closing full stop, a
place in a list of other stories…); :data:`.weights.HEADLINE` says what each is
worth, and the highest sum wins. :func:`rank` shows the sums and their parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from . import meta
from .boilerplate import Kind
from .evidence import NONE, Hints, lead_share
from .fields import is_labelled
from .itemised import items
from .lines import Line, Shape
from .standing import caps_over_dek, label_value, names_account, names_collection, names_issuer
from .text import casefolded, is_upper, title_case_ratio
from .weights import HEADLINE, Weighed
from .widgets import is_figures_row
from .zones import IN_HEADER, SUBSTANTIAL, Zone, following, is_header_meta, is_paragraph, is_text, read_zones

STANDFIRST_WORDS = 8
MOTTO_WORDS = 8  # "Your Trusted Source for the Quad Cities"
TITLED_SENTENCE_WORDS = 20  # "HarmonyOS Is Not an Android Killer. Not Yet." is a headline with full stops
TITLED = 0.75  # share of capitalised words that makes a sentence Title Case
NAME_WORDS = 4
LEAD_PARAGRAPHS = 3
OFF_TOPIC = 1 / 3  # share of a line's content words in the lead below which it is about something else
# Never a headline: a caption or credit, a link to the next or previous post.
_NOT_HEADLINE = re.compile(
    r"(?i)^(?:photo|image|picture|video|file photo|credit|illustration)s?\b\s*[:|/]|\((?:reuters|ap|afp|getty images|file photo|bloomberg|handout)\)"
    r"|\bgetty images\b|\bfile photo\b|[←→«»‹›]"
    # a market strip ("DJIA 39,056 +0.44%  NASDAQ 16,302 -0.18%"), a weather widget ("42° Plano, TX Cloudy"), a story's ticker symbols
    r"|[+-]\d[\d.,]*%.*[+-]\d[\d.,]*%|[▲▼]|^-?\d{1,3}\s?°|:\s*(?-i:[A-Z]{1,5}(?:[\s,]+[A-Z]{1,5})+)$"
)
_QUOTES = "\"'“‘«"


@dataclass(frozen=True, slots=True)
class Candidate(Weighed):
    """A line that may be the headline, weighed by :data:`.weights.HEADLINE`."""

    table: ClassVar[Mapping[str, float]] = HEADLINE
    index: int = 0


def find(lines: Sequence[Line], captions: frozenset[int], hints: Hints = NONE) -> int | None:
    """The index of the headline among ``lines`` (``captions`` are never it), or ``None`` when no line has its shape."""
    ranked = rank(lines, captions, hints)
    return ranked[0].index if ranked else None


def rank(lines: Sequence[Line], captions: frozenset[int], hints: Hints = NONE) -> list[Candidate]:
    """The headline's candidates, best first; of equal scores, the first on the page."""
    # The markup may name a headline of two words ("Foundry freeze"), which alone would read as a label.
    named = {i for i, line in enumerate(lines) if line.word_count == 2 and (hints.agrees(line.text) or hints.is_h1(line.text))}
    indexes = [i for i, line in enumerate(lines) if i not in captions and (headline_shaped(line) or i in named)]
    if not indexes:
        return []
    context = _Context(lines, captions, hints, indexes)
    return sorted((Candidate(context.features(i), i) for i in indexes), key=lambda c: (-c.score, c.index))


def headline_shaped(line: Line) -> bool:
    """A line that may be a headline: not boilerplate or a byline, three words or more, starting with a capital, not a sentence
    in sentence case (a question, an exclamation and a short sentence in Title Case may be)."""
    if line.label is not None or line.is_meta or line.word_count < 3:
        return False
    first = next((c for c in line.text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or _NOT_HEADLINE.search(line.text) or meta.outlet(line.text) or is_figures_row(line.text):
        return False  # a headline starts with a capital; "and last updated 5:48 PM" continues the line above
    if line.shape is Shape.TITLE:
        return True
    return line.shape is Shape.PROSE and (_asks(line) and line.word_count <= 25 or titled_sentence(line))


def titled_sentence(line: Line) -> bool:
    """A short sentence in Title Case ("HarmonyOS Is Not an Android Killer. Not Yet."): a headline's shape, not a paragraph's."""
    return line.shape is Shape.PROSE and line.word_count <= TITLED_SENTENCE_WORDS and title_case_ratio(line.text) >= TITLED


def _asks(line: Line) -> bool:
    return line.text.rstrip("\"'”’)").endswith(("?", "!"))


class _Context:
    """What the features of every candidate are read against: the body's start, the zones, the lead, the list items."""

    def __init__(self, lines: Sequence[Line], captions: frozenset[int], hints: Hints, indexes: Sequence[int]) -> None:
        self.lines, self.captions, self.hints = lines, captions, hints
        self.body_start = _first_body_run(lines)
        self.listed = read_zones(lines, -1, ends=False)
        self.items = items(lines, captions)
        self.paragraphs = [i for i, line in enumerate(lines) if is_paragraph(line) and not titled_sentence(line)]
        self.leads = [i for i in indexes if _leads_into_body(lines, i, self.body_start, captions)]
        self.indexes = indexes
        self.seen = Counter(casefolded(line.text) for line in lines)

    def features(self, index: int) -> dict[str, float]:
        lines, line = self.lines, self.lines[index]
        found: dict[str, float] = {}
        text = line.text
        found["markup"] = self.hints.agrees(text)
        found["slug"] = self.hints.slug_agrees(text)
        found["h1"] = self.hints.is_h1(text)
        share = lead_share(text, [lines[i].text for i in self.paragraphs if i > index][:LEAD_PARAGRAPHS])
        found["off_topic"] = share is not None and share < OFF_TOPIC
        found.update(_position(lines, index))
        found["leads_into_body"] = index in self.leads
        found["after_body"] = index > self.body_start
        found["titles_below"] = max(0, _titles_below(lines, index, self.listed, self.captions | self.items) - 1)
        count = line.word_count
        found["good_length"] = 4 <= count <= 20
        found["fair_length"] = count == 3 or 20 < count <= 30
        found["too_long"] = count > 30
        found["all_caps"] = is_upper(text)
        # A name set in capitals that the page prints again (in its menu, its footer): a newsletter's or a section's, not a story's.
        found["repeated_name"] = found["all_caps"] and self.seen[casefolded(text)] > 1
        # A name is in Title Case too ("The Harbour Ledger"): only a line longer than most names shows a house style.
        found["title_case"] = count > NAME_WORDS and not found["all_caps"] and title_case_ratio(text) >= TITLED
        found["full_stop"] = text.rstrip("\"'”’)").endswith(".")
        found["opens_quote"] = text[:1] in _QUOTES
        # A headline's words come back in its story; a column's or section's label in capitals ("FROM THE EDITOR'S DESK")
        # over a headline does not, and the line under it is the headline, not a dek.
        found["caps_over_dek"] = caps_over_dek(lines, index) and share is not None and share >= OFF_TOPIC
        found["collection"] = names_collection(line)
        found["account"] = names_account(lines, index)
        found["issuer"] = names_issuer(lines, index)
        found["labelled"] = text.endswith(":") or is_labelled(text) or found["issuer"] and label_value(text) is not None
        found["listed"] = self.listed[index] is Zone.LISTED
        found["tagline"] = _is_tagline(lines, index, self.indexes, self.leads) or _is_masthead(lines, index, self.leads)
        found["itemised"] = index in self.items
        return {name: float(amount) for name, amount in found.items() if amount}


def _position(lines: Sequence[Line], index: int) -> dict[str, bool]:
    """Where the line sits against the byline, dateline and standfirst around it."""
    line = lines[index]
    after = following(lines, index, 2, IN_HEADER)
    found = {"meta_below": bool(after) and is_header_meta(after[0])}
    if not found["meta_below"] and len(after) == 2 and is_header_meta(after[1]):
        # Between them a standfirst (prose, or longer than a headline) makes this the headline; a shorter
        # title line there is the headline itself, and this line an alt text, a tagline or a kicker.
        between = after[0]
        standfirst = is_text(between) and (between.shape is Shape.PROSE or _standfirst_long(between, line.word_count))
        found["standfirst_then_meta" if standfirst else "title_then_meta"] = True
    found["prose_below"] = bool(after) and is_text(after[0]) and (after[0].shape is Shape.PROSE or after[0].word_count >= 8)
    found["meta_above"] = any(is_header_meta(other) for other in lines[max(0, index - 2) : index])
    first = after[0] if after else None
    found["echoes_below"] = (
        first is not None and is_text(first) and len(first.text) < len(line.text) and first.text.casefold() in line.text.casefold()
    )
    return found


def _is_masthead(lines: Sequence[Line], index: int, leads: Sequence[int]) -> bool:
    """The paper's name as the page's first words ("The Riverbend Times"), with only its dateline, byline or menus between
    it and a longer line that leads into the body: that line is the headline."""
    first = next((i for i, line in enumerate(lines) if is_text(line) and any(c.isalpha() for c in line.text)), None)
    if index != first or lines[index].word_count > 4:
        return False
    for other in leads:
        between = range(index + 1, other)
        if other > index and lines[other].word_count > lines[index].word_count and all(not is_text(lines[i]) for i in between):
            # A dateline or byline, or a menu (the site's sections), between the page's first words and the headline.
            return any(lines[i].is_meta or lines[i].kind(Kind.MENU) for i in between)
    return False


def _first_body_run(lines: Sequence[Line]) -> int:
    """Where the body has surely begun: two article-length paragraphs in a row (junk between allowed), else the first statement."""
    substantial = [i for i, line in enumerate(lines) if is_paragraph(line) and line.word_count >= SUBSTANTIAL]
    for i in substantial:
        after = following(lines, i, 1)
        if after and is_paragraph(after[0]) and after[0].word_count >= SUBSTANTIAL:
            return i
    # A question may be a headline, and so may a short sentence in Title Case; a sentence ending in a full stop is not.
    statements = [i for i, line in enumerate(lines) if is_paragraph(line) and not _asks(line) and not titled_sentence(line)]
    return min(substantial[:1] + statements[:1], default=len(lines))


def _between(lines: Sequence[Line], index: int, end: int, captions: frozenset[int]) -> list[int]:
    """The lines of words between ``index`` and ``end``: not boilerplate, bylines, datelines, captions or labelled fields."""
    return [
        i for i in range(index + 1, end)
        if i not in captions and is_text(lines[i]) and lines[i].shape is not Shape.SHORT and not is_labelled(lines[i].text)
        and not (lines[i].shape is Shape.TITLE and lines[i].text.endswith(":"))  # "CARLA MENDES, ANCHOR:" introduces the text
    ]


def _standfirst_long(line: Line, headline_words: int) -> bool:
    """Whether a title line under a headline of ``headline_words`` is long enough to be its standfirst: a clause nearly as
    long as the headline. A shorter line there is the headline itself, and the line above it an alt text or a kicker."""
    return line.word_count >= max(STANDFIRST_WORDS, headline_words * 3 // 4)


def _leads_into_body(lines: Sequence[Line], index: int, body_start: int, captions: frozenset[int]) -> bool:
    """Whether only a byline, dateline, boilerplate and at most one standfirst (a sentence, or longer) come between ``index`` and the body."""
    if index >= body_start:
        return False
    # The header ends at the byline or dateline: what comes after it (the lead picture's caption) is not between.
    header_end = next((i for i in range(index + 1, body_start) if is_header_meta(lines[i])), body_start)
    between = _between(lines, index, header_end, captions)
    if not between:
        return True
    only = lines[between[0]]
    return len(between) == 1 and (only.shape is Shape.PROSE or _standfirst_long(only, lines[index].word_count))


def _is_tagline(lines: Sequence[Line], index: int, candidates: Sequence[int], leads: Sequence[int]) -> bool:
    """The motto under the masthead ("Your Trusted Source for the Quad Cities"), when a line lower down leads into the body.

    The first words of a page are often the outlet's name; the line right under them is its tagline, or a headline under a kicker.
    Only when another headline candidate below leads into the article is it a tagline.
    """
    text = [i for i, line in enumerate(lines[:index]) if is_text(line) and line.shape is not Shape.SHORT or is_upper(line.text)]
    if len(text) != 1 or text[0] != index - 1 or lines[text[0]].word_count > 5 or lines[text[0]].shape is Shape.PROSE:
        return False
    if any(line.is_meta for line in lines[: text[0]]):
        return False  # the masthead is the page's first words; a line under a dateline is a kicker, and the one under it the headline
    # A motto is a few words; a longer line under the masthead is the headline, over its standfirst.
    return lines[index].word_count <= MOTTO_WORDS and any(other > index for other in candidates if other in leads)


def _titles_below(lines: Sequence[Line], index: int, listed: Sequence[Zone], captions: frozenset[int]) -> int:
    """Title-like lines between ``index`` and the first paragraph below it (not counting lists, their items and captions).

    Between a headline and its text there is at most a standfirst; more of them mean a line higher up the page.
    """
    count = 0
    for i in range(index + 1, len(lines)):
        if is_paragraph(lines[i]):
            break
        if i not in captions and listed[i] is not Zone.LISTED and headline_shaped(lines[i]) and lines[i].shape is Shape.TITLE:
            count += 1
    return count
