"""Photos people send as evidence, made safe to keep and to show officers.

A phone photo carries EXIF: GPS coordinates, the phone's make and serial, the time. For a
tipster who fears being identified that is the worst thing to forward, so every photo a tip,
report or inspection keeps is re-encoded as a plain JPEG without metadata (turned upright
first, since the orientation lives in the EXIF being dropped). The channel already checked
type and size when it stored the original.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from pathlib import Path

from PIL import Image, ImageOps

from bot.context import Services
from bot.media import MediaStore
from bot.messages import Image as ImageReply

log = logging.getLogger(__name__)

#: Longest side kept; phone photos are larger than any chat shows.
MAX_SIDE = 2560
JPEG = "image/jpeg"


def _clean(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as opened:
        upright = ImageOps.exif_transpose(opened)
        picture = upright.convert("RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    # A fresh image: no info dict, so nothing (EXIF, XMP, ICC, comments) travels along.
    bare = Image.new("RGB", picture.size)
    bare.paste(picture)
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def keep_clean(store: MediaStore, data: bytes) -> str:
    """Check `data` is a picture we accept, and keep a metadata-free copy; its hash.
    Raises `bot.media.MediaError` (a Chinese reason) for what is not a usable picture."""
    store.accept_image(data)
    return store.put(_clean(data))


def _strip_all(store: MediaStore, hashes: list[str]) -> list[str]:
    kept = []
    for sha256 in hashes:
        data = store.get(sha256)
        if data is None:
            # Not in this store (a channel elsewhere kept it): nothing we could strip.
            log.warning("photo %s… not in the media store; kept as received", sha256[:12])
            kept.append(sha256)
            continue
        try:
            kept.append(store.put(_clean(data)))
        except (OSError, ValueError, Image.DecompressionBombError):
            log.warning("photo %s… could not be re-encoded; dropped", sha256[:12])
    return kept


async def sanitise(services: Services, hashes: list[str] | None) -> list[str]:
    """Metadata-free copies of `hashes` in the media store; returns their hashes."""
    if not hashes:
        return []
    store = MediaStore(Path(services.settings.storage.media_dir))
    return await asyncio.to_thread(_strip_all, store, list(hashes))


def dump(hashes: list[str]) -> str:
    return json.dumps(hashes)


def load(stored: str) -> list[str]:
    return list(json.loads(stored or "[]"))


def images(stored: str, caption: str) -> list[ImageReply]:
    """Image replies for stored hashes, numbered in the caption when there are several."""
    hashes = load(stored)
    return [
        ImageReply(h, f"{caption}（{i}/{len(hashes)}）" if len(hashes) > 1 else caption, JPEG)
        for i, h in enumerate(hashes, start=1)
    ]
