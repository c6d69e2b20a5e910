"""Find a font with Chinese characters for pictures the bot draws (charts, cards).

Servers often have none; callers then draw without Chinese text, and this module says so
once in the log rather than on every picture.
"""

from __future__ import annotations

import functools
import logging
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

log = logging.getLogger(__name__)

#: Where Debian/Ubuntu (fonts-noto-cjk, fonts-wqy-*), Fedora, Arch, macOS and Windows keep one.
CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
#: Collections hold several faces; the Simplified Chinese one draws 骨, 直 … as readers expect.
_MAX_FACES = 10

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.cache
def cjk_font_path(configured: str = "") -> tuple[str, int] | None:
    """(path, face index) of a usable CJK font, or None (logged once)."""
    for candidate in ([configured] if configured else []) + list(CANDIDATES):
        if not Path(candidate).is_file():
            if candidate == configured:
                log.warning("configured font %s does not exist; searching elsewhere", candidate)
            continue
        return candidate, _simplified_face(candidate)
    log.warning("no CJK font found (install fonts-noto-cjk): pictures are drawn without Chinese")
    return None


def _simplified_face(path: str) -> int:
    for index in range(_MAX_FACES):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" SC") or "SC " in family:
            return index
    return 0


def load_font(size: int, configured: str = "", *, bold: bool = False) -> tuple[Font, bool]:
    """A font of `size` pixels and whether it can draw Chinese.

    The same font object is returned for the same size and file: opening a collection costs
    about half a millisecond, more than drawing a line of text with it.
    """
    found = bold_font_path(configured) if bold else cjk_font_path(configured)
    if found is not None:
        try:
            return _open(found[0], found[1], size), True
        except OSError:
            log.warning("cannot open font %s; drawing without Chinese", found[0])
    return _default(size), False


@functools.cache
def bold_font_path(configured: str = "") -> tuple[str, int] | None:
    """The bold face beside the regular one ("…-Regular.ttc" -> "…-Bold.ttc"), else the regular."""
    found = cjk_font_path(configured)
    if found is None or "Regular" not in Path(found[0]).name:
        return found
    bold = Path(found[0]).with_name(Path(found[0]).name.replace("Regular", "Bold"))
    if not bold.is_file():
        return found
    return str(bold), _simplified_face(str(bold))


@functools.cache
def _open(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    # Shared between worker threads: Pillow holds the GIL while FreeType uses the face (and
    # locks it itself on free-threaded Python from 12.2), so one object serves them all.
    return ImageFont.truetype(path, size, index=index)


@functools.cache
def _default(size: int) -> Font:
    return ImageFont.load_default(size)


def missing_glyphs(font: Font, text: str) -> set[str]:
    """The characters of `text` that `font` has no glyph for, so would draw as a box (tofu).

    Pillow does not expose a font's character map, so each character is drawn and compared
    with the drawing of U+10FFFF, a noncharacter no font maps: a character the font lacks is
    drawn with the same .notdef glyph. Whitespace draws nothing in any font and is skipped.
    """
    return {ch for ch in set(text) if not ch.isspace() and _draws_notdef(font, ch)}


@functools.lru_cache(maxsize=1 << 16)
def _draws_notdef(font: Font, ch: str) -> bool:
    # Keyed by the font object: fonts come from load_font's cache, so each lives for good.
    return _drawing(font, ch) == _drawing(font, _NOT_A_CHARACTER)


_NOT_A_CHARACTER = "\U0010ffff"


def _drawing(font: Font, ch: str) -> tuple[tuple[float, ...], bytes]:
    box = font.getbbox(ch)
    width, height = max(1, math.ceil(box[2])), max(1, math.ceil(box[3]))
    canvas = Image.new("L", (width, height))
    ImageDraw.Draw(canvas).text((0, 0), ch, font=font, fill=255)
    return tuple(box), canvas.tobytes()
