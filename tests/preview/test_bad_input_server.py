"""Bad input under `timeline serve`: a real socket under load, odd requests, files vanishing mid-build, bad saves.

The socket tests start :class:`generator.preview.server.PreviewServer` on port 0 in a
thread; the rebuild tests drive :class:`generator.build.pipeline.Builder` and
:func:`generator.preview.serve.rebuild` and look at what :func:`generator.preview.responses.respond`
serves, with no socket at all.
"""

from __future__ import annotations

import http.client
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import MakeSite, event, unblock_after
from generator.build.pipeline import Builder
from generator.content import frontmatter
from generator.errors import Problem
from generator.preview.responses import respond
from generator.preview.serve import rebuild
from generator.preview.server import PreviewServer
from generator.preview.state import PreviewState
from generator.preview.watch import Changes, start_watching

CLIENTS = 100
FETCHES = 10
PATHS = ("/", "/events/a/", "/static/style.css")


def version(letter: str) -> dict[str, bytes]:
    """One build's files; every byte of a page says which build it came from."""
    page = f"<!DOCTYPE html><html><body><h1>{letter}</h1><p>{letter * 20_000}</p></body></html>".encode()
    return {"index.html": page, "events/a/index.html": page.replace(b"<h1>", b"<h1>Event "), "static/style.css": f"p{{content:'{letter * 5_000}'}}".encode()}


class Serving:
    """A preview server on a free port of 127.0.0.1."""

    def __init__(self, state: PreviewState) -> None:
        self.state = state
        self.server = PreviewServer(("127.0.0.1", 0), state)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def raw(self, request: bytes) -> bytes:
        """Send bytes as they are (``Host: x`` made this server's own) and read the answer until the server closes or a second passes."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(request.replace(b"Host: x\r\n", f"Host: 127.0.0.1:{self.port}\r\n".encode()))
            answer = b""
            try:
                while chunk := sock.recv(65536):
                    answer += chunk
            except TimeoutError:
                pass
            return answer

    def stop(self) -> None:
        self.state.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def tracebacks(capsys: pytest.CaptureFixture[str]) -> str:
    """What socketserver printed for requests whose handler raised (it prints to stderr, from the handler's thread)."""
    err = capsys.readouterr().err
    return err if "Traceback" in err or "Exception occurred" in err else ""


@pytest.fixture
def serving() -> Iterator[Serving]:
    state = PreviewState("/")
    state.publish(version("A"), ())
    running = Serving(state)
    yield running
    running.stop()


def unwrapped(body: bytes, versions: list[dict[str, bytes]], name: str) -> bool:
    """Whether ``body`` is exactly ``name`` of one version, with only the preview's script (and overlay) added before ``</body>``."""
    for files in versions:
        page = files[name]
        if not name.endswith(".html"):
            if body == page:
                return True
            continue
        cut = page.rfind(b"</body>")
        head, tail = page[:cut], page[cut:]
        if body.startswith(head) and body.endswith(tail) and len(body) > len(page):
            added = body[len(head): len(body) - len(tail)]
            if b"__livereload" in added and b"<h1>" not in added and b"<p>" not in added:
                return True
    return False


def test_100_clients_during_rapid_rebuilds_never_fail_or_see_a_torn_page(serving: Serving, capsys: pytest.CaptureFixture[str]) -> None:
    versions = [version("A"), version("B")]
    failure = Problem("content/events/a.md", 3, "date", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'x'")
    stop = threading.Event()
    published = [0]

    def publish() -> None:
        while not stop.is_set():
            step = published[0]
            if step % 3 == 2:
                serving.state.publish(None, (failure,))  # a failed build: the last good files stay, with the overlay
            else:
                serving.state.publish(versions[step % 2], ())
            published[0] += 1

    bad: list[str] = []
    served = [0]
    lock = threading.Lock()

    def client(index: int) -> None:
        connection = serving.connection()
        try:
            for fetch in range(FETCHES):
                path = PATHS[(index + fetch) % len(PATHS)]
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                name = path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")
                with lock:
                    served[0] += 1
                    if response.status != 200 or not unwrapped(body, versions, name):
                        bad.append(f"{path}: {response.status} {body[:80]!r}…{body[-80:]!r}")
        except Exception as exc:  # any failed request is a finding, not a crash of the test thread
            with lock:
                bad.append(f"client {index}: {exc!r}")
        finally:
            connection.close()

    publisher = threading.Thread(target=publish)
    publisher.start()
    clients = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join(timeout=60)
    stop.set()
    publisher.join()
    assert bad == []
    assert served[0] == CLIENTS * FETCHES
    assert published[0] > 100, "the rebuilds did not overlap the requests"
    assert tracebacks(capsys) == ""
    assert time.perf_counter() - started < 30


def test_concurrent_publishers_never_reuse_a_version() -> None:
    """Two builds finishing together must be two versions, or a reload stream waiting on one misses the other."""
    state = PreviewState("/")

    def publish() -> None:
        for _ in range(5_000):
            state.publish({}, ())

    threads = [threading.Thread(target=publish) for _ in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, as a loaded machine does, so a race shows every time
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert state.snapshot.version == 20_000


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /__livereload?since=abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /__livereload?since=-1e400 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /__livereload?since=99999999999999999999999999 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET http://evil.example/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET //etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /%zz%ff%c0%af HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nonsense\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\n",  # a client that stops half-way and goes away
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(200),  # a TLS hello sent to the plain-HTTP port, then gone
    ],
    ids=["since-text", "since-float", "since-huge", "absolute-form", "double-slash", "bad-escapes", "overlong", "bad-header", "half-request", "tls"],
)
def test_odd_requests_get_an_answer_and_the_server_keeps_serving(serving: Serving, request_bytes: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    serving.state.publish(version("B"), ())  # so a reload stream has something newer to report at once
    answer = serving.raw(request_bytes)
    if b"Connection: close" in request_bytes:
        assert answer.startswith(b"HTTP/1."), answer[:200]
    assert not answer.startswith(b"HTTP/1.1 200") or b"etc/passwd" not in request_bytes
    connection = serving.connection()
    connection.request("GET", "/")
    response = connection.getresponse()
    assert response.status == 200
    connection.close()  # the body is left unread: the server sees the connection reset, as when a browser moves on mid-page
    time.sleep(0.1)
    assert tracebacks(capsys) == ""


def test_a_reload_stream_with_a_bad_since_is_refused_clearly(serving: Serving, capsys: pytest.CaptureFixture[str]) -> None:
    answer = serving.raw(b"GET /__livereload?since=abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
    assert tracebacks(capsys) == ""


# --- rebuilds while files change ------------------------------------------------------------------


def good_site(make_site: MakeSite, extra: dict[str, str | bytes] | None = None) -> Path:
    files: dict[str, str | bytes] = {"content/events/good.md": event("Good title", body="Good body."), "content/events/b.md": event("B", "2020")}
    return make_site({**files, **(extra or {})})


def started(root: Path) -> tuple[Builder, PreviewState, list[str]]:
    """A builder and a state after one good build."""
    builder, state, lines = Builder(root), PreviewState("/repo/"), list[str]()
    assert rebuild(builder, state, set(), lines.append).ok, lines
    return builder, state, lines


def test_a_file_deleted_between_listing_and_reading_is_reported_then_rebuilt_cleanly(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    root = good_site(make_site)
    builder, state, lines = started(root)
    doomed = root / "content/events/b.md"
    os.utime(doomed, (1, 1))  # changed, so the builder reads it again
    original = frontmatter.read_bytes

    def vanishing(file: Path) -> bytes:
        if Path(file) == doomed and doomed.exists():
            doomed.unlink()  # deleted after the build listed it, before it reads it
        return original(file)

    monkeypatch.setattr(frontmatter, "read_bytes", vanishing)
    result = rebuild(builder, state, set(), lines.append)  # a full build: it lists the files, then reads them
    assert not result.ok
    assert [p.format() for p in result.problems] == ["content/events/b.md: cannot read: No such file or directory"]
    body = respond(state, "/repo/events/b/").body.decode()
    assert "<h1>B</h1>" in body and "content/events/b.md: cannot read: No such file or directory" in body
    result = rebuild(builder, state, {doomed}, lines.append)  # the watcher reports the deletion: the next build is clean
    assert result.ok and respond(state, "/repo/events/b/").status == 404
    assert b"Good title" in respond(state, "/repo/").body and b'id="timeline-preview-overlay"' not in respond(state, "/repo/").body


def test_a_saved_file_that_vanishes_before_the_quick_rebuild_reads_it_leaves_it_out(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    root = good_site(make_site)
    builder, state, lines = started(root)
    doomed = root / "content/events/b.md"
    doomed.write_text(event("B saved", "2020"))
    original = frontmatter.read_bytes

    def vanishing(file: Path) -> bytes:
        if Path(file) == doomed and doomed.exists():
            doomed.unlink()
        return original(file)

    monkeypatch.setattr(frontmatter, "read_bytes", vanishing)
    result = rebuild(builder, state, {doomed}, lines.append)  # the quick path gives way to a full build, which no longer finds it
    assert result.ok and builder.quick == 0
    assert respond(state, "/repo/events/b/").status == 404 and b"Good title" in respond(state, "/repo/").body


def test_files_deleted_and_restored_while_rebuilding_never_raise(make_site: MakeSite) -> None:
    files: dict[str, str | bytes] = {f"content/events/e{i:02d}.md": event(f"Event {i}", f"20{10 + i % 10}") for i in range(30)}
    root = good_site(make_site, files)
    builder, state, lines = started(root)
    stop = threading.Event()

    def churn() -> None:
        step = 0
        while not stop.is_set():
            path = root / f"content/events/e{step % 30:02d}.md"
            if path.exists():
                path.unlink()
            else:
                path.write_text(event(f"Event {step}", "2015"))
            step += 1
            time.sleep(0.0005)

    worker = threading.Thread(target=churn)
    worker.start()
    outcomes = []
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            result = rebuild(builder, state, {root / "content/events/e00.md"}, lines.append)
            outcomes.append(result.ok)
            # a file caught half-written is empty or cut short: any message will do, as long as it names the file
            assert all(p.path.startswith("content/events/e") for p in result.problems if p.severity.value == "error"), result.problems
    finally:
        stop.set()
        worker.join()
    assert rebuild(builder, state, set(), lines.append).ok
    assert len(outcomes) >= 5 and not any("Traceback" in line for line in lines)


BAD_SAVES: dict[str, tuple[Callable[[Path], object], str]] = {
    "impossible date": (lambda root: (root / "content/events/good.md").write_text(event("Bad", "2019-02-30")),
                        "content/events/good.md:3: date: February 2019 has no day 30"),
    "recursive YAML": (lambda root: (root / "content/events/good.md").write_text(event(extra="extra: &a {x: *a}\n")),
                       "content/events/good.md:4: YAML: alias *a is used inside the value it names"),
    "alias bomb": (lambda root: (root / "content/events/good.md").write_text(event(extra="a: &a [x, x]\nb: &b [" + ", ".join(["*a"] * 60_000) + "]\n")),
                   "content/events/good.md:5: YAML: aliases make this value expand to more than 100000 values"),
    "tag without a page address": (lambda root: (root / "content/events/good.md").write_text(event(extra="tags: ['日本']\n")),
                                   "content/events/good.md:4: tags[0]: '日本' needs a letter a-z or a digit"),
    "a named pipe": (lambda root: os.mkfifo(root / "content/events/pipe.md"), "content/events/pipe.md: cannot read: not a regular file (a named pipe)"),
    "a folder named like an event": (lambda root: (root / "content/events/dir.md").mkdir(), "content/events/dir.md: cannot read: a folder, not a file"),
    "a dangling symlink": (lambda root: (root / "content/events/gone.md").symlink_to(root / "nowhere"), "content/events/gone.md: cannot read: No such file"),
    "a binary file": (lambda root: (root / "content/events/good.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00"), "content/events/good.md:3: binary file"),
    "UTF-16": (lambda root: (root / "content/events/good.md").write_bytes(event().encode("utf-16")), "content/events/good.md:1: UTF-16 text"),
    "a duplicate id by case": (lambda root: (root / "content/events/Good.md").write_text(event()), "content/events/Good.md:1: id: duplicate id 'good'"),
    "a dangling theme asset": (lambda root: _dangling_asset(root), "themes/default/static/broken.css: cannot read"),
}


def _dangling_asset(root: Path) -> None:
    asset = root / "themes/default/static/broken.css"
    asset.parent.mkdir(parents=True, exist_ok=True)
    asset.symlink_to(root / "missing.css")


@pytest.mark.parametrize("case", BAD_SAVES, ids=list(BAD_SAVES))
def test_a_bad_save_shows_the_overlay_over_the_last_good_build(make_site: MakeSite, case: str) -> None:
    action, expected = BAD_SAVES[case]
    root = good_site(make_site)
    builder, state, lines = started(root)
    before = state.snapshot.files
    existing = set(root.rglob("*"))
    action(root)
    # what the watcher reports: the saved file, and whatever the save created
    reported = {root / "content/events/good.md", *(set(root.rglob("*")) - existing)}
    timer = unblock_after(root / "content/events/pipe.md", 5)
    try:
        result = rebuild(builder, state, reported, lines.append)
    finally:
        timer.cancel()
    assert not result.ok
    assert state.snapshot.files == before  # the last good build is still what is served
    page = respond(state, "/repo/events/good/")
    assert page.status == 200
    body = page.body.decode()
    assert "<h1>Good title</h1>" in body and "Good body." in body
    assert 'id="timeline-preview-overlay"' in body
    overlay = body[body.index('id="timeline-preview-overlay"'):]
    assert expected.replace("'", "&#x27;") in overlay, overlay[:2000]
    assert any(line.startswith(expected) for line in lines)
    assert lines[-1].startswith("build failed")


def test_the_watcher_survives_symlink_loops_and_strange_files(tmp_path: Path) -> None:
    content = tmp_path / "content/events"
    content.mkdir(parents=True)
    (content / "loop").symlink_to("..")
    (content / "self").symlink_to(".")
    (content / "dangling.md").symlink_to(tmp_path / "nowhere")
    changes = Changes()
    started_at = time.perf_counter()
    observer = start_watching([tmp_path / "content"], changes)
    try:
        assert time.perf_counter() - started_at < 2
        time.sleep(0.1)
        os.mkfifo(content / "pipe.md")
        (content / "a.md").write_text(event())
        seen = changes.wait(quiet=0.1, timeout=3)
    finally:
        observer.stop()
        observer.join(timeout=5)
    assert {(content / "a.md").resolve(), (content / "pipe.md").resolve()} <= {p.resolve() for p in seen}
