"""The face on a card: a photo cropped to a 3:4 portrait, or a silhouette when there is none.

Photos come from phones and scanners as they were sent: turned by their EXIF orientation,
any size, sometimes with transparency. A photo that cannot be read gives the silhouette, so
one bad file never stops a card.
"""

from __future__ import annotations

import functools
import io
import logging

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from bot.media import MAX_IMAGE_PIXELS

log = logging.getLogger(__name__)

#: Faces sit in the upper part of identity-style photos: crop centred across, high down.
CENTERING = (0.5, 0.35)
ORIENTATION = 0x0112
#: EXIF orientations that turn the picture a quarter (width and height swap).
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
PLACEHOLDER_BACKGROUND = (226, 230, 235)
PLACEHOLDER_FIGURE = (176, 184, 194)
#: The share of the silhouette's height left plain at its foot, for the 暂无照片 caption:
#: written on the shoulders, it was grey on grey.
CAPTION_BAND = 0.17
_UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,
    Image.DecompressionBombError,
)


def portrait(photo: bytes | None, size: tuple[int, int]) -> tuple[Image.Image, bool]:
    """An RGB image of exactly `size`, and whether it is the photo (False: the silhouette)."""
    if photo:
        try:
            return _cropped(photo, size), True
        except _UNREADABLE:
            log.warning("a wanted card's photo cannot be decoded; drawing the silhouette")
    return silhouette(size).copy(), False


def _cropped(photo: bytes, size: tuple[int, int]) -> Image.Image:
    with Image.open(io.BytesIO(photo)) as image:
        # The media store's own limit, checked before decoding. (Not by turning Pillow's
        # bomb warning into an error: warning filters are global, cards render in threads.)
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("photo too large to decode")
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale when that still covers the portrait,
        # several times faster; the portrait's size is turned as the photo will be.
        turned = image.getexif().get(ORIENTATION, 1) in _QUARTER_TURNS
        image.draft("RGB", (size[1], size[0]) if turned else size)
        upright = ImageOps.exif_transpose(image)
        rgb = _flattened(upright)
    return ImageOps.fit(rgb, size, Image.Resampling.BICUBIC, centering=CENTERING)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on the placeholder's background rather than black."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        ground = Image.new("RGBA", rgba.size, PLACEHOLDER_BACKGROUND)
        return Image.alpha_composite(ground, rgba).convert("RGB")
    return image.convert("RGB")


@functools.lru_cache(maxsize=8)
def silhouette(size: tuple[int, int]) -> Image.Image:
    """A head-and-shoulders outline on grey; callers copy it before drawing on it."""
    # Drawn at twice the size and reduced: ImageDraw does not smooth the edges of ellipses.
    width, height = size[0] * 2, size[1] * 2
    image = Image.new("RGB", (width, height), PLACEHOLDER_BACKGROUND)
    draw = ImageDraw.Draw(image)
    head_w, head_h = width * 0.36, height * 0.30
    head_top = height * 0.16
    draw.ellipse(
        [(width - head_w) / 2, head_top, (width + head_w) / 2, head_top + head_h],
        fill=PLACEHOLDER_FIGURE,
    )
    shoulders_top = head_top + head_h * 1.04
    draw.ellipse(
        [width * 0.14, shoulders_top, width * 0.86, shoulders_top + height * 0.62],
        fill=PLACEHOLDER_FIGURE,
    )
    # A bust: the shoulders end above the caption's band.
    draw.rectangle([0, height * (1 - CAPTION_BAND), width, height], fill=PLACEHOLDER_BACKGROUND)
    return image.resize(size, Image.Resampling.LANCZOS)
