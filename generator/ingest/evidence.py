"""What the rest of a page says about a headline candidate: its markup, its address and its lead.

A text copy carries none of the markup, but it may print its address; an HTML
page gives its ``og:title``, JSON-LD headline, ``<title>`` and ``<h1>``s. Each
is a :class:`Hints` the headline's scorer weighs with the candidate's own shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from .titles import fold

# Words every headline and paragraph may share: they say nothing about which lead a line sums up.
_STOP = frozenset(
    "the a an and or but of to in on at for by with from as is are was were be been it its this that these those "
    "into over after before about than not no has have had will would can could may might new says said say "
    "how why what who when where which our your their his her they we you he she".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENDINGS = ("ing", "ed", "ly", "s")
STEM = 5  # letters compared: "designates" and "designation" share "desig"
MIN_WORDS = 3  # a line of fewer content words gives no share worth weighing (a two-word pun says nothing)
MIN_LEAD_WORDS = 8  # a lead of fewer content words is too little to judge a line against
SLUG_SHARE = 0.6  # of the line's content words in the slug, and of the slug's in the line
_SLUG_WORDS = 3


@dataclass(frozen=True, slots=True)
class Hints:
    """What the page says about its headline outside its text: titles from markup, its ``<h1>``s and its address's slug."""

    titles: frozenset[str] = frozenset()  # folded: og:title, JSON-LD headline, <title> without the site's name, an e-mail's subject
    h1: frozenset[str] = frozenset()  # folded
    slug: frozenset[str] = frozenset()  # stems of the address's last path part

    def agrees(self, text: str) -> bool:
        """Whether markup gives ``text`` as the story's title."""
        return bool(self.titles) and _folded(text) in self.titles

    def is_h1(self, text: str) -> bool:
        return bool(self.h1) and _folded(text) in self.h1

    def slug_agrees(self, text: str) -> bool:
        """Whether most of ``text``'s content words are the slug's, and most of the slug's are its: the address names it."""
        mine = stems(text)
        if len(self.slug) < _SLUG_WORDS or len(mine) < _SLUG_WORDS:
            return False
        shared = len(mine & self.slug)
        return shared >= SLUG_SHARE * len(mine) and shared >= SLUG_SHARE * len(self.slug)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=4096)  # every candidate is read against the same few paragraphs
def stems(text: str) -> frozenset[str]:
    """The content words of ``text``, without a plural's or an adverb's ending and cut to their first letters, so that a
    word's forms meet ("cores" and "core", "safely" and "safe", "designates" and "designation")."""
    return frozenset(_stem(w.casefold()) for w in _WORD.findall(text) if len(w) >= 3 and w.casefold() not in _STOP)


def _stem(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:STEM]


def slug_stems(url: str | None) -> frozenset[str]:
    """The content words of an address's last path part ("/2019/05/16/huawei-sues-us.html"); none for a number or a code."""
    if not url or "://" not in url:
        return frozenset()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return frozenset()
    parts = [p for p in path.split("/") if p]
    if not parts:
        return frozenset()
    last = re.sub(r"\.[a-z]{2,5}$", "", parts[-1])
    return stems(re.sub(r"[-_+]", " ", last))


def lead_share(text: str, lead: Iterable[str]) -> float | None:
    """The share of ``text``'s content words that come back in ``lead`` (the first paragraphs): high for a headline.
    ``None`` for a line or a lead of too few content words to say."""
    mine = stems(text)
    seen = frozenset().union(*(stems(paragraph) for paragraph in lead))
    if len(mine) < MIN_WORDS or len(seen) < MIN_LEAD_WORDS:
        return None
    return len(mine & seen) / len(mine)


def hints(titles: Sequence[str] = (), h1: Sequence[str] = (), url: str | None = None) -> Hints:
    """Hints from markup titles, ``<h1>`` texts and the page's address."""
    return Hints(
        frozenset(fold(t) for t in titles if t.strip()),
        frozenset(fold(h) for h in h1 if h.strip()),
        slug_stems(url),
    )


NONE = Hints()  # a text copy that prints neither its address nor a subject
