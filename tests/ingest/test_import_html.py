"""HTML pages: the markup's metadata first (JSON-LD, OpenGraph, canonical link), then the visible text without menus and boxes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from generator.ingest import extract
from generator.ingest.html import looks_like_html, read_html
from generator.ingest.importer import import_any
from generator.ingest.titles import split_title
from import_fixtures.support import cli, matcher, read_back, write_entities

BODY = (
    "<p>The Commerce Department said on Thursday that it had added Huawei and dozens of affiliates to its Entity List.</p>"
    "<p>The decision means American suppliers will need a licence before they can sell the company parts or software.</p>"
)
LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Ignored"},
        {
            "@type": "NewsArticle",
            "headline": "Commerce adds Huawei to the Entity List",
            "datePublished": "2019-05-16T22:30:00-04:00",
            "dateModified": "2019-05-18T09:00:00Z",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
            "publisher": {"@type": "Organization", "name": "Example News"},
        },
    ],
}


def page(head: str = "", body: str = BODY, h1: str = "Commerce adds Huawei to the Entity List") -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{h1} | Example News</title>{head}</head><body>"
        "<nav><ul><li>Home</li><li>World</li><li>Tech</li></ul></nav>"
        "<div class='cookie-banner'><p>We use cookies to improve your experience on our site.</p></div>"
        f"<article><h1>{h1}</h1><p class='byline'>By Jane Doe</p>{body}"
        "<aside class='newsletter'><p>Sign up for our morning briefing and get the news first.</p></aside>"
        "<figure><img src='x.jpg' alt='Huawei CEO Ren Zhengfei'><figcaption>Huawei's logo in Shenzhen. Photo: Getty Images</figcaption></figure>"
        "<div class='share-tools'><p>Share this on Facebook and tell your friends about it.</p></div>"
        "</article><footer><p>© 2019 Example News. All rights reserved.</p></footer>"
        "<script>document.write('<p>Injected text that must never be read.</p>')</script></body></html>"
    )


def the_matcher():  # type: ignore[no-untyped-def]
    return matcher([("Huawei", []), ("US Department of Commerce", ["Commerce Department"])])


def test_json_ld_gives_date_publisher_and_author_and_the_canonical_link_gives_the_address() -> None:
    head = (
        f"<script type='application/ld+json'>{json.dumps(LD)}</script>"
        "<link rel='canonical' href='/tech/2019/05/16/commerce-huawei'>"
        "<meta property='og:url' content='https://m.example.com/ignored'>"
    )
    imported = import_any(page(head), the_matcher(), base="https://www.example.com/amp/x?utm_source=feed")
    found = imported.page
    assert found.title == "Commerce adds Huawei to the Entity List"
    assert found.date is not None and found.date.iso() == "2019-05-16"  # the publisher's day, not converted to UTC
    assert found.updated is not None and found.updated.iso() == "2019-05-18"
    assert found.source == "Example News"
    assert found.url == "https://www.example.com/tech/2019/05/16/commerce-huawei"
    assert imported.draft is not None and imported.draft.entities == ("Huawei", "US Department of Commerce")


def test_opengraph_when_there_is_no_json_ld() -> None:
    head = (
        "<meta property='og:title' content='Commerce adds Huawei to the Entity List'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='og:url' content='https://example.com/a/commerce-huawei'>"
        "<meta property='article:published_time' content='2019-05-16T10:00:00Z'>"
    )
    found = import_any(page(head), the_matcher()).page
    assert (found.source, found.url, found.date and found.date.iso()) == ("Example News", "https://example.com/a/commerce-huawei", "2019-05-16")


def test_boilerplate_elements_scripts_captions_and_alt_text_never_reach_the_body() -> None:
    imported = import_any(page("<meta property='article:published_time' content='2019-05-16'>"), the_matcher())
    assert imported.draft is not None
    body = " ".join(imported.draft.paragraphs)
    assert imported.draft.paragraphs[0].startswith("The Commerce Department said")
    for line in ("cookies", "Sign up", "Share this", "Photo:", "Ren Zhengfei", "Injected", "All rights reserved", "Home"):
        assert line not in body, line


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Huawei sues the FCC | The Ledger", ("",), "Huawei sues the FCC"),
        ("Huawei sues the FCC - The Ledger", ("The Ledger",), "Huawei sues the FCC"),
        ("Huawei sues the FCC — Ledger", ("The Ledger Online",), "Huawei sues the FCC"),
        ("Huawei sues the FCC - Reuters", ("",), "Huawei sues the FCC"),
        ("Huawei - the company Washington fears", ("The Ledger",), "Huawei - the company Washington fears"),
    ],
)
def test_a_site_suffix_is_stripped_from_the_title_only_when_it_names_the_outlet(title: str, sites: tuple[str, ...], expected: str) -> None:
    assert split_title(title, sites).headline == expected


def test_the_printed_headline_wins_over_a_title_tag_and_an_outlet_h1() -> None:
    head = "<meta property='og:site_name' content='Example News'>"
    markup = page(head, h1="Commerce adds Huawei to the Entity List").replace("<article>", "<div><h1>Example News</h1></div><article>", 1)
    assert import_any(markup, the_matcher()).page.title == "Commerce adds Huawei to the Entity List"


def test_markup_is_recognised_and_broken_markup_never_raises() -> None:
    assert looks_like_html(page()) and looks_like_html("<HTML><body>x</body></HTML>")
    assert not looks_like_html("Commerce adds Huawei to the Entity List\nBy Jane Doe\n")
    for broken in ("<html><body><p>unclosed <b>bold <i>x", "<!doctype html><html></div></p></html>", "<html><![CDATA[x", "<html>&#xffffffff; <p"):
        read_html(broken)
    assert read_html("<html><script type='application/ld+json'>{not json</script><p>Hi there.</p></html>").text == "Hi there.\n"


def test_the_import_extra_is_installed_where_tests_run() -> None:
    # The test extra installs trafilatura and htmldate, so CI exercises them rather than the fallback alone.
    assert extract.available()
    assert extract.main_text(page()) is not None


def test_without_trafilatura_paragraphs_are_kept_and_with_it_only_those_it_also_found() -> None:
    paragraphs = ("First paragraph of the article, long enough.", "Read more: ten other stories you may like.")
    assert extract.kept(paragraphs, None) == paragraphs
    assert extract.kept(paragraphs, "First paragraph of the article, long enough.\nSomething else") == paragraphs[:1]
    assert extract.kept(paragraphs, "An unrelated text") == paragraphs  # it read another part of the page: keep ours


def test_a_saved_html_file_imports_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_entities(tmp_path / "site", [{"name": "Huawei"}])
    saved = tmp_path / "page.html"
    head = f"<script type='application/ld+json'>{json.dumps(LD)}</script><link rel='canonical' href='https://example.com/tech/commerce-huawei'>"
    saved.write_text(page(head), encoding="utf-8")
    assert cli("import", saved, "--root", root) == 0
    record = read_back(root / "content/events/2019-05-16-commerce-adds-huawei-to-the-entity-list.md")
    assert record.sources[0].url == "https://example.com/tech/commerce-huawei" and record.sources[0].name == "Example News"
    assert capsys.readouterr().err == ""


def test_html_import_works_without_the_import_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # As on a default install: importing trafilatura or htmldate fails.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    monkeypatch.setitem(sys.modules, "htmldate", None)
    assert not extract.available()
    imported = import_any(page("<meta property='article:published_time' content='2019-05-16'>"), the_matcher())
    assert imported.draft is not None and imported.draft.date is not None
    assert imported.draft.paragraphs[0].startswith("The Commerce Department said") and len(imported.draft.paragraphs) == 2


def test_the_markup_s_headline_is_where_the_article_starts_even_when_another_title_looks_more_like_one() -> None:
    other = "<div><p>Huawei opens a research centre in Ottawa</p><p>By Li Wen</p><p>Published 2 May 2019</p></div>"
    lead = "<p>A short lead of the article itself, before the rest.</p>"
    markup = page(
        "<meta property='og:title' content='Commerce adds Huawei to the Entity List'>",
        body=lead + BODY,
        h1="Commerce adds Huawei to the Entity List",
    ).replace("<article><h1>", other + "<article><h1>", 1).replace("<p class='byline'>By Jane Doe</p>", "", 1)
    found = import_any(markup, the_matcher()).page
    assert found.title == "Commerce adds Huawei to the Entity List"
    assert found.paragraphs[0] == "A short lead of the article itself, before the rest." and len(found.paragraphs) == 3


FILED = (
    "<html><head><title>{title}</title></head><body>"
    "<p align='center'>Exhibit 20.3</p>"
    "<p align='center'><b>Northfield Telecom Completes Removal of Huawei Radios From Its Rural Network</b></p>"
    "<p>LINCOLN, Neb., June 2, 2022 - Northfield Telecom Inc. said on Thursday that it had removed the last Huawei radios from its network.</p>"
    "<p>The company said the work had cost about $14 million, most of which it expects to recover from the federal programme.</p>"
    "</body></html>"
)


@pytest.mark.parametrize("title", ["EX-20.3", "d12345dex993.htm", "Untitled document", "8-K"])
def test_a_title_tag_that_names_a_file_gives_way_to_the_printed_headline(title: str) -> None:
    found = import_any(FILED.format(title=title), the_matcher()).page
    assert found.title == "Northfield Telecom Completes Removal of Huawei Radios From Its Rural Network"


@pytest.mark.parametrize("title", ["Northfield finishes Huawei swap", "5G rollout: 2022 review"])
def test_a_title_tag_with_words_is_still_the_headline_when_nothing_prints_it(title: str) -> None:
    assert import_any(FILED.format(title=title), the_matcher()).page.title == title


def _stamped(published: str, byline: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Commerce adds Huawei to the Entity List", "datePublished": published}
    return page(f"<script type='application/ld+json'>{json.dumps(ld)}</script>").replace("By Jane Doe", byline)


def test_a_markup_date_later_than_every_date_the_page_shows_loses_to_the_printed_one() -> None:
    found = import_any(_stamped("2025-03-02T04:12:55Z", "By Jane Doe · March 14th, 2020 · 4 min read"), the_matcher()).page
    assert found.date is not None and found.date.iso() == "2020-03-14"


def test_a_markup_date_that_a_later_printed_date_does_not_contradict_stays() -> None:
    found = import_any(_stamped("2020-03-13T09:00:00-04:00", "By Jane Doe · Updated March 20, 2020"), the_matcher()).page
    assert found.date is not None and found.date.iso() == "2020-03-13"


def _typed(kind: str, published: str, byline: str) -> str:
    ld = {"@context": "https://schema.org", "@type": kind, "name": "Research news", "datePublished": published}
    return page(f"<script type='application/ld+json'>{json.dumps(ld)}</script>").replace("By Jane Doe", byline)


def test_a_bare_web_page_s_date_loses_to_the_date_the_page_prints() -> None:
    found = import_any(_typed("WebPage", "2016-07-01", "By Jane Doe · Posted 2021/11/08"), the_matcher()).page
    assert found.date is not None and found.date.iso() == "2021-11-08"


def test_an_article_s_earlier_markup_date_still_wins_over_the_printed_one() -> None:
    found = import_any(_typed("NewsArticle", "2021-11-05", "By Jane Doe · Posted 2021/11/08"), the_matcher()).page
    assert found.date is not None and found.date.iso() == "2021-11-05"


def _with_sidebar(og_title: str, printed_under_h1: str = "") -> str:
    long_body = (
        "<p>The Commerce Department said on Thursday that it had added Huawei and dozens of its affiliates around the world to the Entity List.</p>"
        "<p>The decision means that American suppliers will need a licence before they can sell the company any parts, software or services.</p>"
    )
    return (
        "<!doctype html><html><head><title>Example News</title>"
        f"<meta property='og:title' content='{og_title}'><meta name='description' content='Ferry fares will rise by a tenth from April.'>"
        "</head><body><article><h1>Commerce adds Huawei to the Entity List</h1><p class='byline'>By Jane Doe</p>"
        + (f"<h2>{printed_under_h1}</h2>" if printed_under_h1 else "") + long_body
        + "</article><div class='side'><h3>Top Stories</h3><ul><li>Ferry fares to rise in spring</li><li>Harbour tests new masts</li></ul></div>"
        "</body></html>"
    )


def test_metadata_naming_a_story_listed_below_the_article_loses_to_the_only_h1() -> None:
    found = import_any(_with_sidebar("Ferry fares to rise in spring"), the_matcher()).page
    assert (found.title, found.standfirst) == ("Commerce adds Huawei to the Entity List", None)


def test_metadata_naming_a_line_printed_above_the_article_text_still_wins() -> None:
    wording = "Huawei and 68 affiliates added to the Entity List"
    found = import_any(_with_sidebar(wording, printed_under_h1=wording), the_matcher()).page
    assert found.title == wording


def test_a_title_that_is_only_the_site_s_name_as_its_address_spells_it_is_the_source() -> None:
    html = page().replace("<title>Commerce adds Huawei to the Entity List | Example News</title>", "<title>Harbour Gazette</title>")
    html = html.replace("</head>", "<link rel='canonical' href='https://harbourgazette.example/news/huawei-entity-list'></head>")
    assert import_any(html, the_matcher()).page.source == "Harbour Gazette"


def test_a_short_title_that_is_not_the_address_s_name_is_not_the_source() -> None:
    html = page().replace("<title>Commerce adds Huawei to the Entity List | Example News</title>", "<title>Huawei Entity List</title>")
    html = html.replace("</head>", "<link rel='canonical' href='https://harbourgazette.example/news/huawei-entity-list'></head>")
    assert import_any(html, the_matcher()).page.source != "Huawei Entity List"


def test_an_article_teaser_under_the_headline_is_the_summary() -> None:
    teaser = "Suppliers will need a licence before they sell the company anything, officials said."
    html = page(body=f"<p class='story-teaser'>{teaser}</p>" + BODY)
    assert import_any(html, the_matcher()).page.standfirst == teaser


def test_teasers_of_a_list_of_stories_are_not_the_summary() -> None:
    teasers = "".join(f"<li><p class='article-teaser'>{t}</p></li>" for t in ("Ferry fares rise in April.", "Harbour tests new masts."))
    html = page(body=BODY).replace("<nav>", f"<ul class='promo'>{teasers}</ul><nav>")
    assert import_any(html, the_matcher()).page.standfirst not in ("Ferry fares rise in April.", "Harbour tests new masts.")


@pytest.mark.parametrize("box", ["newsletter-content", "promo_text"])
def test_a_box_word_before_a_content_part_names_the_text_s_container_which_is_kept(box: str) -> None:
    markup = f"<html><body><div class='{box}'><p>The regulator fined the carrier on Monday.</p></div></body></html>"
    assert "The regulator fined the carrier on Monday." in read_html(markup).text


@pytest.mark.parametrize("box", ["bulletin-signup", "promo"])
def test_a_box_named_only_by_a_box_word_is_still_dropped(box: str) -> None:
    markup = f"<html><body><div class='newsletter {box}'><p>Get our bulletin every morning.</p></div><p>Body.</p></body></html>"
    assert "Get our bulletin" not in read_html(markup).text
