"""The elements of a page that changed between two builds, found in its bytes.

A save usually changes a few elements of the page open in the browser: the
edited event's entry on a year of the timeline, its text on its own page. The
browser then needs those elements, not the whole page (half a megabyte for a
busy year): :func:`changed_parts` finds them without parsing the page.

Walking both versions from the start, each difference is put inside the
innermost element with an ``id`` around it in both (found from the nearest
``id="`` before it, its end by counting that tag's opening and closing tags);
the walk goes on after that element. The bytes between the parts are the same
in both versions, so the old page with each part's old element replaced by its
new one is the new page. A page that changed anywhere no such element holds
(its ``<head>``, an element without an ``id``) gives ``None``, as does anything
unusual (an element left unclosed, an id twice): the browser then fetches the
whole page. The browser checks each part's old element against the one it
holds before using the new one, so a part found wrongly costs a full fetch,
never a wrong page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PARTS = 32
"""More separate changes than this on one page: it is fetched whole."""
_CHUNK = 4096
_ID = b' id="'
_VOID = frozenset(b"area base br col embed hr img input link meta source track wbr".split())
_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
_SEARCHED = 256
"""How many elements with an id, nearest first, are tried as the one around a difference."""
STEPS = 50_000
"""How many tags the search may step over in all, however the page nests its elements: past it the page goes whole."""


class _Budget:
    """The steps left to one :func:`changed_parts` (a page of deeply nested elements with ids must not take seconds)."""

    def __init__(self) -> None:
        self.left = STEPS

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


@dataclass(frozen=True, slots=True)
class Part:
    """One element whose contents changed: its id, and its HTML before and after."""

    id: str
    before: str
    after: str


def changed_parts(old: bytes, new: bytes) -> tuple[Part, ...] | None:
    """The elements with an id that hold every difference from ``old`` to ``new``; ``None`` when they do not exist."""
    parts: list[Part] = []
    at_old = at_new = 0
    budget = _Budget()
    while True:
        first = _common_prefix(old, new, at_old, at_new)
        at_old, at_new = at_old + first, at_new + first
        if at_old == len(old) and at_new == len(new):
            return tuple(parts)
        if len(parts) == MAX_PARTS:
            return None
        found = _around(old, new, at_old, at_new, budget)
        if found is None:
            return None
        start, end_old, end_new, ident = found
        if start < (at_old - first) or any(part.id == ident for part in parts):
            return None  # an element begun before the last part ended holds it: no longer one element each
        parts.append(Part(ident, old[start:end_old].decode("utf-8", "replace"), new[start - at_old + at_new:end_new].decode("utf-8", "replace")))
        at_old, at_new = end_old, end_new


def _common_prefix(old: bytes, new: bytes, at_old: int, at_new: int) -> int:
    """How many bytes from ``at_old`` in ``old`` and ``at_new`` in ``new`` are the same (compared a block at a time)."""
    size = min(len(old) - at_old, len(new) - at_new)
    done = 0
    while done < size:
        step = min(_CHUNK, size - done)
        if old[at_old + done:at_old + done + step] != new[at_new + done:at_new + done + step]:
            break
        done += step
    else:
        return size
    while old[at_old + done] == new[at_new + done]:
        done += 1
    return done


def _around(old: bytes, new: bytes, at_old: int, at_new: int, budget: _Budget) -> tuple[int, int, int, str] | None:
    """The innermost element with an id holding the difference at ``at_old``/``at_new``: its start in ``old``, its ends, its id.

    Its start lies in the bytes the two share just before the difference; ``new``'s
    positions up to the difference are ``old``'s shifted by ``at_new - at_old``.
    """
    shift = at_new - at_old
    limit = at_old
    for _ in range(_SEARCHED):
        found = old.rfind(_ID, 0, limit)
        if found < 0:
            return None
        limit = found
        start = old.rfind(b"<", 0, found)
        if start < 0 or b">" in old[start:found]:
            continue  # an id=" outside a tag: text, not an attribute
        name = _NAME.match(old, start)
        if name is None or name.end() >= at_old:
            continue
        ends = _end(old, start, name[1], budget), _end(new, start + shift, name[1], budget)
        if budget.left < 0:
            return None
        if ends[0] is None or ends[1] is None or ends[0] <= at_old or ends[1] <= at_new:
            continue  # closed before the difference: a sibling, not an ancestor
        close = old.find(b'"', found + len(_ID))
        if close < 0 or close >= at_old:
            return None  # the difference is in the id itself
        ident = old[found + len(_ID):close].decode("utf-8", "replace")
        if old.count(_ID + old[found + len(_ID):close + 1]) != 1 or new.count(_ID + old[found + len(_ID):close + 1]) != 1:
            return None
        return start, ends[0], ends[1], ident
    return None


def _end(page: bytes, start: int, name: bytes, budget: _Budget) -> int | None:
    """Where the element whose start tag begins at ``start`` ends (just past its end tag); ``None`` if it does not."""
    if name.lower() in _VOID:
        close = page.find(b">", start)
        return None if close < 0 else close + 1
    opening, closing = b"<" + name, b"</" + name
    depth, at = 0, start
    while budget.spend():
        next_close = _tag(page, closing, at)
        if next_close < 0:
            return None
        next_open = _tag(page, opening, at, next_close)
        if 0 <= next_open < next_close:
            depth, at = depth + 1, next_open + len(opening)
            continue
        depth, at = depth - 1, next_close + len(closing)
        if depth == 0:
            end = page.find(b">", at)
            return None if end < 0 else end + 1
    return None


def _tag(page: bytes, text: bytes, start: int, stop: int | None = None) -> int:
    """The next ``text`` (``<name`` or ``</name``) from ``start`` that is a whole tag name, or -1."""
    while True:
        found = page.find(text, start, stop) if stop is not None else page.find(text, start)
        if found < 0:
            return -1
        after = page[found + len(text):found + len(text) + 1]
        if after in (b">", b" ", b"/", b"\n", b"\t", b"\r", b"\f"):
            return found
        start = found + 1
