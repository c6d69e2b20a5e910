"""`/审计`: the station admin reads who looked at whose data; officers are told it is the
admin's; no ID number or phone is ever in it."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType
from bot.validators.masking import mask_stored_id_number
from handlers.audit_log import ADMIN_ONLY
from storage.models import AuditEvent, Person, Role
from tests.support.admin import bound_admin
from tests.support.chat import Chat
from tests.support.people import add_stranger_officer
from tests.support.seed import GUEST_ID, Seeded

PHONE = "13800001111"
GUEST = ("登记", "王强", "身份证", GUEST_ID, PHONE, "302", "现在", "跳过", "确认")


async def _opened_by_officer(owner_chat: Chat, officer_chat: Chat) -> str:
    """王强 registered at the hotel and opened by the officer; his key (旅客1)."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    await officer_chat.say("/查人 王强")
    [opened, *_] = officer_chat.buttons()
    assert "姓名：王强" in await officer_chat.say(opened)
    return opened.removeprefix("/查人 ")


def _no_personal_data(text: str) -> None:
    assert GUEST_ID not in text and mask_stored_id_number(GUEST_ID) not in text
    assert PHONE not in text and "138****1111" not in text


async def test_the_admin_finds_who_looked_at_a_guest_by_name_and_it_is_audited(
    services: Services,
    dispatcher: Dispatcher,
    seeded: Seeded,
    owner_chat: Chat,
    officer_chat: Chat,
) -> None:
    key = await _opened_by_officer(owner_chat, officer_chat)
    chief = await bound_admin(services, dispatcher)

    found = await chief.say("/审计 王强")
    assert f"姓名为「王强」的记录（{key}）的查看记录，共 2 条" in found, found
    # One record: the heading names it, the lines do not repeat it.
    assert "今天 10:00　一号民警（民警）　查看登记详情\n" in found
    assert found.endswith("今天 10:00　一号民警（民警）　查人（列表，打码）")
    _no_personal_data(found)
    # The reading is in the log too, with what was found, never the name typed.
    async with services.sessions() as session:
        query = select(AuditEvent).where(AuditEvent.action == "view:audit")
        [read] = (await session.exec(query)).all()
    assert (read.subject_kind, read.subject_id) == ("guest_stay", key.removeprefix("旅客"))
    assert read.detail == "by=name results=2" and "王强" not in read.subject_id

    # Said in words, it is the same, and the admin's own reading is listed now; by key and
    # by officer too.
    again = await chief.say("谁查看过王强的信息")
    assert "共 3 条" in again and "今天 10:00　所长（管理员）　查看审计日志\n" in again, again
    assert f"{key}的查看记录，共 4 条" in await chief.say(f"/审计 {key}")
    by_officer = await chief.say("/审计 一号民警")
    assert "一号民警的查看记录" in by_officer and f"查看登记详情　{key}" in by_officer
    latest = await chief.say("/审计")
    assert "最近" in latest and "所长（管理员）　查看审计日志" in latest
    assert "命令 " not in latest  # the row of each command is not a view
    _no_personal_data(latest + by_officer)


async def test_officers_and_others_cannot_read_it(
    owner_chat: Chat, officer_chat: Chat, resident_chat: Chat
) -> None:
    await _opened_by_officer(owner_chat, officer_chat)
    for asked in ("/审计", "/审计 王强", "审计", "谁查看过王强的信息", "王强的信息被谁查看过"):
        told = await officer_chat.say(asked)
        assert told == ADMIN_ONLY, (asked, told)
    for chat in (owner_chat, resident_chat):
        told = await chat.say("/审计 王强")
        assert "一号民警" not in told and "查看登记详情" not in told, told


async def test_a_name_nobody_has_and_an_id_number_typed(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    chief = await bound_admin(services, dispatcher)
    assert "本所没有姓名为「赵无名」的" in await chief.say("/审计 赵无名")
    told = await chief.say(f"/审计 {GUEST_ID}")
    assert "不要发送证件号码" in told and GUEST_ID not in told


async def test_a_station_admin_reads_only_the_station_s_people(
    services: Services,
    dispatcher: Dispatcher,
    seeded: Seeded,
    owner_chat: Chat,
    officer_chat: Chat,
) -> None:
    await _opened_by_officer(owner_chat, officer_chat)
    stranger = await add_stranger_officer(services)
    async with services.sessions() as session:
        session.add(
            AuditEvent(
                person_id=stranger.id, action="view:hit", subject_kind="tenancy", subject_id="1"
            )
        )
        await session.commit()
    chief = await bound_admin(services, dispatcher)
    async with services.sessions() as session:
        admin = (await session.exec(select(Person).where(Person.role == Role.ADMIN))).one()
        admin.station_id = seeded.station.id
        session.add(admin)
        await session.commit()
    latest = await chief.say("/审计")
    assert "一号民警（民警）　查看登记详情" in latest and "stranger" not in latest, latest
    assert "stranger" not in await chief.say("/审计 租客1")


async def test_never_in_a_group(services: Services, dispatcher: Dispatcher, seeded: Seeded) -> None:
    chief = await bound_admin(services, dispatcher)
    chief.chat_type, chief.chat_id = ChatType.GROUP, "group-1"
    told = await chief.say("/审计")
    assert "只在与本号的私聊中查看" in told and "查看记录" not in told, told
