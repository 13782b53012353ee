"""The one configured Markdown renderer.

Preset ``commonmark`` with raw HTML *off* unless the site turns it on (the
preset would allow it), plus tables, strikethrough and footnotes. Linkify and
typographer stay off: linkify is the slowest rule and neither is needed for
edited prose. Headings from level 2 get ids and a visible anchor.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .schema import slugify


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered body: its HTML, its first paragraph as plain text, its heading ids."""

    html: str
    first_paragraph: str
    headings: tuple[str, ...]


def make_markdown(*, raw_html: bool = False) -> MarkdownIt:
    """The configured parser; ``raw_html`` lets HTML blocks and tags through."""
    md = MarkdownIt("commonmark", {"html": raw_html, "xhtmlOut": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=_heading_slug, permalink=True, permalinkSymbol="#")
    return md


def _heading_slug(title: str) -> str:
    return slugify(title) or "section"


def render(md: MarkdownIt, text: str) -> Rendered:
    """Render ``text``; collect what the templates need besides the HTML."""
    tokens = md.parse(text, {})
    html = md.renderer.render(tokens, md.options, {})
    headings = tuple(str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id"))
    return Rendered(html, _first_paragraph(tokens), headings)


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
