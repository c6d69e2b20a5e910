"""Synthetic but realistic portrait photos for the card tests and bench/cards.py.

A head-and-shoulders figure on a plain backdrop, as in an identity photo, with camera-like
grain so the JPEG and the card's PNG cost what real photos cost. Deterministic: the same
arguments give the same bytes.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

#: EXIF orientation 6: the sensor's picture must be turned 90° clockwise to stand upright.
TURNED_CLOCKWISE = 6
ORIENTATION = 0x0112
BACKDROPS = ((66, 110, 168), (200, 206, 214), (236, 236, 232), (150, 40, 40))


def portrait_jpeg(
    width: int = 600,
    height: int = 800,
    *,
    seed: int = 0,
    grain: float = 24.0,
    quality: int = 88,
    sideways: bool = False,
) -> bytes:
    """A `width` x `height` upright portrait as JPEG bytes.

    With `sideways` the pixels are stored turned a quarter anticlockwise, with the EXIF
    orientation that turns them back, as a phone held upright writes them.
    """
    rng = random.Random(seed)
    picture = _figure(width, height, rng)
    if grain:
        # Seeded uniform noise of +-grain levels, softened as a lens and a JPEG would.
        noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
        noise = noise.point(lambda v: round(128 + (v - 128) * grain / 128)).convert("RGB")
        picture = ImageChops.add(picture, noise, offset=-128).filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    if sideways:
        picture = picture.transpose(Image.Transpose.ROTATE_90)
        exif[ORIENTATION] = TURNED_CLOCKWISE
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=quality, exif=exif)
    return out.getvalue()


def _figure(width: int, height: int, rng: random.Random) -> Image.Image:
    picture = Image.new("RGB", (width, height), rng.choice(BACKDROPS))
    draw = ImageDraw.Draw(picture)
    skin = (rng.randint(200, 236), rng.randint(160, 196), rng.randint(128, 160))
    shirt = (rng.randint(20, 90), rng.randint(20, 90), rng.randint(30, 110))
    w, h = width, height
    draw.ellipse([w * 0.12, h * 0.66, w * 0.88, h * 1.35], fill=shirt)
    draw.rectangle([w * 0.42, h * 0.52, w * 0.58, h * 0.72], fill=skin)
    face = [w * 0.31, h * 0.2, w * 0.69, h * 0.62]
    draw.ellipse(face, fill=skin)
    draw.chord([w * 0.29, h * 0.14, w * 0.71, h * 0.46], 180, 360, fill=(28, 24, 20))
    for eye_x in (0.42, 0.58):
        cx, cy = w * eye_x, h * 0.39
        draw.ellipse([cx - w * 0.025, cy - h * 0.01, cx + w * 0.025, cy + h * 0.01], fill="white")
        draw.ellipse(
            [cx - w * 0.012, cy - h * 0.009, cx + w * 0.012, cy + h * 0.009], fill=(35, 25, 20)
        )
    draw.line(
        [w * 0.5, h * 0.42, w * 0.48, h * 0.49, w * 0.52, h * 0.49],
        fill=(170, 120, 100),
        width=max(1, w // 150),
    )
    draw.line([w * 0.44, h * 0.54, w * 0.56, h * 0.54], fill=(150, 70, 60), width=max(2, w // 100))
    return picture
