"""Pictures and quotes on events: the ``media:`` and ``quote:`` fields, and local images read once.

A local image lives under ``content/media/``; it is read here (bytes, size and
format, with Pillow) so that every page can write ``width``/``height`` and
nothing shifts as it loads, and so that its output name can carry a hash of its
bytes (a changed picture gets a new address, and caches never serve the old
one). A remote image (``https:``) is only linked: the build never fetches it.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import Problem
from . import fields as f

MEDIA_DIR = "media"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
VARIANT_WIDTHS = (480, 960)
"""The smaller sizes a wide image gets for ``srcset``: a phone then loads a fraction of the bytes."""
_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")


@dataclass(frozen=True, slots=True)
class Image:
    """A local image as read: where it goes in the output, its size and its bytes."""

    path: str
    """``media/<name>-<hash>.<ext>`` in the output."""
    width: int
    height: int
    format: str
    """Pillow's name for it: ``PNG``, ``JPEG``, ``GIF``, ``WEBP``."""
    data: bytes = field(repr=False)

    @property
    def variants(self) -> tuple[tuple[str, int], ...]:
        """The smaller copies for ``srcset`` (output path, width): each of :data:`VARIANT_WIDTHS` below the image's own width."""
        if self.format == "GIF":  # an animation would lose its frames
            return ()
        stem, dot, ext = self.path.rpartition(".")
        return tuple((f"{stem}-{w}w{dot}{ext}", w) for w in VARIANT_WIDTHS if w < self.width * 0.8)


@dataclass(frozen=True, slots=True)
class Media:
    """A picture (or other linked media) shown with an event."""

    src: str
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None
    image: Image | None = None
    """The file read from ``content/media/`` (``None`` for a remote one)."""

    @property
    def remote(self) -> bool:
        """Whether ``src`` is an ``https:`` URL, linked and never fetched."""
        return self.src.startswith("https://")

    @property
    def is_image(self) -> bool:
        """Local files are images; a remote URL is one when its path ends like one (a video page is not)."""
        return not self.remote or PurePosixPath(self.src.split("?")[0].split("#")[0]).suffix.lower() in IMAGE_SUFFIXES


@dataclass(frozen=True, slots=True)
class Quote:
    """Words someone said, shown with the event; ``by`` is an entity's name or alias, resolved to ``by_id``."""

    text: str
    by: str | None = None
    by_id: str | None = None


def _src(value: Any) -> str:
    src = f.text(value)
    if src.startswith("https://"):
        return f.web_url(src)
    if src.startswith(("http://", "/")) or "://" in src or ".." in src.split("/") or not _LOCAL.match(src):
        raise f.FieldError(f"expected a file under content/media/ (such as chart.png) or an https:// URL, got {src!r}")
    if PurePosixPath(src).suffix.lower() not in IMAGE_SUFFIXES:
        raise f.FieldError(f"expected an image ({', '.join(IMAGE_SUFFIXES)}), got {src!r}")
    return src


def _media(src: str, alt: str | None, caption: str | None, credit: str | None) -> Media:
    media = Media(src, alt, caption, credit)
    if media.is_image and not alt:
        raise f.FieldError("required for an image: say what it shows, for readers who cannot see it", ".alt")
    return media


MEDIA_FIELDS: list[f.Field[Any]] = [f.Field("src", _src, True), f.Field("alt", f.text), f.Field("caption", f.text), f.Field("credit", f.text)]


def media(value: Any) -> Media:
    """The ``media:`` field: ``src`` (a file under ``content/media/`` or an ``https:`` URL), ``alt``, ``caption``, ``credit``."""
    return f.record(value, MEDIA_FIELDS, _media)


def quote(value: Any) -> Quote:
    """The ``quote:`` field: ``text`` and who said it (``by``, an entity)."""
    return f.record(value, [f.Field("text", f.text, True), f.Field("by", f.text)], Quote)


def read_image(folder: Path, media_item: Media) -> Image | str:
    """The local image ``media_item`` names, read and checked; else why it cannot be used."""
    from PIL import Image as Pillow  # only sites with pictures pay for loading it
    from PIL import UnidentifiedImageError

    path = folder / media_item.src
    try:
        if path.is_symlink() or not path.is_file():
            return "no such file" if not path.is_symlink() else "a symbolic link: put the image itself there"
        data = path.read_bytes()
        with Pillow.open(io.BytesIO(data)) as picture:
            picture.load()
            width, height, kind = picture.width, picture.height, picture.format or ""
    except UnidentifiedImageError:
        return "not an image this build can read (PNG, JPEG, GIF or WebP)"
    except (OSError, ValueError, Pillow.DecompressionBombError) as exc:
        return f"cannot read it as an image: {getattr(exc, 'strerror', None) or exc}"
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = PurePosixPath(media_item.src)
    return Image(f"{MEDIA_DIR}/{name.stem}-{digest}{name.suffix.lower()}", width, height, kind, data)


def with_images(folder: Path, records: Sequence[Any], display: str) -> tuple[list[Any], list[Problem]]:
    """``records`` with each local image read (each file once); a missing or unreadable one is a problem at its ``src`` line.

    ``display`` is the media folder as messages show it (``content/media``).
    """
    read: dict[str, Image | str] = {}
    result, problems = [], []
    for record in records:
        item = record.media
        if item is None or item.remote:
            result.append(record)
            continue
        image = read.get(item.src) or read.setdefault(item.src, read_image(folder, item))
        if isinstance(image, str):
            line = record.lines.get("media.src", record.lines.get("media", 1))
            problems.append(Problem(record.path, line, "media.src", f"{display}/{item.src}: {image}"))
            continue
        result.append(replace(record, media=replace(item, image=image)))
    return result, problems
