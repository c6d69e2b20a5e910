"""`登记` from an owner of both a hotel and a rental: 旅客 or 租客 is asked first."""

from __future__ import annotations

from datetime import date

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType, Choices
from bot.validators.idcard import build_resident_id
from storage.models import Venue, VenueKind, VenueOwner
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID, Seeded


async def _owns(services: Services, seeded: Seeded, venue_id: int | None) -> None:
    assert seeded.owner.id is not None and venue_id is not None
    async with services.sessions() as session:
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=venue_id))
        await session.commit()


async def _hotel_and_rental(services: Services, seeded: Seeded) -> None:
    """The seeded hotel owner lets the seeded rental too."""
    await _owns(services, seeded, seeded.rental.id)


def _shown(chat: Chat) -> str:
    """Every button's title and value in the last replies."""
    return " ".join(
        f"{b.label} {b.value}" for r in chat.last or [] if isinstance(r, Choices) for b in r.buttons
    )


async def test_a_check_in_said_in_one_breath_survives_the_question_guest_or_tenant(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记 王小明 <ID> 302 asked 登记旅客 or 登记租客, then asked for the name again."""
    await _hotel_and_rental(services, seeded)
    asked = await owner_chat.say(f"登记 王小明 {GUEST_ID} 302")
    assert "请选择登记类型" in asked
    assert GUEST_ID not in _shown(owner_chat) and "王小明" not in _shown(owner_chat)
    guest, _tenant = owner_chat.buttons()
    started = await owner_chat.say(guest)
    assert "已记下：姓名 王小明、证件类型 居民身份证、证件号码（已校验）、房间号 302" in started
    assert GUEST_ID not in started
    assert started.endswith("请输入手机号码（没有可回复「跳过」）：")
    summary = await owner_chat.say_all("跳过", "现在", "跳过")
    assert "姓名：王小明" in summary and "房间号：302" in summary
    assert "旅客登记成功" in await owner_chat.say("确认")


async def test_the_tenant_form_takes_what_was_said_too(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await _hotel_and_rental(services, seeded)
    await owner_chat.say(f"登记 王小明 {GUEST_ID}")
    started = await owner_chat.say("登记租客")  # the button's title typed out
    assert "房屋：和平里5号" in started
    assert "已记下：姓名 王小明、证件类型 居民身份证、证件号码（已校验）" in started


async def test_what_was_said_waits_through_both_questions_and_is_taken_once(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """Two hotels and a rental: 旅客, then which hotel, and the details are still there."""
    await _hotel_and_rental(services, seeded)
    async with services.sessions() as session:
        second = Venue(kind=VenueKind.HOMESTAY, name="河畔民宿", beat_id=seeded.beat.id)
        session.add(second)
        await session.commit()
    await _owns(services, seeded, second.id)
    await owner_chat.say(f"登记 王小明 {GUEST_ID} 302")
    assert "请选择要登记旅客的场所" in await owner_chat.say("1")
    started = await owner_chat.say("2")
    assert "场所：河畔民宿" in started and "已记下：姓名 王小明" in started
    assert "房间号 302" in started
    # Kept once: a bare 登记 afterwards starts empty.
    await owner_chat.say("取消")
    await owner_chat.say("登记")
    assert owner_chat.buttons() == ["/登记旅客", "/登记租客"]
    await owner_chat.say("1")
    assert "已记下" not in await owner_chat.say("1")


async def test_another_guest_said_later_is_not_replaced_by_the_earlier(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await _hotel_and_rental(services, seeded)
    await owner_chat.say(f"登记 王小明 {GUEST_ID} 302")
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    await owner_chat.say(f"登记 李娜 {other} 305")
    started = await owner_chat.say("1")
    assert "姓名 李娜" in started and "房间号 305" in started and "王小明" not in started


async def test_in_a_group_the_owner_is_sent_to_a_private_chat(
    dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> None:
    await _hotel_and_rental(services, seeded)
    group = Chat(dispatcher, "owner", chat_type=ChatType.GROUP)
    told = await group.say(f"登记 王小明 {GUEST_ID} 302")
    assert "不要发在群里" in told and "请私聊本号发送「登记」" in told
    assert group.buttons() == []
