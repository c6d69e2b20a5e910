"""Guest registration as an owner experiences it, and what the officer sees."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from bot.assembly import build_dispatcher
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.forms import FormEnv
from bot.messages import ChatType, Choices
from bot.validators.idcard import build_resident_id
from handlers.registration.fields import _parse_name
from handlers.services.personal import unseal
from storage.models import GuestStay, OutboxMessage, VenueKind, WatchHit
from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat, text_of
from tests.support.clock import FakeClock, dated_day, said_day
from tests.support.outbox import opened, texts_to
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, WANTED_ID, Seeded

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")
#: 后天 as a summary says it on the tests' first day: with its date (see `said_near`).
SHOWN_AFTER_TOMORROW = f"后天（{dated_day(2)}）"


async def test_owner_registers_a_guest_and_gets_a_receipt(
    owner_chat: Chat, services: Services
) -> None:
    summary = await owner_chat.say_all(*FULL)
    assert "请核对旅客登记信息" in summary
    assert "性别：男" in summary and "出生日期：1992年7月1日" in summary
    receipt = await owner_chat.say("确认")
    assert "旅客登记成功" in receipt and "回执号：G20261123-" in receipt
    assert "王*" in receipt and GUEST_ID not in receipt
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.room == "302" and stay.checked_out_at is None


async def test_wanted_guest_alerts_officer_but_owner_sees_ordinary_receipt(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    plain = await owner_chat.say_all(*FULL, "确认")
    hit = await owner_chat.say_all(
        "登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过", "确认"
    )
    # Same wording as any other receipt: nothing tips the owner off.
    assert hit.splitlines()[0] == plain.splitlines()[0]
    assert "比中" not in hit and "通缉" not in hit and "在逃" not in hit
    async with services.sessions() as session:
        hits = (await session.exec(select(WatchHit))).all()
        outbox = (await session.exec(select(OutboxMessage))).all()
    assert len(hits) == 1 and hits[0].strength == "strong"
    assert [o.chat_id for o in outbox] == ["officer"]
    assert "比中提醒" in opened(outbox[0]) and WANTED_ID not in opened(outbox[0])


async def test_companion_shares_room_and_receipt_then_checkout(
    owner_chat: Chat, services: Services
) -> None:
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    assert f"/同住 {number}" in owner_chat.buttons()
    reply = await owner_chat.say(f"/同住 {number}")
    assert "302 房间的同住人员" in reply
    summary = await owner_chat.say_all(
        "Anna Smith", "护照", "X1234567", "女", "1995-05-05", "英国", "跳过"
    )
    assert "房间号：302" in summary and "国籍/地区：英国" in summary
    second = await owner_chat.say("确认")
    assert number in second and "该旅客为外国人" in second and "24小时" in second
    listing = await owner_chat.say("在住旅客")
    assert "共 2 人" in listing and "A*** S****（外国人）" in listing
    choices = await owner_chat.say("退房")
    assert "请选择退房的房间" in choices and "退房 302" in owner_chat.buttons()
    asked = await owner_chat.say("退房 302")  # two guests: all, or which one
    assert "302 房间有 2 位在住旅客" in asked and len(owner_chat.buttons()) == 3
    assert "302 房间 2 位旅客已办理退房：王**、" in await owner_chat.say("全部 2 位")
    assert "没有在住旅客" in await owner_chat.say("退房 302")
    # The old 登记同住人 button, days later: the new guest would take the party's time.
    gone = await owner_chat.say(f"/同住 {number}")
    assert "已全部退房" in gone and owner_chat.buttons() == ["/登记旅客"]
    async with services.sessions() as session:
        # In the order registered: PostgreSQL returns updated rows in no fixed order.
        stays = (await session.exec(select(GuestStay).order_by(col(GuestStay.id)))).all()
    assert {s.receipt_no for s in stays} == {number}
    assert [s.is_primary for s in stays] == [True, False]


async def test_a_guest_from_hong_kong_on_a_passport_is_no_foreigner(
    owner_chat: Chat, services: Services
) -> None:
    """香港 typed at a passport's 国籍 had been kept as a country: the owner was told
    该旅客为外国人, and the list said （外国人）."""
    receipt = await owner_chat.say_all(
        "登记", "Chan Tai Man", "护照", "K12345678", "男", "1990-01-01", "香港", "跳过",
        "305", "现在", "跳过", "确认",
    )  # fmt: skip
    assert "该旅客为港澳居民" in receipt and "外国人" not in receipt
    listing = await owner_chat.say("在住旅客")
    assert "C*** T** M**（港澳居民）" in listing and "外国人" not in listing
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.nationality == "中国香港"


async def test_a_latin_name_masked_by_an_older_version_is_listed_as_masked_now(
    owner_chat: Chat, services: Services
) -> None:
    """Guests registered before Latin names were masked a letter per word were still
    listed as J*********, which told two guests of a room nothing apart."""
    await owner_chat.say_all(*FULL[:1], "John Smith", "护照", "X1234567", "男", "1990-01-01",
                             "英国", *FULL[4:], "确认")  # fmt: skip
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
        stay.name_masked = "J*********"  # as the older version stored it
        session.add(stay)
        await session.commit()
    listing = await owner_chat.say("在住旅客")
    assert "J*** S****（外国人）" in listing and "J*********" not in listing


async def test_owner_cannot_add_companions_to_someone_elses_receipt(owner_chat: Chat) -> None:
    assert "没有找到该回执号" in await owner_chat.say("/同住 G20260101-AAAAAA")


async def test_numbered_reply_picks_a_button_outside_forms(owner_chat: Chat) -> None:
    await owner_chat.say_all(*FULL, "确认")
    # "1" answers the last buttons (登记同住人 / 完成) even on a channel without buttons.
    assert "302 房间的同住人员" in await owner_chat.say("1")


async def test_a_guest_under_eighteen_records_the_guardian_and_companions(
    owner_chat: Chat, services: Services
) -> None:
    """Article 57 of the Minors Protection Law: the hotel asks for a guardian's phone and
    how those staying with the minor are related. The receipt had only reminded of it."""
    adult = await owner_chat.say_all(*FULL, "确认")
    assert "未满18周岁" not in adult
    # The suite's clock stands at 2026-11-23: born 2010-03-15 is sixteen.
    minor = build_resident_id("110105", date(2010, 3, 15), 311)
    asked = await owner_chat.say_all(
        "登记", "李小华", "身份证", minor, "跳过", "308", "现在", "跳过"
    )
    assert "未满18周岁" in asked and "监护人的联系电话" in asked
    assert "联系不上" in await owner_chat.say("138000")  # too short: the way out is said
    assert "同住的是什么人" in await owner_chat.say("她妈电话139 0000 1234")
    # The day of check-out, answered one question late, is not kept as the relation.
    assert "这像是日期，不是同住关系" in await owner_chat.say("明天退房")
    summary = await owner_chat.say("他妈妈")
    assert "监护人电话：139****1234" in summary and "同住关系：他妈妈" in summary
    receipt = await owner_chat.say("确认")
    assert "旅客登记成功" in receipt and "监护人电话 139****1234，同住关系 他妈妈" in receipt
    assert "发现异常" in receipt
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay).where(GuestStay.room == "308"))).one()
    assert stay.guardian_phone_enc and "13900001234" not in stay.guardian_phone_enc
    # The officer's list masks it as every other phone there (f6: it had been in full).
    listing = await Chat(owner_chat.dispatcher, "officer").say("/场所 1 住客")
    assert "监护人 139****1234，同住 他妈妈" in listing and "将记入审计日志" in listing
    assert "13900001234" not in listing
    assert "13900001234" not in await owner_chat.say("在住旅客")


async def test_a_minor_whose_guardian_cannot_be_reached_is_told_to_the_officer(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    minor = build_resident_id("110105", date(2010, 3, 15), 311)
    receipt = await owner_chat.say_all(
        "登记",
        "李小华",
        "身份证",
        minor,
        "跳过",
        "308",
        "现在",
        "跳过",
        "联系不上",
        "一个人",
        "确认",
    )
    assert "监护人联系不上，已告知社区民警" in receipt and "同住关系 独自" in receipt
    [told] = await texts_to(services, "officer")
    assert "未成年人入住，监护人联系不上" in told and "308" in told and "李小华" not in told
    listing = await officer_chat.say("/场所 1 住客")
    assert "（未成年，监护人 联系不上，同住 独自）" in listing


async def test_the_officer_hears_when_a_hit_guest_checks_out(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await owner_chat.say_all(
        "登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过", "确认"
    )
    done = await owner_chat.say("退房 303")
    assert "303 房间 1 位旅客已办理退房：甲*" in done and "比中" not in done
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    notices = [r for r in rows if r.dedupe_key.startswith("hit-checkout:")]
    assert [r.chat_id for r in notices] == ["officer"] and "已退房" in opened(notices[0])
    detail = await Chat(owner_chat.dispatcher, "officer").say("/命中 1")
    assert "房间 303，已于" in detail and "退房" in detail


async def test_typing_a_buttons_title_works_like_pressing_it(owner_chat: Chat) -> None:
    receipt = await owner_chat.say_all(*FULL, "确认")
    assert "如有同住人员" in receipt  # buttons 登记同住人 / 完成 (value 登记完成)
    assert "登记已完成" in await owner_chat.say("完成")


async def test_a_foreign_guest_may_give_a_phone_number_from_abroad(
    owner_chat: Chat, services: Services
) -> None:
    summary = await owner_chat.say_all(
        "登记", "Tanaka Taro", "护照", "TR1234567", "男", "1990-01-01", "日本",
        "+81 90 1234 5678", "305", "现在", "跳过",
    )  # fmt: skip
    # Masked, with the calling code that says it is a number from abroad.
    assert "联系电话：+81******5678" in summary
    assert "该旅客为外国人" in await owner_chat.say("确认")
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert unseal(services, stay, "guest_stay").phone == "+819012345678"


async def test_the_summary_masks_the_phone_and_id_number_and_the_phone_can_be_changed(
    owner_chat: Chat, services: Services
) -> None:
    """The summary stays in the chat log: the phone had been shown in full beside the ID
    number, both as typed. 修改 电话 still changes it, and what is stored is the number
    typed."""
    summary = await owner_chat.say_all(*FULL)
    assert "联系电话：138****5678" in summary and "证件号码：**************245X" in summary
    assert "13812345678" not in summary and GUEST_ID not in summary
    changed = await owner_chat.say("修改 电话 13987654321")
    assert "联系电话：139****4321" in changed and "13987654321" not in changed
    assert "旅客登记成功" in await owner_chat.say("确认")
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert unseal(services, stay, "guest_stay").phone == "13987654321"


async def test_one_room_number_in_two_places_is_asked_about_and_the_answer_works(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    # A second place whose name contains the first's: a name filter would never choose.
    await second_place(services, seeded, "平安旅馆二店", VenueKind.HOTEL)
    for place in ("1", "2"):
        await owner_chat.say_all(
            "登记", place, "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
        )
    # 续住 asks which place too (it had advised checking out and registering again).
    asked = await owner_chat.say("续住 302 2天")
    assert "都有 302 房间，是哪一家" in asked and "退房后重新登记" not in asked
    extended = await owner_chat.say("2")
    assert f"302 房间（王**）预计退房改为 {SHOWN_AFTER_TOMORROW}" in extended
    ask = await owner_chat.say("退房 302")
    assert "2 个场所都有 302 房间" in ask
    assert "1 位旅客已办理退房" in await owner_chat.say("1")
    assert "1 位旅客已办理退房" in await owner_chat.say("退房 302")  # only one is left


async def test_a_wrong_check_out_is_undone_and_the_officer_hears_of_it(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await owner_chat.say_all(
        "登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过", "确认"
    )
    await owner_chat.say_all(*FULL, "确认")  # 302
    done = await owner_chat.say("退房 303")
    assert "已办理退房：甲*" in done and "撤销退房" in done
    button = owner_chat.buttons()[0]
    undone = await owner_chat.say("撤销退房")
    assert "已撤销 平安旅馆 303 房间的退房，甲** 仍在住" in undone
    listing = await owner_chat.say("在住旅客")
    assert "共 2 人" in listing and "303" in listing
    assert "没有可撤销的退房" in await owner_chat.say("/撤销退房")
    assert "已经撤销过了" in await owner_chat.say(button)  # the old button, pressed again
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))).all()
    notices = [opened(r) for r in rows if r.dedupe_key.startswith("hit-checkout")]
    assert len(notices) == 2 and "已退房" in notices[0] and "仍登记在住" in notices[1]
    # Checked out for real later: the officer hears again.
    assert "已办理退房" in await owner_chat.say("退房 303")
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    assert len([r for r in rows if r.dedupe_key.startswith("hit-checkout")]) == 3


async def test_a_guest_already_in_the_house_is_refused_at_the_id_number(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all(*FULL, "确认")
    again = await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID)
    assert "已在 302 房间登记在住" in again and "「更正登记 302 新房号」" in again
    assert "退房 302" not in again  # a move is 更正登记, not a check-out and a new stay
    assert again.endswith("请输入证件号码：")
    listing = await owner_chat.say_all("取消", "在住旅客")
    assert "共 1 人" in listing


async def test_a_bare_hour_at_check_in_is_the_latest_such_hour(
    owner_chat: Chat, clock: FakeClock
) -> None:
    clock.now = clock.now.replace(hour=12, minute=31)  # 20:31 in Shanghai
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302")
    assert "入住时间：今天 20:00" in await owner_chat.say_all("8点", "跳过")
    changed = await owner_chat.say_all("修改 入住时间", "早上8点", "跳过")
    assert "入住时间：今天 08:00" in changed


async def test_last_nights_hour_after_midnight_is_last_night(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """At 01:49, 晚上11点 was refused as later than now; only 昨晚11点 went through."""
    clock.now = clock.now.replace(hour=17, minute=49)  # 01:49 on the 24th in Shanghai
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302")
    night = await owner_chat.say_all("晚上11点", "明天")
    assert "入住时间：昨天 23:00" in night
    # The morning after the night, not the 25th: the station's today by now.
    assert f"预计退房：{said_day(0, clock)}" in night
    refused = await owner_chat.say_all("修改 入住时间", "今天晚上11点")
    assert "不能晚于现在" in refused  # said as today's: not moved
    # In the afternoon, 晚上8点 is later today, never last night.
    clock.now = clock.now.replace(hour=6)  # 14:00 in Shanghai
    assert "不能晚于现在" in await owner_chat.say("晚上8点")


async def test_an_owner_of_two_places_sees_whose_guests_are_whose(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await second_place(services, seeded, "河畔民宿", VenueKind.HOMESTAY)
    await owner_chat.say_all("登记", "2", *FULL[1:], "确认")
    listing = await owner_chat.say("在住旅客")
    assert "【河畔民宿】" in listing and listing.index("【河畔民宿】") < listing.index("302")


async def test_a_landlord_without_guests_is_pointed_to_tenants(landlord_chat: Chat) -> None:
    assert "出租屋的租客请发送「租客」" in await landlord_chat.say("在住旅客")


async def test_undoing_a_check_out_brings_back_the_whole_room_on_a_running_clock(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    def ticking() -> datetime:
        clock.advance(microseconds=1)  # a real clock moves between two reads
        return clock.now

    owner = Chat(build_dispatcher(replace(services, clock=ticking)), "owner")
    await owner.say_all(*FULL, "确认")
    companion = build_resident_id("110105", date(1992, 6, 1), 521)
    await owner.say_all("1", "李四", "身份证", companion, "跳过", "确认")  # 登记同住人
    assert "2 位旅客已办理退房" in await owner.say("退房 302 全部")
    undone = await owner.say("撤销退房")
    assert "王**" in undone and "李*" in undone
    assert "共 2 人" in await owner.say("在住旅客")


async def test_one_guest_of_a_shared_room_checks_out_by_name(owner_chat: Chat) -> None:
    await owner_chat.say_all(*FULL, "确认")
    companion = build_resident_id("110105", date(1992, 6, 1), 521)
    await owner_chat.say_all("1", "李四", "身份证", companion, "跳过", "确认")  # 登记同住人
    await owner_chat.say("退房 302")
    by_button = [v for v in owner_chat.buttons() if "旅客#" in v]
    assert len(by_button) == 2  # one button per guest beside 全部
    assert "没有在住的这位旅客" in await owner_chat.say("退房 302 张三")
    assert "1 位旅客已办理退房：李*" in await owner_chat.say("退房 302 李四")
    listing = await owner_chat.say("在住旅客")
    assert "共 1 人" in listing and "王**" in listing


async def test_an_expected_check_out_in_the_past_is_refused(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "昨天晚上10点")
    assert "预计退房日期已经过去了" in await owner_chat.say("昨天")
    assert "预计退房：" in await owner_chat.say("明天")


async def test_a_stays_length_gives_the_check_out_day(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在")
    assert f"预计退房：{SHOWN_AFTER_TOMORROW}" in await owner_chat.say("住两晚")


async def test_a_check_out_day_said_with_its_time_is_the_day(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在")
    assert f"预计退房：{SHOWN_AFTER_TOMORROW}" in await owner_chat.say(
        "后天中午"
    )  # had been 看不懂


async def test_a_check_out_day_said_with_the_leaving_is_the_day(owner_chat: Chat) -> None:
    """后天走 got 日期后面的时间看不懂 at the check-in and 看不懂这个日期 at the check-out."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302")
    early = await owner_chat.say("后天走")
    assert "这是预计退房的日子吧" in early and "看不懂" not in early
    await owner_chat.say("现在")
    assert f"预计退房：{SHOWN_AFTER_TOMORROW}" in await owner_chat.say("后天走")
    await owner_chat.say("修改 预计退房")
    assert f"预计退房：{said_day(1)}" in await owner_chat.say("明天中午退房")


@pytest.mark.parametrize("said", ["钟点房，今天晚上就走", "今天", "今晚", "今天下午", "钟点房"])
async def test_a_same_day_check_out_is_today(owner_chat: Chat, said: str) -> None:
    """钟点房，今天晚上就走 had got 看不懂这个日期, though the question offers 今天."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在")
    summary = await owner_chat.say(said)
    assert "看不懂" not in summary and "预计退房：今天" in summary


@pytest.mark.parametrize(("said", "days"), [("后天早上才走", 2), ("大后天晚上才退房", 3)])
async def test_a_later_check_out_said_with_its_part_of_the_day_is_the_day(
    owner_chat: Chat, said: str, days: int
) -> None:
    """后天早上才走 had got 没有用上：「早上才走」, and 大后天晚上才退房 the 后天 button's day."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在")
    summary = await owner_chat.say(said)
    assert (
        f"预计退房：{SHOWN_AFTER_TOMORROW if days == 2 else said_day(days)}" in summary
        and "没有用上" not in summary
    )


async def test_a_stays_length_that_has_already_ended_is_refused(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "11月20日14:00")
    assert "预计退房日期已经过去了" in await owner_chat.say("住两晚")  # 11-22, yesterday


async def test_a_stay_is_extended_without_registering_again(owner_chat: Chat) -> None:
    await owner_chat.say_all(*FULL, "确认")  # expected check-out tomorrow, 11-24
    assert "您是想用「续住 302 2天」" in await owner_chat.say("302的客人要续住两天")
    assert "302 房间续住多久" in await owner_chat.say("续住 302")
    # Answered in words, as people do after being asked (两天 had been 没有理解).
    assert f"预计退房改为 {said_day(3)}" in await owner_chat.say("两天")
    assert f"预计退房改为 {said_day(5)}" in await owner_chat.say("续住 302 2天")
    assert f"预计退房改为 {said_day(7)}" in await owner_chat.say("续住 302 11月30日")
    assert "没有在住旅客" in await owner_chat.say("续住 305 2天")


async def test_a_stay_is_extended_to_a_weekday(owner_chat: Chat) -> None:
    await owner_chat.say_all(*FULL, "确认")
    assert f"预计退房改为 {said_day(4)}" in await owner_chat.say("续住 302 周五")  # today: Monday


async def test_a_guest_without_a_document_gets_the_way_forward(owner_chat: Chat) -> None:
    """他身份证忘带了 had got 看不懂这个证件类型, and 没有 as the number a format error."""
    await owner_chat.say_all("登记", "刘强")
    asked = await owner_chat.say("他身份证忘带了怎么办")
    assert "电子身份证" in asked and "临时身份证明" in asked and "请选择证件类型" in asked
    await owner_chat.say("身份证")
    assert "临时身份证明" in await owner_chat.say("没带证件")


async def test_a_check_in_said_in_one_breath_keeps_what_was_said(owner_chat: Chat) -> None:
    """登记 李娜 <ID> 302房 threw the typed data away and asked for the name."""
    started = await owner_chat.say(f"登记 王小明 {GUEST_ID} 302房")
    assert "已记下：姓名 王小明、证件类型 居民身份证、证件号码（已校验）、房间号 302" in started
    assert GUEST_ID not in started  # not echoed back
    assert started.endswith("请输入手机号码（没有可回复「跳过」）：")  # the first not yet said
    summary = await owner_chat.say_all("跳过", "现在", "跳过")
    assert "姓名：王小明" in summary and "房间号：302" in summary and "性别：男" in summary
    assert "旅客登记成功" in await owner_chat.say("确认")
    # The same guest again: the number is refused as in the form, and asked for.
    again = await owner_chat.say(f"登记旅客 王小明 {GUEST_ID} 303")
    assert "证件号码" not in again.split("\n")[1] and "房间号 303" in again
    assert again.endswith("请选择证件类型：")


async def test_a_check_in_typed_without_the_command_is_offered_with_what_was_said(
    owner_chat: Chat,
) -> None:
    """302 王小明 <ID> 138…, no 登记 in front, had got 没有理解."""
    offer = await owner_chat.say(f"302 王小明 {GUEST_ID} 13800001111")
    assert "登记" in offer and GUEST_ID not in offer
    [button] = owner_chat.buttons()
    started = await owner_chat.say(button)
    assert "姓名 王小明" in started and "房间号 302" in started and "联系电话" in started


async def test_a_check_in_typed_with_commas_keeps_what_was_said(owner_chat: Chat) -> None:
    """Phones put commas, not spaces, between the parts: 登记 王小明，<ID>，302房 kept
    nothing and asked for the name; 住两晚 is no name either."""
    started = await owner_chat.say(f"登记 王小明，{GUEST_ID}，302房，住两晚")
    assert "已记下：姓名 王小明、证件类型 居民身份证、证件号码（已校验）、房间号 302。" in started
    started = await owner_chat.say_all("取消", f"登记 302房，住两晚，{GUEST_ID}")
    assert "姓名" not in started.split("\n")[1] and "房间号 302" in started
    assert started.endswith("请输入旅客姓名（与证件一致）：")


async def test_a_check_in_glued_to_the_command_is_offered_with_all_of_it(
    owner_chat: Chat,
) -> None:
    """登记王小明<ID>，302房 was offered 「登记 302」: the name and the number were lost."""
    offer = await owner_chat.say(f"登记王小明{GUEST_ID}，302房")
    assert "刚才写的姓名、证件号等会直接填入登记" in offer
    [button] = owner_chat.buttons()
    assert GUEST_ID not in button and "王小明" not in button  # kept sealed, not in the button
    started = await owner_chat.say(button)
    assert "已记下：姓名 王小明、证件类型 居民身份证、证件号码（已校验）、房间号 302。" in started


async def test_a_phone_said_in_one_breath_is_kept(owner_chat: Chat) -> None:
    """登记 王小明 <ID> 302房 13800001111 dropped the phone without a word."""
    started = await owner_chat.say(f"登记 王小明 {GUEST_ID} 302房 电话13800001111")
    assert "联系电话" in started and "13800001111" not in started  # not echoed back
    summary = await owner_chat.say_all("现在", "跳过")
    assert "联系电话：138****1111" in summary and "房间号：302" in summary


async def test_a_check_in_said_in_one_breath_survives_the_question_of_which_place(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """An owner of two places said it all, was asked which place, and lost all of it."""
    await second_place(services, seeded, "河畔民宿", VenueKind.HOMESTAY)
    assert "请选择要登记旅客的场所" in await owner_chat.say(f"登记 王小明 {GUEST_ID} 302")
    started = await owner_chat.say("2")
    assert "场所：河畔民宿" in started and "已记下：姓名 王小明" in started
    assert "房间号 302" in started and started.endswith("请输入手机号码（没有可回复「跳过」）：")
    # Kept once: the next check-in starts empty.
    await owner_chat.say("取消")
    await owner_chat.say("登记")
    assert "已记下" not in await owner_chat.say("1")


async def test_a_room_said_before_the_place_is_chosen_is_kept(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记 302 (the offer of 302来了客人) by an owner of two places lost the 302 at the
    question of which place."""
    await second_place(services, seeded, "河畔民宿", VenueKind.HOMESTAY)
    assert "请选择要登记旅客的场所" in await owner_chat.say("登记 302")
    started = await owner_chat.say("2")
    assert "场所：河畔民宿" in started and "已记下：房间号 302。" in started


async def test_a_refused_part_of_a_one_breath_check_in_says_why(owner_chat: Chat) -> None:
    wrong_digit = GUEST_ID[:-1] + ("0" if GUEST_ID[-1] != "0" else "1")
    started = await owner_chat.say(f"登记 王小明 {wrong_digit} 302")
    assert "已记下：姓名 王小明、房间号 302。" in started
    assert "未记下证件号码：" in started and "校验位" in started


async def test_a_guest_named_after_the_room_was_asked_about_leaves_alone(
    owner_chat: Chat,
) -> None:
    """退房 302 showed 王** and 李* as buttons; typing 李娜 got 请点选上面的选项."""
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    second = build_resident_id("110105", date(1990, 1, 2), 318)
    await owner_chat.say_all(f"/同住 {number}", "李娜", "身份证", second, "跳过", "确认")
    assert "谁退房" in await owner_chat.say("退房 302")
    left = await owner_chat.say("李娜")
    assert "302 房间 1 位旅客已办理退房：李*" in left
    assert "共 1 人" in await owner_chat.say("在住旅客")


async def test_two_guests_of_one_name_in_a_room_are_told_apart(owner_chat: Chat) -> None:
    """退房 302 王小明 checked out both guests named 王小明."""
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    other = build_resident_id("110105", date(1990, 1, 2), 317)
    await owner_chat.say_all(f"/同住 {number}", "王小明", "身份证", other, "跳过", "确认")
    asked = await owner_chat.say("退房 302 王小明")
    assert "2 位同名旅客" in asked and len(owner_chat.buttons()) == 2
    assert "1 位旅客已办理退房" in await owner_chat.say(owner_chat.buttons()[1])
    assert "共 1 人" in await owner_chat.say("在住旅客")


async def test_a_second_guest_and_the_place_said_in_one_breath_are_not_lost(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记 周杰 <ID> 赵敏 <ID> 都住306 悦来的: asked which place, lost the room, and never
    mentioned 赵敏."""
    await second_place(services, seeded, "河畔民宿", VenueKind.HOMESTAY)
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    started = await owner_chat.say(f"登记 周杰 {GUEST_ID} 赵敏 {other} 都住306 平安的")
    assert "场所：平安旅馆" in started and "房间号 306" in started
    assert "还有赵敏：这位登记完成后，发送「同住」接着登记" in started


async def test_guests_whose_masked_names_read_alike_are_told_apart(owner_chat: Chat) -> None:
    """退房 201 showed 刘** twice: the owner could not tell the adult from the child."""
    receipt = await owner_chat.say_all(*FULL, "确认")
    number = receipt.split("回执号：")[1].split()[0]
    other = build_resident_id("110105", date(2014, 1, 2), 317)
    await owner_chat.say_all(f"/同住 {number}", "王小红", "身份证", other, "跳过", "不是")
    await owner_chat.say_all("13700001111", "母亲", "确认")
    asked = await owner_chat.say("退房 302")
    assert "谁退房" in asked
    assert f"王**（尾号{other[-4:]}）" in asked and f"王**（尾号{GUEST_ID[-4:]}）" in asked


async def test_several_answers_in_one_message_fill_the_questions_in_turn(
    owner_chat: Chat,
) -> None:
    """电话13800138000 302 at the phone question got 手机号只能包含数字."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID)
    taken = await owner_chat.say("电话13812345678 302")
    assert taken.startswith("已记下：联系电话、房间号。\n请输入入住时间")
    summary = await owner_chat.say_all("现在", "明天")
    assert "联系电话：138****5678" in summary and "房间号：302" in summary
    # What does not fit the next question is said to be unused, not silently dropped.
    await owner_chat.say("取消")
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID)
    partly = await owner_chat.say("13812345678 蓝色的")
    assert "已记下：联系电话。没有用上：「蓝色的」" in partly and "请输入房间号" in partly


async def test_a_refused_number_is_not_replaced_by_the_next_guests(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """登记 周杰 <bad ID> 赵敏 <ID> 302 recorded 赵敏's number as 周杰's; and a guest named
    like a place (平安 for 平安旅馆) lost the name to the place."""
    await second_place(services, seeded, "河畔民宿", VenueKind.HOMESTAY)
    wrong_digit = GUEST_ID[:-1] + ("0" if GUEST_ID[-1] != "0" else "1")
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    started = await owner_chat.say(f"登记 周杰 {wrong_digit} 赵敏 {other} 302 河畔的")
    assert "已记下：姓名 周杰、房间号 302。" in started and "未记下证件号码" in started
    assert "还有赵敏" in started and started.endswith("请选择证件类型：")
    await owner_chat.say("取消")
    asked = await owner_chat.say(f"登记 平安健 {GUEST_ID} 302")
    assert "请选择要登记旅客的场所" in asked
    assert "姓名 平安健" in await owner_chat.say("1")


async def test_guests_never_checked_out_are_listed_apart_in_short(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """Months of forgotten check-outs had buried the guests really in the house: a list
    of 45 "in the house", two WeChat messages long."""
    await owner_chat.say_all(*FULL, "确认")  # 302, leaving 明天 (11-24)
    async with services.sessions() as session:
        first = (await session.exec(select(GuestStay))).one()
        for n in range(14):  # more of them, a minute apart, with no check-out day
            session.add(
                GuestStay.model_validate(
                    first.model_dump(exclude={"id"})
                    | {
                        "room": f"4{n:02d}",
                        "expected_checkout": None,
                        "check_in_at": first.check_in_at + timedelta(minutes=n + 1),
                    }
                )
            )
        await session.commit()
    clock.advance(days=8)  # 12-01: seven days on
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    await owner_chat.say_all("登记", "李娜", "身份证", other, "跳过", "305", "现在", "跳过", "确认")
    listing = await owner_chat.say("在住旅客")
    assert "在住旅客共 1 人：\n305　李*" in listing
    # A check-in of today reads as officers' lists read it (it had been 12-01 10:00).
    assert listing.split("\n")[1].endswith("入住 今天 10:00"), listing
    assert "逾期未退房 15 人（已过预计退房日，或入住超过 7 天未退房）" in listing
    # The latest first: the guests the owner best remembers.
    assert "413 王**（11月23日 入住）、412 王**" in listing and "等 15 人" in listing
    assert "302　王**" not in listing  # not among the guests in the house
    assert "还在住的请发送「仍在住 房间号」" in listing
    assert len(listing.encode()) < 1000


async def _copies(services: Services, count: int, **changes: object) -> None:
    """`count` more stays like the one registered, rooms 400 on, a minute apart."""
    async with services.sessions() as session:
        first = (await session.exec(select(GuestStay))).one()
        for n in range(count):
            session.add(
                GuestStay.model_validate(
                    first.model_dump(exclude={"id"})
                    | {
                        "room": f"4{n:02d}",
                        "check_in_at": first.check_in_at + timedelta(minutes=n + 1),
                        **changes,
                    }
                )
            )
        await session.commit()


async def test_the_overdue_guests_past_those_named_can_be_seen(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """等 15 人 had been the end of the list: the three not named could not be seen."""
    await owner_chat.say_all(*FULL, "确认")
    await _copies(services, 14, expected_checkout=None)
    clock.advance(days=8)
    listing = await owner_chat.say("在住旅客")
    assert "等 15 人" in listing and "发送「在住旅客 逾期」查看全部 15 人" in listing
    assert owner_chat.buttons() == ["在住旅客 逾期"]
    full = await owner_chat.say("在住旅客 逾期")
    assert "逾期未退房 15 人" in full and "302　王**" in full and "400　王**" in full
    assert "页" not in full  # one page: no page footer
    assert "还在住的请发送「仍在住 房间号」" in full


async def test_the_guests_past_the_first_fifty_are_on_the_next_page(
    owner_chat: Chat, services: Services
) -> None:
    """……另有 5 人未显示 had no way to see them."""
    await owner_chat.say_all(*FULL, "确认")
    await _copies(services, 54)
    listing = await owner_chat.say("在住旅客")
    assert "在住旅客共 55 人" in listing and "452　王**" not in listing
    assert "第1/2页，共55条。发送「在住旅客 2」看下一页。" in listing
    assert owner_chat.buttons() == ["在住旅客 2"]
    second = await owner_chat.say("在住旅客 2")
    assert "452　王**" in second and "302　王**" not in second and "第2/2页" in second
    assert owner_chat.buttons() == []
    assert "「在住旅客 2」看第2页" in await owner_chat.say("在住旅客 下一批")


async def test_the_receipt_shows_the_planned_check_out(owner_chat: Chat) -> None:
    receipt = await owner_chat.say_all(*FULL, "确认")
    assert f"预计退房：{said_day(1)}" in receipt  # 明天, as it was said


async def test_an_extension_said_as_people_say_it_keeps_its_length(owner_chat: Chat) -> None:
    """302的客人再住一晚 was offered 续住 302, which then asked how long again."""
    await owner_chat.say_all(*FULL, "确认")  # expected check-out 11-24
    offer = await owner_chat.say("302的客人再住一晚")
    assert "续住 302 1天" in offer
    assert f"预计退房改为 {SHOWN_AFTER_TOMORROW}" in await owner_chat.say("是")
    assert "续住 302 周五" in await owner_chat.say("302的客人再住到周五吧")
    assert f"预计退房改为 {said_day(3)}" in await owner_chat.say("续住 302 多住一天")
    # 住到周五 without 再 had got 没有理解.
    assert "您是想用「续住 302 周五」" in await owner_chat.say("302的客人住到周五")
    assert f"预计退房改为 {said_day(4)}" in await owner_chat.say("是")
    assert owner_chat.buttons() == []
    assert "您是想用「续住 302 下周一」" in await owner_chat.say("302的客人住到下周一")
    assert f"预计退房改为 {said_day(7)}" in await owner_chat.say("是")


async def test_a_sentence_at_the_name_is_not_a_guests_name(owner_chat: Chat) -> None:
    """她没手机 at the name question was kept as the guest's name."""
    await owner_chat.say("登记")
    for said in ("她没手机", "他不在", "是我的", "我不知道", "不是她", "有没有"):
        refused = await owner_chat.say(said)
        assert refused.startswith("这像是一句话，不是姓名"), said
        assert refused.endswith("请输入旅客姓名（与证件一致）："), said
    assert "电子身份证" in await owner_chat.say("没带证件")
    assert "请选择证件类型" in await owner_chat.say("王小明")


def test_real_looking_names_still_pass() -> None:
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 10))
    names = ("那英", "王有才", "李在明", "袁了凡", "王不凡", "欧阳娜娜", "阿不都热合曼", "是光明")
    for name in names:
        assert _parse_name(name, env) == name


async def test_the_length_typed_at_the_extension_question_is_taken(owner_chat: Chat) -> None:
    """一晚, 两晚 or 住到周五 typed at 302 房间续住多久？ (buttons 一天, 两天 …) got
    请点选上面的选项."""
    await owner_chat.say_all(*FULL, "确认")  # expected check-out 11-24, today Monday 11-23
    assert "302 房间续住多久" in await owner_chat.say("续住 302")
    assert f"预计退房改为 {SHOWN_AFTER_TOMORROW}" in await owner_chat.say("一晚")
    await owner_chat.say("续住 302")
    assert f"预计退房改为 {said_day(4)}" in await owner_chat.say("两晚")
    await owner_chat.say("续住 302")
    assert f"预计退房改为 {said_day(4)}" in await owner_chat.say("住到周五")
    await owner_chat.say("续住 302")
    assert f"预计退房改为 {said_day(6)}" in await owner_chat.say("2")  # the second button: 两天
    await owner_chat.say("续住 302")
    assert f"预计退房改为 {said_day(8)}" in await owner_chat.say("12月1日")
    # Without the question just asked, a length alone is nobody's answer.
    assert "预计退房改为" not in await owner_chat.say("一晚")


async def test_a_stay_length_said_at_the_name_is_the_planned_check_out(
    owner_chat: Chat, services: Services
) -> None:
    """张伟 <ID> <phone> 302 住两晚 at the name kept all but 住两晚 (其余的内容没有用上),
    which the form asks after the check-in time."""
    await owner_chat.say("登记")
    taken = await owner_chat.say(f"张伟 {GUEST_ID} 13800138000 302 住两晚")
    assert "其余的内容没有用上" not in taken and "预计退房" in taken
    assert taken.endswith("请输入入住时间（如 14:30 或 今天下午2点；回复「现在」即当前时间）：")
    summary = await owner_chat.say("现在")  # today: 2026-11-23
    assert "房间号：302" in summary and f"预计退房：{SHOWN_AFTER_TOMORROW}" in summary
    assert "旅客登记成功" in await owner_chat.say("确认")
    async with services.sessions() as session:
        [stay] = (await session.exec(select(GuestStay))).all()
    assert stay.expected_checkout == date(2026, 11, 25)


async def test_a_stay_length_said_with_the_command_is_the_planned_check_out(
    owner_chat: Chat,
) -> None:
    """登记 张伟 <ID> <phone> 302 住两晚 dropped 住两晚: 预计退房 was asked again."""
    started = await owner_chat.say(f"登记 张伟 {GUEST_ID} 13800138000 302 住两晚")
    assert "预计退房" in started and started.endswith("回复「现在」即当前时间）：")
    summary = await owner_chat.say("现在")
    assert f"预计退房：{SHOWN_AFTER_TOMORROW}" in summary and "房间号：302" in summary


async def test_asking_after_the_guests_soon_after_an_alert_is_offered_the_list(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """今天来了几个客人 and 张伟住几号房, minutes after acknowledging an alert, were offered
    to the alert's officer: 「要把这个问题转给发布通报#1的民警吗？」."""
    draft = await compose(
        officer_chat, "今晚降温 注意用火安全", "现在发送", "跳过", "消防", "一般", "旅馆", "确认"
    )
    number = draft.split("通报#")[1].split("（")[0]
    await officer_chat.say(f"/通报发送 {number}")
    assert "已确认收到" in await owner_chat.say("收到")
    for asked in ("今天来了几个客人", "王小明住几号房"):
        offer = await owner_chat.say(asked)
        assert "转给发布通报" not in offer and "在住旅客" in offer, offer


async def test_a_check_out_said_to_be_wrong_is_offered_its_undo(owner_chat: Chat) -> None:
    """不对 是303退房 退错了, just after 退房 302, was offered 「退房 退错了」, whose button
    got 房间号只能包含数字."""
    await owner_chat.say_all(*FULL, "确认")
    assert "已办理退房" in await owner_chat.say("退房 302")
    offer = await owner_chat.say("不对 是303退房 退错了")
    assert "您是想用「撤销退房」" in offer and "退房 退错了" not in offer
    [button] = owner_chat.buttons()
    asked = await owner_chat.say(button)
    assert "撤销 平安旅馆 302 王** 的退房？" in asked and "请发送「退房 303」" in asked
    assert "已撤销 平安旅馆 302 房间的退房" in await owner_chat.say("确认")


async def test_one_guest_of_a_shared_room_stays_on_by_name(owner_chat: Chat) -> None:
    """305的张伟要多住两天 had extended both guests of the room."""
    await owner_chat.say_all(*FULL, "确认")  # 王小明, expected check-out 11-24
    companion = build_resident_id("110105", date(1992, 6, 1), 521)
    await owner_chat.say_all("1", "李四", "身份证", companion, "跳过", "确认")  # 登记同住人
    offer = await owner_chat.say("302的李四要多住两天")
    assert "续住 302 2天 李四" in offer
    extended = await owner_chat.say("是")
    assert f"302 房间（李*）预计退房改为 {said_day(3)}" in extended
    # No name said: which of the two, or both.
    asked = await owner_chat.say("续住 302 1天")
    assert "302 房间有 2 位在住旅客" in asked and "谁续住" in asked
    assert len(owner_chat.buttons()) == 3
    assert f"（王**）预计退房改为 {SHOWN_AFTER_TOMORROW}" in await owner_chat.say("王**")
    await owner_chat.say("续住 302 3天")
    assert "（王**、李*）预计退房改为" in await owner_chat.say("全部 2 位")
    assert "没有在住的这位旅客" in await owner_chat.say("续住 302 2天 张三")
    # The name said before the length is kept on the length's buttons.
    await owner_chat.say("续住 302 李四")
    assert "续住 302 1天 李四" in owner_chat.buttons()


async def test_one_guest_of_a_shared_room_leaving_tomorrow_is_offered_by_name(
    owner_chat: Chat,
) -> None:
    """305的张伟明天走 was offered 「退房 305」, which then asked which of the guests."""
    await owner_chat.say_all(*FULL, "确认")  # 王小明
    companion = build_resident_id("110105", date(1992, 6, 1), 521)
    await owner_chat.say_all("1", "李四", "身份证", companion, "跳过", "确认")  # 登记同住人
    offer = await owner_chat.say("302的李四明天走")
    assert "您是想用「退房 302 李四」" in offer
    [button] = owner_chat.buttons()
    left = await owner_chat.say(button)
    assert "已办理退房" in left and "李*" in left and "王**" not in left


async def test_a_companion_said_with_the_check_in_is_filled_in_at_its_registration(
    owner_chat: Chat, services: Services
) -> None:
    """登记 王强 <ID> 老婆 刘芳 <ID> 208 said 发送「同住」接着登记, whose form then asked
    her name and ID number again."""
    wife = build_resident_id("110105", date(1993, 4, 2), 526)
    started = await owner_chat.say(f"登记 王强 {GUEST_ID} 老婆 刘芳 {wife} 208")
    assert "还有刘芳：" in started and "姓名、证件号码会直接填入" in started
    await owner_chat.say_all("跳过", "现在", "跳过", "确认")
    companion = await owner_chat.say("同住")
    assert "208 房间的同住人员" in companion and "已记下：姓名 刘芳、" in companion
    assert companion.endswith("请输入手机号码（没有可回复「跳过」）：")
    summary = await owner_chat.say("跳过")
    assert "姓名：刘芳" in summary and "房间号：208" in summary and "性别：女" in summary
    # Her answers are editable, as any typed.
    assert "请输入旅客姓名" in await owner_chat.say("修改 姓名")
    assert "姓名：刘芳芳" in await owner_chat.say("刘芳芳")
    assert "旅客登记成功" in await owner_chat.say("确认")
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay))).all()
    assert len(stays) == 2 and stays[0].receipt_no == stays[1].receipt_no
    # Said once: the next 同住 asks afresh.
    assert (await owner_chat.say("同住")).endswith("请输入旅客姓名（与证件一致）：")


async def test_a_guest_from_taiwan_is_named_as_such_not_as_from_abroad(
    owner_chat: Chat,
) -> None:
    """A compatriot of Taiwan was 境外人员 on the receipt and 境外 in the list."""
    receipt = await owner_chat.say_all(
        "登记", "陈志明", "台胞证", "12345678", "男", "1970-05-06", "跳过", "303", "现在",
        "跳过", "确认",
    )  # fmt: skip
    assert "该旅客为台湾居民" in receipt and "境外" not in receipt
    listing = await owner_chat.say("在住旅客")
    assert "陈**（台湾居民）" in listing and "境外" not in listing


async def test_numbers_and_days_said_in_chinese_are_taken(owner_chat: Chat) -> None:
    """The phone 一三八 一二三四 五六七八, the ID 四四零三零四 一九八五一一二零 七八九九, the
    birth date 85年3月2号 and 续住 302 到周三 were refused."""
    summary = await owner_chat.say_all(
        "登记", "王小明", "身份证", "四四零三零四 一九八五一一二零 七八九九",
        "一三八 一二三四 五六七八", "302", "现在", "明天",
    )  # fmt: skip
    assert "证件号码：**************7899" in summary and "联系电话：138****5678" in summary
    await owner_chat.say("确认")
    assert f"预计退房改为 {SHOWN_AFTER_TOMORROW}" in await owner_chat.say("续住 302 到周三")
    passport = await owner_chat.say_all("登记", "Tanaka Taro", "护照", "TR1234567", "男")
    assert "出生日期" in passport
    assert "国籍" in await owner_chat.say("85年3月2号")
    summary = await owner_chat.say_all("日本", "跳过", "303", "现在", "跳过")
    assert "出生日期：1985年3月2日" in summary


async def test_a_phone_number_at_the_room_is_not_a_room(owner_chat: Chat) -> None:
    """0371-6666 8888 at the room stored room 0371-6666 (其余的内容没有用上)."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    refused = await owner_chat.say("0371-6666 8888")
    assert "这像是电话号码，不是房间号" in refused and "已记下" not in refused
    assert "房间号：302" in await owner_chat.say_all("302", "现在", "跳过")


async def test_a_room_with_the_letter_o_for_zero_is_asked_back(owner_chat: Chat) -> None:
    """3O2 had been saved as typed, without a question (and 退房 302 found no one)."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    asked = await owner_chat.say("3O2")
    assert asked.startswith("房间号是「302」吗？") and "请输入入住时间" not in asked
    assert "请输入入住时间" in await owner_chat.say("是的")
    assert "房间号：302" in await owner_chat.say_all("现在", "跳过")


async def test_a_room_asked_back_takes_the_number_typed_instead(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    assert "房间号是「303」吗" in await owner_chat.say("3o3")
    assert "房间号：308" in await owner_chat.say_all("308", "现在", "跳过")


async def test_a_cancelled_check_in_names_the_way_to_start_again(owner_chat: Chat) -> None:
    """取消 got 需要时可重新开始, which named no command. (With a name typed, 恢复 is
    offered instead: see tests/bot/forms/test_undo.py.)"""
    await owner_chat.say("登记")
    cancelled = await owner_chat.say("取消")
    assert "已取消旅客登记" in cancelled and "需要时发送「登记旅客」重新开始" in cancelled
    assert "请输入旅客姓名" in await owner_chat.say("登记旅客")


async def test_the_in_house_list_tags_a_minor(owner_chat: Chat) -> None:
    """/在住旅客 tagged 港澳居民 but not 未成年: a 16-year-old alone read as any adult."""
    minor = build_resident_id("110105", date(2010, 3, 15), 322)  # born 2010: sixteen
    await owner_chat.say_all(
        "登记", "刘小红", "身份证", minor, "跳过", "308", "现在", "跳过", "13900001234", "独自"
    )
    assert "登记成功" in await owner_chat.say("确认")
    await owner_chat.say_all(*FULL, "确认")
    listing = await owner_chat.say("在住旅客")
    assert "308　刘**（未成年）" in listing and "302　王**　" in listing


async def test_checkout_in_a_group_names_no_guest(owner_chat: Chat, dispatcher: Dispatcher) -> None:
    """Everyone in a venue's group reads its replies: 退房 there had named the guests."""
    await owner_chat.say_all(*FULL, "确认")
    await owner_chat.say("同住")
    await owner_chat.say_all(
        "Anna Smith", "护照", "X1234567", "女", "1995-05-05", "英国", "跳过", "确认"
    )
    group = Chat(dispatcher, "owner", chat_type=ChatType.GROUP)
    asked = await group.say("退房 302")  # which of the two had been asked by name
    # The owner typed no ID number: told why the choice is private, not to keep one out.
    assert "选择哪位旅客退房需要显示姓名，请私聊本号发送「退房 302」。" in asked
    assert "证件号码" not in asked
    assert "王**" not in asked and "A***" not in asked
    # The whole room needs no names: offered there, one tap.
    (whole,) = group.buttons()
    assert whole.startswith("退房 302 #") and whole.endswith(" 全部")
    done = await group.say(whole)
    assert "302 房间 2 位旅客已办理退房。" in done
    assert "王**" not in done and "A***" not in done


async def test_an_extension_in_a_group_names_no_guest(
    owner_chat: Chat, dispatcher: Dispatcher
) -> None:
    """续住 in a venue's group had listed the room's guests with sex, age and ID tail."""
    await owner_chat.say_all(*FULL, "确认")
    await owner_chat.say("同住")
    await owner_chat.say_all(
        "Anna Smith", "护照", "X1234567", "女", "1995-05-05", "英国", "跳过", "确认"
    )
    group = Chat(dispatcher, "owner", chat_type=ChatType.GROUP)
    asked = await group.say("/续住 302 2天")
    assert "选择哪位旅客续住需要显示姓名，请私聊本号发送「续住 302」。" in asked
    assert "王**" not in asked and "A***" not in asked and "尾号" not in asked
    (whole,) = group.buttons()
    done = await group.say(whole)
    assert "302 房间" in done and "预计退房改为" in done, done
    assert "王**" not in done and "A***" not in done, done


async def test_a_room_asked_back_is_one_bubble(owner_chat: Chat) -> None:
    """房间号是「302」吗？ had been followed by 请输入房间号 again."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    replies = await owner_chat.send("3O2")
    assert len(replies) == 1 and text_of(replies[0]).startswith("房间号是「302」吗？")
    assert "请输入房间号" not in text_of(replies[0])


async def test_the_summary_and_the_receipt_mask_the_id_number_alike(owner_chat: Chat) -> None:
    """The summary showed 1101**********245X and the receipt right after **************245X:
    two masks of one number, as if two numbers. One rule, the one 在住旅客 and 退房 show."""
    summary = await owner_chat.say_all(*FULL)
    receipt = await owner_chat.say("确认")
    assert "证件号码：**************245X" in summary
    assert "（**************245X）" in receipt
    assert "**************245X" in await owner_chat.say("在住旅客")


async def test_the_check_out_question_has_buttons_for_the_common_answers(
    owner_chat: Chat,
) -> None:
    """预计退房 had no buttons while 入住时间 had 现在: 明天, 后天 and 不确定 now."""
    asked = await owner_chat.say_all(*FULL[:-1])
    assert owner_chat.buttons() == ["明天", "后天", "不确定"] and "「不确定」" in asked
    assert f"预计退房：{SHOWN_AFTER_TOMORROW}" in await owner_chat.say("后天")
    await owner_chat.say("修改 预计退房")
    summary = await owner_chat.say("不确定")
    assert "预计退房：未定" in summary and "看不懂" not in summary
    receipt = await owner_chat.say("确认")
    assert "旅客登记成功" in receipt and "预计退房" not in receipt


async def test_register_guest_in_owners_words_starts_the_form(owner_chat: Chat) -> None:
    """登记客人 alone got an offer (您是想用「登记旅客」吗？) where 登记旅客 starts the form,
    and 登记客人 赵六 an offer too."""
    assert (await owner_chat.say("登记客人")).endswith("请输入旅客姓名（与证件一致）：")
    assert (await owner_chat.say("赵六")).endswith("请选择证件类型：")
    await owner_chat.say("取消")
    started = await owner_chat.say("登记客人 赵六")
    assert "已记下：姓名 赵六。" in started and started.endswith("请选择证件类型：")


async def test_a_room_with_the_letter_o_in_a_sentence_inside_the_form_is_asked_back(
    owner_chat: Chat,
) -> None:
    """13812345678 住3O2 at the phone kept the phone and said the rest was unused (the
    one-sentence 登记 … 3O2 asks it back as 302)."""
    await owner_chat.say_all("登记", "张三", "身份证", GUEST_ID)
    asked = await owner_chat.say("13812345678 住3O2")
    assert "已记下：联系电话。" in asked and "没有用上" not in asked
    assert asked.endswith(
        "房间号是「302」吗？（字母 O 按数字 0 读）是的话请回复「是」，不是请重新输入房间号。"
    )
    assert "请输入入住时间" in await owner_chat.say("是")
    assert "房间号：302" in await owner_chat.say_all("现在", "跳过")


async def test_a_room_said_with_stays_in_at_the_room_question_is_taken(owner_chat: Chat) -> None:
    """住3O2房 at the room's question got 房间号只能包含数字、字母和“-”."""
    await owner_chat.say_all("登记", "张三", "身份证", GUEST_ID, "跳过")
    assert "房间号是「302」吗？" in await owner_chat.say("住3O2房")
    assert "请输入入住时间" in await owner_chat.say("是")
    await owner_chat.say("上一步")
    assert "请输入入住时间" in await owner_chat.say("住305")


async def test_asking_what_to_fill_at_the_name_gets_what_it_takes(owner_chat: Chat) -> None:
    """这个要填什么？ at the name had got the rule for Chinese names and 请发送「/咨询 这个要
    填什么？」, a question for the police desk."""
    await owner_chat.say("登记")
    reply = await owner_chat.say("这个要填什么？")
    assert "这一步请直接填写「姓名」" in reply and "/咨询" not in reply
    assert reply.endswith("请输入旅客姓名（与证件一致）：")
    assert "证件类型" in await owner_chat.say("欧阳娜娜")
    # At a step with options too: it had left the form for a law search (没有找到…条文).
    at_type = await owner_chat.say("这个要填什么")
    assert "这一步请选择「证件类型」" in at_type and "没有" not in at_type
    assert at_type.endswith("请选择证件类型：")


async def test_the_check_out_question_gives_an_example_date_still_to_come(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """如 明天、后天 或 11月30日 had been asked on 12-01, its example a day gone by."""
    clock.now = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    asked = await owner_chat.say_all(*FULL[:-1])
    assert "预计退房日期（如 明天、后天 或 12月4日" in asked, asked
    assert "11月30日" not in asked
    assert "续住 302 12月4日" in await owner_chat.say_all("明天", "确认", "续住")


async def test_one_more_guest_said_after_a_check_in_is_registered_in_the_same_room(
    owner_chat: Chat, services: Services
) -> None:
    """还有一个，他老婆 李娜 <ID> 同一间 just after a check-in started a new one: the room
    asked again, and 还有一个 registered as her name."""
    await owner_chat.say_all(*FULL, "确认")
    wife = build_resident_id("110105", date(1990, 1, 2), 328)
    offer = await owner_chat.say(f"还有一个，他老婆 李娜 身份证号{wife} 同一间")
    assert "同住人" in offer and wife not in offer
    started = await owner_chat.say(owner_chat.buttons()[0])
    assert "302 房间的同住人员" in started and "姓名 李娜" in started
    summary = await owner_chat.say("跳过")
    assert "姓名：李娜" in summary and "房间号：302" in summary
    await owner_chat.say("确认")
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay).order_by(col(GuestStay.id)))).all()
    assert [s.room for s in stays] == ["302", "302"] and not stays[1].is_primary


async def test_one_more_guest_registered_apart_never_takes_the_filler_as_a_name(
    owner_chat: Chat,
) -> None:
    """The offer's other button (a new guest): 还有一个 had been the name, and 跟刚才那个
    一样302 was refused at the room's question."""
    await owner_chat.say_all(*FULL, "确认")
    wife = build_resident_id("110105", date(1990, 1, 2), 328)
    await owner_chat.say(f"还有一个，他老婆 李娜 身份证号{wife} 同一间")
    started = await owner_chat.say(owner_chat.buttons()[1])
    assert "姓名 李娜" in started and "还有一个" not in started
    summary = await owner_chat.say_all("跳过", "跟刚才那个一样302", "现在", "明天")
    assert "姓名：李娜" in summary and "房间号：302" in summary


async def test_a_latin_name_of_several_words_at_the_name_is_one_name(owner_chat: Chat) -> None:
    """John Smith 护照 E12345678 美国人 at the name stored 「John」, Smith said only to be
    among 其余的内容没有用上."""
    await owner_chat.say("登记")
    taken = await owner_chat.say("John Smith 护照 E12345678 美国人")
    assert taken.startswith("已记下：姓名、证件类型、证件号码、国籍/地区。\n")
    assert "没有用上" not in taken
    summary = await owner_chat.say_all("男", "1990-01-01", "跳过", "302", "现在", "明天")
    assert "姓名：John Smith" in summary and "国籍/地区：美国" in summary


async def test_words_not_used_from_a_message_are_named(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID)
    partly = await owner_chat.say("13812345678 蓝色的 13900001111")
    assert "没有用上：「蓝色的」、手机号，请按下面的提示再填。" in partly
    assert "13900001111" not in partly


async def test_times_said_as_people_say_them_are_read(owner_chat: Chat, clock: FakeClock) -> None:
    """住两晚吧 got 看不懂这个日期 (两天 worked), and 晚上十一点多到的 was refused."""
    clock.now = clock.now.replace(hour=17, minute=49)  # 01:49 on the 24th in Shanghai
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过", "302")
    summary = await owner_chat.say_all("晚上十一点多到的", "住两晚吧")
    assert "入住时间：昨天 23:00" in summary and f"预计退房：{said_day(1, clock)}" in summary


async def test_same_room_at_a_new_registration_offers_the_room_just_registered(
    owner_chat: Chat,
) -> None:
    """同一间 at the room of a new registration (not a 同住) got 房间号只能包含数字…: the room
    of the guest registered minutes ago is offered, as a button and to a 是."""
    await owner_chat.say_all(*FULL, "确认")
    other = build_resident_id("440304", date(1982, 3, 3), 2)
    await owner_chat.say_all("登记", "李娜", "身份证", other, "跳过")
    asked = await owner_chat.say("同一间")
    assert asked == (
        "是和刚才登记的 王** 住同一间（302房）吗？是的话请点「302」或回复「是」，不是请输入房间号。"
    )
    assert owner_chat.buttons() == ["302"]
    assert "入住时间" in await owner_chat.say("302")
    await owner_chat.say("上一步")
    assert "住同一间（302房）" in await owner_chat.say("跟刚才一样")
    summary = await owner_chat.say_all("是", "现在", "明天")
    assert "房间号：302" in summary


async def test_same_room_with_nobody_registered_just_before_asks_the_room(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """With no guest registered lately the room is asked plainly; a homestay had kept
    同一间 as a room's name."""
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    asked = await owner_chat.say("同一间")
    assert "最近没有您登记的在住旅客，请直接输入房间号，例如 302" in asked
    assert asked.endswith("请输入房间号：")
    await owner_chat.say("取消")
    async with services.sessions() as session:
        hotel = await session.get(type(seeded.hotel), seeded.hotel.id)
        assert hotel is not None
        hotel.kind = VenueKind.HOMESTAY
        await session.commit()
    await owner_chat.say_all("登记", "王小明", "身份证", GUEST_ID, "跳过")
    assert "请直接输入房间号" in await owner_chat.say("同一个房间")


async def test_a_guest_leaving_later_than_booked_is_offered_the_extension(
    owner_chat: Chat,
) -> None:
    """302那个客人后天才走 (才: later than booked) got 没有理解; 刚才走了 is still 退房."""
    await owner_chat.say_all(*FULL, "确认")  # 王小明, to leave 明天
    offer = await owner_chat.say("302那个客人后天才走")
    assert "您是想用「续住 302 后天」" in offer, offer
    [button] = owner_chat.buttons()
    assert "预计退房改为" in await owner_chat.say(button)
    # With its part of the day (后天早上才走 had got 没有理解): the day is what 续住 keeps.
    offer = await owner_chat.say("302的客人大后天早上才走")
    assert "您是想用「续住 302 大后天」" in offer, offer
    [button] = owner_chat.buttons()
    assert f"预计退房改为 {said_day(3)}" in await owner_chat.say(button)
    assert "您是想用「退房 302」" in await owner_chat.say("302的客人刚才走了")
    # 302的明天才走 had offered 「续住 302 明天 明天才」, the day read as a guest's name.
    assert "您是想用「续住 302 明天」（" in await owner_chat.say("302的明天才走")


async def test_a_foreign_guest_said_in_words_is_offered_the_passport_registration(
    owner_chat: Chat,
) -> None:
    """来了个老外, 住进来一个外国人 had got 没有理解: the check-in is offered, as 来了客人 is,
    with the passport chosen; its button asks the name, then the passport's number."""
    for said in ("来了个老外", "住进来一个外国人", "来了一位外国人"):
        offered = await owner_chat.say(said)
        assert "登记旅客" in offered and "没有理解" not in offered, (said, offered)
        assert owner_chat.buttons() == ["/登记旅客 护照"], (said, owner_chat.buttons())
    passport = owner_chat.buttons()[0]
    # A guest said so, with nothing foreign: the check-in, no document chosen.
    assert "登记旅客" in await owner_chat.say("来了个客人")
    assert owner_chat.buttons() == ["/登记旅客"]
    started = await owner_chat.say(passport)
    assert "证件类型 护照" in started, started
    assert "请输入证件号码" in await owner_chat.say("John Smith")
    await owner_chat.say("取消")
    # A question about foreigners is still the question's (the FAQ, or the officer).
    await owner_chat.say("外国人入住要怎么登记？")
    assert "/登记旅客 护照" not in owner_chat.buttons()


async def test_the_day_after_tomorrow_is_said_as_such_with_its_date(owner_chat: Chat) -> None:
    """后天 had been shown as a bare 11月25日 in the summary and the receipt, while 明天 is
    明天: it reads 后天（11月25日）."""
    summary = await owner_chat.say_all(*FULL[:-1], "后天")
    assert f"预计退房：后天（{dated_day(2)}）" in summary, summary
    receipt = await owner_chat.say("确认")
    assert f"预计退房：后天（{dated_day(2)}）" in receipt, receipt


async def test_a_check_out_typed_at_the_id_number_is_the_check_out_and_the_form_waits(
    owner_chat: Chat,
) -> None:
    """退房 302 typed at 证件号码 had been read as the ID number (身份证号只能由数字组成):
    the check-out is done, and the registration waits with what was typed."""
    await owner_chat.say_all(*FULL, "确认")
    assert "请输入证件号码" in await owner_chat.say_all("登记", "李四", "身份证")
    done = await owner_chat.say("退房 302")
    assert "302 房间 1 位旅客已办理退房" in done and "身份证号" not in done
    assert "旅客登记还没填完" in done
    assert "请输入证件号码" in await owner_chat.say("继续")
    companion = build_resident_id("110105", date(1992, 6, 1), 521)
    summary = await owner_chat.say_all(companion, "跳过", "303", "现在", "跳过")
    assert "姓名：李四" in summary


async def test_an_extended_stay_says_its_day_as_other_replies_do(owner_chat: Chat) -> None:
    """续住 302 后天 had said 预计退房改为 11月25日, and its guest picker 11-23入住: a
    bare date where the summaries say 后天（11月25日） and 今天."""
    await owner_chat.say_all(*FULL, "确认")
    extended = await owner_chat.say("续住 302 后天")
    assert f"预计退房改为 后天（{dated_day(2)}）" in extended, extended
    companion = build_resident_id("110105", date(1992, 6, 1), 521)
    await owner_chat.say_all("/同住", "李四", "身份证", companion, "跳过", "确认")
    await owner_chat.say("续住 302 3天")
    labels = [b.label for r in owner_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert any("今天入住" in label for label in labels), labels
    assert not any("11-23" in label for label in labels), labels
