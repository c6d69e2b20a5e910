"""The person questions of the guest and tenant forms, as owners answer them."""

from __future__ import annotations

from tests.support.chat import Chat
from tests.support.seed import GUEST_ID


async def test_a_child_without_an_id_card_is_told_which_number_to_use(owner_chat: Chat) -> None:
    """小孩没身份证 at the document type got 看不懂这个证件类型; 没有 at the number of 其他
    a format error: no way to register a family's child."""
    await owner_chat.say_all("登记", "王小宝")
    asked = await owner_chat.say("小孩没身份证")
    assert "户口本" in asked and "居民身份证" in asked and "看不懂" not in asked
    assert asked.endswith("请选择证件类型：")
    await owner_chat.say("其他")
    assert "户口本" in await owner_chat.say("孩子5岁 还没办")


async def test_an_adult_without_an_id_card_is_still_told_to_get_one(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "刘强")
    asked = await owner_chat.say("他没身份证")
    assert "临时身份证明" in asked and "户口本" not in asked


async def test_a_phone_from_taiwan_without_its_code_is_told_how_to_write_it(
    owner_chat: Chat,
) -> None:
    """0912345678 from a guest of Taiwan got 手机号应为11位数字 and nothing else: no way on."""
    await owner_chat.say_all("登记", "陈志明", "台胞证", "12345678", "男", "1970-05-06")
    refused = await owner_chat.say("0912345678")
    assert "+886" in refused and refused.endswith("请输入手机号码（没有可回复「跳过」）：")
    assert "请输入房间号" in await owner_chat.say("+886 912345678")


async def test_a_mainland_phone_gets_no_calling_code_advice(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID)
    refused = await owner_chat.say("1381234567")
    assert "11位" in refused and "区号" not in refused
