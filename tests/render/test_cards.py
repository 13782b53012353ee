"""Share cards: a drawn PNG for every event without a picture, in the theme's colours, kept by warm builds."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import PROJECT, MakeSite, event, touch
from generator.build.pipeline import build
from generator.render import cards, lettering, png
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
    declared = dict(re.findall(r'<meta property="og:image:(width|height|type)" content="([^"]*)">', page))
    assert declared == {"width": str(card.width), "height": str(card.height), "type": Image.MIME[card.format]}
    assert '<meta property="og:image:alt" content="16 May 2019: Entity List">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '"image": ["https://user.github.io/repo/cards/a.png"]' in page
    assert not (root / "output/cards/b.png").exists()
    assert '<meta property="og:image" content="https://x.example.org/a.png">' in head(root, "events/b/index.html")


def colours_in(card: Image.Image, rows: tuple[int, int]) -> set[tuple[int, int, int]]:
    """The colours in these rows of the card, right of the accent bar."""
    region = card.convert("RGB").crop((30, rows[0], card.width, rows[1]))
    return {colour for _, colour in region.getcolors(region.width * region.height) or []}


def test_cards_are_drawn_in_the_themes_colours(make_site: MakeSite) -> None:
    dark = ":root { --bg: #102030; --fg: #ffffff; --muted: #cccccc; --accent: #ff8800; }\n"
    root = files(make_site, SITE + "theme: mine\n", {"themes/mine/static/style.css": dark})
    assert build(root).ok
    card = Image.open(root / "output/cards/a.png").convert("RGB")
    assert card.getpixel((1100, 600)) == (0x10, 0x20, 0x30) and card.getpixel((5, 300)) == (0xFF, 0x88, 0x00)
    # the site's title, the date and the event's title, each in its own colour on the background
    background, fg, muted, accent = (0x10, 0x20, 0x30), (0xFF, 0xFF, 0xFF), (0xCC, 0xCC, 0xCC), (0xFF, 0x88, 0x00)
    assert {muted, background} <= colours_in(card, (60, 110)) and not {fg, accent} & colours_in(card, (60, 110))
    assert {accent, background} <= colours_in(card, (135, 200)) and not {fg, muted} & colours_in(card, (135, 200))
    assert {fg, background} <= colours_in(card, (225, 310)) and not {accent, muted} & colours_in(card, (225, 310))


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


def forget_drawn_parts() -> None:
    """Empty every memo the cards keep in this process (letters, fonts, compressed rows), as in a fresh process."""
    for module in (cards, lettering, png):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def decoded(data: bytes) -> Image.Image:
    """The PNG read back, after zlib has checked its pixels' Adler-32 and every chunk's CRC has been checked here."""
    chunks, at = [], 8
    assert data[:at] == b"\x89PNG\r\n\x1a\n"
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + length
    assert [kind for kind, _ in chunks][-1] == b"IEND"
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    image = Image.open(io.BytesIO(data))
    assert len(pixels) == image.height * (image.width + 1)
    image.load()
    return image


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(max_size=80))
def test_any_title_draws_a_card_of_the_same_bytes_every_time(title: str, site_title: str) -> None:
    """Line and paragraph separators, control characters, mixed scripts: a title never stops a card (or the build).

    The second card is drawn from nothing, as a fresh process (a build's worker) would draw it.
    """
    style = theme_style((BUILTIN,))
    assert style is not None
    first = draw(site_title, "16 May 2019", title, style)
    forget_drawn_parts()
    assert first == draw(site_title, "16 May 2019", title, style)
    card = decoded(first)
    assert (card.format, card.mode, card.size) == ("PNG", "P", (1200, 630))


def test_what_a_card_shows_changes_its_picture() -> None:
    style = theme_style((BUILTIN,))
    assert style is not None
    shown = [("Site", "16 May 2019", "Entity List"), ("Site", "16 May 2019", "Entity Lists"), ("Site", "17 May 2019", "Entity List"),
             ("Sites", "16 May 2019", "Entity List"),
             ("Site", "2019", " ".join(["word"] * 18) + " one"), ("Site", "2019", " ".join(["word"] * 18) + " two")]
    pictures = [decoded(draw(*texts, style)).convert("RGB").tobytes() for texts in shown]
    assert len(set(pictures)) == len(shown)


def test_cards_are_the_same_bytes_in_any_order_and_under_any_hash_seed(tmp_path: Path) -> None:
    """Dates and the site's title are drawn once and shared between cards: what was drawn before never shows."""
    cards_drawn = [("Site", "16 May 2019", "First"), ("Site", "16 May 2019", "Second"), ("Other site", "2019", "First")]
    code = ("import sys; from generator.render.cards import draw, theme_style; from generator.render.theme import BUILTIN; "
            f"style = theme_style((BUILTIN,)); cards = {cards_drawn!r}; "
            "order = cards if sys.argv[1] == 'forward' else cards[::-1]; "
            "drawn = {c: draw(*c, style) for c in order}; sys.stdout.buffer.write(b''.join(drawn[c] for c in cards))")
    runs = [subprocess.run([sys.executable, "-c", code, order], check=True, capture_output=True, cwd=PROJECT, timeout=120,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for order, seed in (("forward", "1"), ("backward", "2"), ("forward", "3"))]
    assert runs[0] == runs[1] == runs[2] and len(runs[0]) > 3 * 5000


def test_a_title_with_line_separators_builds(make_site: MakeSite) -> None:
    root = files(make_site, extra={"content/events/a.md": event("A \u2028\u2029 title\u200f\u0301", "2019-05-16")})
    result = build(root)
    assert result.ok, result.problems
    assert (root / "output/cards/a.png").is_file()
