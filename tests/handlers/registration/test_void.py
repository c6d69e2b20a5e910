"""作废登记: an owner voids a mistaken guest registration; lists and counts forget it."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from bot.messages import Choices
from storage.models import GuestStay, OutboxMessage
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import opened
from tests.support.seed import GUEST_ID, WANTED_ID

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")
WANTED = ("登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过")


def _labels(chat: Chat) -> list[str]:
    return [b.label for r in chat.last or [] if isinstance(r, Choices) for b in r.buttons]


async def _void_notices(services: Services) -> list[str]:
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return [opened(r) for r in rows if r.dedupe_key.startswith("stay-void:")]


async def test_a_voided_stay_leaves_every_list_and_keeps_its_row(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*FULL, "确认")
    asked = await owner_chat.say("作废登记 302 王小明")
    assert "作废 平安旅馆 302 王**" in asked and "请选择原因" in asked
    assert _labels(owner_chat) == [
        "客人未入住", "重复登记", "登记错误需重登", "其他", "取消",
    ]  # fmt: skip
    not_in = owner_chat.buttons()[0]
    assert "共 1 人" in await owner_chat.say("在住旅客")  # nothing done before a reason
    done = await owner_chat.say(not_in)
    assert "已作废 平安旅馆 302 王**" in done and "10 分钟内可撤销" in done
    assert "302" not in await owner_chat.say("在住旅客")
    assert "王**" not in await owner_chat.say("今日登记")
    assert "王**" not in await officer_chat.say("/场所 1 住客")
    async with services.sessions() as session:
        kept = (await session.exec(select(GuestStay).execution_options(include_voided=True))).one()
    assert kept.voided_at is not None and kept.void_reason == "客人未入住"
    assert kept.checked_out_at is None  # no check-out that never happened
    assert await _void_notices(services) == []  # an ordinary guest: no officer news


async def test_past_the_window_the_owner_is_sent_to_the_officer(
    owner_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say_all(*FULL, "确认")
    clock.advance(hours=25)
    late = await owner_chat.say("作废登记 302")
    assert "已超过 24 小时，不能自行作废" in late and "问民警" in late
    assert "302" in await owner_chat.say("在住旅客")


async def test_voiding_a_hit_tells_the_officer_and_not_the_owner(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*WANTED, "确认")
    await owner_chat.say("作废登记 303")
    done = await owner_chat.say("重复登记")
    assert "已作废" in done and "比中" not in done
    notices = await _void_notices(services)
    assert len(notices) == 1 and "比中 #1" in notices[0] and "重复登记" in notices[0]
    # The stay's own record still opens, marked voided.
    assert "已作废（重复登记）" in await officer_chat.say("/命中 1")


async def test_a_void_is_undone_within_ten_minutes_only(owner_chat: Chat, clock: FakeClock) -> None:
    await owner_chat.say_all(*FULL, "确认", "作废登记 302", "其他")
    undo = owner_chat.buttons()[0]
    clock.advance(minutes=5)
    assert "已撤销作废" in await owner_chat.say(undo)
    assert "共 1 人" in await owner_chat.say("在住旅客")
    await owner_chat.say_all("作废登记 302", "其他")
    clock.advance(minutes=11)
    assert "没有可撤销的作废登记" in await owner_chat.say("撤销作废")
    assert "302" not in await owner_chat.say("在住旅客")


async def test_a_void_is_not_undone_once_the_guest_is_registered_again(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all(*FULL, "确认", "作废登记 302", "登记错误需重登")
    undo = owner_chat.buttons()[0]
    again = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "308", "现在", "跳过", "确认")
    assert "旅客登记成功" in await owner_chat.say_all(*again)
    refused = await owner_chat.say(undo)
    assert "不能撤销" in refused and "308" in refused
    listing = await owner_chat.say("在住旅客")
    assert "共 1 人" in listing and "308" in listing
