"""A table of contents: a bulletin's list of its items above them, each entry printed again over its item.

An e-mail bulletin or a digest opens with the titles of its items ("IN TODAY'S
ISSUE", then one title a line) and prints each title again over its item. The
entries are never the headline: the story's headline is its copy lower down. And
the next entry's copy ends the story: what follows it is another item. Contents
under a headline that is none of their entries are a report's own sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lines import Line, Shape
from .text import casefolded, key
from .zones import is_text

_MARK = re.compile(r"^(?:[-–—•*▪►>]|\d{1,2}[.)])\s+")  # an entry's bullet or number: "• …", "2. …"


def _folded(line: Line) -> str:
    return casefolded(_MARK.sub("", key(line.text)))


def entries(lines: Sequence[Line]) -> frozenset[int]:
    """Lines of a table of contents: two or more title lines in a row, each printed again lower down the page."""
    def repeated(i: int) -> bool:
        line = lines[i]
        if not (is_text(line) and line.shape is Shape.TITLE and line.word_count >= 2):
            return False
        return any(_folded(other) == _folded(line) for other in lines[i + 1 :])

    found: set[int] = set()
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and repeated(i):
            run.append(i)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return frozenset(found)


def next_item(lines: Sequence[Line], listed: frozenset[int], headline: int) -> int | None:
    """Where the item after the one under ``headline`` begins: the first later copy of another entry of the contents."""
    titles = {_folded(lines[i]) for i in listed}
    if _folded(lines[headline]) not in titles and headline < min(listed):
        return None  # a headline over contents it is not in: a report's own sections, which all belong to its text
    others = titles - {_folded(lines[headline])}
    return next((i for i in range(headline + 1, len(lines)) if i not in listed and _folded(lines[i]) in others), None)
