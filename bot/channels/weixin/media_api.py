"""Temporary media (素材), the same calls on the official account and WeCom."""

from __future__ import annotations

import aiohttp

from bot.channels.weixin.client import BUSY, ApiClient, ApiError
from bot.media import MediaStore
from bot.messages import Image

_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}


async def upload_image(client: ApiClient, data: bytes, mime_type: str) -> str:
    """Upload a picture (kept 3 days by the platform); returns its media_id."""

    def form() -> aiohttp.FormData:
        body = aiohttp.FormData()
        name = f"image.{_EXTENSIONS.get(mime_type, 'jpg')}"
        body.add_field("media", data, filename=name, content_type=mime_type)
        return body

    answer = await client.call("/cgi-bin/media/upload", params={"type": "image"}, form=form)
    media_id = answer.get("media_id")
    if not isinstance(media_id, str) or not media_id:
        raise ApiError(BUSY, "no media_id in the answer")
    return media_id


async def download_media(client: ApiClient, media_id: str, limit: int) -> bytes:
    """A file a user sent; raises `ApiError` (also when it is larger than `limit`)."""
    return await client.download("/cgi-bin/media/get", {"media_id": media_id}, limit)


async def upload_stored(client: ApiClient, media: MediaStore, image: Image) -> str | None:
    """Upload a picture from our media store; None when the store no longer has it (purged
    while its reply was being sent): the caller sends its line of text instead."""
    data = media.get(image.sha256)
    if data is None:
        return None
    return await upload_image(client, data, image.mime_type)
