"""Palette PNGs put together from separately compressed rows: any split of the rows reads back as the same picture."""

from __future__ import annotations

import io
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.render import png


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.binary(max_size=3000))
def test_adler_of_two_strings_end_to_end_is_put_together_from_theirs(first: bytes, second: bytes) -> None:
    assert png.adler_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(first + second)


@st.composite
def pictures(draw: st.DrawFn) -> tuple[int, list[bytes], list[int]]:
    """A width, rows of palette indices below 4, and where the rows are cut into pieces."""
    width = draw(st.integers(1, 40))
    rows = draw(st.lists(st.binary(min_size=width, max_size=width), min_size=1, max_size=30))
    rows = [bytes(byte % 4 for byte in row) for row in rows]
    cuts = sorted(draw(st.sets(st.integers(1, len(rows) - 1), max_size=len(rows) - 1)) if len(rows) > 1 else set())
    return width, rows, cuts


def pixel_stream(data: bytes) -> bytes:
    """The image data, inflated by zlib (which checks the stream's Adler-32; Pillow's reader does not), its chunk's CRC checked."""
    at = data.index(b"IDAT")
    length = int.from_bytes(data[at - 4 : at], "big")
    stream = data[at + 4 : at + 4 + length]
    assert int.from_bytes(data[at + 4 + length : at + 8 + length], "big") == zlib.crc32(b"IDAT" + stream)
    return zlib.decompress(stream)


@settings(max_examples=150, deadline=None)
@given(pictures())
def test_rows_cut_into_any_pieces_read_back_as_the_same_picture(picture: tuple[int, list[bytes], list[int]]) -> None:
    width, rows, cuts = picture
    bounds = [0, *cuts, len(rows)]
    pieces = [png.piece(b"".join(b"\0" + row for row in rows[start:end])) for start, end in zip(bounds, bounds[1:], strict=False)]
    palette = bytes([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    data = png.palette_png(width, len(rows), palette, pieces)
    assert pixel_stream(data) == b"".join(b"\0" + row for row in rows)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.mode, image.size) == ("PNG", "P", (width, len(rows)))
    assert image.tobytes() == b"".join(rows)
    assert image.getpalette()[:12] == list(palette)  # type: ignore[index]


def test_scanlines_lead_each_row_with_filter_none() -> None:
    image = Image.frombytes("L", (3, 2), bytes([1, 2, 3, 4, 5, 6]))
    assert png.scanlines(image) == bytes([0, 1, 2, 3, 0, 4, 5, 6])
