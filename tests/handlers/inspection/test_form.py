"""A venue inspects itself, the officer sends an item back, the owner fixes it, approved."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import cast

import pytest
from sqlmodel import col, select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.forms import Derived, FormEnv
from bot.messages import Image
from bot.validators import Invalid
from handlers.inspection.checklist import load_checklist
from handlers.inspection.form import _item_answer, _parse_answer
from handlers.services.invites import create_invite
from storage.models import Inspection, InspectionItem, InspectionStatus, Role, Venue, VenueKind
from tests.handlers.inspection.support import EBIKE_NOTE, inspect_hotel, venue_owner
from tests.support.chat import Chat
from tests.support.clock import dated_day, said_day
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def _items(services: Services) -> list[InspectionItem]:
    async with services.sessions() as session:
        rows = await session.exec(select(InspectionItem).order_by(col(InspectionItem.position)))
        return list(rows.all())


async def test_self_inspection_rejected_resubmitted_and_approved(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    owner = RichChat(dispatcher, "owner")
    officer = Chat(dispatcher, "officer")
    summary = await inspect_hotel(owner, settings)
    assert "请核对消防安全自查信息" in summary and "电动车充电：否" in summary
    assert "无人住宿" not in summary  # that item is not asked of hotels
    receipt = await owner.say("确认")
    assert "已提交（编号 #1）" in receipt and "请尽快整改：电动车充电" in receipt
    assert "⚠️ 今天起请把电动车和电池移出店内和楼道" in receipt  # what to do tonight
    [push] = await texts_to(services, "officer")
    assert "平安旅馆" in push and "/审核 1" in push
    items = await _items(services)
    assert [i.name for i in items][:4] == ["安全出口", "灭火器", "电动车充电", "电气线路"]
    assert all(i.photo for i in items if i.key in ("exits", "extinguishers", "wiring"))

    assert "#1　平安旅馆" in await officer.say("/自查")
    detail = await officer.send("/审核 1")
    text = detail[0].text  # type: ignore[union-attr]
    assert "3. ❌ 电动车充电" in text and EBIKE_NOTE in text
    assert len([r for r in detail if isinstance(r, Image)]) == 3

    sent_back = await officer.say("/审核 1 整改 第3项 电动车必须搬离楼道 11月30日")
    assert f"期限 {said_day(7)}" in sent_back and "已通知负责人" in sent_back
    [notice] = await texts_to(services, "owner")
    assert "第3项「电动车充电」需要整改" in notice and "电动车必须搬离楼道" in notice
    assert "/自查 整改 1" in notice and f"请在 {dated_day(7)} 前整改" in notice
    assert "目前没有待审核" in await officer.say("/自查")

    waiting = await owner.say("/自查")
    assert "您有需要整改的消防安全自查" in waiting and "/自查 整改 1" in owner.buttons()
    redo = await owner.say("/自查 整改 1")
    assert "只需回答需要整改的项目" in redo and "【电动车充电】" in redo
    assert "整改后的照片" in await owner.say("是")
    await owner.photo(stored_photo(settings, "yellow"))
    summary = await owner.say("完成")
    assert "电动车充电：是" in summary and "安全出口：是" in summary
    assert "已重新提交" in await owner.say("确认")

    resubmitted = (await texts_to(services, "officer"))[-1]
    assert "整改情况" in resubmitted and "/审核 1" in resubmitted
    assert "整改后复核" in await officer.say("/自查")
    detail = await officer.send("/审核 1")
    assert "已整改，待复核" in detail[0].text  # type: ignore[union-attr]
    assert any("整改后" in r.caption for r in detail if isinstance(r, Image))
    approved = await officer.say("/审核 1 通过")
    assert "已通过，已通知 1 位负责人" in approved
    assert "审核通过" in (await texts_to(services, "owner"))[-1]
    # The next one is due in 30 days: dated, the notice being read later maybe.
    assert f"下次自查请在 {dated_day(30)} 前完成" in (await texts_to(services, "owner"))[-1]
    async with services.sessions() as session:
        inspection = (await session.exec(select(Inspection))).one()
    assert inspection.status is InspectionStatus.APPROVED and inspection.round == 2
    ebike = (await _items(services))[2]
    assert ebike.ok and ebike.rectified_at is not None and ebike.fix_photos != "[]"


async def test_a_photo_the_owner_cannot_take_is_recorded_and_sent_later(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """跳过 at a required photo got 「这一项需要至少1张照片」 and the photo request again, for
    ever: an owner without a camera at hand could not finish the inspection."""
    owner = RichChat(dispatcher, "owner")
    officer = Chat(dispatcher, "officer")
    assert "暂时没法拍请回复「跳过」" in await owner.say_all("/自查", "是")
    assert "暂时没法拍请回复「跳过」" in await owner.say("可能吧")
    assert "【灭火器】" in await owner.say("暂时没法拍")
    await owner.say("是")
    assert "【电动车充电】" in await owner.say("跳过")
    await owner.say_all("是", "是")  # 电动车充电, 电气线路
    await owner.photo(stored_photo(settings, "green"))
    summary = await owner.say_all("正常", "对的", "会")
    assert "未拍照（可以以后补拍）" in summary
    receipt = await owner.say("确认")
    assert "以下项目未拍照，已如实记录，民警审核时能看到：安全出口、灭火器" in receipt
    assert "/自查 补拍 1" in receipt

    detail = await officer.say("/审核 1")
    assert detail.count("📷 未拍照") == 2 and "1. ✅ 安全出口：是　📷 未拍照\n" in detail
    assert detail.count("可用「整改」要求补拍") == 1  # said once, not under each item
    assert "消防自查有2项未拍照：安全出口、灭火器" in await officer.say("/风险 平安旅馆")

    later = await owner.say("/自查 补拍")
    assert "补拍「平安旅馆」消防安全自查 #1 未拍的照片：安全出口、灭火器" in later
    assert "开始消防安全自查" not in later and "请拍一张「安全出口」的照片" in later
    assert "请拍一张「灭火器」的照片" in await owner.photo(stored_photo(settings, "red"))
    await owner.say("跳过")
    done = await owner.say("确认")
    assert "已补拍「安全出口」的照片" in done and "「灭火器」仍未拍照" in done
    items = await _items(services)
    assert items[0].photo and not items[0].photo_missing
    assert items[1].photo is None and items[1].photo_missing
    assert (await officer.say("/审核 1")).count("📷 未拍照") == 1
    assert "1项未拍照：灭火器" in await officer.say("/风险 平安旅馆")
    # The officer asks for it with 整改; still without a camera, the owner is told again.
    await officer.say("/审核 1 整改 第2项 请补拍灭火器照片 3天")
    assert "请拍一张「灭火器」的照片" in await owner.say_all("/自查 整改 1", "是")
    resubmitted = await owner.say_all("跳过", "确认")
    assert "「灭火器」未拍照，民警要求拍照，复核时会看到，方便时请发送「/自查 补拍 1」补拍" in (
        resubmitted
    )


async def test_owner_without_inspected_venues_and_other_owners_inspections(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    landlord = Chat(dispatcher, "landlord")  # a rental house: not inspected this way
    assert "没有可自查的场所" in await landlord.say("/自查")
    owner = RichChat(dispatcher, "owner")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    await Chat(dispatcher, "officer").say("/审核 1 整改 第3项 搬走电动车")
    assert "没有找到需要整改的这份自查" in await landlord.say("/自查 整改 1")
    resident = Chat(dispatcher, "resident-1")
    assert "场所负责人" in await resident.say("/自查")


async def test_a_hazard_the_owner_reports_raises_the_venue_risk_until_fixed(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """E-bikes charged inside, reported in the venue's own self-inspection, had left its
    risk at 🔵 低风险 even after the officer sent the item back."""
    owner = RichChat(dispatcher, "owner")
    officer = Chat(dispatcher, "officer")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    risk = await officer.say("/风险 平安旅馆")
    assert "橙" in risk and "消防自查自报隐患未整改：电动车充电" in risk
    await officer.say("/审核 1 整改 第3项 电动车必须搬离楼道 11月30日")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say_all("完成", "确认")
    now = (await officer.say("/风险 平安旅馆")).split("最近变化")[0]  # not the history
    assert "未整改" not in now and "橙" not in now


async def test_yes_after_the_giving_up_question_answers_a_yes_or_no_item(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """Every checklist question takes 是: said after 要放弃吗, it had cancelled the form."""
    owner = Chat(dispatcher, "owner")
    await owner.say("/自查")
    assert "要放弃" in await owner.say("不想填了")  # 算了, with nothing typed, cancels
    assert "请拍一张「安全出口」的照片" in await owner.say("是")


async def test_everyday_answers_to_an_item_are_read(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """有效的 was refused as no answer; 有一个过期了 says a fault and is a 否."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    await owner.say("是")
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    asked = await owner.say("过期")
    assert "请简要说明「灭火器」的情况" in asked
    await owner.say("一个灭火器过期，已经订了新的")
    assert "请回答「是」或「否」" not in await owner.say("有效的")
    assert _parse("没过期") == "是" and _parse("都没有坏的") == "是"  # the fault is denied


async def test_an_answer_repeating_the_questions_words_is_read(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """灭火器是否在有效期内 answered 在的 got 请回答「是」或「否」: a yes-no question is
    answered in Chinese by repeating its verb, and 不在 by denying it."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    await owner.photo(stored_photo(settings, "red"))
    assert "请拍一张「灭火器」的照片" in await owner.say("在的")
    await owner.photo(stored_photo(settings, "blue"))
    assert "请简要说明「电动车充电」" in await owner.say("不在室外")


async def test_a_one_photo_item_says_the_photo_moves_on(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """有 at a photo item got 请直接发送照片；发完请回复「完成」, but the photo itself moves
    on: the 完成 the owner then sent was refused by the next item."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    asked = await owner.say("有")
    assert "收到后自动进入下一项" in asked and "回复「完成」" not in asked
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))


async def test_a_photo_sent_as_the_answer_is_kept_and_the_question_asked_again(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A photo of the extinguisher sent at 是/否 had got 这一步请用文字回答 and was lost."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    kept = await owner.photo(stored_photo(settings, "red"))
    assert "照片已收到，已作为「安全出口照片」保留" in kept and "【安全出口】" in kept
    assert owner.buttons() == ["是", "否"]
    assert "【灭火器】" in await owner.say("是")  # its photo step is done: not asked again
    both = await owner.photo(stored_photo(settings, "blue"), caption="是")  # in one message
    assert "已作为「灭火器照片」保留" in both and "【电动车充电】" in both
    # An item that asks for no photo keeps one sent anyway.
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "green"))
    assert "请简要说明「电动车充电」" in await owner.say("否")
    assert "请简要说明「电气线路」" in await owner.say_all(EBIKE_NOTE, "否")
    # A photo of the fault, sent where its account is asked, is kept the same way.
    at_note = await owner.photo(stored_photo(settings, "yellow"))
    assert "已作为「电气线路照片」保留" in at_note and "请简要说明「电气线路」" in at_note
    assert "【应急设施】" in await owner.say("插座老化 下周换")
    summary = await owner.say_all("正常", "对的", "会")
    assert "电动车充电照片：1张" in summary
    assert "已提交" in await owner.say("确认")
    photos = {i.key: i.photo for i in await _items(services)}
    assert all(photos[key] for key in ("exits", "extinguishers", "ebike", "wiring"))
    assert len(set(photos.values()) - {None}) == 4


def test_a_fixed_fault_is_a_yes() -> None:
    """换好了, answering the item sent back for rectification, was refused."""
    assert _parse("换好了") == "是" and _parse("已经换了新的") == "是"
    assert _parse("整改完了") == "是" and _parse("坏了一个，已经修好了") == "是"
    assert _parse("还没换") == "否" and _parse("有一个过期了") == "否"


def test_how_owners_say_it_on_a_phone() -> None:
    """都好的, 插线板换掉了, 没有电动车 were refused with 请回答「是」或「否」; 还没改好 is
    still a fault."""
    assert _parse("都好的") == "是" and _parse("插线板换掉了") == "是"
    assert _parse("已经改了") == "是" and _parse("还没改好") == "否"
    assert _parse("店里没有电动车") == "是" and _parse("不用燃气，用电磁炉") == "是"
    with pytest.raises(Invalid, match="没有电动车、不用燃气"):
        _parse("不适用")


def _parse(text: str) -> str:
    return _parse_answer(text, None)  # type: ignore[arg-type]


async def _shop_owner(dispatcher: Dispatcher, services: Services, seeded: Seeded) -> RichChat:
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        shop = Venue(
            kind=VenueKind.SHOP, name="便民超市", address="和平路5号", beat_id=seeded.beat.id
        )
        session.add(shop)
        await session.flush()
        code = await create_invite(
            session, role=Role.OWNER, venue_id=shop.id, now=services.clock(), ttl=timedelta(hours=1)
        )
        await session.commit()
    owner = RichChat(dispatcher, "shopkeeper")
    assert "绑定成功" in await owner.say(f"/绑定 {code}")
    return owner


async def test_nobody_sleeping_in_the_shop_said_as_没有_is_no_hazard(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """是否做到无人住宿 answered 没有 (nobody sleeps here) was read as 否: the shop was told
    今晚起请不要在店内住人 and rated orange; 有 (somebody does) was read as 是."""
    owner = await _shop_owner(dispatcher, services, seeded)
    await owner.say_all("/自查", "是")
    await owner.photo(stored_photo(settings, "red"))
    await owner.say("是")
    assert "【无人住宿】" in await owner.photo(stored_photo(settings, "blue"))
    assert "【电动车充电】" in await owner.say("没有")
    assert "【无人住宿】" in await owner.say("上一步")
    assert "【电动车充电】" in await owner.say("店里晚上没人住")
    assert "【无人住宿】" in await owner.say("上一步")
    assert "请简要说明「无人住宿」" in await owner.say("有人住")
    await owner.say("上一步")
    assert "请简要说明「无人住宿」" in await owner.say("有")
    await owner.say("上一步")
    assert "【电动车充电】" in await owner.say("没有的")
    await owner.say("是")
    await owner.say("是")
    await owner.photo(stored_photo(settings, "green"))
    summary = await owner.say_all("都好的", "会")
    assert "无人住宿：是" in summary
    receipt = await owner.say("确认")
    assert "已提交" in receipt and "不要在店内住人" not in receipt


def test_faults_said_in_words_are_read() -> None:
    """有点乱，插线板接了好几个 and 烟感有两个不响了 got 请回答「是」或「否」."""
    assert _parse("有点乱，插线板接了好几个") == "否" and _parse("烟感有两个不响了") == "否"
    assert _parse("应急灯不亮") == "否" and _parse("插座有点老化") == "否"
    assert _parse("没有私拉乱接") == "是" and _parse("不乱") == "是"


def test_partly_and_mostly_are_read() -> None:
    """会一点 and 差不多都会, at 员工培训, got 请回答「是」或「否」."""
    assert _parse("会一点") == "否" and _parse("有的会") == "否"
    assert _parse("差不多都会") == "是" and _parse("基本都做到了") == "是"
    assert _parse("基本不会") == "否"


async def test_e_bikes_none_of_and_the_gas_watched_are_read(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """At 电动车充电 a bare 没有 (likely: no e-bikes here) was read as 否, and the hotel told
    to move its e-bikes out; 煤气罐放在后厨，有人看着 at 用火用气 and 会一点 at 员工培训
    got 请回答「是」或「否」."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    await owner.photo(stored_photo(settings, "red"))
    await owner.say("是")
    await owner.photo(stored_photo(settings, "blue"))
    asked = await owner.say("没有")
    assert "是说没有电动车吗" in asked and "请简要说明" not in asked
    assert "【电气线路】" in await owner.say("没有电动车")
    await owner.say("是")
    await owner.photo(stored_photo(settings, "green"))
    assert "【用火用气】" in await owner.say("正常")
    assert "【员工培训】" in await owner.say("煤气罐放在后厨，有人看着")
    assert "请简要说明「员工培训」" in await owner.say("会一点")
    summary = await owner.say("只有老板会用灭火器")
    assert "电动车充电：不适用（没有电动车）" in summary and "用火用气：是" in summary
    assert "员工培训：否" in summary
    receipt = await owner.say("确认")
    assert "已提交" in receipt and "把电动车和电池移出" not in receipt


async def test_a_fault_said_in_words_is_kept_as_its_account(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """烟感有，应急灯不亮了 at 应急设施 was a 否 whose account was asked for again; the
    shopkeeper's next 是, meant for the next item, was kept as 「应急设施说明：是」 and
    what they had said was lost."""
    owner = await _shop_owner(dispatcher, services, seeded)
    await owner.say_all("/自查", "是", "跳过")
    asked = await owner.say("有两个过期了")
    assert "请拍一张「灭火器」的照片" in asked and "请简要说明" not in asked
    await owner.say("跳过")
    assert "请简要说明「无人住宿」" in await owner.say("否")
    assert "请简要说明「无人住宿」" in await owner.say("是")  # asked again, not kept
    assert "请用一句话说明「无人住宿」哪里不符合" in await owner.say("没有")
    await owner.say("伙计晚上睡仓库，这周搬出去")
    await owner.say_all("没有电动车", "是", "跳过")
    assert "【员工培训】" in await owner.say("烟感有，应急灯不亮了")
    summary = await owner.say("会")
    assert "灭火器说明：有两个过期了" in summary
    assert "无人住宿说明：伙计晚上睡仓库，这周搬出去" in summary
    assert "应急设施说明：烟感有，应急灯不亮了" in summary  # the owner's own comma
    assert "已提交" in await owner.say("确认")
    notes = {i.key: i.note for i in await _items(services)}
    assert notes["extinguishers"] == "有两个过期了" and notes["alarms"] == "烟感有，应急灯不亮了"


async def test_e_bikes_said_to_be_parked_outside_are_read(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """店员的电动车停门口 at 是否都在室外或专用车棚停放、充电 got 请回答「是」或「否」."""
    owner = await _shop_owner(dispatcher, services, seeded)
    await owner.say_all("/自查", "是", "跳过", "是", "跳过")
    assert "【电动车充电】" in await owner.say("没人住")
    assert "【电气线路】" in await owner.say("店员的电动车停门口")
    assert "【电动车充电】" in await owner.say("上一步")
    assert "【电气线路】" in await owner.say("晚上推到楼道里充")  # a 否, and its account
    await owner.say_all("是", "跳过", "是")
    summary = await owner.say("会")
    assert "电动车充电：否" in summary and "电动车充电说明：晚上推到楼道里充" in summary


#: Indoors said not to be used, with or without the outdoors said too: what the item asks.
_KEPT_OUTSIDE = (
    "电动车都没在屋里，都在外面",
    "没放屋里 都在外面",
    "没有在楼道充电",
    "不让进屋，都停门口",
)


def test_indoors_denied_at_the_e_bike_item_is_a_yes() -> None:
    """电动车都没在屋里，都在外面 had been read as 否 (屋里 said, its 没 unread) and the owner
    told to move e-bikes they keep outside; indoors said as it is, or the outdoors denied,
    is still a 否."""
    items = load_checklist()
    [item] = [i for i in items if i.key == "ebike"]
    read = _item_answer(item, items)
    env = cast(FormEnv, SimpleNamespace(answers={}))
    for said in _KEPT_OUTSIDE:
        assert read(said, env) == "是", said
    for said in ("不在外面，在屋里", "没在外面 在楼道", "白天在外面 晚上推进店里充"):
        answer = read(said, env)
        assert isinstance(answer, Derived) and answer.value == "否", (said, answer)


async def test_e_bikes_kept_out_of_doors_said_with_a_negation_are_compliant(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    owner = await _shop_owner(dispatcher, services, seeded)
    await owner.say_all("/自查", "是", "跳过", "是", "跳过", "没人住")
    assert "【电气线路】" in await owner.say("电动车都没在屋里，都在外面")
    await owner.say_all("是", "跳过", "是")
    summary = await owner.say("会")
    assert "电动车充电：是" in summary and "电动车充电说明" not in summary, summary
    receipt = await owner.say("确认")
    assert "已提交" in receipt and "电动车充电" not in receipt, receipt


async def test_words_after_yes_or_no_are_kept_as_the_items_account(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """是 已经换好了 had been stored as 是 alone, the owner's words lost; words that take
    the 是 back (是，有两个过期了) still make it a 否."""
    owner = await _shop_owner(dispatcher, services, seeded)
    await owner.say_all("/自查", "是 出口已经清理干净了", "跳过")
    assert "请拍一张「灭火器」的照片" in await owner.say("是，有两个过期了")
    await owner.say_all("跳过", "否，伙计晚上睡仓库")
    summary = await owner.say_all("没有电动车", "是", "跳过", "是", "会")
    assert "安全出口说明：出口已经清理干净了" in summary
    assert "已提交" in await owner.say("确认")
    items = {i.key: i for i in await _items(services)}
    assert items["exits"].ok and items["exits"].note == "出口已经清理干净了"
    assert not items["extinguishers"].ok and items["extinguishers"].note == "是，有两个过期了"
    assert not items["no_lodging"].ok and items["no_lodging"].note == "伙计晚上睡仓库"


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("没人抽烟", "禁止吸烟：是"),
        ("没有人抽烟", "禁止吸烟：是"),
        ("有人抽烟没管", "禁止吸烟：否"),
    ],
)
async def test_whether_anyone_smokes_answers_the_no_smoking_item(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, said: str, shown: str
) -> None:
    """没人抽烟 at 禁止吸烟 got 请回答「是」或「否」; the owner's words are its account."""
    owner = await venue_owner(dispatcher, services, seeded, VenueKind.ENTERTAINMENT, "欢乐KTV")
    await owner.say_all("/自查", "是", "跳过", "是", "跳过", "没人住", "没有电动车", "是", "跳过")
    assert "【未成年人禁入】" in await owner.say("是")
    assert "【禁止吸烟】" in await owner.say("是")
    assert "【疏散指示】" in await owner.say(said)
    summary = await owner.say_all("贴了", "都亮着", "是", "会")
    assert shown in summary and said in summary, summary


async def test_a_photo_at_the_summary_names_the_item_without_one(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A photo at the summary was pointed to 「修改 安全出口照片」, which had its photo;
    the item recorded 未拍照 is the one to name."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    await owner.photo(stored_photo(settings, "red"))  # 安全出口
    await owner.say("是")
    await owner.photo(stored_photo(settings, "blue"))  # 灭火器
    await owner.say_all("是", "是", "跳过")  # 电动车充电, 电气线路, its photo not taken
    assert "未拍照（可以以后补拍）" in await owner.say_all("正常", "对的", "会")
    reply = await owner.photo(stored_photo(settings, "green"))
    assert "「修改 电气线路照片」" in reply and "安全出口照片" not in reply


async def test_a_bare_yes_at_a_faults_account_is_told_what_to_write(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """是 at 「请简要说明…」 got only 还差这一项, and the owner no hint of what to write."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    await owner.photo(stored_photo(settings, "red"))
    await owner.say("否")
    again = await owner.say("是")
    assert "哪里不符合" in again and "怎么改" in again, again
    assert "「灭火器」的照片" in await owner.say("一个灭火器过期，已经订了新的")


# 怎么看 alone had left the form (a question about something else, 没有理解); 看哪里 got
# 请回答「是」或「否」: both ask about the step, and get its hint.
@pytest.mark.parametrize(
    "unsure", ["不知道", "不太确定", "灭火器怎么看", "怎么看", "怎么查？", "看哪里"]
)
async def test_an_owner_not_sure_is_told_how_to_check_and_asked_again(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, unsure: str
) -> None:
    """不知道 at 灭火器 had got 请回答「是」或「否」 alone: how to tell, then the question."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    await owner.say("是")
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    hint = await owner.say(unsure)
    assert "压力表" in hint and "绿区" in hint and "检验日期" in hint
    assert "【灭火器】灭火器是否在有效期内" in hint  # the question kept
    assert "请拍一张「灭火器」的照片" in await owner.say("是")


async def test_an_item_without_its_own_hint_says_to_look_first(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    await owner.say("是")
    await owner.photo(stored_photo(settings, "red"))
    await owner.say("是")
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "blue"))
    hint = await owner.say("不清楚")
    assert "先到现场看一下" in hint and "【电动车充电】" in hint


async def test_a_yes_at_a_photo_says_a_photo_is_wanted(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """是 typed at the photo had got 还差这一项：安全出口照片 each time: the item is answered
    and the step wants its photo, or 跳过."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    assert "请拍一张「安全出口」的照片" in await owner.say("是")
    for _ in range(2):
        again = await owner.say("是")
        assert "「安全出口」已经答过了，这一步要它的照片：请直接发送" in again, again
        assert "还差这一项" not in again and "跳过" in again
    assert "【灭火器】" in await owner.say("跳过")
    assert "安全出口照片：未拍照" in await owner.say_all(
        "是", "跳过", "是", "否", "电动车在楼道充电", "是", "跳过", "是", "是", "是"
    )


async def test_a_question_at_an_item_is_answered_and_the_item_asked_again(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """算不算堵了 had been kept as a 否 with the question as its 说明; 算不算住宿 had got
    请回答「是」或「否」 alone: what the item means, then the same step."""
    cafe = await venue_owner(dispatcher, services, seeded, VenueKind.INTERNET_CAFE, "极速网吧")
    await cafe.say("/自查")
    told = await cafe.say("走廊堆了点被子 算不算堵了")
    assert "几床被子" in told and "就算不畅通" in told, told
    assert "【安全出口】" in told and "请简要说明" not in told
    assert "请拍一张「安全出口」的照片" in await cafe.say("否，走廊堆了被子，今天清走")
    await cafe.say("跳过")
    await cafe.say("是")
    assert "【无人住宿】" in await cafe.say("跳过")
    told = await cafe.say("晚上网管睡在吧台后面算不算住宿")
    assert "睡在吧台后面" in told and "也算" in told and "【无人住宿】" in told, told
    assert "有就回答「否」" in told
    assert "请简要说明「无人住宿」" in await cafe.say("有人住")


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("通的", "是"),
        ("都通", "是"),
        ("通畅", "是"),
        ("没堵", "是"),
        ("不通", "否"),
        ("不通的", "否"),
    ],
)
async def test_a_passage_is_said_to_be_clear_in_the_owners_words(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, said: str, answer: str
) -> None:
    """通的 at 安全出口是否畅通 had got 请回答「是」或「否」."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    reply = await owner.say(said)
    wanted = "请拍一张「安全出口」的照片" if answer == "是" else "请简要说明「安全出口」"
    assert wanted in reply, reply


async def test_a_self_inspection_cancelled_half_way_comes_back_with_its_answers(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """取消 half-way through the fifteen questions must not lose what was answered: the
    reply offers 恢复, which takes the owner back to the question they were at."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    await owner.say("是")
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    assert "请简要说明「灭火器」的情况" in await owner.say("否")
    cancelled = await owner.say("取消")
    assert "已取消消防安全自查" in cancelled and "回复「恢复」可接着填写" in cancelled
    back = await owner.say("恢复")
    assert "已恢复您刚才取消的消防安全自查" in back and "请简要说明「灭火器」的情况" in back
    assert "「灭火器」的照片" in await owner.say("两个灭火器过期了 明天换")
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "blue"))
    assert "【电气线路】" in await owner.say("是")
    await owner.say("是")
    await owner.photo(stored_photo(settings, "green"))
    summary = await owner.say_all("正常", "对的", "会")
    assert "安全出口：是" in summary and "安全出口照片：1张" in summary, summary
    assert "灭火器：否" in summary and "两个灭火器过期了 明天换" in summary


@pytest.mark.parametrize("stop", ["不查了", "/自查 取消"])
async def test_an_owner_stops_an_inspection_half_way(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, stop: str
) -> None:
    """不查了 at the photo had got the photo asked for again, and /自查 取消 had resumed the
    form (您有一份未完成的消防安全自查，接着上次继续): the form stops, said not submitted,
    and 恢复 brings it back where it was."""
    owner = RichChat(dispatcher, "owner")
    assert "请拍一张「安全出口」的照片" in await owner.say_all("/自查", "是")
    stopped = await owner.say(stop)
    assert stopped == (
        "已取消消防安全自查，内容未提交。误取消的话，30分钟内回复「恢复」可接着填写。"
    ), stopped
    async with services.sessions() as session:
        assert (await session.exec(select(Inspection))).all() == []
    back = await owner.say("恢复")
    assert "已恢复您刚才取消的消防安全自查" in back and "请拍一张「安全出口」的照片" in back


async def test_stopping_with_no_inspection_open_says_so(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    owner = RichChat(dispatcher, "owner")
    said = await owner.say("/自查 取消")
    assert said == "您没有正在填写的消防安全自查。要开始自查，请发送「自查」。"
    # 不查了 at the first question, nothing typed yet: nothing to bring back.
    assert "【安全出口】" in await owner.say("/自查")
    stopped = await owner.say("不查了")
    assert stopped == "已取消消防安全自查，本次自查未提交。需要时发送「自查」重新开始。"


#: Negations and giving up, none of them a 是: 不搞了 had been kept as 是 (搞了, a fix),
#: 不在外面 and 没专人看 as the outdoors and the watching they deny.
_NOT_YES = (
    "不搞了", "不搞了 太麻烦", "不弄了", "不想弄了", "不换了", "懒得搞了", "还没来得及弄好",
    "修不好", "换不了", "不用换了", "不是没过期", "没换", "还没", "没有", "不是", "不在",
    "过期了", "坏了", "不在外面", "没停在外面", "不都在室外", "不是有人看管", "没专人看",
    "是 不搞了",
)  # fmt: skip


@pytest.mark.parametrize("key", ["extinguishers", "ebike", "gas"])
def test_a_negated_or_given_up_answer_is_never_a_yes(key: str) -> None:
    items = load_checklist()
    [item] = [i for i in items if i.key == key]
    read = _item_answer(item, items)
    env = cast(FormEnv, SimpleNamespace(answers={}))
    for said in _NOT_YES:
        try:
            answer = read(said, env)
        except Invalid:
            continue  # asked again: no answer kept
        value = answer.value if isinstance(answer, Derived) else answer
        assert value == "否", (said, value)
    for said in ("换好了", "已经换了新的", "没过期", "都正常"):
        assert read(said, env) == "是", said


async def test_giving_up_at_an_item_stops_the_inspection_and_keeps_no_answer(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """不搞了 太麻烦 at 【灭火器】 had been kept as 是 (上一步 showed 刚才填的是：是): it stops
    the inspection, as 不查了 does, and 恢复 asks the item again."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    for said in ("不搞了 太麻烦", "不弄了", "不做了"):
        stopped = await owner.say(said)
        assert stopped.startswith("已取消消防安全自查，内容未提交。"), (said, stopped)
        back = await owner.say("恢复")
        assert "【灭火器】" in back and "照片" not in back, (said, back)


async def test_called_away_at_an_account_the_inspection_waits_for_continue(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """算了先不弄了 来客人了 at 电动车充电's 说明 had been kept as its rectification plan: the
    inspection is set aside, said how to take it up, and the 说明 is asked again then."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    await owner.photo(stored_photo(settings, "red"))
    await owner.say("是")
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "blue"))
    assert "请简要说明「电动车充电」" in await owner.say("否")
    paused = await owner.say("算了先不弄了 来客人了")
    assert paused == (
        "好的，您先忙。消防安全自查先放着，已填的内容都保存了，还没有提交；24小时内回复"
        "「继续消防安全自查」接着填写，不要了请回复「消防安全自查不要了」。"
    ), paused
    back = await owner.say("继续消防安全自查")
    assert "接着填写您的消防安全自查" in back and "请简要说明「电动车充电」" in back
    assert "【电气线路】" in await owner.say(EBIKE_NOTE)
    assert "先放着" in await owner.say("等会再弄")
    assert "【电气线路】" in await owner.say("继续")
    await owner.say_all("是")
    await owner.photo(stored_photo(settings, "green"))
    summary = await owner.say_all("正常", "对的", "会")
    assert f"电动车充电说明：{EBIKE_NOTE}" in summary and "来客人" not in summary


@pytest.mark.parametrize("said", ["算了，今天先不查了", "先不查了", "先不自查了"])
async def test_not_inspecting_today_stops_the_inspection_and_says_so(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, said: str
) -> None:
    """先不查了 had set the inspection aside, open a day without a word of it after: it
    stops it, as 不查了 does, says so, and 恢复 still brings it back."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    stopped = await owner.say(said)
    assert stopped.startswith("已取消消防安全自查，内容未提交。"), stopped
    assert "先放着" not in stopped and "「恢复」" in stopped
    assert "没有正在填写" in await owner.say("/自查 取消")  # nothing left open
    back = await owner.say("恢复")
    assert "【灭火器】" in back, back
    # Called away, it still waits: 先不查了 来客人了.
    assert "先放着" in await owner.say("先不查了 来客人了")


@pytest.mark.parametrize("again", ["继续消防安全自查", "继续自查"])
async def test_an_inspection_stopped_half_way_is_taken_up_again_by_its_name(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, again: str
) -> None:
    """继续消防安全自查 after 先不查了 had started a new inspection, at its first item, the
    answers given lost: the one stopped comes back where it was, its answers kept."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    assert (await owner.say("先不查了")).startswith("已取消消防安全自查")
    back = await owner.say(again)
    assert "【灭火器】" in back and "【安全出口】" not in back, back
    assert "已填的内容都在" in back
    await owner.say("是")
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "blue"))
    await owner.say_all("否", EBIKE_NOTE, "是")
    await owner.photo(stored_photo(settings, "green"))
    summary = await owner.say_all("正常", "对的", "会")
    assert "安全出口：是" in summary and "安全出口照片：1张" in summary, summary


async def test_a_question_naming_an_option_at_an_item_is_explained_not_taken(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """堆点纸箱也算是通的吗？ had been kept as 是 (「安全出口」记为「是」; 没有用上：…), a
    blocked exit recorded as clear: a question names no answer. What the item means is
    said, and the item asked again."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    for asked in ("堆点纸箱也算是通的吗？", "为什么要选是"):
        told = await owner.say(asked)
        assert "记为" not in told and "请拍一张" not in told, told
        assert told.endswith("（堆了杂物或上了锁就算不畅通）"), told
        assert owner.buttons() == ["是", "否"]
    assert "请简要说明「安全出口」" in await owner.say("否")


async def test_a_legal_question_at_an_items_note_is_answered_and_the_note_asked_again(
    law_dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """不登记身份证会罚款吗？ typed where the item's 说明 is asked had been kept as the 说明:
    it is answered, as it would be with no form open, and the 说明 asked again. A 说明
    that asks something of its own (明天搬走可以吗) is still the 说明."""
    owner = RichChat(law_dispatcher, "owner")
    await owner.say_all("/自查", "是", "跳过")
    assert "请简要说明「灭火器」" in await owner.say("否")
    asked = await owner.say("不登记身份证会罚款吗？")
    assert "《" in asked and "没有理解" not in asked, asked
    assert asked.endswith(
        "请简要说明「灭火器」的情况和整改打算（哪里不符合、准备怎么改、什么时候改好）："
    )
    assert "已填内容都保留着" in asked
    assert "「灭火器」的照片" in await owner.say("两个灭火器过期了，明天换新的可以吗？")
    summary = await owner.say_all("跳过", "是", "是", "跳过", "正常", "对的", "会")
    assert "两个灭火器过期了，明天换新的可以吗？" in summary, summary
    assert "罚款" not in summary


async def test_called_away_with_another_form_set_aside_the_inspection_stays_open(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """With a question to the police already set aside for the inspection, the inspection
    cannot be set aside too: it stays open, and 继续 asks its question again."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("问民警", "消防通道可以放电动车吗")
    assert "【安全出口】" in await owner.say("/自查")
    paused = await owner.say("在忙")
    assert "消防安全自查先放着" in paused and "回复「继续」接着填写" in paused, paused
    assert "不要了请回复「取消」" in paused
    assert "【安全出口】" in await owner.say("继续")


@pytest.mark.parametrize("said", ["算了 明天再弄", "明天再拍吧", "晚上再弄"])
async def test_put_off_to_later_in_the_day_at_a_photo_sets_the_inspection_aside(
    dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    """算了 明天再弄 at 安全出口's photo got the photo's question again."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是")
    paused = await owner.say(said)
    assert paused.startswith("好的，您先忙。消防安全自查先放着"), paused
    assert "请拍一张「安全出口」的照片" in await owner.say("继续消防安全自查")


async def test_a_statement_restating_the_item_is_a_yes(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """灭火器在有效期内 and 牌子挂了，身份证都刷的 got 请回答「是」或「否」: they say the
    item in its own words. Words that restate none of it are still asked about."""
    owner = RichChat(dispatcher, "owner")
    await owner.say_all("/自查", "是", "跳过")
    assert "请回答「是」或「否」" in await owner.say("灭火器放在前台")
    assert "请拍一张「灭火器」的照片" in await owner.say("灭火器在有效期内")
    ktv = await venue_owner(dispatcher, services, seeded, VenueKind.ENTERTAINMENT, "欢乐KTV")
    await ktv.say_all("/自查", "是", "跳过", "是", "跳过", "没人住", "没有电动车", "是", "跳过")
    assert "【未成年人禁入】" in await ktv.say("是")
    assert "【禁止吸烟】" in await ktv.say("牌子挂了，身份证都刷的")
    summary = await ktv.say_all("是", "贴了", "都亮着", "是", "会")
    assert "未成年人禁入：是" in summary and "灭火器：是" in summary, summary
