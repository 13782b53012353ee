"""`timeline serve` on a command line it cannot honour: one clear line and an exit status, never a traceback."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, MakeSite, event

GUARD = 120
"""Seconds before a run that should end at once is given up on: a server that starts anyway fails the test instead of hanging it."""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "serve", "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, timeout=GUARD)


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "abc", "8e3", "", "٣"])
def test_a_port_that_is_no_port_is_a_command_line_error(make_site: MakeSite, port: str) -> None:
    done = run(make_site({"content/events/e.md": event()}), f"--port={port}")
    assert done.returncode == 2, done.stderr
    assert f"argument --port/-p: expected a port number from 0 to 65535, got {port!r}" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_one_line_and_exit_1(make_site: MakeSite) -> None:
    root = make_site({"content/events/e.md": event()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run(root, "--port", str(port))
    assert done.returncode == 1
    assert done.stderr == f"timeline serve: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert not (root / "output").exists()


def test_an_address_not_of_this_machine_is_one_line_and_exit_1(make_site: MakeSite) -> None:
    done = run(make_site({"content/events/e.md": event()}), "--host", "192.0.2.1", "--port", "0")  # TEST-NET-1: never a local address
    assert done.returncode == 1
    assert done.stderr == "timeline serve: cannot listen on 192.0.2.1:0: Cannot assign requested address\n"


@pytest.mark.parametrize("url", ["http://[::1", "https://example.org:99999/"])
def test_a_bad_base_url_option_is_a_command_line_error(make_site: MakeSite, url: str) -> None:
    done = run(make_site({"content/events/e.md": event()}), "--base-url", url, "--port", "0")
    assert done.returncode == 2 and "argument --base-url: not a usable URL" in done.stderr and "Traceback" not in done.stderr


def _stop_during_rebuilds(root: Path, delay: float) -> tuple[int | None, str]:
    """Start the preview, save an event, send SIGTERM ``delay`` seconds later (mid-build, often), and collect what it printed."""
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=PROJECT)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Serving "):
            break
    (root / "content/events/e0.md").write_text(event(f"Edited {delay}", body="Edited body.\n"))
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    try:
        rest, _ = process.communicate(timeout=GUARD)
    except subprocess.TimeoutExpired:
        process.kill()
        rest, _ = process.communicate()
        return None, "".join(lines) + rest
    return process.returncode, "".join(lines) + rest


def test_sigterm_while_a_rebuild_runs_stops_the_preview_cleanly(make_site: MakeSite) -> None:
    # a signal that lands inside a build (its feeds, its page writes) must stop the server, not be reported as a bug
    files = {f"content/events/e{n}.md": event(f"Event {n}", f"2019-{n % 12 + 1:02d}-{n % 28 + 1:02d}", body="Words. " * 40)
             for n in range(150)}
    root = make_site(files)
    for delay in (0.05, 0.2, 0.5):
        status, printed = _stop_during_rebuilds(root, delay)
        assert status == 0, f"after {delay} s: exit {status}\n{printed[-2000:]}"
        assert printed.rstrip().endswith("stopped"), printed[-2000:]
        assert "internal error" not in printed and "Traceback" not in printed, printed[-2000:]
