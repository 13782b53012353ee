"""What the previous build made, and from what: a warm build skips every task whose inputs are unchanged.

Each build task (a page, a few pages that belong together, a feed) is known
by its key and a fingerprint of everything it reads (:class:`Fingerprints`).
The cache keeps, per task, that fingerprint and the files the task wrote, with
their size and modification time as written and what the link checker needs of
each page. When a task's fingerprint is unchanged and its files are still in
the output folder as they were written, the build neither renders nor writes
them, and checks their links from what the cache remembers.

Like the body cache it lives in ``.timeline-cache/`` inside the output folder.
Its salt covers this generator's code, the templates, the site settings and the
command-line options, so any of those changing starts afresh. It records file
times, so, unlike the site, it is not byte-identical from build to build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import operator
import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import jinja2

from .. import __version__
from ..content.cache import CACHE_DIR, PARSER_VERSIONS
from ..content.model import Entity, Event, Tag
from ..errors import Problem
from ..outputfile import RecordFile, read_records

CACHE_FILE = f"{CACHE_DIR}/pages.marshal"
_GENERATOR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Written:
    """One file a task wrote: where, its size and modification time then, and for a page its ids and links (:func:`~generator.build.linkscan.pack`)."""

    path: str
    size: int
    mtime_ns: int
    ids: str | None = None
    links: str = ""


@dataclass(frozen=True, slots=True)
class Made:
    """What one task made, from inputs with this fingerprint."""

    fingerprint: bytes
    files: tuple[Written, ...]


def salt(templates: Iterable[Path], settings: object) -> bytes:
    """What every page depends on besides its own inputs: this generator's code, the libraries, the templates, the settings."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (__version__, jinja2.__version__, *PARSER_VERSIONS, repr(settings)):
        digest.update(part.encode() + b"\0")
    for source in [*sorted(_GENERATOR.rglob("*.py")), *templates]:
        digest.update(os.fsencode(source) + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


class Fingerprints:
    """Digests of task inputs.

    Inputs are tuples of values whose ``repr`` says everything about them.
    Events, entities and tags are shown by many pages, so each is digested
    once per build (per process: each worker digests those its tasks show).
    """

    def __init__(self) -> None:
        self._shared: dict[int, str] = {}
        self._alive: list[object] = []  # keeps every digested object, so no id() is reused within a build

    def of(self, inputs: Any) -> bytes:
        """The fingerprint of ``inputs``."""
        parts: list[str] = []
        self._feed((inputs,), parts)
        # one encoding for the whole: each part is a repr (which never holds a NUL), a digest or a bracket
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).digest()

    def _feed(self, value: tuple[Any, ...], parts: list[str]) -> None:
        # tens of thousands of leaves per build: each is handled here, without a call of its own
        parts.append("(")
        for item in value:
            kind = type(item)
            if kind is tuple:
                self._feed(item, parts)
            elif kind in _SHARED:
                known = self._shared.get(id(item))
                parts.append(self._digest(item) if known is None else known)
            else:
                parts.append(repr(item))
        parts.append(")")

    def _digest(self, record: Event | Entity | Tag) -> str:
        fields, packed = _SHARED[type(record)]
        # a body's compressed bytes are hashed as they are: their repr would cost more than all the other fields'
        body = getattr(record, packed) if packed else b""
        digest = hashlib.blake2b(repr(fields(record)).encode() + b"\0" + body, digest_size=16).hexdigest()
        self._shared[id(record)] = digest
        self._alive.append(record)
        return digest


def _fields(record: type, but: str = "") -> tuple[Callable[[Any], tuple[Any, ...]], str]:
    """A getter of every field of ``record`` but ``but`` (as one tuple, in the class's order), and ``but``."""
    names = [f.name for f in dataclasses.fields(record) if f.name != but]
    return operator.attrgetter(*names), but


_SHARED: dict[type, tuple[Callable[[Any], tuple[Any, ...]], str]] = {
    Event: _fields(Event, "packed_html"), Entity: _fields(Entity), Tag: _fields(Tag),
}
"""The records digested once each, with how to read them."""


class PageCache:
    """Tasks the previous build made, and the tasks this build made or kept."""

    def __init__(self, output: Path, salt: bytes, known: dict[Hashable, Made] | None = None, flagged: frozenset[str] = frozenset(),
                 present: Mapping[str, tuple[int, int]] | None = None) -> None:
        self.output, self.salt = output, salt
        self.present = present
        """The output's regular files, reached without symlinks, with their size and time (``None``: ask the disk)."""
        self._known = known or {}
        self._used: dict[Hashable, Made] = {}
        self._flagged = flagged
        self.flagged: frozenset[str] = frozenset()
        """The pages where this build's link check found something (see :meth:`unchanged_after`)."""

    @classmethod
    def load(cls, output: Path, salt: bytes, present: Mapping[str, tuple[int, int]] | None = None) -> PageCache:
        """The cache in ``output``; empty when there is none, it cannot be read, or its salt differs.

        ``present`` lists the files really in the output (no symlink followed
        to find them): only those can be kept.
        """
        try:
            records = read_records(output / CACHE_FILE)
            if next(records) != salt:
                return cls(output, salt, present=present)
            flagged = frozenset(cast(list[str], next(records)))
            return cls(output, salt, {key: _unpack(made) for key, made in cast(Iterator[tuple[Any, Any]], records)}, flagged, present)
        except (OSError, EOFError, ValueError, TypeError, StopIteration):
            return cls(output, salt, present=present)

    def __bool__(self) -> bool:
        return bool(self._known)

    def reuse(self, key: Hashable, fingerprint: bytes) -> Made | None:
        """What the previous build made for ``key``, if from the same inputs and still in the output as written."""
        made = self._known.get(key)
        if made is None or made.fingerprint != fingerprint or not all(self._intact(w) for w in made.files):
            return None
        self._used[key] = made
        return made

    def _intact(self, written: Written) -> bool:
        if self.present is not None:
            return self.present.get(written.path) == (written.size, written.mtime_ns)
        try:
            stat = os.stat(self.output / written.path)
        except OSError:
            return False
        return stat.st_size == written.size and stat.st_mtime_ns == written.mtime_ns

    def record(self, key: Hashable, made: Made) -> None:
        """Remember what this build made for ``key``."""
        self._used[key] = made

    @cached_property
    def previous_paths(self) -> frozenset[str]:
        """Every file the previous build's tasks wrote."""
        return frozenset(w.path for made in self._known.values() for w in made.files)

    @cached_property
    def previous_ids(self) -> dict[str, str | None]:
        """The ids of every page the previous build wrote, by path."""
        return {w.path: w.ids for made in self._known.values() for w in made.files}

    def was_flagged(self, path: str) -> bool:
        """Whether the previous build's link check found something on the page at ``path``."""
        return path in self._flagged

    def unchanged_after(self, findings: Iterable[Problem]) -> bool:
        """Note the pages ``findings`` name; whether this build kept every task of the previous one and flagged the same pages."""
        self.flagged = frozenset(p.path for p in findings)
        return self._used.keys() == self._known.keys() and all(self._used[k] is self._known[k] for k in self._known) \
            and self.flagged == self._flagged

    def file(self) -> RecordFile:
        """The cache as it should be written: the salt, the flagged pages, then each task of this build, in a fixed order."""
        tasks = sorted(self._used.items(), key=lambda item: repr(item[0]))
        # written once, at the end of a build: what the cache holds goes with the file rather than staying to the end
        self._used, self._known = {}, {}
        return RecordFile(CACHE_FILE, itertools.chain([self.salt, sorted(self.flagged)], ((key, _pack(made)) for key, made in tasks)))


def _pack(made: Made) -> tuple[Any, ...]:
    return made.fingerprint, tuple((w.path, w.size, w.mtime_ns, w.ids, w.links) for w in made.files)


def _unpack(item: tuple[Any, ...]) -> Made:
    fingerprint, files = item
    return Made(fingerprint, tuple(Written(*file) for file in files))
