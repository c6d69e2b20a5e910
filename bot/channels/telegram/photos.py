"""Received pictures: fetch the largest version from Telegram, check it, keep it."""

from __future__ import annotations

import asyncio

from telegram import Bot

from bot.media import MAX_IMAGE_BYTES, MediaError, MediaStore
from bot.messages import Photo


async def fetch_photo(bot: Bot, media: MediaStore, file_id: str, size: int | None) -> Photo:
    """Raises `MediaError` (Chinese, for the sender) or `telegram.error.TelegramError`."""
    if size is not None and size > MAX_IMAGE_BYTES:
        # Known from the update: refuse before downloading up to 20 MB for nothing.
        raise MediaError(
            f"图片太大（超过{MAX_IMAGE_BYTES // (1024 * 1024)}MB），请压缩后重新发送。"
        )
    file = await bot.get_file(file_id)
    data = await file.download_as_bytearray()
    return await asyncio.to_thread(media.accept_image, bytes(data))
