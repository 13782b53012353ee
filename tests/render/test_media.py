"""Pictures and quotes on events: every output shows them, every mistake is named with its line."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import extruct  # type: ignore[import-untyped]
from lxml import html as lxml_html  # type: ignore[import-untyped]
from PIL import Image

from conftest import PROJECT, MakeSite, event, messages, snapshot
from generator.build.pipeline import build

SITE = "title: T\nbase_url: https://user.github.io/repo/\n"


def png(width: int, height: int, colour: str = "#0b5cad") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


WIDE, SMALL = png(1600, 900), png(300, 200, "#a0123f")
WIDE_NAME = f"media/wide-{hashlib.sha256(WIDE).hexdigest()[:12]}.png"
MEDIA = "media:\n  src: wide.png\n  alt: A blue field\n  caption: The field\n  credit: Chart by this project\n"


def with_media(extra: str, title: str = "Pictured", date: str = "2019-05-16", body: str = "Body text.") -> str:
    return event(title, date, "entities: [Huawei]\n" + extra, body)


def page(root: Path, path: str) -> Any:
    return lxml_html.fromstring((root / "output" / path).read_bytes())


def site_with_pictures(make_site: MakeSite) -> Path:
    return make_site({
        "content/site.yaml": SITE, "content/media/wide.png": WIDE, "content/media/small.png": SMALL,
        "content/events/a.md": with_media("media:\n  src: small.png\n  alt: A red field\n", "First", "2010"),
        "content/events/b.md": with_media("", "Second", "2011"),
        "content/events/c.md": with_media(MEDIA),
        "content/events/d.md": with_media("media:\n  src: https://upload.example.org/photo.jpg\n  alt: A photo\n  credit: CC BY 4.0\n", "Remote", "2020"),
        "content/events/e.md": with_media("quote:\n  text: We will not be bullied.\n  by: Huawei Technologies\n", "Said", "2021"),
    })


def test_a_local_image_is_copied_under_its_hash_with_its_size_and_smaller_copies(make_site: MakeSite) -> None:
    root = site_with_pictures(make_site)
    assert build(root).ok
    assert (root / "output" / WIDE_NAME).read_bytes() == WIDE
    [img] = page(root, "events/c/index.html").xpath("//figure[@class='media']/img")
    assert (img.get("width"), img.get("height"), img.get("alt"), img.get("loading")) == ("1600", "900", "A blue field", None)
    assert img.get("src") == "../../" + WIDE_NAME
    sources = [part.strip().split(" ") for part in img.get("srcset").split(",")]
    assert [w for _, w in sources] == ["480w", "960w", "1600w"]
    for url, w in sources[:2]:
        copy = Image.open(root / "output/events/c" / url)
        assert (copy.width, copy.height) == (int(w[:-1]), round(900 * int(w[:-1]) / 1600))
    caption = page(root, "events/c/index.html").xpath("string(//figure[@class='media']/figcaption)")
    assert caption == "The field Chart by this project"
    [small] = page(root, "events/a/index.html").xpath("//figure/img")
    assert small.get("srcset") is None and (small.get("width"), small.get("height")) == ("300", "200")


def test_pictures_below_the_first_screen_load_lazily_and_remote_ones_are_only_linked(make_site: MakeSite) -> None:
    root = site_with_pictures(make_site)
    assert build(root).ok
    timeline = page(root, "index.html")
    loading = {img.xpath("string(ancestor::li[@class='event'][1]/@id)"): img.get("loading") for img in timeline.xpath("//li[@class='event']//figure/img")}
    assert loading == {"a": None, "c": "lazy", "d": "lazy"}  # a is the first event: on the first screen
    [remote] = page(root, "events/d/index.html").xpath("//figure/img")
    assert remote.get("src") == "https://upload.example.org/photo.jpg" and remote.get("class") == "remote"
    assert not [p for p in (root / "output").rglob("*.jpg")]


def test_entity_mini_timelines_show_a_thumbnail(make_site: MakeSite) -> None:
    root = site_with_pictures(make_site)
    assert build(root).ok
    thumbs = page(root, "entities/huawei/index.html").xpath("//ol[@class='mini-timeline']//figure[contains(@class, 'media-thumb')]/img")
    assert [(t.get("alt"), t.get("loading")) for t in thumbs] == [("A red field", "lazy"), ("A blue field", "lazy"), ("A photo", "lazy")]
    assert thumbs[1].get("sizes") == "6rem"


def test_a_quote_names_its_speaker_as_an_entity(make_site: MakeSite) -> None:
    root = site_with_pictures(make_site)
    assert build(root).ok
    [quote] = page(root, "events/e/index.html").xpath("//blockquote[@class='quote']")
    assert quote.xpath("string(p)") == "We will not be bullied."
    assert quote.xpath("footer/a/@href") == ["../../entities/huawei/"] and quote.xpath("string(footer/a)") == "Huawei"


def test_timelinejs_slides_carry_media_and_quotes(make_site: MakeSite) -> None:
    root = site_with_pictures(make_site)
    assert build(root).ok
    slides = {s["unique_id"]: s.get("media") for s in json.loads((root / "output/timeline.json").read_text())["events"]}
    assert slides["c"] == {"url": "https://user.github.io/repo/" + WIDE_NAME, "alt": "A blue field", "caption": "The field", "credit": "Chart by this project"}
    assert slides["d"] == {"url": "https://upload.example.org/photo.jpg", "alt": "A photo", "credit": "CC BY 4.0"}
    assert slides["e"] == {"url": "<blockquote>We will not be bullied.</blockquote>", "credit": "Huawei"}


def test_json_ld_and_og_image_name_the_picture(make_site: MakeSite) -> None:
    root = site_with_pictures(make_site)
    assert build(root).ok
    text = (root / "output/events/c/index.html").read_text()
    data = extruct.extract(text, base_url="https://user.github.io/repo/events/c/", syntaxes=["json-ld", "opengraph"], uniform=True)
    assert data["json-ld"][0]["image"] == ["https://user.github.io/repo/" + WIDE_NAME]
    assert data["opengraph"][0]["og:image"] == "https://user.github.io/repo/" + WIDE_NAME
    assert data["opengraph"][0]["og:image:alt"] == "A blue field"
    assert '<meta name="twitter:card" content="summary_large_image">' in text
    og = data["opengraph"][0]
    assert (og["og:image:width"], og["og:image:height"], og["og:image:type"]) == ("1600", "900", "image/png")
    remote = (root / "output/events/d/index.html").read_text()
    assert "og:image:width" not in remote and "og:image:type" not in remote  # a remote picture's size is not known


BROKEN = {
    "content/site.yaml": SITE, "content/media/garbage.png": b"not a picture at all",
    "content/events/a.md": with_media("media:\n  src: missing.png\n  alt: Gone\n", "A"),
    "content/events/b.md": with_media("media:\n  src: garbage.png\n  alt: Junk\n", "B"),
    "content/events/c.md": with_media("media:\n  src: wide.png\n  caption: No alt\n", "C"),
    "content/events/d.md": with_media("media:\n  src: wide.png\n  alt: ''\n", "D"),
    "content/events/e.md": with_media("media:\n  src: ../secret.png\n  alt: Out\n", "E"),
    "content/events/f.md": with_media("media:\n  src: https://x.example.org/a.png\n", "F"),
    "content/events/g.md": with_media("quote:\n  text: Hi\n  by: Huawai\n", "G"),
}


def test_every_media_mistake_is_named_with_its_line_at_once(make_site: MakeSite) -> None:
    root = make_site(BROKEN)
    before = snapshot(root)
    result = build(root)
    assert not result.ok and snapshot(root) == before
    assert messages(result) == [
        "content/events/a.md:6: media.src: content/media/missing.png: no such file",
        "content/events/b.md:6: media.src: content/media/garbage.png: not an image this build can read (PNG, JPEG, GIF or WebP)",
        "content/events/c.md:5: media.alt: required for an image: say what it shows, for readers who cannot see it",
        "content/events/d.md:7: media.alt: must not be empty",
        "content/events/e.md:6: media.src: expected a file under content/media/ (such as chart.png) or an https:// URL, got '../secret.png'",
        "content/events/f.md:5: media.alt: required for an image: say what it shows, for readers who cannot see it",
        "content/events/g.md:7: quote.by: unknown entity 'Huawai' (did you mean 'Huawei'?): add content/entities/<id>.md or fix the name",
    ]


def test_pictures_build_byte_identical_across_hash_seeds(make_site: MakeSite, tmp_path: Path) -> None:
    root = site_with_pictures(make_site)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        code = ("from pathlib import Path; from generator.build.pipeline import build; "
                f"assert build(Path({str(root)!r}), output=Path({str(out)!r}), use_cache=False).ok")
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": seed}, cwd=PROJECT, timeout=300)
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1] and any(re.match(r"media/wide-\w+-480w\.png$", name) for name in outputs[0])


def test_a_symlinked_picture_is_refused_not_followed(make_site: MakeSite, tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere.png"
    secret.write_bytes(SMALL)
    root = make_site({"content/site.yaml": SITE, "content/events/a.md": with_media("media:\n  src: linked.png\n  alt: Linked\n")})
    (root / "content/media").mkdir()
    (root / "content/media/linked.png").symlink_to(secret)
    assert messages(build(root)) == ["content/events/a.md:6: media.src: content/media/linked.png: a symbolic link: put the image itself there"]
