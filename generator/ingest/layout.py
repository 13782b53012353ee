"""Where the article is on a page: headline, standfirst, body, and the captions and boxes that are not it.

The headline is chosen in :mod:`.headline`, the zones in :mod:`.zones`; this
module puts them together and finds the standfirst under the headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import contents, meta
from . import headline as headlines
from .boilerplate import Kind
from .credits import AGENCIES
from .dateclues import prefix_date
from .evidence import NONE, Hints
from .fields import field_box, header_box, is_labelled, summary_field
from .lines import Line, Shape
from .standing import names_issuer
from .text import is_upper
from .zones import JUNK, Zone, is_paragraph, is_text, read_zones

CAPTION_WORDS = 25
_BULLET = re.compile(r"^[-–•*▪]\s+\S")
_TOPIC = re.compile(r"^[A-Z][^\s:]*(?: [^\s:]+){0,3}:\s+[A-Z]")  # a brief under its topic: "Ferries: The night crossing returns …"
_CAPTION_LABEL = re.compile(r"(?i)^(?:image|media|video|photo|picture)?\s*caption\s*[,:]?$")
# "Photo: The minister speaks in Osaka on June 29." names what a picture shows: a caption, never the standfirst.
_AGENCY = re.compile(rf"(?i){AGENCIES}|ap|associated press|dpa|ani|pti|ians|anadolu|kyodo|yonhap|efe|ansa|app")
_AGENCY_SEPARATORS = re.compile(r"\s*[|/,&]\s*|\s+and\s+")
_SIGN_OFF = re.compile(r"^[–—-]{1,2}\s*(?P<name>[^,–—-]{3,40})(?:,\s*[^,]{2,60})?$")
_CAPTION_PREFIX = re.compile(r"(?i)^(?:top |lead |file )?(?:photo|image|picture|video|illustration)s?\s*[:|]\s*\S")


@dataclass(frozen=True, slots=True)
class Layout:
    """Indexes into the page's lines: headline, standfirst, body paragraphs, captions, and each line's zone."""

    headline: int | None
    standfirst: int | None
    body: tuple[int, ...]
    captions: frozenset[int]
    zones: tuple[Zone, ...]


def layout(lines: Sequence[Line], hints: Hints = NONE) -> Layout:
    """Find the headline (weighing what the page's markup and address say: ``hints``), zones, standfirst and body of a described page."""
    captions = _captions(lines)
    headline = headlines.find(lines, captions, hints)
    header = header_box(lines)
    boxed = field_box(lines) | header
    labelled = summary_field(lines, header)
    standfirst = labelled if labelled is not None else _standfirst(lines, headline, captions | boxed, boxed)
    zones = read_zones(lines, -1 if headline is None else headline, ignore=captions | {standfirst})
    start = 0 if headline is None else headline + 1
    body = tuple(
        i for i in range(start, len(lines))
        if zones[i] is Zone.ARTICLE and i != standfirst and i not in captions and i not in boxed and is_paragraph(lines[i])
    )
    listed = contents.entries(lines)
    end = None if headline is None or not listed else contents.next_item(lines, listed, headline)
    body = tuple(i for i in body if end is None or i < end)
    return Layout(headline, standfirst, _after_box(lines, _before_briefs(lines, body)), captions, tuple(zones))


def _before_briefs(lines: Sequence[Line], body: tuple[int, ...]) -> tuple[int, ...]:
    """The body up to a section of briefs after it: a heading in capitals ("QUICK HITS") over nothing but bullet points or
    "Topic: one sentence" items.

    A newsletter puts its short items after the main story; an article's own list of points sits under a heading and
    has its text go on after it, or comes before the body has had two paragraphs.
    """
    headings = [i for i in range(len(lines)) if _is_section_heading(lines[i])]
    for index in headings:
        before = [i for i in body if i < index]
        after = [i for i in body if i > index]
        # briefs are bullets, or two or more "Topic: one sentence" items, or one paragraph under each of two or more headings
        briefs = all(_BULLET.match(lines[i].text) for i in after) or len(after) >= 2 and all(_TOPIC.match(lines[i].text) for i in after)
        if len(before) >= 2 and after and (briefs or _one_under_each([h for h in headings if h >= index], after) or _signed_off(lines, index)):
            return tuple(before)
    return body


def _signed_off(lines: Sequence[Line], heading: int) -> bool:
    """Whether the line over a heading in capitals signs the piece off ("– Carol Brandt, General Manager"): the writer's
    name after a dash ends a letter or a column, and what the heading opens is another item of the mailing."""
    match = _SIGN_OFF.match(lines[heading - 1].text) if heading else None
    return match is not None and meta.is_person(match.group("name").strip())


def _is_section_heading(line: Line) -> bool:
    # "ALSO TODAY" reads as a date too: the shape, not the dateline, decides; "MENDES:" introduces a speaker, not a section
    return line.label is None and is_upper(line.text) and line.word_count <= 4 and line.shape is not Shape.PROSE and not line.text.endswith(":")


def _one_under_each(headings: Sequence[int], after: Sequence[int]) -> bool:
    """Whether each of two or more headings has exactly one paragraph under it, and no paragraph goes without one: a
    digest's items ("JOB BOARD" over one sentence, "QUICK LINKS" over another), where an article's sections run longer."""
    headings = [h for h in headings if h < after[-1]]  # a heading in capitals below the last paragraph heads no item
    if len(headings) < 2:
        return False
    ends = [*headings[1:], after[-1] + 1]
    return all(sum(1 for i in after if start < i < end) == 1 for start, end in zip(headings, ends, strict=True))


def _after_box(lines: Sequence[Line], body: tuple[int, ...]) -> tuple[int, ...]:
    """The body without a box of points that opens it: bullets under a short heading ("Key findings"), then the text."""
    run = 0
    while run < len(body) and _BULLET.match(lines[body[run]].text):
        run += 1
    if run < 2 or run == len(body):
        return body
    heading = next((lines[i] for i in range(body[0] - 1, -1, -1) if lines[i].text.strip()), None)
    boxed = heading is not None and heading.shape is not Shape.PROSE and heading.word_count <= 4 and not heading.is_meta
    return body[run:] if boxed else body


def _captions(lines: Sequence[Line]) -> frozenset[int]:
    """Captions: lines labelled so, and the alt text or caption right above an image credit."""
    found = {i for i, line in enumerate(lines) if line.kind(Kind.CAPTION) or _CAPTION_PREFIX.match(line.text) and not line.is_meta}
    # "Image caption," on a line of its own labels the line after it.
    found |= {i + 1 for i, line in enumerate(lines[:-1]) if _CAPTION_LABEL.match(line.text) and is_text(lines[i + 1])}
    for i in range(1, len(lines)):
        above, line = lines[i - 1], lines[i]
        if not line.kind(Kind.CREDIT) or line.unit.blank_before or above.label is not None or above.is_meta:
            continue
        if _wire_byline(lines, i):
            continue
        lone = above.unit.blank_before or i < 2 or lines[i - 2].shape is not Shape.PROSE
        if above.shape is Shape.TITLE or (above.shape is Shape.PROSE and above.word_count <= CAPTION_WORDS and lone):
            found.add(i - 1)
    return frozenset(found)


def _wire_byline(lines: Sequence[Line], index: int) -> bool:
    """Agencies' names alone ("AFP | Reuters") right over a dateline: the wire story's byline, not a picture's credit."""
    names = [part.strip() for part in _AGENCY_SEPARATORS.split(lines[index].text)]
    after = lines[index + 1] if index + 1 < len(lines) else None
    return after is not None and after.dateline is not None and all(_AGENCY.fullmatch(name) for name in names if name)


def _standfirst(lines: Sequence[Line], headline: int | None, captions: frozenset[int], boxed: frozenset[int] = frozenset()) -> int | None:
    """The summary under the headline: unpunctuated and long, or prose with the byline or dateline below it, or prose
    right under the headline with a box of fields below it ("Related issuers: …", "Pages: 3") before the body."""
    if headline is None:
        return None
    for index in range(headline + 1, len(lines)):
        line = lines[index]
        if line.kind(Kind.LIST, Kind.END):
            return None
        if line.is_meta or line.label is not None or index in captions or line.shape is Shape.SHORT:
            continue
        if is_labelled(line.text) or names_issuer(lines, index) or not line.text[:1].isupper() and line.text[:1].isalpha():
            continue  # "Analysts: …" is a field, "Issued by: …" the issuer; "and last updated …" goes on the line above
        if line.shape is Shape.TITLE:
            if line.word_count >= 6:
                return None if _is_bullet_run(lines, index, captions) else index
            continue
        boxed_below = index == headline + 1 and index + 1 in boxed
        return index if boxed_below or _meta_follows(lines, index) or _dateline_opens_next(lines, index) else None
    return None


def _dateline_opens_next(lines: Sequence[Line], index: int) -> bool:
    """Whether the next paragraph opens with its dateline ("May 19, 2022 – Ottawa –", "LAGOS, May 3, 2021 —"): that one is
    the lead, as a release prints it, and the prose above it is the release's summary."""
    following = next((line for line in lines[index + 1 :] if is_paragraph(line)), None)
    return following is not None and prefix_date(following.text) is not None


def _is_bullet_run(lines: Sequence[Line], index: int, captions: frozenset[int]) -> bool:
    """Whether ``index`` starts three or more points in a row under a headline (a tabloid's bullets): a list, not one summary."""
    points = [i for i in range(index, len(lines)) if not lines[i].kind(*JUNK) and i not in captions][:3]
    return len(points) == 3 and all(is_text(lines[i]) and lines[i].shape is Shape.TITLE and lines[i].word_count >= 5 for i in points)


def _meta_follows(lines: Sequence[Line], index: int) -> bool:
    """Whether a byline or dateline comes after ``index`` before the next prose."""
    for line in lines[index + 1 :]:
        if line.kind(Kind.LIST, Kind.END) or (line.shape is Shape.PROSE and line.label is None and not line.is_meta):
            return False
        if line.label is None and (line.dateline or line.byline):
            return True
    return False
