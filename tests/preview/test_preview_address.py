"""The preview speaks of itself: its own address in every link, and "built" for its first build."""

from __future__ import annotations

from conftest import MakeSite, event
from generator.build.pipeline import Builder
from generator.content.assemble import Options
from generator.preview.responses import respond
from generator.preview.serve import ServeOptions, own_address, rebuild
from generator.preview.state import PreviewState


def test_the_preview_uses_its_own_address_whatever_the_config_says(make_site: MakeSite) -> None:
    root = make_site({"content/site.yaml": "title: T\nbase_url: https://example.net/repo/\n", "content/events/a.md": event("A")})
    options = own_address(ServeOptions("127.0.0.1", 0, Options(drafts=True, base_url="https://elsewhere.org/x/")), "/repo/", 8123)
    assert options == Options(drafts=True, base_url="http://127.0.0.1:8123/repo/", local=True)
    assert own_address(ServeOptions("0.0.0.0", 0), "/", 80).base_url == "http://127.0.0.1:80/"
    assert own_address(ServeOptions("::1", 0), "/", 80).base_url == "http://[::1]:80/"
    state, lines = PreviewState("/repo/"), []
    result = rebuild(Builder(root, options), state, set(), lines.append)
    assert result.ok and result.problems == ()  # a loopback address is right for the preview: no warning
    page = respond(state, "/repo/events/a/").body
    assert b'<link rel="canonical" href="http://127.0.0.1:8123/repo/events/a/">' in page
    assert b"example.net" not in page


def test_the_first_message_says_built_and_later_ones_rebuilt(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event("A")})
    builder, state, lines = Builder(root), PreviewState("/repo/"), []
    rebuild(builder, state, set(), lines.append)
    assert lines[-1].startswith("built: reload sent after ")
    (root / "content/events/a.md").write_text(event("A2"))
    rebuild(builder, state, {root / "content/events/a.md"}, lines.append)
    assert lines[-1].startswith("rebuilt: reload sent after ")
