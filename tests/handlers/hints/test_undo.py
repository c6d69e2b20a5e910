"""Removing a record in a sentence: what puts one right, in the sender's own words."""

from __future__ import annotations

from tests.support.chat import Chat
from tests.support.seed import GUEST_ID


async def test_a_landlord_removing_a_tenant_is_told_the_tenant_ways(landlord_chat: Chat) -> None:
    """删掉租客 was told 这里还不能删掉租客 and nothing of 退租 or 撤销退租."""
    told = await landlord_chat.say("删掉租客")
    assert told.startswith("租客登记提交后不能直接删掉。")
    assert "「退租」" in told and "「撤销退租」" in told and "这里还不能" not in told
    assert landlord_chat.buttons() == ["/退租", "/撤销退租"]


async def test_a_hotel_owner_removing_a_check_in_is_still_told_the_correction(
    owner_chat: Chat,
) -> None:
    told = await owner_chat.say("我要删掉一条登记")
    assert "更正登记" in told and "租客" not in told


async def test_a_landlord_removing_a_registration_is_told_the_tenant_ways(
    landlord_chat: Chat,
) -> None:
    told = await landlord_chat.say("我要删掉一条登记")
    assert "「撤销退租」" in told and "更正登记" not in told


async def test_a_removal_after_the_registration_word_is_no_check_in(owner_chat: Chat) -> None:
    """客人没住 登记要删掉 had been offered a check-in, its guest named 要删掉, and then
    更正登记, which cannot remove it: 作废登记 does (a registration of today to void)."""
    said = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "明天", "确认", "完成")
    await owner_chat.say_all(*said)
    told = await owner_chat.say("客人没住 登记要删掉")
    assert "作废登记" in told and "登记这位旅客" not in told, told
    assert any(button.startswith("/作废登记") for button in owner_chat.buttons())
    assert not any(button.startswith("/登记旅客") for button in owner_chat.buttons())
