"""Find a font with Chinese characters for pictures the bot draws (charts, cards).

Servers often have none; callers then draw without Chinese text, and this module says so
once in the log rather than on every picture.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PIL import ImageFont

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


def load_font(size: int, configured: str = "") -> tuple[Font, bool]:
    """A font of `size` pixels and whether it can draw Chinese."""
    found = cjk_font_path(configured)
    if found is not None:
        try:
            return ImageFont.truetype(found[0], size, index=found[1]), True
        except OSError:
            log.warning("cannot open font %s; drawing without Chinese", found[0])
    return ImageFont.load_default(size), False
