"""The maintained extractors, when the ``import`` extra is installed: trafilatura for the main text, htmldate for dates.

Both are optional (``pip install -e '.[import]'``); without them HTML import
reads the page with :mod:`.html` alone. They are a second opinion, not the
first: on the evaluation pages trafilatura keeps some boilerplate that the
markup-aware reading drops (a release's forward-looking statement, a
breadcrumb), and htmldate sometimes prefers a later "updated" date. So a body
paragraph stays only if trafilatura kept it too, and htmldate's date is used
only when neither the markup nor the text has one.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..content.dates import PartialDate
from .structured import iso_date
from .text import clean, key

INSTALL = "pip install 'timeline-generator[import]'"


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # the extra is not installed, or a dependency of it is broken
        return None


def available() -> bool:
    """Whether trafilatura and htmldate can be used."""
    return _module("trafilatura") is not None and _module("htmldate") is not None


def main_text(markup: str) -> str | None:
    """The article text trafilatura finds (comments and tables left out), or ``None`` without it or when it finds none."""
    trafilatura = _module("trafilatura")
    if trafilatura is None:
        return None
    try:
        text = trafilatura.extract(markup, favor_precision=True, include_comments=False, include_tables=False, deduplicate=False)
    except Exception:  # noqa: BLE001 - a third-party parser's failure must not stop an import; the page is read without it
        return None
    return text if isinstance(text, str) and text.strip() else None


def kept(paragraphs: tuple[str, ...], main: str | None) -> tuple[str, ...]:
    """The paragraphs the extractor also kept; all of them when it kept none of them (it read another part of the page)."""
    if main is None:
        return paragraphs
    folded = key(clean(main))
    both = tuple(p for p in paragraphs if key(clean(p)) in folded)
    return both or paragraphs


def page_date(markup: str) -> PartialDate | None:
    """The publication date htmldate finds (original, not updated), or ``None``."""
    htmldate = _module("htmldate")
    if htmldate is None:
        return None
    try:
        found = htmldate.find_date(markup, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - as above: a failed guess is no date, not a failed import
        return None
    return iso_date(found) if isinstance(found, str) else None
