"""`/分享`: a work note reaches the station's other officers through the outbox."""

from __future__ import annotations

from bot.context import Services
from tests.support.chat import Chat
from tests.support.outbox import queued, texts_to
from tests.support.people import add_second_beat_officer, add_stranger_officer
from tests.support.seed import Seeded


async def test_note_goes_to_colleagues_of_the_station_only(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await add_second_beat_officer(services, seeded)
    await add_stranger_officer(services)
    reply = await officer_chat.say("/分享 夜查出租屋前先电话联系房东，开门率高很多。")
    assert "已分享给本所 1 位民警" in reply
    (note,) = await texts_to(services, "officer-2")
    assert note.startswith("📝 经验交流｜一号民警（一号警务区）：") and "开门率" in note
    assert [row.chat_id for row in await queued(services)] == ["officer-2"]


async def test_empty_note_and_non_officers(officer_chat: Chat, resident_chat: Chat) -> None:
    assert "请在「/分享」后写上" in await officer_chat.say("/分享")
    assert "仅限本所民警" in await resident_chat.say("/分享 你好")
