"""Evidence photos lose their metadata before anyone sees them."""

from __future__ import annotations

import io

from PIL import Image

from bot.config import Settings
from bot.context import Services
from handlers.services.photos import sanitise
from tests.support.media import PHONE_MAKE, media_store, stored_photo


async def test_exif_is_stripped_and_missing_files_are_kept_as_they_are(
    services: Services, settings: Settings
) -> None:
    photo = stored_photo(settings)
    original = media_store(settings).get(photo.sha256)
    assert original is not None and PHONE_MAKE.encode() in original
    missing = "f" * 64
    clean, kept = await sanitise(services, [photo.sha256, missing])
    assert kept == missing
    data = media_store(settings).get(clean)
    assert data is not None and PHONE_MAKE.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and not image.getexif() and image.size == (80, 60)
    assert await sanitise(services, None) == []
