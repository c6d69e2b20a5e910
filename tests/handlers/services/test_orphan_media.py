"""Pictures nothing names are deleted once old enough; every picture something names stays."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

from PIL import Image as PILImage

from bot import codec
from bot.context import Services
from bot.media import JPEG, MediaStore
from bot.messages import Image
from scheduler.jobs.retention import purge_expired
from storage import memos
from storage.models import WebInboxMessage
from storage.outbox import enqueue
from storage.sealed import seal
from tests.handlers.wanted.support import enter_person, images, send_photo, wanted_named
from tests.support.chat import Chat
from tests.support.media import stored_photo

DAY = 86400


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, "white").save(out, format="PNG")
    return out.getvalue()


def _aged(store: MediaStore, sha256: str, days: float) -> str:
    then = time.time() - days * DAY
    os.utime(store.path(sha256), (then, then))
    return sha256


async def test_pictures_nothing_names_go_and_named_ones_stay(
    officer_chat: Chat, services: Services
) -> None:
    settings = services.settings
    store = MediaStore(Path(settings.storage.media_dir), cipher=services.cipher)
    now = services.clock()
    # Named by a row (the card's photo), by the card index (its render), the sheet index.
    [card] = images(await enter_person(officer_chat, photo=stored_photo(settings)))
    [card_photo] = json.loads((await wanted_named(services, "乙某某")).photos)
    [sheet] = images(await officer_chat.send("/通缉"))
    # Named by a form still open (a draft of its photos).
    drafted = stored_photo(settings, "green").sha256
    await officer_chat.say("/通缉 新增")
    await send_photo(officer_chat, stored_photo(settings, "green"))
    # Held in a memo for the form picked next, queued in the outbox, shown in a web chat.
    held, queued, shown = (stored_photo(settings, c).sha256 for c in ("navy", "olive", "teal"))
    async with services.sessions() as session:
        await memos.remember(session, "web:r1", "photos_held", json.dumps([held]), now)
        enqueue(
            session,
            dedupe_key="test:queued",
            channel="web",
            chat_id="r1",
            replies=[Image(queued, "", JPEG)],
            now=now,
        )
        inbox = seal(session, codec.dumps([Image(shown, "", JPEG)]), "web_inbox.payload")
        session.add(WebInboxMessage(sender="r1", payload=inbox, created_at=now))
        await session.commit()
    named = [card.sha256, card_photo, sheet.sha256, drafted, held, queued, shown]
    for sha256 in named:
        _aged(store, sha256, 3)
    # Named by nothing: a photo sent to a form never saved, a chart whose links expired.
    abandoned = _aged(store, stored_photo(settings, "blue").sha256, 2)
    sealed_abandoned = _aged(store, stored_photo(settings, "purple").sha256, 2)
    store.seal(sealed_abandoned)
    _aged(store, sealed_abandoned, 2)
    expired_chart = _aged(store, store.put(_png((640, 360))), 8)
    # Named by nothing yet: a photo just sent, a chart whose link may still be opened.
    fresh = stored_photo(settings, "yellow").sha256
    chart = _aged(store, store.put(_png((641, 360))), 2)

    await purge_expired(services)

    for gone in (abandoned, sealed_abandoned, expired_chart):
        assert not store.path(gone).exists()
    for kept in (*named, fresh, chart):
        assert store.path(kept).exists()
    # The folders the deleted pictures left empty went with them.
    assert all(any(folder.iterdir()) for folder in store.root.glob("[0-9a-f][0-9a-f]"))
    # The form still open goes on with its photo.
    assert "姓名" in await officer_chat.say("完成")
