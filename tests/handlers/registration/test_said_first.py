"""A check-in said in one breath, as owners type it: who the guests are, beside their names."""

from __future__ import annotations

from datetime import date

import pytest

from bot.validators.idcard import build_resident_id
from tests.support.chat import Chat
from tests.support.clock import dated_day, said_day
from tests.support.seed import GUEST_ID

WIFE_ID = build_resident_id("440304", date(1982, 3, 3), 2)


async def test_words_saying_who_the_guests_are_are_not_taken_as_the_name(
    owner_chat: Chat,
) -> None:
    """登记 一家三口 王强 <ID> … registered a guest named 一家三口, and 登记 老外 … one
    named 老外."""
    started = await owner_chat.say(f"登记 一家三口 王小明 {GUEST_ID} 302房")
    assert "姓名 王小明" in started and "一家三口" not in started
    await owner_chat.say("取消")
    foreign = await owner_chat.say("登记 老外 302")
    assert "已记下：房间号 302。" in foreign and "老外" not in foreign
    assert foreign.endswith("请输入旅客姓名（与证件一致）：")


async def test_a_word_refused_as_the_name_is_not_reported_when_the_name_is_taken(
    owner_chat: Chat,
) -> None:
    """来了个客人 张伟 <ID> got 「已记下：姓名 张伟」 and, under it, 「未记下姓名：这像是一句话」."""
    started = await owner_chat.say(f"登记 来了个人 王小明 {GUEST_ID} 302")
    assert "已记下：姓名 王小明" in started and "未记下姓名" not in started
    # With no name taken, the reason is still said.
    await owner_chat.say("取消")
    assert "未记下姓名" in await owner_chat.say(f"登记 我不知道 {GUEST_ID} 302")


async def test_a_wife_and_a_child_said_beside_the_guest_are_registered_next(
    owner_chat: Chat,
) -> None:
    """登记 王小明 <ID> 老婆刘芳 <ID> 小孩5岁没身份证: the wife's name was lost with 老婆
    glued to it, and the child was never mentioned."""
    started = await owner_chat.say(
        f"登记 王小明 {GUEST_ID} 老婆刘芳 {WIFE_ID} 小孩5岁没身份证 302房"
    )
    assert "姓名 王小明" in started
    assert "还有刘芳：这位登记完成后，发送「同住」接着登记" in started
    assert "还有孩子" in started and "户口本" in started


async def test_a_passport_or_a_permit_said_in_one_breath_is_kept(owner_chat: Chat) -> None:
    """登记 老外 John Smith 护照 E12345678 301 kept the room alone (and 老外 as the name);
    登记 陈志明 台胞证 12345678 303 asked for the document again."""
    started = await owner_chat.say("登记 老外 护照 E12345678 301")
    assert "已记下：证件类型 护照、证件号码（已记下）、房间号 301。" in started
    assert "E12345678" not in started  # not echoed back
    assert started.endswith("请输入旅客姓名（与证件一致）：")
    await owner_chat.say("取消")
    permit = await owner_chat.say("登记 陈志明 台胞证 12345678 303")
    assert "姓名 陈志明、证件类型 台湾居民来往大陆通行证、证件号码（已记下）、房间号 303" in permit
    summary = await owner_chat.say_all("男", "1970-05-06", "跳过", "现在", "跳过")
    assert "国籍/地区：中国台湾" in summary and "证件号码：****5678" in summary


async def test_a_name_in_latin_letters_is_the_name_and_a_country_never_is(
    owner_chat: Chat, landlord_chat: Chat
) -> None:
    """登记 外国人 John Smith 护照 E12345678 美国 208房 got 「已记下：姓名 美国」 and the
    nationality asked again; 登记 Tanaka Hiroshi 日本护照 … got 「姓名 日本护照」."""
    started = await owner_chat.say("登记 外国人 John Smith 护照 E12345678 美国 208房")
    assert (
        "已记下：姓名 John Smith、证件类型 护照、证件号码（已记下）、国籍/地区 美国、房间号 208。"
        in started
    )
    assert started.endswith("请选择性别：")
    tenant = await landlord_chat.say("登记 Tanaka Hiroshi 日本护照 TR1234567 今天起租")
    assert "姓名 Tanaka Hiroshi、证件类型 护照、证件号码（已记下）、国籍/地区 日本" in tenant
    assert "日本护照" not in tenant


async def test_a_foreign_guest_said_in_one_breath_keeps_the_document_and_the_country(
    owner_chat: Chat,
) -> None:
    """登记 平安 韩国客人 护照M12345678 KIM MINSU 住101 kept the name and the room alone:
    the document, its number glued to it and the nationality were asked again."""
    started = await owner_chat.say("登记 平安 韩国客人 护照M12345678 KIM MINSU 住101")
    assert (
        "已记下：姓名 KIM MINSU、证件类型 护照、证件号码（已记下）、国籍/地区 韩国、房间号 101。"
        in started
    )
    assert started.endswith("请选择性别：")
    await owner_chat.say("取消")
    # 来了个日本客人, 叫 before a Latin name: the same; 内蒙古 is no country.
    started = await owner_chat.say("登记 来了个日本客人 护照号：TR1234567 叫TANAKA HIROSHI 102")
    assert "姓名 TANAKA HIROSHI、证件类型 护照、证件号码（已记下）、国籍/地区 日本" in started
    await owner_chat.say("取消")
    started = await owner_chat.say(f"登记 内蒙古客人 王小明 {GUEST_ID} 103")
    assert "国籍/地区 蒙古" not in started and "姓名 王小明" in started


async def test_a_nickname_beside_the_name_is_not_the_name(landlord_chat: Chat) -> None:
    """登记 小刘 刘洋 身份证… stored 姓名 小刘."""
    started = await landlord_chat.say(f"登记 小刘 刘洋 身份证{GUEST_ID}")
    assert "已记下：姓名 刘洋、证件类型 居民身份证" in started and "小刘" not in started


async def test_what_was_noted_follows_the_opening_and_reads_whole(landlord_chat: Chat) -> None:
    """登记 李四 <ID> replied 「已记下：…、证件号码。」, as if the number were cut off, and
    before 「开始租客登记。」, as if noted of nothing begun."""
    started = await landlord_chat.say(f"登记 李四 {GUEST_ID}")
    opening, noted = started.index("开始租客登记。"), started.index("已记下：")
    assert opening < noted
    assert "已记下：姓名 李四、证件类型 居民身份证、证件号码（已校验）。" in started
    assert GUEST_ID not in started


async def test_a_room_with_the_letter_o_said_in_one_breath_is_asked_back(
    owner_chat: Chat,
) -> None:
    """登记 张三 身份证… 3O2 had left the room out without a word (asked later, as if never
    said), where 3O2 typed at the room's question is asked back as 302."""
    started = await owner_chat.say(f"登记 张三 身份证 {GUEST_ID} 3O2")
    assert "已记下：姓名 张三" in started
    assert started.endswith(
        "房间号是「302」吗？（字母 O 按数字 0 读）是的话请回复「是」，不是请重新输入房间号。"
    )
    assert "请输入手机号码" in await owner_chat.say("是")
    assert "房间号：302" in await owner_chat.say_all("跳过", "现在", "跳过")


async def test_a_room_asked_back_in_one_breath_takes_another_number_typed(
    owner_chat: Chat,
) -> None:
    await owner_chat.say(f"登记 张三 {GUEST_ID} 住3O3房")
    assert "请输入手机号码" in await owner_chat.say("308")
    assert "房间号：308" in await owner_chat.say_all("跳过", "现在", "跳过")


async def test_a_letter_o_elsewhere_in_the_sentence_asks_nothing_of_the_room(
    owner_chat: Chat,
) -> None:
    started = await owner_chat.say("登记 Tom Smith 护照 E1O234567 302")
    assert "房间号 302" in started and "房间号是" not in started


CHILD_ID = build_resident_id("440304", date(2015, 6, 1), 5)


async def test_who_a_companion_is_said_with_them_is_the_relation(owner_chat: Chat) -> None:
    """还有一个 他儿子 王小明 <ID> at a 同住: 同住关系 was asked after the guardian's phone
    all the same, and 儿子 had added 「还有孩子」 as if another child were to come."""
    await owner_chat.say_all(
        "登记", "王大明", "身份证", WIFE_ID, "13800001111", "306", "现在", "跳过", "确认"
    )
    offered = await owner_chat.say(f"还有一个 他儿子 王小宝 {CHILD_ID}")
    assert "同住人" in offered
    started = await owner_chat.say("是，登记同住人")
    assert (
        "已记下：姓名 王小宝、证件类型 居民身份证、证件号码（已校验）、"
        "监护人为同住成年旅客 是、监护人电话 138****1111、同住关系 父亲。" in started
    )
    assert "还有孩子" not in started
    # His father is in the room: 同住的成年旅客是其父母或其他监护人吗 is not asked either.
    summary = await owner_chat.say("跳过")
    assert "同住关系：父亲" in summary and "与其同住的是什么人" not in summary
    assert "监护人吗" not in summary and "请核对" in summary, summary


async def test_a_son_said_with_the_first_guest_is_his_relation_at_his_own_turn(
    owner_chat: Chat,
) -> None:
    """登记 王大明 <ID> 她儿子 王小宝 <ID>: the boy is the next to register, and who he is
    goes with him; an adult's (她老公) is no question of the form and is not kept."""
    started = await owner_chat.say(f"登记 刘芳 {WIFE_ID} 她儿子 王小宝 {CHILD_ID} 306")
    assert "还有王小宝" in started and "还有孩子" not in started
    await owner_chat.say_all("跳过", "现在", "跳过", "确认")
    companion = await owner_chat.say("同住")
    assert "姓名 王小宝" in companion and "同住关系 母亲" in companion
    await owner_chat.say("取消")
    husband = build_resident_id("110101", date(1980, 5, 5), 11)
    adult = await owner_chat.say_all(f"还有一个 她老公 王大明 {husband}", "是，登记同住人")
    assert "姓名 王大明" in adult and "同住关系" not in adult


async def test_sex_birth_date_and_the_stays_days_said_first_are_taken(owner_chat: Chat) -> None:
    """John Smith 美国护照 E12345678 男 1985年3月2号生的 got 没有用上：「男」、「1985年」、
    「3月2号生的」 and then 请选择性别; 王五 <ID> 8号房 现在 明天 got 没有用上：「现在」、「明天」
    and the check-in asked, with its 现在 button."""
    started = await owner_chat.say("登记 John Smith 美国护照 E12345678 男 1985年3月2号生的 301")
    assert "没有用上" not in started
    assert "性别 男、出生日期 1985年3月2日" in started
    assert "请选择性别" not in started and "出生日期（如" not in started
    await owner_chat.say("取消")
    started = await owner_chat.say(f"登记 王五 {GUEST_ID} 8号房 现在 明天")
    assert "没有用上" not in started
    assert f"入住时间 今天 10:00、预计退房 {said_day(1)}" in started
    assert started.endswith("请输入手机号码（没有可回复「跳过」）：")
    summary = await owner_chat.say("跳过")
    assert "入住时间：今天 10:00" in summary and f"预计退房：{said_day(1)}" in summary
    await owner_chat.say("取消")
    # 小明 beside 明天: the name, not a nickname of 明天 (which had been taken as the name).
    started = await owner_chat.say(f"登记 小明 {GUEST_ID} 8号房 现在 明天")
    assert "姓名 小明" in started and "姓名 明天" not in started


@pytest.mark.parametrize(("said", "days"), [("后天早上才走", 2), ("大后天中午退房", 3)])
async def test_a_check_out_day_said_with_its_part_of_the_day_is_taken(
    owner_chat: Chat, said: str, days: int
) -> None:
    """王五 <ID> 8号房 现在 后天早上才走 had left the check-out unused and asked it again."""
    started = await owner_chat.say(f"登记 王五 {GUEST_ID} 8号房 现在 {said}")
    assert "没有用上" not in started
    shown = f"后天（{dated_day(2)}）" if days == 2 else said_day(days)  # with its date
    assert f"预计退房 {shown}" in started


async def test_still_his_son_just_after_a_receipt_is_a_companion_of_the_room(
    owner_chat: Chat,
) -> None:
    """还有他儿子 张小明 <ID> just after 如有同住人员，请继续登记 had been offered as a fresh
    check-in (its own receipt, the room asked again) with 「还有孩子」 though he is the
    child: he is the guest's companion, his relation kept."""
    await owner_chat.say_all(
        "登记", "王大明", "身份证", WIFE_ID, "13800001111", "306", "现在", "跳过", "确认"
    )
    offered = await owner_chat.say(f"还有他儿子 王小宝 {CHILD_ID}")
    assert "同住人" in offered, offered
    started = await owner_chat.say("是，登记同住人")
    assert "306 房间的同住人员" in started or "房间号 306" in started, started
    assert "同住关系 父亲" in started and "还有孩子" not in started, started


async def test_details_said_up_front_are_all_kept(owner_chat: Chat) -> None:
    """303来了两个人 陈静 <ID> 周涛 <ID> asked room 303 again; 王力 <ID> B-1 dropped the
    room; SMITH JOHN 护照号 E12345678 美国人 住205 was offered a tip, its passport unused."""
    offered = await owner_chat.say_all(f"303来了两个人 陈静 {GUEST_ID} 周涛 {WIFE_ID}")
    assert "房间号 303" in await owner_chat.say(owner_chat.buttons()[0])
    await owner_chat.say("取消")
    await owner_chat.say(f"王力 {GUEST_ID} B-1")
    started = await owner_chat.say(owner_chat.buttons()[0])
    assert "房间号 B-1" in started and "没有用上" not in started, started
    await owner_chat.say("取消")
    offered = await owner_chat.say("SMITH JOHN 护照号 E12345678 美国人 住205")
    assert "登记这位旅客" in offered, offered
    started = await owner_chat.say(owner_chat.buttons()[0])
    assert "证件类型 护照、证件号码（已记下）、国籍/地区 美国、房间号 205" in started, started


async def test_a_room_said_with_whom_the_guest_shares_it_is_taken(owner_chat: Chat) -> None:
    """跟他爸一个房 302 at the room's question got 房间号只能包含数字、字母和“-”."""
    await owner_chat.say_all("登记", "王力", "身份证", GUEST_ID, "跳过")
    assert "入住时间" in await owner_chat.say("跟他爸一个房 302")
    assert "房间号：302" in await owner_chat.say_all("现在", "跳过")


async def test_a_stay_said_before_the_arrival_is_counted_at_once(owner_chat: Chat) -> None:
    """登记 李明 <ID> 住208 住一晚 刚到 said 「预计退房」（住一晚）已记下，待「入住时间」填好后
    算出, then at once 已按前面说的「住一晚」记下: the check-in was in the same sentence."""
    started = await owner_chat.say(f"登记 李明 {GUEST_ID} 住208 住一晚 刚到")
    assert "填好后算出" not in started and "已按前面说的" not in started, started
    assert f"预计退房 {said_day(1)}" in started or "预计退房 明天" in started
