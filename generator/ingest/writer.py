"""A draft event as file text: YAML front matter the build reads back, and a Markdown body.

Scalars go through PyYAML's emitter, so quoting is always right (a title with
``: `` or a leading ``[`` is quoted); dates are written bare, as the event
files in ``content/`` write them. Body paragraphs are escaped so Markdown
shows them exactly as written: no stray headings, lists, emphasis or links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.dates import PartialDate
from ..content.schema import Source, slugify

EVENTS = Path("content") / "events"
MAX_SLUG = 60
PLACEHOLDER = "TODO: say what happened, in your own words, and cite the sources above."
PLACEHOLDER_NO_SOURCES = "TODO: say what happened, in your own words."
"""For a draft with no ``sources:`` field: there are none above to cite."""

# Inline characters that start Markdown syntax; an underscore between letters never does.
_INLINE = re.compile(r"[\\`*\[<~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
# What makes a paragraph's first characters a block: heading, quote, list, rule, table, setext line.
_BLOCK_START = re.compile(r"^(?:[#>+=|-]|\d{1,9}(?=[.)]))")


@dataclass(frozen=True, slots=True)
class Draft:
    """Everything a draft event file holds."""

    title: str
    date: PartialDate | None
    entities: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)
    paragraphs: tuple[str, ...] = ()
    summary: str | None = None  # the standfirst: the line under the headline that did not become the title


def escape(paragraph: str) -> str:
    """Markdown that renders as exactly ``paragraph`` (whitespace made single spaces)."""
    text = _INLINE.sub(lambda m: "\\" + m.group(), " ".join(paragraph.split()))
    match = _BLOCK_START.match(text)
    if match:
        end = match.end()
        # "1." and "1)" start ordered lists: escape the punctuation after the number; else the first character.
        text = text[:end] + "\\" + text[end:] if match.group()[0].isdigit() else "\\" + text
    return text


def _scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").removesuffix("\n")


def _flow_list(values: tuple[str, ...]) -> str:
    return yaml.safe_dump(list(values), allow_unicode=True, width=1_000_000, default_flow_style=True).strip()


def front_matter(draft: Draft) -> str:
    """The ``---`` block: title, date, entities, sources, summary, ``draft: true``, extra."""
    lines = ["---", f"title: {_scalar(draft.title)}"]
    lines.append(f"date: {draft.date.iso()}" if draft.date else "# date: missing (pass --date YYYY-MM-DD)")
    if draft.entities:
        lines.append(f"entities: {_flow_list(draft.entities)}")
    if draft.sources:
        lines.append("sources:")
        for source in draft.sources:
            lines.append(f"  - name: {_scalar(source.name)}")
            if source.url:
                lines.append(f"    url: {_scalar(source.url)}")
            if source.date:
                lines.append(f"    date: {source.date.iso()}")
    if draft.summary:
        lines.append(f"summary: {_scalar(draft.summary)}")
    lines.append("draft: true")
    if draft.extra:
        lines.append("extra:")
        lines += [f"  {name}: {_scalar(value)}" for name, value in draft.extra.items()]
    lines.append("---")
    return "\n".join(lines) + "\n"


def event_text(draft: Draft) -> str:
    """The whole file: front matter, then the escaped paragraphs (or a placeholder)."""
    body = "\n\n".join(escape(p) for p in draft.paragraphs if p.strip()) or (PLACEHOLDER if draft.sources else PLACEHOLDER_NO_SOURCES)
    return front_matter(draft) + body + "\n"


def slug(title: str) -> str:
    """A short slug of the title, cut at a hyphen; ``event`` when the title has no ASCII letters or digits."""
    text = slugify(title) or "event"
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rsplit("-", 1)[0] or text[:MAX_SLUG]
    return text


def event_path(root: Path, date: PartialDate, title: str) -> Path:
    """``<root>/content/events/<date>-<slug>.md``."""
    return root / EVENTS / f"{date.iso()}-{slug(title)}.md"
