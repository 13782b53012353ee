"""The preview server over a real socket: only its own ``Host``, no idle or half-sent connection kept, no client blocking another."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from test_bad_input_server import Serving, version

from generator.preview import server
from generator.preview.state import PreviewState

GUARD = 30.0
"""Seconds a test socket waits before giving up, so a server that keeps a connection open fails the test instead of hanging it."""


@pytest.fixture
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[Serving]:
    monkeypatch.setattr(server, "IDLE_SECONDS", 0.5)
    state = PreviewState("/")
    state.publish(version("A"), ())
    running = Serving(state)
    yield running
    running.stop()


def ask(serving: Serving, host: str | None, method: str = "GET") -> bytes:
    header = f"Host: {host}\r\n" if host is not None else ""
    request = f"{method} / HTTP/1.1\r\n{header}Connection: close\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", serving.port), timeout=GUARD) as sock:
        sock.sendall(request)
        return read_all(sock)


def read_all(sock: socket.socket) -> bytes:
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    return answer


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_the_served_address_and_local_names_are_answered(serving: Serving, host: str) -> None:
    assert ask(serving, host.format(port=serving.port)).startswith(b"HTTP/1.1 200 ")


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",  # a DNS-rebinding page: its own name, resolved to 127.0.0.1
        "evil.example",
        "localhost.evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
        "127.0.0.1:{other}",
        "localhost:{other}",
        "127.0.0.1",
        "",
        None,
        "127.0.0.1:{port}:{port}",
    ],
    ids=["rebinding", "no-port", "suffix", "wildcard-dns", "other-port", "localhost-other-port", "default-port", "empty", "missing", "two-ports"],
)
def test_any_other_host_gets_400(serving: Serving, host: str | None) -> None:
    shown = None if host is None else host.format(port=serving.port, other=serving.port + 1)
    for method in ("GET", "HEAD"):
        answer = ask(serving, shown, method)
        assert answer.startswith(b"HTTP/1.1 400 "), answer[:200]
        assert b"<h1>" not in answer


def test_a_reload_stream_from_another_host_gets_400(serving: Serving) -> None:
    request = f"GET /__livereload?since=0 HTTP/1.1\r\nHost: evil.example:{serving.port}\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", serving.port), timeout=GUARD) as sock:
        sock.sendall(request)
        assert read_all(sock).startswith(b"HTTP/1.1 400 ")


def test_an_idle_keep_alive_connection_is_closed(serving: Serving) -> None:
    with socket.create_connection(("127.0.0.1", serving.port), timeout=GUARD) as sock:
        sock.sendall(f"GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1:{serving.port}\r\n\r\n".encode())
        answer = read_all(sock)  # returns only once the server closes the connection it kept alive
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(version("A")["static/style.css"])


def test_a_half_sent_request_is_closed_and_blocks_no_other_client(serving: Serving) -> None:
    with socket.create_connection(("127.0.0.1", serving.port), timeout=GUARD) as slow:
        slow.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{serving.port}\r\n".encode())  # and never the blank line
        assert ask(serving, f"127.0.0.1:{serving.port}").startswith(b"HTTP/1.1 200 ")  # served while the slow one waits
        assert read_all(slow) == b""  # then the slow one is closed, unanswered


def test_answers_are_sent_at_once_not_held_for_the_clients_acknowledgement(serving: Serving) -> None:
    """Headers and body are two writes: under Nagle's algorithm the body waits for the browser's delayed ACK, 40 ms a page on Linux."""
    held: list[int] = []

    class Recording(server.Handler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            held.append(self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            super().do_GET()

    serving.server.RequestHandlerClass = Recording
    assert ask(serving, f"127.0.0.1:{serving.port}").startswith(b"HTTP/1.1 200 ")
    assert len(held) == 1 and held[0] != 0
