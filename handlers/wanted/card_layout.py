"""Where everything on a wanted card goes: boxes, and each line of text with its font.

    +--------------------------------+
    | 内部通缉 · 仅限民警  (banner)  |
    +-----------+--------------------+
    |           | 姓名 (large)       |
    |  photo    | 别名               |
    |   3:4     | 性别 · 年龄 …      |
    |           | 证件               |
    +-----------+--------------------+
    | 体貌特征 / 简要案情 / 发布单位 |
    | 悬赏 / 联系方式  (wrapped)     |
    +--------------------------------+
    | 发布日期 …            编号 …   |
    |         footer note            |
    +--------------------------------+

Numbers are design pixels on a 1080-pixel-wide card and are scaled to the size rendered.
Text is wrapped to its column and cut short with "…"; when the column beside the photo is
full its remaining rows move below the photo, and the rows there share the space left, the
longest giving way first. So the layout never overflows, whatever the facts say, and it can
be checked without drawing: every `Placed` line lies inside `CardLayout.content`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from bot.fonts import Font, load_font
from handlers.wanted.card_photo import CAPTION_BAND
from handlers.wanted.card_text import (
    NO_PHOTO,
    CardFacts,
    Row,
    aliases_text,
    banner,
    footer_note,
    issued_text,
    number_text,
    rows,
)
from handlers.wanted.glyphs import Align, text_width
from handlers.wanted.text_wrap import ELLIPSIS, ellipsize, wrap

Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]

DESIGN_WIDTH = 1080
# One strong colour says internal (red) or public (police blue) at a glance.
WHITE: Colour = (255, 255, 255)
INK: Colour = (17, 24, 39)
MUTED: Colour = (100, 108, 120)
RULE: Colour = (214, 218, 224)
ALERT: Colour = (196, 24, 32)


@dataclass(frozen=True, slots=True)
class Palette:
    banner: Colour
    stripe: Colour
    tint: Colour


INTERNAL = Palette(banner=(158, 26, 32), stripe=(96, 12, 18), tint=(252, 238, 238))
PUBLIC = Palette(banner=(14, 55, 128), stripe=(212, 163, 28), tint=(234, 240, 250))

MARGIN = 52
BANNER_H = 150
STRIPE_H = 10
PHOTO_TOP = BANNER_H + STRIPE_H + 40
PHOTO_W, PHOTO_H = 456, 608
COLUMN_GAP = 40
FOOTER_H = 132
TITLE_SIZE = 66
#: The name in the largest size that fits on one line, else on two lines.
NAME_SIZES = (100, 88, 76, 64)
NAME_TWO_LINE_SIZES = (58, 48)
ALIAS_SIZE = 34
SIDE_LABEL_SIZE = 26
SIDE_VALUE_SIZE = 38
SIDE_VALUE_LINES = 2
MAIN_LABEL_SIZE = 30
MAIN_VALUE_SIZE = 36
#: Room for five characters: "居民身份证" when the column beside the photo is full.
MAIN_LABEL_W = 162
FOOTER_SIZE = 30
#: Line height as a multiple of the type size; labels above values sit closer.
LEADING = 1.42
LABEL_LEADING = 1.3
SIDE_GAP = 16
MAIN_GAP = 20
MIN_GAP = 6
#: Most lines a row below the photo takes before the space is shared out.
MAIN_ROW_LINES = {"简要案情": 6, "体貌特征": 3}
MAIN_ROW_DEFAULT_LINES = 2


@dataclass(frozen=True, slots=True)
class Placed:
    """One line of text, its baseline at `baseline`, starting, centred or ending at `x`."""

    text: str
    x: int
    baseline: int
    font: Font
    colour: Colour
    align: Align = "left"

    def span(self) -> tuple[float, float]:
        """Left and right edge of the line, in pixels."""
        width = text_width(self.font, self.text)
        start = {"left": self.x, "centre": self.x - width / 2, "right": self.x - width}
        return start[self.align], start[self.align] + width


@dataclass(slots=True)
class CardLayout:
    size: tuple[int, int]
    palette: Palette
    banner: Box
    stripe: Box
    photo: Box
    footer: Box
    #: Where text may go: inside the margins, above the footer's bottom.
    content: Box
    #: The rule between the photo and the rows below it, if there are any.
    rule: Box | None = None
    texts: list[Placed] = field(default_factory=list)


class _Grid:
    """Design pixels to pixels, and fonts at the scaled sizes."""

    def __init__(self, width: int, font_path: str) -> None:
        self.scale = width / DESIGN_WIDTH
        self.font_path = font_path

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        return self.px(x0), self.px(y0), self.px(x1), self.px(y1)

    def font(self, size: int, *, bold: bool = False) -> Font:
        return _font(self.px(size), self.font_path, bold)

    def wrap(
        self, text: str, size: int, width: float, lines: int, *, bold: bool = False
    ) -> list[str]:
        return wrap(text, self.font(size, bold=bold), self.px(width), lines)

    def fits(self, text: str, size: int, width: float, *, bold: bool = False) -> bool:
        return text_width(self.font(size, bold=bold), text) <= self.px(width)

    def ellipsized(self, text: str, size: int, width: float, *, bold: bool = False) -> str:
        return ellipsize(text, self.font(size, bold=bold), self.px(width))

    def placed(
        self,
        text: str,
        x: float,
        top: float,
        size: int,
        colour: Colour,
        *,
        bold: bool = False,
        leading: float = LEADING,
        align: Align = "left",
    ) -> Placed:
        """A line in a box `size * leading` high whose top is `top`, the ink centred in it."""
        # Chinese ink reaches 0.83 em above the baseline and 0.09 em below: +0.37 em centres it.
        baseline = top + size * leading / 2 + size * 0.37
        return Placed(
            text, self.px(x), self.px(baseline), self.font(size, bold=bold), colour, align
        )


def palette(facts: CardFacts) -> Palette:
    return PUBLIC if facts.public else INTERNAL


def photo_size(card_width: int) -> tuple[int, int]:
    """The portrait's pixels on a card `card_width` wide."""
    grid = _Grid(card_width, "")
    return grid.px(PHOTO_W), grid.px(PHOTO_H)


@functools.cache
def _font(size: int, font_path: str, bold: bool) -> Font:
    return load_font(size, font_path, bold=bold)[0]


def layout(
    facts: CardFacts, size: tuple[int, int], *, has_photo: bool, font_path: str = ""
) -> CardLayout:
    """The card's layout at `size` pixels (3:4 keeps the design's proportions).

    Without a photo (none given, or unreadable) the silhouette is captioned 暂无照片, below
    its shoulders.
    """
    grid = _Grid(size[0], font_path)
    height = size[1] / grid.scale
    card = CardLayout(
        size=size,
        palette=palette(facts),
        banner=grid.box(0, 0, DESIGN_WIDTH, BANNER_H),
        stripe=grid.box(0, BANNER_H, DESIGN_WIDTH, BANNER_H + STRIPE_H),
        photo=grid.box(MARGIN, PHOTO_TOP, MARGIN + PHOTO_W, PHOTO_TOP + PHOTO_H),
        footer=grid.box(0, height - FOOTER_H, DESIGN_WIDTH, height),
        content=grid.box(MARGIN, 0, DESIGN_WIDTH - MARGIN, height),
    )
    _banner(grid, card, facts)
    if not has_photo:
        # Centred in the plain band the silhouette leaves at its foot.
        band = PHOTO_H * CAPTION_BAND
        top = PHOTO_TOP + PHOTO_H - band / 2 - ALIAS_SIZE * LEADING / 2
        centre = MARGIN + PHOTO_W / 2
        card.texts.append(grid.placed(NO_PHOTO, centre, top, ALIAS_SIZE, MUTED, align="centre"))
    below = _side(grid, card, facts)
    _below_photo(grid, card, below, height - FOOTER_H - 24)
    _footer(grid, card, facts, height - FOOTER_H)
    return card


def _banner(grid: _Grid, card: CardLayout, facts: CardFacts) -> None:
    title = grid.ellipsized(banner(facts), TITLE_SIZE, DESIGN_WIDTH - 2 * MARGIN, bold=True)
    top = (BANNER_H - TITLE_SIZE * LEADING) / 2
    card.texts.append(
        grid.placed(title, DESIGN_WIDTH / 2, top, TITLE_SIZE, WHITE, bold=True, align="centre")
    )


def _side(grid: _Grid, card: CardLayout, facts: CardFacts) -> list[Row]:
    """Name, aliases and the short facts beside the photo; returns the rows that go below."""
    left = MARGIN + PHOTO_W + COLUMN_GAP
    width = DESIGN_WIDTH - MARGIN - left
    bottom = PHOTO_TOP + PHOTO_H
    top: float = PHOTO_TOP - 14  # the name's line box has room above the ink
    name_size, name_lines = _name(grid, facts.name, width)
    for text in name_lines:
        card.texts.append(grid.placed(text, left, top, name_size, INK, bold=True))
        top += name_size * LEADING
    if aliases := aliases_text(facts):
        for text in grid.wrap(f"别名：{aliases}", ALIAS_SIZE, width, 2):
            card.texts.append(grid.placed(text, left, top, ALIAS_SIZE, MUTED))
            top += ALIAS_SIZE * LEADING
    top += SIDE_GAP
    every = rows(facts)
    side = [row for row in every if row.beside_photo]
    below = [row for row in every if not row.beside_photo]
    label_h, value_h = SIDE_LABEL_SIZE * LABEL_LEADING, SIDE_VALUE_SIZE * LEADING
    for index, row in enumerate(side):
        lines = grid.wrap(row.value, SIDE_VALUE_SIZE, width, SIDE_VALUE_LINES)
        if top + label_h + len(lines) * value_h > bottom:
            lines = grid.wrap(row.value, SIDE_VALUE_SIZE, width, 1)
        if top + label_h + len(lines) * value_h > bottom:
            return side[index:] + below
        label = grid.ellipsized(row.label, SIDE_LABEL_SIZE, width)
        card.texts.append(
            grid.placed(label, left, top, SIDE_LABEL_SIZE, MUTED, leading=LABEL_LEADING)
        )
        top += label_h
        for text in lines:
            card.texts.append(grid.placed(text, left, top, SIDE_VALUE_SIZE, INK))
            top += value_h
        top += SIDE_GAP
    return below


def _name(grid: _Grid, name: str, width: float) -> tuple[int, list[str]]:
    """The name's size and lines: one line as large as fits, else two, cut short at last."""
    for size in NAME_SIZES:
        if grid.fits(name, size, width, bold=True):
            return size, [name]
    for size in NAME_TWO_LINE_SIZES:
        lines = grid.wrap(name, size, width, 2, bold=True)
        if not lines[-1].endswith(ELLIPSIS):
            break
    return size, lines


def _below_photo(grid: _Grid, card: CardLayout, below: list[Row], bottom: float) -> None:
    """Full-width rows: the label on the left, the wrapped value beside it."""
    if not below:
        return
    top: float = PHOTO_TOP + PHOTO_H + 36
    card.rule = grid.box(MARGIN, top - 18, DESIGN_WIDTH - MARGIN, top - 16)
    left = MARGIN + MAIN_LABEL_W
    width = DESIGN_WIDTH - MARGIN - left
    step = MAIN_VALUE_SIZE * LEADING
    wanted = [
        grid.wrap(
            row.value,
            MAIN_VALUE_SIZE,
            width,
            MAIN_ROW_LINES.get(row.label, MAIN_ROW_DEFAULT_LINES),
            bold=row.emphasised,
        )
        for row in below
    ]
    gap = _row_gap(len(below), bottom - top, step)
    # The epsilon: a gap shrunk to fit the rows exactly must not lose a line to rounding.
    budget = int((bottom - top + gap - len(below) * gap) / step + 1e-6)
    allotted = allot([len(lines) for lines in wanted], budget)
    label_offset = (MAIN_VALUE_SIZE - MAIN_LABEL_SIZE) * LEADING / 2
    for row, lines, count in zip(below, wanted, allotted, strict=False):
        if count < len(lines):
            lines = grid.wrap(row.value, MAIN_VALUE_SIZE, width, count, bold=row.emphasised)
        label = grid.ellipsized(row.label, MAIN_LABEL_SIZE, MAIN_LABEL_W - 8)
        card.texts.append(grid.placed(label, MARGIN, top + label_offset, MAIN_LABEL_SIZE, MUTED))
        colour = ALERT if row.emphasised else INK
        for text in lines:
            card.texts.append(
                grid.placed(text, left, top, MAIN_VALUE_SIZE, colour, bold=row.emphasised)
            )
            top += step
        top += gap


def _row_gap(rows: int, height: float, step: float) -> float:
    """The space between rows: less when a crowded card needs it to keep one line of each."""
    if rows < 2:
        return MAIN_GAP
    return max(MIN_GAP, min(MAIN_GAP, (height - rows * step) / (rows - 1)))


def allot(counts: list[int], budget: int) -> list[int]:
    """Lines for each block when together they may have `budget`: the longest give way first.

    Every block keeps one line while the budget allows; beyond that blocks are dropped from
    the end, so callers put the most important first.
    """
    allotted = list(counts)
    while sum(allotted) > budget and max(allotted, default=0) > 1:
        longest = max(range(len(allotted)), key=lambda i: (allotted[i], i))
        allotted[longest] -= 1
    while sum(allotted) > budget and allotted:
        allotted.pop()
    return allotted


def _footer(grid: _Grid, card: CardLayout, facts: CardFacts, top: float) -> None:
    half = DESIGN_WIDTH / 2 - MARGIN - 12
    first = top + 14
    issued = grid.ellipsized(issued_text(facts), FOOTER_SIZE, half)
    number = grid.ellipsized(number_text(facts), FOOTER_SIZE, half, bold=True)
    card.texts.append(grid.placed(issued, MARGIN, first, FOOTER_SIZE, MUTED))
    card.texts.append(
        grid.placed(
            number, DESIGN_WIDTH - MARGIN, first, FOOTER_SIZE, INK, bold=True, align="right"
        )
    )
    note = grid.ellipsized(footer_note(facts), FOOTER_SIZE, DESIGN_WIDTH - 2 * MARGIN, bold=True)
    second = first + FOOTER_SIZE * LEADING + 6
    card.texts.append(
        grid.placed(
            note,
            DESIGN_WIDTH / 2,
            second,
            FOOTER_SIZE,
            card.palette.banner,
            bold=True,
            align="centre",
        )
    )
