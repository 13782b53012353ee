"""Labelled fields: "Label: value" lines, alone or in a box ("Case: …", "No.: …", "Rating: FALSE").

A line such as "WEATHER ALERT: …" or "Show: …" is a label over something else, not
a headline with a colon in it; several such lines in a row are a box of facts
about the article, never its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lines import Line
from .text import ends_sentence, is_upper
from .titles import has_kicker

# "WEATHER ALERT: …", "Newer post: …", "Show: …": a label over something else, not a headline with a colon in it.
_LABEL_PREFIX = re.compile(r"^(?P<label>[A-Z][\w'’]*(?: [A-Za-z][\w'’]*){0,2}):\s+\S")
_FIELD = re.compile(r"^(?P<label>[A-Z][\w'’]*\.?(?: [A-Za-z][\w'’]*\.?){0,2}):\s+\S")
# A document's header in capitals ("AGENCY: …", "ACTION: Final rule.", "FOR FURTHER INFORMATION CONTACT: …"): up to five words.
_CAPS_FIELD = re.compile(r"^(?P<label>[A-Z][A-Z'’&/-]*(?: [A-Z][A-Z'’&/-]*){0,4}):(?:\s+(?P<value>\S.*))?$")
# The labels under which such a header gives the document's own summary.
_SUMMARY_LABELS = frozenset(("SUMMARY", "ABSTRACT", "SYNOPSIS", "OVERVIEW", "IN BRIEF"))
_LABEL_WORDS = frozenset(
    "post alert show breaking update updated watch listen episode live tags topics category section series programme program podcast "
    "newsletter issue edition sponsored advertisement aired filed transcript analyst analysts author authors rating view contact".split()
)


def is_labelled(text: str) -> bool:
    """A label and its value ("WEATHER ALERT: …", "Sector view: Neutral", "Show: …"), not a headline with a colon in it."""
    match = _LABEL_PREFIX.match(text)
    if match is None or has_kicker(text):
        return False  # "OPINION: Ren's offer is a trap" is a headline under its label
    label = match.group("label")
    value = text[match.end("label") + 1 :]
    return is_upper(label) and len(label) > 3 or label.split()[-1].lower() in _LABEL_WORDS or len(value.split()) <= 3


def field_box(lines: Sequence[Line]) -> frozenset[int]:
    """Lines of a box of fields ("Claim: …", "Rating: FALSE", "Case: …", "No.: …"): "Label: value" lines in a row, two with
    a value of a word or three, or three and more whose values are not sentences. Speech ("MENDES: …", "Q: …") has
    names in capitals or a letter for labels, and sentences for values, so it stays."""
    def value(i: int) -> str | None:
        match = _FIELD.match(lines[i].text)
        label = match.group("label") if match else ""
        return lines[i].text[match.end("label") + 1 :].strip() if match and len(label) > 1 and not is_upper(label) else None

    found: set[int] = set()
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and value(i) is not None:
            run.append(i)
            continue
        values = [v for j in run if (v := value(j)) is not None]
        short = len(run) >= 2 and any(len(v.split()) <= 3 for v in values)
        if short or len(run) >= 3 and not any(ends_sentence(v) and len(v.split()) > 3 for v in values):
            found.update(run)
        run = []
    return frozenset(found)


def header_box(lines: Sequence[Line]) -> frozenset[int]:
    """Lines of a document's header of fields in capitals ("AGENCY: …", "ACTION: Final rule.", "SUMMARY: …", "DATES: …").

    Three or more such lines in a row, every label different and one value a word or three (or none, over what follows).
    A transcript's speakers ("MAAS: …") come back in turn and speak in sentences, so their lines stay.
    """
    found: set[int] = set()
    run: list[tuple[int, str, str]] = []
    for i in range(len(lines) + 1):
        match = _CAPS_FIELD.match(lines[i].text) if i < len(lines) else None
        if match is not None and len(match.group("label")) > 1:
            run.append((i, match.group("label"), match.group("value") or ""))
            continue
        labels = [label for _, label, _ in run]
        if len(run) >= 3 and len(set(labels)) == len(labels) and any(len(value.split()) <= 3 for _, _, value in run):
            found.update(index for index, _, _ in run)
        run = []
    return frozenset(found)


def summary_field(lines: Sequence[Line], box: frozenset[int]) -> int | None:
    """The line of a header box that gives the document's summary ("SUMMARY: This rule renews …"), if one does."""
    for i in sorted(box):
        match = _CAPS_FIELD.match(lines[i].text)
        if match is not None and match.group("label") in _SUMMARY_LABELS and match.group("value"):
            return i
    return None


def unlabelled(text: str) -> str:
    """A summary field's text without its label: "SUMMARY: This rule …" → "This rule …"; other text as it is."""
    match = _CAPS_FIELD.match(text)
    return match.group("value") if match is not None and match.group("label") in _SUMMARY_LABELS and match.group("value") else text
