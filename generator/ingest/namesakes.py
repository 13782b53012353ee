"""The publication's name read off the page's own words, where no label gives it.

A reader app or a reading mode prints its own name at the top and the address of the story it shows (on a line of its
own, or as the only thing left of the site's chrome); the publication is the name the address spells, printed
somewhere on the page ("Pacific Telecom Letter" for pacifictelecomletter.example). A news service signs its wire
dateline in brackets ("(Quorum News) --"), where the copyright line gives its owner's name ("Quorum Data L.P."): readers
cite the service. A department that issues a release prints its name as a label's value ("From: Networks Canada") and
again on a line of its own: the issuer is the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .lines import Line, Shape
from .standing import label_value, names_issuer
from .text import casefolded
from .titles import names_host, significant_words

NAME_WORDS = 5
# A run of capitalised words, "The" allowed in front: "The Harbour Gazette", "Pacific Telecom Letter".
_RUN = re.compile(r"(?:The\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,4}")
_BARE_HOST = re.compile(r"^(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)/?$", re.I)
# A service's name in brackets opening a paragraph, a place in capitals perhaps before it: "(Quorum News) --", "OSLO (Fjord Wire) —".
_SERVICE = re.compile(r"^(?:[A-Z][A-Z .,'-]*\s)?\((?P<name>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){1,3})\)\s*(?:--|—|–|-)\s")


def host_spelled(lines: Sequence[Line], url: str | None) -> str | None:
    """A name printed on the page that the story's address spells whole, "The" kept as printed (``None`` if none does).

    The address is the story's (``url``), else a bare host printed on a line of its own ("harbourgazette.example")."""
    host = (urlsplit(url).hostname or "") if url else next((m.group("host") for line in lines if (m := _BARE_HOST.match(line.text.strip()))), None)
    if not host:
        return None
    # A whole run only: "PRAIRIE WIRELESS" in "PRAIRIE WIRELESS REPORT" is part of a longer name the address shortens. A
    # masthead in capitals is left to the masthead's reading, which writes it as the page does elsewhere.
    runs = (run.group() for line in lines for run in _RUN.finditer(line.text))
    return next((run for run in runs if 1 < len(run.split()) <= NAME_WORDS and not run.isupper() and names_host(run, host)), None)


def news_service(paragraph: str, holder: str | None) -> str | None:
    """The service that signs the paragraph's wire dateline ("(Quorum News) --"), when it shares its first word with the
    copyright holder's name (``holder``): the owner's news arm, the name readers cite."""
    match = _SERVICE.match(paragraph)
    if match is None or not holder:
        return None
    name, owner = significant_words(match.group("name")), significant_words(holder)
    return match.group("name") if name and owner and name[0] == owner[0] and name != owner[: len(name)] else None


def issuer(lines: Sequence[Line], headline: int | None) -> str | None:
    """The name of the department or company a page's header prints on its own and again as a label's value ("From: …")."""
    top = headline if headline is not None else len(lines)
    return next(
        (line.text.strip() for i, line in enumerate(lines[:top])
         if line.shape is not Shape.PROSE and label_value(line.text) is None and names_issuer(lines, i)),
        None,
    )


# The line under a masthead that says what it is and whose: "The blog of the Kingsgrove Chess Club", "The member newsletter of …".
_DESCRIBED = re.compile(
    r"(?i)^(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:blog|newsletter|magazine|journal|bulletin|podcast|newspaper|paper|website|"
    r"review|digest|gazette|quarterly|weekly)\s+(?:of|from|by|for)\s+(?:the\s+)?(?-i:[A-Z])"
)


def described(lines: Sequence[Line], masthead: str | None) -> str | None:
    """The masthead, when the line right under it calls it a blog, a newsletter or a magazine of someone ("The Rebuttal" over
    "The blog of the Kingsgrove High School Debating Club"): the publication is the masthead, and that someone its owner."""
    if not masthead:
        return None
    wanted = casefolded(masthead)
    for index, line in enumerate(lines[:-1]):
        if casefolded(line.text) == wanted:
            return masthead if _DESCRIBED.match(lines[index + 1].text) else None
    return None
