"""What an HTML page says about itself in markup, laid over what its text says.

Markup is written for machines and rarely wrong about the canonical address, the
publication date or the publisher, so those win. The headline is different: a
JSON-LD ``headline`` or ``og:title`` may be a search-engine variant, so the
printed line that matches one of them wins, then the page's only ``<h1>``, and
only then the metadata itself.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

from ..content.dates import DateError, PartialDate, parse_date
from . import holders, meta
from .dates import mentions
from .evidence import Hints
from .evidence import hints as make_hints
from .html import Metadata
from .page import Page
from .publication import choose
from .sources import cited, trademark
from .text import clean
from .titles import fold, is_site, names_host, only_names, split_title, without_kicker

_ISSUE = re.compile(r"(?i)\s*(?:[#№]\s?\d+|[-–—|:,]?\s*(?:issue|no\.|number|edition)\s*#?\s?\d+)$")
# Extended ("2015-04-02T09:30") or basic ("20150402", as a compact "pubdate" meta writes it) ISO 8601.
_ISO_DAY = re.compile(r"^\s*((?:19|20)\d{2})(-?)(\d{2})\2(\d{2})(?![\d-])")
# An archive's or a proxy's copy: the original address follows a capture's stamp in the path ("/web/20150403120000/http://…").
_ARCHIVED = re.compile(r"^https?://[^/?#]+/(?:[^?#]*/)?[\d.-]{8,}[a-z_]*/(?P<original>https?://[^/].*)$")


def _host(metadata: Metadata, base: str | None = None) -> str:
    """The host of the page's own address, for telling its name in the title."""
    for url in (metadata.canonical, metadata.og_url, metadata.ld_url, base or ""):
        if url and (host := urlsplit(url).hostname if "://" in url else None):
            return host
    return ""


def _names(metadata: Metadata) -> tuple[str, ...]:
    """What the markup says the site is called."""
    return tuple(n for n in (metadata.site_name, metadata.publisher, _company(metadata.publisher)) if n and not _is_host(n))


def _is_host(name: str) -> bool:
    return " " not in name.strip() and "." in name


def iso_date(value: str) -> PartialDate | None:
    """The day of an ISO timestamp as written (the publisher's local day), or ``None``."""
    match = _ISO_DAY.match(value)
    if match is None:
        return None
    try:
        return parse_date(f"{match.group(1)}-{match.group(3)}-{match.group(4)}")
    except DateError:
        return None


def absolute(url: str, base: str | None) -> str | None:
    """An http(s) address, resolved against the page's own address when relative."""
    if not url or any(c.isspace() for c in url):
        return None  # "Skip to main content" is no address, even if a page puts it in href
    try:
        resolved = urljoin(base, url) if base else url
        urlsplit(resolved)
    except ValueError:
        return None
    if (archived := _ARCHIVED.match(resolved)) is not None:
        resolved = archived.group("original")  # the story's own address, which is what readers cite
    return resolved if urlsplit(resolved).scheme in ("http", "https") and urlsplit(resolved).netloc else None


def hints(metadata: Metadata, lines: list[str], base: str | None = None) -> Hints:
    """What the markup says of the headline, for the text's scorer: its titles (without the site's name), its ``<h1>``s
    that are not the site's name, and its address's slug."""
    sites, host = _names(metadata), _host(metadata, base)
    splits = [split_title(t, sites, host, lines).headline for t in (metadata.og_title, metadata.title) if t]
    titles = [t for t in (metadata.headline, metadata.og_title, *splits) if clean(t) and not is_placeholder(clean(t))]
    h1 = [h for h in metadata.h1 if clean(h) and not is_site(h, sites, host)]
    url = next((u for u in (absolute(metadata.canonical, base), absolute(metadata.og_url, base), absolute(metadata.ld_url, base), base) if u), None)
    return make_hints(titles, h1, url)


def headline(metadata: Metadata, lines: list[str], printed: str | None) -> str | None:
    """The headline: the text's choice when the markup bears it out, else the only ``<h1>``, else the markup's title, else
    the text's choice. The text's scorer has weighed the markup already; a headline the text does not print (a page whose
    copy lost it) is only in the markup."""
    given = hints(metadata, lines)
    if printed is not None and (given.agrees(printed) or given.is_h1(printed) or given.slug_agrees(printed)):
        return printed
    sites, host = _names(metadata), _host(metadata)
    h1 = [clean(h) for h in metadata.h1 if clean(h) and not is_site(h, sites, host)]
    if len(h1) == 1:
        return h1[0]
    splits = [split_title(t, sites, host, lines).headline for t in (metadata.og_title, metadata.title) if t]
    named = [clean(t) for t in (metadata.headline, metadata.og_title, *splits) if clean(t) and not is_placeholder(clean(t))]
    # A site's and a section's names ("Portal - Notices") are no story's title: the printed headline is better.
    named = [t for t in named if not only_names(t)] if printed is not None else named
    return named[0] if named else printed


def _story_between(lines: list[str], h1: str, named: str) -> bool:
    """Whether a whole article's text lies between the printed ``<h1>`` and a lower line that the metadata names: that line
    is another story's headline in a list beside or under the article (the metadata was the other story's), and the
    ``<h1>`` is the headline."""
    folded = [fold(line) for line in lines]
    top = folded.index(fold(h1)) if fold(h1) in folded else None
    below = folded.index(fold(named)) if fold(named) in folded else None
    if top is None or below is None or below <= top:
        return False
    return sum(len(line.split()) >= 20 and line.rstrip("\"'”’)").endswith((".", "!", "?")) for line in lines[top + 1 : below]) >= 2


def other_story(metadata: Metadata, lines: list[str]) -> bool:
    """Whether the markup's title names another story than the page's only ``<h1>`` (so its description is that story's too)."""
    sites, host = _names(metadata), _host(metadata)
    h1 = [clean(h) for h in metadata.h1 if clean(h) and not is_site(h, sites, host)]
    named = {fold(clean(t)) for t in (metadata.headline, metadata.og_title) if clean(t)}
    match = next((line for line in lines if fold(line) in named), None)
    return len(h1) == 1 and match is not None and _story_between(lines, h1[0], match)


def is_placeholder(title: str) -> bool:
    """A ``<title>`` that names a file, not a story: a document code ("EX-99.1", "8-K"), a file name ("release_final.docx"),
    "Untitled". Unless the page prints it as a line, the text's own headline is better."""
    text = title.strip()
    return bool(
        re.fullmatch(r"[\w.\-/#]*\d[\w.\-/#]*", text)
        or re.search(r"(?i)\.(?:docx?|pdf|html?|txt|rtf|odt|pptx?|xlsx?)$", text)
        or re.fullmatch(r"(?i)(?:untitled|document|new document|page)(?: (?:document|page|\d+))?", text)
    )


def _company(name: str) -> str:
    """An organisation's name without its legal form: "Brightline Photonics, Inc." is "Brightline Photonics"."""
    return re.sub(r"(?i)[, ]+(?:ltd|limited|inc|llc|plc|gmbh|corp|corporation|s\.?a|pty|co)\.?$", "", name.strip()).strip(" ,")


def _source(metadata: Metadata, title: str | None, page: Page, host: str, lines: list[str]) -> str | None:
    """The publication, by agreement between the names the page gives itself (:mod:`.publication`): ``og:site_name``, the
    JSON-LD publisher without its legal form, the name in ``<title>``, the logo's alt text and the text's own reading."""
    publisher = holders.publication(_company(metadata.publisher)) if metadata.publisher else ""
    site = metadata.site_name if metadata.site_name and not _is_host(metadata.site_name) else ""
    split = split_title(metadata.title, _names(metadata), host, (title,) if title else ())
    in_title = split.site if split.site and (title and fold(split.headline) == fold(title) or names_host(split.site, host)) else ""
    # a <title> that is only the site's name, spelled as its address spells it ("Harbour Gazette" on harbourgazette.example)
    # (a newsletter's issue number after it: "Wafer Notes #212", "The Ledger – Issue 47")
    bare = _ISSUE.sub("", clean(metadata.title))
    alone = bare if len(bare.split()) <= 5 and names_host(bare, host) else ""
    origins = {
        "site_name": site, "publisher": publisher, "title": in_title or alone, "logo": _logo_name(metadata.logo), "text": page.source or "",
        "trademark": trademark(metadata.imprint) or "",
    }
    found = choose(origins, host, [*lines, metadata.imprint])
    return cited(found, [*lines, metadata.title]) if found else None


def _latin_part(name: str) -> str:
    """A masthead set in two scripts ("Harbour Weekly 港湾周报"), as the English page writes it: the words in Latin letters."""
    words = name.split()
    latin = [w for w in words if not any(c.isalpha() and ord(c) > 0x24F for c in w)]
    return " ".join(latin) if latin and len(latin) < len(words) and any(c.isalpha() for w in latin for c in w) else name


def _logo_name(alt: str) -> str:
    """The site's name in its logo's alt text, without the word "logo", a link's "home" or a tagline after a dash: "Prairie
    Wireless logo", "The Isar Post – Munich's daily". An instruction ("Go to the homepage") names nothing."""
    if re.search(r"(?i)\b(?:go|back|return|click|navigate|link)\b|\bhome ?page\b|\bfront page\b", alt):
        return ""
    alt = re.split(r"\s+[–—|·•]\s+|\s+-\s+", alt)[0]
    alt = _latin_part(alt)
    name = re.sub(r"(?i)^(?:logo(?: of)?|home)\s*[:|-]?\s*|\s*[:|-]?\s*(?:logo|home(?: ?page)?)$", "", alt).strip()
    name = re.sub(r"(?i)\s+(?:crest|seal|emblem|wordmark|shield|logotype)$", "", name)  # "Westmarch University crest"
    generic = name.casefold() in ("sponsor", "partner", "advertiser", "company", "site", "brand", "our brand")
    return name if 1 <= len(name.split()) <= 6 and name[:1].isupper() and not generic else ""


def _local_day(metadata: Metadata, printed: PartialDate | None) -> PartialDate | None:
    """The publication day from markup, on the publisher's clock.

    A timestamp in UTC ("…T02:14:51+00:00") may fall on the next day from the one the page prints; the printed day, or a
    ``<time>`` written with the local offset, wins when it is the day before or after.
    """
    published = iso_date(metadata.published)
    if published is None or not re.search(r"(?:Z|[+-]00:?00)$", metadata.published.strip()):
        return published
    local = printed or (iso_date(metadata.time) if re.search(r"[+-](?!00:?00)\d{2}:?\d{2}$", metadata.time.strip()) else None)
    if local is None or local.precision != "day" or published.precision != "day":
        return published
    apart = abs((datetime.date.fromisoformat(local.iso()) - datetime.date.fromisoformat(published.iso())).days)
    return local if apart == 1 else published


def _believed(marked: PartialDate | None, page: Page, lines: list[str], page_dated: bool = False) -> PartialDate | None:
    """The markup's publication date, unless the page prints its own and the markup's is later than every date on the page.

    A content system that stamps the day a page was generated or crawled ("2026-12-07T04:12:55Z" on a story printed as
    "Jan 9th, 2018") writes a day the story cannot have been published on: no date it shows comes that late. A bare
    ``WebPage``'s date (``page_dated``) is the page's, a section's or a template's: the printed date wins over it, and so
    does it over a markup date the page prints as its update ("24.09.2021 - Update: 25.09.2021"): the update's day.
    """
    printed = page.date
    if marked is None or printed is None or marked.precision != "day" or printed.precision != "day":
        return marked
    if page_dated or marked == page.updated and printed.iso() < marked.iso():
        return printed  # a bare WebPage's date is the page's: a section index, a template
    shown = [m.date for line in lines for m in mentions(line) if m.date.precision == "day"]
    latest = max((datetime.date.fromisoformat(d.iso()) for d in [printed, *shown]), default=None)
    if latest is not None and (datetime.date.fromisoformat(marked.iso()) - latest).days > 1:
        return printed
    return marked


def merge(page: Page, metadata: Metadata, lines: list[str], base: str | None) -> Page:
    """``page`` with the markup's headline, dates, address and publisher where the markup has them."""
    found = headline(metadata, lines, page.title)
    title = without_kicker(found) if found else None
    url = next((u for u in (absolute(metadata.canonical, base), absolute(metadata.og_url, base), absolute(metadata.ld_url, base)) if u), None)
    published = _believed(_local_day(metadata, page.date), page, lines, metadata.page_dated)
    updated = iso_date(metadata.modified)
    source = _source(metadata, title, page, _host(metadata, base), lines)
    standfirst = (None if other_story(metadata, lines) else clean(metadata.dek)) or page.standfirst
    if standfirst is not None and title is not None and fold(standfirst) == fold(title):
        standfirst = None
    # The headline the markup names may be a line the text's reading took for the body (a long one reads as prose).
    shown_above = {fold(text) for text in (standfirst, title) if text}
    return replace(
        page,
        title=title,
        title_guessed=page.title_guessed and title == page.title,
        date=published or page.date or iso_date(metadata.time),
        updated=updated if updated and updated != (published or page.date) else page.updated,
        date_note=page.date_note if not (published or iso_date(metadata.time)) else "",
        source=source,
        url=url or page.url or (base if base and meta.is_article_url(base) else None),
        byline=page.byline or metadata.author or None,
        standfirst=standfirst,
        paragraphs=tuple(p for p in page.paragraphs if fold(p) not in shown_above),
    )
