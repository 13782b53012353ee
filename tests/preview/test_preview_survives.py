"""`timeline serve` as a real process survives every bad save: last good build, overlay, recovery.

One server runs for the whole list of bad saves, as it would for an author
making each mistake in turn. After each save the test waits on the reload
stream (``__livereload?since=N`` answers when build N+1 is published), so it
never guesses how long a rebuild takes.
"""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import COMMERCE, HUAWEI, SITE_YAML, MakeSite, event, write_files
from generator.build.pipeline import Builder
from generator.preview.responses import respond
from generator.preview.serve import rebuild
from generator.preview.state import PreviewState

GOOD = "content/events/good.md"
HUGE = "9" * 5000


class Preview:
    """A running ``timeline serve`` on a free port, and plain HTTP to it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        assert self.process.stdout is not None
        self.lines: list[str] = []
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("Serving "):
                break
        match = re.match(r"Serving http://127\.0\.0\.1:(\d+)/", self.lines[-1] if self.lines else "")
        assert match, "".join(self.lines)
        self.port = int(match[1])

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def save_and_wait(self, save: Callable[[Path], object]) -> None:
        """Make a save and return once the build it causes is published."""
        _, page = self.get("/repo/")
        version = re.search(r"since=(\d+)", page)
        assert version, page[-500:]
        save(self.root)
        status, stream = self.get(f"/repo/__livereload?since={version[1]}")
        assert status == 200 and "data: " in stream, "no build followed the save"

    def stop(self) -> str:
        """Stop the server (once) and return everything it printed."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            output, _ = self.process.communicate(timeout=30)
            self.lines.append(output)
        return "".join(self.lines)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One server for every bad save of this module, as an author makes one mistake after another."""
    root = tmp_path_factory.mktemp("preview") / "site"
    write_files(root, {
        "content/site.yaml": SITE_YAML, "content/entities/huawei.md": HUAWEI, "content/entities/commerce.md": COMMERCE,
        GOOD: event("Good title", body="Good body."), "content/events/b.md": event("B", "2020"),
        # the site's own theme folder exists from the start, as the preview watches only folders that exist when it starts
        "themes/default/templates/README.txt": "Templates here override the built-in ones.\n",
    })
    running = Preview(root)
    yield running
    log = running.stop()
    assert "Traceback" not in log, log


def write(name: str, text: str) -> Callable[[Path], object]:
    def save(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return save


BAD_SAVES: dict[str, tuple[Callable[[Path], object], str]] = {
    "huge integer": (write(GOOD, event(extra=f"extra:\n  n: {HUGE}\n")), f"{GOOD}:5: YAML: an integer of 5000 digits"),
    "updated past 9999": (write(GOOD, event(extra='extra:\n  updated: "9999-12-31T23:00:00-05:00"\n')), f"{GOOD}:5: extra.updated: "),
    "updated before year 1": (write(GOOD, event(extra='extra:\n  updated: "0001-01-01T00:30:00+01:00"\n')), f"{GOOD}:5: extra.updated: "),
    "not a number": (write(GOOD, event(extra="extra:\n  x: .nan\n")), f"{GOOD}:5: extra.x: "),
    "a set": (write(GOOD, event(extra="extra:\n  regions: !!set {us, eu}\n")), f"{GOOD}:5: extra.regions: "),
    "bad IPv6 base_url": (write("content/site.yaml", 'title: T\nbase_url: "http://[::1"\n'), "content/site.yaml:2: base_url: not a usable URL"),
    "huge integer in site.yaml": (write("content/site.yaml", SITE_YAML + f"description: {HUGE}\n"), "content/site.yaml:3: YAML: an integer of 5000 digits"),
    "template syntax error": (write("themes/default/templates/event.html", "{% if %}\n"), "themes/default/templates/event.html:1: "),
    "non-UTF-8 bytes": (lambda root: (root / GOOD).write_bytes(b"---\ntitle: caf\xe9\ndate: 2019\n---\n"), f"{GOOD}:2: not valid UTF-8"),
    "NUL byte": (lambda root: (root / GOOD).write_bytes(b"---\ntitle: a\x00b\ndate: 2019\n---\n"), f"{GOOD}:2: binary file"),
    "nested too deep": (write(GOOD, event(extra="extra: " + "[" * 100 + "]" * 100 + "\n")), f"{GOOD}:4: YAML: nested more than 64 levels deep"),
}


def restore(root: Path) -> None:
    """The good save that follows each bad one: every file as it was, with a new title to show it was rebuilt."""
    (root / GOOD).write_text(event("Fixed title", body="Good body."))
    (root / "content/site.yaml").write_text(SITE_YAML)
    template = root / "themes/default/templates/event.html"
    if template.exists():
        template.unlink()


@pytest.mark.parametrize("case", BAD_SAVES, ids=list(BAD_SAVES))
def test_a_bad_save_keeps_the_last_good_build_with_the_overlay_then_a_good_save_recovers(preview: Preview, case: str) -> None:
    save, expected = BAD_SAVES[case]
    preview.save_and_wait(save)
    try:
        status, page = preview.get("/repo/events/good/")
    except ConnectionError:
        pytest.fail(f"the preview stopped:\n{preview.stop()[-3000:]}")
    assert status == 200
    assert "<h1>Good title</h1>" in page and "Good body." in page
    overlay = page[page.find('id="timeline-preview-overlay"'):]
    assert 'id="timeline-preview-overlay"' in page and expected.replace("'", "&#x27;") in overlay, overlay[:1500]
    preview.save_and_wait(restore)
    status, page = preview.get("/repo/events/good/")
    assert status == 200 and "<h1>Fixed title</h1>" in page and 'id="timeline-preview-overlay"' not in page
    preview.save_and_wait(write(GOOD, event("Good title", body="Good body.")))  # as it was, for the next case
    assert "<h1>Good title</h1>" in preview.get("/repo/events/good/")[1]


@pytest.mark.parametrize("stage", ["render", "complete"])
def test_an_exception_inside_a_rebuild_is_shown_and_the_next_good_save_recovers(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    root = make_site({GOOD: event("Good title", body="Good body.")})
    builder, state, lines = Builder(root), PreviewState("/repo/"), list[str]()
    assert rebuild(builder, state, set(), lines.append).ok

    def broken(*args: object, **kwargs: object) -> None:  # the fault injected: a bug in one stage of the build
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(builder, stage, broken)
    (root / GOOD).write_text(event("Saved title", body="Good body."))
    result = rebuild(builder, state, {root / GOOD}, lines.append)
    assert not result.ok
    expected = "timeline: internal error, a bug in timeline (not in your content): ZeroDivisionError: division by zero"
    assert [p.format() for p in result.problems] == [expected] and expected in lines
    page = respond(state, "/repo/events/good/")
    # a failure while rendering keeps the last good pages; one in the late feeds and exports keeps the pages it had just sent
    assert page.status == 200 and ("<h1>Good title</h1>" if stage == "render" else "<h1>Saved title</h1>") in page.body.decode()
    assert expected in page.body.decode()
    monkeypatch.undo()
    (root / GOOD).write_text(event("Fixed title", body="Good body."))
    assert rebuild(builder, state, {root / GOOD}, lines.append).ok
    page = respond(state, "/repo/events/good/")
    assert b"<h1>Fixed title</h1>" in page.body and b'id="timeline-preview-overlay"' not in page.body
