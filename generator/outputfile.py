"""The unit every renderer produces: a path inside the output folder and its bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file to write, by its path inside the output folder."""

    path: str
    data: bytes
