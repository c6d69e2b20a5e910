"""An internal card's pictures do not outlive it on disk: sealed while it is active, gone
once it is edited, captured or revoked, and a link to it stops working."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp import web
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from bot.app import MEDIA, SERVICES
from bot.assembly import build_dispatcher
from bot.context import Services
from bot.media import MediaStore
from handlers.wanted.card_files import sweep_closed
from tests.handlers.wanted.support import card_images, enter_person, images, wanted_named
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.outbox import queued
from tests.support.people import add_second_beat_officer
from tests.support.seed import Seeded


def _root(services: Services) -> Path:
    return Path(services.settings.storage.media_dir)


def _file(services: Services, sha256: str) -> Path:
    return MediaStore(_root(services)).path(sha256)


async def test_an_internal_card_is_sealed_on_disk_and_the_officer_still_gets_the_png(
    officer_chat: Chat, services: Services
) -> None:
    [card] = images(await enter_person(officer_chat, photo=stored_photo(services.settings)))
    raw = _file(services, card.sha256).read_bytes()
    # A copy of the folder (a backup) shows no picture: Pillow cannot even open it.
    assert not raw.startswith(b"\x89PNG")
    with pytest.raises(UnidentifiedImageError):
        PILImage.open(io.BytesIO(raw))
    # What a channel sends the officer, read with the data key, is the card as before.
    png = MediaStore(_root(services), cipher=services.cipher).get(card.sha256)
    assert png is not None
    with PILImage.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG" and picture.size[1] > picture.size[0]


async def test_files_and_folders_are_the_servers_alone(
    officer_chat: Chat, services: Services
) -> None:
    photo = stored_photo(services.settings)
    [card] = images(await enter_person(officer_chat, photo=photo))
    for sha256 in (card.sha256, photo.sha256):
        path = _file(services, sha256)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    index = [p for p in (_root(services) / "card-index").rglob("*")]
    assert index and all(
        stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600) for p in index
    )


@pytest.mark.parametrize("closing", ["抓获 {id} 在火车站抓获", "撤销 {id} 已撤案"])
async def test_a_closed_cards_picture_and_photo_are_deleted(
    officer_chat: Chat, services: Services, closing: str
) -> None:
    photo = stored_photo(services.settings)
    [card] = images(await enter_person(officer_chat, photo=photo))
    wanted = await wanted_named(services, "乙某某")
    lock_screen = images(await officer_chat.send(f"/通缉 {wanted.id} 锁屏"))
    assert lock_screen and lock_screen[0].sha256 != card.sha256
    assert _file(services, card.sha256).exists() and _file(services, photo.sha256).exists()
    assert "已标记为" in await officer_chat.say("/通缉 " + closing.format(id=wanted.id))
    gone = [card.sha256, photo.sha256, *(image.sha256 for image in lock_screen)]
    assert not any(_file(services, sha256).exists() for sha256 in gone)


async def test_an_edited_cards_old_picture_is_deleted(
    officer_chat: Chat, services: Services
) -> None:
    [before] = images(await enter_person(officer_chat))
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say(f"/通缉 修改 {wanted.id}")
    await officer_chat.say_all("修改 案由", "涉嫌合同诈骗罪，已被网上追逃")
    [after] = images(await officer_chat.send("确认"))
    assert after.sha256 != before.sha256
    assert not _file(services, before.sha256).exists()
    png = MediaStore(_root(services), cipher=services.cipher).get(after.sha256)
    assert png is not None and png.startswith(b"\x89PNG")
    # The card shown now is the edited one, drawn again if asked for.
    [shown] = images(await officer_chat.send(f"/通缉 {wanted.id}"))
    assert shown.sha256 == after.sha256


async def test_an_internal_card_link_is_short_lived_and_dies_with_the_card(  # type: ignore[no-untyped-def]
    app: web.Application, app_seeded: Seeded, aiohttp_client
) -> None:
    client = await aiohttp_client(app)
    services = app[SERVICES]
    officer = Chat(build_dispatcher(services), "officer", channel="web")
    [card] = images(await enter_person(officer))
    link = app[MEDIA].link(card.sha256)  # as the web chat shows the card
    # Enough to open it from the chat, not a week to pass it around.
    expires = int(parse_qs(urlsplit(link).query)["e"][0])
    assert expires <= time.time() + 3600
    response = await client.get(link)
    assert response.status == 200 and response.content_type == "image/png"
    assert (await response.read()).startswith(b"\x89PNG")
    wanted = await wanted_named(services, "乙某某")
    await officer.say(f"/通缉 撤销 {wanted.id} 已撤案")
    assert (await client.get(link)).status == 404


async def test_the_lists_contact_sheet_is_sealed_on_disk(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat, photo=stored_photo(services.settings))
    [sheet] = images(await officer_chat.send("/通缉"))
    assert not _file(services, sheet.sha256).read_bytes().startswith(b"\x89PNG")
    png = MediaStore(_root(services), cipher=services.cipher).get(sheet.sha256)
    assert png is not None and png.startswith(b"\x89PNG")


async def test_a_closed_public_cards_pictures_are_deleted(
    officer_chat: Chat, services: Services
) -> None:
    # Public renders are stored plain and had been left on disk once the card was closed.
    [card] = images(await enter_person(officer_chat, visibility="公开"))
    wanted = await wanted_named(services, "乙某某")
    lock_screen = images(await officer_chat.send(f"/通缉 {wanted.id} 锁屏"))
    assert _file(services, card.sha256).exists() and not MediaStore(_root(services)).sealed(
        card.sha256
    )
    assert "已标记为" in await officer_chat.say(f"/通缉 抓获 {wanted.id} 在火车站抓获")
    gone = [card.sha256, *(image.sha256 for image in lock_screen)]
    assert not any(_file(services, sha256).exists() for sha256 in gone)


async def test_a_card_waiting_to_be_sent_goes_out_as_edited(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    # The push to the other officer is still queued when the card is edited: it had kept
    # naming the old render, deleted with the edit, and arrived as （图片已不可用）.
    await add_second_beat_officer(services, seeded)
    [before] = images(await enter_person(officer_chat))
    wanted = await wanted_named(services, "乙某某")
    [row] = await queued(services, "officer-2")
    assert card_images(row)[0].sha256 == before.sha256
    await officer_chat.say(f"/通缉 修改 {wanted.id}")
    await officer_chat.say_all("修改 案由", "涉嫌合同诈骗罪，已被网上追逃")
    [after] = images(await officer_chat.send("确认"))
    [row] = await queued(services, "officer-2")
    [sent] = card_images(row)
    assert sent.sha256 == after.sha256 and sent.caption == after.caption
    assert MediaStore(_root(services), cipher=services.cipher).get(sent.sha256) is not None
    assert not _file(services, before.sha256).exists()


async def test_the_lists_contact_sheets_are_deleted_a_day_after_they_were_shown(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat, photo=stored_photo(services.settings))
    [old] = images(await officer_chat.send("/通缉"))
    entry = _root(services) / "sheet-index" / old.sha256
    day_ago = time.time() - 25 * 3600
    os.utime(entry, (day_ago, day_ago))
    await enter_person(officer_chat, name="丙某某", doc_no="")
    [fresh] = images(await officer_chat.send("/通缉"))
    assert fresh.sha256 != old.sha256
    await sweep_closed(services)
    assert not _file(services, old.sha256).exists()
    assert _file(services, fresh.sha256).exists()
