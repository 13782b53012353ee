"""timeline.json loads in TimelineJS 3 itself, in real Chromium.

TimelineJS comes from npm into a git-ignored ``node_modules/`` at the project root::

    npm install --no-audit --no-fund --no-save @knight-lab/timelinejs@3.9.11

Without it the test is skipped, or fails when ``CI`` is set.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import serve
from conftest import PROJECT, MakeSite, event, in_ci, messages
from generator.build.pipeline import build
from generator.content.assemble import load_site
from generator.content.model import Site
from generator.render import exports

DIST = PROJECT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
NPM = "npm install --no-audit --no-fund --no-save @knight-lab/timelinejs@3.9.11"
# the parts of dist/ the page loads: the script, its stylesheet, and what those two fetch themselves
ASSETS = ["js/timeline.js", "css/timeline.css", "css/fonts/font.georgia-helvetica.css", "css/icons"]

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS check</title>
<link rel="stylesheet" href="css/timeline.css">
</head>
<body>
<div id="tl" style="width: 1200px; height: 700px"></div>
<script src="js/timeline.js"></script>
<script>
// self-hosted: fonts and locales come from beside the script, not from the default CDN, and the
// font set uses system fonts (the default one pulls web fonts from Google)
const options = {script_path: new URL('js/', location.href).href, font: 'georgia-helvetica'};
window.timeline = new TL.Timeline('tl', 'timeline.json', options);
window.timeline.on('loaded', () => { window.timelineLoaded = true; });
</script>
</body>
</html>
"""


def timelinejs() -> Path:
    """The installed dist/ folder; skip without it, fail in CI."""
    if not (DIST / "js" / "timeline.js").exists():
        message = f"TimelineJS is not installed: run `{NPM}` at the project root"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return DIST


@pytest.fixture(scope="module")
def shipped_site() -> Site:
    site, problems = load_site(PROJECT)
    assert site is not None, problems
    return dataclasses.replace(site, config=site.config.with_base_url("https://you.github.io/huawei/"))


def page_folder(folder: Path, timeline: bytes) -> Path:
    """A folder with the TimelineJS assets, ``timeline.json`` and a page that loads it."""
    dist = timelinejs()
    for asset in ASSETS:
        source, target = dist / asset, folder / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    (folder / exports.TIMELINE_JSON).write_bytes(timeline)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    return folder


OpenTimeline = Callable[..., Any]


@pytest.fixture
def open_timeline(browser: Any, tmp_path: Path) -> Iterator[OpenTimeline]:
    """Open ``timeline.json`` bytes in TimelineJS; a console error, page error, HTTP error or outside request fails the test."""
    opened: list[tuple[Any, Any, list[str], list[str]]] = []

    def open_page(timeline: bytes, ready: str = "window.timelineLoaded === true") -> Any:
        url, server = serve(page_folder(tmp_path / f"tl{len(opened)}", timeline))
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        problems: list[str] = []
        outside: list[str] = []

        def only_local(route: Any) -> None:
            # the check runs offline: an outside request would be a failure, not a flaky wait
            if route.request.url.startswith(url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        opened.append((context, server, problems, outside))
        page.goto(url)
        page.wait_for_function(ready, timeout=20_000)
        return page

    yield open_page
    for context, server, problems, outside in opened:
        context.close()
        server.shutdown()
        assert (problems, outside) == ([], [])


def timeline_json(site: Site) -> bytes:
    return next(o for o in list(exports.files(site)) if o.path == exports.TIMELINE_JSON).data


def test_shipped_timeline_renders_every_event_as_a_slide(open_timeline: OpenTimeline, shipped_site: Site) -> None:
    tab = open_timeline(timeline_json(shipped_site))
    config = tab.evaluate("""() => ({
        events: window.timeline.config.events.map(e => e.unique_id),
        eras: window.timeline.config.eras.map(e => e.headline),
        errors: window.timeline.config.messages.errors,
        title: window.timeline.config.title.text.headline,
        slides: document.querySelectorAll('.tl-slide').length,
        markers: document.querySelectorAll('.tl-timemarker').length,
        groups: [...document.querySelectorAll('.tl-timegroup-message')].map(e => e.textContent),
    })""")
    assert config["errors"] == []
    assert sorted(config["events"]) == sorted(e.id for e in shipped_site.events)
    assert config["slides"] == len(shipped_site.events) + 1  # the title slide first
    assert config["markers"] == len(shipped_site.events)
    assert config["eras"] == [era.name for era in shipped_site.config.eras]
    assert config["title"] == shipped_site.config.title
    assert "Companies" in config["groups"]


DATES = {
    "content/events/day.md": event("A day", "2019-05-16"),
    "content/events/month.md": event("A month", "2019-06"),
    "content/events/year.md": event("A year", "2018"),
    "content/events/range.md": event("A range", "2019-07-01", "end_date: 2019-08\n"),
}


def test_slides_show_dates_at_their_precision(open_timeline: OpenTimeline, make_site: MakeSite) -> None:
    result = build(make_site(DATES), write=False)
    assert result.site is not None, messages(result)
    tab = open_timeline(timeline_json(result.site))
    expected = {"day": "May 16, 2019", "month": "June 2019", "year": "2018", "range": "July 1, 2019 — August 2019"}
    for ident, label in expected.items():
        tab.evaluate(f"window.timeline.goToId({json.dumps(ident)})")
        shown = tab.evaluate(f"document.getElementById({json.dumps(ident)}).querySelector('.tl-headline-date').textContent")
        assert shown == label, ident


def test_uncertain_dates_show_as_the_site_says_them(open_timeline: OpenTimeline, make_site: MakeSite) -> None:
    files: dict[str, str | bytes] = {
        "content/events/rough.md": event("Rough", "2019~"),
        "content/events/by.md": event("By", "../2018-03"),
        "content/events/since.md": event("Since", "2020/.."),
    }
    result = build(make_site(files), write=False)
    assert result.site is not None, messages(result)
    tab = open_timeline(timeline_json(result.site))
    for ident, label in {"rough": "c. 2019", "by": "by March 2018", "since": "from 2020"}.items():
        tab.evaluate(f"window.timeline.goToId({json.dumps(ident)})")
        shown = tab.evaluate(f"document.getElementById({json.dumps(ident)}).querySelector('.tl-headline-date').textContent")
        assert shown == label, ident


def test_a_broken_timeline_json_is_caught(open_timeline: OpenTimeline) -> None:
    """The harness is real: TimelineJS rejects a bad date, and the checks above would see it."""
    broken = {"events": [{"unique_id": "bad", "start_date": {"year": "20x9"}, "text": {"headline": "Bad"}}]}
    tab = open_timeline(json.dumps(broken).encode(), ready="window.timeline.config !== null")
    assert tab.evaluate("window.timeline.config.messages.errors.length") == 1
    assert not tab.evaluate("window.timelineLoaded === true")
