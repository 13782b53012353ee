"""Draws content/media/zte-payments-2017-2018.png: what ZTE paid, escrowed or had suspended under its two US settlements.

Figures (US$ millions) from the events' own sources: March 2017 plea and settlement, $892 paid and $300 suspended;
June 2018 replacement settlement, a $1,000 penalty paid and $400 put in escrow. Run from the project root:
    .venv/bin/python docs/media/zte_chart.py
"""

from PIL import Image, ImageDraw, ImageFont

FONT = "themes/default/card/DejaVuSans-Bold.ttf"
BG, FG, MUTED, PAID, HELD = "#fdfcf9", "#1d1f23", "#5a6069", "#0b5cad", "#8cc2ff"
BARS = [("March 2017 settlement", [(892, PAID, "paid $892m"), (300, HELD, "suspended $300m")]),
        ("June 2018 settlement", [(1000, PAID, "penalty $1,000m"), (400, HELD, "escrow $400m")])]
W, H, LEFT, SCALE = 1200, 600, 40, 0.68  # pixels per $1m

image = Image.new("RGB", (W, H), BG)
pen = ImageDraw.Draw(image)
title, label, small = (ImageFont.truetype(FONT, s) for s in (34, 26, 20))
pen.text((40, 30), "ZTE's two US settlements, in US$ millions", font=title, fill=FG)
for row, (name, parts) in enumerate(BARS):
    top = 150 + row * 170
    pen.text((40, top - 40), name, font=label, fill=FG)
    x = LEFT
    for amount, colour, text in parts:
        width = round(amount * SCALE)
        pen.rectangle((x, top, x + width - 2, top + 70), fill=colour)
        pen.text((x + 10, top + 24), text, font=small, fill=BG if colour == PAID else FG)
        x += width
    pen.text((x + 24, top + 20), f"${sum(a for a, _, _ in parts):,}m", font=label, fill=MUTED)
pen.rectangle((40, 505, 70, 530), fill=PAID)
pen.text((80, 504), "paid", font=small, fill=MUTED)
pen.rectangle((170, 505, 200, 530), fill=HELD)
pen.text((210, 504), "held back: suspended, or in escrow at a US bank", font=small, fill=MUTED)
pen.text((40, 555), "Chart: the US–Huawei timeline project, from the settlement terms the events cite", font=small, fill=MUTED)
image.quantize(64, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save("content/media/zte-payments-2017-2018.png", optimize=True)
