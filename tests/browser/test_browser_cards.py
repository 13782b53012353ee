"""A share card as a browser decodes it: the size the event page declares, in the theme's colours."""

from __future__ import annotations

import re
from typing import Any

from PIL import ImageColor

from generator.render.cards import theme_style
from generator.render.theme import BUILTIN

EVENT = "events/2019-05-16-entity-list/"

DECODE = """async (src) => {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const pen = canvas.getContext("2d");
  pen.drawImage(image, 0, 0);
  const at = (x, y) => Array.from(pen.getImageData(x, y, 1, 1).data.slice(0, 3));
  return {width: image.naturalWidth, height: image.naturalHeight, background: at(1100, 600), bar: at(5, 300)};
}"""


def test_chromium_decodes_the_card_at_the_declared_size_in_the_themes_colours(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url + EVENT)
    declared = {name: page.get_attribute(f'meta[property="og:image:{name}"]', "content") for name in ("width", "height", "type")}
    card = re.search(r"cards/[^/]+\.png$", page.get_attribute('meta[property="og:image"]', "content") or "")
    assert card, "the event page has no share card"
    seen = page.evaluate(DECODE, site_url + card.group(0))
    style = theme_style((BUILTIN,))
    assert style is not None
    assert declared == {"width": str(seen["width"]), "height": str(seen["height"]), "type": "image/png"}
    assert seen["background"] == list(ImageColor.getrgb(style.colour("bg"))[:3])
    assert seen["bar"] == list(ImageColor.getrgb(style.colour("accent"))[:3])
