"""Every self-service report template, from `/报案` to its receipt and next steps."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.photos import load
from storage.models import Report
from tests.handlers.reports.support import CASES, PHONE, REPORTER, file_report, receipt_in
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded

NEXT_STEP = {
    "电动车/自行车被盗": "购车发票",
    "扒窃": "挂失手机卡",
    "盗窃": "保护好现场",
    "电信网络诈骗": "96110",
    "证件/车牌遗失": "户籍窗口",
    "轻微财物损坏": "调解",
}


@pytest.mark.parametrize("kind", list(CASES))
async def test_each_template_ends_in_a_receipt_and_the_next_step(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, kind: str
) -> None:
    resident = Chat(dispatcher, "resident-1")
    menu = await resident.say("/报案")
    assert "请选择类型" in menu and f"/报案 {kind}" in resident.buttons()
    assert f"开始{kind}报案" in await resident.say(f"/报案 {kind}")
    reporter_asked = await resident.say_all(*CASES[kind])
    assert "请输入报案人姓名" in reporter_asked
    summary = await resident.say_all(*REPORTER)
    assert f"请核对{kind}报案信息" in summary
    # Masked as the ID number beside it; the officer reads it whole (test_officer).
    assert "联系电话：138****5678" in summary and PHONE not in summary
    receipt = await resident.say("确认")
    number = receipt_in(receipt)
    assert number.startswith("B20261123-") and NEXT_STEP[kind] in receipt
    assert f"查询 {number}" in receipt
    async with services.sessions() as session:
        report = (await session.exec(select(Report))).one()
    assert report.receipt_no == number and report.kind.label == kind
    assert report.name_masked == "王**" and report.phone_masked.startswith("138")
    # Personal data and details only sealed.
    for value in report.model_dump().values():
        assert GUEST_ID not in str(value) and "王小明" not in str(value)
        assert PHONE not in str(value)
    [push] = await texts_to(services, "officer")
    assert number in push and "王**" in push and GUEST_ID not in push


async def test_bike_theft_at_a_known_place_goes_to_that_beat(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say("我要报案 电动车")  # plain words and a word of the template also work
    await resident.say_all(*CASES["电动车/自行车被盗"], *REPORTER, "确认")
    async with services.sessions() as session:
        report = (await session.exec(select(Report))).one()
    assert report.beat_id == seeded.beat.id and report.venue_id == seeded.hotel.id


async def test_reporter_phone_is_required_and_unknown_kind_shows_the_menu(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    reply = await resident.say("/报案 杀人")
    assert "暂不支持「杀人」的自助报案" in reply and "110" in reply
    await resident.say("/报案 证件/车牌遗失")
    await resident.say_all(*CASES["证件/车牌遗失"], *REPORTER[:3])
    assert "手机号" in await resident.say("跳过")  # not optional: the officer will call back


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("算了不报了", "要放弃本次"),  # asked about, not taken as the time
        # What happened, not when: kept as its 经过, the time asked again.
        ("那个小偷后来又回来了", "记为「经过及补充」"),
        ("小偷", "请写一个时间"),
        ("明天下午3点", "这个时间还没到"),
    ],
)
async def test_the_time_of_a_report_must_be_a_past_time(
    dispatcher: Dispatcher, seeded: Seeded, typed: str, why: str
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 扒窃")
    assert why in await resident.say(typed)
    assert "事情发生在哪里" in await resident.say("上周末晚上")


async def test_the_sum_lost_to_fraud_must_be_an_amount(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电信网络诈骗", *CASES["电信网络诈骗"][:3])
    assert "请写大概的金额" in await resident.say("很多")
    assert "通过什么方式转账" in await resident.say("两万多")


async def test_a_lost_document_number_must_look_like_one(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 证件/车牌遗失", "机动车号牌")
    assert "请输入证件号码或号牌号码" in await resident.say("前天在地铁上丢的")
    assert "什么时候" in await resident.say("京A12345")


async def test_a_lost_id_cards_number_is_checked_as_an_id_number(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 证件/车牌遗失", "身份证")
    refused = await resident.say(GUEST_ID[:-1])  # 17 digits had been taken
    assert "应为18位" in refused and "跳过" in refused
    assert "校验位不正确" in await resident.say(GUEST_ID[:-1] + "0")
    assert "什么时候" in await resident.say(GUEST_ID)


async def test_the_fraud_report_says_to_stop_the_payment_before_the_first_question(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    start = await Chat(dispatcher, "resident-1").say("/报案 电信网络诈骗")
    assert start.index("96110") < start.index("对方用的是什么手法")


async def test_everyday_words_for_the_options(dispatcher: Dispatcher, seeded: Seeded) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 电动车/自行车被盗")
    assert "品牌" in await resident.say("电瓶车")
    await resident.say_all("雅迪 白色", "跳过", "3000元", "今天早上7点", "和平路1号楼下")
    assert "可疑人员" in await resident.say("锁了")


@pytest.mark.parametrize(("said", "kept"), [("锁了的", "已上锁"), ("没锁啊", "未上锁")])
async def test_an_option_said_with_a_particle_is_that_option(
    dispatcher: Dispatcher, seeded: Seeded, said: str, kept: str
) -> None:
    """锁了的 got 请从选项中选择 at 当时车辆是否上锁？"""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电瓶车", "雅迪 白色", "跳过", "3000元")
    await resident.say_all("今天早上7点", "和平路1号楼下")
    assert "可疑人员" in await resident.say(said)
    summary = await resident.say_all("跳过", "跳过", "跳过", "跳过", *REPORTER)
    assert f"是否上锁：{kept}" in summary


@pytest.mark.parametrize(
    ("document", "says", "not_said"),
    [
        ("身份证", "户籍窗口", "交管12123"),
        ("驾驶证", "交管12123", "户籍窗口"),
        ("护照", "出入境", "户籍窗口"),
    ],
)
async def test_a_lost_document_receipt_says_what_to_do_about_that_document(
    dispatcher: Dispatcher, seeded: Seeded, document: str, says: str, not_said: str
) -> None:
    """The receipt listed next steps for every kind of document, not the one lost."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 证件/车牌遗失")
    receipt = await resident.say_all(document, *CASES["证件/车牌遗失"][1:], *REPORTER, "确认")
    steps = receipt.split("下一步：")[1].split("社区民警")[0]
    assert says in steps and not_said not in steps and "冒用" in steps


async def test_a_photo_sent_at_a_text_question_is_kept_with_the_report(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A photo of the bike sent while its description was asked got 这一步请用文字回答 and
    was lost."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车")
    kept = await resident.photo(stored_photo(settings))
    assert kept.startswith(
        "照片已收到，先保留着，到发照片那一步不用再发这张了。这一步还要用文字回答："
    )
    assert kept.endswith("请描述车辆的品牌、颜色、型号和明显特征：")
    case = CASES["电动车/自行车被盗"]
    asked = await resident.say_all(*case[1:-1])
    # More may follow, and the one held is said to be in.
    assert asked.endswith("已收到 1 张照片，还有可以继续发，发完回复「完成」。")
    assert "已收到2张照片" in await resident.photo(stored_photo(settings, "blue"))
    summary = await resident.say_all("完成", *REPORTER)
    assert "照片：2张" in summary
    receipt = await resident.say("确认")
    receipt_in(receipt)
    assert "之后有照片" not in receipt  # sent already
    async with services.sessions() as session:
        [report] = (await session.exec(select(Report))).all()
    assert len(load(report.photos)) == 2


async def test_a_yes_after_picking_a_text_answer_to_change_keeps_it(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """修改 被盗物品及价值, then 确认: the answer had become 确认."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 扒窃")
    await resident.say_all(*CASES["扒窃"], *REPORTER)
    assert "请列出被盗物品" in await resident.say("修改 被盗物品及价值")
    back = await resident.say("确认")
    assert back.startswith("「被盗物品及价值」未作修改。")
    assert "被盗物品及价值：华为手机一部 约4000元" in back


async def test_i_do_not_know_at_an_optional_question_is_no_answer(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """不记得了 at the plate had been kept as the plate, and 没看到 as the suspect."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色")
    assert "价值" in await resident.say("不记得了")
    await resident.say_all("3000元", "今天早上7点", "和平路1号楼下", "已上锁")
    assert "目击者" in await resident.say("没看到")
    summary = await resident.say_all("跳过", "跳过", "跳过", *REPORTER)
    assert "不记得" not in summary and "没看到" not in summary, summary
    assert "车牌/车架号：（无）" in summary and "嫌疑人：（无）" in summary


async def test_not_knowing_the_plate_said_with_its_name_skips_it(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """不知道车牌 at the stolen bike's plate got 这不像车牌号…: 车牌不知道 had skipped it,
    the same said the other way round had not."""
    for said in ("不知道车牌", "不记得车牌号了", "不清楚车架号", "没有车牌"):
        resident = Chat(dispatcher, "resident-1")
        await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色")
        asked = await resident.say(said)
        assert "这不像车牌号" not in asked and "价值" in asked, (said, asked)
        await resident.say("取消")


async def test_a_description_that_begins_with_what_was_not_seen_is_kept(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色", "跳过", "3000元")
    await resident.say_all("今天早上7点", "和平路1号楼下", "已上锁")
    summary = await resident.say_all("没看清脸，穿黑衣服", "跳过", "跳过", "跳过", *REPORTER)
    assert "嫌疑人：没看清脸，穿黑衣服" in summary, summary


@pytest.mark.parametrize("kind", list(CASES))
async def test_the_intro_shows_a_change_with_a_question_of_this_report(
    dispatcher: Dispatcher, seeded: Seeded, kind: str
) -> None:
    """The intro said 「修改 字段名」, which nobody can type as it stands."""
    resident = Chat(dispatcher, "resident-1")
    intro = await resident.say(f"/报案 {kind}")
    assert "「修改 发生时间」这样改已填的一项" in intro and "字段名" not in intro
    await resident.say_all(*CASES[kind])
    assert "什么时候发生" in await resident.say("修改 发生时间")


@pytest.mark.parametrize(
    ("kind", "note"),
    [
        ("电动车/自行车被盗", "之后有照片请先保存好，民警在这里向您提问时直接发给我"),
        ("电信网络诈骗", "之后有截图请先保存好，民警在这里向您提问时直接发给我"),
        ("证件/车牌遗失", ""),  # asks for no photo
    ],
)
async def test_a_report_without_photos_says_how_one_taken_later_reaches_the_case(
    dispatcher: Dispatcher, seeded: Seeded, kind: str, note: str
) -> None:
    """Skipping the photos, a reporter read nothing of a photo taken later. One sent on its
    own is not kept with the report, only one answering an officer's question."""
    receipt = await file_report(Chat(dispatcher, "resident-1"), kind)
    if note:
        assert note in receipt and "会补充到这条报案" in receipt
    else:
        assert "之后有" not in receipt


async def test_the_reporter_may_say_their_number_is_the_lost_cards(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """身份证丢了啊 我没有身份证号码 我刚才不是说了吗 at the reporter's number had got the hotel's
    没带证件 … 请不要安排入住, and the number asked again."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 证件/车牌遗失", "身份证", GUEST_ID, "昨天下午3点", "人民公园")
    await resident.say_all("跳过", "王小明")
    asked = await resident.say("身份证")
    assert "就是刚才填的遗失身份证号码吗" in asked and "是，就是这个号码" in resident.buttons()
    said = await resident.say("身份证丢了啊 我没有身份证号码 我刚才不是说了吗")
    assert "手机号码" in said and "入住" not in said
    summary = await resident.say(PHONE)
    # Masked on the resident's screen, as any ID number shown (DESIGN.md).
    assert "证件号码：**************245X" in summary and GUEST_ID not in summary
    assert "证件/号牌号码：**************245X" in summary
    receipt_in(await resident.say("确认"))
    async with services.sessions() as session:
        report = (await session.exec(select(Report))).one()
    assert report.doc_no_masked == "**************245X"  # stored: the tail only
    details = services.cipher.decrypt(report.details_enc, "report.details")
    assert GUEST_ID in details  # the officer reads the lost card's number whole


async def test_a_reporter_without_the_card_is_told_where_the_number_is_not_about_hotels(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 证件/车牌遗失", "身份证", GUEST_ID, "昨天下午3点", "人民公园")
    await resident.say_all("跳过", "王小明", "身份证")
    assert "请输入证件号码" in await resident.say("不是，另填")
    told = await resident.say("身份证丢了 没有号码")
    assert "户口本" in told and "同上" in told and "入住" not in told
    assert "手机号码" in await resident.say("同上")
    pickpocket = Chat(dispatcher, "resident-2")
    await pickpocket.say_all("/报案 扒窃", *CASES["扒窃"])
    for step in ("姓名", "证件类型"):  # said at either: the same way forward
        told = await pickpocket.say("身份证丢了")
        assert "户口本" in told and "同上" not in told and "入住" not in told, step
        await pickpocket.say("王小明")


@pytest.mark.parametrize("typed", ["330106199001011234", "苹果13 蓝色的 带个粉色壳"])
async def test_a_number_or_a_description_is_no_time(
    dispatcher: Dispatcher, seeded: Seeded, typed: str
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 扒窃")
    assert "请写一个时间" in await resident.say(typed)


async def test_a_relative_day_is_stored_as_its_date_and_what_else_was_lost_is_said(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 证件/车牌遗失", "身份证", "跳过", "前天下午", "人民公园")
    summary = await resident.say_all("钱包、银行卡和200元现金也丢了", *REPORTER)
    assert "发生时间：11月21日下午（前天下午）" in summary
    assert "经过及补充：钱包、银行卡和200元现金也丢了" in summary
    receipt_in(await resident.say("确认"))
    async with services.sessions() as session:
        report = (await session.exec(select(Report))).one()
    details = services.cipher.decrypt(report.details_enc, "report.details")
    # What the officer reads, maybe days later, when 前天 names another day.
    assert '["发生时间", "11月21日下午"]' in details and "前天" not in details
    assert "200元现金" in details


async def test_a_time_at_the_amount_is_kept_for_the_time_and_an_address_is_no_time(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """昨晚9点 at 价值 and 幸福里3号楼下 at 发生时间 had both been taken: the officer read
    价值：昨晚9点, 发生时间：幸福里3号楼下."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车", "电动车", "雅迪 白色", "跳过")
    at_amount = await resident.say("昨晚9点")
    assert "这像是时间" not in at_amount  # kept, so no complaint: just where it went
    assert "记为「发生时间」" in at_amount and "大约价值多少钱" in at_amount
    assert "事情发生在哪里" in await resident.say("3000元")  # the time is not asked again
    summary = await resident.say_all(
        "幸福里3号楼下", "已上锁", "跳过", "跳过", "跳过", "跳过", *REPORTER
    )
    assert "价值：3000元" in summary and "发生时间：昨天 21:00" in summary
    assert "地点：幸福里3号楼下" in summary


async def test_an_address_at_the_time_is_kept_as_the_place(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 扒窃")
    at_time = await resident.say("幸福里3号楼下")
    assert "记为「地点」" in at_time and "什么时候" in at_time
    assert "被盗物品" in await resident.say("昨晚9点")
    assert "请写一个时间" in await resident.say_all("取消", "/报案 扒窃", "两万多")


async def test_answers_typed_one_step_late_are_kept_for_their_questions(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """昨晚9点 at the description, 雅迪 白色 at the plate: the officer had read 品牌颜色：
    昨晚9点, 车牌/车架号：雅迪 白色."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车", "电动车")
    at_description = await resident.say("昨晚9点")
    assert "记为「发生时间」" in at_description and "品牌、颜色" in at_description
    await resident.say("雅迪 白色")
    at_plate = await resident.say("雅迪 白色")
    assert "不像车牌号" in at_plate and "修改 品牌颜色" in at_plate and "跳过" in at_plate
    at_plate = await resident.say("幸福里3号楼下")
    assert "记为「地点」" in at_plate and "车牌号" in at_plate
    await resident.say("浙A12345")
    # The time and the place are in: the value is followed by the lock.
    assert "是否上锁" in await resident.say("3000元")
    summary = await resident.say_all("已上锁", "跳过", "跳过", "跳过", "跳过", *REPORTER)
    assert "品牌颜色：雅迪 白色\n" in summary and "车牌/车架号：浙A12345" in summary
    assert "发生时间：昨天 21:00" in summary and "地点：幸福里3号楼下" in summary


async def test_an_address_at_the_value_is_kept_as_the_place(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """It had been refused with 请写大概的金额, and had to be typed again at the place."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车", "电动车", "雅迪 白色", "跳过")
    at_value = await resident.say("幸福里3号楼下")
    assert "记为「地点」" in at_value and "大约价值多少钱" in at_value
    assert "什么时候" in await resident.say("3000元")
    assert "是否上锁" in await resident.say("昨晚9点")  # the place is not asked again


async def test_what_happened_told_at_the_time_is_kept_as_the_story(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """店里收银台的钱被偷了 at 盗窃's time had been refused (请写一个时间) and lost."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 盗窃")
    at_time = await resident.say("店里收银台的钱被偷了")
    assert "记为「经过」" in at_time and "什么时候" in at_time
    asked = await resident.say_all("昨晚9点", "和平路1号 小卖部", "收银台现金约2000元")
    assert "可疑人员" in asked  # 经过 is not asked again
    summary = await resident.say_all("跳过", "跳过", "跳过", *REPORTER)
    assert "经过：店里收银台的钱被偷了" in summary


async def test_a_phone_said_before_its_question_is_kept_for_it(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """王小明 13812345678 at the name had dropped the phone (其余的内容没有用上), and a
    phone at the document type was 看不懂这个证件类型."""
    name, document, number, _phone = REPORTER
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 扒窃", *CASES["扒窃"])
    at_name = await resident.say(f"{name} {PHONE}")
    assert "没有用上" not in at_name and "证件类型" in at_name
    summary = await resident.say_all(document, number)
    assert "请核对" in summary and "联系电话：138****5678" in summary

    other = Chat(dispatcher, "resident-2")
    await other.say_all("/报案 扒窃", *CASES["扒窃"], name)
    at_type = await other.say(PHONE)
    assert "看不懂" not in at_type and "记为「联系电话」" in at_type and "证件类型" in at_type
    summary = await other.say_all(document, number)
    assert "请核对" in summary and "联系电话：138****5678" in summary


async def test_a_description_saying_where_the_bike_stood_stays_the_description(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车", "电动车")
    asked = await resident.say("白色雅迪 平时停在3号楼下")
    assert "记为「地点」" not in asked and "车牌号" in asked


async def test_a_second_report_offers_the_reporters_details_of_the_first(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """The second report had asked name, ID number and phone all over again."""
    chat = Chat(dispatcher, "resident-1")
    receipt_in(await file_report(chat))
    started = await chat.say("/报案 盗窃")
    assert "您上次报案填写的报案人信息：王**，证件号码" in started and "138****5678" in started
    assert GUEST_ID not in started and "13812345678" not in started
    asked = await chat.say_all(*CASES["盗窃"])
    assert "使用您上次报案时填写的吗" in asked
    summary = await chat.say("是")
    assert "请核对" in summary and "13812345678" not in summary
    assert "国籍/地区：中国" in summary  # as the first report's officer read it
    receipt_in(await chat.say("确认"))
    async with services.sessions() as session:
        first, second = (await session.exec(select(Report))).all()
    assert second.name_idx == first.name_idx and second.doc_no_idx == first.doc_no_idx
    assert second.phone_masked == first.phone_masked and second.sex == first.sex


async def test_a_report_for_a_relative_at_the_offer_keeps_the_victim_and_asks_the_reporter(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """是我妈被骗的，我帮她报 at 使用您上次报案时填写的吗 had been read as 是: the mother was
    nowhere in the report, and the details used without a word on whose they are."""
    chat = Chat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    receipt_in(await file_report(chat))
    await chat.say("/报案 电信网络诈骗")
    assert "使用您上次报案时填写的吗" in await chat.say_all(*CASES["电信网络诈骗"])
    asked = await chat.say("是我妈被骗的，我帮她报")
    assert "请核对" not in asked and "受害人是您的母亲" in asked, asked
    assert "请输入报案人姓名" in asked  # the reporter's own, asked as theirs
    summary = await chat.say_all(*REPORTER)
    assert "请核对" in summary and "报案人信息：重新填写" in summary
    number = receipt_in(await chat.say("确认"))
    detail = await officer.say(f"/报案 {number}")
    assert "受害人：报案人的母亲（报案人代为报案）" in detail, detail


async def test_a_name_typed_at_the_offer_fills_the_details_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    chat = Chat(dispatcher, "resident-1")
    receipt_in(await file_report(chat))
    # file_report types the details again, starting with the name at the offer.
    receipt_in(await file_report(chat, "盗窃"))


async def test_a_plate_told_with_the_description_is_not_asked_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """雅迪 白色 车牌豫A12345 at the description: the plate had been asked for again."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车", "电动车")
    asked = await resident.say("雅迪 白色 车牌豫A12345")
    assert "车牌号" not in asked and "大约价值多少钱" in asked
    summary = await resident.say_all(*CASES["电动车/自行车被盗"][3:], *REPORTER)
    assert "品牌颜色：雅迪 白色\n" in summary and "车牌/车架号：豫A12345\n" in summary

    other = Chat(dispatcher, "resident-2")
    await other.say_all("/报案 电动车", "电动车")
    assert "大约价值多少钱" in await other.say("白色新日，浙A·D12345")
    summary = await other.say_all(*CASES["电动车/自行车被盗"][3:], *REPORTER)
    assert "品牌颜色：白色新日\n" in summary and "车牌/车架号：浙A·D12345\n" in summary


async def test_the_lock_said_at_the_plate_and_the_place_at_the_time_are_kept(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """已上锁 at the plate had got 这不像车牌号; 3路公交车上 at the time, 请写一个时间."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车", "电动车", "雅迪 白色")
    at_plate = await resident.say("已上锁")
    assert "不像车牌号" not in at_plate
    assert "记为「是否上锁」" in at_plate and "车牌号" in at_plate
    asked = await resident.say_all("跳过", "3000元", "今天早上7点", "和平路1号楼下")
    assert "是否上锁" not in asked and "可疑人员" in asked

    other = Chat(dispatcher, "resident-2")
    await other.say("/报案 扒窃")
    at_time = await other.say("3路公交车上")
    assert "记为「地点」" in at_time and "什么时候" in at_time
    assert "被盗物品" in await other.say("今天上午9点")  # the place is not asked again


async def test_the_next_steps_of_a_receipt_are_no_numbered_options(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """1. 请保管好购车发票… read as options where buttons are numbered lines."""
    resident = Chat(dispatcher, "resident-1")
    receipt = await file_report(resident)
    assert "· 请保管好购车发票" in receipt and "1. " not in receipt


async def test_the_time_examples_are_taken_at_any_hour(
    dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """At 03:10 the question's own example 今天早上7点 had got 这个时间还没到."""
    clock.advance(hours=17, minutes=10)  # 03:10 in Shanghai
    resident = Chat(dispatcher, "resident-1")
    asked = await resident.say("/报案 盗窃")
    examples = re.search(r"（如 (.+?)）", asked)
    assert examples is not None
    for example in examples.group(1).split("、"):
        reply = await resident.say(example)
        assert "还没到" not in reply and "发生在哪里" in reply, (example, reply)
        await resident.say("上一步")


async def test_a_place_answer_pointing_back_keeps_only_the_place(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """上面说了啊 和平路1号楼下 was kept whole as 地点, as the tip form had kept it; 上面说了
    with no place written before is asked again."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电瓶车", "雅迪 白色", "跳过", "3000元")
    await resident.say("今天早上7点")
    assert "没有具体地点" in await resident.say("上面说了")
    assert "是否上锁" in await resident.say("上面说了啊 和平路1号楼下")
    summary = await resident.say_all("锁了", "跳过", "跳过", "跳过", "跳过", *REPORTER)
    assert "地点：和平路1号楼下" in summary and "上面说了" not in summary, summary


async def test_a_question_at_the_fraud_accounts_is_answered_and_the_step_asked_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """等一下，我先问下，报案要带身份证吗 at 对方账号 was stored as the account, unanswered."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电信网络诈骗", *CASES["电信网络诈骗"][:2])
    asked = await resident.say("等一下，我先问下，报案要带身份证吗")
    assert asked.endswith("对方的电话、微信/QQ号、网址或App名称：")
    assert "已填内容都保留着" in asked
    await resident.say_all("QQ 12345678", "两万", "银行卡转账 6222001234")
    # Any free text: the opener says the question is set aside (经过 takes any words).
    told = await resident.say("等一下，我先问下，报案要带身份证吗")
    assert told.endswith("请简要说明被骗经过：")
    summary = await resident.say_all("对方让我先垫付再返佣金", "跳过", *REPORTER)
    assert "对方账号/电话：QQ 12345678" in summary and "报案要带身份证吗" not in summary


async def test_a_report_started_by_its_story_keeps_the_story(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """我要报案，有个客服让我转到安全账户，转了两万 got 暂不支持「…」 and the menu, its facts
    lost; the kind picked then took an older story as 经过."""
    resident = Chat(dispatcher, "resident-1")
    started = await resident.say("我要报案，有个客服让我转到安全账户，转了两万")
    assert "暂不支持" not in started and "开始电信网络诈骗报案" in started
    assert "经过 有个客服让我转到安全账户，转了两万" in started
    assert "诈骗类型 冒充客服" in started and "被骗金额 两万" in started


async def test_a_place_said_from_here_is_asked_which_building(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """楼下 alone had been kept as the place: the officer read 区域：未能定位到警务区."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色", "跳过", "3000元")
    await resident.say("今天早上7点")
    assert "哪个小区、哪栋楼" in await resident.say("楼下")
    assert "是否上锁" in await resident.say("和平路1号")
    summary = await resident.say_all("已上锁", "跳过", "跳过", "跳过", "跳过", *REPORTER)
    assert "地点：楼下" in summary and "所在小区/楼栋：和平路1号" in summary
    receipt_in(await resident.say("确认"))
    [push] = await texts_to(services, "officer")
    assert "区域：一号警务区" in push  # found by the building: 和平路1号 is on that beat
    detail = await Chat(dispatcher, "officer").say("/报案 1")
    assert "地点：楼下（和平路1号）" in detail


async def test_a_theft_told_in_spoken_words_is_read_and_its_shed_asked_which_estate(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """买了3000多 in the story had been asked again, and 我刚说了 3000多 kept as the value;
    小区车棚 left 未能定位 (which estate, as for 楼下); 锁了的 还是被撬了 had got
    请从选项中选择."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("我电动车在小区车棚被偷了 买了3000多 白色雅迪")
    started = await resident.say("报案")
    assert "价值 3000多" in started and "地点 小区车棚" in started
    assert "大约价值" not in await resident.say("跳过")  # the plate; the value is not asked
    assert "哪个小区、哪栋楼" in await resident.say("昨晚10点")
    assert "是否上锁" in await resident.say("和平路1号")
    assert "可疑人员" in await resident.say("锁了的 还是被撬了")
    summary = await resident.say_all("跳过", "跳过", "跳过", *REPORTER)
    assert "是否上锁：已上锁" in summary and "价值：3000多" in summary
    assert "还是被撬了" in summary  # added to the story told
    assert "所在小区/楼栋：和平路1号" in summary


async def test_an_amount_said_again_is_the_amount(dispatcher: Dispatcher, seeded: Seeded) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色", "跳过")
    await resident.say_all("我刚说了 3000多", "昨晚10点", "和平路1号", "已上锁")
    summary = await resident.say_all("跳过", "跳过", "跳过", "跳过", *REPORTER)
    assert "价值：3000多" in summary and "说了" not in summary


async def test_a_question_or_refusal_at_the_name_is_answered_never_kept(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """为啥要实名 我不想留名字 at the name had been kept: 已记下：姓名, 上一步 showing it."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色", "跳过", "3000元")
    await resident.say_all("昨晚10点", "和平路1号", "已上锁", "跳过", "跳过", "跳过")
    assert "报案人姓名" in await resident.say("跳过")
    for said in ("为啥要实名 我不想留名字", "可以匿名吗"):
        reply = await resident.say(said)
        assert "报案需要实名" in reply and "「举报」匿名举报" in reply, said
        assert "已记下" not in reply and reply.endswith("请输入报案人姓名（与证件一致）："), said
    assert "证件类型" in await resident.say("张三")


async def test_a_question_about_cameras_at_the_suspects_is_answered_and_the_answer_kept(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """没看到 小区有监控吗？ had been kept whole as 嫌疑人, the question never answered."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电动车", "雅迪 白色", "跳过", "3000元")
    await resident.say_all("今天早上7点", "和平路1号楼下", "已上锁")
    reply = await resident.say("没看到 小区有监控吗？")
    assert "监控一般由物业或店家保管" in reply and "民警依法调取" in reply
    assert "现场是否有目击者" in reply  # the answer kept: on to the next question
    assert "监控" not in await resident.say("跳过")  # said once
    summary = await resident.say_all("跳过", "跳过", *REPORTER)
    assert "嫌疑人：没看到\n" in summary
    # Asked alone, it is answered and the question asked again.
    await resident.say("修改 嫌疑人")
    reply = await resident.say("有监控吗")
    assert "监控一般由物业或店家保管" in reply and "是否看到可疑人员" in reply


async def test_an_option_said_first_with_more_told_after_it_is_that_option(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """锁了的 还加了一把u型锁 got 请从选项中选择."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("/报案 电动车/自行车被盗", "电瓶车", "雅迪 白色", "跳过", "3000元")
    await resident.say_all("今天早上7点", "和平路1号楼下")
    assert "可疑人员" in await resident.say("锁了的 还加了一把u型锁")
    summary = await resident.say_all("跳过", "跳过", "跳过", "跳过", *REPORTER)
    assert "是否上锁：已上锁" in summary


async def test_a_fraud_told_at_its_method_names_the_method(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """说是公检法的… at 对方用的是什么手法？ was kept as the story and the method asked
    again; 公检法 then got 记为「冒充公检法」；没有用上：「公检法」."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("/报案 电信网络诈骗")
    told = await resident.say("说是公检法的，说我涉嫌洗钱让我转到安全账户")
    assert "已记为「冒充公检法」" in told and "什么时候" in told, told
    assert "什么手法" not in told
    other = Chat(dispatcher, "resident-2")
    await other.say("/报案 电信网络诈骗")
    named = await other.say("公检法")
    assert "没有用上" not in named and "什么时候" in named, named
    case = ("昨天下午3点", "13800001111", "5000", "银行卡转账 6222020000000000")
    await resident.say_all(*case, "跳过")
    await other.say_all(*case, "对方说我涉嫌洗钱", "跳过")
    for chat in (other, resident):
        summary = await chat.say_all(*REPORTER)
        assert "诈骗类型：冒充公检法" in summary, summary
    assert "经过：说是公检法的，说我涉嫌洗钱让我转到安全账户" in summary, summary
