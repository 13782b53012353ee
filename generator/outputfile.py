"""The unit every renderer produces: a path inside the output folder and its bytes."""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file to write, by its path inside the output folder."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A file of ``marshal`` records (the caches), written one record at a time, never held whole as bytes."""

    path: str
    records: Iterable[object]

    def write_to(self, stream: BinaryIO) -> None:
        """Write every record to ``stream``."""
        for record in self.records:
            # format 0: later formats mark objects by how many references they have and whether they are interned,
            # so the same records could be written as different bytes
            marshal.dump(record, stream, 0)  # type: ignore[arg-type]  # records are tuples of marshallable values


def read_records(path: Path) -> Iterator[object]:
    """The records of a :class:`RecordFile`, one at a time; raises ``OSError``, ``ValueError`` or ``EOFError`` (cut short) like ``marshal``."""
    with path.open("rb") as stream:
        size = path.stat().st_size
        while stream.tell() < size:
            yield marshal.load(stream)
