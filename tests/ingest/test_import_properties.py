"""Properties: import never crashes, always writes a readable file, and never drops a paragraph of the article.

The page generator wraps random prose paragraphs in random boilerplate of the
kinds real pages carry (banners, menus, bylines, datelines, pictures, adverts,
promos, share buttons, related lists, comments, cookie notices, footers), with
random blank lines, line endings and stray whitespace. The prose is drawn from
ordinary news words: it never uses the phrases that only boilerplate uses. A
standfirst, when there is one, is at least as long as the headline: that is
how import tells a headline over its standfirst from an alt text over a headline.
The first paragraph repeats the headline's words, as a lead does: import weighs
a line whose words the lead never uses as something else (a menu, a promo).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.content.dates import PartialDate
from generator.ingest.duplicates import normalise_url
from generator.ingest.importer import Overrides, import_any, import_text
from generator.ingest.page import read_page
from generator.ingest.text import clean
from generator.ingest.writer import event_text
from import_fixtures.support import matcher, read_back

MATCH = matcher([("Huawei", ["Huawei Technologies"]), ("US Department of Commerce", ["Commerce"]), ("Entity List", ["blacklist"])])
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = (
    "the a of to and in that for on with as by at from said would could after before company government officials analysts "
    "network networks equipment phones chips suppliers rules licence export exports market customers carriers operators deal talks "
    "trade security national year month week revenue sales growth plan decision court judge law ban policy new first last major "
    "rural global local engineers factory shipments orders prices costs billion million percent lawmakers ministers regulators"
).split()
NAMES = ["Huawei", "Washington", "Beijing", "Shenzhen", "Ottawa", "London", "Commerce", "Ren Zhengfei", "Meng Wanzhou", "TSMC", "the blacklist"]
PEOPLE = ["Jane Doe", "Owen Prasad", "Harriet Cole", "Li Wen", "Marcus Oyelaran"]


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + NAMES), min_size=4, max_size=22))
    if draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words) - 1)), draw(st.sampled_from(["5%", "$1.2 billion", "2019", "68", "“strong”", "—"])))
    if draw(st.booleans()):
        words[draw(st.integers(0, len(words) - 2))] += ","
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return text + draw(st.sampled_from([".", ".", ".", "?", "!", ".”", "…"]))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))


@st.composite
def headline(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + NAMES), min_size=5, max_size=14))
    # "By ..." on a line of its own is a byline on any news page: no headline starts so
    assume(words[0].lower() != "by")
    text = " ".join(words)
    if draw(st.booleans()):
        text = " ".join(w[:1].upper() + w[1:] for w in text.split())
    return text[0].upper() + text[1:]


def related(items: list[str]) -> list[str]:
    return ["Related articles", *items]


TOP = [
    ["Skip to main content"],
    ["The Daily Example", "Serving the valley since 1911", "News | Sport | Opinion"],  # a masthead sits above a menu
    ["Home | World | Business | Tech | Opinion"],
    ["Sign in", "Subscribe"],
    ["You have 2 free articles left this month. Subscribe for unlimited access."],
    ["We use cookies to improve your experience. By continuing you agree to our cookie policy.", "Accept all"],
    ["Technology"],
    ["Home > Technology > Telecoms"],
    ["Menu", "Search"],
]
INLINE = [
    ["ADVERTISEMENT"],
    ["Advertisement - Scroll to continue"],
    ["Share", "Tweet", "Email"],
    ["Sign up for our daily newsletter to get the best stories in your inbox."],
    ["Read more: Huawei sues the government over a procurement ban"],
    ["A general view of a network site near the river (Photo by Li Wen/Getty Images)"],
    ["Engineers at work in a factory outside the city", "Image credit: Getty Images"],
    ["WATCH: What the ban means for phone owners (2:14)", "Now playing"],
    ["Story continues below advertisement"],
    ["Subscribe now for unlimited access to all our journalism."],
]
TAIL = [
    related(["Huawei sues the government over a procurement ban", "ZTE pays a fine to lift its denial order"]),
    ["Recent articles", "Google suspends some business with Huawei", "May 19, 2019", "Qualcomm shares slip as trade worries mount", "May 20, 2019"],
    ["Reporting by Jane Doe; Editing by Chris Roe"],
    ["© 2019 The Daily Example. All rights reserved."],
    ["Terms of use | Privacy policy | Contact us"],
    ["We use cookies to improve your experience. By continuing you agree to our cookie policy."],
    ["Leave a comment", "Sam K.", "This is years too late, and everyone in the industry knew it at the time.", "Reply"],
    ["Topics", "Huawei", "5G", "Telecoms"],
    # sign-offs, tip lines, corrections and print pointers: the body never keeps them
    ["Tribune wire services contributed to this report."],
    ["Have a news tip? Call the newsroom at 406-555-0117."],
    ["Correction: An earlier version of this article misstated the date of the listing."],
    ["─ Comment, page 22", "─ Business: What the ban means for your phone bill, page 34"],
    ["This article is printed from example.com. Printed on 12/07/2018."],
    ["Found an error? Tell us."],
]
META = [
    ["By Jane Doe", "Published 16 May 2019"],
    ["By Owen Prasad and Li Wen", "May 16, 2019 3:04 PM UTC", "Updated 5 years ago"],
    ["Harriet Cole", "2019-05-16T15:04:00Z"],
    ["May 16, 2019 | By Marcus Oyelaran"],
    ["Published 16 May 2019 · Updated 17 May 2019"],
    ["Posted on May 16, 2019 by Jane Doe"],
    ["By Jane Doe, Technology Correspondent", "Thu 16 May 2019 15.04 BST"],
]


@st.composite
def page(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """A page's text, its headline and its body paragraphs; every page is dated 16 May 2019."""
    title = draw(headline())
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=6))
    # A headline sums its lead: the first paragraph opens with the headline's words (the standfirst, drawn at random, may not).
    paragraphs[0] = f"Officials said {title.lower()}. {paragraphs[0]}"
    meta = draw(st.sampled_from(META))
    lines: list[str] = [line for block in draw(st.lists(st.sampled_from(TOP), max_size=4)) for line in block]
    lines.append(title)
    if draw(st.booleans()):  # a standfirst: at least as long as the headline, as standfirsts are
        length = max(8, len(title.split()))
        lines.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=length, max_size=length + 12))).capitalize())
    lines += meta
    if draw(st.booleans()):
        lines += draw(st.sampled_from(INLINE[5:7]))  # the lead picture
    for index, text in enumerate(paragraphs):
        lines.append(text)
        if index < len(paragraphs) - 1 and draw(st.integers(0, 2)) == 0:
            lines += draw(st.sampled_from(INLINE))
    lines += [line for block in draw(st.lists(st.sampled_from(TAIL), max_size=4)) for line in block]
    gaps = draw(st.lists(st.sampled_from(["\n", "\n", "\n\n", "\n\n\n", " \n", "\n \n"]), min_size=len(lines), max_size=len(lines)))
    text = "".join(f"{draw(st.sampled_from(['', '', ' ', '  ']))}{line}{gap}" for line, gap in zip(lines, gaps, strict=True))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, title, paragraphs


@PROPERTY_SETTINGS
@given(page())
def test_every_paragraph_of_the_article_comes_out_in_order(case: tuple[str, str, list[str]]) -> None:
    text, title, paragraphs = case
    found = read_page(text)
    assert list(found.paragraphs) == [" ".join(p.split()) for p in paragraphs]
    assert found.title == title
    assert found.date == PartialDate(2019, 5, 16)


@PROPERTY_SETTINGS
@given(page(), st.sampled_from([" ", "\u00a0", "\t", "  "]))
def test_whitespace_inside_paragraphs_is_only_whitespace(case: tuple[str, str, list[str]], space: str) -> None:
    text, _, paragraphs = case
    first = paragraphs[0]
    respaced = text.replace(first, first.replace(" ", space, 2), 1)
    assert read_page(respaced).paragraphs[0] == " ".join(first.split())


def normalised(text: str) -> str:
    return " ".join(clean(line) for line in text.splitlines())


@PROPERTY_SETTINGS
@given(st.text())
def test_any_text_imports_without_crashing_and_keeps_text_unchanged(text: str) -> None:
    found = read_page(text)
    flat = normalised(text)
    for item in (*found.paragraphs, found.standfirst):
        assert item is None or item in flat
    assert found.title is None or "\n" not in found.title


OUTLETS = ["The Harbour Gazette", "Lakeshore Tribune", "Pacific Rim Dispatch", "Tri-County Tech Gazette", "Asia Tech Weekly"]
BROWSER_TITLES = ["{title} | {outlet}", "{outlet} - {title}", "{title} — {outlet}", "{title} - {outlet}", "{outlet} | {title}"]


@PROPERTY_SETTINGS
@given(page(), st.sampled_from(OUTLETS), st.sampled_from(BROWSER_TITLES))
def test_the_outlet_glued_to_a_browser_title_is_the_source_never_the_title(
    case: tuple[str, str, list[str]], outlet: str, browser_title: str
) -> None:
    """A page that starts with its browser title ("Outlet - Headline") and ends with the owner's copyright line."""
    text, title, paragraphs = case
    top = browser_title.format(title=title, outlet=outlet)
    found = read_page(f"{top}\n{text}\n© 2019 {outlet} Media Group Ltd. All rights reserved.\n")
    assert found.title == title and found.title != outlet and "\n" not in found.title
    assert found.source == outlet
    assert list(found.paragraphs) == [" ".join(p.split()) for p in paragraphs]


LINES = st.sampled_from([line for block in TOP + INLINE + TAIL + META for line in block]) | st.text(max_size=120)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=25), st.sampled_from(["\n", "\r\n", "\n\n", "\r"]))
def test_any_page_gives_a_file_the_build_reads(lines: list[str], newline: str) -> None:
    imported = import_text(newline.join(lines), MATCH, Overrides(date=PartialDate(2020, 2, 29)))
    if imported.draft is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "event.md"
        file.write_text(event_text(imported.draft), encoding="utf-8")
        record = read_back(file)
    assert record.title == imported.draft.title and record.draft


TAGS = ["p", "div", "h1", "h2", "span", "nav", "aside", "figure", "figcaption", "script", "style", "li", "article", "a", "b", "br", "title", "template"]
META_TAGS = [
    '<meta property="og:title" content="{}">', '<meta property="og:site_name" content="{}">', '<link rel="canonical" href="{}">',
    '<meta property="article:published_time" content="{}">', '<script type="application/ld+json">{}</script>',
]


@st.composite
def markup(draw: st.DrawFn) -> str:
    """An HTML page of random elements (opened and closed or not), text, metadata and broken JSON-LD."""
    parts = ["<!doctype html><html><head>"]
    for template in draw(st.lists(st.sampled_from(META_TAGS), max_size=4)):
        parts.append(template.format(draw(st.sampled_from(["", "2019-05-16T10:00:00Z", "{\"headline\": 1}", "[]", "/rel/path", "x"]) | LINES)))
    parts.append("</head><body>")
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", ' class="share"', ' class="standfirst"', ' hidden', ' role="navigation"', ' class="x"']))
        parts.append(f"<{tag}{attrs}>{draw(LINES)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts) + draw(st.sampled_from(["</body></html>", "", "<p", "<!--", "<![CDATA["]))


@settings(max_examples=150, deadline=None)
@given(markup())
def test_any_html_imports_without_crashing_and_gives_a_file_the_build_reads(page: str) -> None:
    imported = import_any(page, MATCH, Overrides(date=PartialDate(2020, 2, 29)), base="https://example.com/a/b")
    assert imported.page.url is None or imported.page.url.startswith(("http://", "https://"))
    if imported.draft is None:
        return
    assert "\n" not in imported.draft.title
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "event.md"
        file.write_text(event_text(imported.draft), encoding="utf-8")
        record = read_back(file)
    assert record.title == imported.draft.title and record.draft


TRACKING = st.sampled_from(["utm_source", "utm_medium", "utm_campaign", "utm_content", "fbclid", "gclid", "msclkid", "mc_cid", "igshid"])
SEGMENT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
VALUE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=0, max_size=8)


@st.composite
def article_url(draw: st.DrawFn) -> tuple[str, str]:
    """An article address in its plain form, and the same address as links pass it around."""
    host = draw(st.sampled_from(["example.com", "news.example.org", "capitolledger.example"]))
    path = "/" + "/".join(draw(st.lists(SEGMENT, min_size=1, max_size=4)))
    kept = draw(st.dictionaries(st.sampled_from(["id", "page", "p", "story"]), VALUE, max_size=2))
    tracking = draw(st.dictionaries(TRACKING, VALUE, max_size=3))
    plain = f"https://{host}{path}" + ("?" + "&".join(f"{k}={v}" for k, v in sorted(kept.items())) if kept else "")
    params = list(kept.items()) + list(tracking.items())
    params = draw(st.permutations(params))
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    www = draw(st.sampled_from(["", "www.", "WWW."]))
    port = draw(st.sampled_from(["", ":443" if scheme.lower() == "https" else ":80"]))
    slash = draw(st.sampled_from(["", "/"]))
    fragment = draw(st.sampled_from(["", "#comments", "#section-2"]))
    query = "?" + "&".join(f"{k}={v}" for k, v in params) if params else ""
    return plain, f"{scheme}://{www}{host.upper() if draw(st.booleans()) else host}{port}{path}{slash}{query}{fragment}"


@given(article_url())
def test_url_normaliser_equates_equivalent_addresses_and_drops_tracking(case: tuple[str, str]) -> None:
    plain, passed_around = case
    normal = normalise_url(passed_around)
    assert normal == normalise_url(plain)
    assert normalise_url(normal) == normal  # idempotent
    assert not any(name in normal for name in ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "igshid", "#", "www."))


@example("http://[")
@example("https:///0\x0c/")  # whitespace before a trailing slash: stripped only once the slash has gone
@example("https://WWW.example.com:443/a/?utm_source=x&id=2#top")
@given(st.text(max_size=60))
def test_url_normaliser_never_raises_and_is_idempotent(text: str) -> None:
    normal = normalise_url(text)
    assert normalise_url(normal) == normal


@given(article_url(), article_url())
def test_different_articles_stay_different(one: tuple[str, str], two: tuple[str, str]) -> None:
    assume(one[0] != two[0])
    assert normalise_url(one[1]) != normalise_url(two[1])
