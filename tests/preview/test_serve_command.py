"""`timeline serve` on a command line it cannot honour: one clear line and an exit status, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
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
