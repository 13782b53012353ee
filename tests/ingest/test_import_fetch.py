"""``timeline import https://…`` against a local HTTP server the test starts (never the internet)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.ingest.fetch import FetchError, fetch
from import_fixtures.support import cli, read_back, write_entities

ARTICLE = """<!doctype html><html><head><title>Huawei sues the FCC over subsidy ban - Example News</title>
<link rel="canonical" href="https://www.example.com/tech/2019/12/05/huawei-sues-fcc">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-12-05T08:00:00Z">
<script>window.location = "https://evil.example/";</script></head>
<body><article><h1>Huawei sues the FCC over subsidy ban</h1><p>By Jane Doe</p>
<p>Huawei filed a lawsuit on Thursday asking a federal court to overturn the FCC ban on subsidy spending on its equipment.</p>
<p>The company said the order was unconstitutional and exceeded the commission's authority under the law.</p>
</article></body></html>"""
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
    "/latin1": (200, "text/html; charset=iso-8859-1", ARTICLE.replace("Jane Doe", "José Doe").encode("latin-1")),
    "/missing": (404, "text/html", b"<html><body>Not found</body></html>"),
    "/report.pdf": (200, "application/pdf", b"%PDF-1.4 binary"),
    "/big": (200, "text/html", b"<html><body>" + b"<p>x</p>" * 4000 + b"</body></html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article?utm_source=redirect")
            self.end_headers()
            return
        status, kind, body = ROUTES.get(self.path.split("?")[0], (404, "text/html", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_entities(tmp_path / "site", [{"name": "Huawei"}, {"name": "FCC", "aliases": ["Federal Communications Commission"]}])


def test_a_fetched_page_becomes_a_draft_with_its_canonical_address(server: str, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("import", f"{server}/article", "--root", site) == 0
    record = read_back(site / "content/events/2019-12-05-huawei-sues-the-fcc-over-subsidy-ban.md")
    assert record.title == "Huawei sues the FCC over subsidy ban"
    assert record.sources[0].url == "https://www.example.com/tech/2019/12/05/huawei-sues-fcc"
    assert record.sources[0].name == "Example News"
    assert [e.name for e in record.entities] == ["Huawei", "FCC"]
    assert "window.location" not in (site / "content/events/2019-12-05-huawei-sues-the-fcc-over-subsidy-ban.md").read_text(encoding="utf-8")
    assert capsys.readouterr().err == ""


def test_redirects_are_followed_and_the_declared_charset_is_used(server: str) -> None:
    assert fetch(f"{server}/moved").url == f"{server}/article?utm_source=redirect"
    assert "José Doe" in fetch(f"{server}/latin1").text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered HTTP 404 Not Found"),
        ("/report.pdf", "the address serves application/pdf, not a web page"),
    ],
)
def test_http_errors_and_non_html_content_are_reported(server: str, site: Path, capsys: pytest.CaptureFixture[str], path: str, message: str) -> None:
    assert cli("import", f"{server}{path}", "--root", site) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{server}{path}: fetch: {message}") and err.count("\n") == 1 and "Traceback" not in err
    assert not (site / "content" / "events").exists()


def test_a_page_over_the_size_limit_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="larger than 16 KiB"):
        fetch(f"{server}/big", limit=16 * 1024)
    assert fetch(f"{server}/big", limit=64 * 1024).text.startswith("<html>")


def test_no_answer_in_time_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A socket that accepts connections but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/slow"
        assert cli("import", url, "--root", site, "--timeout", "0.3") == 1
    assert capsys.readouterr().err == f"{url}: fetch: no answer within 0.3 s; try again, or save the page and import the file\n"


def test_no_server_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert cli("import", f"http://127.0.0.1:{port}/a", "--root", site) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"http://127.0.0.1:{port}/a: fetch: cannot connect (") and "check the address and the network" in err


@pytest.mark.parametrize("url", ["http://", "https://a b/", "http://127.0.0.1:99999/", "http://[::1/", "http://\u0000/"])
def test_malformed_addresses_are_reported_not_raised(site: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert cli("import", url, "--root", site) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{url}: fetch: ") and err.count("\n") == 1 and "Traceback" not in err


def test_only_web_addresses_are_fetched() -> None:
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch("file:///etc/passwd")


@pytest.mark.parametrize("value", ["0", "-1", "abc", "601"])
def test_a_bad_timeout_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli("import", "http://127.0.0.1/a", "--root", site, "--timeout", value)
    assert exit_info.value.code == 2 and "--timeout" in capsys.readouterr().err
