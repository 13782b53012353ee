"""A copied web page read into the facts a draft event needs.

:func:`read_page` never raises on any text: a page it cannot make sense of
gives a :class:`Page` with empty fields, and the summary says what is missing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..content.dates import PartialDate
from . import meta
from .boilerplate import Kind
from .dates import before, month_day, prefix_date, url_date, weekday_before
from .layout import Layout, Zone, layout
from .lines import Line, Shape, describe_all
from .text import key
from .titles import split_title, without_kicker

_SOURCE_LABEL = re.compile(r"(?i)^(?:source|publication|publisher|outlet|(?:news )?provided by)\s*:?\s+(?P<name>[^:|]{2,60})$")
_SUBJECT = re.compile(r"(?i)^subject\s*:\s*(?:(?:fwd?|re)\s*:\s*)*(.{8,})$")
_SENDER = re.compile(r"(?i)^from\s*:\s*\"?(?P<name>[^<\"@]{2,60}?)\"?\s*<[^>\s]+@[^>\s]+>$")
_PROVIDED_BY = re.compile(r"(?i)^(?:news |content )?provided by\s*:?$")
_NOT_A_SOURCE = re.compile(r"(?i)getty|shutterstock|alamy|photo|image|picture|https?:")
_HONORIFIC = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Prof)\.? (?P<surname>\S+)$")
_BIO = re.compile(r"^(?P<name>.+?) (?:is|was|covers|writes|reports|has been)\b")
MAX_TITLE_WORDS = 14
_COMMON_NAME_WORDS = frozenset("the a of and & news daily weekly times post herald journal press tribune gazette review online tv radio network".split())


@dataclass(frozen=True, slots=True)
class Page:
    """What import found on a page; ``None`` where the page does not say."""

    title: str | None
    date: PartialDate | None
    updated: PartialDate | None
    date_note: str
    source: str | None
    url: str | None
    byline: str | None
    image_credit: str | None
    standfirst: str | None
    paragraphs: tuple[str, ...]
    title_guessed: bool = False

    def texts(self) -> list[str]:
        """Headline, standfirst and body: where entities are looked for."""
        return [text for text in (self.title, self.standfirst, *self.paragraphs) if text]


def read_page(text: str, headline: str | None = None) -> Page:
    """Read page text (already decoded) into a :class:`Page`; ``headline``, when the markup names it, is the line the article hangs from."""
    lines = describe_all(text)
    headline = headline or _subject(lines)
    wanted = key(headline).casefold() if headline else None
    found = layout(lines, next((i for i, line in enumerate(lines) if key(line.text).casefold() == wanted), None))
    header = found.body[0] if found.body else len(lines)
    visible = [i for i, zone in enumerate(found.zones) if zone in (Zone.BEFORE, Zone.ARTICLE)]
    usable = [i for i in visible if i not in found.captions]
    # Facts above the body first: the same kind of line lower down is more likely a list's or a footer's.
    ordered = [i for i in usable if i < header] + [i for i in usable if i >= header]
    paragraphs = [lines[i].text for i in found.body]
    url = _url(lines, ordered)
    published, updated, note = _dates(lines, ordered, paragraphs, url)
    byline = _byline(lines, ordered, found, header)
    paragraphs = _without_bio(_before_author_card(lines, found, byline), byline)
    title, suffix = _title(lines, found, _own_names(lines, found), urlsplit(url).hostname or "" if url else "")
    return Page(
        title=title or _guess_title(paragraphs),
        date=published,
        updated=updated,
        date_note=note,
        source=_source(lines, found, suffix, url, paragraphs),
        url=url,
        byline=byline,
        image_credit=next((c for i in visible if (c := _credit(lines[i]))), None),
        standfirst=None if found.standfirst is None else lines[found.standfirst].text,
        paragraphs=tuple(paragraphs),
        title_guessed=title is None and bool(paragraphs),
    )


def without_self_description(page: Page) -> Page:
    """``page`` without a closing line in which the outlet describes itself ("The Gazette is a volunteer-run community site.")."""
    if not page.source or not page.paragraphs:
        return page
    about = re.compile(rf"(?i)^{re.escape(page.source)}\s+(?:is|was|are|has been)\s+(?:a|an|the|published|owned|run|produced)\b")
    last = page.paragraphs[-1]
    if about.match(last) and len(last.split()) <= 40 and len(page.paragraphs) > 1:
        return replace(page, paragraphs=page.paragraphs[:-1])
    return page


def _subject(lines: Sequence[Line]) -> str | None:
    """An e-mail's subject, when the message prints it again as its headline (a newsletter's "Subject:" is its og:title)."""
    for line in lines:
        match = _SUBJECT.match(line.text)
        if match and sum(key(other.text).casefold() == key(match.group(1)).casefold() for other in lines) == 1:
            return match.group(1)
    return None


def _dates(
    lines: Sequence[Line], ordered: Sequence[int], paragraphs: Sequence[str], url: str | None
) -> tuple[PartialDate | None, PartialDate | None, str]:
    """Publication and updated dates, and why the publication date is missing when it is.

    Where the page gives its date only relatively ("2 days ago") or without a year ("LONDON, May 16 —"), the day the
    page was printed or saved, the address or the copyright line supply what is missing.
    """
    datelines = [d for i in ordered if (d := lines[i].dateline) is not None]
    published = next((d.published for d in datelines if d.published), None)
    updated = next((d.updated for d in datelines if d.updated), None)
    captured = next((d.captured for i, line in enumerate(lines) if (d := line.dateline) and d.captured), None)
    if published is None and paragraphs:
        published = prefix_date(paragraphs[0])
    if published is None and url:
        published = url_date(url)
    ago = next((d.days_ago for d in datelines if d.days_ago is not None), None)
    if published is None and captured is not None and ago is not None:
        published = before(captured, ago)
    reference = captured or updated or (url_date(url) if url else None)
    year = reference.year if reference else _copyright_year(lines)
    if published is None and paragraphs and year:
        published = month_day(paragraphs[0], year)
    if published is None and paragraphs and reference:
        published = weekday_before(paragraphs[0], reference)
    note = ""
    if published is None:
        note = "the page shows only an updated date" if updated else "the page shows only a relative date" if any(d.relative for d in datelines) else ""
    return published, updated, note


def _copyright_year(lines: Sequence[Line]) -> int | None:
    """The one year of a copyright line ("© 2019 The Ledger"); none for a range."""
    for line in lines:
        if line.kind(Kind.FOOTER) and (match := re.search(r"(?:©|\(c\)|copyright)\s*((?:19|20)\d{2})\b(?!\s*[-–])", line.text, re.I)):
            return int(match.group(1))
    return None


def _byline(lines: Sequence[Line], ordered: Sequence[int], found: Layout, header: int) -> str | None:
    """A byline above the body; else a sign-off such as "Reporting by"."""
    top = [i for i in ordered if i < header and i != found.headline]
    labelled = next((b for i in top if (b := lines[i].byline) and not lines[i].kind(Kind.FOOTER)), None)
    return labelled or next((b for i in ordered if (b := lines[i].byline)), None)


def _before_author_card(lines: Sequence[Line], found: Layout, byline: str | None) -> list[str]:
    """The body up to the author's card: the byline's name on a line of its own again, after the article has begun."""
    body = list(found.body)
    if byline and body:
        card = next((i for i in range(body[0] + 1, len(lines)) if lines[i].text.strip(" .") == byline), None)
        body = [i for i in body if card is None or i < card]
    return [lines[i].text for i in body]


def _without_bio(paragraphs: list[str], byline: str | None) -> list[str]:
    """The body without the author's biography, closing it or right under the byline ("Ms. Doe is a former negotiator.")."""
    if not byline or not paragraphs:
        return paragraphs
    authors = {name.strip() for name in re.split(r",| and ", byline)}
    surnames = {name.split()[-1] for name in authors if name.split()}

    def is_bio(paragraph: str) -> bool:
        match = _BIO.match(paragraph)
        if match is None:
            return False
        name = match.group("name")
        titled = _HONORIFIC.match(name)
        return name in authors or (titled is not None and titled.group("surname") in surnames and len(paragraph.split()) <= 40)

    if len(paragraphs) > 1 and is_bio(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return paragraphs[:-1] if is_bio(paragraphs[-1]) else paragraphs


def _credit(line: Line) -> str | None:
    if line.label is not None and line.label.kind in (Kind.CREDIT, Kind.CAPTION) and line.label.credit:
        return line.label.credit
    return None


def _url(lines: Sequence[Line], ordered: Sequence[int]) -> str | None:
    """The article's address: one on a line of its own, an article's rather than a home page's."""
    urls = [u for i in ordered if (u := lines[i].url)]
    return next((u for u in urls if meta.is_article_url(u)), None)


def _own_names(lines: Sequence[Line], found: Layout) -> list[str]:
    """What the page calls itself: its masthead and its copyright holder's publication."""
    holder = next((h for line in lines if line.kind(Kind.FOOTER) and (h := _holder(line.text))), None)
    return [name for name in (_masthead(lines, found), meta.publication(holder) if holder else None) if name]


def _title(lines: Sequence[Line], found: Layout, names: Sequence[str], host: str) -> tuple[str | None, str | None]:
    """The headline without the outlet's name glued to it ("Headline | Site", "Site - Headline"), and that name if there was one."""
    if found.headline is None:
        return None, None
    text = without_kicker(lines[found.headline].text)
    split = split_title(text, names, host)
    if split.site:
        return split.headline, split.site
    for line in lines[: found.headline]:  # a browser title above the headline: "<headline> | Site"
        echo = split_title(line.text, names, host, (text,))
        if echo.site and key(echo.headline).casefold() == key(text).casefold():
            return text, echo.site
    return text, None


def _guess_title(paragraphs: Sequence[str]) -> str | None:
    """A stand-in title when the page has no headline: the start of the first sentence."""
    if not paragraphs:
        return None
    sentence = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0]
    tokens = sentence.split()
    return " ".join(tokens[:MAX_TITLE_WORDS]).rstrip(".,;:") + ("…" if len(tokens) > MAX_TITLE_WORDS else "")


def _source(lines: Sequence[Line], found: Layout, suffix: str | None, url: str | None, paragraphs: Sequence[str]) -> str | None:
    """The publication as readers cite it: its masthead name, not the company that holds the copyright.

    In order: a "Source:" label, the outlet named beside the headline in the page's title, a known address, a masthead
    the page repeats (in its copyright line, a promo, the address), the copyright holder without "Media Group" or
    "Company", a wire dateline, a known outlet near the top, a masthead seen once, the host.
    """
    known = url and meta.site_of(url)
    holder = next((h for line in lines if line.kind(Kind.FOOTER) and (h := _holder(line.text))), None)
    masthead = _masthead(lines, found)
    repeated = masthead if masthead and _repeated(masthead, lines, url, holder) else None
    candidates: Iterable[str | None] = (
        _labelled_source(lines, found),
        suffix,
        known if known and meta.outlet(known) else None,
        repeated,
        meta.publication(holder) if holder else None,
        meta.wire(paragraphs[0]) if paragraphs else None,
        next((o for line in lines[:5] if (o := meta.outlet(line.text))), None),
        masthead if masthead and not any(c.isdigit() for c in masthead) else None,
        known or None,
    )
    return next((c for c in candidates if c), None)


def _masthead(lines: Sequence[Line], found: Layout) -> str | None:
    """The paper's name at the top of the page: the first line that is not a button, a few capitalised words, well above the headline.

    "Well above" (two lines or more between) keeps a kicker such as "Trade War", which sits right on the headline, out.
    An all-capitals name is written as the page writes it elsewhere ("WKRX NEWS 4" as "WKRX News 4"), else in Title Case.
    """
    first = next((i for i, line in enumerate(lines) if line.label is None and not line.is_meta and any(c.isalpha() for c in line.text)), None)
    if first is None or found.headline is None or found.headline <= first:
        return None
    # A line right over the headline may be its kicker; only the page's very first line, in capitals, printed again, is its name.
    if found.headline - first < 3 and not (first == 0 and lines[first].text.isupper() and _printed_again(lines, first)):
        return None
    text = lines[first].text
    tokens = text.split()
    small = ("the", "of", "and", "&")
    if not 1 <= len(tokens) <= 5 or lines[first].shape is Shape.PROSE or sum(c.isdigit() for c in text) > 2:
        return None
    if not all(t[0].isupper() or t[0].isdigit() for t in tokens if t.lower() not in small):
        return None
    if not text.isupper():
        return text
    pattern = re.compile(r"(?i)(?<!\w)" + r"\s+".join(map(re.escape, tokens)) + r"(?!\w)")
    written = next((m.group() for line in lines if (m := pattern.search(line.text)) and not m.group().isupper()), None)
    return written or " ".join(t if t.isalpha() and not set(t.lower()) & set("aeiouy") else string.capwords(t) for t in tokens)


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
        match = _SOURCE_LABEL.match(line.text) or _SENDER.match(line.text)  # a newsletter's sender is its publication
        name = match.group("name") if match else None
        if name is None and _PROVIDED_BY.match(line.text) and index + 1 < len(lines):
            name = lines[index + 1].text
        if name and not _NOT_A_SOURCE.search(name) and 1 <= len(name.split()) <= 6:
            return name.strip(" .")
    return None


def _holder(text: str) -> str | None:
    return meta.copyright_holder(text) if re.match(r"(?i)\s*(?:©|\(c\)|copyright\b|all content ©)", text) or "©" in text else None
