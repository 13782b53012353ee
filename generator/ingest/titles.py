"""A page title split into the headline and the outlet's name glued to it.

Browsers and sites join them every way: "Headline | Outlet", "Outlet - Headline",
"Headline — Outlet News", "Headline_Outlet", "Headline | Section | Outlet". A dash
is also a headline's own punctuation ("Huawei - a timeline"), so a part is taken
for the outlet only on the page's own evidence: it is a name the page gives
itself elsewhere (``og:site_name``, the publisher, the masthead, the copyright
line), a known outlet, the address's host ("harbourgazette.example",
"tctg.example"), or the other part is the printed headline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from . import meta
from .boilerplate import Kind, classify
from .text import clean, key

# A kicker glued to the front of a headline: "Opinion: …", "EXCLUSIVE: …", "Analysis | …", "Live: …". Not the event's title.
_KICKER = re.compile(
    r"(?i)^(?:opinion|analysis|exclusive|live|live updates|breaking|breaking news|explainer|factbox|comment|editorial|"
    r"interview|review|watch|update|updated|special report|insight|perspective|guest essay|column)\s*(?::|\||–|—|-)\s+(?=\S)"
)
_SEPARATOR = re.compile(r"\s+(?:\||[-–—]|::|·|•|»|/)\s+|\s*_\s*(?=\S)|\s+\|\s*|\s*\|\s+")
MAX_SITE_WORDS = 6
MIN_HEADLINE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Split:
    """The headline left when the outlet's part is taken off, and that part (``None`` when there was none)."""

    headline: str
    site: str | None


def fold(text: str) -> str:
    """The comparison form: straight quotes, one space, case ignored."""
    return key(clean(text)).casefold()


def squash(text: str) -> str:
    """The comparison form of a name: letters and digits only, case, accents and a leading "The" ignored (an address
    spells "Denní Zprávy" as "dennizpravy")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(c))
    return re.sub(r"[\W_]", "", bare.removeprefix("the "))


def significant_words(name: str) -> list[str]:
    """The words of ``name``, folded, without "of", "and" and "the"."""
    return [word for word in re.findall(r"[^\W_]+", fold(name)) if word not in ("of", "and", "the")]


def initials(name: str) -> str:
    return "".join(word[0] for word in significant_words(name))


def host_labels(host: str) -> list[str]:
    """The labels of ``host`` a name may be spelled in: without "www." and the top-level domain, and without hyphens."""
    return [label.replace("-", "") for label in host.casefold().removeprefix("www.").split(".")[:-1]]


def names_host(name: str, host: str) -> bool:
    """Whether an address's host spells ``name``: whole ("harbourgazette"), or by its initials ("tctg" for Tri-County Tech Gazette)."""
    squashed, short = squash(name), initials(name)
    return bool(squashed) and any(squashed == label or len(short) >= 3 and short == label for label in host_labels(host))


def is_site(part: str, names: Iterable[str], host: str = "", printed: Iterable[str] = (), known: bool = True) -> bool:
    """Whether ``part`` of a title is the outlet: a name the page gives itself, the host, a line it prints alone, or (``known``) a known outlet."""
    folded = fold(part)
    if not folded or len(part.split()) > MAX_SITE_WORDS or _is_button(part):
        return False  # "Print - Headline", "Home | Headline": a button's word is nobody's name
    squashed = squash(part)
    for name in names:
        other = squash(name)  # "Lantern Post News" names "The Lantern Post"
        if len(other) >= 4 and len(squashed) >= 4 and (other in squashed or squashed in other):
            return True
    return known and bool(meta.outlet(part)) or bool(host) and names_host(part, host) or any(fold(line) == folded for line in printed)


def without_kicker(headline: str) -> str:
    """``headline`` without a label glued to its front ("Opinion: Ren's offer is a trap" is "Ren's offer is a trap")."""
    rest = _KICKER.sub("", headline, count=1)
    return rest if len(rest.split()) >= MIN_HEADLINE_WORDS else headline


def without_marks(headline: str) -> str:
    """``headline`` without the pictographs a channel sets around it ("🔴 HUAWEI SELLS HONOR 🔴"): marks, not words."""
    chars = list(headline)
    while chars and (_is_mark(chars[0]) or chars[0].isspace()):
        chars.pop(0)
    while chars and (_is_mark(chars[-1]) or chars[-1].isspace()):
        chars.pop()
    rest = "".join(chars)
    return rest if len(rest.split()) >= 1 and any(c.isalnum() for c in rest) else headline


def _is_mark(char: str) -> bool:
    # Other symbols (emoji, arrows, stars) and the joiners and variation selectors that build emoji from them.
    return unicodedata.category(char) in ("So", "Sk") or char in "\u200d\ufe0e\ufe0f"


def has_kicker(headline: str) -> bool:
    """Whether a label such as "Opinion:" is glued to the front of ``headline``."""
    return without_kicker(headline) != headline


def _is_button(part: str) -> bool:
    """A button's or a menu's word ("Print", "Home"), which no outlet is called."""
    label = classify(part)
    return label is not None and label.kind in (Kind.CHROME, Kind.MENU)


def split_title(title: str, names: Iterable[str] = (), host: str = "", printed: Iterable[str] = ()) -> Split:
    """``title`` without the outlet's part, wherever it is glued on, and that part.

    ``names`` are what the page calls itself, ``host`` its address's host and ``printed`` its visible lines: a part that is
    one of the printed lines while the rest is not is the headline, whatever the rest is.
    """
    title = clean(title)
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return Split(title, None)
    if _is_button(parts[0]) and len(title.split()) - len(parts[0].split()) >= MIN_HEADLINE_WORDS:
        return split_title(title[title.index(parts[0]) + len(parts[0]) :].lstrip(" |-–—:·•»/_"), names, host, printed)  # "Print - …"
    names, printed = list(names), list(printed)
    lines = {fold(line) for line in printed}
    seps = [m.group() for m in _SEPARATOR.finditer(title)]
    # The headline may hold a separator itself ("Huawei - the timeline | Outlet"): try the outer parts as the outlet first.
    # A known outlet's name ("Reuters") is evidence only after the headline: before it, "Huawei - …" is the headline's subject.
    for site, rest, known in ((parts[-1], _join(parts[:-1], seps[:-1]), True), (parts[0], _join(parts[1:], seps[1:]), False)):
        if len(rest.split()) < MIN_HEADLINE_WORDS or _is_button(site):
            continue
        if is_site(site, names, host, known=known) or fold(rest) in lines and len(site.split()) <= MAX_SITE_WORDS:
            return Split(split_title(rest, names, host, printed).headline, site.strip())
    last = parts[-1]
    if "|" in seps[-1] and len(last.split()) <= MAX_SITE_WORDS and len(_join(parts[:-1], seps[:-1]).split()) >= MIN_HEADLINE_WORDS:
        # "Headline | Anything short": a bar is never a headline's own punctuation
        return Split(split_title(_join(parts[:-1], seps[:-1]), names, host, printed).headline, last.strip())
    return Split(title, None)


def only_names(title: str) -> bool:
    """Whether a ``<title>`` is only names joined by separators ("Harbour Portal - Circulars", "Docket | Filings"): a site's and a
    section's, each part too short for a headline and every word capitalised, so no story's headline."""
    parts = [p for p in _SEPARATOR.split(clean(title)) if p.strip()]
    return len(parts) >= 2 and all(
        len(part.split()) < MIN_HEADLINE_WORDS and all(word[:1].isupper() or not word[:1].isalpha() for word in part.split()) for part in parts
    )


def _join(parts: list[str], seps: list[str]) -> str:
    text = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        text += sep + part
    return text.strip()
