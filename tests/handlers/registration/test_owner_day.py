"""An owner's own day: today's registrations with the guests already gone, and who is in a
room; masked, as the owner's other lists are."""

from __future__ import annotations

from datetime import date

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID

GUEST = ("登记", "王建国", "身份证", GUEST_ID, "13800001111", "306", "现在", "跳过", "确认")


async def test_an_owner_sees_todays_registrations_with_those_checked_out(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """今天登记了几个人 and 登记记录 got 「您是想「登记」吗？」, /今日登记 「该功能仅限本所民警
    使用」: no list of an owner's held the guests already checked out."""
    assert "还没有登记记录" in await owner_chat.say("登记记录")
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    listed = await owner_chat.say("/今日登记")
    assert "入住 1 人，退房 0 人" in listed and "306房　王**" in listed and "在住" in listed
    assert "王建国" not in listed and GUEST_ID not in listed
    # Asked in words, the list is shown at once: nothing is changed by it.
    assert await owner_chat.say("今天登记了几个人") == listed
    clock.advance(hours=1)
    await owner_chat.say_all("退房 306", *owner_chat.buttons()[:1])
    gone = await owner_chat.say("登记记录")
    assert "入住 1 人，退房 1 人" in gone and "306房　王**" in gone and "退房 " in gone
    out = await owner_chat.say("今天退房的有哪些")
    assert "退房 1 人" in out and "王**" in out and "您是想" not in out
    assert out == await owner_chat.say("/今日登记 退房")


async def test_who_is_in_a_room_is_shown_masked(owner_chat: Chat) -> None:
    """306住的是谁 got the FAQ on suspicious guests, then an offer of what it asked."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    room = await owner_chat.say("306住的是谁")
    assert room == await owner_chat.say("/房间住客 306")
    assert "306 房间在住 1 人" in room and "王**" in room and "王建国" not in room
    assert "更正登记 306 新房号" in room
    assert "没有在住旅客" in await owner_chat.say("/房间住客 307")


async def test_guests_due_to_leave_today_are_listed_not_the_check_outs_done(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """今天该退房的有哪些 had been offered 「今日登记 退房」, which lists the check-outs
    already done: the guests due to leave were nowhere. Then it was offered as 「今天该退房的
    旅客」（今天的登记记录，含已退房的旅客）, which the list contradicted: it is shown at once."""
    staying = build_resident_id("110105", date(1990, 3, 1), 357)
    assert "登记成功" in await owner_chat.say_all(*GUEST[:-2], "明天", "确认")
    await owner_chat.say("完成")
    second = ("登记", "李四", "身份证", staying, "跳过", "307", "现在", "后天", "确认")
    assert "登记成功" in await owner_chat.say_all(*second)
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    due = await owner_chat.say("今天该退房的有哪些")
    assert "您是想" not in due and due == await owner_chat.say("/今日登记 到期")
    assert "该退房的在住旅客 1 人" in due and "306房　王**　预计退房 今天" in due
    assert "307" not in due and "王建国" not in due and GUEST_ID not in due
    assert owner_chat.buttons() == ["退房 306"]
    assert "306 房间 1 位旅客已办理退房" in await owner_chat.say("退房 306")
    assert "没有到预计退房日" in await owner_chat.say("/今日登记 到期")


async def test_todays_times_read_today(owner_chat: Chat, clock: FakeClock) -> None:
    """入住 11-23 10:00 on the 23rd itself had read as another day."""
    await owner_chat.say_all(*GUEST)
    listed = await owner_chat.say("/今日登记")
    assert "入住 今天 10:00" in listed and "入住 11-23" not in listed, listed
    assert "入住 今天 10:00" in await owner_chat.say("306住的是谁")
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "入住 昨天 10:00" in await owner_chat.say("306住的是谁")


async def test_a_landlords_day_points_to_the_tenants_list(landlord_chat: Chat) -> None:
    """/今日登记 ended 发送「在住旅客」查看在住名单, which then told the landlord 您名下没有
    旅馆、民宿."""
    empty = await landlord_chat.say("/今日登记")
    assert "在住旅客" not in empty and "「登记租客」" in empty, empty
    await landlord_chat.say_all(
        "登记租客", "王建国", "身份证", GUEST_ID, "13800001111", "跳过", "跳过", "今天", "一年"
    )
    listed = await landlord_chat.say_all("确认", "/今日登记")
    assert "租客 王**" in listed and "在住旅客" not in listed, listed
    assert "发送「租客」查看在租租客" in listed


async def test_a_guest_registered_today_who_came_yesterday_is_listed(owner_chat: Chat) -> None:
    """A guest who came last night, entered this morning, was missing from 今日登记."""
    late = ("登记", "王建国", "身份证", GUEST_ID, "13800001111", "306", "昨天晚上10点")
    assert "登记成功" in await owner_chat.say_all(*late, "跳过", "确认")
    listed = await owner_chat.say("/今日登记")
    assert "还没有登记记录" not in listed
    assert "入住 1 人" in listed and "306房　王**" in listed and "昨天" in listed


async def test_the_days_of_an_owners_lists_read_as_days(owner_chat: Chat, clock: FakeClock) -> None:
    """今日（11-23）登记记录 and 预计退房 11-22: bare dates, unlike every other day said."""
    assert "今日（11月23日）还没有登记记录" in await owner_chat.say("/今日登记")
    assert "登记成功" in await owner_chat.say_all(*GUEST[:-2], "明天", "确认")
    assert "今日（11月23日）登记记录" in await owner_chat.say("/今日登记")
    clock.advance(days=3)  # 11-26: the guest was due on the 24th
    due = await owner_chat.say("/今日登记 到期")
    assert "今天（11月26日）该退房的在住旅客 1 人" in due, due
    assert "306房　王**　预计退房 11月24日" in due, due
