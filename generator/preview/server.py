"""The preview server: serves the last good build from memory, with live reload.

Requests never see a half-written site: a build publishes a complete new
:class:`Snapshot` and the server swaps one reference. The reload script and the
error overlay are injected here, into the HTML as it is served, so files
written by ``timeline build`` never depend on whether a preview runs.
"""

from __future__ import annotations

import html
import ipaddress
import json
import mimetypes
import posixpath
import re
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import Problem
from .parts import changed_parts
from .script import SCRIPT

RELOAD_PATH = "__livereload"
PARTS_PATH = RELOAD_PATH + "/parts"
"""Where a page asks for the elements that changed since the build it shows (see :mod:`.parts`)."""
KEPT_VERSIONS = 8
"""How many builds' files stay at hand to find the changed parts of a page against."""
MAX_QUERY = 4096
"""The longest query string the reload stream and the parts take; a longer one gets 414."""
STREAM_SECONDS = 30.0
IDLE_SECONDS = 5.0
"""How long a connection may sit idle, or take to send its request, before it is closed."""
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
"""``Host`` names always accepted, besides the address the server listens on."""
_ERROR_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
    b"<body><h1>The site has not built yet</h1></body></html>"
)
_OVERLAY_STYLE = (
    "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:50vh;overflow:auto;"
    "background:#2b0b0b;color:#fff;border:3px solid #ff5c5c;border-radius:8px;padding:1rem;"
    "font:14px/1.5 ui-monospace,monospace;box-shadow:0 4px 24px rgba(0,0,0,.5)"
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One complete build as served: files by path, plus the problems of the latest build."""

    files: Mapping[str, bytes] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    version: int = 0
    events: tuple[str, ...] = ()
    good: bool = False
    """Whether any build has succeeded yet (else there is nothing to serve)."""
    failed: bool = False
    """Whether the latest build failed (then the overlay shows its problems)."""
    reload: bool = False
    """Whether the theme's files changed: a page then loads again to use them, rather than change in place."""


class PreviewState:
    """The snapshot being served, and a way for reload streams to wait for the next."""

    def __init__(self, base_path: str = "/") -> None:
        self.base_path = base_path
        self._snapshot = Snapshot()
        self._condition = threading.Condition()
        self.closed = False
        self.listening = 0
        """Reload streams waiting for a newer build: the open pages."""
        self._unfetched = 0
        """Pages told of the latest build that have not asked for a page since."""
        self._viewed: Counter[str] = Counter()
        self._loud = 0
        self._theme: tuple[Mapping[str, bytes], dict[str, bytes]] = ({}, {})
        """The files served now and their theme's, worked out when they come rather than when the next build does."""
        """The last build told to every open page (see :meth:`publish`)."""
        self._history: dict[int, Mapping[str, bytes]] = {}
        """The files of the last few builds by version, for :meth:`parts`."""

    @property
    def snapshot(self) -> Snapshot:
        """The current snapshot (an atomic read of one reference)."""
        return self._snapshot

    def publish(self, files: Mapping[str, bytes] | None, problems: tuple[Problem, ...], events: tuple[str, ...] = (),
                last_good: Mapping[str, bytes] | None = None, quiet: bool = False) -> None:
        """A build finished: serve its files, or the last good ones (``files is None``) with an overlay.

        The last good files are those served now, or ``last_good`` when the failed
        build had already sent out some of its pages. A ``quiet`` build (the rest
        of a build whose open pages went out first) is told only to the pages it
        changes since the build they show: the others already show it.
        """
        keep = dict(files) if files is not None else None
        theme = _theme_files(keep) if keep is not None else None
        with self._condition:  # read and replace under the lock: two builds finishing together are two versions
            old = self._snapshot
            reload = theme is not None and old.good and theme != self._theme_of(old.files)
            good = keep is not None or old.good
            kept = old.files if last_good is None else last_good
            self._snapshot = Snapshot(kept if keep is None else keep, problems, old.version + 1, events, good, keep is None, reload)
            self._keep(self._snapshot)
            if theme is not None:
                self._theme = (self._snapshot.files, theme)
            if not quiet:
                self._loud = self._snapshot.version
            self._unfetched = 0 if quiet else self.listening
            self._condition.notify_all()

    def _theme_of(self, files: Mapping[str, bytes]) -> dict[str, bytes]:
        return self._theme[1] if self._theme[0] is files else _theme_files(files)

    def _keep(self, snapshot: Snapshot) -> None:
        self._history[snapshot.version] = snapshot.files
        for version in [v for v in self._history if v <= snapshot.version - KEPT_VERSIONS]:
            del self._history[version]

    def refresh(self, files: Mapping[str, bytes], problems: tuple[Problem, ...]) -> None:
        """Replace the files of the current build (late feeds and exports) without asking for a reload."""
        with self._condition:
            self._snapshot = replace(self._snapshot, files=dict(files), problems=problems)
            self._theme = (self._snapshot.files, _theme_files(self._snapshot.files))
            self._keep(self._snapshot)

    def wait_newer(self, version: int, timeout: float, page: str | None = None) -> Snapshot | None:
        """The first snapshot newer than ``version``, or ``None`` after ``timeout`` or on close.

        ``page`` is the file the waiting page shows: while it waits, :meth:`viewed` names it.
        """
        with self._condition:
            self.listening += 1
            if page is not None:
                self._viewed[page] += 1
            try:
                self._condition.wait_for(lambda: self._news(version, page) or self.closed, timeout)
            finally:
                self.listening -= 1
                if page is not None:
                    self._viewed -= Counter({page: 1})
            return self._snapshot if self._news(version, page) else None

    def _news(self, version: int, page: str | None) -> bool:
        """Whether a page showing ``page`` as of build ``version`` has a newer build to hear of."""
        if self._snapshot.version <= version:
            return False
        if version < self._loud or page is None:
            return True
        shown = self._history.get(version)
        return shown is None or shown.get(page) is not self._snapshot.files.get(page)

    def viewed(self) -> frozenset[str]:
        """The files open pages show (as far as their reload streams said): a build makes them first."""
        with self._condition:
            return frozenset(self._viewed)

    def files_of(self, version: int) -> Mapping[str, bytes] | None:
        """The files of build ``version`` if still at hand."""
        with self._condition:
            return self._history.get(version)

    def page_served(self) -> None:
        """A page went out: one fewer open page waiting for its update."""
        with self._condition:
            if self._unfetched:
                self._unfetched -= 1
                self._condition.notify_all()

    def wait_fetched(self, timeout: float) -> bool:
        """Wait until every page told of the latest build has asked for a page again, at most ``timeout``; whether they all did."""
        with self._condition:
            return self._condition.wait_for(lambda: self._unfetched <= 0 or self.closed, timeout)

    def close(self) -> None:
        """Release every waiting reload stream."""
        with self._condition:
            self.closed = True
            self._condition.notify_all()


def _theme_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The theme's static files of a build (pages name them without a version, so a change to one is no change to a page)."""
    return {name: data for name, data in files.items() if name.startswith("static/")}


@dataclass(frozen=True, slots=True)
class Response:
    """What to send back for a request."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    location: str | None = None


def respond(state: PreviewState, raw_path: str) -> Response:
    """The response to ``GET raw_path``; no sockets involved, so it is tested directly."""
    path = unquote(urlsplit(raw_path).path)
    base = state.base_path
    if not path.startswith(base):
        return Response(302, location=base) if path in ("/", base.rstrip("/")) else _not_found(state)
    relative = _relative(path, base)
    if relative is None:
        return _not_found(state)
    snapshot = state.snapshot
    if not snapshot.good:
        return Response(503, _inject(_ERROR_PAGE, snapshot, base), "text/html; charset=utf-8")
    name = _file_name(relative)
    if name not in snapshot.files:
        if name + "/index.html" in snapshot.files:
            return Response(301, location=base + relative + "/")
        return _not_found(state)
    return _file(name, snapshot.files[name], snapshot, base, 200)


def _relative(path: str, base: str) -> str | None:
    """``path`` (decoded) below the base path, or ``None`` when it is outside it or climbs out of it."""
    if not path.startswith(base):
        return None
    relative = path[len(base):]
    if any(part in ("..", ".") or "\\" in part or "\0" in part for part in relative.split("/")):
        return None
    return relative


def _file_name(relative: str) -> str:
    return posixpath.join(relative, "index.html") if relative == "" or relative.endswith("/") else relative


def viewed_file(state: PreviewState, page: str) -> str | None:
    """The file a page at ``page`` (its address's path, as the browser encoded it) shows, or ``None`` for no page."""
    relative = _relative(unquote(page), state.base_path)
    return None if relative is None else _file_name(relative)


def parts(state: PreviewState, query: str) -> Response:
    """The elements of a page that changed since the build it shows, as JSON (see :mod:`.parts`).

    The query names the page (``page``, its address's path) and the build it shows
    (``since``). 409 says the page has to be fetched whole: its build is no longer
    at hand, or the change is not one of elements with ids.
    """
    since, values = _since(query), parse_qs(query)
    page = (values.get("page") or [""])[0]
    if since is None or not page:
        return Response(400, b"since, page: expected the version number and the address of the page\n")
    name = viewed_file(state, page)
    snapshot = state.snapshot
    old = state.files_of(since)
    if name is None or name not in snapshot.files or not name.endswith(".html"):
        return Response(404, b"no such page\n")
    found = changed_parts(old[name], snapshot.files[name]) if old is not None and name in old and snapshot.good else None
    if found is None:
        return Response(409, b"fetch the page whole\n")
    body = {
        "version": snapshot.version,
        "parts": [[part.id, part.before, part.after] for part in found],
        "overlay": overlay(snapshot.problems) if snapshot.failed else None,
    }
    return Response(200, json.dumps(body).encode(), "application/json; charset=utf-8")


def _file(name: str, data: bytes, snapshot: Snapshot, base: str, status: int) -> Response:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind == "text/html":
        return Response(status, _inject(data, snapshot, base), "text/html; charset=utf-8")
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml", "image/svg+xml"):
        kind += "; charset=utf-8"
    return Response(status, data, kind)


def _not_found(state: PreviewState) -> Response:
    snapshot = state.snapshot
    page = snapshot.files.get("404.html")
    if page is not None:
        return _file("404.html", page, snapshot, state.base_path, 404)
    body = b"<!DOCTYPE html><html lang=\"en\"><title>Not found</title><h1>Not found</h1></html>"
    return Response(404, _inject(body, snapshot, state.base_path), "text/html; charset=utf-8")


def overlay(problems: tuple[Problem, ...]) -> str:
    """The error overlay for a failed build: every problem, file and line first."""
    items = "".join(f"<li>{html.escape(p.format())}</li>" for p in problems)
    return (
        f'<div id="timeline-preview-overlay" role="alert" style="{_OVERLAY_STYLE}">'
        f'<strong>Build failed: showing the last good build.</strong><ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
    )


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(value: object) -> str:
    """``value`` as a JavaScript literal that is safe inside ``<script>``.

    ``json.dumps`` leaves ``</script>`` and ``<!--`` as they are, which end or
    change the script element around them; escaped as ``\\u003c`` they are the
    same string to JavaScript and nothing to the HTML parser.
    """
    return json.dumps(value).translate(_SCRIPT_ESCAPES)


def _inject(page: bytes, snapshot: Snapshot, base: str) -> bytes:
    url = script_json(f"{base}{RELOAD_PATH}?since={snapshot.version}")
    extra = (overlay(snapshot.problems) if snapshot.failed else "") + SCRIPT % {"url": url}
    text = page.decode("utf-8", errors="replace")
    index = text.rfind("</body>")
    text = text + extra if index < 0 else text[:index] + extra + text[index:]
    return text.encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    """Serves a :class:`PreviewState`; the state is set on the server object."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    # headers and body leave as two writes: without this the body waits for the browser's delayed ACK (40 ms on Linux)
    disable_nagle_algorithm = True

    def setup(self) -> None:
        """Read :data:`IDLE_SECONDS` per connection, so a test can lower it."""
        self.timeout = IDLE_SECONDS  # type: ignore[misc]  # socketserver reads the instance's value
        super().setup()

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if not self._host_allowed():
            return
        address = urlsplit(self.path)
        path, state = unquote(address.path), self.server.state  # as the browser encoded it
        if path in (state.base_path + RELOAD_PATH, state.base_path + PARTS_PATH) and len(address.query) > MAX_QUERY:
            self._send(Response(414, b"query: too long\n"), head=False)
            return
        if path == state.base_path + RELOAD_PATH:
            self._stream()
            return
        asked_parts = path == state.base_path + PARTS_PATH
        response = parts(state, address.query) if asked_parts else respond(state, self.path)
        self._send(response, head=False)
        # a page's update: its changed parts, or (when they cannot do) the page itself
        if response.content_type.startswith("text/html") or (asked_parts and response.status == 200):
            state.page_served()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._host_allowed():
            self._send(respond(self.server.state, self.path), head=True)

    def _host_allowed(self) -> bool:
        """Whether ``Host`` names this server; otherwise a 400 is sent.

        A page on another site can make its own name resolve to 127.0.0.1 (DNS
        rebinding) and read the preview, drafts included; its requests still
        carry its own name in ``Host``, so they are refused here.
        """
        if self.server.allows(self.headers.get("Host", "")):
            return True
        self.close_connection = True
        self._send(Response(400, b"Host: expected this preview's own address, such as 127.0.0.1 or localhost with its port\n"), head=False)
        return False

    def _send(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        if not head:
            self.wfile.write(response.body)

    def _stream(self) -> None:
        """Server-sent events: one message when a newer build is published, then close."""
        query = urlsplit(self.path).query
        since = _since(query)
        page = (parse_qs(query).get("page") or [""])[0]
        viewed = viewed_file(self.server.state, page) if page else None
        if since is None:
            self._send(Response(400, b"since: expected the version number the page was served with\n"), head=False)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        deadline = time.monotonic() + STREAM_SECONDS
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while time.monotonic() < deadline and not self.server.state.closed:
                snapshot = self.server.state.wait_newer(since, min(5.0, deadline - time.monotonic()), viewed)
                if snapshot is not None:
                    message = json.dumps({"version": snapshot.version, "events": list(snapshot.events), "reload": snapshot.reload})
                    self.wfile.write(f"data: {message}\n\n".encode())
                    self.wfile.flush()
                    return
                self.wfile.write(b": waiting\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:
        pass


_HOST = re.compile(r"^(?P<name>\[[0-9a-f:.]+\]|[^:\[\]]+)(?::(?P<port>[0-9]{1,5}))?$")
"""A ``Host`` header: a name or IPv4 address, or an IPv6 address in brackets, then an optional port."""


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _since(query: str) -> int | None:
    """The ``since`` version of a reload stream's query (``0`` when absent), or ``None`` when it is no version number."""
    values = parse_qs(query).get("since") or ["0"]
    text = values[0] or "0"
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server bound to a preview state: a slow client holds one thread, never the others."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], state: PreviewState) -> None:
        self.state = state
        self.name = address[0].lower()
        """The address as given (``--host``), which may be a name the server's own address does not show."""
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    def allows(self, host: str) -> bool:
        """Whether a request's ``Host`` header names this server: its own address or a local name, with its port.

        Listening on every address (``0.0.0.0``, ``::``), any IP address is
        accepted too: a rebinding attack needs a name, never an address.
        """
        port = self.server_address[1]
        match = _HOST.match(host.strip().lower())
        if match is None or int(match["port"] or 80) != port:
            return False
        name, listening = match["name"], str(self.server_address[0])
        own = f"[{listening}]" if ":" in listening else listening
        if name in LOCAL_NAMES or name in (own.lower(), self.name, f"[{self.name}]"):
            return True
        return listening in ("0.0.0.0", "::") and _is_address(name.strip("[]"))

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-request (a closed tab, a reload) is normal; only other errors are printed."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)
