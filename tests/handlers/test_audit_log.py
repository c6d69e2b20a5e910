"""`/审计`: the station admin reads who looked at whose data; officers are told it is the
admin's; no ID number or phone is ever in it."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType
from bot.validators.masking import mask_stored_id_number
from handlers.audit_log import ADMIN_ONLY
from scheduler.jobs.retention import purge_expired
from storage.models import AuditEvent, GuestStay, Person, Report, Role
from tests.handlers.reports.support import file_report, receipt_in
from tests.support.admin import bound_admin
from tests.support.chat import Chat
from tests.support.clock import FakeClock
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


async def _station_chief(services: Services, dispatcher: Dispatcher, seeded: Seeded) -> Chat:
    """The station's own head: an admin of the seeded station, not one who sees all."""
    chief = await bound_admin(services, dispatcher)
    async with services.sessions() as session:
        admin = (await session.exec(select(Person).where(Person.role == Role.ADMIN))).one()
        admin.station_id = seeded.station.id
        session.add(admin)
        await session.commit()
    return chief


async def test_the_station_head_sees_owners_acting_on_registrations_by_name(
    services: Services,
    dispatcher: Dispatcher,
    seeded: Seeded,
    owner_chat: Chat,
    officer_chat: Chat,
) -> None:
    """An owner belongs to no station: what the hotel's owner did with guests' records had
    been left out of the head's /审计, and the row of a registration was a bare command."""
    await _opened_by_officer(owner_chat, officer_chat)
    await owner_chat.say("/在住旅客")
    await owner_chat.say("/帮助")  # no registration's: left out, as officers' commands are
    chief = await _station_chief(services, dispatcher, seeded)
    latest = await chief.say("/审计")
    assert "旅馆负责人（场所负责人）　命令「在住旅客」" in latest, latest
    assert "一号民警（民警）　查看登记详情" in latest
    # Officers' own command rows stay out: each view they led to is listed.
    assert "命令 " not in latest
    _no_personal_data(latest)


async def test_a_wanted_import_shows_which_cards_it_wrote(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The import's row named no card: 命令行　导入通缉名单, and nothing to find it by."""
    async with services.sessions() as session:
        session.add(
            AuditEvent(
                action="wanted:import",
                subject_kind="wanted_person",
                subject_id="7,8,9",
                detail="batch=0a1b2c3d4e5f added=2 updated=1 unchanged=0 rejected=0 ids=7-9",
                at=services.clock(),
            )
        )
        await session.commit()
    chief = await _station_chief(services, dispatcher, seeded)
    assert "命令行　导入通缉名单　通缉7,8,9（新增2，更新1）" in await chief.say("/审计")
    assert "命令行　导入通缉名单" in await chief.say("/审计 通缉8")


async def test_a_purged_guest_s_trail_is_still_found_by_name(
    services: Services,
    dispatcher: Dispatcher,
    seeded: Seeded,
    owner_chat: Chat,
    officer_chat: Chat,
    clock: FakeClock,
) -> None:
    """Once the retention purge took 王强's registration, /审计 王强 said 本所没有…: the
    events stayed, but nothing led from the name to them."""
    key = await _opened_by_officer(owner_chat, officer_chat)
    await owner_chat.say_all("退房 302", "确认")
    clock.advance(days=services.settings.registration.retention_days + 1)
    await purge_expired(services)
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).all() == []
        [purge] = (await session.exec(select(AuditEvent).where(AuditEvent.name_idx != ""))).all()
    # The name is kept by its blind index only.
    assert "王强" not in purge.name_idx + purge.detail + purge.subject_id
    chief = await _station_chief(services, dispatcher, seeded)
    found = await chief.say("/审计 王强")
    assert f"姓名为「王强」的记录（{key}）的查看记录" in found, found
    assert "一号民警（民警）　查看登记详情" in found
    assert "系统　按保存期限清除登记" in found
    _no_personal_data(found)


async def test_a_purged_guest_nobody_looked_at_leaves_no_name_behind(
    services: Services, seeded: Seeded, owner_chat: Chat, clock: FakeClock
) -> None:
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    await owner_chat.say_all("退房 302", "确认")
    clock.advance(days=services.settings.registration.retention_days + 1)
    await purge_expired(services)
    async with services.sessions() as session:
        assert (await session.exec(select(AuditEvent).where(AuditEvent.name_idx != ""))).all() == []


async def test_a_purged_report_s_trail_is_still_found_by_the_reporter_s_name(
    services: Services, dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """The retention purge of closed reports took the reporters' names with them: /审计
    王小明 then said 本所没有…, though an officer had read the report, ID number and all."""
    reporter, officer = Chat(dispatcher, "resident-1"), Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    assert "王小明" in await officer.say(f"/报案 {number}")
    await officer.say(f"/报案状态 {number} 已办结 车辆已找回")
    clock.advance(days=services.settings.registration.cases_retention_days + 1)
    await purge_expired(services)
    async with services.sessions() as session:
        assert (await session.exec(select(Report))).all() == []
        [purge] = (await session.exec(select(AuditEvent).where(AuditEvent.name_idx != ""))).all()
    assert "王小明" not in purge.name_idx + purge.detail + purge.subject_id
    chief = await _station_chief(services, dispatcher, seeded)
    found = await chief.say("/审计 王小明")
    assert "姓名为「王小明」的记录（报案1）的查看记录" in found, found
    assert "一号民警（民警）　查看报案" in found and "系统　按保存期限清除报案" in found
    assert GUEST_ID not in found and "13812345678" not in found
    # Another station's head finds nothing of it.
    stranger = await add_stranger_officer(services)
    async with services.sessions() as session:
        admin = (await session.exec(select(Person).where(Person.role == Role.ADMIN))).one()
        admin.station_id = stranger.station_id
        session.add(admin)
        await session.commit()
    assert "本所没有姓名为「王小明」" in await chief.say("/审计 王小明")
