"""Incremental builds: only what an edit touches is redone, and the result equals a full build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MakeSite, event
from generator.build import Builder, Rendered, render

PUBLISHED = [("published", name) for name in ("feeds", "exports", "search", "sitemap")]


def pages(result: Rendered) -> dict[str, bytes]:
    assert result.ok, [p.format() for p in result.problems]
    return {f.path: f.data for f in result.files}


def touch(path: Path, text: str) -> None:
    """Write and move the mtime on, so the change is seen even within one clock tick."""
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    files = {
        "content/events/a.md": event("A", "2018-03-01", "entities: [Huawei]\n"),
        "content/events/b.md": event("B", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n"),
        "content/events/c.md": event("C", "2019-08-19", "entities: [Commerce Department]\n"),
        "content/events/d.md": event("D", "2020-05-15", "tags: [x]\n"),
    }
    return make_site(files)


def test_a_body_edit_redoes_only_that_event(site: Path) -> None:
    builder = Builder(site)
    builder.render()
    touch(site / "content/events/c.md", event("C", "2019-08-19", "entities: [Commerce Department]\n", body="New words."))
    result = builder.render()
    assert sorted(map(str, builder.memo.computed)) == sorted(
        map(
            str,
            [
                ("read", "content/events/c.md"),
                ("body", "content/events/c.md"),
                ("event-model", "content/events/c.md"),
                ("event", "c"),
                "timeline",
                ("timeline-year", 2019, "index.html"),
                *PUBLISHED,
            ],
        )
    )
    assert pages(result) == pages(render(site))


def test_a_title_edit_also_redoes_neighbours_and_lists(site: Path) -> None:
    builder = Builder(site)
    builder.render()
    touch(site / "content/events/b.md", event("B renamed", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n"))
    result = builder.render()
    rendered = {k for k in builder.memo.computed if k[0] not in ("read", "body", "event-model", "entity-model")}
    assert rendered == {
        *PUBLISHED,
        ("event", "a"),
        ("event", "b"),
        ("event", "c"),
        ("entity", "huawei"),
        ("entity", "commerce"),
        ("tag", "x"),
        "timeline",
        ("timeline-year", 2019, "index.html"),
    }
    assert pages(result) == pages(render(site))


@pytest.mark.parametrize(
    "change",
    ["new file", "deleted file", "renamed file", "new entity", "template", "settings", "bad then fixed"],
)
def test_every_kind_of_change_ends_byte_identical_to_a_full_build(site: Path, change: str) -> None:
    builder = Builder(site)
    builder.render()
    events = site / "content/events"
    if change == "new file":
        touch(events / "e.md", event("E", "2019-06", "entities: [Huawei]\n"))
    elif change == "deleted file":
        (events / "b.md").unlink()
    elif change == "renamed file":
        (events / "c.md").rename(events / "c2.md")
    elif change == "new entity":
        touch(site / "content/entities/zte.md", "---\nname: ZTE\nkind: company\n---\nAnother company.\n")
        touch(events / "a.md", event("A", "2018-03-01", "entities: [Huawei, ZTE]\n"))
    elif change == "template":
        override = site / "themes/default/templates/event.html"
        override.parent.mkdir(parents=True)
        touch(override, '{% extends "base.html" %}{% block content %}<h1>Changed {{ event.title }}</h1>{% endblock %}')
    elif change == "settings":
        touch(site / "content/site.yaml", "title: Renamed site\nbase_url: https://example.org/other/\n")
    else:
        touch(events / "a.md", "---\ntitle: [broken\n---\n")
        assert not builder.render().ok
        touch(events / "a.md", event("A again", "2018-03-01"))
    incremental = pages(builder.render())
    assert incremental == pages(render(site))
    if change == "template":
        assert b"<h1>Changed B</h1>" in incremental["events/b/index.html"]
