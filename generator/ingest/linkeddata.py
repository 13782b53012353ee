"""JSON-LD: the linked-data object that describes the article, and the plain values read from it.

A page may carry several scripts of it, with the article in a list, an ``@graph``
or a page's ``mainEntity``; values may be strings, lists or ``{"name": …}``
objects. Parsed as data, never run.
"""

from __future__ import annotations

import html
import json
import re

_ARTICLE_TYPES = re.compile(r"(?i)article|posting|report|newsarticle|webpage|pressrelease|liveblog|blogposting|analysis|opinion")
_PAGE_TYPES = re.compile(r"(?i)(?:\w*web)?page")


def article_ld(scripts: list[str]) -> dict[str, object]:
    """The JSON-LD object that describes the article (in a list, an ``@graph`` or a page's ``mainEntity`` too).

    An article's own type wins over the ``WebPage`` around it, whose name is often the browser title with the outlet in it.
    """
    found: list[dict[str, object]] = []
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        found += [item for item in _items(data) if _kinds(item) and (item.get("headline") or item.get("datePublished"))]
    articles = [item for item in found if any(not _PAGE_TYPES.fullmatch(k) for k in _kinds(item))]
    return (articles or found or [{}])[0]


def describes_page(item: dict[str, object]) -> bool:
    """Whether the object is only a ``WebPage``: its dates are the page's (a section's, a template's), not a story's."""
    kinds = _kinds(item)
    return bool(kinds) and all(_PAGE_TYPES.fullmatch(k) for k in kinds)


def _kinds(item: dict[str, object]) -> list[str]:
    """The item's article-like ``@type`` names."""
    kind = item.get("@type")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str) and _ARTICLE_TYPES.search(k)]


def _items(data: object) -> list[dict[str, object]]:
    if isinstance(data, list):
        return [item for element in data for item in _items(element)]
    if isinstance(data, dict):
        nested = [data.get(name) for name in ("@graph", "mainEntity", "hasPart")]
        return [data, *(item for value in nested if isinstance(value, (dict, list)) for item in _items(value))]
    return []


def text_of(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""


def name_of(value: object) -> str:
    """A person's or organisation's name: a string, ``{"name": …}``, or a list of them joined."""
    values = value if isinstance(value, list) else [value]
    names = [n for v in values if (n := text_of(v.get("name")) if isinstance(v, dict) else text_of(v))]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def url_of(value: object) -> str:
    if isinstance(value, dict):
        return text_of(value.get("@id")) or text_of(value.get("url"))
    return text_of(value)
