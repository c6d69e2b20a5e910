"""Pictures both ways: the largest size in, checked and kept; media-store images out."""

from __future__ import annotations

import io

from aiohttp import web
from PIL import Image as PILImage

from bot.app import MEDIA
from bot.channels.missing_pictures import GONE
from bot.media import MAX_IMAGE_BYTES
from bot.messages import Button, Choices, Image
from tests.bot.channels.telegram.support import OFFICER, RESIDENT, Telegram


def _jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


async def test_photo_is_downloaded_checked_and_stored(tg: Telegram, app: web.Application) -> None:
    data = _jpeg()
    file_id = tg.api.add_file(data)
    await tg.deliver(tg.updates.photo(RESIDENT, file_id, size=len(data)))
    # Only the largest size was fetched, and it is in the media store now.
    [get_file] = tg.api.called("getFile")
    assert get_file.params["file_id"] == file_id
    stored = [p for p in app[MEDIA].root.rglob("*") if p.is_file()]
    assert len(stored) == 1  # a bare JPEG of it, re-encoded: never the file as sent
    with PILImage.open(stored[0]) as image:
        assert image.format == "JPEG" and image.size == PILImage.open(io.BytesIO(data)).size
    assert "已收到图片" in tg.api.texts_to(RESIDENT.id)[0]


async def test_not_an_image_gets_the_reason_in_chinese(tg: Telegram) -> None:
    file_id = tg.api.add_file(b"%PDF-1.4 not a picture")
    await tg.deliver(tg.updates.photo(RESIDENT, file_id, size=22))
    assert tg.api.texts_to(RESIDENT.id) == ["无法识别该图片，请发送 JPG 或 PNG 格式的照片。"]


async def test_oversized_photo_is_refused_without_downloading(tg: Telegram) -> None:
    file_id = tg.api.add_file(b"big")
    await tg.deliver(tg.updates.photo(RESIDENT, file_id, size=MAX_IMAGE_BYTES + 1))
    assert tg.api.called("getFile") == []
    assert "图片太大" in tg.api.texts_to(RESIDENT.id)[0]


async def test_download_failure_asks_to_send_again(tg: Telegram) -> None:
    await tg.deliver(tg.updates.photo(RESIDENT, "AgAC-unknown-file", size=1000))
    assert tg.api.texts_to(RESIDENT.id) == ["图片接收失败，请稍后重新发送。"]


async def test_image_reply_is_uploaded_with_caption(tg: Telegram, app: web.Application) -> None:
    data = _jpeg(320, 240)
    sha = app[MEDIA].put(data)
    await tg.channel.send(
        str(OFFICER.id), [Image(sha, caption="在逃人员协查", mime_type="image/jpeg")]
    )
    [call] = tg.api.sent_to(OFFICER.id)
    assert call.method == "sendPhoto" and call.files["photo"] == data
    assert call.params["caption"] == "在逃人员协查"


async def test_long_caption_follows_the_photo_as_text(tg: Telegram, app: web.Application) -> None:
    sha = app[MEDIA].put(_jpeg())
    caption = "协查通报。" * 300  # 1500 characters: over Telegram's 1024 for captions
    await tg.channel.send(str(OFFICER.id), [Image(sha, caption=caption)])
    photo, text = tg.api.sent_to(OFFICER.id)
    assert photo.method == "sendPhoto" and "caption" not in photo.params
    assert text.text == caption


async def test_missing_image_degrades_to_a_line_and_its_caption(tg: Telegram) -> None:
    await tg.channel.send(str(OFFICER.id), [Image("0" * 64, caption="TJ-0001 甲某某（内部）")])
    assert tg.api.texts_to(OFFICER.id) == [f"{GONE}\nTJ-0001 甲某某（内部）"]


async def test_missing_image_without_caption_is_not_dropped_without_a_word(
    tg: Telegram,
) -> None:
    """The wanted list's contact sheet, purged: before, the officer got the list's options
    and nothing where the picture should have been."""
    listing = Choices("在逃人员（共1人）：", (Button("下一页", "/通缉 列表 2"),))
    await tg.channel.send(str(OFFICER.id), [Image("0" * 64), listing])
    assert tg.api.texts_to(OFFICER.id) == [GONE, "在逃人员（共1人）："]
