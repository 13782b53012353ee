"""The page cache: a build over a previous one makes only what changed, and ends exactly as a fresh build would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, MakeSite, event, messages, snapshot, touch
from generator.build.pipeline import BuildResult, build
from generator.content.cache import CACHE_DIR

EVENTS = {
    "content/events/a.md": event("A", "2018-03-01", "entities: [Huawei]\n", body="First.\n\n## Part one\n\nMore."),
    "content/events/b.md": event("B", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n"),
    "content/events/c.md": event("C", "2019-08-19", "entities: [Commerce Department]\n"),
    "content/events/d.md": event("D", "2020-05-15", "tags: [x]\n"),
}


def site_files(folder: Path) -> dict[str, bytes]:
    """The site as published: everything but the caches."""
    return {path: data for path, data in snapshot(folder).items() if not path.startswith(CACHE_DIR + "/")}


def times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def fresh(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build from nothing makes of the site as it is now."""
    out = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    assert build(root, output=out, use_cache=False).ok
    return site_files(out)


def ok(result: BuildResult) -> BuildResult:
    assert result.ok, messages(result)
    return result


def test_with_nothing_changed_a_new_process_makes_and_writes_nothing(make_site: MakeSite) -> None:
    root = make_site(EVENTS)
    first = ok(build(root))
    assert first.made > 10
    before, written = snapshot(root / "output", page_cache=True), times(root / "output")
    # another process: another string hash seed, so the fingerprints must not depend on it
    run = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True, text=True, cwd=PROJECT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert snapshot(root / "output", page_cache=True) == before
    assert times(root / "output") == written, "an unchanged site rewrote files"
    assert ok(build(root)).made == 0


def test_a_body_edit_makes_its_event_and_what_shows_every_event(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(EVENTS)
    ok(build(root))
    touch(root / "content/events/c.md", event("C", "2019-08-19", "entities: [Commerce Department]\n", body="New words."))
    result = ok(build(root))
    # the event, the timeline, and the feeds, exports, search index, sitemap and pictures (its share card shows no body)
    assert result.made == 7
    assert site_files(root / "output") == fresh(root, tmp_path)


@pytest.mark.parametrize(
    "change",
    ["title", "tag spelling", "entity description", "new file", "deleted file", "renamed file", "new entity", "heading", "template",
     "static file", "settings", "bad then fixed"],
)
def test_every_kind_of_change_ends_as_a_fresh_build(make_site: MakeSite, tmp_path: Path, change: str) -> None:
    root = make_site(EVENTS)
    ok(build(root))
    events = root / "content/events"
    if change == "title":
        touch(events / "b.md", event("B renamed", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n"))
    elif change == "tag spelling":  # the same tag (its id is unchanged), shown by another name
        touch(events / "d.md", event("D", "2020-05-15", "tags: [X]\n"))
        touch(events / "b.md", event("B", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [X]\n"))
    elif change == "entity description":
        touch(root / "content/entities/huawei.md", "---\nname: Huawei\nkind: company\n---\nA description in new words.\n")
    elif change == "new file":
        touch(events / "e.md", event("E", "2019-06", "entities: [Huawei]\ntags: [y]\n"))
    elif change == "deleted file":
        (events / "d.md").unlink()
    elif change == "renamed file":
        (events / "c.md").rename(events / "c2.md")
    elif change == "new entity":
        touch(root / "content/entities/zte.md", "---\nname: ZTE\nkind: company\n---\nAnother company.\n")
        touch(events / "a.md", event("A", "2018-03-01", "entities: [Huawei, ZTE]\n"))
    elif change == "heading":
        touch(events / "a.md", event("A", "2018-03-01", "entities: [Huawei]\n", body="First.\n\n## Part two\n\nMore."))
    elif change == "template":
        touch(root / "themes/default/templates/event.html", '{% extends "base.html" %}{% block content %}<h1>Changed {{ event.title }}</h1>{% endblock %}')
    elif change == "static file":
        touch(root / "themes/default/static/extra.css", "body { margin: 0 }\n")
    elif change == "settings":
        touch(root / "content/site.yaml", "title: Renamed site\nbase_url: https://example.org/other/\n")
    else:
        touch(events / "a.md", "---\ntitle: [broken\n---\n")
        assert not build(root).ok
        touch(events / "a.md", event("A again", "2018-03-01"))
    ok(build(root))
    assert site_files(root / "output") == fresh(root, tmp_path)


def test_a_changed_or_missing_output_file_is_made_again(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(EVENTS)
    ok(build(root))
    (root / "output/events/a/index.html").write_text("edited by hand")
    (root / "output/events/b/index.html").unlink()
    (root / "output/static/style.css").unlink()
    result = ok(build(root))
    assert result.made == 3  # event a, event b, the static files
    assert site_files(root / "output") == fresh(root, tmp_path)


def test_links_a_change_breaks_are_found_on_pages_it_kept(make_site: MakeSite, tmp_path: Path) -> None:
    raw = "title: Test timeline\nbase_url: https://example.org/repo/\nraw_html: true\n"
    root = make_site({**EVENTS, "content/site.yaml": raw, "content/events/a.md": event("A", "2018-03-01", body='<a href="../d/">to d</a>')})
    ok(build(root))
    page = root / "output/events/a/index.html"
    written = page.stat().st_mtime_ns
    (root / "content/events/d.md").unlink()
    result = ok(build(root))
    assert page.stat().st_mtime_ns == written  # kept, not made again
    assert broken(result) == ["events/a/index.html: warning: href: broken link: no file events/d/index.html ('../d/')"]
    assert broken(result) == broken(build(root, output=tmp_path / "fresh", use_cache=False))
    again = ok(build(root))  # nothing changed, and the page that was flagged is still flagged
    assert again.made == 0 and broken(again) == broken(result)
    assert not build(root, strict=True).ok
    touch(root / "content/events/d.md", EVENTS["content/events/d.md"])
    assert broken(ok(build(root))) == []
    assert site_files(root / "output") == fresh(root, tmp_path)


def broken(result: BuildResult) -> list[str]:
    return [m for m in messages(result) if "broken" in m]


@pytest.mark.parametrize("failure", ["content", "template", "strict link"])
def test_a_failed_build_over_a_previous_one_changes_nothing(make_site: MakeSite, failure: str) -> None:
    raw = "title: Test timeline\nbase_url: https://example.org/repo/\nraw_html: true\n"
    root = make_site({**EVENTS, "content/site.yaml": raw})
    ok(build(root))
    before = snapshot(root / "output", page_cache=True)
    touch(root / "content/events/e.md", event("E", "2019-06", body="New."))
    if failure == "content":
        touch(root / "content/events/b.md", event(date="2019-02-30"))
    elif failure == "template":
        touch(root / "themes/default/templates/tag.html", "{% extends 'base.html' %}{% block content %}{{ tag.missing.name }}{% endblock %}")
    else:
        touch(root / "content/events/c.md", event("C", "2019-08-19", body='<a href="../nowhere/">gone</a>'))
    assert not build(root, strict=failure == "strict link").ok
    assert snapshot(root / "output", page_cache=True) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []
