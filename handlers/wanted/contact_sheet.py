"""A contact sheet for the `/通缉` list: up to twelve faces with their card numbers and names.

Each thumbnail carries its 内部 / 公开 tag on the photo itself, so a sheet forwarded out of
context still says which faces are for officers only.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from bot.fonts import Font, load_font
from handlers.wanted.card_layout import INK, INTERNAL, MUTED, PUBLIC
from handlers.wanted.card_photo import portrait
from handlers.wanted.card_png import encode_png
from handlers.wanted.card_text import NO_PHOTO
from handlers.wanted.glyphs import draw_text, text_width
from handlers.wanted.text_wrap import ellipsize

#: Most entries on one sheet: four columns of three rows stay legible on a phone.
SHEET_CAPACITY = 12
COLUMNS = 4
WIDTH = 1080
MARGIN = 36
GAP = 24
THUMB_W = (WIDTH - 2 * MARGIN - (COLUMNS - 1) * GAP) // COLUMNS
THUMB_H = THUMB_W * 4 // 3
NAME_SIZE = 36
#: A longer name is drawn smaller, down to this, before it is cut short: an officer must
#: read the whole name (6 characters at NAME_SIZE had shown as 演示公开…).
NAME_MIN_SIZE = 22
NAME_STEP = 4
NUMBER_SIZE = 26
TAG_SIZE = 24
CAPTION_H = 104
#: The caption's width: the thumbnail's less a margin each side.
NAME_WIDTH = THUMB_W - 24
BACKGROUND = (243, 244, 246)
#: The tag in the card's colour: red for internal, police blue for public.
TAG_COLOURS = {False: INTERNAL.banner, True: PUBLIC.banner}


@dataclass(frozen=True, slots=True)
class SheetEntry:
    card_no: str
    name: str
    photo: bytes | None
    public: bool


def render_contact_sheet(entries: Sequence[SheetEntry], font_path: str = "") -> bytes:
    """PNG bytes of a grid of thumbnails, in the order given (one to `SHEET_CAPACITY`)."""
    if not 1 <= len(entries) <= SHEET_CAPACITY:
        raise ValueError(f"a contact sheet holds 1 to {SHEET_CAPACITY} entries, not {len(entries)}")
    sheet = Image.new("RGB", sheet_size(len(entries)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    fonts = _fonts(font_path)
    for index, entry in enumerate(entries):
        row, column = divmod(index, COLUMNS)
        x = MARGIN + column * (THUMB_W + GAP)
        y = MARGIN + row * (THUMB_H + CAPTION_H + GAP)
        _draw_entry(sheet, draw, fonts, entry, x, y)
    return encode_png(sheet)


def sheet_size(count: int) -> tuple[int, int]:
    """Width and height of the sheet of `count` entries: a sheet is known by its size
    (`sheet_files.old_sheets` finds those stored before sheets were filed)."""
    columns = min(COLUMNS, count)
    rows = math.ceil(count / COLUMNS)
    width = 2 * MARGIN + columns * THUMB_W + (columns - 1) * GAP
    height = 2 * MARGIN + rows * (THUMB_H + CAPTION_H) + (rows - 1) * GAP
    return width, height


#: Every size a sheet can have.
SHEET_SIZES = frozenset(sheet_size(count) for count in range(1, SHEET_CAPACITY + 1))


@dataclass(frozen=True)
class _Fonts:
    #: The name's fonts, largest first.
    names: tuple[Font, ...]
    number: Font
    tag: Font


@functools.cache
def _fonts(font_path: str) -> _Fonts:
    return _Fonts(
        names=tuple(
            load_font(size, font_path, bold=True)[0]
            for size in range(NAME_SIZE, NAME_MIN_SIZE - 1, -NAME_STEP)
        ),
        number=load_font(NUMBER_SIZE, font_path)[0],
        tag=load_font(TAG_SIZE, font_path, bold=True)[0],
    )


def _draw_entry(
    sheet: Image.Image, draw: ImageDraw.ImageDraw, fonts: _Fonts, entry: SheetEntry, x: int, y: int
) -> None:
    draw.rectangle([x, y, x + THUMB_W - 1, y + THUMB_H + CAPTION_H - 1], fill=(255, 255, 255))
    picture, is_photo = portrait(entry.photo, (THUMB_W, THUMB_H))
    sheet.paste(picture, (x, y))
    if not is_photo:
        centre = x + THUMB_W // 2
        draw_text(sheet, centre, y + THUMB_H - 22, NO_PHOTO, fonts.number, MUTED, "centre")
    _draw_tag(draw, fonts.tag, "公开" if entry.public else "内部", TAG_COLOURS[entry.public], x, y)
    name, font = fitted_name(entry.name, fonts.names)
    draw_text(sheet, x + 12, y + THUMB_H + 50, name, font, INK)
    number = ellipsize(entry.card_no, fonts.number, NAME_WIDTH)
    draw_text(sheet, x + 12, y + THUMB_H + 88, number, fonts.number, MUTED)


def fitted_name(name: str, fonts: Sequence[Font]) -> tuple[str, Font]:
    """The name as drawn under a thumbnail, and its font: the largest of `fonts` (largest
    first) it fits in, else the smallest with the name cut short."""
    font = next((f for f in fonts if text_width(f, name) <= NAME_WIDTH), fonts[-1])
    return ellipsize(name, font, NAME_WIDTH), font


def name_fonts(font_path: str = "") -> tuple[Font, ...]:
    return _fonts(font_path).names


def _draw_tag(
    draw: ImageDraw.ImageDraw, font: Font, text: str, colour: tuple[int, int, int], x: int, y: int
) -> None:
    left, top, right, bottom = font.getbbox(text, anchor="lt")
    pad_x, pad_y = 10, 6
    box = [x + 8, y + 8, x + 8 + right - left + 2 * pad_x, y + 8 + bottom - top + 2 * pad_y]
    draw.rounded_rectangle(box, radius=6, fill=colour)
    draw.text(
        (box[0] + pad_x - left, box[1] + pad_y - top),
        text,
        font=font,
        fill=(255, 255, 255),
        anchor="lt",
    )
