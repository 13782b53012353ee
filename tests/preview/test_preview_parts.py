"""A page's update in parts: the server's answer, the pages open in a browser made and told first, hostile requests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from test_bad_input_server import Serving

from conftest import MakeSite, event
from generator.build.pipeline import Builder
from generator.errors import Problem
from generator.preview import server
from generator.preview.responses import parts
from generator.preview.serve import rebuild
from generator.preview.server import MAX_QUERY
from generator.preview.state import KEPT_VERSIONS, PreviewState, Snapshot


def listing(*titles: str, title: str = "List") -> bytes:
    items = "".join(f'<li id="e{i}"><h4>{text}</h4></li>' for i, text in enumerate(titles))
    return f'<!DOCTYPE html><html><head><title>{title}</title></head><body><main id="content"><ul>{items}</ul></main></body></html>'.encode()


def files(*titles: str, title: str = "List") -> dict[str, bytes]:
    return {"index.html": listing(*titles, title=title), "events/a/index.html": b"<html><body>A</body></html>", "static/style.css": b"p{}"}


def answer(state: PreviewState, query: str) -> tuple[int, dict[str, object] | None]:
    response = parts(state, query)
    return response.status, json.loads(response.body) if response.status == 200 else None


def test_the_changed_elements_since_the_build_a_page_shows() -> None:
    state = PreviewState("/repo/")
    state.publish(files("a", "b"), ())
    state.publish(files("a", "b, edited"), ())
    status, body = answer(state, "since=1&page=/repo/")
    assert status == 200 and body == {
        "version": 2, "parts": [["e1", '<li id="e1"><h4>b</h4></li>', '<li id="e1"><h4>b, edited</h4></li>']], "overlay": None}
    assert answer(state, "since=2&page=%2Frepo%2F") == (200, {"version": 2, "parts": [], "overlay": None})


def test_a_failed_build_gives_no_parts_and_the_overlay() -> None:
    state = PreviewState("/")
    state.publish(files("a"), ())
    state.publish(None, (Problem("content/events/a.md", 3, "date", "not a date"),))
    status, body = answer(state, "since=1&page=/")
    assert status == 200 and body is not None and body["parts"] == []
    assert isinstance(body["overlay"], str) and "content/events/a.md:3: date: not a date" in body["overlay"]


@pytest.mark.parametrize(("query", "status"), [
    ("since=1&page=/", 409),  # the title changed: the head holds no element with an id
    ("since=0&page=/", 409),  # a build the server never had
    ("page=/", 409),
    ("since=1&page=/nowhere/", 404),
    ("since=1&page=/static/style.css", 404),
    ("since=1&page=/../../etc/passwd", 404),
    ("since=1&page=/%2e%2e/x", 404),
    ("since=1&page=elsewhere", 404),
    ("since=1", 400),
    ("since=1&page=", 400),
    ("since=abc&page=/", 400),
    ("since=-1&page=/", 400),
    ("since=99999999999999999999999&page=/", 400),
])
def test_what_cannot_be_answered_in_parts(query: str, status: int) -> None:
    state = PreviewState("/")
    state.publish(files("a"), ())
    state.publish(files("a", title="Renamed"), ())
    assert parts(state, query).status == status


def test_only_the_last_builds_are_kept_to_answer_from() -> None:
    state = PreviewState("/")
    for step in range(KEPT_VERSIONS + 2):
        state.publish(files("a", str(step)), ())
    assert parts(state, "since=1&page=/").status == 409
    assert parts(state, f"since={KEPT_VERSIONS + 1}&page=/").status == 200


def wait_in_thread(state: PreviewState, version: int, page: str | None) -> tuple[threading.Thread, list[Snapshot | None]]:
    heard: list[Snapshot | None] = []
    thread = threading.Thread(target=lambda: heard.append(state.wait_newer(version, 30.0, page)), daemon=True)
    thread.start()
    while state.listening == 0 or (page is not None and page not in state.viewed()):
        time.sleep(0.005)
    return thread, heard


def test_a_quiet_build_is_told_only_to_the_pages_it_changes() -> None:
    state = PreviewState("/")
    state.publish(files("a"), ())
    state.publish(files("b"), ())  # the open pages went out first: the list is new
    unchanged, heard_unchanged = wait_in_thread(state, 2, "index.html")
    changed, heard_changed = wait_in_thread(state, 2, "events/a/index.html")
    assert state.viewed() == {"index.html", "events/a/index.html"}
    after = files("b")
    after["events/a/index.html"] = b"<html><body>A, edited</body></html>"
    state.publish({**after, "index.html": state.snapshot.files["index.html"]}, (), quiet=True)
    changed.join(5)
    assert [s.version for s in heard_changed if s] == [3]
    unchanged.join(0.2)
    assert unchanged.is_alive()  # this page shows build 2's list, which build 3 kept
    state.publish(files("c"), ())
    unchanged.join(5)
    assert [s.version for s in heard_unchanged if s] == [4]
    assert state.viewed() == frozenset()


def test_the_pages_open_in_a_browser_go_out_before_the_rest_of_the_edit(make_site: MakeSite) -> None:
    events = {f"content/events/e{i}.md": event(f"Event {i}", f"2019-05-{10 + i}", extra="entities: [Huawei]\n") for i in range(6)}
    root = make_site(events)
    builder, state, lines = Builder(root), PreviewState("/"), []
    rebuild(builder, state, set(), lines.append)
    start = state.snapshot.version
    listening, heard = wait_in_thread(state, start, "events/e3/index.html")
    (root / "content/events/e3.md").write_text(event("Event three", "2019-05-13", extra="entities: [Huawei]\n"))
    rebuild(builder, state, {root / "content/events/e3.md"}, lines.append)
    listening.join(5)
    assert [s.version for s in heard if s] == [start + 1]
    early, later = state.files_of(start + 1), state.files_of(start + 2)
    assert early is not None and later is not None
    assert b"Event three" in early["events/e3/index.html"]
    assert b"Event three" not in early["entities/huawei/index.html"]  # made after the open page went out
    assert b"Event three" in later["entities/huawei/index.html"] and b"Event three" in state.snapshot.files["index.html"]
    assert state.snapshot.events == () and state.files_of(start + 1) is not None
    assert lines[-1].startswith("rebuilt: reload sent after ")
    found = parts(state, f"since={start}&page=/")
    assert found.status == 200 and [p[0] for p in json.loads(found.body)["parts"]] == ["e3"]


def test_a_build_failing_after_its_open_pages_went_out_serves_the_last_good_one(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site({f"content/events/e{i}.md": event(f"Event {i}", f"2019-05-{10 + i}", extra="tags: [t]\n") for i in range(4)})
    builder, state, lines = Builder(root), PreviewState("/"), []
    rebuild(builder, state, set(), lines.append)
    before = state.snapshot.files
    listening, _ = wait_in_thread(state, state.snapshot.version, "events/e1/index.html")
    from generator.render import tasks

    made = tasks.rerender

    def fails_after_the_first(*args: object, **kwargs: object) -> object:
        if not getattr(fails_after_the_first, "ran", False):
            fails_after_the_first.ran = True  # type: ignore[attr-defined]
            return made(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("the rest failed")

    monkeypatch.setattr("generator.build.pipeline.rerender", fails_after_the_first)
    (root / "content/events/e1.md").write_text(event("Event one", "2019-05-11", extra="tags: [t]\n"))
    rebuild(builder, state, {root / "content/events/e1.md"}, lines.append)
    listening.join(5)
    assert state.snapshot.failed and state.snapshot.files["events/e1/index.html"] == before["events/e1/index.html"]
    assert lines[-1].startswith("build failed")


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[Serving]:
    monkeypatch.setattr(server, "IDLE_SECONDS", 0.5)
    state = PreviewState("/")
    state.publish(files("a"), ())
    state.publish(files("b"), ())
    running = Serving(state)
    yield running
    running.stop()


def test_parts_over_a_socket_and_a_query_too_long(serving: Serving) -> None:
    ok = serving.raw(b"GET /__livereload/parts?since=1&page=/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert ok.startswith(b"HTTP/1.1 200 ") and b"application/json" in ok and b'"e0"' in ok
    long = serving.raw(b"GET /__livereload/parts?since=1&page=/" + b"a" * MAX_QUERY + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert long.startswith(b"HTTP/1.1 414 ")
    stream = serving.raw(b"GET /__livereload?since=1&page=/" + b"a" * MAX_QUERY + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert stream.startswith(b"HTTP/1.1 414 ")


def test_parts_from_another_host_get_400(serving: Serving) -> None:
    request = f"GET /__livereload/parts?since=1&page=/ HTTP/1.1\r\nHost: evil.example:{serving.port}\r\nConnection: close\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", serving.port), timeout=5) as sock:
        sock.sendall(request)
        assert sock.recv(65536).startswith(b"HTTP/1.1 400 ")


def test_a_reload_stream_names_the_page_it_shows(serving: Serving) -> None:
    with socket.create_connection(("127.0.0.1", serving.port), timeout=5) as sock:
        sock.sendall(f"GET /__livereload?since=2&page=%2Fevents%2Fa%2F HTTP/1.1\r\nHost: 127.0.0.1:{serving.port}\r\n\r\n".encode())
        deadline = time.monotonic() + 5
        while not serving.state.viewed() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert serving.state.viewed() == {"events/a/index.html"}
