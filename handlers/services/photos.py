"""Photos people send as evidence, made safe to keep and to show officers.

Every picture a channel receives is stored without metadata (`bot.media.strip_metadata`):
no GPS position, phone serial or time travels with a tip's photo. `sanitise` makes sure of
it once more for the photos a tip, report or inspection keeps, which costs nothing for a
picture that is already bare.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

from PIL import Image

from bot.context import Services
from bot.media import JPEG, MediaStore, strip_metadata
from bot.messages import Image as ImageReply

log = logging.getLogger(__name__)


def keep_clean(store: MediaStore, data: bytes) -> str:
    """Check `data` is a picture we accept, and keep a metadata-free copy; its hash.
    Raises `bot.media.MediaError` (a Chinese reason) for what is not a usable picture."""
    return store.accept_image(data).sha256


def _strip_all(store: MediaStore, hashes: list[str]) -> list[str]:
    kept = []
    for sha256 in hashes:
        data = store.get(sha256)
        if data is None:
            # Not in this store (a channel elsewhere kept it): nothing we could strip.
            log.warning("photo %s… not in the media store; kept as received", sha256[:12])
            kept.append(sha256)
            continue
        # A sealed photo (a wanted person's) stays sealed: a bare copy goes nowhere plain.
        keep = store.put_sealed if store.sealed(sha256) else store.put
        try:
            kept.append(keep(strip_metadata(data, ours=True)))
        except (OSError, ValueError, Image.DecompressionBombError):
            log.warning("photo %s… could not be re-encoded; dropped", sha256[:12])
    return kept


async def sanitise(services: Services, hashes: list[str] | None) -> list[str]:
    """Metadata-free copies of `hashes` in the media store; returns their hashes."""
    if not hashes:
        return []
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
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
