"""What each unit of a page is on its own: its shape and whatever facts it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from . import meta
from .boilerplate import Kind, Label, classify, is_sponsor_label
from .bylines import desk, unlabelled
from .dates import Dateline, read_dateline
from .text import Unit, ends_sentence, is_upper, title_case_ratio, units, words

_UPDATED_LABEL = re.compile(r"(?i)^(?:last )?(?:updated|modified|edited|revised)\s*:?$")
PROSE_WORDS = 3  # "He declined to comment." is a paragraph; "Read more." is not
LONG_PROSE_WORDS = 25  # an unpunctuated line this long, in lower case, is still prose


class Shape(str, Enum):
    """The shape of a line, judged from its length, punctuation and capitals."""

    PROSE = "prose"  # a sentence or more: ends like a sentence
    TITLE = "title"  # a headline, standfirst without a full stop, list item or label
    SHORT = "short"  # one or two words, numbers, symbols


@dataclass(frozen=True, slots=True)
class Line:
    """One unit with everything that can be said about it without looking at its neighbours."""

    unit: Unit
    shape: Shape
    label: Label | None
    dateline: Dateline | None
    byline: str | None
    url: str | None
    word_count: int

    @property
    def text(self) -> str:
        """The unit's text."""
        return self.unit.text

    @property
    def is_meta(self) -> bool:
        """A dateline, byline or address line: facts about the article, never its text."""
        return self.dateline is not None or self.byline is not None or self.url is not None

    def kind(self, *kinds: Kind) -> bool:
        """Whether the line is boilerplate of one of ``kinds`` (of any kind when none are given)."""
        return self.label is not None and (not kinds or self.label.kind in kinds)


def shape_of(text: str) -> Shape:
    """Prose, title or short, by word count, final punctuation and capitals."""
    count = len(words(text))
    if count < 2 or not any(c.isalpha() for c in text):
        return Shape.SHORT
    if count >= PROSE_WORDS and not is_upper(text) and any(c.islower() for c in text):
        if ends_sentence(text) or text.endswith(":"):  # "Under the new rules:" introduces what follows
            return Shape.PROSE
        if count >= LONG_PROSE_WORDS and title_case_ratio(text) < 0.5:
            return Shape.PROSE
    return Shape.TITLE


def _menu(unit: Unit) -> Label | None:
    """A line laid out in three or more short columns, none a sentence: a menu copied from a page's header."""
    cells = unit.cells
    if len(cells) >= 3 and all(len(words(cell)) <= 3 and not ends_sentence(cell) for cell in cells):
        return Label(Kind.MENU)
    return None


def describe(unit: Unit) -> Line:
    """Classify one unit: boilerplate label, dateline, byline, address, shape."""
    text = unit.text
    url = meta.url_of(text)
    label = None if url else classify(text) or _menu(unit)
    dateline = byline = None
    if url is None and (label is None or label.kind in (Kind.FOOTER, Kind.CHROME, Kind.MENU)):
        dateline = read_dateline(text) or _dated_cell(text)
        byline = meta.byline(text)
        if byline is None and dateline is not None and dateline.rest:
            byline = meta.byline(dateline.rest) or meta.names(dateline.rest)
        if label is not None and label.kind in (Kind.CHROME, Kind.MENU) and (dateline or byline):
            label = None  # "By Jane Doe | Tech | 16 May 2019" has a menu's shape but is a dateline
    return Line(unit, shape_of(text), label, dateline, byline, url, len(words(text)))


def _dated_cell(text: str) -> Dateline | None:
    """The date in a bar of links ("Monday, October 8, 2012 | Today's Paper | Subscribe"): one part that is a date alone."""
    for cell in re.split(r"\s+[|•·]\s+", text)[:4] if " | " in text or " • " in text or " · " in text else ():
        found = read_dateline(cell)
        if found is not None and found.published and not found.rest:
            return found
    return None


def describe_all(text: str) -> list[Line]:
    """Every unit of a page, described; a bare name beside a dateline ("Jane Doe" over "16 May 2019") is a byline."""
    lines = [describe(unit) for unit in units(text)]
    for index, line in enumerate(lines[:-1]):
        below = lines[index + 1].dateline
        if below is not None and _UPDATED_LABEL.match(line.text):  # "Updated" on its own line, the date under it
            lines[index + 1] = replace(lines[index + 1], dateline=replace(below, published=None, updated=below.published or below.updated))
    for index, line in enumerate(lines[:-1]):
        if is_sponsor_label(line.text) and lines[index + 1].label is None and not lines[index + 1].is_meta:
            lines[index + 1] = replace(lines[index + 1], label=Label(Kind.ADVERT))
    first = next((i for i, line in enumerate(lines) if line.label is None and not line.is_meta and any(c.isalpha() for c in line.text)), None)
    for index, line in enumerate(lines):
        # The masthead printed again lower down ("The Ledger" under the reporter's name) is the outlet's, never the article's.
        if first is not None and index > first and line.label is None and line.text.casefold() == lines[first].text.casefold():
            lines[index] = replace(line, label=Label(Kind.CHROME))
    for index, line in enumerate(lines):
        if (name := _bare_byline(lines, index)) is not None:
            lines[index] = replace(line, byline=name)
    for index, line in enumerate(lines[1:], start=1):
        # The reporter's job under the byline belongs to the byline: never a headline, never the article.
        # Above a job, a line that is only a name is the byline ("Wen Li" over "Asia technology correspondent").
        if line.label is not None or line.is_meta or not meta.is_job_title(line.text):
            continue
        above = lines[index - 1]
        if not above.byline and above.label is None and not above.is_meta and (name := meta.names_only(above.text)):
            lines[index - 1] = replace(above, byline=name)
        # Under a byline or on its own ("City Hall Reporter", the name left off), a job is nobody's headline or text.
        lines[index] = replace(line, label=Label(Kind.CHROME))
    return lines


def _bare_byline(lines: list[Line], index: int) -> str | None:
    """The names of a line that is a byline without "By", from its shape and its place under the headline.

    Several names, names with their cities or a name with its job under a longer line (the headline or standfirst) are a
    byline; beside a dateline, several names, a name with its job or a desk's name are one too. One bare name must have both a
    dateline beside it ("Jane Doe" over "16 May 2019") and a headline above: without it, a short Title Case headline
    over its dateline ("Huawei Sues Government") would pass.
    """
    line = lines[index]
    if line.label is not None or line.is_meta or line.shape is Shape.PROSE:
        return None
    above = [other for other in lines[max(0, index - 4) : index] if other.label is None and not other.is_meta]
    below = next((other for other in lines[index + 1 : index + 3] if other.label is None), None)  # past the outlet's name
    dated = any(other.dateline for other in [*lines[max(0, index - 1) : index], *([below] if below else [])])
    longer_above = bool(above) and above[-1].shape is not Shape.SHORT and above[-1].word_count > line.word_count
    if (found := unlabelled(line.text)) is not None and (longer_above or dated and found.sure):
        return found.names
    if line.word_count > 8 or not dated:
        return None
    headed = any(other.shape is not Shape.SHORT and other.word_count >= 3 for other in above)
    if not headed and "@" not in line.text:
        return None
    return (desk(line.text) if headed else None) or meta.names_only(line.text)  # "Markets Desk" is no one's name
