"""Facts about the article rather than the article: byline, source name, address.

Bylines are read by shape: a label ("By", "Words by", "Author:") then names,
each two to four capitalised words, until something that is not a name (a
role, an outlet, a date). Source names come from the strongest evidence the
page offers, in the order :func:`source_name` documents.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .text import casefolded, ends_sentence, key, words

_BY = re.compile(
    r"^(?:(?:words|written|story|text|posted|article|reporting|report(?:ed)?|analysis|interview"
    r"|(?:prepared |opening |closing |keynote )?(?:remarks|speech|statement|testimony|address))\s+)?"
    r"(?:(?:by|von|par|por|door)\s*/\s*)?(?:by|von|par|por|door)\s*:?\s+(?P<rest>.+)$"
    r"|^(?:authors?|byline|writer|written by|(?:words|text|story)(?: (?:and|&) (?:pictures|photos|photographs|images))?"
    r"|(?:lead |senior |chief )?analysts?)\s*:\s*(?P<rest2>.+)$",  # a research note's "Lead analyst: …"
    re.I,
)
# "with" ends the names too: "By Jane Doe with agency reports", "By Jane Doe with additional reporting by …"
_SEGMENT_END = re.compile(r"\s*(?:\||;|•|·|—|–|\s-\s|\s/\s|\bin\b|\bfor\b|\bwith\b|\bupdated\b|\bpublished\b|\bposted\b|\bon\b|\bat\b|\(|@)\s*")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&|und|et)\s+")  # "und", "et": a byline in German or French
_PARTICLES = frozenset("de da di van von der den du dos del la le bin al el ibn ter zu".split())
_ROLE_WORDS = frozenset(
    "reporter reporters correspondent correspondents editor editors writer writers staff contributor contributors columnist analyst "
    "producer journalist bureau chief senior deputy desk team news press agency service media wire online times post daily associated "
    "reuters bloomberg afp ap cnn bbc technology tech business political politics economics science health world national foreign "
    "international global digital video photographer photography guest special investigations editorial newsroom".split()
)
_NOT_A_FIRST_NAME = frozenset("the a an this that these those in on at for with and or but by from to of new how why what when who".split())
_ROLE_HEADS = frozenset("chief senior deputy political economics diplomatic home foreign defence defense legal our staff special".split())
_NOT_IN_A_NAME = frozenset("the a an and or of to in on for with at by from".split())
_HANDLE = re.compile(r"@\w+|\S+@\S+\.\w+|https?://\S+")
_WIRE = re.compile(
    r"\((?P<wire>Reuters|AP|AFP|Bloomberg|Xinhua|UPI|dpa|PA|Kyodo|Yonhap|CNN|ANI|IANS|PTI|CP|The Canadian Press|Associated Press)\)"
    r"|(?P<prn>/PRNewswire(?:-[\w]+)?/)|(?P<bw>\(BUSINESS WIRE\))|(?P<gn>GLOBE NEWSWIRE)|(?P<cnw>/CNW/)"
)
_WIRE_NAMES = {"AP": "Associated Press", "CP": "The Canadian Press", "prn": "PR Newswire", "bw": "Business Wire", "gn": "GlobeNewswire", "cnw": "CNW"}
_OUTLETS = {
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "bbc.co.uk": "BBC News", "bbc.com": "BBC News", "nytimes.com": "The New York Times",
    "theguardian.com": "The Guardian", "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal", "ft.com": "Financial Times",
    "bloomberg.com": "Bloomberg", "cnbc.com": "CNBC", "cnn.com": "CNN", "theverge.com": "The Verge", "techcrunch.com": "TechCrunch",
    "arstechnica.com": "Ars Technica", "scmp.com": "South China Morning Post", "economist.com": "The Economist", "theregister.com": "The Register",
    "theregister.co.uk": "The Register", "zdnet.com": "ZDNet", "cnet.com": "CNET", "wired.com": "Wired", "engadget.com": "Engadget",
    "lightreading.com": "Light Reading", "fiercewireless.com": "Fierce Wireless", "theglobeandmail.com": "The Globe and Mail", "cbc.ca": "CBC News",
    "abc.net.au": "ABC News", "asia.nikkei.com": "Nikkei Asia", "politico.com": "Politico", "thehill.com": "The Hill", "axios.com": "Axios",
    "prnewswire.com": "PR Newswire", "businesswire.com": "Business Wire", "huawei.com": "Huawei", "commerce.gov": "US Department of Commerce",
    "bis.doc.gov": "Bureau of Industry and Security", "fcc.gov": "FCC", "justice.gov": "US Department of Justice", "whitehouse.gov": "The White House",
    "gov.uk": "UK government", "telecoms.com": "Telecoms.com", "seekingalpha.com": "Seeking Alpha", "aljazeera.com": "Al Jazeera",
    "france24.com": "France 24", "dw.com": "DW", "npr.org": "NPR", "foxbusiness.com": "Fox Business", "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News", "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News", "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times",
    "theatlantic.com": "The Atlantic", "forbes.com": "Forbes", "fortune.com": "Fortune", "businessinsider.com": "Business Insider",
    "globaltimes.cn": "Global Times", "xinhuanet.com": "Xinhua", "caixinglobal.com": "Caixin", "technode.com": "TechNode",
    "androidcentral.com": "Android Central",
}
_URL_LINE = re.compile(
    r"^(?:(?:url|source|link|permalink|canonical(?: url)?|original(?:ly)?(?: published| posted)?(?: at| on)?"
    r"|read (?:it |this |more )?(?:online )?(?:at|on)|web|address|via|from|(?:printed|retrieved|saved|downloaded) (?:from|at)"
    r"|(?:open|view|visit|read) (?:the )?original(?: article| story| post)?)\s*:?\s*)?"
    r"<?(?P<url>https?://[^\s<>]+?)>?[.,;]?$",
    re.I,
)
_NOT_ARTICLE = re.compile(
    r"(?i)(?:twitter\.com/intent|facebook\.com/sharer|linkedin\.com/share|/share\?|mailto:|whatsapp|t\.me/|\.(?:jpe?g|png|gif|webp|svg)(?:\?|$)"
    r"|/(?:privacy|terms|cookies?|about|contact|subscribe|newsletters?|login|signin|account|signup|register)(?:[/?#.]|$))"
)


# A byline that names no one: "From our correspondent in London", "By our own reporter", "Our Lagos bureau" (never "The
# Export Desk": an outlet's name).
_UNNAMED = re.compile(
    r"(?i)^(?:(?:from|by)\s+(?:our|a|the)|our)\s+(?:own\s+|special\s+|staff\s+|foreign\s+|[A-Z][\w.-]+\s+){0,2}"
    r"(?:correspondents?|reporters?|staff|bureau|team|desk|staff writers?)(?:\s+(?:in|at)\s+(?-i:(?:[A-Z][\w.'’-]*\s?){1,3}))?$"
)


def byline(text: str) -> str | None:
    """The names in a labelled byline ("By Jane Doe and John Roe, Reuters"), or ``None``."""
    if _UNNAMED.match(key(text).strip()):
        return key(text).strip()
    match = _BY.match(key(text).strip())
    if match is None or len(words(text)) > 16:
        return None
    rest = text[match.start("rest") if match.group("rest") else match.start("rest2") :]
    # "By Huawei's own account, sales fell." is a sentence: only a person's name makes it a byline.
    # "By Jane Doe The Lowland Wire": a name run into its agency's name without a comma
    return names(rest) or names(re.split(r"\s+(?=The\s+[A-Z])", rest, maxsplit=1)[0]) or (None if ends_sentence(text) else _staff(rest))


def names(text: str) -> str | None:
    """Person names at the start of ``text``, joined ("A, B and C"), or ``None``."""
    segment = _SEGMENT_END.split(_HANDLE.sub(" ", text), maxsplit=1)[0]
    found: list[str] = []
    for part in _NAME_SPLIT.split(segment.strip(" ,.;:")):
        person = _person_in(part)
        if person is None:
            break
        found.append(_proper(person))
    if not found:
        return None
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]


def names_only(text: str) -> str | None:
    """The names when a line is nothing but names (an @handle, or a role after a comma, allowed): a byline without "By"."""
    segment = _SEGMENT_END.split(_HANDLE.sub(" ", text), maxsplit=1)[0].strip(" ,.;:")
    parts = _NAME_SPLIT.split(segment)
    people = 0
    while people < len(parts) and _person_in(parts[people]) is not None:
        people += 1
    roles = " ".join(parts[people:]).lower().split()
    if people == 0 or not all(word in _ROLE_WORDS | _ROLE_HEADS for word in roles):
        return None
    return names(text)


_JOB = frozenset("writer writers editor editors correspondent correspondents reporter reporters columnist contributor contributors producer staff".split())


def is_job_title(text: str) -> bool:
    """A reporter's job on a line of its own under the byline: "Tribune Business Writer", "Senior Correspondent, Beijing"."""
    tokens = [t.strip(",.;") for t in text.replace("|", " ").split()]
    if not 1 <= len(tokens) <= 6 or ends_sentence(text) and not text.endswith("."):
        return False
    head = text.split(",")[0].split()
    allowed = _NOT_IN_A_NAME | _ROLE_WORDS | _ROLE_HEADS
    return bool(head) and head[-1].strip(".").lower() in _JOB and all(t[:1].isupper() or t.lower() in allowed for t in tokens if t)


def _person_in(part: str) -> str | None:
    """A person's name, or one followed by a role without a comma ("Harriet Cole Political editor")."""
    tokens = part.split()
    if is_person(part):
        return " ".join(tokens)
    for size in (3, 2):
        # every word after the name a role's ("Political editor"), not a headline's ("Said That Global Trade Fell")
        roles = all(t.lower() in _ROLE_WORDS | _ROLE_HEADS | {"of", "and", "&"} for t in tokens[size:])
        if len(tokens) > size and roles and is_person(" ".join(tokens[:size])):
            return " ".join(tokens[:size])
    return None


def _proper(name: str) -> str:
    """"JON O'BRIEN-SMITH" as "Jon O'Brien-Smith"; a name with small letters is left as written."""
    if not name.isupper():
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), name)


def is_person(text: str) -> bool:
    """Two to four capitalised words (particles and initials allowed), none of them a role or an outlet."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or ends_sentence(text) and not re.search(r"\b[A-Z]\.$", text):
        return False
    if tokens[0].lower() in _NOT_A_FIRST_NAME or any(t.lower() in _NOT_IN_A_NAME for t in tokens):
        return False  # "By The Numbers", "By Land And Sea": a Title Case headline, not a person
    for token in tokens:
        bare = token.strip(".,'’")
        if bare.lower() in _ROLE_WORDS or any(c.isdigit() for c in bare):
            return False
        if bare.lower() in _PARTICLES and token is not tokens[0]:
            continue
        if not bare or not bare[0].isalpha() or bare[0].islower():
            return False
    return True


def _staff(rest: str) -> str | None:
    """A byline without a person ("Reuters Staff", "Our Foreign Staff"): kept when short and capitalised."""
    segment = " ".join(_SEGMENT_END.split(_HANDLE.sub(" ", rest), maxsplit=1)[0].split()).strip(" ,.;:")
    tokens = segment.split()
    if not 1 <= len(tokens) <= 4 or not any(t.lower() in _ROLE_WORDS for t in tokens):
        return None  # "By The Numbers" is a headline, not a byline
    if tokens[0][0].isupper() and tokens[-1][0].isupper() and all(t[0].isupper() for t in tokens if t.lower() not in ("of", "the")):
        return segment
    return None


def wire(paragraph: str) -> str | None:
    """The agency named in a wire dateline at the start of a paragraph ("WASHINGTON (Reuters) -")."""
    match = _WIRE.search(paragraph[:160])
    if match is None:
        return None
    group = next(name for name, value in match.groupdict().items() if value)
    value = match.group(group)
    return _WIRE_NAMES.get(group if group != "wire" else value, value)


def outlet(name: str) -> str | None:
    """The outlet a masthead line names, when it is one of the outlets this module knows."""
    folded = casefolded(name)
    return next((value for value in set(_OUTLETS.values()) if value.casefold() == folded), None)


def url_of(text: str) -> str | None:
    """The address on a line that holds just an address, maybe labelled ("Source: https://…")."""
    match = _URL_LINE.match(text.strip())
    if match is None:
        return None
    return match.group("url").rstrip(".,;)")


def is_article_url(url: str) -> bool:
    """Whether an address may be the article's own: not a share link, image, or legal page, and not a bare home page."""
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.path.strip("/") != "" and not _NOT_ARTICLE.search(url)


def site_of(url: str) -> str:
    """The outlet at an address: a known name, else the host without ``www.``."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    for start in range(len(labels) - 1):
        known = _OUTLETS.get(".".join(labels[start:]))
        if known:
            return known
    return host
