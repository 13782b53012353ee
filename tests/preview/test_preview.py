"""Preview server logic without sockets: routing, safety, injection, debounce, watching."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from conftest import MakeSite, event
from generator.build.pipeline import Builder
from generator.errors import Problem
from generator.preview import serve
from generator.preview.responses import respond
from generator.preview.serve import rebuild, snapshot_files
from generator.preview.state import PreviewState
from generator.preview.watch import Changes, start_watching

FILES = {"index.html": b"<html><body><h1>Home</h1></body></html>", "events/a/index.html": b"<html><body>A</body></html>", "static/style.css": b"body{}"}


def state(base: str = "/") -> PreviewState:
    s = PreviewState(base)
    s.publish(FILES, ())
    return s


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/events/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/static/..%2f..%2fsecret",
        "/./index.html",
        "/static/..\\..\\x",
        "/a%00b",
    ],
)
def test_path_traversal_gets_404(path: str) -> None:
    assert respond(state(), path).status == 404


def test_pages_are_served_with_the_reload_script_injected() -> None:
    response = respond(state(), "/events/a/")
    assert response.status == 200 and response.content_type == "text/html; charset=utf-8"
    body = response.body.decode()
    assert body.startswith("<html><body>A<script>") and body.endswith("</script></body></html>")
    assert '"/__livereload?since=1"' in body
    css = respond(state(), "/static/style.css")
    assert css.body == b"body{}" and css.content_type == "text/css; charset=utf-8"


def test_routing_under_a_base_path() -> None:
    served = state("/repo/")
    assert respond(served, "/").status == 302 and respond(served, "/").location == "/repo/"
    assert b"<h1>Home</h1>" in respond(served, "/repo/").body
    moved = respond(served, "/repo/events/a")
    assert moved.status == 301 and moved.location == "/repo/events/a/"
    assert respond(served, "/events/a/").status == 404
    assert respond(served, "/repo/nothing.html").status == 404


def test_a_failed_build_keeps_the_last_good_files_and_shows_an_overlay() -> None:
    served = state()
    problem = Problem("content/events/a.md", 3, "date", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'x<b>'")
    served.publish(None, (problem,))
    body = respond(served, "/").body.decode()
    assert "<h1>Home</h1>" in body
    assert 'id="timeline-preview-overlay"' in body
    assert "content/events/a.md:3: date: expected YYYY, YYYY-MM or YYYY-MM-DD, got &#x27;x&lt;b&gt;&#x27;" in body
    served.publish(FILES, ())
    assert 'id="timeline-preview-overlay"' not in respond(served, "/").body.decode()


def test_before_any_good_build_every_page_explains() -> None:
    served = PreviewState("/")
    served.publish(None, (Problem("content/site.yaml", 1, "title", "required"),))
    response = respond(served, "/anything/")
    assert response.status == 503 and b"content/site.yaml:1: title: required" in response.body


def test_reload_streams_wait_for_a_newer_build() -> None:
    served = state()
    assert served.wait_newer(1, timeout=0.05) is None
    threading.Timer(0.05, lambda: served.publish(FILES, (), ("a",))).start()
    newer = served.wait_newer(1, timeout=5)
    assert newer is not None and newer.version == 2 and newer.events == ("a",)


def test_a_burst_of_changes_is_one_build() -> None:
    changes = Changes()
    for index in range(100):
        changes.add([Path(f"content/events/{index}.md")])
    assert len(changes.wait(quiet=0.05, timeout=1)) == 100
    assert changes.wait(quiet=0.05, timeout=0.1) == set()


def test_changes_during_a_build_cause_exactly_one_follow_up() -> None:
    changes = Changes()
    builds: list[set[Path]] = []
    changes.add([Path("a.md")])

    def build_loop() -> None:
        while len(builds) < 3:
            taken = changes.wait(quiet=0.05, timeout=0.6)
            if not taken:
                return
            builds.append(taken)
            if len(builds) == 1:  # edits arrive while the first build runs
                for name in ("b.md", "c.md", "b.md"):
                    changes.add([Path(name)])
                time.sleep(0.1)

    build_loop()
    assert builds == [{Path("a.md")}, {Path("b.md"), Path("c.md")}]


def watch_for(folder: Path, action: object, quiet: float = 0.2) -> set[Path]:
    changes = Changes()
    observer = start_watching([folder], changes, ignore=[folder / "output"])
    try:
        time.sleep(0.1)
        action()  # type: ignore[operator]
        return changes.wait(quiet=quiet, timeout=2)
    finally:
        observer.stop()
        observer.join()


def test_an_atomic_save_is_seen_as_the_saved_file(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")

    def atomic_save() -> None:
        temp = tmp_path / ".a.md.swp"
        temp.write_text("new")
        os.replace(temp, target)

    assert watch_for(tmp_path, atomic_save) == {target.resolve()}


def test_reading_files_and_writing_output_or_temp_files_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "output").mkdir()

    def noise() -> None:
        (tmp_path / "a.md").read_text()
        (tmp_path / "output" / "index.html").write_text("built")
        (tmp_path / "a.md~").write_text("backup")
        (tmp_path / "#a.md#").write_text("emacs")

    assert watch_for(tmp_path, noise) == set()


def test_rebuild_publishes_and_names_the_edited_event(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event("A"), "content/events/b.md": event("B", "2020")})
    builder, served, lines = Builder(root), PreviewState("/repo/"), []
    rebuild(builder, served, set(), lines.append)
    (root / "content/events/b.md").write_text(event("B2", "2020"))
    result = rebuild(builder, served, {root / "content/events/b.md"}, lines.append)
    assert served.snapshot.events == ("b",) and served.snapshot.files == snapshot_files(result)
    assert b"B2" in respond(served, "/repo/events/b/").body
    assert lines[-1].startswith("rebuilt: reload sent after ")


def test_folders_created_moved_or_deleted_are_seen_but_not_folder_updates(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.md").write_text("x")

    def folders() -> None:
        (tmp_path / "new").mkdir()
        (tmp_path / "old").rename(tmp_path / "moved")

    # (watchdog may add the files inside a moved folder as moved too)
    assert {(tmp_path / "new").resolve(), (tmp_path / "old").resolve(), (tmp_path / "moved").resolve()} <= watch_for(tmp_path, folders)
    assert watch_for(tmp_path, lambda: (tmp_path / "moved" / "a.md").write_text("y")) == {(tmp_path / "moved" / "a.md").resolve()}


def test_after_a_build_the_pages_it_told_get_a_head_start_on_the_late_files(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """The feeds and exports wait until every page listening for the build has asked for its update (or a moment passed)."""
    monkeypatch.setattr(serve, "HEAD_START", 60.0)
    root = make_site({"content/events/a.md": event("A"), "content/events/b.md": event("B", "2020")})
    builder, served, lines = Builder(root), PreviewState("/repo/"), []
    rebuild(builder, served, set(), lines.append)
    listening = threading.Thread(target=served.wait_newer, args=(served.snapshot.version, 60.0), daemon=True)
    listening.start()
    while not served.listening:
        time.sleep(0.01)
    (root / "content/events/b.md").write_text(event("B2", "2020"))
    building = threading.Thread(target=rebuild, args=(builder, served, {root / "content/events/b.md"}, lines.append), daemon=True)
    building.start()
    listening.join(30)
    assert b"B2" in served.snapshot.files["events/b/index.html"]
    building.join(0.5)
    assert building.is_alive() and b"B2" not in served.snapshot.files["feed.xml"]  # the late files wait for the page
    served.page_served()
    building.join(30)
    assert not building.is_alive() and b"B2" in served.snapshot.files["feed.xml"]


def test_with_no_page_listening_the_late_files_follow_at_once() -> None:
    served = state()
    served.publish(FILES, ())
    assert served.wait_fetched(0.0)
    served.close()


def test_a_build_that_changes_the_theme_files_asks_pages_to_load_again() -> None:
    served = state()
    assert not served.snapshot.reload
    served.publish({**FILES, "index.html": b"<html><body><h1>Changed</h1></body></html>"}, ())
    assert not served.snapshot.reload  # a page alone: updated in place
    served.publish({**FILES, "static/style.css": b"body{color:red}"}, ())
    assert served.snapshot.reload
    served.publish({**FILES, "static/style.css": b"body{color:red}", "static/new.js": b""}, ())
    assert served.snapshot.reload
    served.publish(None, ())  # a failed build keeps the files
    assert not served.snapshot.reload


def test_a_woken_wait_returns_at_once_with_nothing_changed() -> None:
    # the preview's stop signal wakes the loop between builds instead of raising inside one
    changes = Changes()
    waiter = threading.Timer(0.05, changes.wake)
    waiter.start()
    started = time.monotonic()
    assert changes.wait(quiet=0.01, timeout=60) == set()
    assert time.monotonic() - started < 30
    assert changes.wait(quiet=0.01, timeout=60) == set()  # and every later wait, since the preview is stopping
