"""Share cards: a PNG per event without a picture, for ``og:image`` and ``twitter:card``.

A link to an event, pasted in a chat or a social feed, then shows the site's
title, the event's date and its title instead of a bare line of text. The card
is drawn with Pillow in the theme's colours and its bundled font; it depends
on nothing else, so the same inputs always give the same bytes, and a warm build
keeps it from the page cache (its task's inputs are exactly what it shows).

A cold build draws thousands, so a card is made the cheap way: its letters come
ready drawn from :mod:`.lettering`, it is drawn in palette indices (see
:func:`_band`) rather than drawn in colour and quantized, and its rows go to the
PNG in bands (:mod:`.png`): the rows of each line of text, compressed once for
all the cards that share them (the site's title, a date), and the empty rows
between, compressed once per height.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import urls
from ..content.model import Event, Site
from ..outputfile import OutputFile
from . import lettering, png

WIDTH, HEIGHT = 1200, 630
"""The size chat apps and social sites show large (1.91:1)."""
FONT_FILE = Path("card") / "DejaVuSans-Bold.ttf"
DEFAULT_COLOURS = {"bg": "#fdfcf9", "fg": "#1d1f23", "muted": "#5a6069", "accent": "#0b5cad"}
MARGIN = 80
LONGEST_TITLE, LONGEST_WORD, LONGEST_SITE_TITLE = 240, 36, 56
"""Characters kept of the title, of one word in it (36 of the widest letters at 42 px fit a line) and of the site's title."""
TITLE_SIZES = (64, 56, 48, 42)
"""The title's font sizes, largest first: the first that fits in four lines is used."""
SITE_TITLE_Y, DATE_Y, TITLE_Y = 64, 140, 230
"""Where the site's title, the date and the event's title start (the top of their letters' ascent)."""
BAR = 25
"""The accent bar's width, at the card's left edge."""
ROOM = WIDTH - 2 * MARGIN
"""The width a line of text may take."""

LEVELS = 16
"""Shades a colour takes over the background, the antialiased edges of its letters included."""
TOP = LEVELS - 1
FG, ACCENT, MUTED = 0, LEVELS, 2 * LEVELS
"""Each colour's run of palette indices: the background (level 0) and ``LEVELS - 1`` shades up to the colour itself."""


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


def _one_line(text: str) -> str:
    """``text`` as one line of drawable characters: line breaks and other separators become spaces, control characters go."""
    return "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")


def _short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: a card has room for a few lines, however long the title."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit(face: Any, text: str, room: int = ROOM) -> str:
    """``text`` shortened, with an ellipsis, until it is no wider than ``room``."""
    while len(text) > 1 and lettering.width(face, text) > room:
        text = text[:-2].rstrip() + "…"
    return text


def _lines(face: Any, text: str) -> list[str]:
    """``text`` broken into lines no wider than the card's room, at spaces (a word longer than a line is cut)."""
    lines: list[str] = []
    widths: list[int] = []
    space = lettering.width(face, " ")
    for word in (_short(w, LONGEST_WORD) for w in _short(text, LONGEST_TITLE).split()):
        wide = lettering.width(face, word)
        if lines and widths[-1] + space + wide <= ROOM:  # widths add up: the letters' advances are whole pixels
            lines[-1] += " " + word
            widths[-1] += space + wide
        else:
            lines.append(_fit(face, word))
            widths.append(lettering.width(face, lines[-1]))
    return lines


def _title(title: str, style: CardStyle) -> tuple[Any, list[str]]:
    """The largest font in which the title fits four lines; at the smallest, the fourth line ends in an ellipsis."""
    for size in TITLE_SIZES:
        face = lettering.font(style.font, size)
        lines = _lines(face, title)
        if len(lines) <= 4:
            return face, lines
    lines = lines[:4]
    while lines[3] and lettering.width(face, lines[3] + " …") > ROOM:
        lines[3] = lines[3].rsplit(" ", 1)[0] if " " in lines[3] else lines[3][:-1]
    lines[3] += " …"
    return face, lines


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of a card: its text in a font, the baseline it sits on, and the run of palette indices it is drawn in."""

    text: str
    face: Any
    baseline: int
    ramp: int

    @classmethod
    def at(cls, top: int, text: str, face: Any, ramp: int) -> _Line:
        """The line whose letters' ascent starts at row ``top``."""
        return cls(text, face, top + face.getmetrics()[0], ramp)

    def rows(self) -> tuple[int, int]:
        """The rows the line marks, within the card (an empty range when none)."""
        first, after = lettering.rows(self.face, self.text)
        return max(0, min(HEIGHT, self.baseline + first)), max(0, min(HEIGHT, self.baseline + after))


def _card_lines(site_title: str, date_label: str, title: str, style: CardStyle) -> list[_Line]:
    """The card's text laid out: the site's title, the date, and the title in up to four lines."""
    site_face, date_face = lettering.font(style.font, 34), lettering.font(style.font, 44)
    lines = [_Line.at(SITE_TITLE_Y, _fit(site_face, _short(site_title, LONGEST_SITE_TITLE)), site_face, MUTED),
             _Line.at(DATE_Y, _fit(date_face, _short(date_label, LONGEST_SITE_TITLE)), date_face, ACCENT)]
    face, title_lines = _title(title, style)
    step = round(face.size * 1.25)
    return [*lines, *(_Line.at(TITLE_Y + number * step, line, face, FG) for number, line in enumerate(title_lines))]


def _bands(lines: list[_Line]) -> list[tuple[int, int, tuple[_Line, ...]]]:
    """The rows the lines mark, as bands top to bottom: lines whose rows overlap share one band."""
    bands: list[tuple[int, int, tuple[_Line, ...]]] = []
    for first, after, line in sorted(((*line.rows(), line) for line in lines), key=lambda band: band[:2]):
        if first >= after:
            continue
        if bands and first < bands[-1][1]:
            start, end, together = bands[-1]
            bands[-1] = (start, max(end, after), (*together, line))
        else:
            bands.append((first, after, (line,)))
    return bands


def draw(site_title: str, date_label: str, title: str, style: CardStyle) -> bytes:
    """The card's PNG bytes: the site's title, the date, the event's title, in the theme's colours."""
    site_title, date_label, title = (_one_line(text) for text in (site_title, date_label, title))
    pieces: list[png.Piece] = []
    done = 0
    for first, after, lines in _bands(_card_lines(site_title, date_label, title, style)):
        if first > done:
            pieces.append(_empty_rows(first - done))
        pieces.append(_band(first, after, lines))
        done = after
    if done < HEIGHT:
        pieces.append(_empty_rows(HEIGHT - done))
    return png.palette_png(WIDTH, HEIGHT, _palette(style), pieces)


@lru_cache(maxsize=256)
def _band(first: int, after: int, lines: tuple[_Line, ...]) -> png.Piece:
    """Rows ``first`` to ``after`` of a card, with their lines drawn, compressed.

    The rows are palette indices, not colours: the foreground's shades are
    indices 0 (the background) to :data:`TOP`, so antialiased letters drawn on
    the background with ink ``TOP`` land on the right shade by themselves, and a
    line in another colour is then moved to its own run of indices. No
    quantizing, and the same indices always give the same bytes.
    """
    from PIL import Image

    band = Image.new("L", (WIDTH, after - first), 0)
    band.paste(ACCENT + TOP, (0, 0, BAR, band.height))
    for line in lines:
        layer = band if len(lines) == 1 else Image.new("L", band.size, 0)
        lettering.draw(layer, line.face, MARGIN, line.baseline - first, line.text, TOP)
        if layer is band and line.ramp != FG:
            band = band.point(_RAMP_TABLES[line.ramp])
        elif layer is not band:  # lines that overlap: each covers what is under its letters
            band.paste(layer.point(_RAMP_TABLES[line.ramp]), (0, 0), layer.point(_COVERED))
    return png.piece(png.scanlines(band))


_RAMP_TABLES = {ramp: [ramp + index if 0 < index <= TOP else index for index in range(256)] for ramp in (FG, ACCENT, MUTED)}
"""For ``Image.point``: the foreground's shades moved to another colour's; any other index (the accent bar's) kept."""
_COVERED = [0] + [255] * 255
"""For ``Image.point``: every pixel a letter touches."""


@lru_cache(maxsize=HEIGHT + 1)
def _empty_rows(count: int) -> png.Piece:
    """``count`` rows with nothing but the accent bar, compressed: every card has some, so each count is done once."""
    row = b"\0" + bytes([ACCENT + TOP]) * BAR + bytes(WIDTH - BAR)
    return png.piece(row * count)


@lru_cache(maxsize=8)
def _palette(style: CardStyle) -> bytes:
    """The RGB palette: for the foreground, the accent and the muted colour, their shades over the background."""
    from PIL import ImageColor

    bg = ImageColor.getrgb(style.colour("bg"))[:3]
    palette = bytearray()
    for name in ("fg", "accent", "muted"):  # in the order of FG, ACCENT, MUTED
        colour = ImageColor.getrgb(style.colour(name))[:3]
        for level in range(LEVELS):
            palette += bytes((b * (TOP - level) + c * level + TOP // 2) // TOP for b, c in zip(bg, colour, strict=True))
    return bytes(palette)


def card_file(site: Site, event: Event, style: CardStyle) -> tuple[OutputFile, ...]:
    """The event's card as an output file."""
    return (OutputFile(urls.card_path(event.id), draw(site.config.title, event.date_label, event.title, style)),)
