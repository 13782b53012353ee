"""The preview server: the socket, its host and request checks, and the reload stream.

What each path answers is :mod:`.responses`; what is served, the last good
build, is :mod:`.state`.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .responses import PARTS_PATH, RELOAD_PATH, Response, parts, respond, since_version, viewed_file
from .state import PreviewState

MAX_QUERY = 4096
"""The longest query string the reload stream and the parts take; a longer one gets 414."""
STREAM_SECONDS = 30.0
IDLE_SECONDS = 5.0
"""How long a connection may sit idle, or take to send its request, before it is closed."""
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
"""``Host`` names always accepted, besides the address the server listens on."""


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
        since = since_version(query)
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
