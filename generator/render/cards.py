"""Share cards: a PNG per event without a picture, for ``og:image`` and ``twitter:card``.

A link to an event, pasted in a chat or a social feed, then shows the site's
title, the event's date and its title instead of a bare line of text. The card
is drawn with Pillow in the theme's colours and its bundled font; it depends
on nothing else, so the same inputs always give the same bytes, and a warm build
keeps it from the page cache (its task's inputs are exactly what it shows).
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import urls
from ..content.model import Event, Site
from ..outputfile import OutputFile

WIDTH, HEIGHT = 1200, 630
"""The size chat apps and social sites show large (1.91:1)."""
FONT_FILE = Path("card") / "DejaVuSans-Bold.ttf"
DEFAULT_COLOURS = {"bg": "#fdfcf9", "fg": "#1d1f23", "muted": "#5a6069", "accent": "#0b5cad"}
MARGIN = 80
LONGEST_TITLE, LONGEST_WORD, LONGEST_SITE_TITLE = 240, 36, 56
"""Characters kept of the title, of one word in it (36 of the widest letters at 42 px fit a line) and of the site's title."""
TITLE_SIZES = (64, 56, 48, 42)
"""The title's font sizes, largest first: the first that fits in four lines is used."""


@dataclass(frozen=True, slots=True)
class CardStyle:
    """What a theme gives the cards: its colours and its font's bytes."""

    colours: tuple[tuple[str, str], ...]
    font: bytes = field(repr=False, compare=False)
    digest: str = ""
    """The font's SHA-256, worked out once: every card's inputs carry it, not the font's 700 KB."""

    @property
    def key(self) -> tuple[tuple[str, str], ...]:
        """What a card's inputs need of the style: the colours and the font's digest."""
        return (*self.colours, ("font", self.digest))

    def colour(self, name: str) -> str:
        """A colour by its CSS variable's name without ``--``."""
        return dict(self.colours)[name]


def theme_style(folders: tuple[Path, ...]) -> CardStyle | None:
    """The first theme folder's font and ``:root`` colours; ``None`` when no folder has a card font."""
    font = next((folder / FONT_FILE for folder in folders if (folder / FONT_FILE).is_file()), None)
    if font is None:
        return None
    css = next((folder / "static/style.css" for folder in folders if (folder / "static/style.css").is_file()), None)
    colours = dict(DEFAULT_COLOURS)
    if css is not None:
        root = re.search(r":root\s*\{([^}]*)\}", css.read_text(encoding="utf-8"))
        for name, value in re.findall(r"--(bg|fg|muted|accent)\s*:\s*(#[0-9a-fA-F]{3,8})\b", root.group(1) if root else ""):
            colours[name] = value
    data = font.read_bytes()
    return CardStyle(tuple(sorted(colours.items())), data, hashlib.sha256(data).hexdigest())


def wanted(site: Site, event: Event) -> bool:
    """Whether the event gets a card: the setting is on and it has no picture of its own."""
    return site.config.share_cards and not (event.media is not None and event.media.is_image)


def inputs(site: Site, event: Event, style: CardStyle) -> tuple[Any, ...]:
    """Everything a card shows: a warm build redraws it only when one of these changes."""
    return site.config.title, event.date_label, event.title, style.key


@lru_cache(maxsize=8)
def _font(data: bytes, size: int) -> Any:
    from PIL import ImageFont

    # the basic layout, not raqm: raqm is missing on some machines (other bytes there) and fails on some control characters
    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


def _one_line(text: str) -> str:
    """``text`` as one line of drawable characters: line breaks and other separators become spaces, control characters go."""
    return "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")


def _short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: a card has room for a few lines, however long the title."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit(draw: Any, text: str, font: Any, width: int) -> str:
    """``text`` shortened, with an ellipsis, until it is no wider than ``width``."""
    while len(text) > 1 and draw.textlength(text, font=font) > width:
        text = text[:-2].rstrip() + "…"
    return text


def _lines(draw: Any, text: str, font: Any, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``, at spaces (a word longer than a line is cut)."""
    lines: list[str] = []
    for word in (_short(w, LONGEST_WORD) for w in _short(text, LONGEST_TITLE).split()):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(_fit(draw, word, font, width))
    return lines


def _title(draw: Any, title: str, style: CardStyle) -> tuple[Any, list[str]]:
    """The largest font in which the title fits four lines; at the smallest, the fourth line ends in an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(style.font, size)
        lines = _lines(draw, title, font, WIDTH - 2 * MARGIN)
        if len(lines) <= 4:
            return font, lines
    lines = lines[:4]
    while lines[3] and draw.textlength(lines[3] + " …", font=font) > WIDTH - 2 * MARGIN:
        lines[3] = lines[3].rsplit(" ", 1)[0] if " " in lines[3] else lines[3][:-1]
    lines[3] += " …"
    return font, lines


def draw(site_title: str, date_label: str, title: str, style: CardStyle) -> bytes:
    """The card's PNG bytes: the site's title, the date, the event's title, in the theme's colours."""
    from PIL import Image, ImageDraw

    site_title, date_label, title = (_one_line(text) for text in (site_title, date_label, title))
    card = Image.new("RGB", (WIDTH, HEIGHT), style.colour("bg"))
    pen = ImageDraw.Draw(card)
    pen.rectangle((0, 0, 24, HEIGHT), fill=style.colour("accent"))
    room = WIDTH - 2 * MARGIN
    site_font, date_font = _font(style.font, 34), _font(style.font, 44)
    pen.text((MARGIN, 64), _fit(pen, _short(site_title, LONGEST_SITE_TITLE), site_font, room), font=site_font, fill=style.colour("muted"))
    pen.text((MARGIN, 140), _fit(pen, _short(date_label, LONGEST_SITE_TITLE), date_font, room), font=date_font, fill=style.colour("accent"))
    font, lines = _title(pen, title, style)
    step = round(font.size * 1.25)
    for number, line in enumerate(lines):
        pen.text((MARGIN, 230 + number * step), line, font=font, fill=style.colour("fg"))
    out = io.BytesIO()
    # a few flat colours and their antialiased edges: 64 palette entries keep the letters smooth at under half the bytes
    card.quantize(64, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def card_file(site: Site, event: Event, style: CardStyle) -> tuple[OutputFile, ...]:
    """The event's card as an output file."""
    return (OutputFile(urls.card_path(event.id), draw(site.config.title, event.date_label, event.title, style)),)
