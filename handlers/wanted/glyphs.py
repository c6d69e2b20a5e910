"""Text drawn from cached glyph images, measured the way it is drawn.

Pillow rasterises every glyph again on every `ImageDraw.text` call, and a card draws a few
hundred Chinese characters: a third of its drawing time went there. Cards repeat the same
characters (labels, digits, the common ones in names and cases), so each glyph is drawn once
per font and then pasted. Chinese needs no shaping, and Latin kerning is left out on purpose
so that a line is exactly as wide as the sum of its characters' advances: the width the
wrapping measured is the width drawn.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw

from bot.fonts import Font

Align = Literal["left", "centre", "right"]
GLYPHS_CACHED = 4096


@dataclass(frozen=True, slots=True)
class Glyph:
    #: Coverage to paste colour through; None for a glyph that draws nothing (a space).
    mask: Image.Image | None
    #: Where the mask's top left sits, from the pen position on the baseline.
    left: int
    top: int
    advance: float


@functools.lru_cache(maxsize=GLYPHS_CACHED)
def glyph(font: Font, ch: str) -> Glyph:
    # Keyed by the font object, which comes from bot.fonts' cache and so lives for good.
    advance = font.getlength(ch)
    left, top, right, bottom = (math.floor(edge) for edge in font.getbbox(ch, anchor="ls"))
    if right <= left or bottom <= top:
        return Glyph(None, 0, 0, advance)
    mask = Image.new("L", (right - left + 1, bottom - top + 1))
    ImageDraw.Draw(mask).text((-left, -top), ch, fill=255, font=font, anchor="ls")
    return Glyph(mask, left, top, advance)


def text_width(font: Font, text: str) -> float:
    return sum(glyph(font, ch).advance for ch in text)


def draw_text(
    image: Image.Image,
    x: int,
    baseline: int,
    text: str,
    font: Font,
    colour: tuple[int, int, int],
    align: Align = "left",
) -> None:
    """Draw `text` on one line, its baseline at `baseline`, starting, centred or ending at `x`."""
    pen = float(x)
    if align != "left":
        width = text_width(font, text)
        pen -= width / 2 if align == "centre" else width
    for ch in text:
        shape = glyph(font, ch)
        if shape.mask is not None:
            image.paste(colour, (round(pen) + shape.left, baseline + shape.top), shape.mask)
        pen += shape.advance
