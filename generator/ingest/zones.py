"""Which part of a page each line is in: above the headline, the article, a list of other articles, or after the end.

After the headline the page is read as a sequence of *zones*: the article; a list
of other articles under a heading such as "Related articles", which lasts until
prose of the article's kind comes back; and the end (comments, "About the
company"), after which nothing is the article. The helpers here are shared by
the headline's choice and the layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from .boilerplate import Kind
from .lines import Line, Shape

JUNK = (Kind.CHROME, Kind.MENU, Kind.ADVERT, Kind.PROMO, Kind.VIDEO, Kind.COOKIE, Kind.CREDIT, Kind.CAPTION)
# Under a headline, buttons and pictures may come between it and its byline; a menu may not.
IN_HEADER = tuple(kind for kind in JUNK if kind is not Kind.MENU)
SUBSTANTIAL = 12  # words: prose this long is an article paragraph, not a teaser or a caption
LONG = 40  # words: prose this long ends a related-articles list on its own


class Zone(str, Enum):
    """Which part of the page a line is in."""

    BEFORE = "before"  # above the headline
    ARTICLE = "article"
    LISTED = "listed"  # under "Related articles" and the like
    ENDED = "ended"  # comments, footers and company boilerplate after the article


def is_text(line: Line) -> bool:
    """Neither boilerplate nor a dateline, byline or address: words that may be the article's."""
    return line.label is None and not line.is_meta


def is_paragraph(line: Line) -> bool:
    """Prose that is not boilerplate and not a dateline or byline."""
    return line.shape is Shape.PROSE and is_text(line)


def following(lines: Sequence[Line], index: int, count: int, skip: tuple[Kind, ...] = JUNK) -> list[Line]:
    """Up to ``count`` lines after ``index``, skipping boilerplate of the ``skip`` kinds."""
    found: list[Line] = []
    for line in lines[index + 1 :]:
        if line.kind(*skip):
            continue
        found.append(line)
        if len(found) == count:
            break
    return found


def is_header_meta(line: Line) -> bool:
    """A byline or dateline of the kind printed under a headline (not a sign-off such as "Reporting by")."""
    return line.label is None and bool(line.dateline or line.byline)


def resumes(lines: Sequence[Line], index: int) -> bool:
    """Whether prose at ``index`` is the article coming back after a list: long, or followed by more article prose."""
    line = lines[index]
    if not is_paragraph(line) or line.word_count < SUBSTANTIAL:
        return False
    after = following(lines, index, 1)
    return line.word_count >= LONG or (bool(after) and is_paragraph(after[0]) and after[0].word_count >= SUBSTANTIAL)


def read_zones(lines: Sequence[Line], headline: int, ends: bool = True, ignore: frozenset[int | None] = frozenset()) -> list[Zone]:
    """Each line's zone; a heading that ends the article counts only once a paragraph (not in ``ignore``) has been seen."""
    zones = [Zone.BEFORE] * (headline + 1)
    state = Zone.ARTICLE
    body_seen = False
    for index in range(headline + 1, len(lines)):
        line = lines[index]
        if state is Zone.LISTED and resumes(lines, index):
            state = Zone.ARTICLE
        if state is not Zone.ENDED:
            if ends and body_seen and line.kind(Kind.END):
                state = Zone.ENDED  # an END heading above the article (a menu's "Contact") ends nothing
            elif line.kind(Kind.LIST):
                state = Zone.LISTED
        zones.append(state)
        # A standfirst or caption does not prove the article has begun: a comments link may sit under them.
        body_seen = body_seen or (state is Zone.ARTICLE and is_paragraph(line) and index not in ignore)
    return zones
