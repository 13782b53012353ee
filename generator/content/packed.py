"""Converted HTML kept compressed while the site is held in memory.

On a large site the events' bodies are most of what a loaded site holds, and
every worker process starts with a copy of it: zlib at its fastest level keeps
them in well under half the room. The bytes are only ever decompressed back
into the very same text, so what a page shows does not change.
"""

from __future__ import annotations

import zlib

_LEVEL = 1
"""zlib's fastest level: bodies are compressed once each, in the workers that convert them, and HTML still shrinks by more than half."""


def pack(html: str) -> bytes:
    """``html`` compressed (empty for empty)."""
    return zlib.compress(html.encode(), _LEVEL) if html else b""


def unpack(packed: bytes) -> str:
    """The HTML :func:`pack` was given."""
    return zlib.decompress(packed).decode() if packed else ""
