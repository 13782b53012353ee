"""The event pictures in the output: each local image under its content-hashed name, with smaller copies for ``srcset``.

Pure: the bytes were read with the site; the smaller copies are made here with
Pillow, with fixed settings and no metadata, so the same picture always gives
the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..content.media import Image
from ..content.model import Site
from ..outputfile import OutputFile


def images(site: Site) -> list[Image]:
    """Every local image the events show, once each, in event order."""
    found: dict[str, Image] = {}
    for event in site.events:
        if event.media is not None and event.media.image is not None:
            found.setdefault(event.media.image.path, event.media.image)
    return list(found.values())


def smaller(image: Image, width: int) -> bytes:
    """``image`` scaled to ``width`` pixels wide, in its own format, the same bytes every time."""
    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(image.data)) as picture:
        height = max(1, round(image.height * width / image.width))
        scaled = picture.convert("RGBA" if picture.mode in ("RGBA", "LA", "P") else "RGB").resize((width, height), Pillow.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.format == "JPEG":
        scaled.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=False)
    elif image.format == "WEBP":
        scaled.save(out, "WEBP", quality=85, method=4)
    else:
        scaled.save(out, "PNG", optimize=True)
    return out.getvalue()


def files(site: Site) -> Iterator[OutputFile]:
    """Each image as read, then its smaller copies."""
    for image in images(site):
        yield OutputFile(image.path, image.data)
        for path, width in image.variants:
            yield OutputFile(path, smaller(image, width))
