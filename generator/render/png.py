"""Palette PNGs put together from rows compressed piece by piece.

Share cards have many rows in common (the site's title, a date, the empty
rows around their lines), so those are compressed once and each card
compresses only its own: a PNG's pixels are one zlib stream, and raw deflate pieces that
each end on a byte boundary (a sync flush) and never look back past their own
start can be laid end to end inside it. The stream's Adler-32 is put together
from the pieces' own, so no row is read twice.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

LEVEL = 3
"""The last of zlib's fast levels (1 to 3, no lazy matching): level 6 makes a card about a quarter smaller for about twice its CPU."""
_ADLER_BASE = 65521
_LAST_BLOCK = b"\x03\x00"
"""An empty final deflate block (fixed codes, end of block at once): closes the stream after the last piece."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Some rows, each led by its filter byte, as raw deflate that a stream can carry anywhere."""

    deflated: bytes
    adler: int
    """The Adler-32 of the rows themselves."""
    length: int
    """How many bytes the rows are."""


def piece(rows: bytes) -> Piece:
    """``rows`` compressed on their own, ending on a byte boundary."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Piece(compressor.compress(rows) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.adler32(rows), len(rows))


def scanlines(image: Any) -> bytes:
    """The rows of a Pillow ``L`` image of palette indices as PNG scanlines, each led by filter 0 (none), which suits flat colours."""
    from PIL import Image

    # pasted one column in, the image's rows come out with a zero byte before each, in one C call
    framed = Image.new("L", (image.width + 1, image.height), 0)
    framed.paste(image, (1, 0))
    return framed.tobytes()


def adler_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings end to end, from theirs (zlib's ``adler32_combine``)."""
    rem = second_length % _ADLER_BASE
    low = ((first & 0xFFFF) + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    high = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + _ADLER_BASE - rem) % _ADLER_BASE
    return (high << 16) | low


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def palette_png(width: int, height: int, palette: bytes, pieces: Sequence[Piece]) -> bytes:
    """An 8-bit palette PNG whose rows are ``pieces`` in order (``height`` rows of ``width`` pixels in all)."""
    adler = 1
    for part in pieces:
        adler = adler_combine(adler, part.adler, part.length)
    assert sum(part.length for part in pieces) == height * (width + 1), "the pieces are not the image's rows"
    # zlib header: deflate with a 32 KB window, level hint "fast" (levels 2 to 5), check bits making it a multiple of 31
    stream = b"".join((b"\x78\x5e", *(part.deflated for part in pieces), _LAST_BLOCK, struct.pack(">I", adler)))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"PLTE", palette), _chunk(b"IDAT", stream), _chunk(b"IEND", b"")))
