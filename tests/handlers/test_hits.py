"""Officers read hits; the full record is decrypted only on request and audited."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot import codec
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from handlers.services.risk.ruleset import load_rule_set
from handlers.services.risk.scoring import score_venues
from storage.models import (
    AuditEvent,
    RiskColour,
    Task,
    TaskStatus,
    Venue,
    VenueRisk,
    WantedPerson,
)
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import opened, queued, text, texts_to
from tests.support.people import add_officer, add_stranger_officer
from tests.support.seed import WANTED_ID, Seeded

REGISTER_WANTED = (
    "登记",
    "甲某某",
    "身份证",
    WANTED_ID,
    "13900001111",
    "303",
    "现在",
    "跳过",
    "确认",
)


async def _hit_at_a_scored_hotel(
    owner_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """A wanted guest registered at the hotel, whose colour the rules have given."""
    await owner_chat.say_all(*REGISTER_WANTED)
    async with services.sessions() as session:
        venue = await session.get(Venue, seeded.hotel.id)
        assert venue is not None
        await score_venues(session, load_rule_set(services.settings).rules, [venue], clock.now)
        await session.commit()


async def test_officer_lists_and_opens_a_hit_which_is_audited(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    listing = await officer_chat.say("/命中")
    assert (
        "#1" in listing
        and "平安旅馆" in listing
        and "证件号码一致" in listing
        and "比中　" not in listing
    )
    detail = await officer_chat.say("/命中 1")
    assert WANTED_ID in detail and "13900001111" in detail and "甲某某" in detail
    assert "已记入审计日志" in detail and "姓名与在逃人员不一致" not in detail
    born = f"{WANTED_ID[6:10]}年{int(WANTED_ID[10:12])}月{int(WANTED_ID[12:14])}日"
    assert f"/ {born}" in detail  # a birth date as people write it, never 1985-03-12
    async with services.sessions() as session:
        views = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "view:hit"))
        ).all()
    assert len(views) == 1 and views[0].subject_kind == "guest_stay"


async def test_the_wanted_person_is_named_by_the_number_on_their_card(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The alert said 在逃人员库 #1 and the hit 在逃人员 #1, while /通缉 lists TJ-0001: the
    officer could not tell it was the same person."""
    await owner_chat.say_all(*REGISTER_WANTED)
    card = f"TJ-{seeded.wanted.id:04d}"
    alerts = [t for t in await texts_to(services, "officer") if "比中提醒" in t]
    assert alerts and f"比中对象：在逃人员 {card}" in alerts[0]
    assert f"在逃人员 {card}：" in await officer_chat.say("/命中 1")
    assert card in await officer_chat.say("/通缉")


async def test_times_of_today_say_today_not_the_date(
    owner_chat: Chat, officer_chat: Chat, clock: FakeClock
) -> None:
    """/命中 had shown 11-23 10:00 on the day itself, as if it were another day."""
    await owner_chat.say_all(*REGISTER_WANTED)
    assert "#1　今天 10:00　平安旅馆" in await officer_chat.say("/命中")
    assert "登记时间：今天 10:00" in await officer_chat.say("/命中 1")
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "#1　昨天 10:00　平安旅馆" in await officer_chat.say("/命中")
    assert "登记时间：昨天 10:00" in await officer_chat.say("/命中 1")


async def test_officer_of_another_station_cannot_open_it(
    owner_chat: Chat, dispatcher: Dispatcher, services: Services
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await add_stranger_officer(services)
    stranger = Chat(dispatcher, "stranger")
    assert "没有编号为 1 的比中记录" in await stranger.say("/命中 1")
    none = await stranger.say("/命中")
    assert "暂无比中记录" in none and "与在逃人员比中时，会即时提醒所在警务区的民警" in none


async def test_an_officer_with_no_beat_lists_only_their_own_stations_hits(
    owner_chat: Chat, dispatcher: Dispatcher, services: Services
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    elsewhere = await add_stranger_officer(services)
    assert elsewhere.station_id is not None
    await add_officer(services, "desk", beat_id=None, station_id=elsewhere.station_id)
    listing = await Chat(dispatcher, "desk").say("/命中")
    assert "平安旅馆" not in listing and "暂无比中记录" in listing


async def test_owner_and_resident_cannot_see_hits(owner_chat: Chat, resident_chat: Chat) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    for chat in (owner_chat, resident_chat):
        reply = await chat.say("/命中 1")
        assert "仅限本所民警" in reply and WANTED_ID not in reply


async def test_bad_hit_number(officer_chat: Chat) -> None:
    assert "编号为数字" in await officer_chat.say("/命中 abc")
    missing = await officer_chat.say("/命中 99")
    assert "没有编号为 99 的比中记录" in missing and "发送「/比中」查看全部" in missing
    assert officer_chat.buttons() == ["/比中"]


async def test_a_hit_raises_the_venues_colour_at_once(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    # Without opening /风险 first: the venue card already shows the colour the hit gives.
    card = await officer_chat.say("/场所 平安旅馆")
    assert "风险：🟠橙" in card


async def test_a_hit_under_another_name_warns_in_the_alert_and_the_detail(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    # The wanted person's document number, registered under someone else's name.
    await owner_chat.say_all("登记", "孙小明", *REGISTER_WANTED[2:])
    [alert] = [t for t in await texts_to(services, "officer") if "比中提醒" in t]
    assert "⚠️ 姓名与在逃人员不一致，请核实身份" in alert
    assert "孙小明" not in alert  # the alert stays masked
    detail = await officer_chat.say("/命中 1")
    assert "姓名：孙小明" in detail and "甲某某" in detail
    assert "⚠️ 姓名与在逃人员不一致，请核实身份" in detail


async def test_a_hit_under_a_known_alias_says_so(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    async with services.sessions() as session:
        wanted = await session.get(WantedPerson, seeded.wanted.id)
        assert wanted is not None
        wanted.aliases = "阿甲、甲哥"
        session.add(wanted)
        await session.commit()
    await owner_chat.say_all("登记", "甲哥", *REGISTER_WANTED[2:])
    assert "与其登记的别名相同" in await officer_chat.say("/命中 1")


async def test_a_hit_shows_whether_it_was_checked_and_what_was_found(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """The card said nothing of the verification: an officer opening it could not tell
    whether a colleague had already been to the room."""
    await owner_chat.say_all(*REGISTER_WANTED)
    assert "待核查" in await officer_chat.say("/命中")
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")
    await officer_chat.say("/完成 1 已到场核实，非本人，同名同生日")
    detail = await officer_chat.say("/命中 1")
    assert "核查：已核实非本人" in detail and "非本人，同名同生日" in detail
    assert "不计入场所风险" in detail
    assert "已核实非本人" in await officer_chat.say("/命中")


async def test_a_hit_of_a_card_closed_since_says_why_it_needs_no_check(
    owner_chat: Chat, officer_chat: Chat, seeded: Seeded
) -> None:
    """Revoking the card cancels the hit's check: /命中 said 已取消核查, not why."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say(f"/通缉 撤销 {seeded.wanted.id} 重复录入")
    listing = await officer_chat.say("/命中")
    assert "平安旅馆　证件号码一致　通缉已撤销" in listing and "已取消核查" not in listing


async def test_a_check_that_found_someone_else_lowers_the_venue_at_once(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The false hit stopped counting, but the venue stayed orange in /风险 until the night."""
    await _hit_at_a_scored_hotel(owner_chat, services, seeded, clock)
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        assert risk is not None and risk.colour is RiskColour.ORANGE
    done = await officer_chat.say("/完成 1 已到场核实，非本人")
    assert "综合风险由🟠橙（" in done and "变为🟡黄（" in done
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        assert risk is not None and risk.colour is not RiskColour.ORANGE


async def test_a_check_that_found_someone_else_is_just_checked(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 已抓获，移交刑警队")
    detail = await officer_chat.say("/命中 1")
    assert "核查：已核查" in detail and "不计入" not in detail


async def test_a_hit_found_to_be_someone_else_no_longer_colours_the_venue(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """A hit checked as 已核实非本人 still counted in 近30天比中在逃人员N次: the venue
    stayed orange."""
    await owner_chat.say_all(*REGISTER_WANTED)
    assert "比中在逃人员1次" in await officer_chat.say("/风险 平安旅馆")
    await officer_chat.say("/完成 1 已核实非本人")
    detail = await officer_chat.say("/风险 平安旅馆")
    now = detail.split("最近变化")[0]
    assert "综合风险：🟡黄" in now and "比中在逃人员" not in now  # yellow: no licence on file


async def test_a_result_typed_after_the_hit_number_is_offered_to_its_check(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """/命中 1 已抓获 got 「编号为数字」: the result had nowhere to go."""
    await owner_chat.say_all(*REGISTER_WANTED)
    offered = await officer_chat.say("/命中 1 已到场核实，非本人")
    assert "核查任务 #1" in offered and "编号为数字" not in offered
    assert "比中 #1（平安旅馆）：确认记为「已到场核实，非本人」？" in offered
    assert "✅ 任务 #1 已完成" in await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "非本人" in await officer_chat.say("/命中 1 又来了一次")  # checked: the detail


async def test_a_hit_shows_the_persons_other_hits_and_who_shares_the_room(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """The same ID registered twice the same day showed as two unrelated hits, and nothing
    said who else was in the room."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    again = [*REGISTER_WANTED[:5], "305", *REGISTER_WANTED[6:]]
    receipt = await owner_chat.say_all(*again)
    number = receipt.split("回执号：")[1].split()[0]
    roommate = build_resident_id("110105", date(1990, 1, 2), 318)
    await owner_chat.say_all(f"/同住 {number}", "李娜", "身份证", roommate, "跳过", "确认")
    detail = await officer_chat.say("/命中 2")
    assert "同一人一周内的其他比中：#1 平安旅馆" in detail
    assert "同房间在住：李*" in detail


async def test_a_result_typed_after_a_hit_already_checked_says_it_was_not_recorded(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """命中1 已核实 非本人 showed the card alone once the check was closed: the officer took
    the finding for recorded."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 已到场核实，非本人")
    reply = await officer_chat.say("/命中 1 已核实 非本人 同号不同人？")
    assert "「已核实 非本人 同号不同人？」没有记下" in reply and "已核实非本人" in reply


async def test_a_finding_said_after_a_hit_is_offered_as_its_checks_result(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """命中1 已核实 非本人 同号不同人？ was offered 「命中 1 已核实 非本人 同号不同人」: the
    question mark dropped, and its tap offered the check once more."""
    await owner_chat.say_all(*REGISTER_WANTED)
    offered = await officer_chat.say("命中1 已核实 非本人 同号不同人？")
    assert "比中 #1 核查结果" in offered
    assert officer_chat.buttons() == ["/完成 1 已核实 非本人 同号不同人？"]
    await officer_chat.say(officer_chat.buttons()[0])
    assert "核查：已核实非本人" in await officer_chat.say("/命中 1")


async def test_a_check_is_not_closed_without_a_result(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """/完成 1 alone closed the check with no result, lowered the venue's colour, and the
    result could no longer be added: the hit's outcome was lost."""
    await _hit_at_a_scored_hotel(owner_chat, services, seeded, clock)
    asked = await officer_chat.say("/完成 1")
    assert "请写上核查结果再完成" in asked and "已完成" not in asked and "综合风险" not in asked
    assert officer_chat.buttons() == ["/比中 1 已核实，非本人", "/比中 1 已抓获", "/比中 1"]
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        assert risk is not None and risk.colour is RiskColour.ORANGE
    await officer_chat.say("/完成 1 已核实，系同号不同人")
    assert "系同号不同人" in await officer_chat.say("/命中 1")


async def test_a_result_can_be_added_to_a_check_closed_without_one(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """A check closed with no result (before one was asked for) said 没有编号为 1 的待办任务
    to /完成 1 结果, and 没有记下 with the full card again to /命中 1 结果."""
    await owner_chat.say_all(*REGISTER_WANTED)
    async with services.sessions() as session:
        task = await session.get(Task, 1)
        assert task is not None
        task.status, task.done_at, task.done_note = TaskStatus.DONE, services.clock(), ""
        session.add(task)
        await session.commit()
    assert "未记结果" in await officer_chat.say("/命中 1")
    offered = await officer_chat.say("/命中 1 已核实系同号不同人")
    assert "没有记下" not in offered and "核查任务 #1" in offered
    added = await officer_chat.say(officer_chat.buttons()[0])
    assert "已补记任务 #1 的核查结果：已核实系同号不同人" in added
    detail = await officer_chat.say("/命中 1")
    assert "已核实系同号不同人" in detail and "未记结果" not in detail
    assert "没有编号为 1 的待办任务" in await officer_chat.say("/完成 1 又一次")


async def test_a_result_for_a_hit_already_checked_does_not_show_the_card_again(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """The refusal repeated the full ID and phone, and wrote another audit entry."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 已抓获")
    reply = await officer_chat.say("/命中 1 已核实系同号不同人")
    assert "没有记下" in reply and "已抓获" in reply and WANTED_ID not in reply
    assert officer_chat.buttons() == ["/比中 1"]
    async with services.sessions() as session:
        views = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "view:hit"))
        ).all()
    assert views == []


async def test_the_hit_alert_and_card_have_buttons(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """The pushed 比中提醒 had no button, unlike tips and reports; nor had /命中 1 for the
    usual results."""
    await owner_chat.say_all(*REGISTER_WANTED)
    [alert] = [row for row in await queued(services, "officer") if "比中提醒" in text(row)]
    [choices] = codec.loads(opened(alert))
    assert isinstance(choices, Choices)
    assert [b.value for b in choices.buttons] == ["/比中 1"]
    # What the text says to send is what the button sends: it had said /比中 1 over a
    # button sending /命中 1.
    assert "发送「/比中 1」" in choices.text
    await officer_chat.say("/命中 1")
    assert officer_chat.buttons() == ["/比中 1 已核实，非本人", "/比中 1 已抓获"]
    await officer_chat.say("/完成 1 已抓获")
    await officer_chat.say("/命中 1")
    assert officer_chat.buttons() == []


async def test_a_result_that_is_its_state_is_not_said_twice(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """The 非本人 button's result showed as 核查：已核实非本人（…）：已核实，非本人."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 已核实，非本人")
    detail = await officer_chat.say("/命中 1")
    assert "核查：已核实非本人（" in detail and "不计入场所风险" in detail
    assert "已核实，非本人" not in detail


async def test_a_tap_on_a_result_button_asks_before_it_closes_the_check(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """One tap on 非本人 closed the check at once (✅ 任务 #1 已完成) and lowered the
    venue's colour: a mis-tap could not be taken back. Now it asks first."""
    await _hit_at_a_scored_hotel(owner_chat, services, seeded, clock)
    await officer_chat.say("/命中 1")
    asked = await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    assert "比中 #1（平安旅馆）：确认记为「已核实，非本人」？" in asked
    assert "不再计入平安旅馆的风险" in asked and "已完成" not in asked
    shown = [b.label for r in officer_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert shown[:2] == ["确认", "取消"]
    assert "已取消" in await officer_chat.say("取消")
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        assert risk is not None and risk.colour is RiskColour.ORANGE
    captured = await officer_chat.say(officer_chat.buttons()[1])  # 已抓获
    assert "比中 #1（平安旅馆）：确认记为「已抓获」？" in captured and "不再计入" not in captured
    done = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "✅ 任务 #1 已完成" in done
    assert "核查：已核查" in await officer_chat.say("/命中 1")


async def test_a_hit_confirmed_does_not_make_the_venue_look_safer(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """已抓获 confirmed under the hit turned the hotel from 🟠橙 to 🟡黄: a fugitive found
    staying there had made it look safer than the hit unchecked."""
    await _hit_at_a_scored_hotel(owner_chat, services, seeded, clock)
    await officer_chat.say("/命中 1 已抓获")
    done = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "✅ 任务 #1 已完成" in done and "综合风险由" not in done
    detail = await officer_chat.say("/风险 平安旅馆")
    assert "综合风险：🟠橙" in detail and "比中在逃人员1次" in detail.split("最近变化")[0]
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        assert risk is not None and risk.colour is RiskColour.ORANGE


async def test_confirm_tapped_after_cancel_on_the_same_question_records_nothing(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """On Telegram the question's buttons stay on screen: 确认 tapped after 取消 closed the
    check all the same and lowered the venue's colour."""
    await _hit_at_a_scored_hotel(owner_chat, services, seeded, clock)
    await officer_chat.say("/命中 1")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    confirm, cancel = officer_chat.buttons()[:2]
    assert "已取消" in await officer_chat.say(cancel)
    late = await officer_chat.say(confirm)
    assert "已取消" in late and "没有记下" in late and "/比中 1" in late
    assert "已完成" not in late
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        assert risk is not None and risk.colour is RiskColour.ORANGE
    # A question not asked of this officer (a forged or expired button) records nothing.
    assert "已失效" in await officer_chat.say("/命中 1 确认 0123abcd")
    # Asked again, the new question's 确认 records it…
    await officer_chat.say("/命中 1")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    confirm = officer_chat.buttons()[0]
    assert "✅ 任务 #1 已完成" in await officer_chat.say(confirm)
    # …and a second tap of it says so rather than try again.
    again = await officer_chat.say(confirm)
    assert "已记下" in again and "核查：已核实非本人" in again


async def test_cancel_typed_under_the_question_cancels_it_too(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """取消 typed instead of tapped (the buttons still on screen): the 确认 tapped after it
    records nothing, as after a tap on 取消."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/命中 1")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    confirm = officer_chat.buttons()[0]
    assert "已取消" in await officer_chat.say("取消")
    late = await officer_chat.say(confirm)
    assert "没有记下" in late and "已完成" not in late
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")


async def test_confirm_after_the_check_was_closed_some_other_way_records_nothing(
    owner_chat: Chat, officer_chat: Chat, seeded: Seeded
) -> None:
    """The check closed with 已抓获 typed while the 非本人 question waited: its 确认 had said
    nothing was open, and a second tap 「已记下」 of a result never recorded."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/命中 1")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    confirm = officer_chat.buttons()[0]
    assert "✅ 任务 #1 已完成" in await officer_chat.say("/完成 1 已抓获")
    for _ in range(2):
        late = await officer_chat.say(confirm)
        assert "没有记下" in late and "已记下" not in late, late
    assert "已抓获" in await officer_chat.say("/命中 1")


async def test_confirm_typed_after_a_cancelled_question_speaks_of_that_question(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """确认 typed after 取消 under the hit's question had said 这份通报已经提交过了, of a
    broadcast sent minutes before: the officer could not tell whether the result was kept."""
    await officer_chat.say_all("/通报", "今晚有暴雨，请关好门窗", "现在发送", "跳过", "治安")
    await officer_chat.say_all("一般", "本警务区全部", "确认")
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/命中 1")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    assert "已取消" in await officer_chat.say("取消")
    late = await officer_chat.say("确认")
    assert "已经提交过了" not in late
    assert "已取消" in late and "没有记下" in late and "/比中 1" in late
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")
    # Recorded, one more 确认 is not taken for the broadcast's either.
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    assert "✅ 任务 #1 已完成" in await officer_chat.say("确认")
    assert "已经提交过了" not in await officer_chat.say("确认")


async def test_the_card_opened_under_a_question_keeps_the_question(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """查看比中 under 确认核查结果 replaced its 确认 with the result buttons: 确认 typed next got
    现在没有需要您确认的内容 with 上面的选项 offered, and 1 asked the question once more."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/命中 1 已核实，非本人")
    card = await officer_chat.say("/命中 1")
    assert "待确认的核查结果：已核实，非本人（点「确认」记下，点「取消」不记）" in card
    done = await officer_chat.say("确认")
    assert "比中 #1 记为：已核实非本人" in done


async def test_bizhong_alone_lists_the_hits_as_the_digest_calls_them(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """比中, the word of the 日报 and the alerts, had got 抱歉，我没有理解."""
    await owner_chat.say_all(*REGISTER_WANTED)
    listing = await officer_chat.say("比中")
    assert "最近的比中记录" in listing and "#1" in listing and "平安旅馆" in listing
    assert "比中 #1（证件号码一致）" in await officer_chat.say("比中 1")


async def test_an_officer_asking_for_new_hits_is_shown_them(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """有新命中吗 is answered with the hits, as /命中 gives them; 今天有命中没有 had been
    offered 「您是想用「比中」…吗？」, a tap to read what was asked."""
    await owner_chat.say_all(*REGISTER_WANTED)
    listing = await officer_chat.say("/命中")
    assert "最近的比中记录" in listing and "#1" in listing
    for said in ("有新命中吗", "有新比中吗？", "今天有命中没有", "命中了没", "有没有新的命中"):
        assert await officer_chat.say(said) == listing, said


async def _the_same_person_twice(owner_chat: Chat) -> None:
    """The wanted guest registered in 303, checked out, and registered again in 305: two
    hits of one person, two checks."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    await owner_chat.say_all(*REGISTER_WANTED[:5], "305", *REGISTER_WANTED[6:])


async def test_two_hits_of_one_person_are_settled_with_one_question(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """非本人 confirmed under hit #1 left #2, the same guest registered again, waiting: the
    officer was asked the same question a second time."""
    await _the_same_person_twice(owner_chat)
    asked = await officer_chat.say("/命中 1 已核实，非本人")
    assert "同一人另有比中 #2 待核查，将一并记下" in asked
    assert "确认后记入核查任务 #1、#2 并完成这 2 项任务" in asked
    done = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "✅ 任务 #1 已完成" in done and "✅ 任务 #2 已完成" in done
    assert "比中 #1、#2 是同一人的登记，2 条比中已一并记为「已核实，非本人」" in done
    assert "待核查" not in await officer_chat.say("/命中")
    again = await officer_chat.say("/命中 2 已核实，非本人")
    assert "没有记下" in again and "确认记为" not in again


async def test_a_capture_typed_for_one_hit_closes_the_persons_others_and_asks_once(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    await _the_same_person_twice(owner_chat)
    done = await officer_chat.say("/完成 2 已抓获")
    assert "✅ 任务 #2 已完成" in done and "✅ 任务 #1 已完成" in done
    assert "2 条比中已一并记为「已抓获」" in done
    assert done.count("是否将 TJ-") == 1  # the card's capture is asked once


async def test_another_name_on_the_same_number_is_not_settled_with_it(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """The wanted person's number under another name is another person to check: 非本人
    for one says nothing of the other."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    await owner_chat.say_all("登记", "孙小明", *REGISTER_WANTED[2:5], "305", *REGISTER_WANTED[6:])
    asked = await officer_chat.say("/命中 2 已核实，非本人")
    assert "同一人" not in asked and "确认后记入核查任务 #2 并完成该任务" in asked
    done = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "✅ 任务 #2 已完成" in done and "任务 #1" not in done
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")


async def test_a_hits_person_caught_said_in_words_is_offered_as_the_checks_result(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """比中的人抓到了 was offered 「命中 的人抓到了」: the internal word, a stray space, and a
    tap that recorded nothing (编号为数字)."""
    await _the_same_person_twice(owner_chat)
    offer = await officer_chat.say("比中的人抓到了")
    assert "「比中 #1、#2：已抓获」" in offer and "命中" not in offer
    assert officer_chat.buttons() == ["/完成 1 已抓获"]
    done = await officer_chat.say(officer_chat.buttons()[0])
    assert "2 条比中已一并记为「已抓获」" in done
    # Nothing open: the list, by the officer's word.
    offer = await officer_chat.say("比中的人抓到了")
    assert "您是想用「比中」" in offer and "的人抓到了" not in offer
    assert officer_chat.buttons() == ["/比中"]
    assert "最近的比中记录" in await officer_chat.say(officer_chat.buttons()[0])


async def test_a_verdict_in_words_with_several_persons_open_offers_the_list(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    await owner_chat.say_all("登记", "孙小明", *REGISTER_WANTED[2:5], "305", *REGISTER_WANTED[6:])
    offer = await officer_chat.say("比中的人不是本人")
    assert "您是想用「比中」" in offer and officer_chat.buttons() == ["/比中"]


async def test_officers_are_told_比中_and_命中_still_works(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """The offer of 比中记录 read 「您是想用「命中」（查看比中提醒，/命中 编号 查看详情）吗」: the
    internal word, where the alerts, the 日报 and the list say 比中."""
    await owner_chat.say_all(*REGISTER_WANTED)
    [alert] = [t for t in await texts_to(services, "officer") if "比中提醒" in t]
    assert "发送「/比中 1」查看完整信息" in alert
    offer = await officer_chat.say("比中记录")
    assert "您是想用「比中」（查看比中提醒，/比中 编号 查看详情）吗" in offer
    assert "命中" not in offer and officer_chat.buttons() == ["/比中"]
    listing = await officer_chat.say("/比中")
    assert "发送「/比中 编号」查看详情" in listing and "命中" not in listing
    assert listing == await officer_chat.say("/命中")  # the command officers learnt first
    assert "比中 #1（证件号码一致）" in await officer_chat.say("/命中 1")
    assert "/比中 — 查看比中提醒" in await officer_chat.say("/帮助")
