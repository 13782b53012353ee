"""Text extracted from a PDF or a print layout, put back into one paragraph a line.

A PDF's text comes out as the printed lines: every line broken at the column's
width, words split over two lines with a hyphen ("regu-" / "lation"), and each
page's running header and footer ("THE HARBOUR GAZETTE  15 July 2020  NEWS 7",
"Page 1 of 2") in the middle of a sentence at every page break. :func:`reflow`
undoes all three, and leaves any other page as it was, so the line-by-line
reading after it never sees the difference.
"""

from __future__ import annotations

import re

from .dates import read_dateline
from .meta import byline
from .text import clean, ends_sentence

_RULE = re.compile(r"^\s*[-─━=_–—*·.]{8,}\s*$")
_PAGE_NUMBER = re.compile(r"(?i)^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$")
_PAGE_MARK = re.compile(r"(?i)\bpage \d{1,4} (?:of|/) \d{1,4}\b|\f")
_SPLIT_WORD = re.compile(r"(?P<head>[^\W\d_]+)-$")
_LEADING_WORD = re.compile(r"^(?P<tail>[^\W\d_]+)")
_COLUMNS = re.compile(r"\t|[ \u00a0]{3,}")
# A headline line that ends on one of these words goes on: no headline ends "from" or "the".
_OPEN_ENDED = frozenset("a an the of to in on at by for from with and or but as into over after before under than its their his her".split())
MIN_REPEATS = 2
MAX_WIDTH = 110


def reflow(text: str) -> str:
    """A PDF extract with its running heads, page numbers, hyphenation and hard wraps undone; other text unchanged."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paginated = bool(_PAGE_MARK.search(text)) or any(_RULE.match(line) for line in lines)
    running = _running_lines(lines) if paginated else set()
    hyphenated = sum(1 for a, b in zip(lines, lines[1:], strict=False) if _SPLIT_WORD.search(a.rstrip()) and b.strip()[:1].islower())
    if not running and not (paginated and hyphenated) and hyphenated < 3:
        return text
    kept = _without_page_furniture(lines, running | _feet_echoing_head(lines))
    return "\n".join(_paragraphs(kept, " ".join(kept))) + "\n"


def _shape(line: str) -> str:
    """A line with its digits blanked, so "Page 1 of 2" and "Page 2 of 2" repeat."""
    return re.sub(r"\d+", "#", clean(line)).casefold()


def _running_lines(lines: list[str]) -> set[str]:
    """The shapes of lines printed on every page: not prose, seen at least twice, far apart."""
    seen: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if len(clean(line).split()) >= 3 and not _RULE.match(line) and not ends_sentence(clean(line)) and not line.rstrip().endswith(":"):
            seen.setdefault(_shape(line), []).append(index)
    return {shape for shape, where in seen.items() if len(where) >= MIN_REPEATS and where[-1] - where[0] >= 10 and len(shape) >= 6}


def _without_page_furniture(lines: list[str], running: set[str]) -> list[str]:
    """The lines without rules, page numbers and running heads; the first running head, at the top, stays, one column a line.

    A line beside a page break (a rule or a form feed) with its page number set apart at one end is a running head or
    foot even when it is printed only once. It may name the paper and the day, so it is kept, but moved out of the
    sentence the page break cut in two, to just after that paragraph ends.
    """
    kept: list[str] = []
    folios: set[int] = set()  # indexes in ``kept``
    top = True  # still above the first line of the article
    breaks = [i for i, line in enumerate(lines) if _RULE.match(line) or "\f" in line]
    for index, line in enumerate(lines):
        if _RULE.match(line) or (_PAGE_NUMBER.match(line) and clean(line)) or "\f" in line and not clean(line):
            continue
        if _shape(line) in running if clean(line) else False:
            if top:  # the masthead and the date of the first page are facts about the article
                kept += [clean(cell) for cell in _COLUMNS.split(line.strip()) if clean(cell)]
            continue
        if not top and _is_folio(line) and any(abs(index - other) <= 2 for other in breaks):
            folios.add(len(kept))
        elif clean(line):
            top = False
        kept.append(line.replace("\f", ""))
    # A page break leaves blank lines inside a paragraph: one with words both sides that do not end a sentence is not a break.
    result: list[str] = []
    held: list[str] = []
    for index, line in enumerate(kept):
        if index in folios:
            held.append(line)
            continue
        if not clean(line) and result and clean(result[-1]) and not ends_sentence(clean(result[-1])):
            following = next((clean(rest) for i, rest in enumerate(kept[index + 1 :], index + 1) if clean(rest) and i not in folios), "")
            if following[:1].islower():
                continue
        result.append(line)
        if not clean(line) and held:
            result += [part for folio in held for part in (folio, "")]
            held = []
    return result + [part for folio in held for part in ("", folio)]


def _feet_echoing_head(lines: list[str]) -> set[str]:
    """The shapes of the first line and of folios anywhere that repeat its words ("28   SILICON MONTHLY · OCTOBER 2020" under
    "SILICON MONTHLY    OCTOBER 2020 · VOL. 14 NO. 10"): a running head and its foot, printed once each in a short extract."""
    head = next((line for line in lines if clean(line)), "")
    words = set(re.findall(r"[^\W\d_]+", head.casefold()))
    feet = {
        _shape(line) for line in lines[1:]
        if _is_folio(line) and (own := re.findall(r"[^\W\d_]+", line.casefold())) and len(own) >= 2 and set(own) <= words
    }
    return feet | {_shape(head)} if feet else set()


def _is_folio(line: str) -> bool:
    """A running head or foot with its page number set apart ("4      THE REVIEW · 9 October 2012", "The Review · Subscribe      3")."""
    cells = [cell for cell in _COLUMNS.split(line.strip()) if cell]
    return len(cells) >= 2 and any(re.fullmatch(r"\d{1,3}", cell) for cell in (cells[0], cells[-1]))


def _width(lines: list[str]) -> int:
    """The column width: the length most full lines reach."""
    lengths = sorted(len(clean(line)) for line in lines if len(clean(line).split()) >= 4)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    return width if width <= MAX_WIDTH else 0  # longer lines are whole paragraphs, not a column's


def _paragraphs(lines: list[str], whole: str) -> list[str]:
    """One paragraph a line, blank lines between: hard-wrapped lines joined, split words mended."""
    width = _width(lines)
    paragraphs: list[str] = []
    current = last = ""  # the paragraph so far, and its last printed line
    for raw in lines:
        line = clean(raw)
        if current and line and _goes_on(current, last, line, width):
            current = _join(current, line, whole)
        else:
            paragraphs += [current] if current else []
            current = line
        last = line
    paragraphs += [current] if current else []
    return [part for paragraph in paragraphs for part in (paragraph, "")]


def _goes_on(current: str, last: str, line: str, width: int) -> bool:
    """Whether ``line`` continues the paragraph ``current``, whose last printed line ``last`` is full, split or open-ended."""
    if byline(current) or read_dateline(current) is not None or _COLUMNS.search(line):
        return False  # a byline or dateline is a line of its own, however long
    if _SPLIT_WORD.search(last) and line[:1].isalpha() or line[:1].islower():
        return True
    if not ends_sentence(last) and last.split()[-1].casefold() in _OPEN_ENDED:
        return True
    return bool(width) and len(last) + 1 + len(line.split()[0]) > width - 3 and not last.endswith(":")


def _join(current: str, line: str, whole: str) -> str:
    """``current`` and ``line`` as one paragraph, a word split at the line's end mended ("regu-" + "lation")."""
    split = _SPLIT_WORD.search(current)
    following = _LEADING_WORD.match(line)
    if split is None or following is None:
        return f"{current} {line}"
    head, tail = split.group("head"), following.group("tail")
    if _keeps_hyphen(head, tail, whole):
        return f"{current}{line}"
    return f"{current[:-1]}{line}"


def _keeps_hyphen(head: str, tail: str, whole: str) -> bool:
    """Whether "head-" + "tail" is a hyphenated word ("U-turn", "Brennan-Osei") rather than one word split to fit the line.

    The page itself is the dictionary: the word written whole elsewhere is one word; written with its hyphen
    elsewhere, a compound. Otherwise a capital after the hyphen marks a compound, and a small letter a split word.
    """
    joined = re.compile(rf"(?i)\b{re.escape(head + tail)}\b")
    hyphened = re.compile(rf"(?i)\b{re.escape(head)}-{re.escape(tail)}\b")
    if joined.search(whole.replace(f"{head}- {tail}", " ")):
        return False
    if hyphened.search(whole):
        return True
    return tail[:1].isupper()
