"""Evidence photos lose their metadata before anyone sees them."""

from __future__ import annotations

import io

from PIL import Image

from bot.config import Settings
from bot.context import Services
from handlers.services.photos import sanitise
from tests.support.media import PHONE_MAKE, media_store, phone_jpeg, stored_photo


async def test_a_received_photo_is_stored_without_its_metadata(settings: Settings) -> None:
    """The phone's file is never written: only a bare, upright JPEG of it."""
    photo = stored_photo(settings)
    data = media_store(settings).get(photo.sha256)
    assert data is not None and PHONE_MAKE.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and not image.getexif() and image.size == (80, 60)
    files = [p for p in media_store(settings).root.rglob("*") if p.is_file()]
    assert all(PHONE_MAKE.encode() not in p.read_bytes() for p in files)


async def test_sanitise_strips_a_photo_kept_as_it_came_and_leaves_bare_ones_alone(
    services: Services, settings: Settings
) -> None:
    store = media_store(settings)
    original = store.put(phone_jpeg())  # as stored before photos were stripped on arrival
    bare = stored_photo(settings, "blue").sha256
    missing = "f" * 64
    clean, unchanged, kept = await sanitise(services, [original, bare, missing])
    assert unchanged == bare and kept == missing
    data = store.get(clean)
    assert data is not None and PHONE_MAKE.encode() not in data
    assert await sanitise(services, None) == []


async def test_a_received_jpeg_that_looks_bare_is_still_rewritten(settings: Settings) -> None:
    """Bytes after the image's end (or in segments Pillow does not report) had been kept
    as they came, the original now being the only copy."""
    plain = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(plain, format="JPEG")
    sent = plain.getvalue() + b"GPS 31.23,121.47 SecretPhoneMaker"
    photo = media_store(settings).accept_image(sent)
    kept = media_store(settings).get(photo.sha256)
    assert kept is not None and b"GPS" not in kept and b"SecretPhoneMaker" not in kept
