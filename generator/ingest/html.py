"""A saved or fetched HTML page read into its metadata and its visible text, one block a line.

Standard library only (:mod:`html.parser`), so HTML import works without the
``import`` extra. Nothing is run: scripts, styles and templates are skipped as
text; JSON-LD is parsed as data. Elements that are never the article (menus,
asides, forms, buttons, figure captions, cookie and newsletter boxes) are
dropped here, where the markup still says what they are; whatever is left goes
through the same line-by-line reading as a page copied as text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from dataclasses import fields as fields_of
from html.parser import HTMLParser

from .linkeddata import article_ld, describes_page, name_of, text_of, url_of
from .text import clean

# Never text: code, and what a browser would not show.
_SKIP = frozenset("script style noscript template svg iframe object embed canvas head select option textarea math".split())
# Markup that says "not the article".
_DROP = frozenset("nav aside footer form button figcaption figure dialog menu amp-sidebar amp-user-notification amp-ad amp-social-share".split())
_DROP_ROLES = frozenset("navigation complementary contentinfo banner dialog search alertdialog".split())
_DROP_CLASS = re.compile(
    r"(?i)(?:^|[\s_-])(?:cookies?|consent|newsletter|signup|sign-up|share|sharing|social|related|read-more|more-stories|most-popular|"
    r"promo|promo-bar|advert|ad|ads|ad-slot|ad-inline|sponsor|subscribe|support|donate|paywall-notice|comments?|breadcrumbs?|crumbs?|"
    r"skip|tools|listen|player|sub-btn|disclaimer|bio|author-box|author-bio|pullquote|pull-quote|live-controls|ticker)(?:$|[\s_-])"
)
# "newsletter-body", "sponsor-content__text": the container of a newsletter's or sponsored story's own text, not a box.
_CONTENT_CLASS = re.compile(r"(?i)^[\w-]*?(?:-|_)+(?:body|content|text|article|story)$")
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd br hr section article header main blockquote pre table tr td th caption address "
    "details summary center body html title figure".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# The site's logo, whose alt text is its name: "<a class="logo"><img alt="The Daily Klaxon">", "<img src="klaxon_logo.png">".
_LOGO = re.compile(r"(?i)logo|masthead|brand")
# The summary under the headline, where the markup names it.
_DEK_CLASS = re.compile(
    r"(?i)(?:^|[\s_-])(?:standfirst|dek|deck|subhead|subheadline|sub-headline|strapline|subtitle|sub-title"
    r"|(?:article|story|post|entry)[_-](?:teaser|summary|intro|lede))(?:$|[\s_-])"
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a page says about itself in markup; empty strings where it says nothing."""

    title: str = ""  # <title>
    og_title: str = ""
    headline: str = ""  # JSON-LD
    site_name: str = ""  # og:site_name
    publisher: str = ""  # JSON-LD publisher, else a citation or Dublin Core publisher
    logo: str = ""  # the logo's alt text
    canonical: str = ""  # <link rel=canonical>
    og_url: str = ""
    ld_url: str = ""
    published: str = ""  # JSON-LD datePublished, else article:published_time and the like
    page_dated: bool = False  # ``published`` is a bare WebPage's, which a date the page prints outranks
    modified: str = ""
    time: str = ""  # a <time datetime> in the page: weaker than metadata, since a list of other stories has them too
    author: str = ""
    description: str = ""
    h1: tuple[str, ...] = ()
    dek: str = ""  # the element the markup calls the standfirst or dek
    imprint: str = ""  # the text of the page's <footer>s, never the article's but naming who publishes it


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """A page's metadata and its visible text: one block element a line."""

    meta: Metadata
    text: str


@dataclass
class _Collector(HTMLParser):
    """Walks the markup once: text blocks outside dropped elements, and metadata."""

    lines: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    stack: list[tuple[str, bool, int]] = field(default_factory=list)  # (tag, dropped or skipped here, first line of a dek or -1)
    deks: list[str] = field(default_factory=list)
    hidden: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    ld_json: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)  # text of the <title>, JSON-LD script or <h1> being read
    capture: str = ""
    parent: str = ""  # class and id of the last element opened: a logo's link or box
    footer: int = 0  # <footer>s open
    imprint: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.fields.setdefault("canonical", values.get("href", "").strip())
        elif tag == "link" and values.get("itemprop", "").lower() in ("mainentityofpage", "url") and values.get("href"):
            self.fields.setdefault("microdata:url", values["href"].strip())  # microdata's way of naming the article's address
        elif tag == "time" and values.get("datetime") and not self.hidden:
            self._time(values)
        if tag == "img" and values.get("alt", "").strip():
            marks = " ".join([self.parent, *(values.get(name, "") for name in ("class", "id", "src", "alt"))])
            if _LOGO.search(marks):
                self.fields.setdefault("logo", " ".join(values["alt"].split()))
        if tag not in _VOID:
            self.parent = values.get("class", "") + " " + values.get("id", "")
        if tag == "time":
            self.current.append(" ")  # two dates side by side ("March 12, 2020March 14, 2020") are two, as on screen
        if tag in _VOID:
            if tag in _BLOCK:
                self._flush()
            return
        if tag == "title" and not self.fields.get("title"):
            self._start_capture("title")
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._start_capture("ld")
        elif tag == "h1" and not self.hidden:
            self._start_capture("h1")
        hide = tag in _SKIP or tag in _DROP or values.get("role", "").lower() in _DROP_ROLES or "hidden" in values
        marks = " ".join(n for n in (values.get("class", "") + " " + values.get("id", "")).split() if not _CONTENT_CLASS.match(n))
        hide = hide or bool(_DROP_CLASS.search(marks)) and tag not in ("body", "html", "article", "main")
        hide = hide or values.get("aria-hidden", "").lower() == "true"
        if tag in _BLOCK:
            self._flush()
        self.footer += tag == "footer"
        dek = not self.hidden and not hide and bool(_DEK_CLASS.search(values.get("class", "")))
        self.stack.append((tag, hide, len(self.lines) if dek else -1))
        self.hidden += hide

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(open_tag == tag for open_tag, _, _ in self.stack):
            return
        while self.stack:  # close what was left open inside it
            open_tag, hide, dek = self.stack.pop()
            self.hidden -= hide
            self.footer -= open_tag == "footer"
            if open_tag in _BLOCK or dek >= 0:
                self._flush()
            if dek >= 0 and len(self.lines) > dek:
                self.deks.append(" ".join(self.lines[dek:]))
            if open_tag == tag:
                break
        if self.capture and tag in ("title", "script", "h1"):
            self._end_capture()

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.raw.append(data)
        if not self.hidden:
            self.current.append(data)
        elif self.footer:
            self.imprint.append(data + " ")

    def _meta(self, values: dict[str, str]) -> None:
        name = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        content = " ".join(values.get("content", "").split())
        if name and content:
            self.fields.setdefault("meta:" + name, content)

    def _time(self, values: dict[str, str]) -> None:
        """A ``<time datetime>`` in the page: the first one, unless a later one says it is the publication's."""
        marks = " ".join((values.get("class", ""), values.get("itemprop", ""), " ".join(values))).lower()
        if re.search(r"updated|modified", marks):
            return
        if "pubdate" in marks or "publish" in marks:
            self.fields["time:published"] = values["datetime"].strip()
        self.fields.setdefault("time:first", values["datetime"].strip())

    def _start_capture(self, what: str) -> None:
        self.capture, self.raw = what, []

    def _end_capture(self) -> None:
        text = "".join(self.raw)
        if self.capture == "title":
            self.fields["title"] = " ".join(text.split())
        elif self.capture == "ld":
            self.ld_json.append(text)
        elif self.capture == "h1" and text.strip():
            self.h1.append(" ".join(text.split()))
        self.capture, self.raw = "", []

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.lines.append(text)


def read_html(markup: str) -> HtmlPage:
    """Metadata and visible text of a page; never raises on any text."""
    collector = _Collector()
    try:
        collector.feed(markup)
        collector.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup; keep what was read
        pass
    collector._flush()
    return HtmlPage(_metadata(collector), "\n".join(collector.lines) + "\n")


def _metadata(collector: _Collector) -> Metadata:
    fields = collector.fields
    ld = article_ld(collector.ld_json)

    def meta(*names: str) -> str:
        return next((fields["meta:" + n] for n in names if fields.get("meta:" + n)), "")

    found = Metadata(
        title=html.unescape(fields.get("title", "")),
        og_title=meta("og:title", "twitter:title"),
        headline=text_of(ld.get("headline")) or text_of(ld.get("name")),
        site_name=meta("og:site_name", "application-name"),
        publisher=name_of(ld.get("publisher")) or meta("citation_publisher", "dc.publisher", "publisher"),
        logo=fields.get("logo", ""),
        canonical=fields.get("canonical", ""),
        og_url=meta("og:url"),
        ld_url=text_of(ld.get("url")) or url_of(ld.get("mainEntityOfPage")) or fields.get("microdata:url", ""),
        published=text_of(ld.get("datePublished"))
        or meta("article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publish-date"),
        page_dated=bool(ld.get("datePublished")) and describes_page(ld),
        time=fields.get("time:published", fields.get("time:first", "")),
        modified=text_of(ld.get("dateModified")) or meta("article:modified_time", "datemodified", "og:updated_time"),
        author=name_of(ld.get("author")) or meta("author", "article:author"),
        description=meta("og:description", "description", "twitter:description"),
        h1=tuple(collector.h1),
        dek=collector.deks[0] if len(collector.deks) == 1 else "",  # several: teasers of a list of stories
        imprint=" ".join("".join(collector.imprint).split()),
    )
    # No control characters or runs of whitespace in anything that may reach front matter.
    cleaned: dict[str, object] = {f.name: clean(v) for f in fields_of(found) if isinstance(v := getattr(found, f.name), str)}
    return replace(found, **cleaned, h1=tuple(map(clean, found.h1)))  # type: ignore[arg-type]


def looks_like_html(text: str) -> bool:
    """Whether text is markup: a doctype or ``<html>``/``<head>``/``<body>`` near the start."""
    return bool(re.search(r"(?i)<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", text[:2000]))
