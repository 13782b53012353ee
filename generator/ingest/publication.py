"""The publication's name from the names an HTML page gives itself, by agreement.

``og:site_name``, the JSON-LD publisher, the name in ``<title>``, the logo's alt
text, the text's own reading and the address each name the publication, each
sometimes wrongly (a parent company, initials, a section, "crest"). Each name is
a candidate; :data:`.weights.SOURCE` weighs where it came from and how many of
the others and the address agree with it, and the best is the publication.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from .titles import fold, host_labels, initials, significant_words, squash
from .weights import SOURCE, Weighed

_IMPRINT = re.compile(r"(?i)©|\(c\)|copyright|\bpublished by\b|\ball rights reserved\b")
"""A copyright or imprint line, where the owner's name is printed."""
# A company's words: the owner of the masthead ("Valley Media Holdings", "Deccan Ledger Publications").
# An edition's word after a masthead: "Harbour Ledger English", "Tideshore Herald Online", "Valley Post International".
_EDITION = re.compile(r"(?i)\s+(?:english|english edition|online|digital|international|edition|global|en español|español|français|deutsch|中文)$")
_COMPANY = re.compile(r"(?i)\b(?:media|holdings?|publications|publishing|group|corporation|company|communications|enterprises)\b")


@dataclass(frozen=True, slots=True)
class Named(Weighed):
    """A name for the publication, weighed by :data:`.weights.SOURCE`."""

    table: ClassVar[Mapping[str, float]] = SOURCE
    name: str = ""


def spells_host(name: str, host: str) -> bool:
    """Whether a label of ``host`` spells ``name``: whole, with "the", by initials, or by initials and the last word."""
    whole, short, words = squash(name), initials(name), significant_words(name)
    mixed = "".join(word[0] for word in words[:-1]) + words[-1] if len(words) >= 2 else ""
    first = words[0] if words and len(words[0]) >= 3 else ""  # a company's site under its first word ("corvane" for "Corvane Instruments")
    forms = {whole, "the" + whole, mixed, first} | ({short} if len(short) >= 3 else set())
    return bool(whole) and any(label in forms for label in host_labels(host) if len(label) >= 3)


def _words(name: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(name).removeprefix("the "))


def _within(short: str, long: str) -> bool:
    """Whether the words of ``short`` come whole and in order inside ``long`` ("SBN" in "SBN News")."""
    a, b = _words(short), _words(long)
    return 0 < len(a) < len(b) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _agree(one: str, other: str) -> bool:
    return bool(squash(one)) and (squash(one) == squash(other) or _within(one, other) or _within(other, one))


def rank(origins: Mapping[str, str], host: str, texts: Sequence[str] = ()) -> list[Named]:
    """The candidates from ``origins`` (origin → name, empty when the page gave none), best first; ``texts`` are the page's
    lines, where a name may be printed as its owner's ("© 2020 Valley Media Group")."""
    given = {origin: name.strip() for origin, name in origins.items() if name and name.strip()}
    names = list(dict.fromkeys(given.values()))
    imprints = [text for text in texts if _IMPRINT.search(text)]
    ranked = []
    for name in names:
        others = [n for o, n in given.items() if n != name]
        features = {origin: 1.0 for origin, n in given.items() if n == name}
        features["agrees"] = float(sum(_agree(name, n) or squash(n) == initials(name) for n in others))
        features["host"] = float(bool(host) and spells_host(name, host))
        features["fuller"] = float(any(_within(n, name) for n in others))
        features["initials"] = float(any(_short_for(name, n) for n in others))
        features["owner"] = float(len(given) > 1 and any(_owned(name, line) for line in imprints))
        features["company"] = float(bool(_COMPANY.search(name)))
        features["edition"] = float(any(_edition_of(name, n) for n in others))
        ranked.append(Named({f: a for f, a in features.items() if a}, name))
    return sorted(ranked, key=lambda named: (-named.score, names.index(named.name)))


def _short_for(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` by initials, alone or with an edition's word ("TH", "TH Online" for "Tideshore Herald")."""
    short, first = initials(other), name.split()[0] if name.split() else ""
    return len(short) >= 2 and (squash(name) == short and len(short) <= 5 or first.isupper() and first.casefold() == short)


def _edition_of(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` with an edition's word after it ("Harbour Ledger English" of "Harbour Ledger")."""
    match = _EDITION.search(name)
    return match is not None and squash(name[: match.start()]) == squash(other)


def _owned(name: str, imprint: str) -> bool:
    """Whether a copyright or imprint line prints ``name`` as a company's ("© 2020 TCM Publishing Ltd")."""
    return bool(re.search(rf"(?i)\b{re.escape(name)}\s+(?:media|holdings?|publications|publishing|group)\b", imprint))


def choose(origins: Mapping[str, str], host: str, texts: Sequence[str] = ()) -> str | None:
    """The best-weighed name, in the fullest spelling any origin gives it ("The Deccan Ledger" over "Deccan Ledger")."""
    ranked = rank(origins, host, texts)
    if not ranked:
        return None
    best = ranked[0].name
    same = [n for n in origins.values() if n and squash(n) == squash(best) and not n.isupper()]
    return max(same, key=len, default=best)
