"""撤销退房: the button undoes its own check-out once; a typed one asks first."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from bot.messages import Choices
from storage.models import OutboxMessage
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, WANTED_ID, Seeded

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")
WANTED = ("登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过")


def _labels(chat: Chat) -> list[str]:
    return [b.label for r in chat.last or [] if isinstance(r, Choices) for b in r.buttons]


async def _hit_notices(services: Services) -> int:
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return len([r for r in rows if r.dedupe_key.startswith("hit-checkout")])


async def test_a_typed_undo_after_an_undo_asks_before_taking_back_an_older_check_out(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """After 302 was undone, a second 撤销退房 undid 303's check-out of hours before (a
    wanted guest's, the officer told 仍登记在住), naming no place, asking nothing."""
    await owner_chat.say_all(*WANTED, "确认")
    await owner_chat.say_all(*FULL, "确认")
    assert "已办理退房" in await owner_chat.say("退房 303")
    clock.advance(minutes=50)
    assert "已办理退房" in await owner_chat.say("退房 302")
    assert "已撤销 平安旅馆 302 房间的退房" in await owner_chat.say(owner_chat.buttons()[0])
    told = await _hit_notices(services)
    asked = await owner_chat.say("撤销退房")
    assert asked.startswith("撤销 平安旅馆 303 甲** 的退房？")
    assert _labels(owner_chat) == ["确认", "取消"]
    assert await _hit_notices(services) == told  # nothing done yet
    assert "退房不变" in await owner_chat.say(owner_chat.buttons()[1])  # 取消
    assert "共 1 人" in await owner_chat.say("在住旅客")


async def test_a_typed_undo_with_several_check_outs_asks_which(
    owner_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say_all(*WANTED, "确认")
    await owner_chat.say_all(*FULL, "确认")
    await owner_chat.say("退房 303")
    clock.advance(minutes=5)
    await owner_chat.say_all("退房 302", "在住旅客")
    asked = await owner_chat.say("退错了")
    assert "有 2 次退房，要撤销哪一次" in asked
    assert _labels(owner_chat) == ["平安旅馆 302 王**", "平安旅馆 303 甲**"]
    assert "已撤销 平安旅馆 303 房间的退房" in await owner_chat.say("平安旅馆 303 甲**")
    assert "303" in await owner_chat.say("在住旅客")


async def test_an_undo_is_refused_when_the_id_is_in_the_house_again(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """302 張* undone while his ID was in 308 under a later check-in: listed twice."""
    await owner_chat.say_all(*FULL, "确认")
    await owner_chat.say("退房 302")
    button = owner_chat.buttons()[0]
    again = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "308", "现在", "跳过", "确认")
    assert "旅客登记成功" in await owner_chat.say_all(*again)
    refused = await owner_chat.say(button)
    assert "不能撤销" in refused and "的证件已在 平安旅馆 308 房间登记在住" in refused
    assert "「退房 308」" in refused
    assert "共 1 人" in await owner_chat.say("在住旅客")
    typed = await owner_chat.say("撤销退房")  # refused at once, not after 确认
    assert "不能撤销" in typed and owner_chat.buttons() == []


async def test_a_check_outs_button_undoes_that_check_out_only_once(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """Undone, then checked out again: the first receipt's button had undone the second."""
    await owner_chat.say_all(*FULL, "确认")
    await owner_chat.say("退房 302")
    first = owner_chat.buttons()[0]
    assert "已撤销" in await owner_chat.say(first)
    clock.advance(minutes=1)
    await owner_chat.say("退房 302")
    second = owner_chat.buttons()[0]
    assert first != second
    assert "已经撤销过了" in await owner_chat.say(first)
    assert "目前没有在住旅客" in await owner_chat.say("在住旅客")
    assert "已撤销" in await owner_chat.say(second)


async def test_withdraw_after_a_check_out_offers_to_undo_it(owner_chat: Chat) -> None:
    """撤回 right after 退房 302 got 没有理解 (撤回 is the officers' word for an alert)."""
    nothing = await owner_chat.say("撤回")
    assert "没有可撤销的退房" in nothing and "更正登记" in nothing  # what else, and how
    await owner_chat.say_all(*FULL, "确认")
    assert "已办理退房" in await owner_chat.say("退房 302")
    asked = await owner_chat.say("撤回")
    assert asked.startswith("撤销 平安旅馆 302 王** 的退房？")
    assert "已撤销 平安旅馆 302 房间的退房" in await owner_chat.say("确认")


async def test_an_owners_withdraw_with_a_tip_code_still_takes_back_the_tip(
    owner_chat: Chat,
) -> None:
    """撤回 is the check-out's undo for an owner, but 撤回 <查询码> is their tip's."""
    code = code_in(await submit_tip(owner_chat, "菜市场东门每天下午有人设赌局"))
    assert (await owner_chat.say(f"撤回 {code}")).startswith(f"✅ 已撤回查询码 {code} 的举报")


async def test_still_here_right_after_a_check_out_offers_to_undo_it(owner_chat: Chat) -> None:
    """搞错了 302还没走 right after 退房 302 (its receipt offering 撤销退房) had got
    「抱歉，我没有理解」."""
    await owner_chat.say_all(*FULL, "确认")
    assert "已办理退房" in await owner_chat.say("退房 302")
    offered = await owner_chat.say("搞错了 302还没走")
    assert "撤销退房" in offered, offered
    asked = await owner_chat.say(owner_chat.buttons()[0])
    assert asked.startswith("撤销 平安旅馆 302 王** 的退房？"), asked
    assert "已撤销 平安旅馆 302 房间的退房" in await owner_chat.say("确认")
