"""The one configured Markdown renderer, and the cross-references it finds.

Preset ``commonmark`` with raw HTML *off* unless the site turns it on (the
preset would allow it), plus tables, strikethrough and footnotes. Linkify and
typographer stay off: linkify is the slowest rule and neither is needed for
edited prose. Headings from level 2 get ids and a visible anchor.

Cross-references are ordinary links with an ``event:`` or ``entity:`` scheme,
so they still read well in any Markdown viewer: ``[the listing](event:2019-05-16-entity-list)``,
``[Huawei](entity:huawei)``, ``[the rule](event:2020-05-15-fdpr#what-changed)``.
A body is parsed first (so every heading id is known), then its references are
resolved and it is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from . import packed
from .schema import slugify

SCHEMES = ("event", "entity")


@dataclass(frozen=True, slots=True)
class Reference:
    """A cross-reference written in a body: ``event:<id>#<heading>`` or ``entity:<name>``."""

    kind: str
    target: str
    fragment: str
    line: int
    column: int | None
    written: str


@dataclass(frozen=True, slots=True)
class Body:
    """A converted body: HTML with a placeholder per cross-reference, and what else the site needs of it.

    Small and picklable (no tokens, the HTML compressed: see :mod:`.packed`), so
    bodies can be converted in worker processes and kept in caches; :func:`link`
    fills in the resolved URLs. Make one with :meth:`of`.
    """

    packed_html: bytes
    headings: tuple[str, ...]
    first_paragraph: str
    references: tuple[Reference, ...]
    too_deep: int | None = None
    """The file line where nesting passed the parser's limit, and what lay deeper was left out."""

    @classmethod
    def of(cls, html: str, headings: tuple[str, ...], first_paragraph: str, references: tuple[Reference, ...],
           too_deep: int | None = None) -> Body:
        """The body of this HTML."""
        return cls(packed.pack(html), headings, first_paragraph, references, too_deep)

    @property
    def html(self) -> str:
        """The HTML, placeholders and all."""
        return packed.unpack(self.packed_html)


_MARK = "\ue000{}\ue001"
"""Stands in for a cross-reference's URL until it is resolved (private-use characters pass through escaping)."""


def make_markdown(*, raw_html: bool = False) -> MarkdownIt:
    """The configured parser; ``raw_html`` lets HTML blocks and tags through."""
    md = MarkdownIt("commonmark", {"html": raw_html, "xhtmlOut": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=heading_slug, permalink=True, permalinkSymbol="#")
    return md


# ids the page templates give their own elements; a body heading must not take one
TEMPLATE_IDS = frozenset({"content", "sources-heading", "events-heading", "related-heading", "copy-status", "filters", "filter-status",
                          "entity-results", "event-results", "years", "timeline-list", "top"})


def heading_slug(title: str) -> str:
    """A heading's id, as the anchors plugin is given it."""
    slug = slugify(title) or "section"
    return f"{slug}-section" if slug in TEMPLATE_IDS else slug


def convert(md: MarkdownIt, text: str, first_line: int = 1) -> Body:
    """Convert ``text`` whose first line is line ``first_line`` of its file."""
    tokens = md.parse(text, {})
    headings = tuple(str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id"))
    found = _references(tokens, text.split("\n"), first_line)
    for number, (token, _) in enumerate(found):
        token.attrSet("href", _MARK.format(number))
    html = str(md.renderer.render(tokens, md.options, {}))
    return Body.of(html, headings, _first_paragraph(tokens), tuple(reference for _, reference in found), _too_deep(md, tokens, first_line))


def _too_deep(md: MarkdownIt, tokens: list[Token], first_line: int) -> int | None:
    """Where the parser stopped nesting: it drops deeper blocks without a word, so we say so."""
    limit = int(md.options["maxNesting"])
    deepest = next((t for t in tokens if t.level >= limit - 1), None)
    if deepest is None:
        return None
    return first_line + (deepest.map[0] if deepest.map else 0)


def link(body: Body, hrefs: tuple[str, ...]) -> str:
    """The body's HTML with the resolved URL of each cross-reference, in order."""
    html = body.html
    for number, href in enumerate(hrefs):
        html = html.replace(_MARK.format(number), escape(href), 1)
    return html


def _references(tokens: list[Token], lines: list[str], first_line: int) -> list[tuple[Token, Reference]]:
    found = []
    for block in tokens:
        for child in block.children or ():
            href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
            scheme, _, rest = href.partition(":")
            if scheme in SCHEMES and rest:
                written = unquote(href)
                target, _, fragment = unquote(rest).partition("#")
                line, column = _locate(block, lines, written)
                found.append((child, Reference(scheme, target.strip(), fragment, first_line + line, column, written)))
    return found


def _locate(block: Token, lines: list[str], written: str) -> tuple[int, int | None]:
    start, end = block.map or (0, 1)
    pattern = re.compile(r"[(<:]\s*<?" + re.escape(written))
    for index in range(start, min(end, len(lines))):
        match = pattern.search(lines[index])
        if match:
            return index, match.end() - len(written) + 1
    return start, None


def _first_paragraph(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            return plain_text(tokens[index + 1])
    return ""


def plain_text(inline: Token) -> str:
    """The words of an inline token, markup dropped."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
