"""``timeline check --online`` against a local HTTP server the test starts (never the internet)."""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import MakeSite, event
from generator.build.onlinecheck import USER_AGENT
from generator.build.pipeline import build
from generator.cli import main

ROUTES: dict[str, tuple[int, str | None]] = {
    "/ok": (200, None),
    "/gone": (404, None),
    "/moved": (301, "/ok"),
    "/temporary": (302, "/ok"),
    "/chain": (308, "/moved"),
    "/loop": (302, "/loop"),
}


class Server:
    """A local server that counts what it is asked, by method and path, and the user agents."""

    def __init__(self) -> None:
        self.asked: Counter[tuple[str, str]] = Counter()
        self.agents: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self) -> None:
                server.asked[(self.command, self.path)] += 1
                server.agents.add(self.headers.get("User-Agent", ""))
                if self.path == "/no-head" and self.command == "HEAD":
                    status, location = 405, None
                elif self.path == "/no-head":
                    status, location = 200, None
                else:
                    status, location = ROUTES.get(self.path, (404, None))
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = do_GET = answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


def sources(*pairs: tuple[str, str]) -> str:
    return "sources:\n" + "".join(f"  - name: {name}\n    url: {url}\n" for name, url in pairs)


def site(make_site: MakeSite, base: str, extra_config: str = "") -> Path:
    return make_site({
        "content/site.yaml": f"title: T\nbase_url: https://example.org/\n{extra_config}",
        "content/events/a.md": event("A", extra=sources(("Ok", f"{base}/ok"), ("Gone", f"{base}/gone"), ("Moved", f"{base}/moved"))),
        "content/events/b.md": event("B", extra=sources(("Temp", f"{base}/temporary"), ("Chain", f"{base}/chain"), ("No head", f"{base}/no-head"))
                                     + f"    archive: {base}/ok\n  - name: Loop\n    url: {base}/loop\n"),
    })


def test_dead_and_moved_links_are_listed_at_each_place(make_site: MakeSite, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(make_site, server.base)
    cache = tmp_path / "links.json"
    assert main(["check", "--online", "--root", str(root), "--cache", str(cache)]) == 0
    out = capsys.readouterr()
    lines = [line for line in out.err.splitlines() if "uses an IP address" not in line]
    b = server.base
    assert lines == [
        f"content/events/a.md:8: warning: sources[1].url: dead link: {b}/gone gave HTTP 404",
        f"content/events/a.md:10: warning: sources[2].url: moved: {b}/moved now leads to {b}/ok (HTTP 301); cite the new address",
        f"content/events/b.md:6: warning: sources[0].url: redirects: {b}/temporary leads to {b}/ok (HTTP 302)",
        f"content/events/b.md:8: warning: sources[1].url: moved: {b}/chain now leads to {b}/ok (HTTP 308); cite the new address",
        f"content/events/b.md:13: warning: sources[3].url: dead link: {b}/loop gave more than 10 redirects",
    ]
    assert "online: 7 links (0 known from the last hours), 2 dead, 3 moved or redirected" in out.out
    # each cited URL once (the archive /ok shares its answer with the source /ok), HEAD first, GET only where HEAD is refused;
    # /ok is also reached at the end of three redirect chains, and /moved at the end of /chain's first hop
    assert {path: n for (method, path), n in server.asked.items() if method == "HEAD"} == {
        "/ok": 4, "/gone": 1, "/moved": 2, "/temporary": 1, "/chain": 1, "/no-head": 1, "/loop": 11,
    }
    assert server.asked[("GET", "/ok")] == 0
    assert server.asked[("HEAD", "/no-head")] == 1 and server.asked[("GET", "/no-head")] == 1
    assert server.agents == {USER_AGENT}
    assert main(["check", "--online", "--strict", "--root", str(root), "--cache", str(cache)]) == 1


def test_results_are_cached_for_the_configured_time(make_site: MakeSite, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(make_site, server.base)
    cache = tmp_path / "links.json"
    assert main(["check", "--online", "--root", str(root), "--cache", str(cache)]) == 0
    asked = sum(server.asked.values())
    assert main(["check", "--online", "--root", str(root), "--cache", str(cache)]) == 0
    assert sum(server.asked.values()) == asked  # nobody asked twice
    assert "online: 7 links (7 known from the last hours)" in capsys.readouterr().out
    data = json.loads(cache.read_text())
    assert data[f"{server.base}/gone"]["status"] == 404
    expired = site(make_site, server.base, "online_cache_hours: 0\n")
    assert main(["check", "--online", "--root", str(expired), "--cache", str(cache)]) == 0
    assert sum(server.asked.values()) > asked


def test_a_silent_server_times_out(make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as silent:  # accepts connections (the backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/slow"
        root = make_site({"content/events/a.md": event(extra=sources(("Slow", url)))})
        assert main(["check", "--online", "--timeout", "0.2", "--root", str(root), "--cache", str(tmp_path / "c.json")]) == 0
    assert f"content/events/a.md:6: warning: sources[0].url: dead link: {url} gave timed out" in capsys.readouterr().err


def test_the_build_and_the_plain_check_never_touch_the_network(make_site: MakeSite, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    root = site(make_site, server.base)
    assert build(root, output=root / "output").ok
    assert main(["check", "--root", str(root)]) == 0
    assert sum(server.asked.values()) == 0
    assert not (root / ".timeline-links.json").exists()


@pytest.mark.parametrize("timeout", ["0", "-1", "soon", "601"])
def test_a_bad_timeout_is_a_usage_error(timeout: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--online", "--timeout", timeout, "--root", str(tmp_path)])
    assert exit_info.value.code == 2
