"""A picture something still names is never deleted, whoever else let go of it; the hourly
sweep opens only the sealed values written since it last ran."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.media import MediaStore
from bot.messages import Image
from handlers.services import photo_refs
from handlers.services.orphan_media import sweep_orphans
from handlers.services.photo_refs import photos_in_use
from storage import memos
from storage.crypto import FieldCipher, new_key
from storage.models import Tip, UserMemo
from tests.handlers.wanted.support import enter_person, wanted_named
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_a_residents_tip_keeps_its_photo_when_a_card_with_the_same_picture_closes(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, officer_chat: Chat
) -> None:
    # A resident forwards the picture going round the neighbourhood; the officer has the
    # same picture (byte for byte, once stored bare) on an internal card, sealed.
    resident = RichChat(dispatcher, "resident-forwarder")
    photo = stored_photo(services.settings)
    await resident.say_all("举报", "这个人天天在小区门口卖毒品，像是通缉令上的人")
    assert "已收到1张照片" in await resident.photo(photo)
    await enter_person(officer_chat, photo=stored_photo(services.settings))
    wanted = await wanted_named(services, "乙某某")
    assert json.loads(wanted.photos) == [photo.sha256]
    # The card closes while the tip is still being written: its photo had been deleted,
    # as no saved row but the card's named it.
    assert "已标记为" in await officer_chat.say(f"/通缉 抓获 {wanted.id} 在火车站抓获")

    assert "事情发生在哪里" in await resident.say("完成")
    # 天天 is how often, not when: the time is asked, and skipped.
    assert "大概是什么时候" in await resident.say("小区东门")
    assert "默认匿名" in await resident.say("跳过")
    assert "照片：1张" in await resident.say("匿名提交")
    assert "举报已收到" in await resident.say("确认")

    async with services.sessions() as session:
        tip = (await session.exec(Tip.__table__.select())).one()  # type: ignore[attr-defined]
    [shown] = [r for r in await officer_chat.send(f"/线索 #{tip.id}") if isinstance(r, Image)]
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
    # The officers handling the tip see the picture (the channels open it sealed).
    assert shown.sha256 == photo.sha256 and store.get(shown.sha256) is not None


async def test_photos_in_use_names_what_forms_memos_and_plain_rows_hold(
    services: Services,
) -> None:
    settings = services.settings
    held, drafted, loose = (stored_photo(settings, c).sha256 for c in ("navy", "olive", "teal"))
    async with services.sessions() as session:
        await memos.remember(session, "web:r1", "photos_held", json.dumps([held]), services.clock())
        await session.commit()
        assert await photos_in_use(session, {held, loose}) == {held}
        assert await photos_in_use(session, set()) == set()
    assert drafted  # named by nothing: the sweep's business, not this function's


def _aged_photo(services: Services, store: MediaStore, colour: str) -> str:
    """A photo received two days ago."""
    sha256 = stored_photo(services.settings, colour).sha256
    two_days_ago = time.time() - 2 * 86400
    os.utime(store.path(sha256), (two_days_ago, two_days_ago))
    return sha256


async def test_the_hourly_sweep_opens_only_values_written_since_it_last_ran(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
    async with services.sessions() as session:
        for n in range(30):  # a day of memos, none naming a picture
            await memos.remember(session, f"web:r{n}", "law_question", "押金", services.clock())
        await session.commit()
    opened: list[str] = []
    decrypt = FieldCipher.decrypt

    def counting(cipher: FieldCipher, token: str, context: str = "") -> str:
        opened.append(context)
        return decrypt(cipher, token, context)

    monkeypatch.setattr(FieldCipher, "decrypt", counting)
    abandoned = _aged_photo(services, store, "blue")
    assert await sweep_orphans(services, store) == 1
    assert len(opened) >= 30 and not store.path(abandoned).exists()
    # An hour later no row changed: the sweep decrypts nothing, and still deletes.
    opened.clear()
    abandoned = _aged_photo(services, store, "green")
    assert await sweep_orphans(services, store) == 1
    assert opened == [] and not store.path(abandoned).exists()
    # A memo written since: opened, and the picture it names stays.
    held = _aged_photo(services, store, "navy")
    async with services.sessions() as session:
        await memos.remember(session, "web:r1", "photos_held", json.dumps([held]), services.clock())
        await session.commit()
    assert await sweep_orphans(services, store) == 0
    assert opened == ["user_memo.value"] and store.path(held).exists()


async def test_a_value_the_keys_do_not_open_keeps_every_picture(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    # A memo sealed with a key since removed may name any of them: none is deleted.
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
    abandoned = _aged_photo(services, store, "blue")
    other = FieldCipher.from_config({"gone": new_key()}, "gone")
    async with services.sessions() as session:
        session.add(
            UserMemo(
                user_key="web:r1",
                name="photos_held",
                value=other.encrypt(json.dumps([abandoned]), "user_memo.value"),
                updated_at=services.clock(),
            )
        )
        await session.commit()
    assert await sweep_orphans(services, store) == 0
    assert store.path(abandoned).exists()
    assert "pictures kept: a stored value does not open" in caplog.text


def _decryptions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The context of each value decrypted from now on."""
    opened: list[str] = []
    decrypt = FieldCipher.decrypt

    def counting(cipher: FieldCipher, token: str, context: str = "") -> str:
        opened.append(context)
        return decrypt(cipher, token, context)

    monkeypatch.setattr(FieldCipher, "decrypt", counting)
    return opened


async def _memos(services: Services, users: range) -> None:
    async with services.sessions() as session:
        for n in users:
            await memos.remember(session, f"web:r{n}", "law_question", "押金", services.clock())
        await session.commit()


async def _checks(services: Services, opened: list[str], times: int) -> list[int]:
    """How many values each of `times` checks in a row decrypted."""
    counts = []
    async with services.sessions() as session:
        for _ in range(times):
            opened.clear()
            assert await photos_in_use(session, {"0" * 64}) == set()  # named by nothing
            counts.append(len(opened))
    return counts


async def test_past_its_bound_a_check_opens_only_the_values_over_it(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A station with more sealed values than the memory holds (20 here, 200,000 in use).
    monkeypatch.setattr(photo_refs, "_OPENED", photo_refs._Opened(most=20))
    await _memos(services, range(30))
    opened = _decryptions(monkeypatch)
    # It had forgotten everything at the bound and opened all 30 on every check.
    assert await _checks(services, opened, 3) == [30, 10, 10]


async def test_the_values_of_deleted_rows_make_way_for_new_ones(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(photo_refs, "_OPENED", photo_refs._Opened(most=20))
    await _memos(services, range(20))
    opened = _decryptions(monkeypatch)
    assert await _checks(services, opened, 1) == [20]
    async with services.sessions() as session:
        for n in range(10):
            await memos.forget(session, f"web:r{n}", "law_question")
        await session.commit()
    await _memos(services, range(20, 30))
    # The ten new ones are opened until the ten deleted have been missed for a check.
    assert await _checks(services, opened, 3) == [10, 10, 0]
