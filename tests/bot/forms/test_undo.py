"""A form cancelled with answers in it is brought back by 恢复 (or 继续) for a while."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import GuestStay, Tenancy
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID

TENANT = ("登记", "李四", "身份证", GUEST_ID)
GUEST = ("登记", "王小明", "身份证", GUEST_ID)


async def test_a_cancelled_tenant_registration_comes_back_where_it_was(
    landlord_chat: Chat,
) -> None:
    """取消 after the name and ID number had thrown them away; 继续 then got 没有理解."""
    await landlord_chat.say_all(*TENANT)
    cancelled = await landlord_chat.say("取消")
    assert cancelled == "已取消租客登记，内容未提交。误取消的话，30分钟内回复「恢复」可接着填写。"
    back = await landlord_chat.say("继续")
    assert "已恢复您刚才取消的租客登记" in back and back.endswith(
        "请输入手机号码（没有可回复「跳过」）："
    )
    summary = await landlord_chat.say_all("跳过", "快递员", "跳过", "2026-11-01", "租一年")
    assert "姓名：李四" in summary and "证件号码：**************245X" in summary


async def test_a_guest_registration_cancelled_by_command_comes_back_with_restore(
    owner_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*GUEST, "13800000000")
    assert "回复「恢复」" in await owner_chat.say("/取消")
    assert "请输入房间号" in await owner_chat.say("恢复")
    assert "登记成功" in await owner_chat.say_all("302", "现在", "跳过", "确认")
    async with services.sessions() as session:
        assert len((await session.exec(select(GuestStay))).all()) == 1
    # Submitted: nothing cancelled is left to bring back (and submit twice).
    assert "没有可恢复的填写" in await owner_chat.say("恢复")


async def test_restore_replaces_the_same_form_begun_again_with_nothing_typed(
    landlord_chat: Chat, clock: FakeClock
) -> None:
    await landlord_chat.say_all(*TENANT)
    await landlord_chat.say("取消")
    clock.advance(minutes=10)
    # Begun again a while later: the cancel's reply, long gone, may be forgotten.
    again = await landlord_chat.say("登记")
    assert "刚才取消的内容还在，回复「恢复」可接着填写。" in again, again
    assert "请输入手机号码" in await landlord_chat.say("恢复")


async def test_the_same_form_begun_right_after_a_cancel_does_not_say_it_again(
    owner_chat: Chat, landlord_chat: Chat
) -> None:
    """「刚才取消的内容还在」 had come in the middle of a new registration begun right after
    the cancel, whose reply had just said 「误取消的话…回复「恢复」」; or begun with a new
    guest's name, clearly anew."""
    await owner_chat.say_all(*GUEST)
    assert "回复「恢复」" in await owner_chat.say("取消")
    again = await owner_chat.say("登记")
    assert "刚才取消的内容" not in again and again.endswith("请输入旅客姓名（与证件一致）：")
    await owner_chat.say("取消")
    assert "刚才取消的内容" not in await owner_chat.say("登记 张三")
    await landlord_chat.say_all(*TENANT)
    await landlord_chat.say("取消")
    assert "刚才取消的内容" not in await landlord_chat.say("登记")
    assert "请输入手机号码" in await landlord_chat.say("恢复")


async def test_another_form_begun_after_a_cancel_says_nothing_of_it(
    owner_chat: Chat,
) -> None:
    """The line is the same form's: a report begun after a cancelled registration is new."""
    await owner_chat.say_all(*GUEST)
    await owner_chat.say("取消")
    assert "刚才取消的内容" not in await owner_chat.say("举报")


async def test_a_cancelled_form_is_kept_only_for_a_while(
    landlord_chat: Chat, clock: FakeClock, services: Services
) -> None:
    await landlord_chat.say_all(*TENANT)
    await landlord_chat.say("取消")
    clock.advance(minutes=31)
    assert "没有可恢复的填写" in await landlord_chat.say("恢复")
    async with services.sessions() as session:
        assert (await session.exec(select(Tenancy))).first() is None


async def test_cancelling_an_empty_form_offers_nothing_to_restore(landlord_chat: Chat) -> None:
    await landlord_chat.say("登记")
    cancelled = await landlord_chat.say("取消")
    assert "已取消租客登记" in cancelled and "恢复" not in cancelled


async def test_go_on_after_a_legal_answer_pages_the_answer_not_the_cancelled_form(
    law_dispatcher: Dispatcher, seeded: object, clock: FakeClock
) -> None:
    """继续 is also the law answer's next page: asked after the cancel, it had brought the
    registration back instead. 恢复 still does."""
    landlord = Chat(law_dispatcher, "landlord")
    await landlord.say_all(*TENANT)
    await landlord.say("取消")
    clock.advance(minutes=1)
    assert "更多" in await landlord.say("房东不登记租客会被罚款吗")
    clock.advance(minutes=1)
    paged = await landlord.say("继续")
    assert "已恢复" not in paged and "第2页" in paged, paged
    assert "请输入手机号码" in await landlord.say("恢复")
