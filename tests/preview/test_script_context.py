"""Data in a ``<script>`` stays data: the reload script, the JSON-LD, whatever a hostile ``base_url`` or title holds.

Each served page is parsed with an HTML parser and must have exactly the
script elements of the same page built from harmless values; in real Chromium
no dialog may open.
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from conftest import MakeSite
from generator.build.pipeline import Builder
from generator.preview.responses import respond, script_json
from generator.preview.serve import rebuild
from generator.preview.server import PreviewServer
from generator.preview.state import PreviewState

HOSTILE_BASE = "/p</script><script>alert(document.domain)</script>/"
HOSTILE_TEXT = "A </script><script>alert(1)</script> <!--<script> \u2028\u2029 title"
PAGES = ["", "events/e/", "entities/huawei/", "entities/", "tags/", "tags/t/", "e/e/", "no-such-page/"]


class Scripts(HTMLParser):
    """The script elements of a page, as a browser's parser finds them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append(dict(attrs))


def scripts(page: bytes) -> list[dict[str, str | None]]:
    parser = Scripts()
    parser.feed(page.decode())
    parser.close()
    return parser.found


def served_site(make_site: MakeSite, base: str, title: str) -> PreviewState:
    text = f"---\ntitle: {script_json(title)}\ndate: 2019-05-16\nentities: [Huawei]\ntags: [t]\nsummary: {script_json(title)}\n---\n{title}\n"
    root = make_site({"content/site.yaml": f"title: {script_json(title)}\nbase_url: {script_json(base)}\n", "content/events/e.md": text})
    state = PreviewState(base)
    lines: list[str] = []
    assert rebuild(Builder(root), state, set(), lines.append).ok, lines
    return state


def test_json_of_a_script_is_escaped_for_html() -> None:
    text = script_json("</script><!--<script>\u2028\u2029&")
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text and "\u2029" not in text


@pytest.mark.parametrize("page", PAGES)
def test_a_hostile_base_url_or_title_adds_no_script_element(make_site: MakeSite, tmp_path: Path, page: str) -> None:
    hostile = served_site(make_site, HOSTILE_BASE, HOSTILE_TEXT)
    found = scripts(respond(hostile, quote(HOSTILE_BASE + page)).body)
    plain = served_site(make_site, "/p/", "A title")
    expected = scripts(respond(plain, "/p/" + page).body)
    assert any(s.get("type") == "application/ld+json" for s in expected) or page in ("e/e/", "no-such-page/")
    assert found == expected


def test_no_dialog_opens_in_chromium(browser: Any, make_site: MakeSite) -> None:
    state = served_site(make_site, HOSTILE_BASE, HOSTILE_TEXT)
    server = PreviewServer(("127.0.0.1", 0), state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in PAGES:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{quote(HOSTILE_BASE + path)}")
            page.wait_for_function("window.__timelinePreviewReady === true")
            landed = urlsplit(page.url).path  # a permalink page moves on to its event
            assert page.evaluate("document.scripts.length") == len(scripts(respond(state, landed).body)), path
    finally:
        page.close()
        state.close()
        server.shutdown()
        server.server_close()
    assert dialogs == []
