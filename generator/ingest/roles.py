"""A screen reader's text of a page: its role lines say what the page's structure is.

A screen reader (or an accessibility tree copied as text) speaks each element's role before its words:
"heading level 1 Ottawa bans …", "link News", "list 6 items", "out of list", "navigation landmark Main". The top
heading is the page's headline, as an ``<h1>`` is in markup; a landmark's, a list's start and end lines are the
page's scaffolding, never its words. :func:`unroled` reads those lines off, and leaves every other line as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading's role and level before its words.
_HEADING = re.compile(r"(?i)^heading(?:,)? level (?P<level>[1-6])[,:]?\s+(?P<text>\S.*)$")
# A line that is only structure: a landmark, a list's or a table's start and end, a separator.
_STRUCTURE = re.compile(
    r"(?i)^(?:(?:banner|navigation|main|contentinfo|complementary|search|form|region)\s+landmark\b.*"
    r"|(?:list|table) (?:with )?\d+ (?:items?|rows?)|out of (?:list|table|region|landmark)|separator|end of (?:list|table|region))$"
)
# A line opening with a role the reader speaks first: enough of them, of two kinds or more, mark a screen reader's text.
_ROLE = re.compile(r"(?i)^(?:heading(?:,)? level [1-6]|link\b|button\b|list \d+ items?$|out of list$|\w+ landmark\b)")
MIN_ROLE_LINES = 4  # fewer could be an article's own lines that begin with "link" or "button"


@dataclass(frozen=True, slots=True)
class Unroled:
    """The page's text without its structure lines and heading roles, and its top headings' words."""

    text: str
    top_headings: tuple[str, ...]


def unroled(text: str) -> Unroled:
    """``text`` without a screen reader's structure lines and heading roles, with what its level-1 headings say.

    A page that is not a screen reader's text (too few role lines, or of one kind only) comes back unchanged."""
    raw = text.splitlines()
    roles = [match.group(0).split()[0].casefold() for line in raw if (match := _ROLE.match(line.strip()))]
    if len(roles) < MIN_ROLE_LINES or len(set(roles)) < 2:
        return Unroled(text, ())
    kept: list[str] = []
    top: list[str] = []
    for line in raw:
        stripped = line.strip()
        if _STRUCTURE.match(stripped):
            continue
        heading = _HEADING.match(stripped)
        if heading:
            stripped = heading.group("text").strip()
            if heading.group("level") == "1":
                top.append(stripped)
            kept.append(stripped)
            continue
        kept.append(line)
    return Unroled("\n".join(kept) + ("\n" if text.endswith("\n") else ""), tuple(top))
