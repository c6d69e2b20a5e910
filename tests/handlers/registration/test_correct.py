"""更正登记: a check-in already submitted, put right."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.validators.idcard import build_resident_id
from storage.models import AuditEvent, GuestStay
from tests.support.admin import bound_admin
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID

FULL = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "208", "现在", "明天", "确认")


async def test_a_wrong_room_said_after_submitting_is_offered_and_moved(
    owner_chat: Chat, services: Services
) -> None:
    """刚才登记的208房间号填错了 应该是209 was offered 「登记 208」, a new registration
    (refused: the guest is in the house), and 208的客人换到209了 got 没有理解."""
    await owner_chat.say_all(*FULL)
    offer = await owner_chat.say("刚才登记的208房间号填错了 应该是209")
    assert "更正登记 208 209" in offer and "「登记 208」" not in offer
    [button] = owner_chat.buttons()
    moved = await owner_chat.say(button)
    assert "已把 208 房间的 王** 改为 209 房间" in moved
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.room == "209" and stay.checked_out_at is None
    await owner_chat.say("完成")
    again = await owner_chat.say("209的客人换到310了")
    assert "更正登记 209 310" in again


async def test_one_guest_of_a_shared_room_is_moved_alone(
    owner_chat: Chat, services: Services
) -> None:
    """A room of two: the one whose room was wrong moves, the other stays."""
    receipt = await owner_chat.say_all(*FULL)
    number = receipt.split("回执号：")[1].split()[0]
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    await owner_chat.say_all("完成", f"/同住 {number}", "李娜", "身份证", other, "跳过", "确认")
    asked = await owner_chat.say("更正登记 208 209")
    assert "208 房间有 2 位在住旅客" in asked and "改哪位的房间" in asked
    assert "已把 208 房间的 李* 改为 209 房间" in await owner_chat.say(owner_chat.buttons()[2])
    async with services.sessions() as session:
        rooms = sorted(s.room for s in (await session.exec(select(GuestStay))).all())
    assert rooms == ["208", "209"]


async def test_a_wrong_name_is_told_how_to_put_right(owner_chat: Chat) -> None:
    await owner_chat.say_all(*FULL)
    asked = await owner_chat.say("/更正登记")
    assert "要更正哪个房间的登记" in asked and owner_chat.buttons() == ["更正登记 208"]
    how = await owner_chat.say("更正登记 208")
    assert "208 房间在住：王**" in how and "作废登记 208 姓名" in how and "重新登记" in how
    assert "退房" not in how  # no check-out that never happened
    assert GUEST_ID not in how
    assert owner_chat.buttons() == ["/作废登记 208"]
    assert "没有在住旅客" in await owner_chat.say("更正登记 555")


async def test_the_void_button_asks_why_the_registration_is_voided(owner_chat: Chat) -> None:
    await owner_chat.say_all(*FULL)
    await owner_chat.say("更正登记 208")
    asked = await owner_chat.say(owner_chat.buttons()[0])
    assert "作废 平安旅馆 208 王**" in asked and "请选择原因" in asked


async def test_past_the_window_the_void_is_not_offered_but_the_officer(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """更正登记 208 a day on had offered 作废登记 208, which then refused it."""
    await owner_chat.say_all(*FULL)
    clock.advance(hours=25)
    how = await owner_chat.say("更正登记 208")
    assert "「更正登记 208 正确房号」" in how
    assert "已超过 24 小时，不能自行作废" in how and "「问民警 作废登记 208 姓名 原因」" in how
    assert "发送「作废登记 208 姓名」" not in how and owner_chat.buttons() == []


async def test_a_wrong_name_said_in_a_sentence_offers_the_last_registration(
    owner_chat: Chat,
) -> None:
    """刚才那个美国人名字写错了，应该是Jon Smith was offered /更正登记 Jon Smith, and the
    button said JON 房间没有在住旅客."""
    await owner_chat.say_all(*FULL)
    foreign = ("登记", "John Smith", "护照", "X1234567", "男", "1990-01-01", "美国", "跳过")
    assert "登记成功" in await owner_chat.say_all("完成", *foreign, "305", "现在", "明天", "确认")
    offer = await owner_chat.say("刚才那个美国人名字写错了，应该是Jon Smith")
    assert "305" in offer and "Jon" not in owner_chat.buttons()[0], offer
    how = await owner_chat.say(owner_chat.buttons()[0])
    assert "没有在住旅客" not in how and "305" in how and "J*** S****" in how, how
    assert "姓名" in how and "作废登记 305" in how and "王**" not in how, how


async def test_a_guests_phone_said_wrong_is_corrected_after_a_confirmation(
    owner_chat: Chat, services: Services
) -> None:
    """刚才王小明的手机号登错了 应该是15012345679 asked the room, then offered only a
    room change or voiding: the name and number were dropped, a phone not correctable."""
    await owner_chat.say_all(*FULL)
    await owner_chat.say("完成")
    asked = await owner_chat.say("刚才王小明的手机号登错了 应该是15012345679")
    assert "208" in asked and "150****5679" in asked and "作废" not in asked, asked
    assert "已更正" in await owner_chat.say("确认")
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.phone_masked == "150****5679"
    assert stay.phone_enc is not None
    assert services.cipher.decrypt(stay.phone_enc, "guest_stay.phone") == "15012345679"


async def _corrections(services: Services) -> list[AuditEvent]:
    async with services.sessions() as session:
        rows = await session.exec(
            select(AuditEvent)
            .where(col(AuditEvent.action).startswith("correct:"))
            .order_by(col(AuditEvent.id))
        )
        return list(rows.all())


async def test_a_phone_put_right_is_in_the_audit_log_without_the_number(
    owner_chat: Chat, services: Services, dispatcher: Dispatcher
) -> None:
    """A guest's phone changed in place left no row naming the guest: the station could not
    tell who had changed whose registration. The row holds no number, old or new."""
    await owner_chat.say_all(*FULL)
    await owner_chat.say("完成")
    await owner_chat.say("刚才王小明的手机号登错了 应该是15012345679")
    assert await _corrections(services) == []  # only asked so far
    assert "已更正" in await owner_chat.say("确认")
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    [row] = await _corrections(services)
    assert (row.action, row.subject_kind, row.subject_id) == (
        "correct:phone",
        "guest_stay",
        str(stay.id),
    )
    written = f"{row.action} {row.subject_id} {row.detail}"
    assert "5679" not in written, written
    admin = await bound_admin(services, dispatcher)
    trail = await admin.say(f"/审计 旅客{stay.id}")
    assert "更正旅客电话" in trail, trail


async def test_a_room_put_right_is_in_the_audit_log(
    owner_chat: Chat, services: Services, dispatcher: Dispatcher
) -> None:
    """A room moved is a correction as a phone is: audited alike, naming the guest moved."""
    await owner_chat.say_all(*FULL)
    await owner_chat.say("完成")
    assert "已把 208 房间的 王** 改为 209 房间" in await owner_chat.say("更正登记 208 209")
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    [row] = await _corrections(services)
    assert (row.action, row.subject_kind, row.subject_id) == (
        "correct:room",
        "guest_stay",
        str(stay.id),
    )
    admin = await bound_admin(services, dispatcher)
    assert "更正旅客房间" in await admin.say(f"/审计 旅客{stay.id}")
