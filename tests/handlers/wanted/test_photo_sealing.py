"""An internal card's photos are sealed on disk, and officers still see them."""

from __future__ import annotations

import io
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
from bot.messages import Reply
from handlers.services.photos import load as load_photos
from handlers.wanted.facts import portrait
from tests.handlers.wanted.support import enter_person, send_photo, wanted_named
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.seed import Seeded

JPEG_START = b"\xff\xd8"


def _text(replies: list[Reply]) -> str:
    return "\n".join(getattr(reply, "text", "") for reply in replies)


def _root(services: Services) -> Path:
    return Path(services.settings.storage.media_dir)


def _raw(services: Services, sha256: str) -> bytes:
    return MediaStore(_root(services)).path(sha256).read_bytes()


async def _photo_of(services: Services, name: str = "乙某某") -> str:
    [sha256] = load_photos((await wanted_named(services, name)).photos)
    return sha256


async def test_an_internal_cards_photo_is_sealed_and_the_officer_link_shows_it(  # type: ignore[no-untyped-def]
    app: web.Application, app_seeded: Seeded, aiohttp_client
) -> None:
    client = await aiohttp_client(app)
    services = app[SERVICES]
    officer = Chat(build_dispatcher(services), "officer", channel="web")
    await enter_person(officer, photo=stored_photo(services.settings))
    sha256 = await _photo_of(services)
    # A copy of the folder (a backup) shows no face: the file is no picture at all.
    raw = _raw(services, sha256)
    assert not raw.startswith(JPEG_START)
    with pytest.raises(UnidentifiedImageError):
        PILImage.open(io.BytesIO(raw))
    # The card is still drawn with the face, not the silhouette.
    wanted = await wanted_named(services, "乙某某")
    face = portrait(services, wanted)
    assert face is not None and face.startswith(JPEG_START)
    # The officer's link opens it, for half an hour, and the browser keeps no copy.
    link = app[MEDIA].link(sha256)
    assert int(parse_qs(urlsplit(link).query)["e"][0]) <= time.time() + 3600
    response = await client.get(link)
    assert response.status == 200 and response.content_type == "image/jpeg"
    assert await response.read() == face
    assert response.headers["Cache-Control"] == "no-store"
    # Without the link's signature (anyone else, a venue owner guessing): nothing.
    assert (await client.get(f"/media/{sha256}")).status == 404


async def test_a_photo_sent_to_the_form_is_sealed_before_the_card_is_saved(
    officer_chat: Chat, services: Services
) -> None:
    # A form left at its second question had left the face plain on disk.
    photo = stored_photo(services.settings)
    await officer_chat.say("/通缉 新增")
    assert "已收到1张照片" in _text(await send_photo(officer_chat, photo))
    assert not _raw(services, photo.sha256).startswith(JPEG_START)
    await officer_chat.say("取消")
    assert not _raw(services, photo.sha256).startswith(JPEG_START)


async def test_a_public_cards_photo_stays_sealed_and_its_card_shows_the_face(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat, visibility="公开", photo=stored_photo(services.settings))
    sha256 = await _photo_of(services)
    assert not _raw(services, sha256).startswith(JPEG_START)
    face = portrait(services, await wanted_named(services, "乙某某"))
    assert face is not None and face.startswith(JPEG_START)


async def test_a_card_made_internal_has_its_photo_sealed(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat, visibility="公开", photo=stored_photo(services.settings))
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say(f"/通缉 修改 {wanted.id}")
    await officer_chat.say("修改 可见范围")
    await officer_chat.say("内部")
    assert "已更新" in await officer_chat.say("确认")
    sha256 = await _photo_of(services)
    assert not _raw(services, sha256).startswith(JPEG_START)
    assert MediaStore(_root(services), cipher=services.cipher).get(sha256) is not None
