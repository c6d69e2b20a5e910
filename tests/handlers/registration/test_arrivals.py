"""An owner saying that someone came and is to be registered, in their own words."""

from __future__ import annotations

from handlers.registration.arrivals import says_arrival
from tests.support.chat import Chat


async def test_a_landlord_saying_a_tenant_came_gets_the_form(landlord_chat: Chat) -> None:
    """新来个租客 要登记 got the FAQ 出租房子要登记租客信息吗."""
    started = await landlord_chat.say("新来个租客 要登记")
    assert "开始租客登记" in started and started.endswith("请输入租客姓名（与证件一致）：")
    assert "常见问题" not in started


async def test_several_who_came_are_registered_in_turn_the_first_now(
    landlord_chat: Chat, owner_chat: Chat
) -> None:
    """来了三个人合租 … 一个一个登还是一起登 got 没有理解; 来了两个客人要登记一下 only a
    button to confirm."""
    started = await landlord_chat.say("来了三个人合租 都是工地上的 一个一个登还是一起登")
    assert "3 位要一位一位登记" in started and "「继续登记租客」" in started
    assert started.endswith("请输入租客姓名（与证件一致）：")
    guests = await owner_chat.say("来了两个客人要登记一下")
    assert "2 位要一位一位登记" in guests and "「登记同住人」" in guests
    assert guests.endswith("请输入旅客姓名（与证件一致）：")


async def test_one_not_bound_asking_how_to_register_is_told_as_by_the_word(
    resident_chat: Chat,
) -> None:
    """我是开旅馆的，怎么登记旅客 had got the FAQ 客人不想登记能让他住吗, where 登记 tells
    how to get an invitation code."""
    told = await resident_chat.say("登记")
    assert "邀请码" in told
    assert await resident_chat.say("我是开旅馆的，怎么登记旅客") == told
    assert await resident_chat.say("租客怎么登记") == told


def test_asking_how_is_no_arrival() -> None:
    assert not says_arrival("来了个外国人怎么登记")
    assert not says_arrival("出租房子要登记租客信息吗")
    assert not says_arrival("客人来了")
    assert says_arrival("刚到了一家三口 登记一下")


async def test_a_foreign_guest_said_alone_is_offered_the_passport_registration(
    owner_chat: Chat,
) -> None:
    """外国客人 and 外国人 alone had got the FAQ on reporting foreign guests, and
    来了个外国客人 没有理解, where 来了个老外 is offered 登记旅客 护照."""
    for said in ("外国客人", "外国人", "来了个外国客人", "有个外国客人"):
        offered = await owner_chat.say(said)
        assert "登记旅客 护照" in offered, (said, offered)
        assert owner_chat.buttons() == ["/登记旅客 护照"], (said, owner_chat.buttons())
    # A question about foreigners is still the question's.
    assert "您是想" not in await owner_chat.say("外国人入住要登记吗")
