"""Share cards: a drawn PNG for every event without a picture, in the theme's colours, kept by warm builds."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import MakeSite, event, touch
from generator.build.pipeline import build
from generator.render.cards import draw, theme_style
from generator.render.theme import BUILTIN

SITE = "title: Card site\nbase_url: https://user.github.io/repo/\n"
PICTURE = "media:\n  src: https://x.example.org/a.png\n  alt: A photo\n"


def files(make_site: MakeSite, site_yaml: str = SITE, extra: dict[str, str] | None = None) -> Path:
    return make_site({"content/site.yaml": site_yaml, "content/events/a.md": event("Entity List", "2019-05-16"),
                      "content/events/b.md": event("Pictured", "2020", PICTURE), **(extra or {})})


def head(root: Path, path: str) -> str:
    text = (root / "output" / path).read_text()
    return text[: text.index("</head>")]


def test_an_event_without_a_picture_gets_a_card_for_previews(make_site: MakeSite) -> None:
    root = files(make_site)
    assert build(root).ok
    card = Image.open(root / "output/cards/a.png")
    assert (card.format, card.size) == ("PNG", (1200, 630))
    page = head(root, "events/a/index.html")
    assert '<meta property="og:image" content="https://user.github.io/repo/cards/a.png">' in page
    assert '<meta property="og:image:alt" content="16 May 2019: Entity List">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '"image": ["https://user.github.io/repo/cards/a.png"]' in page
    assert not (root / "output/cards/b.png").exists()
    assert '<meta property="og:image" content="https://x.example.org/a.png">' in head(root, "events/b/index.html")


def near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= 3 for a, b in zip(pixel, colour, strict=True))


def test_cards_are_drawn_in_the_themes_colours(make_site: MakeSite) -> None:
    dark = ":root { --bg: #102030; --fg: #ffffff; --muted: #cccccc; --accent: #ff8800; }\n"
    root = files(make_site, SITE + "theme: mine\n", {"themes/mine/static/style.css": dark})
    assert build(root).ok
    card = Image.open(root / "output/cards/a.png").convert("RGB")
    # a 64-colour palette may move a channel by a step or two
    assert near(card.getpixel((1100, 600)), (0x10, 0x20, 0x30)) and near(card.getpixel((5, 300)), (0xFF, 0x88, 0x00))


def test_share_cards_false_turns_them_off(make_site: MakeSite) -> None:
    root = files(make_site, SITE + "share_cards: false\n")
    assert build(root).ok
    assert not (root / "output/cards").exists()
    page = head(root, "events/a/index.html")
    assert "og:image" not in page and '<meta name="twitter:card" content="summary">' in page and '"image"' not in page


def test_a_warm_build_keeps_every_card_and_redraws_only_the_edited_one(make_site: MakeSite) -> None:
    root = files(make_site, extra={"content/events/c.md": event("Third", "2021")})
    first = build(root)
    assert first.ok
    before = {p.name: p.read_bytes() for p in (root / "output/cards").iterdir()}
    assert build(root).made == 0
    touch(root / "content/events/c.md", event("Third, renamed", "2021"))
    again = build(root)
    after = {p.name: p.read_bytes() for p in (root / "output/cards").iterdir()}
    assert again.ok and after["a.png"] == before["a.png"] and after["c.png"] != before["c.png"]
    assert 0 < again.made < first.made


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(max_size=80))
def test_any_title_draws_a_card_of_the_same_bytes_every_time(title: str, site_title: str) -> None:
    """Line and paragraph separators, control characters, mixed scripts: a title never stops a card (or the build)."""
    style = theme_style((BUILTIN,))
    assert style is not None
    png = draw(site_title, "16 May 2019", title, style)
    assert png == draw(site_title, "16 May 2019", title, style)
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_a_title_with_line_separators_builds(make_site: MakeSite) -> None:
    root = files(make_site, extra={"content/events/a.md": event("A \u2028\u2029 title\u200f\u0301", "2019-05-16")})
    result = build(root)
    assert result.ok, result.problems
    assert (root / "output/cards/a.png").is_file()
