"""Two Markdown engines, one output: the compiled one where it gives the same bytes, markdown-it-py for the rest.

Converting bodies was most of a cold build. ``markdown-it-pyrs`` (the Rust port
of markdown-it, by markdown-it-py's maintainer) renders a body about fifteen
times faster, but it has no heading-anchor hook we can shape, no way to find our
``event:``/``entity:`` links with their lines, footnotes that render
differently, and no nesting limit (a deep enough quote crashes it). So each
body is judged first, by a quick scan of its text: one that uses a construct
the compiled engine cannot render exactly as the reference does goes to
markdown-it-py (:mod:`generator.content.markdown`); the others go to the
compiled engine, and their heading ids, anchors and first paragraph are added
from its HTML here. ``tests/content/test_engines.py`` holds the two to the same
bytes over the shipped content, a generated corpus, the CommonMark spec and
generated Markdown; a construct found to differ is routed in
:meth:`Engine.suits_compiled`.

The compiled engine is optional (it has wheels for CPython up to 3.12 only):
without it, or with ``TIMELINE_MARKDOWN=reference``, every body goes to
markdown-it-py and the output is the same.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from html import unescape
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors.index import unique_slug

from . import codespans, markdown
from .markdown import Body


def _import_compiled() -> Any:
    try:
        return importlib.import_module("markdown_it_pyrs")
    except ImportError:  # no wheel for this platform: markdown-it-py does all the work
        return None


_COMPILED: Any = _import_compiled()
"""The ``markdown_it_pyrs`` module, or ``None``; imported by name, so type checking needs it no more than running does."""

ENGINE_VARIABLE = "TIMELINE_MARKDOWN"
"""Set to ``reference`` to convert every body with markdown-it-py (the bench compares the two)."""
VERIFIED = frozenset({"0.4.0"})
"""The compiled engine's versions the parity tests were run against; any other is left unused."""

_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
          "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table", "strikethrough"]
"""The commonmark preset without raw HTML, plus tables and strikethrough: the reference's rules (footnotes aside)."""

_NESTING = re.compile(r"\n(?:[ >]|[*+\-](?=[ \n])|[0-9]+[.)](?=[ \n])){8,}")
"""A line that could open deep nesting (eight spaces, quote marks or list markers; searched in the text after a line break).

The reference stops at 20 levels and says so, and the compiled engine has no limit (a deep enough quote
overflows its stack); each level takes one of these at least, so a body without such a line stays far below 20.
"""
_HEADLESS_TABLE = re.compile(r"\n[^|\n]*\n *(?:\|[ :-]*-|:?-+:? *\|)")
"""A table's delimiter row under a line without a pipe: the compiled engine makes a table of it, the reference does not."""
_NOT_ASCII = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ue000]"
    r"|[*_~][^\x00-\x7f]|[^\x00-\x7f][*_~]"
)
"""In a body that is not all ASCII: control characters and Unicode spaces (see :meth:`Engine.suits_compiled`), the
cross-reference placeholder's character, and emphasis beside a non-ASCII character (the two class Unicode punctuation differently)."""

_CROSS_REFERENCE = re.compile(r"[(<:]\s*<?(?:event|entity):")
"""Where a link could start with a cross-reference's scheme: after a link's ``(``, an autolink's ``<`` or a definition's ``:``."""

_HEADING = re.compile(r"<h([234])>(.*?)</h\1>", re.DOTALL)
_BLOCK = re.compile(r"<(/?)(p|blockquote|ul|ol)[ >]")
_TAG = re.compile(r"<[^>]*>")


def compiled_available() -> bool:
    """Whether the compiled engine is installed, in a version the parity tests cover."""
    return _COMPILED is not None and _COMPILED.__version__ in VERIFIED


class Engine:
    """Converts bodies to :class:`~generator.content.markdown.Body` records with whichever engine gives the reference's bytes."""

    def __init__(self, *, raw_html: bool = False, compiled: bool | None = None) -> None:
        """``compiled``: use the compiled engine where it may (default: when installed and not turned off by :data:`ENGINE_VARIABLE`)."""
        if compiled is None:
            compiled = compiled_available() and os.environ.get(ENGINE_VARIABLE, "") != "reference"
        self.raw_html = raw_html
        self.reference: MarkdownIt = markdown.make_markdown(raw_html=raw_html)
        self._fast: Callable[..., str] | None = _compiled_renderer() if compiled else None
        self.compiled_count = 0
        """How many bodies the compiled engine converted (for the tests and the bench)."""

    def convert(self, text: str, first_line: int = 1) -> Body:
        """Convert ``text`` whose first line is line ``first_line`` of its file."""
        if self._fast is None or not self.suits_compiled(text):
            return markdown.convert(self.reference, text, first_line)
        try:
            html = self._fast(text, xhtml=False)
        except BaseException as exc:  # noqa: B036 - a Rust panic arrives as pyo3's PanicException, a BaseException
            if type(exc).__name__ != "PanicException":
                raise
            return markdown.convert(self.reference, text, first_line)
        if 'href="event:' in html or 'href="entity:' in html:
            # a cross-reference the scan missed (its scheme spelled with an escape or a character reference): found with its line on the reference's tokens
            return markdown.convert(self.reference, text, first_line)
        self.compiled_count += 1
        return _finish(html)

    def suits_compiled(self, text: str) -> bool:
        """Whether ``text`` uses only what the compiled engine renders exactly as the reference does.

        Cheap string tests first: this runs on every body, so it must cost a small part of converting one.
        """
        if not text.endswith("\n") or (self.raw_html and "<" in text):
            return False  # a last line without its line break: an open fenced code block there ends differently
        if "[^" in text or "^[" in text or "~~~" in text or codespans.may_panic(text):
            return False  # footnotes and inline footnotes; runs of three tildes, split into strikethrough marks differently
        if ("event:" in text or "entity:" in text) and _CROSS_REFERENCE.search(text):
            return False  # cross-references: found with their lines on the reference's tokens (:meth:`convert` catches the rest)
        if text.isascii():
            # control characters: a tab widens indentation (the nesting test would undercount), a NUL ends emphasis differently
            if not text.replace("\n", " ").isprintable():
                return False
        elif _NOT_ASCII.search(text):
            return False  # and the reference strips Python's Unicode whitespace from the ends of blocks, the compiled engine does not
        lines = "\n" + text
        return not (_NESTING.search(lines) or ("-" in text and "|" in text and _HEADLESS_TABLE.search(lines)))


def _compiled_renderer() -> Callable[..., str]:
    render: Callable[..., str] = _COMPILED.MarkdownIt("zero").enable_many(_RULES).render
    return render


def _finish(html: str) -> Body:
    """The compiled engine's HTML with heading ids and anchors added, as the reference's anchors plugin gives them."""
    headings: list[str] = []
    if "<h" in html:
        taken: set[str] = set()
        html = _HEADING.sub(lambda match: _anchor(match, headings, taken), html)
    # an empty quote: the compiled engine puts a line break inside it, the reference does not
    html = html.replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")
    return Body.of(html, tuple(headings), _first_paragraph(html), (), None)


def _anchor(match: re.Match[str], headings: list[str], taken: set[str]) -> str:
    level, inner = match.groups()
    # the anchors plugin's title: the heading's text and code, without breaks or markup
    slug = unique_slug(markdown.heading_slug(unescape(_TAG.sub("", inner).replace("\n", ""))), taken)
    headings.append(slug)
    return f'<h{level} id="{slug}">{inner} <a class="header-anchor" href="#{slug}">#</a></h{level}>'


def _first_paragraph(html: str) -> str:
    """The words of the first paragraph outside quotes and lists (raw HTML is off here, so every ``<`` opens a tag)."""
    depth = 0
    for match in _BLOCK.finditer(html):
        closing, tag = match.groups()
        if tag != "p":
            depth += -1 if closing else 1
        elif not closing and depth == 0:
            end = html.index("</p>", match.end())
            return " ".join(unescape(_TAG.sub("", html[match.end():end])).split())
    return ""
