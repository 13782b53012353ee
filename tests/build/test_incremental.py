"""Incremental builds: only what an edit touches is redone, and the result equals a full build."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeSite, event, touch
from generator.build.pipeline import Builder, Rendered, render
from generator.preview.serve import edited_events, rebuild, snapshot_files
from generator.preview.state import PreviewState

PUBLISHED = [("published", name) for name in ("feeds", "exports", "search", "sitemap", "media")]


def pages(result: Rendered) -> dict[str, bytes]:
    assert result.ok, [p.format() for p in result.problems]
    return {f.path: f.data for f in result.files}


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
                "timeline-frame",
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
        ("card", "b"),  # its share card shows the title
        "timeline",
        "timeline-frame",
        ("timeline-year", 2019, "index.html"),
    }
    assert pages(result) == pages(render(site))


@pytest.mark.parametrize(
    "change",
    ["new file", "deleted file", "renamed file", "new entity", "template", "edited template", "settings", "bad then fixed"],
)
def test_every_kind_of_change_ends_byte_identical_to_a_full_build(site: Path, change: str) -> None:
    builder = Builder(site)
    override = site / "themes/default/templates/event.html"
    if change == "edited template":
        touch(override, '{% extends "base.html" %}{% block content %}<h1>Before {{ event.title }}</h1>{% endblock %}')
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
    elif change in ("template", "edited template"):
        touch(override, '{% extends "base.html" %}{% block content %}<h1>Changed {{ event.title }}</h1>{% endblock %}')
    elif change == "settings":
        touch(site / "content/site.yaml", "title: Renamed site\nbase_url: https://example.org/other/\n")
    else:
        touch(events / "a.md", "---\ntitle: [broken\n---\n")
        assert not builder.render().ok
        touch(events / "a.md", event("A again", "2018-03-01"))
    incremental = pages(builder.render())
    assert incremental == pages(render(site))
    if change in ("template", "edited template"):
        assert b"<h1>Changed B</h1>" in incremental["events/b/index.html"]


QUICK_SITE = {
    "content/events/a.md": event("A", "2018-03-01", "entities: [Huawei]\n", body="First.\n\n## Part one\n\nSee [C](event:c)."),
    "content/events/b.md": event("B", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n"),
    "content/events/b2.md": event("B two", "2019-05-16", "tags: [x]\n"),
    "content/events/c.md": event("C", "2019-08-19", "entities: [Commerce Department]\n", body="Links to [A's part](event:a#part-one)."),
    "content/events/d.md": event("D", "2020-05-15", "tags: [x]\n"),
}

# (file, its new text, whether the quick path may take it)
QUICK_EDITS = {
    "body": ("b.md", event("B", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n", body="New words, *new* summary."), True),
    "title in place": ("c.md", event("C again", "2019-08-19", "entities: [Commerce Department]\n", body="Links to [A's part](event:a#part-one)."), True),
    "title that reorders": ("b.md", event("Zed", "2019-05-16", "entities: [Huawei, Commerce Department]\ntags: [x]\n"), False),
    "summary and a warning": ("d.md", event("D", "2020-05-15", "tags: [x]\nsummary: Short.\n", body="> " * 30 + "Deep."), True),
    "an unknown key": ("d.md", event("D", "2020-05-15", "tags: [x]\ncolour: red\n"), False),
    "heading a link uses": ("a.md", event("A", "2018-03-01", "entities: [Huawei]\n", body="First.\n\n## Part two\n\nSee [C](event:c)."), False),
    "entities": ("b2.md", event("B two", "2019-05-16", "entities: [Huawei]\ntags: [x]\n"), False),
    "date": ("d.md", event("D", "2020-06-15", "tags: [x]\n"), False),
    "tags": ("d.md", event("D", "2020-05-15", "tags: [y]\n"), False),
    "draft": ("c.md", event("C", "2019-08-19", "entities: [Commerce Department]\ndraft: true\n"), False),
    "id": ("d.md", event("D", "2020-05-15", "tags: [x]\nid: d-new\n"), False),
    "broken front matter": ("b2.md", "---\ntitle: [broken\n---\n", False),
}


@pytest.mark.parametrize("edit", QUICK_EDITS)
def test_a_saved_event_rebuilds_quickly_when_it_can_and_always_as_a_full_build(make_site: MakeSite, edit: str) -> None:
    site = make_site(QUICK_SITE)
    builder = Builder(site)
    builder.complete(builder.render(defer_publishing=True))
    name, text, quick = QUICK_EDITS[edit]
    touch(site / "content/events" / name, text)
    # what the watcher reports: the file, and an editor's temporary file that is gone again
    result = builder.render(defer_publishing=True, changed={site / "content/events" / name, site / "content/events/.tmp-x7"})
    assert builder.quick == int(quick)
    full = render(site)
    if not full.ok:
        assert not result.ok and result.problems == full.problems
        return
    complete = builder.complete(result)
    assert pages(complete) == pages(full)
    assert complete.problems == full.problems


def test_after_a_quick_rebuild_the_next_full_one_still_reuses_everything(make_site: MakeSite) -> None:
    site = make_site(QUICK_SITE)
    builder = Builder(site)
    builder.complete(builder.render(defer_publishing=True))
    name, text, _ = QUICK_EDITS["body"]
    touch(site / "content/events" / name, text)
    builder.complete(builder.render(defer_publishing=True, changed={site / "content/events" / name}))
    assert builder.quick == 1
    touch(site / "content/events/d.md", event("D", "2020-05-15", "tags: [x]\n", body="Also new."))
    result = builder.render()  # no list of changes: every file is looked at
    assert builder.quick == 1
    assert {k for k in builder.memo.computed if k[0] in ("read", "body", "event-model")} == {
        ("read", "content/events/d.md"), ("body", "content/events/d.md"), ("event-model", "content/events/d.md"),
    }
    assert pages(result) == pages(render(site))


@pytest.mark.parametrize("other", ["content/site.yaml", "content/events/new.md", "content/entities/huawei.md", "themes/default/templates/tag.html"])
def test_a_save_beside_other_changes_takes_the_full_path(make_site: MakeSite, other: str) -> None:
    site = make_site(QUICK_SITE)
    builder = Builder(site)
    builder.complete(builder.render(defer_publishing=True))
    name, text, _ = QUICK_EDITS["body"]
    touch(site / "content/events" / name, text)
    result = builder.render(defer_publishing=True, changed={site / "content/events" / name, site / other})
    assert builder.quick == 0
    assert pages(builder.complete(result)) == pages(render(site))


@pytest.mark.parametrize(
    ("reported", "quick"),
    [
        (["events/b.md", "events/.b.md.swp", "events/4913"], True),  # an editor's save: the temporary files are gone again
        (["events/b.md", "events/notes.txt"], True),  # a build never reads a file that is not .md
        (["events/b.md", "events/new.md"], False),  # a new event
        (["events/b.md", "events/sub"], False),  # a new folder, maybe of events
        (["events/b.md", "events/old"], False),  # a folder of events moved away: only the folder reports
        (["events/b.md", "site.yaml"], False),
    ],
)
def test_what_a_save_reported_decides_the_quick_path(make_site: MakeSite, reported: list[str], quick: bool) -> None:
    site = make_site({**QUICK_SITE, "content/events/old/e.md": event("E", "2021")})
    builder = Builder(site)
    builder.complete(builder.render(defer_publishing=True))
    (site / "content/events/notes.txt").write_text("not an event")
    (site / "content/events/sub").mkdir()
    if "events/old" in reported:
        (site / "content/events/old").rename(site / "moved-away")
    name, text, _ = QUICK_EDITS["body"]
    touch(site / "content/events" / name, text)
    result = builder.render(defer_publishing=True, changed={site / "content" / path for path in reported})
    assert builder.quick == int(quick)
    assert pages(builder.complete(result)) == pages(render(site))


@pytest.mark.parametrize(("per_page", "redone"), [(400, "years/2019/index.html"), (2, "years/2019/08/index.html")], ids=["by year", "by month"])
def test_a_quick_rebuild_of_a_split_timeline_redoes_only_the_edited_page(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch,
                                                                         per_page: int, redone: str) -> None:
    monkeypatch.setattr("generator.content.config.PAGE_EVENTS", per_page)  # 2: 2019 (four events) gets a page per month
    split = "title: Test timeline\nbase_url: https://example.org/repo/\ntimeline_split: years\n"
    site = make_site({**QUICK_SITE, "content/site.yaml": split, "content/events/e.md": event("E", "2019-08-20")})
    builder = Builder(site)
    builder.complete(builder.render(defer_publishing=True))
    name, text, _ = QUICK_EDITS["title in place"]
    touch(site / "content/events" / name, text)
    result = builder.render(defer_publishing=True, changed={site / "content/events" / name})
    assert builder.quick == 1
    assert {k for k in builder.memo.computed if k[0] == "timeline-year"} == {("timeline-year", 2019, redone)}
    assert pages(builder.complete(result)) == pages(render(site))
    assert b"C again" in pages(result)[redone]


@pytest.mark.parametrize("edit", ["body", "title in place", "date", "new file", "template"])
def test_the_files_served_after_an_edit_are_those_of_the_whole_build(make_site: MakeSite, edit: str) -> None:
    site = make_site(QUICK_SITE)
    builder, state = Builder(site), PreviewState()
    rebuild(builder, state, set(), lambda line: None)
    if edit == "new file":
        changed = site / "content/events/e.md"
        touch(changed, event("E", "2019-06"))
    elif edit == "template":
        changed = site / "themes/default/templates/tag.html"
        touch(changed, '{% extends "base.html" %}{% block content %}<h1>Tag {{ tag.name }}</h1>{% endblock %}')
    else:
        name, text, _ = QUICK_EDITS[edit]
        changed = site / "content/events" / name
        touch(changed, text)
    assert builder.served is not None
    result = builder.render(defer_publishing=True, changed={changed})
    assert builder.quick == (edit in ("body", "title in place"))
    assert snapshot_files(result, (builder.served, state.snapshot.files)) == snapshot_files(result)
    edited = {"body": ("b",), "title in place": ("c",), "date": ("d",), "new file": ("e",), "template": ()}
    assert edited_events(result, site, {changed}) == edited[edit]
