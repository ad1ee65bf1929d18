"""Hero illustrations for the demo, drawn with Pillow: calm, abstract, no text.

Each picture is drawn from the article's slug, topic and motif, so it is the
same on every machine and the repository needs no image files. The alt texts
in the article data describe these motifs; change both together.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 675)
CREDIT = "Illustratie: Gutcheck-redactie"
LICENCE = "CC BY 4.0"

# Background top, background bottom, then accent colours; one calm palette per topic.
PALETTES = {
    "acne": ["#fbeee6", "#f6d5c4", "#e9967a", "#f2b28c", "#c8745a"],
    "eczeem": ["#eeeefb", "#d7dcf2", "#9aa6d8", "#b9a7d9", "#6f7fbf"],
    "psoriasis": ["#eef2e8", "#dfe5d2", "#9fb58f", "#c9b98f", "#6f8f6a"],
    "rosacea": ["#fcecef", "#f5d3da", "#e38b9c", "#f0b3a0", "#c46276"],
    "darmgezondheid": ["#e8f3f1", "#cfe6e2", "#5fa8a0", "#d9b46a", "#3f7f79"],
}
GOLD = "#e8b84a"
SILVER = "#aab0ba"


def _rgb(hex_colour):
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _layer(colour, alpha, draw_shapes, blur):
    """One colour drawn on a layer of the same colour at alpha 0, so blurring leaves no halo."""
    layer = Image.new("RGBA", SIZE, (*_rgb(colour), 0))
    draw_shapes(ImageDraw.Draw(layer), (*_rgb(colour), alpha))
    return layer.filter(ImageFilter.GaussianBlur(blur)) if blur else layer


def _gradient(top, bottom):
    height = SIZE[1]
    column = Image.new("RGBA", (1, height))
    top, bottom = _rgb(top), _rgb(bottom)
    for y in range(height):
        t = y / (height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(SIZE)


def _circle(draw, x, y, radius, fill=None, outline=None, width=1):
    draw.ellipse(
        (x - radius, y - radius, x + radius, y + radius), fill=fill, outline=outline, width=width
    )


def _wave_points(rng, base, amplitude):
    period, phase = rng.uniform(380, 620), rng.uniform(0, math.tau)
    return [
        (x, base + amplitude * math.sin(x / period * math.tau + phase))
        for x in range(-10, SIZE[0] + 20, 8)
    ]


# Motifs: each adds layers on top of the background.


def _bubbles(rng, accents):
    def shapes(draw, fill):
        for _ in range(3):
            _circle(
                draw,
                rng.randint(0, SIZE[0]),
                rng.randint(0, SIZE[1]),
                rng.randint(90, 220),
                fill=fill,
            )

    yield from (_layer(colour, 110, shapes, 14) for colour in accents)
    yield from _waves(rng, accents[:1], count=1)


def _waves(rng, accents, count=3):
    for index in range(count):
        colour = accents[index % len(accents)]
        points = _wave_points(rng, SIZE[1] * (0.45 + 0.13 * index), rng.uniform(20, 50))
        yield _layer(colour, 190, lambda d, f, p=points: d.line(p, fill=f, width=7), 1.5)


def _nest(rng, accents):
    cx, cy = SIZE[0] * 0.5, SIZE[1] * 0.52
    yield _layer(accents[0], 90, lambda d, f: _circle(d, cx, cy, 250, fill=f), 10)

    def small(draw, fill):
        for angle, radius in ((0.6, 70), (2.4, 50), (4.2, 40)):
            _circle(draw, cx + 120 * math.cos(angle), cy + 110 * math.sin(angle), radius, fill=fill)

    yield _layer(accents[2], 150, small, 4)


def _scales(rng, accents):
    for row in range(4):
        colour = accents[row % len(accents)]

        def arcs(draw, fill, row=row):
            y = 200 + row * 90
            for x in range(-60 + (row % 2) * 80, SIZE[0] + 80, 160):
                draw.arc((x, y, x + 160, y + 160), 180, 360, fill=fill, width=9)

        yield _layer(colour, 170, arcs, 1.5)


def _nodes(rng, accents):
    centres = [(250, 380), (600, 250), (950, 400)]
    for (x1, y1), (x2, y2) in zip(centres, centres[1:], strict=False):
        mid = ((x1 + x2) / 2, min(y1, y2) - 90)
        curve = [
            (
                (1 - t) ** 2 * x1 + 2 * (1 - t) * t * mid[0] + t**2 * x2,
                (1 - t) ** 2 * y1 + 2 * (1 - t) * t * mid[1] + t**2 * y2,
            )
            for t in (i / 40 for i in range(41))
        ]
        yield _layer(accents[2], 200, lambda d, f, c=curve: d.line(c, fill=f, width=5), 1)
    for (x, y), colour in zip(centres, accents, strict=False):
        yield _layer(colour, 200, lambda d, f, x=x, y=y: _circle(d, x, y, 95, fill=f), 3)


def _tiles(rng, accents):
    def tiles(draw, fill):
        for row, y in enumerate((210, 350)):
            for x in range(-40 + row * 70, SIZE[0], 140):
                draw.rounded_rectangle((x, y, x + 128, y + 128), radius=34, fill=fill)

    yield _layer(accents[0], 170, tiles, 2)


def _pages(rng, accents):
    for index in range(5):
        colour = accents[index % len(accents)]
        box = (430 + (index % 2) * 30, 120 + index * 90)
        yield _layer(
            colour,
            150,
            lambda d, f, x=box[0], y=box[1]: d.rounded_rectangle(
                (x, y, x + 370, y + 70), radius=22, fill=f
            ),
            3,
        )


def _beads(rng, accents):
    yield _layer(accents[1], 120, lambda d, f: _circle(d, 600, 380, 300, fill=f), 60)

    def beads(draw, fill):
        for index in range(9):
            _circle(draw, 170 + index * 108, 360 + 18 * math.sin(index), 34, fill=fill)

    yield _layer(SILVER, 235, beads, 2)


def _sun(rng, accents):
    yield _layer(GOLD, 110, lambda d, f: _circle(d, 600, 300, 260, fill=f), 50)
    yield _layer(GOLD, 230, lambda d, f: _circle(d, 600, 300, 150, fill=f), 4)
    yield from _waves(rng, [accents[0], accents[2]], count=2)


MOTIFS = {
    "bubbles": _bubbles,
    "waves": _waves,
    "nest": _nest,
    "scales": _scales,
    "nodes": _nodes,
    "tiles": _tiles,
    "pages": _pages,
    "beads": _beads,
    "sun": _sun,
}


def illustration_png(slug, topic_slug, motif="bubbles"):
    """PNG bytes of the hero illustration for one article."""
    palette = PALETTES.get(topic_slug, PALETTES["darmgezondheid"])
    rng = random.Random(slug)
    picture = _gradient(palette[0], palette[1])
    for layer in MOTIFS[motif](rng, palette[2:]):
        picture = Image.alpha_composite(picture, layer)
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()
