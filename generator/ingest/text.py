"""Raw page bytes to text, text to units (one line, or one hard-wrapped paragraph), and word helpers.

Pages copied from a browser put each paragraph on one line; pages copied from
e-mail or terminals wrap them at a fixed width. Both end up as *units*: the text
of a unit is exactly the page's characters with runs of whitespace made one
space, which is the promise import makes about the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that copy-paste carries along and nobody typed on purpose.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
# One-to-one so that positions in a key match positions in the text.
_KEY_TABLE = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u00b4" "\u201c\u201d\u201e\u201f\u2033" "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "''''''" '"""""' "-------",
)
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]*"
_NOTE_MARK = re.compile(r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)+$")  # "… a licence.[2]", "… a licence.²"
_COLUMN_GAP = re.compile(r"\t|[ \u00a0]{2,}")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Unit:
    """A line of the page, or a hard-wrapped paragraph joined back into one line."""

    index: int
    text: str
    blank_before: bool
    cells: tuple[str, ...] = ()  # the items of a line laid out in columns (menus: "Home  About  Contact")


def decode(raw: bytes) -> tuple[str | None, str | None]:
    """``(text, None)``, or ``(None, reason)``: UTF-16 with a BOM, else UTF-8, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None, "not valid UTF-16 text"
    if not raw.strip():
        return None, "empty file"
    if b"\0" in raw:
        return None, "binary file: expected text"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        # Pages saved on Windows are often cp1252; it decodes all but five bytes.
        return raw.decode("cp1252"), None
    except UnicodeDecodeError as exc:
        return None, f"neither UTF-8 nor Windows-1252 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"


def clean(line: str) -> str:
    """One space for each run of whitespace; control and invisible characters dropped."""
    line = line.translate(_INVISIBLE)
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in line):
        line = "".join(" " if c.isspace() else c for c in line if unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn") or c.isspace())
    return " ".join(line.split())


def key(text: str) -> str:
    """The comparison form: straight quotes and hyphens for curly quotes and dashes, same length."""
    return text.translate(_KEY_TABLE)


def casefolded(text: str) -> str:
    """A line's form for telling whether two lines say the same: case folded, each run of white space one space."""
    return " ".join(text.casefold().split())


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, with inner apostrophes, dots and hyphens)."""
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence: ``.``, ``!``, ``?`` or ``…``, maybe before quotes, brackets or a footnote mark."""
    stripped = _NOTE_MARK.sub("", text.rstrip()).rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def title_case_ratio(text: str) -> float:
    """The share of words of three or more letters that start with a capital."""
    long_words = [w for w in words(text) if len(w) >= 3 and w[0].isalpha()]
    if not long_words:
        return 0.0
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words)


def is_upper(text: str) -> bool:
    """Whether the letters of ``text`` are all capitals (and there are at least three)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters if c.lower() != c.upper())


def units(text: str) -> list[Unit]:
    """Split page text into units, joining the lines of hard-wrapped paragraphs."""
    raws = text.splitlines()
    lines = [clean(line) for line in raws]
    width = _wrap_width(lines)
    result: list[Unit] = []
    previous = ""  # the last physical line, blank or not
    for raw, line in zip(raws, lines, strict=True):
        if line and previous and width and _continues(previous, line, width):
            last = result[-1]
            result[-1] = Unit(last.index, f"{last.text} {line}", last.blank_before)
        elif line:
            result.append(Unit(len(result), line, not previous or not result, _cells(raw)))
        previous = line
    return result


def _cells(raw: str) -> tuple[str, ...]:
    """The items of a line whose parts are separated by tabs or runs of spaces, if there are several."""
    cells = tuple(clean(cell) for cell in _COLUMN_GAP.split(raw.strip()) if clean(cell))
    return cells if len(cells) > 1 else ()


def _continues(previous: str, line: str, width: int) -> bool:
    """Whether ``line`` goes on the paragraph whose last physical line is ``previous``.

    A wrapped line is one the next word would not have fitted on, even when it
    happens to end a sentence: wrapped pages separate paragraphs with blank lines.
    """
    first_word = line.split(" ", 1)[0]
    return len(previous) + 1 + len(first_word) > width - 3


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped page was wrapped at, or 0 when lines were not wrapped.

    Evidence of wrapping: lines whose sentence goes on in lower case on the next line. The longest of them is
    the width, near enough; the longest line of all may be an address or a footer that was never wrapped.
    """
    wrapped = [len(line) for line, following in zip(lines, lines[1:], strict=False) if line and following and following[0].islower()]
    if len(wrapped) < 3:
        return 0
    width = max(wrapped)
    if not 40 <= width <= 100:
        return 0
    evidence = sum(1 for line, following in zip(lines, lines[1:], strict=False)
                   if line and following and following[0].islower() and len(line) + 1 + len(following.split(" ")[0]) > width - 3)
    return width if evidence >= 3 else 0
