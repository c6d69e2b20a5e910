"""Which place a registration is for: details typed before the place is picked are kept."""

from __future__ import annotations

from bot.context import Services
from bot.messages import Choices
from tests.support.chat import Chat
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, Seeded


async def _second_hotel(services: Services, seeded: Seeded) -> None:
    await second_place(services, seeded, "河畔民宿")


async def test_an_id_number_typed_at_the_place_question_is_kept_and_the_place_asked(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await _second_hotel(services, seeded)
    assert "请选择要登记旅客的场所" in await owner_chat.say("登记")
    await owner_chat.say("张三")
    asked = await owner_chat.say(GUEST_ID)
    assert "证件号码已记下" in asked and "请选择要登记旅客的场所" in asked
    assert "您是想登记" not in asked and GUEST_ID not in asked
    places = [b.label for r in owner_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert places == [seeded.hotel.name, "河畔民宿"]
    started = await owner_chat.say("河畔民宿")
    assert "场所：河畔民宿" in started and "证件号码（已校验）" in started
    assert GUEST_ID not in started


async def test_a_name_typed_at_the_place_question_is_kept_and_the_place_asked(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """张三 there had got 请点选上面的选项 and was lost (an ID number was kept)."""
    await _second_hotel(services, seeded)
    await owner_chat.say("登记")
    asked = await owner_chat.say("张三")
    assert "姓名已记下" in asked and "请选择要登记旅客的场所" in asked
    started = await owner_chat.say("河畔民宿")
    assert "场所：河畔民宿" in started and "姓名 张三" in started


async def test_chat_at_the_place_question_is_no_name(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await _second_hotel(services, seeded)
    for said in ("收到", "取消"):
        await owner_chat.say("登记")
        assert "姓名已记下" not in await owner_chat.say(said)


async def test_the_document_typed_at_the_place_question_is_kept_too(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记, 王小明, 身份证 at the place question: 身份证 had got the answer to 客人没带身份证
    能住店吗, and the ID number after it an offer to register someone, the place never
    asked again."""
    await _second_hotel(services, seeded)
    await owner_chat.say_all("登记", "王小明")
    asked = await owner_chat.say("身份证")
    assert asked.startswith("刚才写的内容已记下") and "请选择要登记旅客的场所" in asked
    assert "证件号码已记下" in await owner_chat.say(GUEST_ID)
    started = await owner_chat.say("河畔民宿")
    assert "已记下：姓名 王小明、证件类型 居民身份证、证件号码（已校验）" in started
    assert "请输入手机号码" in started


async def test_a_name_typed_under_the_offer_to_register_starts_the_form_with_it(
    owner_chat: Chat, landlord_chat: Chat
) -> None:
    """来了客人, then 张三 under 您是想用「登记旅客」吗？ got 请点选上面的选项."""
    assert "您是想用「登记旅客」" in await owner_chat.say("来了客人")
    started = await owner_chat.say("张三")
    assert "已记下：姓名 张三。" in started and started.endswith("请选择证件类型：")
    assert "您是想用「登记租客」" in await landlord_chat.say("新租客")
    started = await landlord_chat.say(f"李四 {GUEST_ID}")
    assert "姓名 李四" in started and "请输入租客姓名" not in started


async def test_a_room_with_the_letter_o_typed_before_the_place_is_asked_back(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """3O5 typed at the places had been kept as 305 without a word, where typed at the
    room's question, or with 登记 in one breath, it is asked back."""
    await _second_hotel(services, seeded)
    await owner_chat.say("登记")
    assert "已记下" in await owner_chat.say("张三 3O5")
    started = await owner_chat.say("河畔民宿")
    assert "姓名 张三" in started and "房间号 305" not in started
    assert started.endswith(
        "房间号是「305」吗？（字母 O 按数字 0 读）是的话请回复「是」，不是请重新输入房间号。"
    )
    assert "证件类型" in await owner_chat.say("是")
    await owner_chat.say("取消")
    # A room typed plainly is kept as it was, without a question.
    await owner_chat.say("登记")
    await owner_chat.say("李四 306")
    plain = await owner_chat.say("河畔民宿")
    assert "房间号 306" in plain and "房间号是" not in plain


async def test_the_places_number_typed_with_the_command_picks_the_place(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记旅客 2 张三 <ID> 302 had registered room 2 and dropped 302: 2 is the place's
    number on the list, and 302 the room."""
    await _second_hotel(services, seeded)
    started = await owner_chat.say(f"登记旅客 2 张三 {GUEST_ID} 302")
    assert "场所：河畔民宿" in started and "房间号 302" in started, started
    assert "请选择要登记旅客的场所" not in started


async def test_a_number_that_may_be_the_place_or_the_room_is_asked(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记旅客 2 张三 <ID>, no other room said: the place numbered 2, or room 2, is asked;
    either answer keeps the rest."""
    await _second_hotel(services, seeded)
    asked = await owner_chat.say(f"登记旅客 2 张三 {GUEST_ID}")
    assert "「2」是第 2 个场所（河畔民宿），还是房间号" in asked and GUEST_ID not in asked
    buttons = [b.label for r in owner_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert buttons == ["河畔民宿", f"{seeded.hotel.name} 2号房", "河畔民宿 2号房"]
    as_place = await owner_chat.say("河畔民宿")
    assert "场所：河畔民宿" in as_place and "姓名 张三" in as_place
    noted = next(line for line in as_place.splitlines() if line.startswith("已记下"))
    assert "房间号" not in noted and as_place.endswith("请输入手机号码（没有可回复「跳过」）：")
    await owner_chat.say("取消")
    await owner_chat.say(f"登记旅客 2 张三 {GUEST_ID}")
    as_room = await owner_chat.say(f"{seeded.hotel.name} 2号房")
    assert f"场所：{seeded.hotel.name}" in as_room, as_room
    assert "姓名 张三" in as_room and "房间号 2" in as_room and "证件号码（已校验）" in as_room


async def test_a_number_that_is_no_place_is_not_the_room_when_a_room_follows(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记旅客 3 张伟 302 at an owner of two places registered room 3 and dropped 302:
    which place is asked, and 302 is the room."""
    await _second_hotel(services, seeded)
    asked = await owner_chat.say("登记旅客 3 张伟 302")
    assert asked.startswith("您名下没有第 3 个场所，「3」也没有当作房间号。")
    assert "请选择要登记旅客的场所" in asked
    places = [b.label for r in owner_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert places == [seeded.hotel.name, "河畔民宿"]
    started = await owner_chat.say(seeded.hotel.name)
    assert f"场所：{seeded.hotel.name}" in started
    assert "已记下：姓名 张伟、房间号 302。" in started, started


async def test_a_leading_number_of_a_one_place_owner_is_not_the_room(owner_chat: Chat) -> None:
    """登记旅客 1 302 at an owner of one place registered room 1 (1 was the place, or a
    count): the room said after it is the room."""
    started = await owner_chat.say("登记旅客 1 302")
    assert "已记下：房间号 302。" in started, started
    await owner_chat.say("取消")
    counted = await owner_chat.say("登记 2 张伟 305")
    assert "已记下：姓名 张伟、房间号 305。" in counted, counted
    await owner_chat.say("取消")
    # With no other room said, the number is still the room.
    assert "房间号 8。" in await owner_chat.say("登记旅客 8 张伟")


async def test_a_wrong_id_number_typed_at_the_place_question_is_said_at_once(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """张三 <a number whose check digit is wrong> had got 证件号码已记下, and 未记下证件号码
    only once the place was picked: said at once, the name kept."""
    await _second_hotel(services, seeded)
    await owner_chat.say("登记")
    wrong = GUEST_ID[:17] + ("0" if GUEST_ID[17] != "0" else "1")
    asked = await owner_chat.say(f"张三 {wrong}")
    assert "未记下证件号码：身份证号校验位不正确" in asked
    assert "证件号码已记下" not in asked and "姓名已记下" in asked
    assert "请选择要登记旅客的场所" in asked and wrong not in asked
    started = await owner_chat.say("河畔民宿")
    assert "姓名 张三" in started and "证件类型 居民身份证" in started
    assert "未记下证件号码" not in started and started.endswith("请输入证件号码：")


async def test_a_wrong_id_number_said_with_the_command_is_said_before_the_place(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记旅客 张伟 <a wrong check digit> 302 at an owner of two places had been refused
    only once the place was picked: said at once, as at the place question, name and room
    kept."""
    await _second_hotel(services, seeded)
    wrong = GUEST_ID[:17] + ("0" if GUEST_ID[17] != "0" else "1")
    asked = await owner_chat.say(f"登记旅客 张伟 {wrong} 302")
    assert "未记下证件号码：身份证号校验位不正确" in asked, asked
    assert "请选择要登记旅客的场所" in asked and wrong not in asked
    started = await owner_chat.say("河畔民宿")
    assert "姓名 张伟" in started and "房间号 302" in started, started
    assert "未记下证件号码" not in started and started.endswith("请输入证件号码：")


async def test_a_homestay_said_as_where_the_guest_came_picks_it(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """民宿那边来了个客人 王力 <ID> still asked which place, the owner's only homestay."""
    await _second_hotel(services, seeded)
    await owner_chat.say(f"民宿那边来了个客人 王力 {GUEST_ID}")
    started = await owner_chat.say(owner_chat.buttons()[0])
    assert "场所：河畔民宿" in started and "请选择要登记旅客的场所" not in started, started
    assert "姓名 王力" in started, started
