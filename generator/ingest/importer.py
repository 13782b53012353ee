"""One page to one draft, and the one-line summary of what was found and what is missing.

Pure functions: :mod:`.cli` does the reading, writing and printing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.dates import PartialDate
from ..content.schema import Source
from . import extract
from .entities import Matcher
from .html import looks_like_html, read_html
from .page import Page, read_page, without_self_description
from .pdf import reflow
from .structured import hints, merge
from .writer import Draft


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says instead of the page: ``--date``, ``--source``, ``--url``."""

    date: PartialDate | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Imported:
    """A page as read, and the draft made from it."""

    page: Page
    draft: Draft | None


def import_text(text: str, matcher: Matcher, overrides: Overrides = Overrides()) -> Imported:
    """Read page text and make its draft; ``draft`` is ``None`` when the page has neither headline nor text."""
    page = without_self_description(read_page(reflow(text)))
    if page.title is None:
        return Imported(page, None)
    return Imported(page, make_draft(page, matcher.find(page.texts()), overrides))


def import_html(markup: str, matcher: Matcher, overrides: Overrides = Overrides(), base: str | None = None) -> Imported:
    """Read an HTML page (fetched from ``base``, if it was) and make its draft: markup metadata first, then the text."""
    found = read_html(markup)
    lines = found.text.splitlines()
    page = merge(read_page(found.text, hints(found.meta, lines, base)), found.meta, lines, base)
    page = without_self_description(replace(page, paragraphs=extract.kept(page.paragraphs, extract.main_text(markup))))
    if page.date is None and (guessed := extract.page_date(markup)) is not None:
        page = replace(page, date=guessed, date_note="")
    if page.title is None:
        return Imported(page, None)
    return Imported(page, make_draft(page, matcher.find(page.texts()), overrides))


def import_any(text: str, matcher: Matcher, overrides: Overrides = Overrides(), base: str | None = None) -> Imported:
    """HTML when the text is markup, else a page copied as text."""
    return import_html(text, matcher, overrides, base) if looks_like_html(text) else import_text(text, matcher, overrides)


def make_draft(page: Page, entities: tuple[str, ...], overrides: Overrides) -> Draft:
    """The draft event for a page: the command line's values win over the page's."""
    assert page.title is not None
    name = overrides.source or page.source
    url = overrides.url or page.url
    sources = (Source(name, url, page.date),) if name else ()
    extra = {
        key: value
        for key, value in (
            ("byline", page.byline),
            ("image_credit", page.image_credit),
            ("updated", page.updated.iso() if page.updated else None),
        )
        if value
    }
    return Draft(page.title, overrides.date or page.date, entities, sources, extra, page.paragraphs, page.standfirst)


def summary(imported: Imported, overrides: Overrides = Overrides()) -> str:
    """``date 2019-05-16, source Reuters, byline Jane Doe, 4 entities, 6 paragraphs; missing: url``."""
    page, draft = imported.page, imported.draft
    if draft is None:
        return "no headline or article text found"
    found: list[str] = []
    missing: list[str] = []
    date_from = "" if overrides.date is None else " (from --date)"
    _note(found, missing, "date", draft.date.iso() + date_from if draft.date else None)
    _note(found, missing, "source", draft.sources[0].name if draft.sources else None)
    _note(found, missing, "byline", page.byline)
    found.append(_count(len(draft.entities), "entity", "entities"))
    found.append(_count(len(draft.paragraphs), "paragraph", "paragraphs"))
    if not (overrides.url or page.url):
        missing.append("url")
    if page.title_guessed:
        missing.append("headline (title taken from the first sentence)")
    if not draft.paragraphs:
        missing.append("body")
    if draft.date is None:
        missing[missing.index("date")] = "date (" + (page.date_note + "; " if page.date_note else "") + "pass --date YYYY-MM-DD)"
    return ", ".join(found) + ("; missing: " + ", ".join(missing) if missing else "")


def _note(found: list[str], missing: list[str], name: str, value: str | None) -> None:
    if value:
        found.append(f"{name} {value}")
    else:
        missing.append(name)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
