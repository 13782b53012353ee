"""The headline: the title-shaped line that best fits what follows a headline.

A byline or dateline close below, then a standfirst or prose, make a headline;
a line far above the text, inside a list, or followed by more title lines does
not. Each line gets a score from that evidence and the best one wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import contents, meta
from .boilerplate import Kind
from .fields import field_box, is_labelled
from .lines import Line, Shape
from .text import is_upper
from .zones import IN_HEADER, SUBSTANTIAL, Zone, following, is_header_meta, is_paragraph, is_text, read_zones

STANDFIRST_WORDS = 8
MOTTO_WORDS = 8  # "Your Trusted Source for the Quad Cities"
# Never a headline: a caption or credit, a link to the next or previous post.
_NOT_HEADLINE = re.compile(
    r"(?i)^(?:photo|image|picture|video|file photo|credit|illustration)s?\b\s*[:|/]|\((?:reuters|ap|afp|getty images|file photo|bloomberg|handout)\)"
    r"|\bgetty images\b|\bfile photo\b|[←→«»‹›]"
    # a market strip ("DJIA 39,056 +0.44%  NASDAQ 16,302 -0.18%"), a weather widget ("42° Plano, TX Cloudy"), a story's ticker symbols
    r"|[+-]\d[\d.,]*%.*[+-]\d[\d.,]*%|[▲▼]|^-?\d{1,3}\s?°|:\s*[A-Z]{1,5}(?:[\s,]+[A-Z]{1,5})+$"
)
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")


def find(lines: Sequence[Line], captions: frozenset[int]) -> int | None:
    """The index of the headline among ``lines`` (``captions`` are never it), or ``None`` when no line has its shape."""
    # The first line of a box may be a headline with a colon ("Huawei: …"); the lines under it are fields.
    fields = frozenset(i for i in field_box(lines) if i - 1 in field_box(lines))
    itemised = _numbered(lines) | contents.entries(lines)
    never = itemised | _bullets(lines, captions | itemised) | fields
    candidates = [i for i, line in enumerate(lines) if i not in captions and i not in never and headline_shaped(line)]
    if not candidates:
        return None
    body_start = _first_body_run(lines)
    listed = read_zones(lines, -1, ends=False)
    leads = [i for i in candidates if _leads_into_body(lines, i, body_start, captions)]
    taglines = {i for i in candidates if _is_tagline(lines, i, candidates, leads) or _is_masthead(lines, i, leads)}
    # Highest score wins; of equals, the first on the page.
    return max(candidates, key=lambda i: (_score(lines, i, body_start, listed, captions) - 3 * (i in taglines), -i))


def _is_masthead(lines: Sequence[Line], index: int, leads: Sequence[int]) -> bool:
    """The paper's name as the page's first words ("The Riverbend Times"), with only its dateline, byline or menus between
    it and a longer line that leads into the body: that line is the headline."""
    first = next((i for i, line in enumerate(lines) if is_text(line) and any(c.isalpha() for c in line.text)), None)
    if index != first or lines[index].word_count > 4:
        return False
    for other in leads:
        between = range(index + 1, other)
        if other > index and lines[other].word_count > lines[index].word_count and all(not is_text(lines[i]) for i in between):
            return any(lines[i].is_meta for i in between)
    return False


def headline_shaped(line: Line) -> bool:
    if line.label is not None or line.is_meta or line.word_count < 3:
        return False
    first = next((c for c in line.text if c.isalnum()), "")
    if not (first.isupper() or first.isdigit()) or _NOT_HEADLINE.search(line.text) or meta.outlet(line.text):
        return False  # a headline starts with a capital; "and last updated 5:48 PM" continues the line above
    return line.shape is Shape.TITLE or (line.shape is Shape.PROSE and line.text.rstrip("\"'”’)").endswith(("?", "!")) and line.word_count <= 25)


def _first_body_run(lines: Sequence[Line]) -> int:
    """Where the body has surely begun: two article-length paragraphs in a row (junk between allowed), else the first statement."""
    substantial = [i for i, line in enumerate(lines) if is_paragraph(line) and line.word_count >= SUBSTANTIAL]
    for i in substantial:
        after = following(lines, i, 1)
        if after and is_paragraph(after[0]) and after[0].word_count >= SUBSTANTIAL:
            return i
    # A question may be a headline; a sentence ending in a full stop is not.
    statements = [i for i, line in enumerate(lines) if is_paragraph(line) and not line.text.rstrip("\"'”’)").endswith(("?", "!"))]
    return min(substantial[:1] + statements[:1], default=len(lines))


def _score(lines: Sequence[Line], index: int, body_start: int, listed: Sequence[Zone], captions: frozenset[int]) -> int:
    """How much a line looks like the headline, from its own shape and what surrounds it."""
    line = lines[index]
    count = line.word_count
    score = 2 if 4 <= count <= 20 else 1 if count <= 30 else -2
    after = following(lines, index, 2, IN_HEADER)
    if after and is_header_meta(after[0]):
        score += 3  # a byline or dateline right below: the strongest sign of a headline
    elif len(after) == 2 and is_header_meta(after[1]):
        # Between them a standfirst (prose, or longer than a headline) makes this the headline; a shorter
        # title line there is the headline itself, and this line an alt text, a tagline or a kicker.
        between = after[0]
        standfirst = is_text(between) and (between.shape is Shape.PROSE or _standfirst_long(between, count))
        score += 3 if standfirst else 1
    if after and is_text(after[0]) and (after[0].shape is Shape.PROSE or after[0].word_count >= 8):
        score += 1  # prose or a standfirst right under it
    if any(is_header_meta(other) for other in lines[max(0, index - 2) : index]):
        score += 1
    if is_upper(line.text):
        score -= 1
    if line.text.endswith(":") or is_labelled(line.text):
        score -= 3
    if _leads_into_body(lines, index, body_start, captions):
        score += 2  # the article starts right under it (a byline, dateline or standfirst may come between)
    if listed[index] is Zone.LISTED:
        score -= 3
    if after and is_text(after[0]) and len(after[0].text) < len(line.text) and after[0].text.casefold() in line.text.casefold():
        score -= 3  # a browser title ("Outlet - Headline") over the headline it repeats
    if index > body_start:
        score -= 3
    return score - max(0, _titles_below(lines, index, listed, captions) - 1)


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
    """Title-like lines between ``index`` and the first paragraph below it (not counting lists and captions).

    Between a headline and its text there is at most a standfirst; more of them mean a line higher up the page.
    """
    count = 0
    for i in range(index + 1, len(lines)):
        if is_paragraph(lines[i]):
            break
        if i not in captions and listed[i] is not Zone.LISTED and headline_shaped(lines[i]) and lines[i].shape is Shape.TITLE:
            count += 1
    return count


def _under_list_heading(lines: Sequence[Line], index: int) -> bool:
    """Whether the nearest line above ``index`` that is not a button is a list's heading ("Related articles", "More on this")."""
    above = next((line for line in reversed(lines[:index]) if not line.kind(*IN_HEADER) or line.kind(Kind.LIST)), None)
    return above is not None and above.kind(Kind.LIST)


def _numbered(lines: Sequence[Line]) -> frozenset[int]:
    """Items of a numbered list ("1. …", "2. …", "3) …"): a table of contents or a list of other stories, never the headline."""
    numbers = [int(m.group(1)) if (m := _NUMBERED.match(line.text)) else None for line in lines]
    found: set[int] = set()
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and (now := numbers[i]) is not None and (last := numbers[i - 1]) is not None and now == last + 1:
            continue
        if i - start >= 2 and numbers[start] is not None:
            found.update(range(start, i))
        start = i
    return frozenset(found)


def _bullets(lines: Sequence[Line], apart: frozenset[int]) -> frozenset[int]:
    """A tabloid's points under its headline: three or more title lines of five words and more between the headline and
    the byline or dateline. Four such lines in a row are a headline and its points; with only three, the first may
    be an alt text, and the lines are left to the scores. Captions and the items of a list or contents (``apart``)
    are neither."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not is_header_meta(line):
            continue
        run = []
        for i in range(index - 1, -1, -1):
            if lines[i].kind(*IN_HEADER):  # buttons may come between the points; a menu ends them
                continue
            if not (is_text(lines[i]) and lines[i].shape is Shape.TITLE and lines[i].word_count >= 5 and i not in apart):
                break
            run.append(i)
        if run and _under_list_heading(lines, run[-1]):
            found.update(run[1:])  # a list of other stories ("Related articles") over the headline: the line nearest the byline is it
        elif len(run) >= 4:
            found.update(run[:-1])  # all but the first line on the page, the headline
    return frozenset(found)
