"""An officer saying in their own words that a hit's person was someone else."""

from __future__ import annotations

from tests.support.chat import Chat
from tests.support.seed import WANTED_ID

REGISTER_WANG = ("登记", "王强", "身份证", WANTED_ID, "13900001111", "303", "现在", "跳过", "确认")


async def test_saying_the_person_was_not_the_one_offers_to_close_the_check(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """核实了 那个王强不是本人 名字都对不上 had got 没有理解, and the hit stayed open."""
    await owner_chat.say_all(*REGISTER_WANG)
    offer = await officer_chat.say("核实了 那个王强不是本人 名字都对不上")
    assert "比中 #1（平安旅馆，王*）：记为「已核实，非本人」（备注：名字都对不上）" in offer
    tap = officer_chat.buttons()[0]
    assert tap.startswith("/完成 ") and tap.endswith(" 已核实，非本人；名字都对不上")
    # Nothing is recorded before the tap.
    assert "待核查" in await officer_chat.say("/命中")
    assert "已完成" in await officer_chat.say(tap)
    assert "已核实非本人" in await officer_chat.say("/命中")
    # Closed, it is not offered again.
    again = await officer_chat.say("核实了 那个王强不是本人 名字都对不上")
    assert "比中 #1" not in again


async def test_a_name_no_open_hit_has_is_not_offered(owner_chat: Chat, officer_chat: Chat) -> None:
    await owner_chat.say_all(*REGISTER_WANG)
    answer = await officer_chat.say("核实了 那个李四不是本人")
    assert "比中 #1" not in answer
    assert not any(b.startswith("/完成") for b in officer_chat.buttons())
    # Unsure words close nothing either.
    await officer_chat.say("那个王强疑似不是本人")
    assert not any(b.startswith("/完成") for b in officer_chat.buttons())


async def test_the_same_person_registered_twice_is_one_offer(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """王强 registered again after a check-out made two lines and two 非本人 buttons, the
    same question asked twice."""
    await owner_chat.say_all(*REGISTER_WANG)
    await owner_chat.say("退房 303")
    await owner_chat.say_all(*REGISTER_WANG[:5], "305", *REGISTER_WANG[6:])
    offer = await officer_chat.say("核实了 那个王强不是本人")
    assert "比中 #1（平安旅馆，王*）：记为「已核实，非本人」，同一人的比中 #2 一并记下" in offer
    assert "比中 #2（" not in offer
    assert officer_chat.buttons() == ["/完成 1 已核实，非本人", "/比中 1"]
    done = await officer_chat.say(officer_chat.buttons()[0])
    assert "✅ 任务 #1 已完成" in done and "✅ 任务 #2 已完成" in done
    assert "待核查" not in await officer_chat.say("/命中")
