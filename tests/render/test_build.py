"""What a build makes from each front-matter field, and how events are ordered."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeSite, event, messages
from generator.build.pipeline import build
from generator.content.assemble import Options, load_site

FULL = """\
---
title: Commerce adds Huawei to the Entity List
date: 2019-05-16
end_date: 2019-05-20
entities: [Huawei Technologies, Commerce Department, US Department of Commerce, Ren Zhengfei]
tags: [Export controls, 5G]
sources:
  - name: Reuters
    url: https://www.reuters.com/article/x
    date: 2019-05-16
summary: The listing, in one line.
extra:
  confidence: high
---
First paragraph, not the summary.

## What it means

Second *paragraph*.
"""


def page(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def test_every_field_reaches_the_pages(make_site: MakeSite) -> None:
    root = make_site({"content/events/2019-05-16-entity-list.md": FULL})
    result = build(root)
    assert result.ok, messages(result)
    timeline = page(root, "index.html")
    assert '<li class="event is-range" id="2019-05-16-entity-list" data-entities="huawei commerce ren-zhengfei" data-kinds="agency company other"' in timeline
    assert '<time datetime="2019-05-16">16–20 May 2019</time>' in timeline
    assert "The listing, in one line." in timeline and "First paragraph" not in timeline
    assert '<a href="https://www.reuters.com/article/x" rel="external noopener">Reuters</a>, <time datetime="2019-05-16">16 May 2019</time>' in timeline
    assert timeline.count('href="entities/huawei/"') == 1 and 'href="entities/commerce/"' in timeline
    own = page(root, "events/2019-05-16-entity-list/index.html")
    assert "<h1>Commerce adds Huawei to the Entity List</h1>" in own
    assert '<h2 id="what-it-means">What it means <a class="header-anchor" href="#what-it-means">#</a></h2>' in own
    assert "Second <em>paragraph</em>." in own
    assert 'href="../../#2019-05-16-entity-list"' in own
    assert 'href="../../tags/export-controls/"' in own and 'href="../../tags/5g/"' in own
    assert result.site is not None and result.site.events[0].extra["confidence"] == "high"


def test_summary_defaults_to_first_paragraph(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(body="The *first* paragraph\ncontinues.\n\nSecond.")})
    site, _ = load_site(root)
    assert site is not None and site.events[0].summary == "The first paragraph continues."


def test_id_comes_from_the_file_name_not_the_title(make_site: MakeSite) -> None:
    root = make_site({"content/events/2019-05-16-listing.md": event(title="Renamed title")})
    site, _ = load_site(root)
    assert site is not None and site.events[0].id == "2019-05-16-listing"
    root = make_site({"content/events/renamed-file.md": event(extra="id: kept-id\n")})
    site, _ = load_site(root)
    assert site is not None and site.events[0].id == "kept-id"


def test_aliases_resolve_to_one_entity(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(extra="entities: [commerce department, Department of Commerce, Huawei]\n")})
    site, problems = load_site(root)
    assert problems == [] and site is not None
    assert site.events[0].entities == ("commerce", "huawei")
    assert site.entity_events["commerce"] == ("a",)


def test_unfiled_entity_gets_a_page_and_a_warning_that_strict_refuses(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(extra="entities: [Ren Zhengfei]\n")})
    result = build(root)
    assert result.ok
    assert messages(result) == [
        "content/events/a.md:4: warning: entities: no entity file for 'Ren Zhengfei'; its page shows the name only (add content/entities/ren-zhengfei.md)"
    ]
    assert "<h1>Ren Zhengfei</h1>" in page(root, "entities/ren-zhengfei/index.html")
    assert not build(root, strict=True).ok


def test_drafts_are_left_out_unless_asked_for(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(extra="draft: true\n"), "content/events/b.md": event(title="Public")})
    assert [e.id for e in load_site(root)[0].events] == ["b"]  # type: ignore[union-attr]
    assert [e.id for e in load_site(root, Options(drafts=True))[0].events] == ["a", "b"]  # type: ignore[union-attr]


def test_order_mixes_precisions_and_ignores_file_names(make_site: MakeSite) -> None:
    files = {
        "content/events/z1.md": event("Day", "2019-05-16"),
        "content/events/a2.md": event("Year", "2019"),
        "content/events/m3.md": event("Month", "2019-05"),
        "content/events/b4.md": event("Range from the same day", "2019-05-16", "end_date: 2019-06-01\n"),
        "content/events/c5.md": event("Earlier", "2018-12-31"),
        "content/events/d6.md": event("Another day, same date", "2019-05-16"),
    }
    site, _ = load_site(make_site(files))
    assert site is not None
    assert [e.title for e in site.events] == ["Earlier", "Year", "Month", "Another day, same date", "Day", "Range from the same day"]


def test_timeline_groups_by_year_and_month_with_eras(make_site: MakeSite) -> None:
    config = "title: T\neras:\n  - {name: Second term, start: 2019-05-01, end: 2021-01-20}\n"
    files = {
        "content/site.yaml": config,
        "content/events/a.md": event("A", "2019"),
        "content/events/b.md": event("B", "2019-05-16"),
        "content/events/c.md": event("C", "2020-01"),
    }
    root = make_site(files)
    assert build(root).ok
    html = page(root, "index.html")
    assert html.index('id="y2019"') < html.index("During 2019") < html.index('id="y2019-05"') < html.index('id="y2020-01"')
    assert html.count("Second term") == 1 and html.index("Second term") < html.index('id="b"')
    assert '<a href="#y2020">2020<span class="count"> (1)</span></a>' in html


def test_entity_page_lists_events_co_occurrence_and_span(make_site: MakeSite) -> None:
    files = {
        "content/events/a.md": event("A", "2019-05-16", "entities: [Huawei, Commerce Department]\n"),
        "content/events/b.md": event("B", "2020-05-15", "entities: [Huawei, Commerce Department]\n"),
        "content/events/c.md": event("C", "2018", "entities: [Huawei]\n"),
    }
    root = make_site(files)
    assert build(root).ok
    html = page(root, "entities/huawei/index.html")
    listed = html.split('class="mini-timeline"')[1]
    assert listed.index('href="../../#c"') < listed.index('href="../../#a"') < listed.index('href="../../#b"')
    assert '<dt>First appearance</dt><dd><a href="../../#c"><time datetime="2018">2018</time></a></dd>' in html
    assert '<dt>Last appearance</dt><dd><a href="../../#b"><time datetime="2020-05-15">15 May 2020</time></a></dd>' in html
    assert 'US Department of Commerce</a> <span class="count">2 events</span>' in html
    index = page(root, "entities/index.html")
    assert '<h2>Companies <span class="count">(1)</span></h2>' in index
    assert '<a href="huawei/">Huawei</a> <span class="count">3</span>' in index


def test_raw_html_is_escaped_unless_enabled(make_site: MakeSite) -> None:
    body = 'Hello <script>alert(1)</script> [x](javascript:alert(1))\n\n<div onclick="x()">block</div>'
    root = make_site({"content/events/a.md": event(title="<img src=x onerror=alert(1)>", body=body)})
    assert build(root).ok
    html = page(root, "events/a/index.html")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html and "<div onclick" not in html
    root = make_site({"content/site.yaml": "title: T\nraw_html: true\n"})
    assert build(root).ok
    assert '<div onclick="x()">block</div>' in page(root, "events/a/index.html")


def test_a_site_overrides_a_single_template(make_site: MakeSite) -> None:
    override = '{% extends "base.html" %}{% block content %}<h1>Custom {{ event.title }}</h1>{% endblock %}'
    root = make_site({"content/site.yaml": "title: T\ntheme: mine\n", "themes/mine/templates/event.html": override, "content/events/a.md": event(title="X")})
    result = build(root)
    assert result.ok, messages(result)
    assert "<h1>Custom X</h1>" in page(root, "events/a/index.html")
    assert '<link rel="stylesheet" href="../../static/style.css">' in page(root, "events/a/index.html")
    assert (root / "output/static/style.css").is_file()
    assert "<h1>T</h1>" in page(root, "index.html")


def test_a_broken_template_is_reported_with_its_line(make_site: MakeSite) -> None:
    root = make_site(
        {"content/site.yaml": "title: T\ntheme: mine\n", "themes/mine/templates/tags.html": "line one\n{{ nope }}\n", "content/events/a.md": event()}
    )
    result = build(root)
    assert not result.ok
    assert "themes/mine/templates/tags.html:2: template: 'nope' is undefined" in messages(result)
    root = make_site({"content/site.yaml": "title: T\ntheme: mine\n", "themes/mine/templates/tags.html": "{% if %}\n"})
    assert any(m.startswith("themes/mine/templates/tags.html:1: template: Expected an expression") for m in messages(build(root)))


def test_long_lists_of_events_continue_on_numbered_pages(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.render.pages.LIST_PAGE", 2)
    files = {f"content/events/e{i}.md": event(f"E{i}", f"2019-0{i + 1}-01", "entities: [Huawei]\ntags: [x]\n") for i in range(5)}
    root = make_site(files)
    result = build(root, strict=True)
    assert result.ok, messages(result)
    first, second, third = (page(root, p) for p in ("entities/huawei/index.html", "entities/huawei/2/index.html", "entities/huawei/3/index.html"))
    assert "E0" in first and "E1" in first and "E2" not in first
    assert "E2" in second and "E3" in second and "E4" in third
    assert "<dt>Events</dt><dd>5</dd>" in second and '<a href="../../../#e4"><time datetime="2019-05-01">1 May 2019</time></a>' in second
    assert '<a href="../">Page 1</a>' in third
    assert '<a href="./" aria-current="page">Page 2</a>' in second
    assert "E4" in page(root, "tags/x/3/index.html") and "5 events tagged x." in page(root, "tags/x/2/index.html")
