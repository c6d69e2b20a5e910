"""The person questions of the guest and tenant forms, as owners answer them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.validators.idcard import build_resident_id
from handlers.registration.fields import origin_label
from tests.support.chat import Chat, text_of
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


async def test_the_number_off_the_household_register_is_the_childs_id_number(
    owner_chat: Chat,
) -> None:
    """户口本上的 4101… at the document type got 看不懂这个证件类型, though the bot itself
    tells owners to use the number on the 户口本: it is the child's resident ID number."""
    child = build_resident_id("410105", date(2018, 6, 1), 3)
    await owner_chat.say_all("登记", "张小明")
    taken = await owner_chat.say(f"户口本上的 {child}")
    assert "证件类型 居民身份证" in taken and child[-4:] in taken and "看不懂" not in taken
    await owner_chat.say_all("取消", "登记", "张小明")
    await owner_chat.say("户口本")
    assert "请输入手机号码" in await owner_chat.say(f"户口簿上的号码：{child}")


async def test_the_household_register_asked_about_at_the_type_is_answered(
    owner_chat: Chat,
) -> None:
    """户口本上有身份证号码的 选哪个 had got 这一步请选择「证件类型」 and the same buttons."""
    await owner_chat.say_all("登记", "张小明")
    told = await owner_chat.say("户口本上有身份证号码的 选哪个")
    assert "就是居民身份证号码：证件类型选「居民身份证」" in told
    assert "这一步请选择" not in told and told.endswith("请选择证件类型：")


async def test_an_adult_without_an_id_card_is_still_told_to_get_one(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "刘强")
    asked = await owner_chat.say("他没身份证")
    assert "临时身份证明" in asked and "户口本" not in asked


async def test_a_guest_with_a_temporary_id_card_is_registered_with_it(owner_chat: Chat) -> None:
    """身份证丢了 had been told only to fetch a 临时身份证明 from the police, though the
    temporary card they hold is a valid document itself."""
    await owner_chat.say_all("登记", "刘强")
    asked = await owner_chat.say("他身份证丢了")
    assert "临时居民身份证" in asked and "也是有效证件" in asked
    taken = await owner_chat.say("临时身份证")
    assert "看不懂" not in taken and "证件号码" in taken


async def test_a_phone_from_taiwan_without_its_code_is_told_how_to_write_it(
    owner_chat: Chat,
) -> None:
    """0912345678 from a guest of Taiwan got 手机号应为11位数字 and nothing else: no way on."""
    await owner_chat.say_all("登记", "陈志明", "台胞证", "12345678", "男", "1970-05-06")
    refused = await owner_chat.say("0912345678")
    assert "+886" in refused and refused.endswith("请输入手机号码（没有可回复「跳过」）：")
    assert "请输入房间号" in await owner_chat.say("+886 912345678")


async def test_a_hong_kong_code_without_its_plus_is_taken(owner_chat: Chat) -> None:
    """852 91234567 was refused (手机号应以13–19开头): only +852 had been taken."""
    await owner_chat.say_all("登记", "陈志明", "回乡证", "H12345678", "男", "1970-05-06")
    assert "请输入房间号" in await owner_chat.say("852 91234567")
    summary = await owner_chat.say_all("302", "现在", "跳过")
    assert "联系电话：+85*****4567" in summary, summary


async def test_a_guest_who_will_not_give_a_phone_is_told_it_is_not_required(
    owner_chat: Chat,
) -> None:
    """他不肯给手机号 got 请输入手机号码（数字） and the question again: nothing on whether
    the phone must be had."""
    await owner_chat.say_all("登记", "王小明", GUEST_ID)
    told = await owner_chat.say("他不肯给手机号")
    assert "联系电话不是必填项" in told and "回复「跳过」即可" in told
    assert told.endswith("请输入手机号码（没有可回复「跳过」）：")
    assert "请输入房间号" in await owner_chat.say("跳过")


async def test_a_country_said_again_at_the_nationality_is_the_country(owner_chat: Chat) -> None:
    """刚才说了韩国 at the nationality had been kept whole: 国籍/地区：刚才说了韩国."""
    await owner_chat.say_all("登记", "KIM MINSU", "护照", "M12345678", "男", "1990-01-01")
    refused = await owner_chat.say("刚才说了")
    assert "没有记成国籍" in refused and refused.endswith("请输入国籍或地区（如 美国、日本）：")
    assert "这像是一句话" in await owner_chat.say("不知道")
    assert "请输入手机号码" in await owner_chat.say("刚才说了韩国")
    summary = await owner_chat.say_all("跳过", "101", "现在", "跳过")
    assert "国籍/地区：韩国\n" in summary


async def test_a_mainland_phone_gets_no_calling_code_advice(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID)
    refused = await owner_chat.say("1381234567")
    assert "11位" in refused and "区号" not in refused


async def test_a_relation_said_before_the_name_is_read_off_and_the_number_kept(
    owner_chat: Chat,
) -> None:
    """她老公周杰 3201… at the name got 姓名只能是中文, and the number typed with it was lost;
    老公周杰 alone was kept as the name."""
    await owner_chat.say("登记")
    taken = await owner_chat.say(f"她老公周杰 {GUEST_ID}")
    assert "已记下：姓名、证件类型、证件号码" in taken
    assert taken.endswith("请输入手机号码（没有可回复「跳过」）：")
    assert "姓名：周杰" in await owner_chat.say_all("跳过", "302", "现在", "跳过")
    await owner_chat.say("修改 姓名")
    assert "姓名：周杰\n" in await owner_chat.say("老公周杰")


async def test_a_small_child_without_a_phone_is_not_asked_for_digits(owner_chat: Chat) -> None:
    """跟爸妈一起住的 / 孩子没有手机 at a small child's phone got 手机号只能包含数字."""
    child = build_resident_id("110105", date(2020, 5, 1), 517)
    for said in ("跟爸妈一起住的", "孩子没有手机"):
        await owner_chat.say_all("取消", "登记", "王小宝", child)
        assert (await owner_chat.say(said)).endswith("请输入房间号："), said
    # An adult's sentence is not taken for a skip, but the skip is said.
    await owner_chat.say_all("取消", "登记", "王小明", GUEST_ID)
    refused = await owner_chat.say("跟爸妈一起住的")
    assert "回复「跳过」" in refused and "只能包含数字" not in refused


@pytest.mark.parametrize(
    ("stored", "label"),
    [
        ("中国", ""),
        ("中国香港", "港澳居民"),
        ("香港", "港澳居民"),  # kept as typed before it was read as a region
        ("澳门", "港澳居民"),
        ("台湾", "台湾居民"),
        ("英国", "外国人"),
        ("Ruritania", "外国人"),
        ("CHINA", ""),
    ],
)
def test_what_someone_from_outside_the_mainland_is_called(stored: str, label: str) -> None:
    """Old rows holding 香港 had been called 外国人 in the owner's and the officer's lists."""
    assert origin_label(stored) == label


async def test_the_electronic_id_after_the_advice_is_the_resident_id(owner_chat: Chat) -> None:
    """她身份证没带 got the advice to show the electronic ID; 有电子身份证 then got
    看不懂这个证件类型."""
    await owner_chat.say_all("登记", "周强")
    advice = await owner_chat.say("她身份证没带")
    assert "电子身份证" in advice and "18位号码照常输入" in advice
    assert (await owner_chat.say("有电子身份证")).endswith("请输入证件号码：")


async def test_a_name_said_with_its_nickname_is_read_or_refused(landlord_chat: Chat) -> None:
    """名字是刘洋 小刘是外号 at the name stored 姓名 「刘洋小刘是外号」."""
    await landlord_chat.say("登记")
    assert "请选择证件类型" in await landlord_chat.say("名字是刘洋 小刘是外号")
    summary = await landlord_chat.say_all(
        "身份证", GUEST_ID, "跳过", "快递员", "跳过", "2026-11-01", "租一年"
    )
    assert "姓名：刘洋\n" in summary
    await landlord_chat.say("取消")
    await landlord_chat.say("登记")
    refused = await landlord_chat.say("刘洋小刘是外号")
    assert refused.startswith("「刘洋小刘是外号」不像是证件上的姓名")
    assert refused.endswith("请输入租客姓名（与证件一致）：")
    assert "请选择证件类型" in await landlord_chat.say("她叫刘洋")


async def test_a_bare_no_at_the_id_number_gets_the_way_forward(owner_chat: Chat) -> None:
    """没有 at the number got 身份证号只能由数字组成, while 没有身份证 got the advice."""
    await owner_chat.say_all("登记", "周强", "身份证")
    advice = await owner_chat.say("没有")
    assert "电子身份证" in advice and "只能由数字组成" not in advice
    assert advice.endswith("请输入证件号码：")
    assert "电子身份证" in await owner_chat.say_all("修改 证件类型", "没有")


async def test_a_home_return_permit_number_at_the_type_is_that_permit(owner_chat: Chat) -> None:
    """H12345678 at the document type got 看不懂这个证件类型 (an 18-digit number there was
    understood)."""
    await owner_chat.say_all("登记", "陈大文")
    taken = await owner_chat.say("H12345678")
    assert "看不懂" not in taken and taken.endswith("请选择性别：")
    summary = await owner_chat.say_all("男", "1990-01-01", "跳过", "302", "现在", "跳过")
    assert "证件类型：港澳居民来往内地通行证" in summary and "证件号码：*****5678" in summary
    assert "国籍/地区：中国香港" in summary


async def test_a_question_naming_a_document_type_chooses_nothing(owner_chat: Chat) -> None:
    """客人是外国人，护照登记要注意什么 at 证件类型 had been taken as 护照, the number
    asked next (and 上一步 said 刚才填的是：护照)."""
    await owner_chat.say_all("登记", "孙七")
    asked = await owner_chat.say("客人是外国人，护照登记要注意什么")
    assert "您是选择「护照」吗" in asked and "/咨询 客人是外国人，护照登记要注意什么" in asked
    assert "请输入证件号码" not in asked and "护照" in owner_chat.buttons()
    assert "请输入证件号码" in await owner_chat.say("护照")


async def test_a_yes_to_the_document_asked_back_chooses_it(owner_chat: Chat) -> None:
    """是, 对 or 嗯 after 您是选择「护照」吗？ had got 还差这一项：证件类型."""
    for yes in ("是", "对", "嗯"):
        await owner_chat.say_all("取消", "登记", "孙七", "客人是外国人，护照登记要注意什么")
        assert "请输入证件号码" in await owner_chat.say(yes)


async def test_only_a_plain_yes_to_the_document_asked_back_chooses_it(owner_chat: Chat) -> None:
    """好几个 after 您是选择「护照」吗？ had chosen 护照: a word beginning with 好, or one
    holding 是, is no yes. A yes as people type it (是的！, 好的👌, 👍) still is."""
    for said in ("好几个", "好像不是", "是不是要登记护照", "提交", "发吧", "就这样"):
        await owner_chat.say_all("取消", "登记", "孙七", "客人是外国人，护照登记要注意什么")
        assert "请输入证件号码" not in await owner_chat.say(said), said
    for yes in ("是的！", "好的👌", "对对对", "嗯嗯。", "👍", "OK"):
        await owner_chat.say_all("取消", "登记", "孙七", "客人是外国人，护照登记要注意什么")
        assert "请输入证件号码" in await owner_chat.say(yes), yes


async def test_a_yes_not_right_after_the_document_asked_back_chooses_nothing(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all("登记", "孙七", "客人是外国人，护照登记要注意什么", "不清楚")
    assert "请输入证件号码" not in await owner_chat.say("是")


@pytest.mark.parametrize("leaving", [("取消", "恢复"), ("今日登记",), ("/今日登记",), ("帮助",)])
async def test_a_yes_after_leaving_the_document_asked_back_chooses_nothing(
    owner_chat: Chat, leaving: tuple[str, ...]
) -> None:
    """取消 (then 恢复), another feature used, or 帮助 after 您是选择「护照」吗？: a 是 then had
    still chosen 护照, answering a question no longer on the screen."""
    await owner_chat.say_all("登记", "孙七", "客人是外国人，护照登记要注意什么", *leaving)
    reply = await owner_chat.say("是")
    assert "请输入证件号码" not in reply and reply.endswith("请选择证件类型：")


async def test_a_document_asked_back_is_one_bubble_with_the_options(owner_chat: Chat) -> None:
    """您是选择「护照」吗？ had been followed by 请选择证件类型 again: the question twice in a
    row. One bubble now, the options under it to pick another at once."""
    await owner_chat.say_all("登记", "孙七")
    replies = await owner_chat.send("客人是外国人，护照登记要注意什么")
    assert len(replies) == 1 and "请选择证件类型" not in text_of(replies[0])
    assert text_of(replies[0]).startswith("您是选择「护照」吗？")
    assert owner_chat.buttons()[:2] == ["居民身份证", "护照"]
    assert "请输入证件号码" in await owner_chat.say("2")


async def test_the_words_of_a_registration_are_no_name(owner_chat: Chat) -> None:
    """登记同住人 (the receipt's button, typed) at the companion's name had been taken as
    the name, and 请选择证件类型 asked next."""
    receipt = await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    number = receipt.split("回执号：")[1].split()[0]
    await owner_chat.say(f"/同住 {number}")
    # Now the receipt's button typed again: the companion's name is still asked.
    asked = await owner_chat.say("登记同住人")
    assert "请输入旅客姓名" in asked and "请选择证件类型" not in asked
    assert "请选择证件类型" in await owner_chat.say("李娜")


async def test_the_birth_date_is_asked_with_a_date_as_the_bot_says_it(owner_chat: Chat) -> None:
    """请输入出生日期（如 1990-01-31） had read unlike every day the bot says."""
    asked = await owner_chat.say_all("登记", "KIM MINSU", "护照", "M12345678", "男")
    assert "请输入出生日期（如 1990年1月31日）" in asked, asked
