"""Lines that are items of something other than the article: a numbered list, a bulletin's contents, a tabloid's
bullet points under its headline, the fields of a box. None is ever the headline."""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import contents
from .boilerplate import Kind
from .fields import field_box
from .lines import Line, Shape
from .zones import IN_HEADER, is_header_meta, is_text

_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")


def items(lines: Sequence[Line], captions: frozenset[int]) -> frozenset[int]:
    """The items of numbered lists, contents, bullet runs and field boxes on the page (``captions`` are neither)."""
    # The first line of a box may be a headline with a colon ("Huawei: …"); the lines under it are fields.
    fields = frozenset(i for i in field_box(lines) if i - 1 in field_box(lines))
    listed = _numbered(lines) | contents.entries(lines)
    return listed | _bullets(lines, captions | listed) | fields


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
