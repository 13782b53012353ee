"""The publication a page comes from, as readers cite it: its masthead's name, not its owner's or its address's.

The page offers many hints (a "Source:" label, the name glued to the headline in
its title, the masthead, the copyright line, a wire dateline, the address);
:func:`source` weighs them in the order its docstring gives.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from . import holders, meta, namesakes
from .boilerplate import Kind
from .layout import Layout
from .lines import Line, Shape
from .standing import names_account
from .text import casefolded
from .titles import names_host
from .zones import Zone

_SOURCE_LABEL = re.compile(r"(?i)^(?:source|publication|publisher|outlet|(?:news )?provided by)\s*:?\s+(?P<name>[^:|]{2,60})$")
_SENDER = re.compile(r"(?i)^from\s*:\s*\"?(?P<name>[^<\"@]{2,60}?)\"?\s*<[^>\s]+@[^>\s]+>$")
# A mail client's sender line without its label, a button after it: "The Ledger <news@mail.theledger.example> Unsubscribe".
_UNLABELLED_SENDER = re.compile(r"^\"?(?P<name>[^<\"@:]{2,60}?)\"?\s*<[^>\s@]+@(?P<domain>[^>\s]+)>(?:\s+\w+)?$")
# A blogging platform's line naming the publication a post belongs to: "Published in Field Notes".
_PUBLISHED_IN = re.compile(r"^Published in (?P<name>[A-Z][^\d.!?:|]{1,40})$")
# "Harbour Radio is a registered trademark of Harbour Broadcasting Ltd": the brand readers cite, before its owner.
_TRADEMARK = re.compile(
    r"(?:^|[.!]\s+)(?P<name>(?:The )?[A-Z][\w&'’.-]*(?:\s+[A-Z0-9][\w&'’.-]*){0,4}) (?:is|are) (?:a |the )?(?:registered )?trademarks? of\b"
)
_PROVIDED_BY = re.compile(r"(?i)^(?:news |content )?provided by\s*:?$")
_NOT_A_SOURCE = re.compile(r"(?i)getty|shutterstock|alamy|photo|image|picture|https?:")
_LABEL = re.compile(r"\s*\((?:[^()\s]+\s?){1,3}\)$")  # "(English edition)", "(podcast)" after a name
_CALL_SIGN = re.compile(r"^[KWC][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?$")  # North American broadcasters' call letters
_COMMON_NAME_WORDS = frozenset("the a of and & news daily weekly times post herald journal press tribune gazette review online tv radio network".split())


def own_names(lines: Sequence[Line], found: Layout) -> list[str]:
    """What the page calls itself: its masthead and its copyright holder's publication."""
    holder = next((h for line in lines if line.kind(Kind.FOOTER) and (h := _holder(line.text))), None)
    return [name for name in (_masthead(lines, found), holders.publication(holder) if holder else None) if name]


def source(lines: Sequence[Line], found: Layout, suffix: str | None, url: str | None, paragraphs: Sequence[str]) -> str | None:
    """The publication as readers cite it: its masthead name, not the company that holds the copyright.

    In order: a "Source:" label, an issuer's name given as a label's value ("From: …"), the outlet named beside the
    headline in the page's title, a known address, a masthead printed on two lines that the text names whole, a
    channel's name over its count of subscribers, a name the story's address spells, a masthead the page repeats (in its
    copyright line, a promo, the address), a masthead over a line calling it someone's blog or newsletter, the brand a
    footer calls a trademark, the copyright holder's news service signing the wire dateline, the copyright holder
    without "Media Group" or "Company", a wire dateline, a known outlet near the top, a masthead seen once, the host.
    """
    known = url and meta.site_of(url)
    holder = next((h for line in lines if line.kind(Kind.FOOTER) and (h := _holder(line.text))), None)
    masthead = _masthead(lines, found)
    repeated = masthead if masthead and _repeated(masthead, lines, url, holder) else None
    candidates: Iterable[str | None] = (
        _labelled_source(lines, found),
        namesakes.issuer(lines, found.headline),
        suffix,
        known if known and meta.outlet(known) else None,
        _stacked(lines, found),
        _channel(lines),
        namesakes.host_spelled(lines, url),
        repeated,
        namesakes.described(lines, masthead),
        _trademark(lines),
        namesakes.news_service(paragraphs[0], holder) if paragraphs else None,
        holders.publication(holder) if holder else None,
        meta.wire(paragraphs[0]) if paragraphs else None,
        next((o for line in lines[:5] if (o := meta.outlet(line.text))), None),
        masthead if masthead and not any(c.isdigit() for c in masthead) else None,
        known or None,
    )
    found_name = next((c for c in candidates if c), None)
    return cited(found_name, [line.text for line in lines]) if found_name else None


def cited(name: str, texts: Iterable[str]) -> str:
    """``name`` as readers cite the publication: without a label in brackets ("(English edition)", "(podcast)"), and with
    "The" when the page prints its name with it on a line of its own ("THE DAILY KLAXON" for "Daily Klaxon")."""
    name = _LABEL.sub("", name).strip() or name
    if name.casefold().startswith("the "):
        return name
    wanted = "the " + casefolded(name)
    return "The " + name if any(casefolded(text) == wanted for text in texts) else name


def _stacked(lines: Sequence[Line], found: Layout) -> str | None:
    """A masthead printed on two lines ("LARCH COUNTY" over "Office of Broadband"), when another line names it whole.

    A government office or a company's newsroom sets its parent's name over its own; readers cite the two together, as
    the page's own text does ("The Larch County Office of Broadband said …").
    """
    top = found.headline if found.headline is not None else min(len(lines), 10)
    for index in range(min(top, 12) - 1):
        pair = lines[index : index + 2]
        if not all(line.label is None and not line.is_meta and line.shape is not Shape.PROSE and _capitalised(line.text) for line in pair):
            continue
        pattern = re.compile(r"(?i)\b" + r"\s+".join(map(re.escape, f"{pair[0].text} {pair[1].text}".split())) + r"\b")
        for other in lines[index + 2 :]:
            if (match := pattern.search(other.text)) and not match.group().isupper():
                return match.group()
    return None


def _channel(lines: Sequence[Line]) -> str | None:
    """A video or messaging channel's name, over its count of subscribers ("Tap Water Explained" over "52K subscribers")."""
    return next((line.text for i, line in enumerate(lines) if names_account(lines, i) and _capitalised(line.text) and line.label is None), None)


def _capitalised(text: str) -> bool:
    """A name's shape: one to six words, each capitalised but the small ones ("Office of Broadband and Digital Equity")."""
    tokens = text.split()
    return 1 <= len(tokens) <= 6 and all(t[:1].isupper() or t[:1].isdigit() or t in ("of", "and", "for", "the", "&") for t in tokens)


def _masthead(lines: Sequence[Line], found: Layout) -> str | None:
    """The paper's name at the top of the page: the first line that is not a button, a few capitalised words, well above the headline.

    "Well above" (two lines or more between) keeps a kicker such as "Trade War", which sits right on the headline, out.
    An all-capitals name is written as the page writes it elsewhere ("WKRX NEWS 4" as "WKRX News 4"), else in Title Case.
    """
    first = next(
        (
            i for i, line in enumerate(lines)
            if (line.label is None or _named_in_text(lines, i)) and not line.is_meta and any(c.isalpha() for c in line.text)
            and not _in_menu_column(lines, i)
        ),
        None,
    )
    if first is None or found.headline is None or found.headline <= first:
        return None
    # A line right over the headline may be its kicker; only the page's very first line, in capitals, printed again, is its name.
    # A dateline, a menu or a subscription pitch between them shows the first line is not sitting on the headline.
    apart = any(lines[i].dateline or lines[i].kind(Kind.MENU, Kind.PROMO) for i in range(first + 1, found.headline))
    if found.headline - first < 3 and not apart and not (first == 0 and lines[first].text.isupper() and _printed_again(lines, first)):
        return None
    text = lines[first].text
    tokens = text.split()
    small = ("the", "of", "and", "&", "on", "for", "in", "at")
    significant = [t for t in tokens if t.lower() not in small]
    if not 1 <= len(significant) <= 5 or len(tokens) > 8 or lines[first].shape is Shape.PROSE or sum(c.isdigit() for c in text) > 2:
        return None
    if not all(t[0].isupper() or t[0].isdigit() for t in tokens if t.lower() not in small):
        return None
    if not text.isupper():
        return text
    written = _written(tokens, lines)
    if written is None and len(tokens) > 2 and _CALL_SIGN.match(tokens[-1]):
        written = _written(tokens[:-1], lines)  # a station's name before its call letters ("NORTH TEXAS 8 KNTX" is "North Texas 8")
    return written or " ".join(
        t.lower() if i and t.lower() in small else t if t.isalpha() and not set(t.lower()) & set("aeiouy") else string.capwords(t)
        for i, t in enumerate(tokens)
    )


def _written(tokens: Sequence[str], lines: Sequence[Line]) -> str | None:
    """``tokens`` as the page writes them elsewhere in mixed case, if it does."""
    pattern = re.compile(r"(?i)(?<!\w)" + r"\s+".join(map(re.escape, tokens)) + r"(?!\w)")
    return next((m.group() for line in lines if (m := pattern.search(line.text)) and not m.group().isupper()), None)


def _in_menu_column(lines: Sequence[Line], index: int) -> bool:
    """Whether a short line sits between two section names, each on a line of its own ("News", "UK", "World"): a menu."""
    def menu_item(i: int) -> bool:
        return 0 <= i < len(lines) and lines[i].shape is Shape.SHORT and lines[i].kind(Kind.CHROME, Kind.MENU)

    return lines[index].shape is Shape.SHORT and menu_item(index - 1) and menu_item(index + 1)


def _named_in_text(lines: Sequence[Line], index: int) -> bool:
    """Whether a line that reads as a menu of section names ("National Register": two section words) is a name the page's
    prose uses ("… published in the National Register."): a menu's items never make a phrase in the text."""
    line = lines[index]
    if not line.kind(Kind.MENU) or not 2 <= line.word_count <= 4 or not line.text[:1].isupper() or re.search(r"[|•·»›>/\\]", line.text):
        return False
    phrase = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, line.text.split())) + r"(?!\w)")
    return any(other.shape is Shape.PROSE and phrase.search(other.text) for other in lines[index + 1 :])


def _printed_again(lines: Sequence[Line], index: int) -> bool:
    """Whether the words of line ``index`` come again in a later line (a print page's running head, a footer)."""
    words = lines[index].text.casefold()
    return any(words in line.text.casefold() for line in lines[index + 1 :])


def _repeated(name: str, lines: Sequence[Line], url: str | None, holder: str | None) -> bool:
    """Whether the page names ``name`` again: in another line, the copyright holder or the address's host ("Channel 9" of "CHANNEL 9 NEWS")."""
    core = " ".join(name.casefold().removeprefix("the ").split()[:2])
    squashed = re.sub(r"\W", "", name.casefold().removeprefix("the "))
    host = (urlsplit(url).hostname or "").casefold() if url else ""
    elsewhere = sum(core in line.text.casefold() for line in lines) >= 2
    # The holder of "The Daily Klaxon" may be "Klaxon Media Group": its own words, without the ones every paper uses.
    own = set(name.casefold().split()) - _COMMON_NAME_WORDS
    held = bool(holder) and (core in str(holder).casefold() or bool(own) and own <= set(str(holder).casefold().split()))
    return elsewhere or held or bool(squashed and squashed in host.replace("-", ""))


def _labelled_source(lines: Sequence[Line], found: Layout) -> str | None:
    """"Source: X", "Publisher: X", or a press-release site's "News provided by" with the name on the next line."""
    for index, line in enumerate(lines):
        if found.zones[index] is Zone.ENDED:
            continue
        match = _SOURCE_LABEL.match(line.text) or _SENDER.match(line.text) or _PUBLISHED_IN.match(line.text)  # a newsletter's sender too
        name = match.group("name") if match else _sender(line.text)
        if name is None and _PROVIDED_BY.match(line.text) and index + 1 < len(lines):
            name = lines[index + 1].text
        # A name starts with a capital: "Source: settlement terms; figures rounded" under a table is a note on its figures.
        if name and not _NOT_A_SOURCE.search(name) and 1 <= len(name.split()) <= 6 and (name[:1].isupper() or name[:1].isdigit()) and ";" not in name:
            return name.strip(" .")
    return None


def _trademark(lines: Sequence[Line]) -> str | None:
    """The brand a footer calls a trademark ("Harbour Radio is a trademark of Harbour Broadcasting Ltd")."""
    return next((name for line in lines if line.kind(Kind.FOOTER) and (name := trademark(line.text))), None)


def trademark(text: str) -> str | None:
    """The brand ``text`` calls a trademark of its owner, if it does."""
    match = _TRADEMARK.search(text)
    return match.group("name") if match else None


def _sender(text: str) -> str | None:
    """A sender's name printed without "From:", when its address's domain spells it: a publication's, not a person's."""
    match = _UNLABELLED_SENDER.match(text)
    return match.group("name") if match and names_host(match.group("name"), match.group("domain")) else None


def _holder(text: str) -> str | None:
    return holders.copyright_holder(text) if re.match(r"(?i)\s*(?:©|\(c\)|copyright\b|all content ©)", text) or "©" in text else None
