"""A capture or revocation reaches every chat that had the card, once; a card still
waiting to be sent is taken out of its message instead."""

from __future__ import annotations

import pytest

from bot import codec
from bot.channels.base import Progress
from bot.context import Services
from bot.messages import Recall, Reply, Text
from handlers.services.photo_refs import photos_in_use
from handlers.wanted.rotation import send_rotation
from storage.crypto import FieldCipher
from storage.models import CardDelivery, OutboxStatus
from storage.outbox import enqueue
from tests.handlers.broadcast.conftest import RecordingChannel, worker
from tests.handlers.test_hits import REGISTER_WANTED
from tests.handlers.wanted.support import (
    NEW_ID,
    OTHER_ID,
    card_images,
    enter_person,
    wanted_named,
)
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import stored_photo
from tests.support.outbox import opened, queued
from tests.support.people import add_second_beat_officer
from tests.support.seed import Seeded

#: Sealed columns holding messages (what a close writes one of per chat told).
SEALED_MESSAGES = {"outbox.payload", "web_inbox.payload"}


async def test_capture_tells_every_chat_that_got_the_card(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await add_second_beat_officer(services, seeded)
    await enter_person(officer_chat)
    platform = RecordingChannel()
    await worker(services, platform).run_once()
    assert len(platform.sent) == 1  # officer-2's new card
    wanted = await wanted_named(services, "乙某某")
    answer = await officer_chat.say(f"/通缉 抓获 {wanted.id} 已在车站抓获")
    # The closer is not told of their own action, nor counted: 「已通知…2 个聊天」 had
    # counted them, and 「请删除手机中保存的该卡片」 came back to them.
    assert "已通知收到过该卡片的 1 名民警。" in answer and "聊天" not in answer
    await worker(services, platform).run_once()
    [notice] = [t for t in platform.texts_to("officer-2") if "【已抓获】" in t]
    assert f"TJ-{wanted.id:04d} 乙某某 已抓获归案" in notice
    assert not [t for t in platform.texts_to("officer") if "【已抓获】" in t]
    # A second capture (a double tap) tells nobody again.
    await officer_chat.say(f"/通缉 抓获 {wanted.id}")
    before = len(platform.sent)
    await worker(services, platform).run_once()
    assert len(platform.sent) == before


async def test_a_card_not_yet_sent_is_withdrawn_not_followed_up(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await add_second_beat_officer(services, seeded)
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    answer = await officer_chat.say(f"/通缉 撤销 {wanted.id} 系重复录入")
    rows = await queued(services, "officer-2")
    assert [r.status for r in rows] == [OutboxStatus.CANCELLED]
    # The author saw it as a reply and revoked it themselves: nobody is told.
    assert "除您之外没有人收到过该卡片" in answer
    assert not [r for r in await queued(services) if "【已撤销】" in opened(r)]


async def test_closing_one_card_of_a_waiting_daily_message_keeps_the_others(
    officer_chat: Chat, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await enter_person(officer_chat)
    await enter_person(officer_chat, name="丙某某", doc_no="")
    wanted = await wanted_named(services, "乙某某")
    clock.advance(days=1)  # 10:00 the next day: after [wanted] time
    assert await send_rotation(services) == 1
    [row] = [r for r in await queued(services, "officer") if r.dedupe_key.startswith("cards:")]
    assert len(card_images(row)) == 2  # both people the station entered
    await officer_chat.say(f"/通缉 抓获 {wanted.id} 确认")
    [row] = [r for r in await queued(services, "officer") if r.dedupe_key.startswith("cards:")]
    left = card_images(row)
    assert row.status is OutboxStatus.PENDING and len(left) == 1
    assert "乙某某" not in left[0].caption and "丙某某" in left[0].caption


class NamingChannel(RecordingChannel):
    """A platform that names each message it takes, as Telegram and WeCom do."""

    async def send(  # type: ignore[override]
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        await super().send(chat_id, replies)
        return [f"m{len(self.sent)}"]


async def test_a_pushed_card_is_recalled_with_the_follow_up_the_daily_one_is_not(
    officer_chat: Chat, seeded: Seeded, services: Services, clock: FakeClock
) -> None:
    await add_second_beat_officer(services, seeded)
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    clock.advance(days=1)
    await send_rotation(services)
    platform = NamingChannel()
    await worker(services, platform).run_once()
    sent_to_2 = [replies for chat, replies in platform.sent if chat == "officer-2"]
    assert len(sent_to_2) == 2  # the new card, then the day's cards
    await officer_chat.say(f"/通缉 抓获 {wanted.id} 确认")
    [follow_up] = [r for r in await queued(services, "officer-2") if "【已抓获】" in opened(r)]
    recalls = [r for r in codec.loads(opened(follow_up)) if isinstance(r, Recall)]
    new_card_ref = next(
        ref
        for ref, (chat, _r) in ((f"m{i}", s) for i, s in enumerate(platform.sent, 1))
        if chat == "officer-2"
    )
    assert recalls == [Recall((new_card_ref,))]


@pytest.mark.parametrize(("action", "note"), [("抓获", "在旅馆抓获"), ("撤销", "已撤案")])
async def test_closing_a_card_closes_the_checks_its_hits_asked_for(
    action: str, note: str, owner_chat: Chat, officer_chat: Chat, seeded: Seeded
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    assert "核查比中 #1" in await officer_chat.say("/任务")
    answer = await officer_chat.say(f"/通缉 {action} {seeded.wanted.id} {note}")
    assert "已关闭 1 个相关核查任务" in answer
    assert "核查比中" not in await officer_chat.say("/任务")
    word = "已抓获" if action == "抓获" else "已撤销"
    assert f"该在逃人员{word}" in await officer_chat.say("/命中 1")  # no need to go and check


async def _delivered_to(services: Services, wanted_id: int, chats: int) -> None:
    """The card went out to `chats` group chats (the daily message, sent)."""
    async with services.sessions() as session:
        for n in range(chats):
            row = enqueue(
                session,
                dedupe_key=f"daily-{wanted_id}-{n}",
                channel="telegram",
                chat_id=f"-100{wanted_id}{n:04d}",
                replies=[Text("今日在逃人员")],
                now=services.clock(),
            )
            row.status = OutboxStatus.SENT
            await session.flush()
            session.add(
                CardDelivery(
                    wanted_id=wanted_id,
                    channel=row.channel,
                    chat_id=row.chat_id,
                    kind="rotation",
                    outbox_id=row.id,
                )
            )
        await session.commit()


async def test_closing_a_card_opens_no_more_sealed_messages_for_more_chats_told(
    officer_chat: Chat, seeded: Seeded, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the card's photos are shown elsewhere was asked after the close had written
    a follow-up to every chat that had the card: each was decrypted again to find it shows
    no photo, one per chat, in the officer's own command."""
    opened: list[str] = []
    decrypt = FieldCipher.decrypt

    def counted(cipher: FieldCipher, token: str, context: str) -> str:
        opened.append(context)
        return decrypt(cipher, token, context)

    monkeypatch.setattr(FieldCipher, "decrypt", counted)
    per_close = []
    for name, doc_no, colour, chats in (
        ("乙某某", NEW_ID, "red", 2),
        ("丙某某", OTHER_ID, "blue", 40),
    ):
        await enter_person(
            officer_chat, name=name, doc_no=doc_no, photo=stored_photo(services.settings, colour)
        )
        wanted = await wanted_named(services, name)
        assert wanted.id is not None
        await _delivered_to(services, wanted.id, chats)
        async with services.sessions() as session:  # what earlier work had opened already
            await photos_in_use(session, {"ab" * 32})
        opened.clear()
        answer = await officer_chat.say(f"/通缉 抓获 {wanted.id} 已在车站抓获")
        assert f"已通知收到过该卡片的 {chats} 个群或群众" in answer
        per_close.append(len([c for c in opened if c in SEALED_MESSAGES]))
    assert per_close[0] == per_close[1]
