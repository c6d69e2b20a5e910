"""Tenant registration by a landlord, the tenant list and move-out."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType, Choices
from bot.validators.idcard import build_resident_id
from bot.validators.masking import mask_stored_id_number
from handlers.registration.tenant import _lease_end
from handlers.registration.timefmt import to_local
from storage.models import Tenancy, Venue, VenueKind, VenueOwner, WatchHit
from tests.support.chat import Chat
from tests.support.clock import said_day
from tests.support.seed import GUEST_ID, WANTED_ID, Seeded


async def test_landlord_registers_tenant_lists_and_moves_out(
    landlord_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "快递员", "跳过", "2026-11-01"
    )
    summary = await landlord_chat.say("2026-10-01")
    assert "租约到期日不能早于起租日期" in summary
    summary = await landlord_chat.say("租一年")  # the lease's length: it ends 2027-10-31
    assert f"到期日期：{said_day(date(2027, 10, 31))}" in summary
    assert "职业：快递员" in summary and "工作单位：（无）" in summary
    receipt = await landlord_chat.say("确认")
    assert "租客登记成功" in receipt and "门牌 200001" in receipt and "回执号：T" in receipt
    listing = await landlord_chat.say("/租客")
    assert "李*" in listing and GUEST_ID not in listing
    assert "已登记 李* 搬离" in await landlord_chat.say_all("/退租 1", "确认搬离")
    assert "目前没有在租租客" in await landlord_chat.say("/租客")
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    assert tenancy.moved_out_at is not None and tenancy.occupation == "快递员"


async def test_wanted_tenant_is_matched(landlord_chat: Chat, services: Services) -> None:
    reply = await landlord_chat.say_all(
        "登记", "甲某某", "身份证", WANTED_ID, "跳过", "跳过", "跳过", "今天", "跳过", "确认"
    )
    assert "租客登记成功" in reply and "比中" not in reply
    async with services.sessions() as session:
        hit = (await session.exec(select(WatchHit))).one()
    assert hit.registration_kind == "tenant"


async def test_hotel_owner_has_no_rental_to_register(owner_chat: Chat) -> None:
    assert "没有可登记租客的场所" in await owner_chat.say("/登记租客")


async def test_the_same_tenant_twice_in_one_house_is_refused(landlord_chat: Chat) -> None:
    tenant = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")
    again = await landlord_chat.say_all(*tenant[:4])
    assert f"已登记在租（起租 {said_day(date(2026, 11, 1))}）" in again and again.endswith(
        "请输入证件号码："
    )
    await landlord_chat.say("取消")
    assert "已登记 李* 搬离" in await landlord_chat.say_all("/退租 1", "确认搬离")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")  # moving back in


async def test_move_out_names_the_tenant_and_asks_once(landlord_chat: Chat) -> None:
    tenant = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    assert "租客登记成功" in await landlord_chat.say_all(*tenant, "确认")
    ask = await landlord_chat.say("/退租 1")
    assert "确认 李*" in ask and "已搬离？" in ask and "已登记" not in ask
    assert "李*" in await landlord_chat.say("不是")  # the list again, nothing changed
    await landlord_chat.say("/退租 1")
    confirm = landlord_chat.buttons()[0]
    assert "已登记 李* 搬离" in await landlord_chat.say("确认搬离")
    assert "没有在租租客" in await landlord_chat.say(confirm)  # an old button pressed again
    assert "目前没有在租租客" in await landlord_chat.say("/租客")


async def test_a_lease_that_already_ended_is_refused(landlord_chat: Chat) -> None:
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过")
    await landlord_chat.say("2025-11-01")
    refused = await landlord_chat.say("2025-12-31")
    assert f"租约到期日 {said_day(date(2025, 12, 31))} 已过" in refused and "核对年份" in refused
    assert f"到期日期：{said_day(date(2026, 12, 31))}" in await landlord_chat.say("2026-12-31")


async def test_a_foreign_tenant_reminds_the_landlord_of_the_24_hour_duty(
    landlord_chat: Chat,
) -> None:
    receipt = await landlord_chat.say_all(
        "登记", "Tanaka Hiroshi", "护照", "TR1234567", "男", "1990-01-01", "日本",
        "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认",
    )  # fmt: skip
    assert "租客登记成功" in receipt and "该租客为外国人" in receipt and "24小时" in receipt


async def test_two_tenants_of_one_surname_are_told_apart_and_a_full_name_picks_one(
    landlord_chat: Chat,
) -> None:
    other = build_resident_id("110105", date(1992, 6, 1), 521)
    for name, number in (("李四", GUEST_ID), ("李五", other)):
        await landlord_chat.say_all(
            "登记", name, "身份证", number, "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认"
        )
    assert "请选择搬离的租客" in await landlord_chat.say("退租")
    labels = [
        b.label for r in landlord_chat.last or [] if isinstance(r, Choices) for b in r.buttons
    ]
    assert len(labels) == 2 and labels[0] != labels[1]  # 李* and 李* apart by masked IDs
    assert GUEST_ID not in labels[0] and GUEST_ID[-4:] in labels[0]
    assert "确认 李*" in await landlord_chat.say("退租 李五")
    assert "已登记 李* 搬离" in await landlord_chat.say("确认搬离")
    assert "共 1 人" in await landlord_chat.say("租客")


def test_a_lease_length_ends_the_day_before_the_same_day_or_on_a_short_months_last() -> None:
    assert _lease_end(date(2026, 12, 1), "租一年") == date(2027, 11, 30)
    assert _lease_end(date(2027, 1, 31), "1个月") == date(2027, 2, 28)
    assert _lease_end(date(2026, 12, 1), "12月") is None  # December, not twelve months


async def test_a_second_word_at_the_phone_is_no_job(landlord_chat: Chat) -> None:
    """13912345678 下个月搬走 at the phone question stored 下个月搬走 as the tenant's job."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID)
    taken = await landlord_chat.say("13912345678 下个月搬走")
    assert taken.startswith("已记下：联系电话。没有用上：「下个月搬走」") and "职业" in taken


async def test_a_lease_start_typed_at_the_workplace_is_taken_as_the_lease_start(
    landlord_chat: Chat, services: Services
) -> None:
    """从这个月1号开始住 at the 工作单位 question was stored as the tenant's employer."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过")
    # A time of day no lease starts on is explained (the lease's end, which could read it,
    # needs its start first).
    assert "这像是日期，不是职业" in await landlord_chat.say("明天下午")
    await landlord_chat.say("快递员")
    taken = await landlord_chat.say("从这个月1号开始住")
    assert taken.startswith("已把这句记为「起租日期」，请接着填写：\n请输入工作单位或就读学校")
    summary = await landlord_chat.say_all("跳过", "跳过")  # no workplace; no end of lease
    assert "工作单位：（无）" in summary and f"起租日期：{said_day(date(2026, 11, 1))}" in summary
    # With the lease's start answered, a day at the workplace is explained, not kept.
    again = await landlord_chat.say_all("修改 工作单位", "下个月1号搬进来")
    assert again.startswith("这像是日期，不是工作单位或学校。") and "就读学校" in again
    await landlord_chat.say("跳过")
    # Said so at its own question, the lease's start is read too.
    edited = await landlord_chat.say_all("修改 起租日期", "12月1日起租", "跳过")
    assert f"起租日期：{said_day(8)}" in edited
    assert "租客登记成功" in await landlord_chat.say("确认")
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    assert tenancy.workplace == "" and tenancy.lease_start == date(2026, 12, 1)


async def test_a_tenant_said_in_one_breath_keeps_what_was_said(landlord_chat: Chat) -> None:
    """登记租客 李四 身份证<ID> 电话<phone> threw it all away and asked for the name; 住302
    with it was dropped without a word, and 不清楚哪个厂 跳过吧 kept as the workplace."""
    started = await landlord_chat.say(f"登记租客 李四 身份证{GUEST_ID} 电话13800001111 住302")
    assert (
        "已记下：姓名 李四、证件类型 居民身份证、证件号码（已校验）、联系电话（已记下）、"
        "房间号 302。" in started
    )
    assert "未记下房间号" not in started
    assert GUEST_ID not in started and "13800001111" not in started  # not echoed back
    assert started.endswith("请输入租客职业（没有可回复「跳过」）：")
    summary = await landlord_chat.say_all("跳过", "不清楚哪个厂 跳过吧", "今天", "跳过")
    assert "联系电话：138****1111" in summary and "性别：男" in summary
    assert "工作单位：（无）" in summary and "哪个厂" not in summary
    assert "租客登记成功" in await landlord_chat.say("确认")


async def test_a_rent_said_in_the_first_message_is_no_room(landlord_chat: Chat) -> None:
    """租了个房子给小王 月租1500 had been told 未记下房间号 1500 (住1500): a number of 租,
    月租, 房租, 元 or 块 is money, never a room."""
    for said in (
        "登记 租了个房子给小王 月租1500",
        "登记 小王 房租2000一个月",
        "登记 小王 月租 1500",
        "登记 小王 租金：1800",
        "登记 小王 1500 元一个月",
    ):
        started = await landlord_chat.say(said)
        assert "房间号" not in started and "住1" not in started, (said, started)
        await landlord_chat.say("取消")
    # A room said beside a rent is still kept.
    started = await landlord_chat.say("登记 李四 住302 月租1500")
    assert "房间号 302" in started and "1500" not in started, started


async def test_an_id_number_typed_at_the_document_type_is_taken(landlord_chat: Chat) -> None:
    """The number typed where 证件类型 was asked got 看不懂这个证件类型; 李四 <ID> <phone>
    at the name kept the name alone."""
    await landlord_chat.say_all("登记", "李四")
    taken = await landlord_chat.say(f"身份证号：{GUEST_ID}")
    # Both answers it gave are said (the type had been chosen unseen), the number masked.
    masked = mask_stored_id_number(GUEST_ID)
    assert taken == (
        f"已记下：证件类型 居民身份证，证件号码 {masked}。\n请输入手机号码（没有可回复「跳过」）："
    )
    await landlord_chat.say("取消")
    await landlord_chat.say("登记")
    taken = await landlord_chat.say(f"李四 {GUEST_ID} 13800001111")
    assert taken.startswith("已记下：姓名、证件类型、证件号码、联系电话。\n请输入租客职业")
    # Said again at the job, the numbers are not kept there (the column is not encrypted).
    again = await landlord_chat.say(f"李四 {GUEST_ID} 13800001111")
    assert "没有用上：身份证号、手机号" in again and GUEST_ID not in again
    assert "不要填证件号码或电话" in await landlord_chat.say_all("上一步", "外卖员13800001111")
    summary = await landlord_chat.say_all("外卖员", "跳过", "今天", "跳过")
    assert (
        "证件类型：居民身份证" in summary
        and "职业：外卖员" in summary
        and "联系电话：138****1111" in summary
    )


async def test_a_legal_question_at_the_job_is_answered_and_the_job_asked_again(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """不登记租客会罚款吗, the landlord's own question typed where the job is asked, had
    been pointed to 「/咨询 不登记租客会罚款吗」: it is answered there and then, as with
    no form open, and the job asked again, the answers given kept."""
    landlord = Chat(law_dispatcher, "landlord")
    await landlord.say_all("登记", f"李四 {GUEST_ID} 13800001111")
    asked = await landlord.say("不登记租客会罚款吗")
    assert "/咨询" not in asked and "《" in asked and "没有理解" not in asked, asked
    assert asked.endswith("请输入租客职业（没有可回复「跳过」）："), asked
    summary = await landlord.say_all("外卖员", "跳过", "今天", "跳过")
    assert "职业：外卖员" in summary and "联系电话：138****1111" in summary, summary


async def _second_house(services: Services, seeded: Seeded, name: str) -> None:
    """Give the seeded landlord another rental in the same beat."""
    async with services.sessions() as session:
        second = Venue(kind=VenueKind.RENTAL, name=name, beat_id=seeded.beat.id)
        session.add(second)
        await session.flush()
        assert second.id is not None and seeded.landlord.id is not None
        session.add(VenueOwner(person_id=seeded.landlord.id, venue_id=second.id))
        await session.commit()


async def test_a_landlord_of_two_houses_keeps_what_was_said_and_sees_whose_tenants(
    landlord_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The list of a landlord of two flats did not say which flat a tenant lives in."""
    await _second_house(services, seeded, "幸福里5号")
    asked = await landlord_chat.say(f"登记租客 李四 {GUEST_ID}")
    assert "请选择要登记租客的场所" in asked
    started = await landlord_chat.say("2")
    assert "房屋：幸福里5号" in started and "已记下：姓名 李四" in started
    await landlord_chat.say_all("跳过", "跳过", "跳过", "今天", "跳过", "确认")
    other = build_resident_id("110105", date(1992, 6, 1), 521)
    await landlord_chat.say_all(
        "登记租客 1", "李五", "身份证", other, "跳过", "跳过", "跳过", "今天", "跳过", "确认"
    )
    listing = await landlord_chat.say("租客")
    assert listing.index("【和平里5号】") < listing.index("1. 李*")
    assert listing.index("【幸福里5号】") < listing.index("2. 李*")
    assert GUEST_ID[-4:] in listing.split("【幸福里5号】")[1]


async def test_registering_in_a_group_is_sent_to_private_chat(
    dispatcher: Dispatcher, landlord_chat: Chat, owner_chat: Chat
) -> None:
    """In a group, the summary read the whole ID number back to every member."""
    group = Chat(dispatcher, "landlord", chat_type=ChatType.GROUP)
    for typed in ("/登记租客", f"/登记租客 李四 {GUEST_ID}", "/租客", "/退租 1", "退错了"):
        answer = await group.say(typed)
        assert "请私聊本号" in answer and GUEST_ID not in answer
    hotel_group = Chat(dispatcher, "owner", chat_type=ChatType.GROUP)
    for typed in ("/登记旅客", "/在住旅客", "/同住", "/撤销退房"):
        assert "请私聊本号" in await hotel_group.say(typed)
    assert "请输入租客姓名" in await landlord_chat.say("登记租客")  # in private, as before


async def test_an_unfinished_registration_resumed_says_its_own_house(
    landlord_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """/登记租客 1 with house 2's form unfinished said 房屋：(house 1) above house 2's form,
    and 登记租客 李四 <ID> showed 已记下 for answers the resumed form never took."""
    await _second_house(services, seeded, "幸福里5号")
    await landlord_chat.say_all("登记租客 2", "陈七")
    resumed = await landlord_chat.say("/登记租客 1")
    assert resumed.startswith("房屋：幸福里5号\n刚才发送的内容没有录入")
    assert "和平里5号" not in resumed and resumed.endswith("请选择证件类型：")
    resumed = await landlord_chat.say(f"/登记租客 李四 {GUEST_ID}")
    assert "已记下" not in resumed and "刚才发送的内容没有录入" in resumed
    summary = await landlord_chat.say_all(
        "身份证", GUEST_ID, "跳过", "跳过", "跳过", "今天", "跳过"
    )
    assert "姓名：陈七" in summary
    assert "房屋：幸福里5号" in await landlord_chat.say("确认")


async def test_the_forms_own_name_typed_in_it_goes_on_with_it(landlord_chat: Chat) -> None:
    """登记租客 at the tenant form's first question got 「登记租客」是一项功能…请发送「/登记租客」."""
    await landlord_chat.say("登记租客")
    again = await landlord_chat.say("登记租客")
    assert again == "您正在填写租客登记，接着填写即可：\n请输入租客姓名（与证件一致）："
    assert "请选择证件类型" in await landlord_chat.say("李四")


async def test_a_lease_said_in_one_breath_keeps_its_start_and_end(landlord_chat: Chat) -> None:
    """下个月1号起租，租一年 was dropped: the form asked for both again."""
    said = f"登记租客 李娜 {GUEST_ID} 电话13600001111 下个月1号起租，租一年"
    started = await landlord_chat.say(said)  # today: 2026-11-23
    assert f"起租日期 {said_day(8)}、到期日期 {said_day(date(2027, 11, 30))}" in started
    summary = await landlord_chat.say_all("跳过", "跳过")
    assert (
        f"起租日期：{said_day(8)}" in summary
        and f"到期日期：{said_day(date(2027, 11, 30))}" in summary
    )


async def test_a_move_out_offered_by_name_is_one_step(
    landlord_chat: Chat, services: Services
) -> None:
    """李娜搬走了 → 是 asked 确认搬离？ again: two confirmations for one move-out."""
    tenant = ("登记", "李娜", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    await landlord_chat.say_all(*tenant, "确认")
    offer = await landlord_chat.say("李娜搬走了")
    assert f"尾号{GUEST_ID[-4:]}" in offer  # which 李*, to check before the one step
    assert "已登记 李* 搬离" in await landlord_chat.say("是")
    async with services.sessions() as session:
        assert (await session.exec(select(Tenancy))).one().moved_out_at is not None


async def test_an_id_number_alone_offers_a_landlord_the_tenant_registration(
    landlord_chat: Chat,
) -> None:
    """A landlord was asked 登记这位住客吗: their people are 租客."""
    offer = await landlord_chat.say(f"王芳 {GUEST_ID} 13600001111")
    assert "登记这位租客吗" in offer and "住客" not in offer


async def test_an_event_typed_at_the_job_is_not_kept_as_the_job(landlord_chat: Chat) -> None:
    """李娜搬走了 at the 职业 question was stored as the tenant's job."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过")
    for said in ("李娜搬走了", "302的租客要走了", "帮我退租"):
        refused = await landlord_chat.say(said)
        assert refused.startswith("这像是一件事，不是职业。") and "「退租」" in refused, said
        assert refused.endswith("请输入租客职业（没有可回复「跳过」）：")
    # Jobs that share a character with those events are still jobs.
    await landlord_chat.say("退休人员")
    assert "请输入租客职业" not in await landlord_chat.say("搬家公司")
    summary = await landlord_chat.say_all("今天", "跳过")
    assert "职业：退休人员" in summary and "工作单位：搬家公司" in summary


async def test_a_lease_said_in_one_breath_at_the_name_keeps_its_start_and_end(
    landlord_chat: Chat, services: Services
) -> None:
    """王芳 <ID> <phone> 下个月1号起租 租一年 at the name question lost the lease (其余的
    内容没有用上), though the same words after 登记 were kept."""
    await landlord_chat.say("登记")
    taken = await landlord_chat.say(f"王芳 {GUEST_ID} 13912345678 下个月1号起租 租一年")
    assert "其余的内容没有用上" not in taken
    assert "起租日期" in taken and "到期日期" in taken  # today: 2026-11-23
    assert taken.endswith("请输入租客职业（没有可回复「跳过」）：")
    summary = await landlord_chat.say_all("跳过", "跳过")
    assert (
        f"起租日期：{said_day(8)}" in summary
        and f"到期日期：{said_day(date(2027, 11, 30))}" in summary
    )
    assert "姓名：王芳" in summary and "联系电话：139****5678" in summary
    assert "租客登记成功" in await landlord_chat.say("确认")
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    assert tenancy.lease_start == date(2026, 12, 1)


async def test_a_new_tenant_said_in_one_breath_is_offered_the_registration(
    landlord_chat: Chat,
) -> None:
    """新租客 赵敏 <ID> 下个月1号起租 was offered 「租客 1」, the tenant list, with what was
    said lost."""
    offer = await landlord_chat.say(f"新租客 赵敏 身份证{GUEST_ID} 下个月1号起租 租一年")
    assert "您是想登记这位租客吗" in offer and "租客 1" not in offer
    [button] = landlord_chat.buttons()
    started = await landlord_chat.say(button)
    assert (
        f"已记下：姓名 赵敏、证件类型 居民身份证、证件号码（已校验）、起租日期 {said_day(8)}"
        in started
    )


async def test_tenants_said_together_are_each_filled_in_at_their_registration(
    landlord_chat: Chat,
) -> None:
    """登记租客 赵敏 <ID> 李四 <ID> 王五 <ID> said 发送「登记租客」接着登记 for each, whose
    form then asked the name and ID number again."""
    li = build_resident_id("110105", date(1991, 3, 4), 517)
    wang = build_resident_id("110105", date(1989, 9, 9), 535)
    started = await landlord_chat.say(f"登记租客 赵敏 {GUEST_ID} 李四 {li} 王五 {wang}")
    assert "还有李四：" in started and "还有王五：" in started
    await landlord_chat.say_all("跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认")
    second = await landlord_chat.say("登记租客")
    assert "已记下：姓名 李四、" in second
    await landlord_chat.say_all("跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认")
    assert "已记下：姓名 王五、" in await landlord_chat.say("登记租客")


async def test_a_leases_length_said_alone_or_after_the_rent_terms_is_its_end(
    landlord_chat: Chat,
) -> None:
    """周强 <ID> 今天起租 一年 dropped 一年; 押一付三 先租半年 at the end got 看不懂这个日期."""
    started = await landlord_chat.say(f"登记 周强 {GUEST_ID} 今天起租 一年")
    assert f"起租日期 {said_day(0)}、到期日期 {said_day(date(2027, 11, 22))}。" in started
    await landlord_chat.say("取消")
    summary = await landlord_chat.say_all(
        "登记", "周强", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "今天", "押一付三 先租半年"
    )
    assert f"到期日期：{said_day(date(2027, 5, 22))}" in summary


def test_lengths_in_the_words_landlords_use() -> None:
    start = date(2026, 12, 1)
    assert _lease_end(start, "先租半年") == date(2027, 5, 31)
    assert _lease_end(start, "押一付三，签了两年") == date(2028, 11, 30)
    assert _lease_end(start, "12月") is None


_TENANT = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01")


async def _moved_out(services: Services) -> Tenancy:
    async with services.sessions() as session:
        return (await session.exec(select(Tenancy))).one()


async def test_a_past_move_out_day_said_is_recorded_not_today(
    landlord_chat: Chat, services: Services
) -> None:
    """/退租 1 11月20日 asked 确认 李*…已搬离？ and recorded today (11-23)."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    ask = await landlord_chat.say("/退租 1 11月20日")
    assert f"已于 {said_day(-3)} 搬离？" in ask
    done = await landlord_chat.say("确认搬离")
    assert "已登记 李* 搬离" in done and f"搬离日期 {said_day(-3)}" in done
    moved = (await _moved_out(services)).moved_out_at
    assert moved is not None
    assert to_local(moved, services.settings.zone).date() == date(2026, 11, 20)


async def test_a_move_out_day_to_come_is_kept_as_the_lease_end(
    landlord_chat: Chat, services: Services
) -> None:
    """/退租 1 12月15日 recorded the tenant gone today; the tenant lives there until then."""
    await landlord_chat.say_all(*_TENANT, "租一年", "确认")
    ask = await landlord_chat.say("/退租 1 12月15日")
    assert f"预计 {said_day(date(2026, 12, 15))} 搬走" in ask and "已搬离" not in ask
    done = await landlord_chat.say("确认")
    assert (
        f"改为 {said_day(date(2026, 12, 15))}" in done
        and "目前仍在租" in done
        and "搬走当天" in done
    )
    listing = await landlord_chat.say("/租客")
    assert "共 1 人" in listing and f"到期 {said_day(date(2026, 12, 15))}" in listing
    tenancy = await _moved_out(services)
    assert tenancy.moved_out_at is None and tenancy.lease_end == date(2026, 12, 15)


async def test_a_move_out_day_before_the_lease_or_unreadable_is_said(
    landlord_chat: Chat, services: Services
) -> None:
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    early = await landlord_chat.say("/退租 1 10月1日")
    assert "早于" in early and f"起租日期 {said_day(date(2026, 11, 1))}" in early
    assert "「/退租 1」（按今天登记）" in early and "昨天" not in early
    assert "看不懂搬离日期「下辈子」" in await landlord_chat.say("/退租 1 下辈子")
    assert (await _moved_out(services)).moved_out_at is None


async def test_a_tenant_registered_ahead_is_told_a_move_out_day_that_can_be(
    landlord_chat: Chat, services: Services
) -> None:
    """退租 for a lease starting tomorrow had suggested 「/退租 1 昨天」, earlier still."""
    await landlord_chat.say_all(*_TENANT[:-1], "2026-11-24", "跳过", "确认")
    early = await landlord_chat.say("/退租 1 今天")
    assert f"起租日期是 {said_day(1)}，租期还没开始" in early
    assert "「/退租 1 11月24日」" in early and "昨天" not in early
    assert "「/退租 1」撤下这条登记" in early
    assert f"预计 {said_day(1)} 搬走" in await landlord_chat.say("/退租 1 11月24日")
    assert (await _moved_out(services)).moved_out_at is None


async def test_a_tenant_registered_ahead_who_never_comes_can_be_taken_off(
    landlord_chat: Chat, services: Services
) -> None:
    """/退租 1 for a lease starting tomorrow had been refused (搬离日期不能早于这一天), with
    no way to withdraw the registration of a tenant who never came."""
    await landlord_chat.say_all(*_TENANT[:-1], "2026-11-24", "跳过", "确认")
    asked = await landlord_chat.say("/退租 1")
    assert "还没入住" in asked and "可点「撤下登记」" in asked
    withdraw = landlord_chat.buttons()[0]
    assert (await _moved_out(services)).moved_out_at is None
    done = await landlord_chat.say(withdraw)
    assert "已撤下 李*" in done and "撤销退租" in done
    assert "没有在租租客" in await landlord_chat.say("/租客")
    await landlord_chat.say("撤销退租")
    assert "恢复为在租" in await landlord_chat.say("确认撤销")
    assert "共 1 人" in await landlord_chat.say("/租客")
    # Said in the landlord's words: 不租了 had got 没有理解.
    assert "退租 李*" in await landlord_chat.say("李四不租了")
    # Tapping the offer had withdrawn the registration at once: it asks, as /退租 1 does.
    asked = await landlord_chat.say(landlord_chat.buttons()[0])
    assert "还没入住" in asked and "可点「撤下登记」" in asked
    assert (await _moved_out(services)).moved_out_at is None
    assert "已撤下 李*" in await landlord_chat.say(landlord_chat.buttons()[0])


async def test_a_tenant_who_will_not_rent_on_is_asked_about_before_moving_out(
    landlord_chat: Chat, services: Services
) -> None:
    """李四不租了 offered 退租 李*, and tapping it recorded the move-out at once: 不租了
    says what is to come, so the move-out's question is asked first."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    assert "退租 李*" in await landlord_chat.say("李四不租了")
    asked = await landlord_chat.say(landlord_chat.buttons()[0])
    assert asked.startswith("确认 李*") and "已搬离？" in asked
    assert (await _moved_out(services)).moved_out_at is None
    assert "已登记 李* 搬离" in await landlord_chat.say("确认搬离")


async def test_a_confirm_typed_before_the_summary_is_no_occupation(landlord_chat: Chat) -> None:
    """确认 at 职业 had been kept: the summary read 职业：确认."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过")
    told = await landlord_chat.say("确认")
    assert "还差这一项：职业" in told and "请输入租客职业" in told
    summary = await landlord_chat.say_all("跳过", "跳过", "2026-11-01", "跳过")
    assert "职业：（无）" in summary


async def test_the_receipt_and_the_list_show_the_lease_end(landlord_chat: Chat) -> None:
    """The 到期 the landlord gave was left out of the receipt and of /租客."""
    receipt = await landlord_chat.say_all(*_TENANT, "租一年", "确认")
    assert f"到期：{said_day(date(2027, 10, 31))}" in receipt
    assert f"到期 {said_day(date(2027, 10, 31))}" in await landlord_chat.say("/租客")


async def test_a_tenant_without_id_is_told_in_landlord_words(landlord_chat: Chat) -> None:
    """没带身份证 at a tenant's document ended 请不要安排入住, a hotel's words."""
    await landlord_chat.say_all("登记", "李四")
    told = await landlord_chat.say("没带身份证")
    assert "不得将房屋出租给无合法有效身份证件的人" in told and "入住" not in told
    assert "租客" in told and "「取消」" in told


async def test_a_day_said_in_a_sentence_is_the_move_out_day(
    landlord_chat: Chat, services: Services
) -> None:
    """李四昨天搬走了 was offered a move-out recorded today."""
    await landlord_chat.say_all(*_TENANT, "跳过", "确认")
    offer = await landlord_chat.say("李四昨天搬走了")
    assert "昨天搬离" in offer and "11-22" not in offer, offer
    assert f"搬离日期 {said_day(-1)}" in await landlord_chat.say(landlord_chat.buttons()[0])
    moved = (await _moved_out(services)).moved_out_at
    assert moved is not None
    assert to_local(moved, services.settings.zone).date() == date(2026, 11, 22)


async def test_a_name_typed_under_the_move_out_picker_picks_that_tenant(
    landlord_chat: Chat,
) -> None:
    """退租, then 王五 typed under 请选择搬离的租客 had got 请点选上面的选项."""
    await landlord_chat.say_all(
        "登记", "王五", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认"
    )
    assert "请选择搬离的租客" in await landlord_chat.say("退租")
    ask = await landlord_chat.say("王五")
    assert "确认 王*" in ask and "请点选" not in ask and GUEST_ID not in ask
    assert "已登记 王* 搬离" in await landlord_chat.say("确认搬离")


async def test_a_room_or_a_lease_length_is_no_job_or_workplace(landlord_chat: Chat) -> None:
    """201室 had been kept as 职业, and 一年 (after the start date was taken from the
    workplace's step) as 工作单位：一年."""
    await landlord_chat.say_all("登记", "王五", "身份证", GUEST_ID, "139 0000 1111")
    room = await landlord_chat.say("201室")
    assert room.startswith("这像是房间号，不是职业") and "请输入租客职业" in room
    await landlord_chat.say_all("跳过", "2026-11-01")  # the start, typed at the workplace
    length = await landlord_chat.say("一年")
    assert "已把这句记为「到期日期」" in length and "请输入工作单位或就读学校" in length
    summary = await landlord_chat.say("跳过")
    assert "工作单位：（无）" in summary and f"到期日期：{said_day(date(2027, 10, 31))}" in summary
    assert "一年" not in summary


async def test_a_room_with_its_building_words_is_no_job(landlord_chat: Chat) -> None:
    """2单元501 at the job had been kept as 职业：2单元501 (only a bare 501 was told)."""
    await landlord_chat.say_all("登记", "王五", "身份证", GUEST_ID, "139 0000 1111")
    for said in ("2单元501", "3栋2单元502室"):
        room = await landlord_chat.say(said)
        assert room.startswith("这像是房间号，不是职业") and "请输入租客职业" in room
    assert "请输入工作单位或就读学校" in await landlord_chat.say("厨师")


async def test_a_lease_length_said_before_the_start_fills_the_end_date(
    landlord_chat: Chat,
) -> None:
    """一年 at the workplace, before the start was in, was told 「租期在问到期日期时填写」,
    and the landlord had to type it again at the end date."""
    await landlord_chat.say_all("登记", "王五", "身份证", GUEST_ID, "139 0000 1111", "跳过")
    length = await landlord_chat.say("一年")
    assert "「一年」已记下，待「起租日期」填好后算出「到期日期」" in length
    assert length.endswith("请输入工作单位或就读学校（没有可回复「跳过」）：")
    await landlord_chat.say("跳过")
    summary = await landlord_chat.say("2026-11-30")
    assert f"已按前面说的「一年」记下「到期日期」：{said_day(date(2027, 11, 29))}。" in summary
    assert (
        f"到期日期：{said_day(date(2027, 11, 29))}" in summary
        and "请输入租约到期日期" not in summary
    )
    assert "工作单位：（无）" in summary


async def test_the_lease_end_has_buttons_worked_out_as_dates(landlord_chat: Chat) -> None:
    """租约到期 was the one date question with no buttons (预计退房 has 明天/后天/不确定)."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过")
    assert "请输入租约到期日期" in await landlord_chat.say("2026-12-01")
    assert landlord_chat.buttons() == ["半年", "一年", "不确定"]
    assert f"到期日期：{said_day(date(2027, 5, 31))}" in await landlord_chat.say("半年")
    await landlord_chat.say_all("修改 到期日期")
    assert f"到期日期：{said_day(date(2027, 11, 30))}" in await landlord_chat.say(
        "2"
    )  # 一年, by its number
    await landlord_chat.say_all("修改 到期日期")
    unknown = await landlord_chat.say("不确定")
    # One word for an empty answer, where 联系电话：（无） sat beside 职业：（未填）.
    assert "到期日期：未定" in unknown and "职业：（无）" in unknown
    assert "联系电话：（无）" in unknown and "未填" not in unknown


async def test_moving_in_today_is_the_lease_start(landlord_chat: Chat) -> None:
    """赵敏 <ID> 今天搬进来的，租一年 kept 租一年 and asked the lease's start again."""
    started = await landlord_chat.say(f"登记租客 赵敏 {GUEST_ID} 今天搬进来的，租一年")
    assert "起租日期" in started.split("\n")[1] and "请输入起租日期" not in started
    summary = await landlord_chat.say_all("跳过", "跳过", "跳过")
    assert (
        f"起租日期：{said_day(0)}" in summary
        and f"到期日期：{said_day(date(2027, 11, 22))}" in summary
    )


async def test_a_question_at_the_document_type_is_answered_aside(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """他不肯给身份证 咋办 at 证件类型 had got 看不懂这个证件类型 (咋办 was no question word,
    and 身份证, an option's word, left it to the parser): answered as with no form open,
    the form waiting. The step's own advice (没带身份证) is still its own."""
    landlord_chat = Chat(law_dispatcher, "landlord")
    await landlord_chat.say_all("登记", "李四")
    asked = await landlord_chat.say("他不肯给身份证 咋办")
    assert "看不懂这个证件类型" not in asked
    assert "不愿出示证件的，建议不要出租" in asked
    assert "您的租客登记还没填完" in asked
    advised = await landlord_chat.say("他身份证忘带了怎么办")
    assert "租客没带证件的" in advised and advised.endswith("请选择证件类型：")


async def test_a_move_out_said_to_come_asks_the_lease_end_never_a_move_out(
    landlord_chat: Chat, services: Services
) -> None:
    """陈静下个月搬走了 was offered 「退租 陈*」 with /退租 #1 确认, which recorded her gone
    today: a move-out to come is the lease's end (改到期), she lives here until then."""
    tenant = ("登记", "陈静", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    await landlord_chat.say_all(*tenant, "确认")
    for said, end in (
        ("陈静月底搬走了", date(2026, 11, 30)),
        ("陈静下个月底搬走", date(2026, 12, 31)),
        ("陈静12月15日搬走了", date(2026, 12, 15)),
        ("陈静下个月搬走了", None),
        ("陈静下周搬走了", None),
    ):
        asked = await landlord_chat.say(said)
        assert "退租 陈*" not in asked and "搬离？" not in asked, (said, asked)
        assert "搬走后再点" not in asked, (said, asked)
        if end is None:
            assert "请写明新的到期日期" in asked or "预计哪天搬走" in asked, (said, asked)
        else:
            assert f"改为 {said_day(end)}？" in asked, (said, asked)
            assert "目前仍在租" in await landlord_chat.say("确认")
        async with services.sessions() as session:
            tenancy = (await session.exec(select(Tenancy))).one()
        assert tenancy.moved_out_at is None, said
        if end is not None:
            assert tenancy.lease_end == end, said


async def test_the_lease_end_question_counts_from_the_start_entered(landlord_chat: Chat) -> None:
    """起租 11月15日 had been asked with 2026-12-01 起租一年即到 2027-11-30, today's example."""
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过", "快递员", "跳过")
    asked = await landlord_chat.say("11月15日")
    assert "11月15日 起租一年即到 2027年11月14日" in asked and "12月1日" not in asked


async def test_a_new_tenant_announced_is_no_name(landlord_chat: Chat) -> None:
    """我有个新租客要登记 had been promised 刚才写的姓名…会直接填入, then 要登记 refused as a name."""
    offered = await landlord_chat.say("我有个新租客要登记")
    assert "刚才写的" not in offered
    started = await landlord_chat.say(landlord_chat.buttons()[0])
    assert "要登记" not in started and "未记下姓名" not in started


async def test_a_tenant_gone_last_month_is_asked_which_day_not_gone_today(
    landlord_chat: Chat, services: Services
) -> None:
    """李四上个月搬走了 had been offered as a move-out today, and /退租 1 上个月 got 看不懂
    搬离日期: the days of last month are offered, and the one picked is recorded."""
    await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-09-01", "跳过", "确认"
    )
    await landlord_chat.say("李四上个月搬走了")
    [offered] = landlord_chat.buttons()
    assert "确认" not in offered, offered
    asked = await landlord_chat.say(offered)
    assert "哪天搬走" in asked and "10月" in asked, asked
    assert (await _moved_out(services)).moved_out_at is None
    assert "哪天搬走" in await landlord_chat.say("/退租 1 上个月")
    month_end = next(b for b in landlord_chat.buttons() if b.endswith("2026-10-31"))
    assert f"已于 {said_day(date(2026, 10, 31))} 搬离？" in await landlord_chat.say(month_end)
    await landlord_chat.say("确认搬离")
    moved = (await _moved_out(services)).moved_out_at
    assert moved is not None
    assert to_local(moved, services.settings.zone).date() == date(2026, 10, 31)


async def test_the_end_of_last_month_is_a_day_past(landlord_chat: Chat) -> None:
    """上个月底搬走了 had been read as this month's end, a move-out still to come."""
    await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-09-01", "跳过", "确认"
    )
    await landlord_chat.say("李四上个月底搬走了")
    [offered] = landlord_chat.buttons()
    assert offered.endswith("2026-10-31 确认"), offered


async def test_a_landlord_gives_a_tenants_room_and_sees_it_in_the_lists(
    landlord_chat: Chat, services: Services
) -> None:
    """登记租客 刘芳 <ID> 302室 had been told 未记下房间号 302, and 302室 at the job 房屋已登记
    无需再填: a landlord of a house let by rooms could not record whose room is whose."""
    started = await landlord_chat.say(f"登记租客 刘芳 {GUEST_ID} 302室")
    assert "房间号 302" in started and "未记下" not in started, started
    summary = await landlord_chat.say_all("跳过", "跳过", "跳过", "今天", "跳过")
    assert "房间号：302" in summary, summary
    receipt = await landlord_chat.say("确认")
    assert "房间：302" in receipt, receipt
    assert "1. 302　刘*" in await landlord_chat.say("/租客")
    assert "302房 租客 刘*" in await landlord_chat.say("今日登记")
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    assert tenancy.room == "302"


async def test_a_room_is_never_asked_but_may_be_added_at_the_summary(
    landlord_chat: Chat, services: Services
) -> None:
    """Most let a whole house: the room is not asked; 修改 房间号 adds one (2单元501)."""
    summary = await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "今天", "跳过"
    )
    assert "房间号：（无）" in summary, summary
    summary = await landlord_chat.say("修改 房间号 2单元501")
    assert "房间号：2-501" in summary, summary
    assert "租客登记成功" in await landlord_chat.say("确认")
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    assert tenancy.room == "2-501"


async def test_last_weeks_days_read_as_dates(landlord_chat: Chat) -> None:
    """李四上周搬走了 offered 「11-16 周一」: a bare date, unlike every other day said."""
    await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-09-01", "跳过", "确认"
    )
    await landlord_chat.say("/退租 1 上周")
    labels = [
        b.label for r in landlord_chat.last or [] if isinstance(r, Choices) for b in r.buttons
    ]
    assert labels[0] == f"{said_day(date(2026, 11, 16))} 周一", labels
    assert not any("11-" in label for label in labels), labels


async def test_a_room_and_a_lease_glued_to_its_length_are_kept(landlord_chat: Chat) -> None:
    """新租客 王芳 <ID> 电话… 租302 从今天开始租一年 kept the name and the phone, then asked
    the room, the start and the end again: 租302 and 开始租一年 were not read."""
    said = f"新租客 王芳 身份证 {GUEST_ID} 电话 13912345678 租302 从今天开始租一年"
    offer = await landlord_chat.say(said)
    assert "您是想登记这位租客吗" in offer
    [button] = landlord_chat.buttons()
    started = await landlord_chat.say(button)
    assert "房间号 302" in started
    assert f"起租日期 {said_day(0)}、到期日期 {said_day(date(2027, 11, 22))}" in started
    summary = await landlord_chat.say_all("跳过", "跳过")
    assert "房间号：302" in summary and f"到期日期：{said_day(date(2027, 11, 22))}" in summary


async def test_a_round_sum_after_rent_is_no_room(landlord_chat: Chat) -> None:
    """租1500 is a rent: never taken for the room."""
    started = await landlord_chat.say(f"登记租客 李娜 {GUEST_ID} 租1500 下个月1号起租")
    assert "房间号 1500" not in started


#: A day as 2027-10-31, which the bot says 2027年10月31日 (or 11月26日, 明天) everywhere else.
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


async def test_the_tenant_forms_questions_give_no_dates_as_2027_10_31(landlord_chat: Chat) -> None:
    """起租 and 到期 were asked 如 今天 或 2026-12-01, 如 2027-11-30: dates unlike the bot's."""
    asked = [
        await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过"),
        await landlord_chat.say("下辈子"),  # not a day: the question again
        await landlord_chat.say("2026-11-01"),
        await landlord_chat.say("2026-10-01"),  # before the start: the question again
    ]
    assert "请输入起租日期" in asked[0] and "请输入租约到期日期" in asked[3], asked
    assert not any(_ISO_DAY.search(a) for a in asked), asked
    assert f"{said_day(date(2026, 11, 1))} 起租一年即到 {said_day(date(2027, 10, 31))}" in asked[2]
