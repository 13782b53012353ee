"""The persistent cache of read content files and converted Markdown bodies, for warm builds.

Reading, YAML and Markdown are most of what a build does before rendering.
Bodies are cached by a hash of their text, their first line, the raw-HTML
setting and the converter itself (this generator's version, its reading and
Markdown code, and the parsers' versions), so an upgrade or a settings change
starts afresh. A content file read without a problem is cached as its parsed
:class:`~generator.content.frontmatter.Document` (front matter values, their
lines, the body), keyed by its path, size, modification time, inode and change
time: a later build that finds all five the same does not open the file. The
change time cannot be set back by a program (``os.utime`` moves it on), so
even an edit that keeps the size and puts the old modification time back is
read again. A file changed within :data:`RACY_NS` of being looked at is not
vouched for by its times (a second edit in the same tick of the file system's
clock keeps them all), so, as Git does for such entries, it is kept with a
digest of its text and compared by content the next time; once its times are
older than the margin, the digest is dropped. The cache lives *inside* the output
folder (``.timeline-cache/``), like everything the generator writes: it is
carried from the old output to the new one at each swap. ``--no-cache`` skips it.
"""

from __future__ import annotations

import errno
import hashlib
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

import markdown_it
import mdit_py_plugins
import yaml

from .. import __version__
from ..outputfile import RecordFile, read_records
from . import engine, frontmatter, markdown, quickyaml
from .frontmatter import Document
from .markdown import Body, Reference

CACHE_DIR = ".timeline-cache"
CACHE_FILE = f"{CACHE_DIR}/bodies.marshal"
RACY_NS = 100_000_000
"""How recent a change must be, when a file is looked at, for its times not to be trusted.

File times come from a clock that ticks every few milliseconds at most; this
leaves a wide margin."""


PARSER_VERSIONS = (markdown_it.__version__, mdit_py_plugins.__version__, yaml.__version__)
"""The Markdown parser's and its plugins' versions (from the modules: faster than asking the installed packages)."""


def _salt() -> str:
    # the engine chosen is left out: both give the same bytes (tests/content/test_engines.py)
    code = b"".join(Path(module.__file__ or "").read_bytes() for module in (markdown, engine, frontmatter, quickyaml, sys.modules[__name__]))
    return hashlib.sha256(b"|".join([__version__.encode(), code, *(v.encode() for v in PARSER_VERSIONS)])).hexdigest()


_SALT = _salt()


def key(text: str, first_line: int, raw_html: bool) -> str:
    """The cache key of a body."""
    return hashlib.sha256(f"{_SALT}|{raw_html}|{first_line}|".encode() + text.encode()).hexdigest()[:40]


@dataclass(frozen=True, slots=True)
class FileKey:
    """A content file's cache key as it is now on disk, and whether its times can vouch for its text."""

    key: str
    settled: bool
    """Last changed more than :data:`RACY_NS` before it was looked at: a later edit moves its times."""


@dataclass(frozen=True, slots=True)
class Kept:
    """A content file's document as a previous build read it, and the digest of its text when its times could not vouch for it."""

    doc: Document
    digest: bytes | None


def document_key(display: str, file: str) -> FileKey | None:
    """The cache key of a content file as it is now on disk (``None`` when it cannot be looked at); no byte of it is read."""
    try:
        stat = os.stat(file)
    except OSError:
        return None
    settled = max(stat.st_mtime_ns, stat.st_ctime_ns) < time.time_ns() - RACY_NS
    return FileKey(f"file|{display}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}|{stat.st_ctime_ns}", settled)


def text_digest(text: str) -> bytes:
    """What a file's text is compared by when its times cannot vouch for it."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _pack(body: Body) -> tuple[object, ...]:
    refs = tuple((r.kind, r.target, r.fragment, r.line, r.column, r.written) for r in body.references)
    return (body.packed_html, body.headings, body.first_paragraph, refs, body.too_deep)


def _unpack(item: tuple[Any, ...]) -> Body:
    packed_html, headings, first, refs, too_deep = item
    return Body(packed_html, tuple(headings), first, tuple(Reference(*r) for r in refs), too_deep)


@dataclass(frozen=True, slots=True)
class SpooledFile(RecordFile):
    """The cache file: the salt, then every record by key, each copied from the temporary file it was spooled to or written from :attr:`held`."""

    spool: IO[bytes] | None = field(default=None, compare=False)
    places: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    """Where each spooled record lies in ``spool``: its offset and size."""
    held: Mapping[str, tuple[object, ...]] = field(default_factory=dict, compare=False)
    """The records that found no room in ``spool``."""

    def write_to(self, stream: BinaryIO) -> None:
        """Write the salt and every record, in the order of their keys."""
        marshal.dump(_SALT, stream, 0)
        for item_key in sorted([*self.places, *self.held]):
            place = self.places.get(item_key)
            if place is None or self.spool is None:
                marshal.dump((item_key, cast(Any, self.held[item_key])), stream, 0)
            else:
                offset, size = place
                stream.write(os.pread(self.spool.fileno(), size, offset))
        if self.spool is not None:
            self.spool.close()


class BodyCache:
    """Bodies by key: those a previous build left, and those this build used.

    What this build uses is written at once to a temporary file rather than
    kept: on a cold build that is every file's text and every converted body,
    which would otherwise all be held until the cache is written. Should that
    file find no room, the rest is held here, and writing the output says what is wrong.
    """

    def __init__(self, known: dict[str, tuple[object, ...]] | None = None) -> None:
        self._known = known or {}
        self._used: set[str] = set()
        self._spool: IO[bytes] | None = None
        self._places: dict[str, tuple[int, int]] = {}
        self._held: dict[str, tuple[object, ...]] = {}
        self._rewritten = False
        """Whether a file kept before is kept differently now (its digest dropped)."""

    def _use(self, item_key: str, item: tuple[object, ...]) -> None:
        if item_key in self._used:
            return
        self._used.add(item_key)
        if self._held or not self._spooled(item_key, item):
            self._held[item_key] = item

    def _spooled(self, item_key: str, item: tuple[object, ...]) -> bool:
        """Whether the record went whole to the temporary file."""
        # format 0, as RecordFile writes: the same records always make the same bytes
        record = marshal.dumps((item_key, cast(Any, item)), 0)
        spool = self._spool
        try:
            if spool is None:
                spool = tempfile.TemporaryFile(buffering=0)
            start = spool.tell()
            try:
                data = memoryview(record)
                while data:
                    written = spool.write(data)
                    if not written:
                        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                    data = data[written:]
            except OSError:
                spool.truncate(start)  # no part of a record stays behind
                raise
        except OSError:
            if spool is not None and self._spool is None:
                spool.close()
            return False
        self._spool = spool
        self._places[item_key] = (start, len(record))
        return True

    @classmethod
    def load(cls, output: Path) -> BodyCache:
        """The cache in an output folder; empty when there is none, it cannot be read, or another converter wrote it."""
        try:
            records = read_records(output / CACHE_FILE)
            if next(records) != _SALT:
                return cls()
            return cls({key: item for key, item in cast(Iterator[tuple[str, tuple[object, ...]]], records)})
        except (OSError, EOFError, ValueError, TypeError, StopIteration):
            return cls()

    def get(self, body_key: str) -> Body | None:
        """A cached body, or ``None``."""
        item = self._known.get(body_key)
        if item is None:
            return None
        self._use(body_key, item)
        return _unpack(item)

    def put(self, body_key: str, body: Body) -> None:
        """Remember a body this build converted."""
        self._use(body_key, _pack(body))

    def document(self, file_key: str) -> Kept | None:
        """A content file's document as a previous build read it, or ``None``."""
        item = self._known.get(file_key)
        if item is None:
            return None
        path, data, lines, body, body_line, digest = item
        if digest is None:
            self._use(file_key, item)  # one kept by its text is used once the caller has compared it (put_document)
        doc = Document(cast(str, path), cast(dict[str, Any], data), cast(dict[str, int], lines), cast(str, body), cast(int, body_line))
        return Kept(doc, cast(bytes | None, digest))

    def put_document(self, file_key: str, doc: Document, digest: bytes | None = None) -> None:
        """Remember a document this build read, with its text's digest when its times cannot vouch for it.

        One whose values ``marshal`` cannot store (an explicit ``!!timestamp``) is read again next time.
        """
        item: tuple[Any, ...] = (doc.path, doc.data, doc.lines, doc.body, doc.body_line, digest)
        try:
            marshal.dumps(item)
        except ValueError:
            return
        if self._known.get(file_key, item) != item:
            self._rewritten = True
        self._use(file_key, item)

    def unchanged(self) -> bool:
        """Whether this build used exactly what the previous one left (a digest dropped counts as a change)."""
        return not self._rewritten and self._used == self._known.keys()

    def file(self) -> RecordFile:
        """The cache as it should be written: the salt, then each body and file this build used, in a fixed order.

        It is written once, before rendering: the cache then lets go of what it
        holds (the previous cache, when a warm build read one), which rendering has no use for.
        """
        spooled = SpooledFile(CACHE_FILE, (), self._spool, self._places, self._held)
        self._spool, self._places, self._held, self._used, self._known = None, {}, {}, set(), {}
        return spooled
