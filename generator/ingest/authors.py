"""Who wrote the article, and the lines about them that are not the article: the author's card and biography."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .boilerplate import Kind
from .layout import Layout
from .lines import Line
from .meta import is_person

_HONORIFIC = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Prof)\.? (?P<surname>\S+)$")
BIO_WORDS = 45
_BIO = re.compile(r"^(?P<name>.+?) (?:is|was|covers|writes|reports|has been)\b")


def byline(lines: Sequence[Line], ordered: Sequence[int], found: Layout, header: int) -> str | None:
    """A byline above the body; else a sign-off such as "Reporting by"."""
    top = [i for i in ordered if i < header and i != found.headline]
    labelled = next((b for i in top if (b := lines[i].byline) and not lines[i].kind(Kind.FOOTER)), None)
    return labelled or next((b for i in ordered if (b := lines[i].byline)), None)


def before_author_card(lines: Sequence[Line], found: Layout, byline: str | None) -> list[str]:
    """The body up to the author's card: the byline's name on a line of its own again, after the article has begun."""
    body = list(found.body)
    if byline and body:
        card = next((i for i in range(body[0] + 1, len(lines)) if lines[i].text.strip(" .") == byline), None)
        body = [i for i in body if card is None or i < card]
    return [lines[i].text for i in body]


def without_bio(paragraphs: list[str], byline: str | None) -> list[str]:
    """The body without the author's biography, closing it or right under the byline ("Ms. Doe is a former negotiator."),
    or closing it about someone the article never named ("Jane Doe is a senior analyst covering …": an unsigned piece's
    author)."""
    if paragraphs and _stranger_bio(paragraphs[-1], paragraphs[:-1]):
        paragraphs = paragraphs[:-1]
    if not byline or not paragraphs:
        return paragraphs
    authors = {name.strip() for name in re.split(r",| and ", byline)}
    surnames = {name.split()[-1] for name in authors if name.split()}

    def is_bio(paragraph: str) -> bool:
        match = _BIO.match(paragraph)
        if match is None:
            return False
        name = match.group("name")
        titled = _HONORIFIC.match(name)
        return name in authors or (titled is not None and titled.group("surname") in surnames and len(paragraph.split()) <= 40)

    if len(paragraphs) > 1 and is_bio(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs[:-1] if is_bio(paragraphs[-1]) else paragraphs


_JOB_BIO = re.compile(r"^(?P<name>(?:[A-Z][\w'’-]+ ){1,3}[A-Z][\w'’-]+) is (?:a|an|the) (?:[\w-]+ ){0,3}"
                      r"(?:analyst|editor|reporter|correspondent|writer|columnist|fellow|researcher|economist|director|partner|lawyer"
                      r"|manager|professor|consultant|engineer|executive|officer|founder|chair|president)\b")


def _stranger_bio(paragraph: str, before: Sequence[str]) -> bool:
    """A short last paragraph giving a person's job whose surname the article never used: its author's biography."""
    match = _JOB_BIO.match(paragraph)
    if match is None or len(paragraph.split()) > BIO_WORDS or not is_person(match.group("name")):
        return False
    surname = match.group("name").split()[-1]
    return not any(re.search(rf"\b{re.escape(surname)}\b", text) for text in before)
