"""Lines of text set from letters drawn once: the share cards' lettering.

Pillow loads and hints every letter from the font file each time it measures
or draws a string, and a card measures its title many times over while
breaking it into lines. Here each letter of a font at one size is measured
and drawn once per process, and a line is its letters' masks laid side by
side at whole-pixel advances: the font's hinted advances, as Pillow's basic
layout uses, without its kerning (a fraction of a pixel in the bundled font).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Glyph:
    """One letter: how far it moves the pen, and its coverage mask placed from the pen on the baseline."""

    advance: int
    left: int
    top: int
    """Of the mask's top row from the baseline (negative: above it)."""
    mask: Any
    """A Pillow ``L`` image of coverage (0 to 255), or ``None`` for a letter that marks nothing (a space)."""


@lru_cache(maxsize=8)
def font(data: bytes, size: int) -> Any:
    """The font in ``data`` at ``size`` pixels."""
    from PIL import ImageFont

    # the basic layout, not raqm: raqm is missing on some machines (other bytes there) and fails on some control characters
    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def glyph(face: Any, char: str) -> Glyph:
    """``char`` in the font ``face`` (a letter the font lacks is its "missing" box, as Pillow draws it)."""
    from PIL import Image, ImageDraw

    advance = round(face.getlength(char))
    left, top, right, bottom = face.getbbox(char, anchor="ls")
    if right <= left or bottom <= top:
        return Glyph(advance, 0, 0, None)
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=face, fill=255, anchor="ls")
    return Glyph(advance, left, top, mask)


def width(face: Any, text: str) -> int:
    """How far ``text`` moves the pen: the sum of its letters' advances."""
    return sum(glyph(face, char).advance for char in text)


def rows(face: Any, text: str) -> tuple[int, int]:
    """The first row ``text`` marks and the row after its last, from the baseline; ``(0, 0)`` when it marks none."""
    marks = [letter for letter in (glyph(face, char) for char in text) if letter.mask is not None]
    if not marks:
        return 0, 0
    return min(letter.top for letter in marks), max(letter.top + letter.mask.height for letter in marks)


def draw(image: Any, face: Any, x: int, baseline: int, text: str, ink: int) -> None:
    """Draw ``text`` on the ``L`` image with its left end at ``x`` on ``baseline``, blending ``ink`` by each letter's coverage.

    Blending is what Pillow's own text drawing does, so the letters' antialiased
    edges come out the same; whatever falls outside the image is cut off.
    """
    for char in text:
        letter = glyph(face, char)
        if letter.mask is not None:
            image.paste(ink, (x + letter.left, baseline + letter.top), letter.mask)
        x += letter.advance
