"""`/查人` and `/今日登记`: officers see registrations across their station, masked in lists,
in full only on an audited view."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.validators.idcard import build_resident_id
from bot.validators.masking import mask_id_number, mask_stored_id_number
from storage.models import AuditEvent
from tests.handlers.test_hits import REGISTER_WANTED
from tests.support.chat import Chat
from tests.support.clock import FakeClock, said_day
from tests.support.people import add_stranger_officer
from tests.support.seed import GUEST_ID, Seeded

GUEST = ("登记", "王建国", "身份证", GUEST_ID, "13800001111", "302", "现在", "跳过", "确认")
TENANT = ("登记", "李梅", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认")


async def _audited(services: Services, action: str) -> list[AuditEvent]:
    async with services.sessions() as session:
        query = select(AuditEvent).where(AuditEvent.action == action)
        return list((await session.exec(query)).all())


async def test_an_officer_finds_a_guest_and_a_tenant_masked_and_opens_one_audited(
    officer_chat: Chat, owner_chat: Chat, landlord_chat: Chat, services: Services
) -> None:
    """查人 王建国 had got 没有理解: the officer had no way to a person across the beat."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    assert "租客登记成功" in await landlord_chat.say_all(*TENANT)
    listed = await officer_chat.say("查人 王建国")
    assert "按姓名找到 1 条登记" in listed and "平安旅馆 302房" in listed
    assert "王**" in listed and mask_stored_id_number(GUEST_ID) in listed and "在住" in listed
    assert "入住 今天 10:00，在住" in listed  # today's time had printed as 11-23 10:00
    assert GUEST_ID not in listed and "王建国" not in listed.replace("查人 王建国", "")
    assert await _audited(services, "view:person") == []
    [search] = await _audited(services, "lookup:person")
    assert "王建国" not in search.detail and search.detail == "by=name results=1"
    # By ID number: the guest and the tenant, who share it in this test.
    both = await officer_chat.say(f"/查人 {GUEST_ID}")
    assert "按证件号码找到 2 条登记" in both and "和平里5号（门牌200001）" in both
    assert f"起租 {said_day(date(2026, 11, 1))}，在租" in both and GUEST_ID not in both
    [opened, *_] = officer_chat.buttons()
    assert opened.startswith("/查人 旅客")
    full = await officer_chat.say(opened)
    assert "姓名：王建国" in full and GUEST_ID in full and "电话：13800001111" in full
    assert "入住：今天 10:00" in full
    assert "本次查看已记入审计日志" in full
    [view] = await _audited(services, "view:person")
    assert view.subject_kind == "guest_stay" and opened.endswith(view.subject_id)


async def test_nothing_found_and_what_cannot_be_searched_say_so(officer_chat: Chat) -> None:
    assert "没有该姓名的旅客、租客登记" in await officer_chat.say("查人 赵无名")
    phone = await officer_chat.say("查人 13900001111")
    assert "没有该手机号的旅客、租客登记" in phone and "/门牌 13900001111" in phone
    assert officer_chat.buttons() == ["/门牌 13900001111"]
    assert "用法：/查人" in await officer_chat.say("/查人")
    assert "本所辖区没有登记「旅客999」" in await officer_chat.say("/查人 旅客999")


async def test_an_officer_finds_guests_and_tenants_by_phone_masked_and_audited(
    officer_chat: Chat, owner_chat: Chat, landlord_chat: Chat, services: Services
) -> None:
    """查人 13800001111 had got 手机号不能直接检索: phones had no blind index."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    tenant = (*TENANT[:4], "+86 138-0000-1111", *TENANT[5:])
    assert "租客登记成功" in await landlord_chat.say_all(*tenant)
    # As officers type it: spaces, dashes, the country code; both people share the number.
    for typed in ("13800001111", "138 0000 1111", "+86 138-0000-1111", "8613800001111"):
        listed = await officer_chat.say(f"查人 {typed}")
        assert "按手机号找到 2 条登记" in listed, typed
        assert "平安旅馆 302房" in listed and "和平里5号（门牌200001）" in listed
        assert "138****1111" in listed and "王**" in listed and "李*" in listed
        assert GUEST_ID not in listed and "王建国" not in listed and "李梅" not in listed
    searches = await _audited(services, "lookup:person")
    assert [s.detail for s in searches] == ["by=person_phone results=2"] * 4
    assert "13800001111" not in " ".join(s.detail + s.subject_id for s in searches)
    assert await _audited(services, "view:person") == []
    full = await officer_chat.say(officer_chat.buttons()[0])
    assert "电话：13800001111" in full and "本次查看已记入审计日志" in full
    assert len(await _audited(services, "view:person")) == 1
    assert "没有该手机号" in await officer_chat.say("查人 13800002222")


async def test_a_registration_is_opened_with_or_without_a_space_before_its_number(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """查人 旅客 1 had been searched as an ID number: 没有该证件号码的旅客、租客登记."""
    await owner_chat.say_all(*GUEST)
    listed = await officer_chat.say("查人 王建国")
    key = officer_chat.buttons()[0].removeprefix("/查人 ")
    number = key.removeprefix("旅客")
    assert key in listed and number.isdigit()
    for typed in (key, f"旅客 {number}", f"#旅客{number}", f"旅客　{number}"):
        full = await officer_chat.say(f"查人 {typed}")
        assert "姓名：王建国" in full and f"{key}　平安旅馆" in full, typed
    assert "本所辖区没有登记「租客999」" in await officer_chat.say("查人 租客 999")


async def test_a_full_record_names_the_venue_as_officers_know_it(
    officer_chat: Chat, owner_chat: Chat, landlord_chat: Chat
) -> None:
    """The full record had named the venue 平安旅馆（#1）: its database id, which no officer
    goes by. A rental reads with its plate, as the list above it does."""
    await owner_chat.say_all(*GUEST)
    await landlord_chat.say_all(*TENANT)
    await officer_chat.say(f"查人 {GUEST_ID}")  # the two share it in this test
    keys = [b.removeprefix("/查人 ") for b in officer_chat.buttons()]
    [guest] = [k for k in keys if k.startswith("旅客")]
    [tenant] = [k for k in keys if k.startswith("租客")]
    shown = await officer_chat.say(f"查人 {guest}")
    assert shown.startswith(f"{guest}　平安旅馆 302房\n"), shown
    shown = await officer_chat.say(f"查人 {tenant}")
    assert shown.startswith(f"{tenant}　和平里5号（门牌200001）\n"), shown
    assert "（#" not in shown


async def test_a_tenants_room_is_shown_as_a_guests_is(
    officer_chat: Chat, landlord_chat: Chat
) -> None:
    """A tenant of a house let by rooms read only as the house: which door to knock on was
    shown for a guest (平安旅馆 302房) and never for a tenant."""
    await landlord_chat.say(f"登记租客 刘芳 {GUEST_ID} 302室")
    await landlord_chat.say_all("跳过", "跳过", "跳过", "今天", "跳过", "确认")
    listed = await officer_chat.say("查人 刘芳")
    assert "和平里5号（门牌200001） 302房　刘*" in listed, listed
    [opened] = officer_chat.buttons()
    shown = await officer_chat.say(opened)
    assert shown.startswith(f"{opened.removeprefix('/查人 ')}　和平里5号（门牌200001） 302房\n")


async def test_an_owner_cannot_look_people_up(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*GUEST)
    assert "仅限本所民警" in await owner_chat.say("/查人 王建国")
    assert "仅限本所民警" in await owner_chat.say("/查人 旅客1")
    assert "王建国" not in await owner_chat.say("/今日登记")
    assert await _audited(services, "view:person") == []


async def test_todays_registrations_by_venue_with_a_way_to_each(
    officer_chat: Chat, owner_chat: Chat, landlord_chat: Chat, seeded: Seeded, clock: FakeClock
) -> None:
    """今天登记情况 and 旅客 had got 没有理解."""
    assert "还没有新的旅客、租客登记" in await officer_chat.say("今天登记情况")
    await owner_chat.say_all(*GUEST)
    await landlord_chat.say_all(*TENANT)
    today = await officer_chat.say("旅客")
    assert "本警务区登记：旅客 1 人，租客 1 人" in today
    assert f"#{seeded.hotel.id} 平安旅馆：旅客 1 人" in today
    assert f"#{seeded.rental.id} 和平里5号：租客 1 人" in today
    assert f"/场所 {seeded.hotel.id} 住客" in officer_chat.buttons()
    clock.advance(days=1)
    assert "还没有新的旅客、租客登记" in await officer_chat.say("今日登记")


async def test_an_officers_guest_list_points_to_the_beat_views(officer_chat: Chat) -> None:
    """在住旅客 had told an officer it is for bound venue owners."""
    reply = await officer_chat.say("在住旅客")
    assert "今日登记" in reply and "/查人" in reply and "场所负责人" not in reply


async def test_a_house_is_found_by_its_tenants_name(
    officer_chat: Chat, landlord_chat: Chat
) -> None:
    """门牌 李梅 had got 没有找到."""
    await landlord_chat.say_all(*TENANT)
    card = await officer_chat.say("门牌 李梅")
    assert "和平里5号（出租屋）" in card and "门牌：200001" in card
    missing = await officer_chat.say("门牌 13900001111")
    assert "没有找到" in missing and "/查人 姓名、证件号码或手机号" in missing


async def test_a_masked_number_copied_from_a_message_says_it_is_masked(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """/查人 4101**********1239, copied from a hit message, got 「…没有该证件号码的旅客、租客
    登记。」: false, the mask was searched as the number."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    # As lists show it now (**************245X), and as older messages did (1101****...).
    for masked in (mask_stored_id_number(GUEST_ID), mask_id_number(GUEST_ID)):
        reply = await officer_chat.say(f"/查人 {masked}")
        assert "打码显示的证件号码" in reply and "/比中 编号" in reply, masked
        assert "没有该证件号码" not in reply
    assert "打码显示的姓名" in await officer_chat.say("/查人 王**")


async def test_a_latin_name_is_found_in_either_order(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """/查人 SMITH JOHN, surname first as on a passport, found nothing; john smith did."""
    guest = ("登记", "John Smith", *GUEST[2:])
    assert "登记成功" in await owner_chat.say_all(*guest)
    for typed in ("SMITH JOHN", "john smith", "Smith John"):
        listed = await officer_chat.say(f"/查人 {typed}")
        assert "按姓名找到 1 条登记" in listed and "平安旅馆 302房" in listed, typed
        assert "John Smith" not in listed
    searches = await _audited(services, "lookup:person")
    assert [s.detail for s in searches] == ["by=name results=1"] * 3


async def test_a_lone_minors_full_record_shows_the_guardians_phone(
    officer_chat: Chat, owner_chat: Chat, services: Services
) -> None:
    """/查人 旅客N of a 16-year-old alone showed the full ID and phone but nothing of the
    minor: the guardian's phone, masked in the night notice and /场所 N 住客, was nowhere."""
    minor = build_resident_id("110105", date(2010, 3, 15), 311)
    registered = await owner_chat.say_all(
        "登记", "刘小红", "身份证", minor, "跳过", "308", "现在", "跳过", "13900001234", "独自"
    )
    assert "登记成功" in registered + await owner_chat.say("确认")
    await officer_chat.say("/查人 刘小红")
    full = await officer_chat.say(officer_chat.buttons()[0])
    assert "未成年：是" in full and "监护人电话：13900001234" in full and "同住：独自" in full
    assert len(await _audited(services, "view:person")) == 1
    # An adult's record says nothing of it.
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    await officer_chat.say("/查人 王建国")
    assert "未成年" not in await officer_chat.say(officer_chat.buttons()[0])


async def test_a_masked_phone_is_called_a_phone_and_the_way_to_the_full_record_named(
    officer_chat: Chat,
) -> None:
    """/查人 138****8000 was told 「请发送完整号码，如「/查人 证件号码」」, and not the way
    from a masked list to the full record (/查人 姓名, then /查人 旅客N)."""
    phone = await officer_chat.say("/查人 138****8000")
    assert "打码显示的手机号" in phone and "请发送完整手机号" in phone
    assert "证件号码" not in phone and "/查人 旅客N" in phone and "/查人 姓名" in phone
    doc = await officer_chat.say(f"/查人 {mask_id_number(GUEST_ID)}")
    assert "打码显示的证件号码" in doc and "请发送完整证件号码" in doc and "手机号" not in doc
    assert "/查人 旅客N" in await officer_chat.say("/查人 王**")


async def test_a_guest_is_found_by_the_tail_of_their_id_number_in_the_station_only(
    officer_chat: Chat, owner_chat: Chat, dispatcher: Dispatcher, services: Services
) -> None:
    """查人 2451 had said nobody had that number, with the guest in the house: a tail was
    searched as a whole number. It is read from the stored mask's last 4 characters."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    tail = GUEST_ID[-4:]
    listed = await officer_chat.say(f"查人 {tail}")
    assert f"证件号码尾号为 {tail} 的登记有 1 条" in listed and "平安旅馆 302房" in listed
    assert "王**" in listed and GUEST_ID not in listed and "王建国" not in listed
    assert officer_chat.buttons()[0].startswith("/查人 旅客")
    # Six characters typed: read by the last 4, and said so.
    longer = await officer_chat.say(f"/查人 {GUEST_ID[-6:]}")
    assert "按尾号 " + tail in longer and "平安旅馆 302房" in longer
    searches = await _audited(services, "lookup:person")
    assert [s.detail for s in searches] == ["by=doc_tail results=1"] * 2
    other = "0000" if tail != "0000" else "1111"
    nobody = await officer_chat.say(f"查人 {other}")
    assert f"没有证件号码尾号为 {other} 的旅客、租客登记" in nobody and "/查人 姓名" in nobody
    await add_stranger_officer(services)
    elsewhere = await Chat(dispatcher, "stranger").say(f"查人 {tail}")
    assert "没有证件号码尾号为" in elsewhere and "王**" not in elsewhere


async def test_a_guest_who_hit_the_wanted_list_says_so_with_the_way_to_the_hit(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """/查人 甲某某 and /查人 旅客1 showed a guest who hit the wanted list as any other: not a
    word of 比中 #1."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    assert "登记成功" in await owner_chat.say_all(*REGISTER_WANTED)
    listed = await officer_chat.say("/查人 甲某某")
    assert "⚠️比中 #1（待核查）" in listed
    assert "比中" not in await officer_chat.say("/查人 王建国")  # nothing for another guest
    full = await officer_chat.say("/查人 旅客2")
    assert "⚠️ 比中在逃人员：#1（待核查），发送「/比中 1」查看详情。" in full
    assert officer_chat.buttons()[0] == "/比中 1"
    await officer_chat.say("/完成 1 已核实，非本人")
    assert "#1（已核实非本人）" in await officer_chat.say("/查人 旅客2")
    assert "比中 #1（证件号码一致）" in await officer_chat.say("/比中 1")
