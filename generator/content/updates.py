"""``updates:`` on an event: corrections and updates made after publication, and the rules they meet.

A correction puts a published fact right; an update adds news. Each is dated:
not before the event it changes (for an event known only by its end, any past
date will do) and not after today.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from . import fields as f
from .dates import PartialDate
from .frontmatter import Document

UPDATE_KINDS = ("correction", "update")
"""What an entry of ``updates:`` records: a fact put right, or news added."""


@dataclass(frozen=True, slots=True)
class Update:
    """A dated change to a published event, shown on it and in the corrections log."""

    date: PartialDate
    kind: str
    text: str

    @property
    def verb(self) -> str:
        """``Corrected`` or ``Updated``: what the page says beside the title."""
        return "Corrected" if self.kind == "correction" else "Updated"


_UPDATE_FIELDS: list[f.Field[Any]] = [
    f.Field("date", f.date, True), f.Field("kind", f.choice(*UPDATE_KINDS), True), f.Field("text", f.text, True),
]


def updates(value: Any) -> tuple[Update, ...]:
    """``updates:`` as written: each entry a date, a kind and a text."""
    return f.records(value, _UPDATE_FIELDS, Update)


def _well_formed_updates(raw: Any) -> list[tuple[int, Update]]:
    """The entries of ``updates:`` that read well, with their places, so their dates are checked even when another entry is broken."""
    good = []
    for index, item in enumerate(raw if isinstance(raw, list) else ()):
        try:
            good.append((index, f.records([item], _UPDATE_FIELDS, Update)[0]))
        except f.FieldError:
            continue
    return good


def update_problems(doc: Document, start: PartialDate | None, open_start: bool, today: _dt.date) -> list[Problem]:
    """An update cannot come before the event it changes, nor after today."""
    problems = []
    for index, update in _well_formed_updates(doc.data.get("updates")):
        key = f"updates[{index}].date"
        if start is not None and not open_start and update.date.last_day < start.first_day:
            problems.append(Problem(doc.path, doc.line_of(key), key, f"{update.date.iso()} is before the event's date {start.iso()}"))
        if update.date.first_day > today:
            problems.append(Problem(doc.path, doc.line_of(key), key, f"{update.date.iso()} is in the future"))
    return problems


def newest_first(updates: tuple[Update, ...]) -> tuple[Update, ...]:
    """The order pages show them in (entries of one date keep the order written)."""
    return tuple(sorted(updates, key=lambda u: u.date.sort_key, reverse=True))
