"""Photos as a channel would hand them over: stored in the media store, with EXIF."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from bot.config import Settings
from bot.media import MediaStore
from bot.messages import Photo

#: EXIF a phone writes, which must never reach an officer.
PHONE_MAKE = "SecretPhoneMaker"
PHONE_MODEL = "Model-XYZ-1234"


def phone_jpeg(colour: str = "red") -> bytes:
    image = Image.new("RGB", (80, 60), colour)
    exif = Image.Exif()
    exif[0x010F] = PHONE_MAKE  # Make
    exif[0x0110] = PHONE_MODEL  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 14.0, 5.0)  # GPSLatitudeRef, GPSLatitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def media_store(settings: Settings) -> MediaStore:
    return MediaStore(Path(settings.storage.media_dir))


def stored_photo(settings: Settings, colour: str = "red") -> Photo:
    """A phone photo with EXIF, accepted by the media store as a channel does."""
    return media_store(settings).accept_image(phone_jpeg(colour))
