"""The wanted-person card as a PNG: a portrait card for officers' phones and public notices.

`card_layout` decides where everything goes; this module paints it, adds the stamp on a
closed card, and frames the card as a lock-screen wallpaper. What the card says (and the
masking of a public card's document number) comes from `card_text`.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from enum import StrEnum

from PIL import Image, ImageDraw

from bot.fonts import load_font, missing_glyphs
from handlers.wanted.card_layout import (
    DESIGN_WIDTH,
    RULE,
    WHITE,
    Box,
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
from handlers.wanted.glyphs import draw_text

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
STANDARD_PIXELS = (900, 1200)
LOCK_SCREEN_PIXELS = (900, 1950)
#: Any size does: a font has the same characters at every size.
GLYPH_CHECK_SIZE = 36
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
#: The card's side margin and corner radius on the wallpaper, in design pixels.
LOCK_SIDE = 40
LOCK_CORNER = 36


def render_card(facts: CardFacts, size: CardSize = CardSize.STANDARD, font_path: str = "") -> bytes:
    """The card as PNG bytes."""
    _warn_missing_glyphs(facts, font_path)
    if CardSize(size) is CardSize.LOCK_SCREEN:
        image = _lock_screen(facts, font_path)
    else:
        image = draw_card(facts, STANDARD_PIXELS, font_path)
    return encode_png(image)


def _warn_missing_glyphs(facts: CardFacts, font_path: str) -> None:
    font, _ = load_font(GLYPH_CHECK_SIZE, font_path)
    missing = missing_glyphs(font, "".join(drawn_texts(facts)))
    if missing:
        # Counted, not listed: the characters would come from a wanted person's details.
        log.warning(
            "a wanted card has characters the font cannot draw (%d distinct); they show as boxes",
            len(missing),
        )


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
        draw_text(image, text.x, text.baseline, text.text, text.font, text.colour, text.align)
    if mark := stamp(facts):
        _stamp(image, card, mark, STAMP_COLOURS[facts.status], font_path)
    return image


def _fill(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: Colour) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle([x0, y0, x1 - 1, y1 - 1], fill=colour)


def _stamp(image: Image.Image, card: CardLayout, text: str, colour: Colour, font_path: str) -> None:
    """A boxed stamp, turned like a rubber stamp, across the photo and the name."""
    turned = _turned_stamp(text, colour, image.width, font_path)
    centre_x = image.width // 2
    centre_y = card.photo[1] + (card.photo[3] - card.photo[1]) * 55 // 100
    image.paste(turned, (centre_x - turned.width // 2, centre_y - turned.height // 2), turned)


@functools.lru_cache(maxsize=8)
def _turned_stamp(text: str, colour: Colour, card_width: int, font_path: str) -> Image.Image:
    # Turning the stamp costs as much as drawing the rest of the card; there are only a few.
    scale = card_width / DESIGN_WIDTH
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
    return layer.rotate(STAMP_TURN, resample=Image.Resampling.BICUBIC, expand=True)


def _lock_screen(facts: CardFacts, font_path: str) -> Image.Image:
    """The card on a dark wallpaper, below the clock and above the unlock bar; its number
    masked, since a locked phone shows it to whoever holds it."""
    width, height = LOCK_SCREEN_PIXELS
    side = round(LOCK_SIDE * width / DESIGN_WIDTH)
    card_w = width - 2 * side
    card_h = card_w * STANDARD_PIXELS[1] // STANDARD_PIXELS[0]
    card = draw_card(replace(facts, masked=True), (card_w, card_h), font_path)
    red, green, blue = palette(facts).banner
    background = (red // 3, green // 3, blue // 3)
    wallpaper = Image.new("RGB", (width, height), background)
    free_top, free_bottom = int(height * LOCK_TOP_CLEAR), int(height * (1 - LOCK_BOTTOM_CLEAR))
    top = free_top + max(0, (free_bottom - free_top - card_h) // 2)
    wallpaper.paste(card, (side, top))
    radius = round(LOCK_CORNER * width / DESIGN_WIDTH)
    _round_corners(wallpaper, (side, top, side + card_w, top + card_h), radius, background)
    return wallpaper


def _round_corners(image: Image.Image, box: Box, radius: int, background: Colour) -> None:
    # Only the four corners are masked: masking the whole card costs ten times as much.
    x0, y0, x1, y1 = box
    outside = _outside_corner(radius)
    corners = (
        ((x0, y0), outside),
        ((x1 - radius, y0), outside.transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
        ((x0, y1 - radius), outside.transpose(Image.Transpose.FLIP_TOP_BOTTOM)),
        ((x1 - radius, y1 - radius), outside.transpose(Image.Transpose.ROTATE_180)),
    )
    for position, mask in corners:
        image.paste(background, (*position, position[0] + radius, position[1] + radius), mask)


@functools.lru_cache(maxsize=4)
def _outside_corner(radius: int) -> Image.Image:
    """A top-left corner's mask: opaque outside the quarter circle, smoothed at its edge."""
    # Drawn four times larger and reduced, for an edge without steps.
    large = Image.new("L", (radius * 4, radius * 4), 255)
    ImageDraw.Draw(large).ellipse([0, 0, radius * 8 - 1, radius * 8 - 1], fill=0)
    return large.resize((radius, radius), Image.Resampling.BOX)
