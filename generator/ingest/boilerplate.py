"""Recognising the parts of a copied page that are not the article: by phrase and by shape.

Three tests, cheapest first: the whole line is a known label of :mod:`.labels`
("Share", "ADVERTISEMENT", "Related articles"); the line starts with or contains a phrase
that only boilerplate uses ("Sign up for our newsletter", "We use cookies",
"Image credit:"); or the line has the shape of a menu (short items between
``|`` or ``>``). Phrases are compared in lower case with straight quotes, so
"Don’t miss" and "DON'T MISS" are one.
"""

from __future__ import annotations

import re

from .credits import CAPTION, CREDIT, credit_of
from .footers import FOOTER
from .labels import EXACT, Kind, Label
from .text import ends_sentence, key, words
from .widgets import is_market_strip, is_share_bar, is_toolbar, is_viewer_chrome

__all__ = ["Kind", "Label", "classify", "is_menu", "is_sponsor_label"]  # the kinds live in .labels; readers take them from here


def _any(*alternatives: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), flags)


# Tried in order on the line in lower case (captions: as written, case ignored); the first that matches names the kind.
_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.END, _any(
        r"^\d+ (?:comments?|responses?|replies|thoughts) (?:on|to)\b", r"^(?:[\w']+ ){1,3}comments$",
        r"^sort (?:comments |replies )?by\s*:",  # the comments' sort control: the replies start here
        # a bulletin item's link to the whole story: the item ends there, and what follows is another item
        r"^(?:read|see|get) the (?:full|whole|complete|rest of the) (?:story|article|report|piece|interview)"
        r"(?:\s+(?:on|at|in|from|here)\b[^,;]{0,40})?\W*$",
        # an official document's signature block after its text: "Dated: August 19, 2019." on a line of its own
        r"^(?:dated|signed|done at [\w ]{1,30},?)\s*:?\s+(?:this \w+ day of )?[\w ,.]{0,30}\d{4}\.?$",
    )),
    (Kind.CHROME, _any(
        r"^[\d.,]+k?\s+(?:shares?|comments?|views|likes|reads)$",
        r"^(?:listen to (?:this|the) (?:article|story)|\d+\s*(?:-\s*)?min(?:ute)?s? (?:read|listen))\b",
        r"^(?:reading time|estimated reading time)\b",
        r"^(?:about |~)?\d{1,2}\s*(?:[–-]\s*\d{1,2}\s*)?min(?:ute)?s?$",  # a reader view's reading time alone: "5–6 minutes"
        r"^(?:news|content|story|release) (?:provided|distributed|supplied) by:?$",
        r"^published in [^.!?]{1,40}$",  # a blog platform's line naming the publication a post belongs to  # a label whose name sits on the next line
        r"[·|•]\s*\d+\s*(?:-\s*)?min(?:ute)?s?\s+(?:read|listen)$",  # the reading time beside a name: "Press Office · 3 min read"
        # who put a summary together, not who reported it: "Summarised by The Wire from 6 sources"
        r"^(?:summari[sz]ed|curated|aggregated|rounded up|prepared) (?:by|from)\b.{0,60}$",
        r"^(?:headshot|portrait|avatar|mugshot|author (?:photo|image|picture)|profile (?:photo|picture)) (?:of|for)\b",
        r"^(?:listen|play|audio)\b\W{0,3}(?:\d{1,2}:\d{2}|\d+)(?:\s*min(?:ute)?s?)?\)?$",  # "Listen · 4:12 min"
        r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?(?:\s*[a-z]{2,4})?|[a-z]{2,4})$",  # a live blog's timestamp over its entry ("9:47 p.m.", "14:32 BST")
        r"^(?:follow|share|tweet|email|save|print|gift)\b.{0,30}$",
        r"^\(?(?:(?:remarks|text|speech) )?as prepared for delivery\)?\.?$",  # a speech's label, not its text
        # a row of buttons under a speech or report: "Download PDF   Watch the recording (52 min)"
        r"^download (?:the |a |as )?(?:pdf|transcript|audio|mp3|report|slides|full (?:text|report|transcript))\b(?:[^.]|\d\.\d){0,60}$",
        r"^(?:from|to|cc|bcc|reply-to|sent|subject)\s*:\s",  # e-mail headers of a newsletter saved as text
        r"^view (?:this|in|the|it) (?:e-?mail|newsletter|message|online|bulletin|digest|issue|edition|briefing|in (?:your|a|the) browser)\b",
        r"^unsubscribe\b|^update your (?:preferences|subscription)",
        r"^(?:fwd|forward)(?: this(?: e-?mail| issue)?)? to a (?:friend|neighbou?r|colleague)\b",  # a mailing's button bar
        r"^showing \d+ (?:of|out of) \d+\b",  # a table's pager: "Showing 10 of 212 results"
        # a mail client's notice over a newsletter, a channel's pinned post over the message
        r"^images are (?:not|n't) (?:displayed|shown)(?:\.|$)", r"^display images below\b", r"^pinned (?:message|post|tweet|comment)\s*:",
        # a post's closing appeal: "If you liked it, subscribe for the next one"
        r"^if you (?:enjoyed|liked|found|valued) (?:this|it|reading)\b.{0,30}\b(?:follow|subscribe|share|sign up|clap)\b",
        r"[←‹«]\s*back to\b",  # a live page's or a series' way back: "‹ Back to all posts"
        # "Read more: <another headline>" is a link inside the article, not a list heading
        r"^(?:related|read more|also read|read also|see also|recommended|trending|more|read|listen|explainer|analysis)\s*:\s*\S",
        r"^[─━\-–—►▶•>]?\s*[^.!?]{2,80}[,:]?\s+(?:see )?(?:page|p\.)\s*\d{1,3}\)?$",  # a print edition's pointer: "Comment, page 22"
    )),
    (Kind.LIST, _any(r"^(?:more (?:from|in|on|about)|also (?:in|on)|latest (?:from|in|on))\b.{0,40}$")),
    (Kind.ADVERT, _any(
        r"^(?:advertisement|sponsored|ad|promoted)\b.{0,30}$", r"\bcontinues? (?:below|after) (?:this )?(?:advert|ad)\b", r"^skip (?:advert|ad)\b",
        # a newsletter's sponsor between its items: "A message from Harbour Fibre: …", "A word from our sponsors"
        r"^a (?:message|word) from (?:our |this \w+'s )?(?:sponsors?|partners?)\b", r"^a message from [^:.]{2,50}:\s",
    )),
    (Kind.VIDEO, _any(
        r"^(?:watch|video|play video|now playing|up next|media caption|video caption|duration|watch now|replay|click to play)\b",
        r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$", r"\(\d{1,2}:\d{2}\)$", r"\bthis video can ?not be played\b", r"\byour browser does ?n[o']t support\b",
    )),
    (Kind.COOKIE, _any(
        r"\bcookies?\b.{0,80}\b(?:use|uses|used|accept|consent|settings|policy|preferences|experience|agree|enabled?)\b",
        r"\b(?:use|accept|consent to|enable|allow) (?:all |our |the )?cookies\b", r"^(?:accept|reject|manage) (?:all|cookies|preferences|settings|choices)\b",
        r"\bby (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website|service)\b",
        r"\bdo not sell (?:or share )?my\b",
        r"\byour privacy choices\b",
        # a consent wall's heading and its text: "We value your privacy", "We and our 300 partners store and/or access information"
        r"^(?:we|this (?:site|website)) (?:values?|cares? about|respects?|protects?) your privacy\W*$|^your privacy (?:matters|is important to us)\b",
        r"\bwe and our (?:\d+ )?(?:partners|vendors)\b|\bprecise geolocation data\b|\bprocessing of your personal data\b",
    )),
    (Kind.PROMO, _any(
        r"^(?:sign up|subscribe|get|join|receive|want|enter your email|don't miss|never miss|stay (?:informed|up to date|on top)"
        r"|like this|enjoy(?:ing|ed) this)\b"
        r".{0,120}\b(?:newsletters?|inbox|briefing|digest|bulletin|alerts?|updates)\b",
        r"^(?:sign up|subscribe)\b", r"^(?:already|not) a (?:subscriber|member)\b", r"\bsubscribe (?:now|today|for|to (?:read|continue|unlock))\b",
        r"\bfree (?:articles?|stories|reads)\b.{0,40}\b(?:left|remaining|limit|this month)\b",
        r"\byou(?:'ve| have) (?:read|reached|used)\b.{0,40}\b(?:free|limit|articles?)\b",
        r"^(?:to continue reading|continue reading|keep reading|read the full (?:article|story))\b",
        r"\bunlimited (?:digital )?access\b",
        # a research note's or report's paywall: "Full note continues for clients. Log in to read pages 3–14"
        r"^(?:the )?full (?:note|report|article|story|text|analysis) (?:continues|is available)\b.{0,30}\b(?:clients|subscribers|members)\b",
        # a metered paywall's count: "You have 3 free articles left this month", "You've read 2 of 5 free stories"
        r"^you(?: have|'ve|’ve) (?:\d+|one|two|three|four|five|read \d+ of \d+) (?:free |remaining )?(?:[\w-]+ )?(?:stories|articles|reads)\b",
        r"\bsubscribers? only\b",
        r"\bbecome a (?:member|subscriber|supporter)\b", r"\bsupport (?:our|independent|quality) journalism\b", r"^(?:download|get) (?:the|our) app\b",
        r"^(?:follow|like|find) us on\b", r"^click here\b", r"\bcreate a free account\b", r"^(?:log|sign) in (?:to|or)\b",
        r"^(?:register|log in|sign in) (?:to|for) (?:continue|read|unlock)\b",
        r"\bthis (?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:subscribers|members)\b",
        r"\b(?:paywall|premium article|exclusive to subscribers)\b", r"\bsubscribe here\b", r"^forwarded this (?:e-?mail|newsletter)\b",
        r"\byou(?:'re| are) receiving this\b", r"\b(?:log ?in|sign in|register|create an account) to (?:comment|reply|join the discussion)\b",
        r"^that'?s (?:all|it) for (?:this|today|now)\b", r"^thanks? (?:you )?for reading\b", r"\breply to this (?:e-?mail|newsletter)\b",
        r"^(?:enjoy(?:ing|ed)?|like|liked|love) (?:this|the|our) \w+\?", r"\bforward (?:it|this|the \w+) to a (?:friend|colleague)\b",
        r"^(?:was this|were you) forwarded\b",
        r"\byou(?:'re| are) receiving\b.{0,60}\bbecause\b", r"\byou received this\b.{0,60}\bbecause\b",
        # a newsletter's teaser for what it will send next: "Coming up: …", "Next week: …"
        r"^[-–—]?\s*(?:coming up|coming next|still to come|next week|next time|next issue|in (?:our|the) next (?:issue|edition))\b[^:]{0,30}:",
        r"\bcancel (?:any ?time|at any time)\b", r"^terms (?:and conditions )?apply\b",
    )),
    (Kind.FOOTER, _any(*FOOTER)),
    (Kind.CREDIT, _any(*CREDIT)),
    (Kind.CAPTION, _any(*CAPTION, flags=re.I)),
]
_COMMENT_COUNT = re.compile(r"^(?:comments?|responses?|replies) ?[(\[]\d+[)\]]$")
_ABOUT = re.compile(r"^About (?:[A-Z0-9][\w&.'’-]*\s?){1,5}:?$")
_NAV_WORDS = frozenset(phrase for phrase in EXACT[Kind.CHROME] if " " not in phrase) | frozenset(
    "about archive archives contact obituaries classifieds e-edition weather traffic entertainment lifestyle travel food autos cars "
    "jobs events podcasts podcast games puzzles crosswords local national photos galleries reviews phones laptops deals gear "
    "security policy ai apps mobile telecoms telecom networks cloud enterprise startups science space climate money personal finance "
    "education real estate shop store help faq blog authors us uk europe asia africa americas australia china india middle east "
    "features columns newsletter magazine media video videos tv radio live".split()
)
_MENU_SEPARATORS = re.compile(r"\s*(?:\||•|·|»|›|>|/|\\)\s*")


SPONSOR_LABELS = frozenset(("sponsored", "sponsored content", "promoted", "promoted content", "paid post", "paid content", "partner content"))


def is_sponsor_label(text: str) -> bool:
    """"SPONSORED" on a line of its own: the line under it is the sponsor's message."""
    return _bare(text) in SPONSOR_LABELS


def _bare(text: str) -> str:
    """The line in lower case, straight quotes, without decoration or a trailing count ("Comments (12)")."""
    bare = " ".join(key(text).lower().split()).strip(" .:|•·>»-*#!→↓")
    return re.sub(r"\s*[(\[]?\d+[)\]]?$", "", bare) or bare


def classify(text: str) -> Label | None:
    """The boilerplate kind of one line of a page, or ``None`` for a line that may be the article."""
    bare = _bare(text)
    if _COMMENT_COUNT.match(" ".join(key(text).lower().split())):  # "Comments (48)": the comments start here
        return Label(Kind.END)
    for kind, phrases in EXACT.items():
        if bare in phrases or key(text).lower().strip() in phrases:
            return Label(kind)
    if _ABOUT.match(text):  # "About Huawei": the press-release boilerplate that ends the release
        return Label(Kind.END)
    lowered = _without_marks(" ".join(key(text).lower().split())).strip(" *_#>•·|")
    for kind, pattern in _PATTERNS:
        if pattern.search(lowered if kind is not Kind.CAPTION else key(text)):
            if kind in (Kind.CREDIT, Kind.CAPTION):
                return Label(kind, credit_of(text))
            return Label(kind)
    if is_menu(text) or _is_nav(bare):
        return Label(Kind.MENU)
    return Label(Kind.CHROME) if is_share_bar(bare) or is_market_strip(lowered) or is_viewer_chrome(lowered) or is_toolbar(lowered) else None


def _without_marks(lowered: str) -> str:
    """The line without the pictographs that open it ("🔔 Subscribe …", "📌 Join …"): the phrase after them is what counts."""
    return re.sub(r"^(?:[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]\s*)+", "", lowered)


def _is_nav(bare: str) -> bool:
    """Two or more words, every one a section or button name: "Home About Archive Contact"."""
    tokens = bare.replace("|", " ").split()
    return len(tokens) >= 2 and all(token in _NAV_WORDS for token in tokens)


def is_menu(text: str) -> bool:
    """A menu, footer link list or breadcrumb trail: short items between separators."""
    if ends_sentence(text) or "://" in text:
        return False
    items = [item for item in _MENU_SEPARATORS.split(text) if item]
    return len(items) >= 3 and all(len(words(item)) <= 4 for item in items) or (
        len(items) == 2 and bool(re.match(r"(?i)home\b", items[0])) and len(words(items[1])) <= 4
    )
