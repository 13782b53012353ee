"""Which bodies could make the compiled Markdown engine panic on a code span.

markdown-it-pyrs 0.4.0 (on the ``markdown-it`` crate 0.6.0) remembers, per
paragraph, how far it has looked for each length of backtick run. A link's
text is scanned twice, once to find where it ends and once to render it; a
code span opened inside it that never closes marks the paragraph as looked
through, and the second visit then reads that record past its end: the engine
panics, prints a Rust backtrace to stderr, and :class:`~generator.content.engine.Engine`
falls back to the reference. So that nothing reaches the user's terminal, a
body where this could happen is sent to the reference at once.

The panic needs a ``[`` (a link or image's text) and a run of backticks that no
later run of the same length closes. :func:`may_panic` pairs the runs as the
engine does, line by line and table cell by cell, and answers yes whenever it
cannot be sure of the pairing: an escaped backtick, a backtick inside a link's
destination or title, or in what could be an autolink. Most bodies are settled by
:func:`_spans_close_at_once`, which costs about a microsecond.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"`+")
_BREAKS_SPAN = re.compile(r"[\n|<>\\()]")
"""In a code span's text: what could make the engine pair its backticks differently from a plain left-to-right pairing
(a new line or table cell, an autolink, an escape, a link's destination)."""
_AUTOLINK = re.compile(r"<[^\s<>]*`[^\s<>]*>")
"""What could be an autolink with a backtick in it, which it would hide from the pairing."""
_FENCE = re.compile(r" {0,3}```+[^`]*")
"""A line that opens or closes a fenced code block: never inline text."""
_UNSURE_DESTINATION = re.compile(r"[`\s\"'<\\]")
"""In a link's destination: a backtick the link would swallow, or a title, an angle-bracket form or an escape that make its end unsure."""


def may_panic(text: str) -> bool:
    """Whether ``text`` could make the compiled engine panic (so it must go to the reference); no means it cannot."""
    if "[" not in text or "`" not in text:
        return False
    if _spans_close_at_once(text):
        return False
    if "\\`" in text:
        return True  # an escaped backtick is text, not a run: the pairing below would be wrong
    for line in text.split("\n"):
        if "`" in line and not _FENCE.fullmatch(line):
            for cell in line.split("|"):
                if "`" in cell and not _pairs_up(cell):
                    return True
    return False


def _spans_close_at_once(text: str) -> bool:
    """Whether each backtick run is closed by the very next one, of the same length, on the same line with nothing unsure between."""
    end = 0
    while (start := text.find("`", end)) >= 0:
        close = start + 1
        while text.startswith("`", close):
            close += 1
        length = close - start
        if start > 0 and text[start - 1] == "\\":
            return False
        end = text.find("`", close)
        if end < 0 or _BREAKS_SPAN.search(text, close, end):
            return False
        stop = end + 1
        while text.startswith("`", stop):
            stop += 1
        if stop - end != length:
            return False
        end = stop
    return True


def _pairs_up(cell: str) -> bool:
    """Whether every backtick run in ``cell`` (a line, or a table cell) is closed, with no destination or autolink in the way."""
    if ("<" in cell and _AUTOLINK.search(cell)) or not _destinations_plain(cell):
        return False
    runs = [len(run) for run in _RUN.findall(cell)]
    at = 0
    while at < len(runs):
        try:  # the engine closes a run with the next run of the same length
            at = runs.index(runs[at], at + 1) + 1
        except ValueError:
            return False
    return True


def _destinations_plain(cell: str) -> bool:
    """Whether each ``](…)`` in ``cell`` closes on it and holds nothing that could hide a backtick from the pairing."""
    start = cell.find("](")
    while start >= 0:
        depth, end = 0, start + 1
        for end in range(start + 1, len(cell)):
            depth += {"(": 1, ")": -1}.get(cell[end], 0)
            if depth == 0:
                break
        else:
            return False
        if _UNSURE_DESTINATION.search(cell, start + 2, end):
            return False
        start = cell.find("](", end)
    return True
