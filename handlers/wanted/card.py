"""The wanted-person card as a PNG: a portrait card for officers' phones and public notices.

`card_layout` decides where everything goes; this module paints it, adds the stamp on a
closed card, and frames the card as a lock-screen wallpaper. What the card says (and the
masking of a public card's document number) comes from `card_text`.
"""

from __future__ import annotations

import functools
import logging
from enum import StrEnum

from PIL import Image, ImageDraw

from bot.fonts import load_font, missing_glyphs
from handlers.wanted.card_layout import (
    DESIGN_WIDTH,
    RULE,
    WHITE,
    CardLayout,
    Colour,
    layout,
    palette,
    photo_size,
)
from handlers.wanted.card_photo import portrait
from handlers.wanted.card_png import encode_png
from handlers.wanted.card_text import CardFacts, CardStatus, card_lines, drawn_texts, stamp
from handlers.wanted.contact_sheet import SheetEntry, render_contact_sheet

__all__ = [
    "CardFacts",
    "CardSize",
    "CardStatus",
    "SheetEntry",
    "card_lines",
    "draw_card",
    "render_card",
    "render_contact_sheet",
]

log = logging.getLogger(__name__)


class CardSize(StrEnum):
    #: A portrait card for chats (3:4).
    STANDARD = "standard"
    #: A phone wallpaper (9:19.5) with the card kept clear of the clock and the bottom bar.
    LOCK_SCREEN = "lock_screen"


#: Pixel sizes, chosen with bench/cards.py (one core: p99 under 50 ms, PNG well under 2 MB).
STANDARD_PIXELS = (1080, 1440)
LOCK_SCREEN_PIXELS = (1080, 2340)
#: zlib level for the PNG (see card_png): 1 is several times faster than the default 6, and
#: a card with a photo comes out only slightly larger.
PNG_COMPRESS_LEVEL = 1
STAMP_COLOURS: dict[CardStatus, Colour] = {
    CardStatus.CAPTURED: (200, 22, 30),
    CardStatus.REVOKED: (82, 88, 98),
}
STAMP_OPACITY = 215
STAMP_SIZE = 150
STAMP_TURN = 14  # degrees, anticlockwise, as a hand-pressed stamp sits
#: Lock screen: the share of the height kept clear above (the clock) and below (the bar).
LOCK_TOP_CLEAR = 0.25
LOCK_BOTTOM_CLEAR = 0.10
LOCK_SIDE = 40
LOCK_CORNER = 36


def render_card(facts: CardFacts, size: CardSize = CardSize.STANDARD, font_path: str = "") -> bytes:
    """The card as PNG bytes."""
    _warn_missing_glyphs(facts, font_path)
    if size is CardSize.LOCK_SCREEN:
        image = _lock_screen(facts, font_path)
    else:
        image = draw_card(facts, STANDARD_PIXELS, font_path)
    return encode_png(image, PNG_COMPRESS_LEVEL)


def _warn_missing_glyphs(facts: CardFacts, font_path: str) -> None:
    font, _ = load_font(36, font_path)
    missing = missing_glyphs(font, "".join(drawn_texts(facts)))
    if missing:
        # Counted, not listed: the characters would come from a wanted person's details.
        log.warning("a wanted card has %d characters the font cannot draw", len(missing))


def draw_card(facts: CardFacts, pixels: tuple[int, int], font_path: str = "") -> Image.Image:
    """The card as an RGB image of `pixels`."""
    picture, is_photo = portrait(facts.photo, photo_size(pixels[0]))
    card = layout(facts, pixels, has_photo=is_photo, font_path=font_path)
    image = Image.new("RGB", pixels, WHITE)
    draw = ImageDraw.Draw(image)
    _fill(draw, card.banner, card.palette.banner)
    _fill(draw, card.stripe, card.palette.stripe)
    _fill(draw, card.footer, card.palette.tint)
    if card.rule is not None:
        _fill(draw, card.rule, RULE)
    x0, y0, x1, y1 = card.photo
    image.paste(picture, (x0, y0))
    draw.rectangle([x0 - 1, y0 - 1, x1, y1], outline=RULE, width=1)
    for text in card.texts:
        draw.text((text.x, text.baseline), text.text, text.colour, text.font, text.anchor)
    if mark := stamp(facts):
        _stamp(image, card, mark, STAMP_COLOURS[facts.status], font_path)
    return image


def _fill(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: Colour) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle([x0, y0, x1 - 1, y1 - 1], fill=colour)


def _stamp(image: Image.Image, card: CardLayout, text: str, colour: Colour, font_path: str) -> None:
    """A boxed stamp, turned like a rubber stamp, across the photo and the name."""
    scale = image.width / DESIGN_WIDTH
    font, _ = load_font(round(STAMP_SIZE * scale), font_path, bold=True)
    pad, border = round(34 * scale), round(12 * scale)
    left, top, right, bottom = font.getbbox(text, anchor="lt")
    width, height = int(right - left) + 2 * pad, int(bottom - top) + 2 * pad
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ink = (*colour, STAMP_OPACITY)
    box = [0, 0, width - 1, height - 1]
    draw.rounded_rectangle(box, radius=round(18 * scale), outline=ink, width=border)
    draw.text((pad - left, pad - top), text, font=font, fill=ink, anchor="lt")
    turned = layer.rotate(STAMP_TURN, resample=Image.Resampling.BICUBIC, expand=True)
    centre_x = image.width // 2
    centre_y = card.photo[1] + (card.photo[3] - card.photo[1]) * 55 // 100
    image.paste(turned, (centre_x - turned.width // 2, centre_y - turned.height // 2), turned)


def _lock_screen(facts: CardFacts, font_path: str) -> Image.Image:
    """The card on a dark wallpaper, below the clock and above the unlock bar."""
    width, height = LOCK_SCREEN_PIXELS
    card_w = width - 2 * LOCK_SIDE
    card_h = card_w * STANDARD_PIXELS[1] // STANDARD_PIXELS[0]
    card = draw_card(facts, (card_w, card_h), font_path)
    red, green, blue = palette(facts).banner
    wallpaper = Image.new("RGB", (width, height), (red // 3, green // 3, blue // 3))
    free_top, free_bottom = int(height * LOCK_TOP_CLEAR), int(height * (1 - LOCK_BOTTOM_CLEAR))
    top = free_top + max(0, (free_bottom - free_top - card_h) // 2)
    wallpaper.paste(card, (LOCK_SIDE, top), _rounded_mask(card.size, LOCK_CORNER))
    return wallpaper


@functools.lru_cache(maxsize=4)
def _rounded_mask(size: tuple[int, int], radius: int) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, size[0] - 1, size[1] - 1], radius, fill=255)
    return mask
