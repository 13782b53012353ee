"""A copied web page read into the facts a draft event needs.

:func:`read_page` never raises on any text: a page it cannot make sense of
gives a :class:`Page` with empty fields, and the summary says what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..content.dates import PartialDate
from . import authors, meta, sources
from .boilerplate import Kind
from .dateclues import before, month_day, prefix_date, spelled_out, url_date, weekday_before, without_top_bar
from .evidence import Hints, hints
from .fields import unlabelled
from .layout import Layout, layout
from .lines import Line, describe_all
from .roles import unroled
from .text import key
from .titles import split_title, without_kicker, without_marks
from .zones import Zone

_SUBJECT = re.compile(r"(?i)^subject\s*:\s*(?:(?:fwd?|re)\s*:\s*)*(.{8,})$")
MAX_TITLE_WORDS = 14


@dataclass(frozen=True, slots=True)
class Page:
    """What import found on a page; ``None`` where the page does not say."""

    title: str | None
    date: PartialDate | None
    updated: PartialDate | None
    date_note: str
    source: str | None
    url: str | None
    byline: str | None
    image_credit: str | None
    standfirst: str | None
    paragraphs: tuple[str, ...]
    title_guessed: bool = False

    def texts(self) -> list[str]:
        """Headline, standfirst and body: where entities are looked for."""
        return [text for text in (self.title, self.standfirst, *self.paragraphs) if text]


def read_page(text: str, given: Hints | None = None) -> Page:
    """Read page text (already decoded) into a :class:`Page`; ``given`` is what the page's markup says of its headline."""
    spoken = unroled(text)
    lines = describe_all(spoken.text)
    found = layout(lines, given or _own_hints(lines, spoken.top_headings))
    header = found.body[0] if found.body else len(lines)
    visible = [i for i, zone in enumerate(found.zones) if zone in (Zone.BEFORE, Zone.ARTICLE)]
    usable = [i for i in visible if i not in found.captions]
    # Facts above the body first: the same kind of line lower down is more likely a list's or a footer's.
    ordered = [i for i in usable if i < header] + [i for i in usable if i >= header]
    paragraphs = [lines[i].text for i in found.body]
    url = _url(lines, ordered)
    published, updated, note = _dates(lines, ordered, paragraphs, url, found.headline, header)
    byline = authors.byline(lines, ordered, found, header)
    paragraphs = _without_dangling_intro(authors.without_bio(authors.before_author_card(lines, found, byline), byline))
    title, suffix = _title(lines, found, sources.own_names(lines, found), urlsplit(url).hostname or "" if url else "")
    return Page(
        title=title or _guess_title(paragraphs),
        date=published,
        updated=updated,
        date_note=note,
        source=sources.source(lines, found, suffix, url, paragraphs),
        url=url,
        byline=byline,
        image_credit=next((c for i in visible if (c := _credit(lines[i]))), None),
        standfirst=None if found.standfirst is None else unlabelled(lines[found.standfirst].text),
        paragraphs=tuple(paragraphs),
        title_guessed=title is None and bool(paragraphs),
    )


def without_self_description(page: Page) -> Page:
    """``page`` without a closing line in which the outlet describes itself ("The Gazette is a volunteer-run community site.")."""
    if not page.source or not page.paragraphs:
        return page
    about = re.compile(rf"(?i)^{re.escape(page.source)}\s+(?:is|was|are|has been)\s+(?:a|an|the|published|owned|run|produced)\b")
    last = page.paragraphs[-1]
    if about.match(last) and len(last.split()) <= 40 and len(page.paragraphs) > 1:
        return replace(page, paragraphs=page.paragraphs[:-1])
    return page


def _without_dangling_intro(paragraphs: list[str]) -> list[str]:
    """The body without a last line that introduces what was not kept ("Read the coverage:" over a list of links)."""
    while len(paragraphs) > 1 and paragraphs[-1].rstrip().endswith(":"):
        paragraphs = paragraphs[:-1]
    return paragraphs


def _own_hints(lines: Sequence[Line], top_headings: Sequence[str] = ()) -> Hints:
    """What a text copy says of its headline outside it: an e-mail's subject, the address it prints, a screen reader's
    level-1 heading (the ``<h1>`` it read)."""
    subject = _subject(lines)
    return hints((subject,) if subject else (), top_headings, url=next((u for line in lines if (u := line.url) and meta.is_article_url(u)), None))


def _subject(lines: Sequence[Line]) -> str | None:
    """An e-mail's subject, when the message prints it again as its headline (a newsletter's "Subject:" is its og:title)."""
    for line in lines:
        match = _SUBJECT.match(line.text)
        if match and sum(key(other.text).casefold() == key(match.group(1)).casefold() for other in lines) == 1:
            return match.group(1)
    return None


def _dates(
    lines: Sequence[Line], ordered: Sequence[int], paragraphs: Sequence[str], url: str | None, headline: int | None, body: int
) -> tuple[PartialDate | None, PartialDate | None, str]:
    """Publication and updated dates, and why the publication date is missing when it is.

    Where the page gives its date only relatively ("2 days ago") or without a year ("LONDON, May 16 —"), the day the
    page was printed or saved, the address or the copyright line supply what is missing.
    """
    datelines = [d for i in ordered if (d := lines[i].dateline) is not None]
    dated = [(i, lines[i].text, d.published) for i in ordered if (d := lines[i].dateline) is not None and d.published]
    published = spelled_out(without_top_bar(dated, headline, body))
    updated = next((d.updated for d in datelines if d.updated), None)
    captured = next((d.captured for i, line in enumerate(lines) if (d := line.dateline) and d.captured), None)
    if published is None and paragraphs:
        published = prefix_date(paragraphs[0])
    if published is None and url:
        published = url_date(url)
    ago = next((d.days_ago for d in datelines if d.days_ago is not None), None)
    if published is None and captured is not None and ago is not None:
        published = before(captured, ago)
    reference = captured or updated or (url_date(url) if url else None)
    year = reference.year if reference else _copyright_year(lines)
    if published is None and paragraphs and year:
        published = month_day(paragraphs[0], year)
    if published is None and paragraphs and reference:
        published = weekday_before(paragraphs[0], reference)
    note = ""
    if published is None:
        note = "the page shows only an updated date" if updated else "the page shows only a relative date" if any(d.relative for d in datelines) else ""
    return published, updated, note


def _copyright_year(lines: Sequence[Line]) -> int | None:
    """The one year of a copyright line ("© 2019 The Ledger"); none for a range."""
    for line in lines:
        if line.kind(Kind.FOOTER) and (match := re.search(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d{2})\b(?!\s*[-–])", line.text, re.I)):
            return int(match.group(1))
    return None


def _credit(line: Line) -> str | None:
    if line.label is not None and line.label.kind in (Kind.CREDIT, Kind.CAPTION) and line.label.credit:
        return line.label.credit
    return None


def _url(lines: Sequence[Line], ordered: Sequence[int]) -> str | None:
    """The article's address: one on a line of its own, an article's rather than a home page's."""
    urls = [u for i in ordered if (u := lines[i].url)]
    return next((u for u in urls if meta.is_article_url(u)), None)


def _title(lines: Sequence[Line], found: Layout, names: Sequence[str], host: str) -> tuple[str | None, str | None]:
    """The headline without the outlet's name glued to it ("Headline | Site", "Site - Headline"), and that name if there was one."""
    if found.headline is None:
        return None, None
    text = without_kicker(without_marks(lines[found.headline].text))
    split = split_title(text, names, host)
    if split.site:
        return split.headline, split.site
    for line in lines[: found.headline]:  # a browser title above the headline: "<headline> | Site"
        echo = split_title(line.text, names, host, (text,))
        if echo.site and key(echo.headline).casefold() == key(text).casefold():
            return text, echo.site
    return text, None


def _guess_title(paragraphs: Sequence[str]) -> str | None:
    """A stand-in title when the page has no headline: the start of the first sentence."""
    if not paragraphs:
        return None
    sentence = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0]
    tokens = sentence.split()
    return " ".join(tokens[:MAX_TITLE_WORDS]).rstrip(".,;:") + ("…" if len(tokens) > MAX_TITLE_WORDS else "")


