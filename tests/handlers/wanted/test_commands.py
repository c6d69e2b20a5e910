"""An officer's wanted cards by chat: entering a person, seeing the list and one card,
changing, closing and publishing, over the real dispatcher and form engine."""

from __future__ import annotations

import json
import re

from sqlmodel import col, select

from bot.context import Services
from bot.dispatch import Dispatcher
from bot.media import MediaStore
from storage.models import AuditEvent, WantedChange, WantedStatus
from storage.wanted_sealing import DETAIL_COLUMN
from tests.handlers.wanted.support import (
    NEW_ID,
    OTHER_ID,
    card_images,
    deliveries,
    enter_person,
    images,
    wanted_named,
)
from tests.support.admin import bound_admin
from tests.support.chat import Chat, text_of
from tests.support.clock import FakeClock
from tests.support.id_candidates import candidates
from tests.support.media import PHONE_MAKE, media_store, stored_photo
from tests.support.outbox import opened, queued
from tests.support.people import add_second_beat_officer
from tests.support.seed import Seeded


async def test_officer_enters_a_person_and_the_other_officers_get_the_card(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await add_second_beat_officer(services, seeded)
    photo = stored_photo(services.settings)
    replies = await enter_person(officer_chat, photo=photo)
    text = "\n".join(text_of(r) for r in replies)
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    assert f"已录入在逃人员 TJ-{wanted.id:04d}" in text and "已推送给 1 名民警" in text
    [card] = images(replies)
    # Sealed on disk; what a channel (with the data key) sends the officer is the PNG.
    png = MediaStore(media_store(services.settings).root, cipher=services.cipher).get(card.sha256)
    assert png is not None and png.startswith(b"\x89PNG")
    # What the form derived and stored: sex and birth from the ID number, the range kept.
    assert (wanted.sex, str(wanted.birth_date)) == ("男", "1990-05-01")
    # Stored beside the plain birth date and sex, the mask keeps only the tail: with the
    # area code's head as well, a reader of the database had the number down to ~9.
    assert wanted.doc_no_masked == "*" * 14 + NEW_ID[-4:] and wanted.doc_no_enc
    assert candidates(wanted.doc_no_masked, wanted.birth_date, wanted.sex) > 10_000
    assert wanted.aliases == "阿乙、小乙" and wanted.height == "约175厘米"
    assert wanted.issued_by == seeded.officer.id and wanted.station_id == seeded.station.id
    # The photo kept on the card is the bare copy the channel stored, not the phone's file.
    [kept] = json.loads(wanted.photos)
    # (sealed at rest, as the card is: read with the data key)
    data = MediaStore(media_store(services.settings).root, cipher=services.cipher).get(kept)
    assert kept == photo.sha256 and data is not None and PHONE_MAKE.encode() not in data
    # The other officer has it queued with a word on what it is; the author got it as reply.
    [row] = await queued(services, "officer-2")
    assert "新增在逃人员" in opened(row) and card_images(row)[0].sha256 == card.sha256
    assert sorted(d.kind for d in await deliveries(services, wanted.id)) == ["new", "view"]
    async with services.sessions() as session:
        [change] = (await session.exec(select(WantedChange))).all()
        audit = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "wanted:created"))
        ).all()
    detail = json.loads(services.cipher.decrypt(change.detail, DETAIL_COLUMN))
    assert change.action == "created" and detail["name"] == ["", "乙某某"]
    assert "乙某某" not in change.detail  # sealed at rest, as the name itself
    assert len(audit) == 1


async def test_list_and_one_card_in_both_sizes_and_views_are_audited(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await enter_person(officer_chat)
    replies = await officer_chat.send("/通缉")
    listing = "\n".join(text_of(r) for r in replies)
    [sheet] = images(replies)  # the contact sheet
    # Said what it is: it had come with no caption (an empty bubble before the list).
    assert sheet.caption == "在逃人员照片一览"
    assert "共2人" in listing and "乙某某（内部）" in listing and "甲某某" in listing
    # The case apart from the name: 甲某某（内部）盗窃案 had run together.
    assert f"TJ-{seeded.wanted.id:04d} 甲某某（内部）　盗窃案" in listing
    # No "5. …" lines: WeChat numbers the page button 1, and 1 would mean two things.
    assert not re.search(r"^\d+\. ", listing, re.MULTILINE)
    wanted = await wanted_named(services, "乙某某")
    standard = images(await officer_chat.send(f"/通缉 {wanted.id}"))
    lock = images(await officer_chat.send(f"/通缉 TJ-{wanted.id:04d} 锁屏"))
    assert standard and lock and standard[0].sha256 != lock[0].sha256
    async with services.sessions() as session:
        views = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "view:wanted"))
        ).all()
    assert len(views) == 2
    # Asking again costs nothing new: the same picture comes back.
    again = images(await officer_chat.send(f"/通缉 {wanted.id}"))
    assert again[0].sha256 == standard[0].sha256


async def test_bad_numbers_and_words_get_a_way_forward(officer_chat: Chat) -> None:
    missing = await officer_chat.say("/通缉 999")
    assert "没有编号为 999" in missing and "发送「/通缉」查看在逃人员列表" in missing
    assert "用法" in await officer_chat.say("/通缉 乱写")
    assert "卡片编号" in await officer_chat.say("/通缉 抓获")
    assert "页码" in await officer_chat.say("/通缉 列表 abc")


async def test_change_goes_straight_to_the_summary_and_is_kept_in_history(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    summary = await officer_chat.say(f"/通缉 修改 {wanted.id}")
    assert "乙某某" in summary and "涉嫌诈骗罪" in summary and "确认" in summary
    # One lead, for a change: the form's 「录入在逃人员。」 had followed 「修改 TJ-…」.
    assert summary.startswith(f"修改 TJ-{wanted.id:04d}") and "录入在逃人员" not in summary
    await officer_chat.say("修改 案由")
    await officer_chat.say("涉嫌合同诈骗罪，已被网上追逃")
    done = await officer_chat.say("确认")
    assert "已更新" in done
    changed = await wanted_named(services, "乙某某")
    assert changed.case_summary == "涉嫌合同诈骗罪，已被网上追逃"
    assert changed.doc_no_idx == wanted.doc_no_idx  # the number survived the round trip
    history = await officer_chat.say(f"/通缉 记录 {wanted.id}")
    assert "录入" in history and "修改：案由" in history


async def test_capture_closes_the_card_and_it_can_no_longer_be_changed(
    officer_chat: Chat, services: Services
) -> None:
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    # The card's bare 抓获 (beside 修改) asks first, and changes nothing yet.
    asked = await officer_chat.say(f"/通缉 抓获 {wanted.id}")
    assert "确认将" in asked and "无法撤销" in asked
    assert officer_chat.buttons() == [f"/通缉 抓获 {wanted.id} 确认"]
    assert (await wanted_named(services, "乙某某")).status is WantedStatus.ACTIVE
    answer = await officer_chat.say(f"/通缉 抓获 {wanted.id} 在火车站抓获")
    assert "已标记为已抓获" in answer
    closed = await wanted_named(services, "乙某某")
    assert closed.status is WantedStatus.CAPTURED and closed.closed_note == "在火车站抓获"
    again = await officer_chat.say(f"/通缉 抓获 {wanted.id}")
    assert "已抓获，无需重复" in again and "已已" not in again
    assert "不能再修改" in await officer_chat.say(f"/通缉 修改 {wanted.id}")
    listing = await officer_chat.say("/通缉")
    assert "乙某某" not in listing  # the list shows who is still sought
    shown = await officer_chat.say(f"/通缉 {wanted.id}")
    assert "已抓获" in shown


async def test_revoking_needs_a_reason(officer_chat: Chat, services: Services) -> None:
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    assert "撤销原因" in await officer_chat.say(f"/通缉 撤销 {wanted.id}")
    assert "已撤销" in await officer_chat.say(f"/通缉 撤销 {wanted.id} 已撤案")


async def test_history_names_who_changed_what(
    officer_chat: Chat, dispatcher: Dispatcher, services: Services
) -> None:
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say(f"/通缉 抓获 {wanted.id} 确认")
    history = await officer_chat.say(f"/通缉 记录 {wanted.id}")
    assert "一号民警 录入" in history and "一号民警 抓获" in history
    async with services.sessions() as session:
        actions = (
            await session.exec(select(WantedChange.action).order_by(col(WantedChange.id)))
        ).all()
    assert list(actions) == ["created", "captured"]


async def test_times_of_today_say_today_not_the_date(
    officer_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """The history and a closed card had shown 11-23 10:00 on the day itself."""
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say(f"/通缉 抓获 {wanted.id} 在火车站抓获")
    history = await officer_chat.say(f"/通缉 记录 {wanted.id}")
    assert "今天 10:00 一号民警 录入" in history and "今天 10:00 一号民警 抓获" in history
    assert "今天 10:00 已抓获。在火车站抓获" in await officer_chat.say(f"/通缉 {wanted.id}")
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    assert "昨天 10:00 一号民警 录入" in await officer_chat.say(f"/通缉 记录 {wanted.id}")


async def test_a_card_with_no_history_says_so(officer_chat: Chat, seeded: Seeded) -> None:
    """A card entered before changes were kept (the seeded one) had shown 「TJ-0001 的
    变更记录：」 over nothing, as if the reply were cut short."""
    said = await officer_chat.say(f"/通缉 记录 {seeded.wanted.id}")
    assert said == f"TJ-{seeded.wanted.id:04d} 暂无变更记录：此后的修改、抓获或撤销都会记在这里。"


async def test_a_number_already_on_an_active_card_is_refused_as_it_is_typed(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """The duplicate had been flagged only after 确认, once the card had gone to every
    officer; each registration of the person then raised two alerts."""
    await add_second_beat_officer(services, seeded)
    await enter_person(officer_chat, name="乙某某")
    first = await wanted_named(services, "乙某某")
    await officer_chat.say_all("/通缉 新增", "跳过", "乙某", "跳过")
    refused = await officer_chat.say(NEW_ID)
    assert f"已在在逃人员卡片 TJ-{first.id:04d}（乙某某）上" in refused
    assert f"「/通缉 {first.id}」" in refused and "请输入证件号码" in refused
    # The card offered opens while the entry waits; a number of another person goes on.
    assert "状态：在逃" in await officer_chat.say(f"/通缉 {first.id}")
    assert "请输入身高" in await officer_chat.say(OTHER_ID)
    # Only the first card was pushed to the other officer.
    assert len(await queued(services, "officer-2")) == 1


async def test_a_card_changed_keeps_its_own_number(officer_chat: Chat, services: Services) -> None:
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say_all(f"/通缉 修改 {wanted.id}", "修改 证件号码")
    # Its own number typed again is no duplicate of itself.
    assert "已在在逃人员卡片" not in await officer_chat.say(NEW_ID)
    assert "已更新" in await officer_chat.say("确认")


async def test_a_resident_id_with_a_wrong_check_digit_is_kept_but_flagged(
    officer_chat: Chat,
) -> None:
    await officer_chat.say_all("/通缉 新增", "跳过", "丙某某", "跳过")
    wrong = "410105199012312345"  # 18 digits; the check digit of this body is not 5
    # Said at once: it had been said only at the summary, after asking for sex and birth.
    warned = await officer_chat.say(wrong)
    assert "校验位不符" in warned and f"「{wrong} 确认」" in warned and "请选择性别" not in warned
    assert "请选择性别" in await officer_chat.say(f"{wrong} 确认")  # nothing read from it
    await officer_chat.say_all("男", "约30-40岁", "175", "中等", "跳过", "跳过", "涉嫌盗窃")
    await officer_chat.say_all("跳过", "跳过")
    summary = await officer_chat.say_all("跳过", "内部")
    assert f"{wrong}（身份证校验位不符，请核对）" in summary


async def test_a_resident_id_of_the_wrong_length_is_refused_with_a_way_forward(
    officer_chat: Chat,
) -> None:
    await officer_chat.say_all("/通缉 新增", "跳过", "丙某某", "跳过")
    # 17 digits could never match the 18-digit number a guest registers with.
    short = await officer_chat.say("44030619850512456")
    assert "身份证号应为18位，您输入了17位" in short and "「跳过」" in short
    assert "请选择性别" not in short
    assert "旧的15位身份证号" in await officer_chat.say("440306850512456")
    assert "您输入了19位" in await officer_chat.say("4403061985051245678")
    # Another document, letters and all, is taken as the case file has it.
    assert "请选择性别" in await officer_chat.say("E12345678")


async def test_a_height_said_in_metres_is_read(officer_chat: Chat) -> None:
    """一米七五, as officers say it, got 请输入身高的厘米数 again and again."""
    await officer_chat.say_all("/通缉 新增", "跳过", "丙某某", "跳过", "跳过", "男", "约30岁")
    assert "请选择体型" in await officer_chat.say("一米七五")
    await officer_chat.say("上一步")
    assert "请选择体型" in await officer_chat.say("1.8米")
    summary = await officer_chat.say_all(
        "中等", "跳过", "跳过", "涉嫌盗窃", "跳过", "跳过", "跳过", "内部"
    )
    assert "身高：约180厘米" in summary


async def test_an_officer_opens_a_card_by_name_or_alias(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """/通缉 乙某某 got the usage line: the name is what an officer knows first."""
    await enter_person(officer_chat, name="乙某某")
    await enter_person(officer_chat, name="乙某", doc_no="")
    wanted = await wanted_named(services, "乙某某")
    one = await officer_chat.send("/通缉 乙某某")
    [card] = images(one)
    assert card.caption.startswith(f"TJ-{wanted.id:04d} 乙某某")
    # An alias both were given, 阿乙: both listed, each a button to its card.
    both = await officer_chat.say("通缉 阿乙")
    assert "在逃人员有 2 人" in both and "乙某某" in both
    assert f"/通缉 {wanted.id}" in officer_chat.buttons()
    # A name nobody has: said so, with the usage after it; a closed card is not found.
    assert "没有姓名或别名为「丙某某」的" in await officer_chat.say("/通缉 丙某某")
    await officer_chat.say(f"/通缉 抓获 {wanted.id} 确认")
    closed = await officer_chat.say("/通缉 乙某某")
    assert (
        "没有姓名或别名为「乙某某」的" in closed and f"TJ-{wanted.id:04d} 乙某某 已抓获" in closed
    )


async def test_closing_words_said_without_the_command_are_offered_with_it(
    officer_chat: Chat, services: Services
) -> None:
    """撤销 3 typed without /通缉 had got 没有理解."""
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    offer = await officer_chat.say(f"撤销 {wanted.id} 重复录入")
    assert "没有理解" not in offer
    assert officer_chat.buttons() == [f"/通缉 撤销 {wanted.id} 重复录入"]
    await officer_chat.say(f"抓获 TJ-{wanted.id:04d}")
    assert officer_chat.buttons() == [f"/通缉 抓获 {wanted.id}"]
    # Offered, never acted on.
    assert (await wanted_named(services, "乙某某")).status is WantedStatus.ACTIVE


async def test_a_change_asked_for_with_an_entry_unfinished_is_not_dropped_unsaid(
    officer_chat: Chat, services: Services
) -> None:
    """/通缉 修改 3 with a 新增 half typed had resumed the new entry: the change was dropped
    without a word."""
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say_all("/通缉 新增", "跳过", "丙某某")
    refused = await officer_chat.say(f"/通缉 修改 {wanted.id}")
    assert "还有一份未完成的在逃人员登记（已填 2 项）" in refused
    assert f"暂不开始在逃人员登记（修改 TJ-{wanted.id:04d}）" in refused
    assert "「取消」" in refused and "接着上次继续" not in refused
    await officer_chat.say("取消")
    summary = await officer_chat.say(f"/通缉 修改 {wanted.id}")
    assert summary.startswith(f"修改 TJ-{wanted.id:04d}") and "乙某某" in summary


async def test_a_change_opened_and_left_untouched_does_not_hold_up_the_next_one(
    officer_chat: Chat, services: Services
) -> None:
    """/通缉 修改 1, then /通缉 修改 2: the answers read from card 1 counted as typed, and
    card 2 was refused for an edit 「已填 15 项」 in which the officer had typed nothing."""
    await enter_person(officer_chat)
    await enter_person(officer_chat, name="丁某某", doc_no="")
    first = await wanted_named(services, "乙某某")
    second = await wanted_named(services, "丁某某")
    await officer_chat.say(f"/通缉 修改 {first.id}")
    summary = await officer_chat.say(f"/通缉 修改{second.id}")  # run on: not the usage
    assert summary.startswith(f"修改 TJ-{second.id:04d}") and "丁某某" in summary
    assert "未完成" not in summary
    # A change made is the officer's own work: kept, and counted as what it is.
    await officer_chat.say_all("修改 案由", "涉嫌合同诈骗罪")
    refused = await officer_chat.say(f"/通缉 修改 {first.id}")
    assert f"（修改 TJ-{second.id:04d}，已改 1 项）" in refused


async def test_entering_and_changing_show_a_change_with_a_question_of_the_card(
    officer_chat: Chat, services: Services
) -> None:
    """Entering a person said 「修改 字段名」, changing one 「修改 字段名」…（如 修改 案由）."""
    intro = await officer_chat.say("/通缉 新增")
    assert "「修改 案由」这样改已填的一项" in intro and "字段名" not in intro
    await officer_chat.say("取消")
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    lead = await officer_chat.say(f"/通缉 修改 {wanted.id}")
    assert "回复如「修改 案由」改其中一项" in lead and "字段名" not in lead
    assert "请输入案由" in await officer_chat.say("修改 案由")


async def test_the_number_may_come_before_the_action(
    officer_chat: Chat, services: Services
) -> None:
    """/通缉 1 修改 had shown the card again; /通缉 修改 1 worked."""
    await enter_person(officer_chat)
    wanted = await wanted_named(services, "乙某某")
    assert "修改 TJ-" in await officer_chat.say(f"/通缉 {wanted.id} 修改")
    await officer_chat.say("取消")
    assert "变更记录" in await officer_chat.say(f"/通缉 TJ-{wanted.id:04d} 记录")


async def test_capturing_an_internal_card_promises_only_what_happens(
    officer_chat: Chat, services: Services
) -> None:
    """An internal card never reached venues, groups or residents: asking to confirm had
    promised to tell them."""
    await enter_person(officer_chat)
    internal = await wanted_named(services, "乙某某")
    asked = await officer_chat.say(f"/通缉 抓获 {internal.id}")
    assert "通知收到过该卡片的民警停止查找" in asked and "场所、群和群众停止" not in asked
    await enter_person(officer_chat, name="丙某某", visibility="公开", doc_no="")
    public = await wanted_named(services, "丙某某")
    assert "场所、群和群众停止查找" in await officer_chat.say(f"/通缉 抓获 {public.id}")


async def test_the_list_runs_in_the_order_of_the_numbers_typed_to_open_a_card(
    officer_chat: Chat, services: Services
) -> None:
    """Newest first had listed TJ-0002 above TJ-0001, and the 1 an officer typed for the
    first row opened the second."""
    await enter_person(officer_chat)
    first = await wanted_named(services, "甲某某")
    second = await wanted_named(services, "乙某某")
    assert first.id is not None and second.id is not None and first.id < second.id
    listing = await officer_chat.say("/通缉")
    rows = [line for line in listing.splitlines() if line.startswith("TJ-")]
    assert rows[0].startswith(f"TJ-{first.id:04d} 甲某某")
    assert rows[1].startswith(f"TJ-{second.id:04d} 乙某某")
    assert f"如「/通缉 {first.id}」查看 TJ-{first.id:04d}" in listing


async def test_the_list_an_officer_views_is_in_the_audit_log(
    officer_chat: Chat, seeded: Seeded, services: Services, dispatcher: Dispatcher
) -> None:
    """/通缉 列表 shows each card's name and face, and had left no trace in /审计; nor had
    the cards listed for a part of a name (/通缉 某某)."""
    assert "在逃人员（共1人）" in await officer_chat.say("/通缉 列表")
    admin = await bound_admin(services, dispatcher)
    trail = await admin.say(f"/审计 通缉{seeded.wanted.id}")
    assert trail.count("一号民警（民警）　查看通缉列表") == 1, trail
    await enter_person(officer_chat)  # 乙某某
    assert "姓名或别名含「某某」的在逃人员有 2 人" in await officer_chat.say("/通缉 某某")
    trail = await admin.say(f"/审计 通缉{seeded.wanted.id}")
    assert trail.count("一号民警（民警）　查看通缉列表") == 2, trail


async def test_closed_cards_found_by_name_are_in_the_audit_log(
    officer_chat: Chat, seeded: Seeded, services: Services, dispatcher: Dispatcher
) -> None:
    """/通缉 乙某某 with only a caught card of that name showed its number, name and state
    and left no trace in /审计, where an active card's had."""
    await enter_person(officer_chat)  # 乙某某
    wanted = await wanted_named(services, "乙某某")
    await officer_chat.say(f"/通缉 抓获 {wanted.id} 确认")
    admin = await bound_admin(services, dispatcher)
    assert "查看通缉列表" not in await admin.say(f"/审计 通缉{wanted.id}")
    closed = await officer_chat.say("/通缉 乙某某")
    assert f"TJ-{wanted.id:04d} 乙某某 已抓获" in closed
    trail = await admin.say(f"/审计 通缉{wanted.id}")
    assert trail.count("一号民警（民警）　查看通缉列表") == 1, trail
    async with services.sessions() as session:
        [row] = (
            await session.exec(
                select(AuditEvent).where(
                    AuditEvent.action == "view:wanted_list", AuditEvent.subject_id == str(wanted.id)
                )
            )
        ).all()
    # Which cards were shown and how they were asked for, never the name typed.
    assert row.detail == "by=name results=0 closed=1" and "乙某某" not in row.detail
    # A name nobody has shows no card, and leaves nothing to audit.
    await officer_chat.say("/通缉 丙某某")
    async with services.sessions() as session:
        rows = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "view:wanted_list"))
        ).all()
    assert len(rows) == 1
