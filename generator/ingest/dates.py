"""Dates in datelines: "Published 16 May 2019", "May 16, 2019 3:04 PM UTC", ISO stamps.

A *mention* is a calendar date found in a line, labelled ``published`` or
``updated`` by the nearest label word before it. Relative phrases ("Updated 2
days ago", "yesterday") are recognised only so they can be discarded: they say
nothing about the publication date once the page has been copied. Numeric dates
that could be day-first or month-first (``05/06/2019``) are refused, not guessed,
unless a 12-hour clock with a North American time zone beside them says month first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.dates import DateError, PartialDate, parse_date
from .text import ends_sentence, title_case_ratio, words

MONTH = r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Month abbreviations in Portuguese, Spanish, French, German, Italian and Dutch that English lacks, day first only:
# "20.mai.2019", "3 de dez. de 2020", "14 févr. 2021".
_FOREIGN_MONTHS = {
    "janv": 1, "ene": 1, "gen": 1, "jän": 1, "fev": 2, "fév": 2, "févr": 2, "avr": 4, "abr": 4, "mai": 5, "mei": 5, "mag": 5,
    "juin": 6, "giu": 6, "juil": 7, "lug": 7, "ago": 8, "août": 8, "aout": 8, "set": 9, "out": 10, "okt": 10, "ott": 10,
    "dez": 12, "dic": 12, "déc": 12,
}
# Months written out in Spanish, Portuguese, French, Italian and German whose first letters English shares ("29 de junio
# de 2019", "3 mars 2021"): whole words only, so "10 Marketing 2019" is no date.
_FOREIGN_FULL = {
    "enero": 1, "janeiro": 1, "januar": 1, "febrero": 2, "fevereiro": 2, "febbraio": 2, "februar": 2, "marzo": 3, "março": 3,
    "mars": 3, "märz": 3, "abril": 4, "aprile": 4, "mayo": 5, "maio": 5, "maggio": 5, "junio": 6, "junho": 6, "juni": 6,
    "julio": 7, "julho": 7, "juli": 7, "septiembre": 9, "setiembre": 9, "setembro": 9, "septembre": 9, "settembre": 9,
    "octubre": 10, "outubro": 10, "octobre": 10, "oktober": 10, "noviembre": 11, "novembro": 11, "novembre": 11,
    "diciembre": 12, "dezembro": 12, "décembre": 12, "dicembre": 12, "dezember": 12,
}
_FOREIGN_MONTHS |= _FOREIGN_FULL
_FOREIGN = "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[/.-])(?P<mo>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d/.-]\d)"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}}){_ORDINAL}(?:\s+of)?[\s-]+{MONTH}[\s,-]+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"\b{MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL}(?:,\s*|\s+)(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/.-]*\d)"),
    re.compile(rf"\b{MONTH}\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}})(?:\.|\s+de|\s*)[\s.-]*(?P<f>{_FOREIGN})\w*\.?(?:\s+de)?[\s.,-]*(?P<y>\d{{4}})(?!\d)", re.I),
]
# A 12-hour clock with a North American zone ("05/08/2024 07:31 AM EDT") is printed where dates are month first.
_US_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?[Mm]\b\.?\s*(?-i:E[SD]T|C[SD]T|M[SD]T|P[SD]T|ET|CT|MT|PT|AKST|AKDT|HST)\b")
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\s+ago\b"
    r"|\b(?:yesterday|today|just now|moments ago|last (?:night|week|month))\b",
    re.I,
)
# A video's or a broadcast's first showing is its publication: "Premiered Aug 9, 2019", "Streamed live on 3 Mar 2022".
# A bilingual page's label in its other language: "publié le", "publicado el", "veröffentlicht am", "pubblicato il".
_PUBLISHED = re.compile(
    r"\b(?:published|posted|released|issued|dated|created|filed|pub\.? date|date|premiered|streamed|uploaded|aired"
    r"|publié(?:e)?(?: le)?|publicad[oa](?: el)?|veröffentlicht(?: am)?|pubblicat[oa](?: il)?)(?!\w)",
    re.I,
)
_UPDATED = re.compile(r"\b(?:updated?|modified|edited|revised|amended|changed)\b", re.I)
# When the page was saved or printed, not written: "Printed 18/05/2019", "Retrieved 18 May 2019".
_CAPTURED = re.compile(r"\b(?:printed|retrieved|accessed|saved|captured|downloaded|archived)\b", re.I)
_AGO = re.compile(
    r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?P<unit>m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s+ago\b"
    r"|\b(?P<yesterday>yesterday)\b|\b(?P<today>today|just now|moments ago)\b",
    re.I,
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NOISE = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?|uhr\b|h\b)?|\b\d{1,2}\s*[ap]\.?m\b\.?|[+-]\d{2}:?\d{2}\b"
    # time zones in capitals only: "et" is French for "and" in a byline
    r"|\b(?-i:UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|PT|ET|IST|HKT|SGT|JST|KST|AEST|AEDT)\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
    r"|\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
    # the weekday and the hour in the other language of a bilingual dateline: "sábado, 29 de junio de 2019 · Saturday, …"
    r"|\b(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag"
    r"|mittwoch|donnerstag|freitag|samstag|sonntag|segunda|terça|quarta|quinta|sexta)(?:-feira)?\b|\b(?:hora|heure|ora)(?:\s+(?:de|d'|di))?\b"
    r"|\b\d+\s*(?:-\s*)?min(?:ute)?s?\s+read\b|\breading time\b|\b(?:first|last|on|at|time|ago|local|às|um|a las|live)\b"
    # a video player's counts and a post's hashtags beside its date: "48,310 views · Streamed live on 3 Mar 2022 · #Water"
    r"|(?<![\w.,])\d[\d.,]*\s?[KMB]?\s+(?:views|watching)\b|(?<!\w)#[^\W\d_]\w*"
    # a terminal's source code in brackets beside its time-stamp: "2020-12-18 16:41:07 GMT [QN] By …"
    r"|\[(?-i:[A-Z][A-Z0-9]{0,5})\]",
    re.I,
)
# An info line's other fields: "Source: Nanhai Tech Daily  2019-08-09 21:37  Editor: 陈思远".
_FIELD_NAMES = r"(?:source|editor|editors|responsible editor|from|views|clicks|reads|section|category|channel)"
_FIELDS = re.compile(rf"(?i)\b{_FIELD_NAMES}\s*[:：].*?(?=\b{_FIELD_NAMES}\s*[:：]|$)")
_JOINED = re.compile(r"\s+(?:and|&|und|et|y|e)\s+")  # between two names of a byline
_BYLINE_REST = re.compile(r"(?i)(?:posted |written |words )?(?:by|von|par|por|door)\s")  # a byline in English, German, French, Spanish, Dutch
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


@dataclass(frozen=True, slots=True)
class Mention:
    """A calendar date found in a line, and what label came before it."""

    date: PartialDate
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a date-shaped line says, and its words that are not about the date (a byline perhaps)."""

    published: PartialDate | None
    updated: PartialDate | None
    relative: bool
    rest: str
    captured: PartialDate | None = None  # the day the page was printed or saved
    days_ago: int | None = None  # a relative publication date: "Published 2 days ago"


def mentions(text: str) -> list[Mention]:
    """Every unambiguous calendar date in ``text``, in order, each with its label."""
    # Impossible or ambiguous dates stay in as spans without a date, so "31 February 2019" does not shrink to "February 2019".
    month_first = bool(_US_CLOCK.search(text))
    found = [(match.start(), match.end(), _date(match, month_first)) for pattern in _PATTERNS for match in pattern.finditer(text)]
    spans = _without_overlaps(found + [(m.start(), m.end(), None) for m in _RELATIVE.finditer(text)])
    result: list[Mention] = []
    previous_end = 0
    for start, end, date in spans:
        if date is not None:
            result.append(Mention(date, start, end, _label(text[previous_end:start])))
        previous_end = end
    return result


def _without_overlaps(spans: list[tuple[int, int, PartialDate | None]]) -> list[tuple[int, int, PartialDate | None]]:
    """Leftmost first, and of two starting together the longer; overlapping later ones dropped."""
    kept: list[tuple[int, int, PartialDate | None]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _label(gap: str) -> str:
    """``published``, ``updated``, ``captured`` or ``""``: the last label word in the text before a date."""
    labels = [(m.start(), "published") for m in _PUBLISHED.finditer(gap)] + [(m.start(), "updated") for m in _UPDATED.finditer(gap)]
    labels += [(m.start(), "captured") for m in _CAPTURED.finditer(gap)]
    return max(labels)[1] if labels else ""


def _date(match: re.Match[str], month_first: bool = False) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"]) if len(groups["y"]) == 4 else 2000 + int(groups["y"])
    if "a" in groups:
        first, second = int(groups["a"]), int(groups["b"])
        if groups["sep"] == "." or first > 12 >= second:  # dotted dates are day-first in every country that uses them
            day, month = first, second
        elif second > 12 >= first or month_first:
            day, month = second, first
        else:
            return None  # 05/06/2019: refuse to guess which is the month
    else:
        named = MONTHS.index(groups["m"][:3].lower()) + 1 if groups.get("m") else _FOREIGN_MONTHS.get((groups.get("f") or "").lower())
        month = named or int(groups["mo"])
        day = int(groups["d"]) if groups.get("d") else 0
    if not 1900 <= year <= 2100:
        return None
    try:
        return parse_date(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))
    except DateError:
        return None


def has_relative(text: str) -> bool:
    """Whether ``text`` has a relative date such as "2 days ago"."""
    return bool(_RELATIVE.search(text))


def read_dateline(text: str) -> Dateline | None:
    """What a dateline says, or ``None`` when ``text`` has no date, or too many other words to be a dateline."""
    found = mentions(text)
    relative = has_relative(text)
    if not found and not relative:
        return None
    if not found and ends_sentence(text) and len(words(text)) >= 3:
        return None  # "Updated 2 hours ago" stands alone; "Prices rose last month." is a sentence
    chars = list(text)
    for start, end in [(m.start, m.end) for m in found] + [m.span() for m in _RELATIVE.finditer(text)]:
        chars[start:end] = " " * (end - start)
    rest = _NOISE.sub(" ", _CAPTURED.sub(" ", _UPDATED.sub(" ", _PUBLISHED.sub(" ", "".join(chars)))))
    rest = " ".join(rest.strip(" |·•/-–—,:;()[]").split())
    if rest and _FIELDS.match(rest):
        rest = " ".join(_FIELDS.sub(" ", rest).strip(" |·•/-–—,:;()[]").split())
    if rest and not _BYLINE_REST.match(rest) and not _place_or_name(rest):
        return None  # what is left is not a place, a name or a byline: a sentence that mentions a date
    published = next((m.date for m in found if m.label in ("published", "")), None)
    updated = next((m.date for m in found if m.label == "updated"), None)
    captured = next((m.date for m in found if m.label == "captured"), None)
    return Dateline(published, updated, relative, rest, captured, _days_ago(text))


def _days_ago(text: str) -> int | None:
    """How many days before the page was saved a relative publication date lies ("Published 2 days ago": 2); not for "Updated"."""
    match = _AGO.search(text)
    if match is None or _UPDATED.search(text[: match.start()]):
        return None
    if match.group("yesterday"):
        return 1
    if match.group("today"):
        return 0
    number = match.group("n")
    count = int(number) if number.isdigit() else _NUMBERS[number.lower()]
    unit = match.group("unit").lower()
    return count * 7 if unit.startswith("w") else count if unit.startswith("d") else 0


def _place_or_name(rest: str) -> bool:
    """A few words, capitalised: "WASHINGTON", "Jane Doe", "Tech"; a name and a place, every word capitalised: "Ana Rui Sá Belo Horizonte";
    two names joined by "and" ("Jane Doe and Ana Belo")."""
    rest = _JOINED.sub(" ", rest)
    found = words(rest)
    if 4 < len(found) <= 6 and title_case_ratio(rest) == 1.0:
        return True
    return len(found) <= 4 and (not any(len(w) >= 3 and w[0].isalpha() for w in found) or title_case_ratio(rest) >= 0.6)
