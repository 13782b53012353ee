"""Bylines printed without "By": what a line of reporters' names looks like on its own.

A labelled byline ("By Jane Doe") is read in :mod:`.meta`. Many pages print only
the names under the headline, in shapes that say "these are people" more
surely than one bare name does: several names ("Jane Doe, John Roe"), names
with the city each files from ("Jane Doe in Lagos and John Roe in Lima", "Jane Doe, Lagos"), a
name with its job ("Jane Doe, Senior Fellow, Energy Program"), a show's hosts
("With Jane Doe and John Roe") or a desk's name ("Markets Desk"). One bare name is left to the layout, which
needs a dateline beside it as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .meta import is_person, names

_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_PLACE = re.compile(r"^(?P<name>.+?)\s+in\s+(?P<place>(?:[A-Z][\w.'’-]*\s?){1,4})$")
_HOSTS = re.compile(r"^(?:with|hosted by|presented by|featuring)\s+(?P<rest>.+)$", re.I)
# Jobs named after a name in a byline; a role phrase needs one of them ("Senior Fellow, Trade Program").
_JOBS = frozenset(
    "fellow director professor researcher analyst scholar lecturer economist adviser advisor partner president head manager officer "
    "chair founder author host lead associate counsel attorney lawyer strategist specialist consultant correspondent editor reporter "
    "writer columnist contributor producer staff bureau desk newsroom".split()  # a desk signs as a job does: "…, Parliamentary Bureau"
)
_SMALL = frozenset("of and the for on in at & to".split())
MAX_WORDS = 24


@dataclass(frozen=True, slots=True)
class Names:
    """The names of a byline printed without "By", and how surely its shape says so."""

    names: str
    sure: bool  # several people, or a name with its job: a Title Case headline rarely has either shape


def unlabelled(text: str) -> Names | None:
    """The names of a byline without "By" ("Jane Doe, John Roe"; "Jane Doe in Lagos"; "Jane Doe, Senior Fellow"), or ``None``.

    One bare name gives ``None``: alone it is as likely a short Title Case headline ("Huawei Sues Government"). One name
    with a place is less sure than several names or a job: "Huawei Wins Ruling in Texas Court" has its shape.
    """
    if len(text.split()) > MAX_WORDS or text.rstrip().endswith((".", "!", "?", ":")):
        return None
    hosts = _HOSTS.match(text.strip())
    parts = [p for p in _SPLIT.split((hosts.group("rest") if hosts else text).strip(" ,;")) if p]
    people: list[str] = []
    placed = False
    for index, part in enumerate(parts):
        # After a name, a job ("Research Director" has a name's shape, but "Director" is nobody's surname).
        if people and not hosts and _is_role(parts[index:]):
            return _joined(people, sure=True)
        place = _PLACE.match(part)
        person = place.group("name") if place else part
        # (A two-word place has a name's shape: "Jane Doe, Hong Kong" reads as two people, which is still a byline.)
        if people and index == len(parts) - 1 and not hosts and _is_place(part) and not is_person(part):
            placed = True  # the city the names file from, after a comma: "Jane Doe and John Roe, Lagos"
            break
        if not is_person(person) or _is_role([person]):
            return None
        people.append(person)
        placed = placed or place is not None
    if len(people) >= 2 or hosts and people:
        return _joined(people, sure=True)
    return _joined(people, sure=False) if placed else None


def _is_place(part: str) -> bool:
    """One to three capitalised words that are not a person's name: "Shenzhen", "Hong Kong", "Rio de Janeiro"."""
    tokens = part.split()
    return 1 <= len(tokens) <= 3 and tokens[0][:1].isupper() and all(t[:1].isupper() or t in ("de", "del", "la", "upon") for t in tokens)


def _is_role(parts: list[str]) -> bool:
    """Whether the words after a name are a job: capitalised (or small) words, one of them a job ("Senior Fellow, Trade Program")."""
    tokens = " ".join(parts).split()
    capitalised = all(t[:1].isupper() or t.lower() in _SMALL for t in tokens)
    return bool(tokens) and capitalised and any(t.strip(".,").lower() in _JOBS for t in tokens)


def _joined(people: list[str], sure: bool) -> Names | None:
    found = names(", ".join(people[:-1]) + " and " + people[-1]) if len(people) > 1 else names(people[0])
    return Names(found, sure) if found else None


_DESK_WORDS = frozenset("desk newsroom staff bureau".split())
DESK_WORDS = 5


def desk(text: str) -> str | None:
    """A desk's name that signs a story for no one in particular ("Markets Desk", "TickerTalk News Desk"): short, every word
    capitalised, ending in "Desk", "Newsroom", "Staff" or "Bureau"; ``None`` for anything else."""
    tokens = text.strip(" ,.;:|").split()
    if not 2 <= len(tokens) <= DESK_WORDS or tokens[-1].lower() not in _DESK_WORDS:
        return None
    return " ".join(tokens) if all(t[0].isupper() or t.lower() in ("of", "the") for t in tokens) else None
