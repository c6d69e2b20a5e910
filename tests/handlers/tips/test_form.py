"""A resident's tip, start to receipt: anonymous, with a photo, routed to the right beat."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from PIL import Image
from sqlmodel import select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Image as ImageReply
from bot.messages import Location
from storage.models import Tip, TipCategory, TipSource, TipStatus, Venue
from tests.handlers.tips.support import code_in, submit_tip, tips
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import PHONE_MAKE, PHONE_MODEL, media_store, stored_photo
from tests.support.outbox import opened, queued, text, texts_to
from tests.support.people import add_second_beat_officer
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

SECRET_SENDER, SECRET_NAME = "wx-resident-7781", "张小花"
DESCRIPTION = "小区3号楼402经常有人聚集吸毒 进出的人很多"


async def test_anonymous_tip_with_a_photo_reaches_the_beat_and_never_the_identity(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    await add_second_beat_officer(services, seeded)
    resident = RichChat(dispatcher, SECRET_SENDER, sender_name=SECRET_NAME)
    photo = stored_photo(settings)
    assert "请描述您看到的情况" in await resident.say("举报")
    # 吸毒 in the description says the category: not asked, shown in the summary.
    assert "如有照片" in await resident.say(DESCRIPTION)
    assert "已收到1张照片" in await resident.photo(photo)
    assert "事情发生在哪里" in await resident.say("完成")
    assert "大概是什么时候" in await resident.say("平安旅馆对面那栋楼")
    assert "默认匿名" in await resident.say("昨晚11点")
    summary = await resident.say("匿名提交")
    assert "照片：1张" in summary and "时间：昨天 23:00" in summary
    assert "类别：涉毒" in summary
    receipt = await resident.say("确认")
    assert "举报已收到" in receipt and "代号「举报人-" in receipt and "110" in receipt
    assert "线人" not in receipt  # "informant" put residents off
    assert "之后有照片" not in receipt  # sent already
    code = code_in(receipt)

    [tip] = await tips(services)
    assert tip.category == "drugs" and tip.status is TipStatus.RECEIVED
    assert tip.beat_id == seeded.beat.id  # 平安旅馆 is on the first beat
    assert tip.contact_enc is None and code.replace("-", "") not in repr(tip)
    # Only the first beat's officer hears of it, and nothing names the tipster.
    rows = await queued(services)
    assert [r.chat_id for r in rows] == ["officer"]
    assert "新线索" in text(rows[0]) and DESCRIPTION not in opened(rows[0])
    for row in rows:
        assert SECRET_SENDER not in opened(row) and SECRET_NAME not in opened(row)

    officer = Chat(dispatcher, "officer")
    listing = await officer.say("/线索")
    assert f"#{tip.id}" in listing and tip.alias in listing and "📷1" in listing
    detail = await officer.send(f"/线索 #{tip.id}")
    shown = "\n".join(getattr(r, "text", "") for r in detail)
    assert DESCRIPTION in shown and tip.alias in shown and "（匿名）" in shown
    assert "平安旅馆对面那栋楼" in shown and "一号警务区" in shown
    assert SECRET_SENDER not in shown and SECRET_NAME not in shown
    # The photo officers see has no phone make, model or GPS.
    [picture] = [r for r in detail if isinstance(r, ImageReply)]
    assert picture.sha256 == photo.sha256  # stored bare when it came in
    data = media_store(settings).get(picture.sha256)
    assert data is not None and PHONE_MAKE.encode() not in data and PHONE_MODEL.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()


async def test_tip_stores_no_identity_where_officers_read(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = RichChat(dispatcher, SECRET_SENDER, sender_name=SECRET_NAME)
    await submit_tip(resident, "菜市场东门每天下午有人设赌局")
    async with services.sessions() as session:
        tip = (await session.exec(select(Tip))).one()
        source = (await session.exec(select(TipSource))).one()
    for value in tip.model_dump().values():
        assert SECRET_SENDER not in str(value) and SECRET_NAME not in str(value)
    # The link back exists only sealed, for relaying.
    assert SECRET_SENDER not in source.account_enc and source.tip_id == tip.id


async def test_tipster_may_leave_a_phone_which_officers_then_see(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    assert "请输入您的电话" in await resident.say("留下电话")
    summary = await resident.say("13912345678")
    assert "联系电话：13912345678" in summary
    receipt = await resident.say("确认")
    assert "您留下的电话" in receipt
    [tip] = await tips(services)
    assert tip.contact_enc and "13912345678" not in tip.contact_enc
    detail = await Chat(dispatcher, "officer").say(f"/线索 #{tip.id}")
    assert "电话：13912345678" in detail


async def test_a_phone_number_given_at_the_choice_is_taken_as_both(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    # Anonymity is never given up by a number beside a word that keeps it.
    assert "请选择「匿名提交」或「留下电话」" in await resident.say("匿名 13912345678")
    assert "请选择「匿名提交」或「留下电话」" in await resident.say("电话2139123456789")
    summary = await resident.say("不用了吧 算了 还是留个电话吧 139 1234 5678")
    assert "联系方式：留下电话" in summary and "联系电话：13912345678" in summary


async def test_the_choice_said_in_a_sentence_is_taken(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    # A scared tipster says why rather than pressing the button.
    assert "联系方式：匿名（不留电话" in await resident.say("匿名吧 我怕他们报复")
    await resident.say("修改 联系方式")
    assert "请输入您的电话" in await resident.say("不用匿名了 可以留个电话")


async def test_skipping_the_contact_question_keeps_the_tip_anonymous(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """The question says 默认匿名: 跳过 there had got 这一项必须填写，不能跳过。"""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    summary = await resident.say("跳过")
    assert "不能跳过" not in summary and "联系方式：匿名（不留电话" in summary
    assert "已收到" in await resident.say("确认")
    async with services.sessions() as session:
        [tip] = (await session.exec(select(Tip))).all()
    assert tip.contact_enc is None


async def test_a_worry_at_the_contact_choice_is_answered_and_the_choice_offered_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """留电话会不会被报复啊 had been taken as choosing to leave a phone (请输入您的电话)."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    reply = await resident.say("留电话会不会被报复啊")
    assert "只有处理线索的民警能看到" in reply and "严格保密" in reply
    assert "请输入您的电话" not in reply
    assert resident.buttons() == ["匿名提交", "留下电话"]  # the choice, offered again


@pytest.mark.parametrize("asked", ["为什么要选可疑人员", "是不是要选其他？"])
async def test_a_question_naming_a_category_chooses_nothing(
    dispatcher: Dispatcher, seeded: Seeded, asked: str
) -> None:
    """为什么要选可疑人员 at the category had been kept as 可疑人员, the photos asked next:
    a question is no choice; the categories are offered again."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒")
    reply = await resident.say(asked)
    assert "如有照片" not in reply and "已记下" not in reply, reply
    assert "可疑人员" in resident.buttons()
    assert "如有照片" in await resident.say("其他")


async def test_a_worry_at_the_phone_is_answered_and_the_phone_asked_again(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """留了电话会不会泄露给对方？ and 你们会打电话给我吗, typed where the phone is asked, had got
    手机号只能包含数字."""
    resident = Chat(law_dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    await resident.say("留下电话")
    for worry in ("留了电话会不会泄露给对方？", "你们会打电话给我吗"):
        reply = await resident.say(worry)
        assert "只有处理线索的民警能看到" in reply and "不会告诉被举报的人" in reply
        assert "手机号只能包含数字" not in reply and "/咨询" not in reply
        assert reply.endswith("请输入您的电话（只有处理线索的民警能看到）；不想留了回复「匿名」：")
    # A legal question is answered aside (it had been pointed to 「/咨询」), the phone
    # asked again.
    asked = await resident.say("骗子会被抓吗")
    assert "/咨询" not in asked and "《" in asked and "没有理解" not in asked, asked
    assert asked.endswith("请输入您的电话（只有处理线索的民警能看到）；不想留了回复「匿名」：")
    summary = await resident.say("13912345678")
    assert "情况描述：有人冒充客服打电话让老人转账" in summary  # the tip kept
    assert "联系电话：13912345678" in summary


async def test_anonymity_chosen_back_at_the_phone_keeps_the_tip_anonymous(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """匿名 at the phone had got 手机号只能包含数字, and 还是匿名吧 the same."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗", "跳过", "跳过", "跳过")
    assert "不想留了回复「匿名」" in await resident.say("留下电话")
    summary = await resident.say("还是匿名吧")
    assert "联系方式：匿名（不留电话" in summary and "联系电话" not in summary
    # 匿名 alone too (what is typed after 算了 还是匿名吧 got 要放弃本次举报吗？).
    await resident.say_all("修改 联系方式", "留下电话")
    assert "联系方式：匿名（不留电话" in await resident.say("匿名")
    assert "看不到您的账号和姓名" in await resident.say("确认")
    [tip] = await tips(services)
    assert tip.contact_enc is None


async def test_shared_location_goes_to_the_nearest_venues_beat(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await add_second_beat_officer(services, seeded)
    async with services.sessions() as session:
        venue = await session.get(Venue, seeded.rental.id)
        assert venue is not None and seeded.other_beat.id is not None
        venue.beat_id, venue.latitude, venue.longitude = seeded.other_beat.id, 31.23, 121.47
        session.add(venue)
        await session.commit()
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "楼下烧烤店每天凌晨两点还在放音乐", "噪音扰民", "跳过")
    # 每天凌晨两点 says how often, not when: the time is asked.
    assert "大概是什么时候" in await resident.place(Location(31.2305, 121.4702, "和平里"))
    summary = await resident.say_all("跳过", "匿名提交")
    assert "地点：已发送定位（和平里）" in summary and "时间：（无）" in summary
    await resident.say("确认")
    [tip] = await tips(services)
    assert tip.beat_id == seeded.other_beat.id and tip.venue_id == seeded.rental.id
    assert [r.chat_id for r in await queued(services)] == ["officer-2"]
    detail = await Chat(dispatcher, "officer-2").say(f"/线索 #{tip.id}")
    assert "定位 31.23050, 121.47020" in detail and "距和平里5号约" in detail


async def test_plate_number_routes_and_no_place_goes_to_the_whole_station(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await add_second_beat_officer(services, seeded)
    resident = Chat(dispatcher, "resident-1")
    await submit_tip(resident, "200001 这户出租屋住了十几个人", place="门牌200001")
    assert [r.chat_id for r in await queued(services)] == ["officer"]
    await submit_tip(resident, "公园里有人兜售来路不明的手机")
    to_second = await texts_to(services, "officer-2")
    assert len(to_second) == 1 and "未能定位到警务区" in to_second[0]
    assert len(await texts_to(services, "officer")) == 2


async def test_description_given_with_the_keyword_is_not_asked_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    assert "请选择举报类别" in await resident.say("举报 楼道里堆满了纸箱，还有人在抽烟")
    assert "如有照片" in await resident.say("消防隐患")
    # ...but it can still be changed.
    summary = await resident.say_all("跳过", "跳过", "跳过", "匿名提交")
    assert "情况描述：楼道里堆满了纸箱" in summary
    assert "请描述您看到的情况" in await resident.say("修改 情况描述")


async def test_photos_are_collected_until_done_and_a_text_step_keeps_a_photo(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A photo sent while the description was asked got 这一步请用文字回答 and was lost."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say("举报")
    reply = await resident.photo(stored_photo(settings))
    assert reply.startswith(
        "照片已收到，先保留着，到发照片那一步不用再发这张了。这一步还要用文字回答："
    )
    assert reply.endswith("请描述您看到的情况：什么人、在做什么、有什么特征，越具体越好：")
    await resident.say("一个戴黑帽子的男子在挨家挨户拧门把手")
    # The photo step says the photo is in, and offers 完成: it had asked 如有照片可以直接
    # 发送 with only 跳过 below, as if none had come.
    asked = await resident.say("可疑人员")
    assert asked.endswith("已收到 1 张照片，还有可以继续发，发完回复「完成」。")
    assert "如有照片可以直接发送" not in asked and resident.buttons() == ["完成"]
    assert "已收到2张照片" in await resident.photo(stored_photo(settings, "blue"))
    assert "请直接发送照片" in await resident.say("这是他的照片")
    assert "事情发生在哪里" in await resident.say("完成")
    # After the photo question, one more sent at the place joins the others.
    late = await resident.photo(stored_photo(settings, "green"))
    assert "照片已收到，已和前面的照片放在一起" in late and "事情发生在哪里" in late
    assert "照片：3张" in await resident.say_all("跳过", "跳过", "匿名提交")
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert len(json.loads(tip.photos)) == 3


async def test_a_category_in_everyday_words_is_understood(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "楼下棋牌室每晚有人打牌下注")
    # The photo, the building and the time (每晚 says how often, not when) are skipped.
    assert "类别：涉赌" in await resident.say_all("赌博", "跳过", "跳过", "跳过", "匿名提交")


async def test_a_description_that_tells_the_category_is_not_asked_it(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """楼下棋牌室有人赌钱 at the description was still asked 请选择举报类别."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("举报")
    assert "如有照片" in await resident.say("楼下棋牌室天天有人赌钱，很晚才散")
    summary = await resident.say_all("跳过", "跳过", "跳过", "匿名提交")  # 天天: no time
    assert "类别：涉赌" in summary
    # It can be changed there.
    assert "请选择举报类别" in await resident.say("修改 类别")
    assert "类别：其他" in await resident.say("其他")


async def test_a_category_skipped_is_other(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """有人在小区门口卖假烟 fits no category: 跳过 there got 这一项必须填写."""
    resident = Chat(dispatcher, "resident-1")
    assert "请选择举报类别" in await resident.say_all("举报", "有人在小区门口卖假烟")
    assert "如有照片" in await resident.say("跳过")
    summary = await resident.say_all("跳过", "跳过", "跳过", "匿名提交")
    assert "类别：其他" in summary, summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert tip.category is TipCategory.OTHER
    listed = await Chat(dispatcher, "officer").say("/线索")
    assert "其他" in listed and "卖假烟" in listed, listed


async def test_a_place_and_time_skipped_read_as_in_a_report(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """时间：（未填） had stood beside 照片：（无）, where a report's summary says （无）."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人聚在一起赌钱")
    summary = await resident.say_all("跳过", "跳过", "跳过", "匿名提交")
    assert "地点：（无）" in summary and "时间：（无）" in summary, summary
    assert "未填" not in summary


async def test_a_category_said_with_a_hedge_is_understood(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """「好像在赌博」 at the category question got 「请从下面的类别中选一个」."""
    resident = Chat(dispatcher, "resident-1")
    assert "请选择举报类别" in await resident.say_all("举报", "楼下棋牌室每晚都有很多人")
    assert "如有照片" in await resident.say("好像在赌博")
    # The photo, the building and the time (每晚 says how often, not when).
    assert "类别：涉赌" in await resident.say_all("跳过", "跳过", "跳过", "匿名提交")


async def test_a_place_typed_at_the_photo_question_is_kept_for_the_place(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """菜市场门口 at the photo question was refused and lost; the 地点 question came next."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有人冒充客服打电话让老人转账", "诈骗")
    kept = await resident.say("菜市场门口")
    assert kept.startswith("已把这句记为「地点」") and "如有照片可以直接发送" in kept
    # Talk of the photo itself is still no place.
    assert "请直接发送照片" in await resident.say("照片在相册里")
    asked = await resident.say("没拍")
    assert "事情发生在哪里" not in asked  # the place is not asked again
    summary = await resident.say_all("跳过", "匿名提交")
    assert "地点：菜市场门口" in summary and "照片：（无）" in summary


async def test_a_yes_after_picking_the_description_to_change_keeps_it(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """修改, 情况描述, then 确认 at the summary got 还差这一项：情况描述."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say(f"举报 {DESCRIPTION}")
    await resident.say_all("涉毒", "跳过", "跳过", "跳过", "匿名提交")
    await resident.say_all("修改", "情况描述")
    back = await resident.say("确认")
    assert "还差这一项" not in back and f"情况描述：{DESCRIPTION}" in back
    assert "举报已收到" in await resident.say("确认")
    assert len(await tips(services)) == 1


async def test_the_intro_shows_a_change_with_a_question_of_the_tip(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The intro said 「修改 字段名」, which nobody can type as it stands."""
    resident = Chat(dispatcher, "resident-1")
    intro = await resident.say("举报")
    assert "「修改 地点」这样改已填的一项" in intro and "字段名" not in intro
    await resident.say_all(DESCRIPTION, "涉毒", "跳过", "和平路菜市场")
    assert "在哪里" in await resident.say("修改 地点")


async def test_a_tip_without_photos_says_how_one_taken_later_reaches_it(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """Skipping the photos, a tipster read nothing of a photo taken later. One sent on its
    own is not kept with the tip, only one answering the station's question."""
    receipt = await submit_tip(Chat(dispatcher, "resident-1"), "菜市场东门每天下午有人设赌局")
    assert "之后有照片请先保存好，民警在这里向您提问时直接发给我，会补充到这条举报" in receipt
    assert "不要惊动对方" in receipt


async def test_the_description_is_said_back_and_details_at_the_photos_join_it(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """我要举报 我们小区有人卖毒品 went straight to the photos, nothing said back, and the
    details typed next got 请直接发送照片 and were lost."""
    resident = Chat(dispatcher, "resident-1")
    started = await resident.say("我要举报 我们小区有人卖毒品")
    assert "已记下情况：我们小区有人卖毒品（类别：涉毒）" in started and "如有照片" in started
    added = await resident.say("就是3栋那个开白色宝马的，每天晚上十点左右在车库")
    assert "已补充到情况描述：就是3栋那个开白色宝马的" in added and "发完请回复「完成」" in added
    # Its 每天晚上十点左右 says how often, not when: kept in the description only.
    summary = await resident.say_all("完成", "跳过", "跳过", "匿名提交")
    assert "情况描述：我们小区有人卖毒品；就是3栋那个开白色宝马的，每天晚上十点" in summary
    assert "时间：（无）" in summary, summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert "白色宝马" in services.cipher.decrypt(tip.text_enc, "tip.text")


async def test_drugs_named_with_strangers_are_filed_as_drugs(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """卖那种药，晚上经常有陌生人进出 had been filed as 可疑人员 without asking, and 卖冰毒
    was not recognised as drugs at all (the category was asked)."""
    resident = Chat(dispatcher, "resident-1")
    started = await resident.say("举报 卖那种药，晚上经常有陌生人进出")
    assert "（类别：涉毒）" in started and "请选择举报类别" not in started
    await resident.say("取消")
    assert "（类别：涉毒）" in await resident.say("举报 楼下出租屋有人卖冰毒")


async def test_words_sent_with_a_photo_reach_the_tip(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A photo captioned 这是门口 (the web chat, Telegram) kept the photo and dropped the
    words: the officer never read them."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "楼下出租屋有人聚众赌博")
    reply = await resident.photo(stored_photo(settings), "这是门口")
    assert "已收到1张照片" in reply and "已补充到情况描述：这是门口" in reply
    # A caption that only closes the photos adds nothing.
    assert "已补充到情况描述" not in await resident.photo(stored_photo(settings, "blue"), "完成")
    summary = await resident.say_all("完成", "跳过", "跳过", "匿名提交")
    assert "情况描述：楼下出租屋有人聚众赌博；这是门口" in summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert "这是门口" in services.cipher.decrypt(tip.text_enc, "tip.text")
    assert len(json.loads(tip.photos)) == 2


@pytest.mark.parametrize(
    ("story", "shown"),
    [
        ("楼下出租屋前天晚上有人聚众赌博", "时间：11月21日晚上（前天晚上）"),
        ("昨天下午有人在小区门口卖假烟", "时间：11月22日下午（昨天下午）"),
        ("刚才有个男的在撬3栋的电动车", "时间：今天 10:00"),
    ],
)
async def test_a_time_told_in_the_story_is_not_asked_again(
    dispatcher: Dispatcher, seeded: Seeded, story: str, shown: str
) -> None:
    """前天晚上, 昨天下午, 刚才 in the description, and still 「大概是什么时候？」 was asked.
    (每天晚上 says how often, not when: see `test_how_often_is_no_time_…`.)"""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", story, "其他", "跳过")
    asked = await resident.say("和平路菜市场")
    assert "大概是什么时候" not in asked and "默认匿名" in asked
    summary = await resident.say("匿名提交")
    assert shown in summary, summary
    # Still the tipster's to change.
    assert "大概是什么时候" in await resident.say("修改 时间")
    await resident.say("取消")
    # Told with 举报 itself, the same.
    await resident.say_all(f"举报 {story}", "其他", "跳过")
    assert "默认匿名" in await resident.say("和平路菜市场")


async def test_the_story_after_a_tip_started_from_an_offer_is_the_story(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """我要举报有人赌博, offered as 「举报 有人赌博」 and taken: the description was those few
    words, the photos were asked next, and the story typed there went to 地点 for its 楼
    and 车库. 我要举报小区门口: the place became the description, and the story typed at the
    category was lost."""
    resident = Chat(dispatcher, "resident-1")
    assert "您是想用「举报 有人赌博」" in await resident.say("我要举报有人赌博")
    await resident.say(resident.buttons()[0])
    story = "楼下有几个人每天晚上在3号楼车库里赌钱"
    added = await resident.say(story)
    assert f"已补充到情况描述：{story}" in added and "事情发生在哪里" not in added
    assert "事情发生在哪里" in await resident.say("跳过")
    # 每天晚上 in it says how often, not when: the time is asked.
    summary = await resident.say_all("跳过", "跳过", "匿名提交")
    assert f"情况描述：有人赌博；{story}" in summary and "地点：（无）" in summary, summary
    assert "时间：（无）" in summary, summary
    await resident.say("取消")

    assert "您是想用「举报 小区门口」" in await resident.say("我要举报小区门口")
    started = await resident.say(resident.buttons()[0])
    assert "已记下地点：小区门口" in started and "请描述您看到的情况" in started
    await resident.say(story)
    # 小区门口 of which estate: the police cannot tell.
    assert "哪个小区、哪栋楼" in await resident.say("跳过")
    summary = await resident.say_all("跳过", "跳过", "匿名提交")
    assert f"情况描述：{story}" in summary and "地点：小区门口" in summary, summary


async def test_a_place_typed_at_the_category_keeps_the_story_typed_there(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """A story typed at the category question gave its category and was dropped."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "小区门口那家小卖部")
    story = "老板每天晚上在后屋开台子赌钱"
    assert "如有照片" in await resident.say(story)
    summary = await resident.say_all("跳过", "跳过", "跳过", "匿名提交")
    assert f"情况描述：小区门口那家小卖部；{story}" in summary and "类别：涉赌" in summary


async def test_a_tip_told_early_in_the_morning_is_dated_by_the_station_clock(
    dispatcher: Dispatcher, seeded: Seeded, clock: FakeClock
) -> None:
    """At 07:30 in Beijing it is still yesterday in UTC: 昨天晚上 is the station's."""
    clock.now = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 07:30 on the 23rd in Shanghai
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报 昨天晚上有人在小区门口卖假烟", "其他", "跳过")
    summary = await resident.say_all("和平路菜市场", "匿名提交")
    assert "时间：11月22日晚上（昨天晚上）" in summary, summary


async def test_a_relative_day_is_stored_as_its_date_alone(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """时间：11月22日晚上（昨晚） was kept: the officer reading it days later read 昨晚."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say("举报 仓库里有人聚众赌博")
    await resident.say_all("涉赌", "跳过", "跳过")
    await resident.say("昨晚")
    summary = await resident.say("匿名提交")
    assert "11月22日晚上（昨晚）" in summary  # the resident checks what they typed
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert tip.happened_note == "11月22日晚上"


async def test_anonymity_said_first_a_category_asked_and_no_photo_in_words(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """举报 匿名的 … had kept 匿名的 in the description and asked about anonymity again;
    卖假烟算哪个啊 at the category got no answer; 没拍 不敢拍 at the photo was not 跳过."""
    resident = Chat(dispatcher, "resident-1")
    reply = await resident.say("举报 匿名的 我们楼下有人卖假烟 天天开车来进货")
    assert "已记下情况：我们楼下有人卖假烟 天天开车来进货" in reply and "匿名的" not in reply
    reply = await resident.say("卖假烟算哪个啊")
    assert "「卖假烟」不属于前面几类，选「其他」就可以" in reply
    assert resident.buttons() == [c.label for c in TipCategory]
    reply = await resident.say("其他")
    reply = await resident.say("没拍 不敢拍")
    assert "没有用上" not in reply and "哪个小区、哪栋楼" in reply
    # 天天 says how often, not when: the time is asked.
    assert "大概是什么时候" in await resident.say("幸福里小区3号楼")
    summary = await resident.say("跳过")
    assert "情况描述：我们楼下有人卖假烟 天天开车来进货" in summary
    assert "照片：（无）" in summary and "联系方式：匿名（不留电话" in summary


async def test_how_often_is_no_time_and_pyramid_selling_is_a_category(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """楼下那家公司天天开会 好像是传销 had been kept as 时间：天天 and filed under 其他: 天天
    says how often, not when (it stays in the description), and 传销 is a category."""
    resident = Chat(dispatcher, "resident-1")
    started = await resident.say("举报 楼下那家公司天天开会 好像是传销")
    assert "已记下情况：楼下那家公司天天开会 好像是传销（类别：传销）" in started, started
    assert "大概是什么时候" in await resident.say_all("跳过", "幸福里小区3号楼")
    # 天天都开 at the time question is how often too: no time kept, and the description
    # already says it.
    summary = await resident.say_all("天天都开", "匿名提交")
    assert "时间：（无）" in summary and "天天" not in summary.split("时间：")[1], summary
    assert "情况描述：楼下那家公司天天开会 好像是传销\n" in summary, summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert tip.category is TipCategory.PYRAMID and tip.happened_note == ""
    assert tip.happened_at is None
    listed = await Chat(dispatcher, "officer").say("/线索")
    assert "传销" in listed, listed


async def test_a_frequency_at_the_time_question_joins_the_description(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """每天晚上十点 at the time question is how often: said in the description, not the time."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "有几个人在车库聚众赌博", "跳过", "跳过")
    summary = await resident.say_all("每天晚上十点以后", "匿名提交")
    assert "情况描述：有几个人在车库聚众赌博；每天晚上十点以后" in summary, summary
    assert "时间：（无）" in summary, summary
    await resident.say("确认")
    [tip] = await tips(services)
    assert tip.happened_at is None and tip.happened_note == ""
    assert "每天晚上" in services.cipher.decrypt(tip.text_enc, "tip.text")


@pytest.mark.parametrize("told", ["有人拉人头 交入门费才能加入", "天天给老人上洗脑课 发展下线"])
def test_pyramid_selling_told_in_its_usual_words(told: str) -> None:
    assert TipCategory.told_in(told) is TipCategory.PYRAMID
    assert TipCategory.parse("传销") is TipCategory.PYRAMID


STORY = "有人在卖假烟，好几次了"


@pytest.mark.parametrize("said", ["戴眼镜", "男的，很高", "他们有时候拍视频", "开一辆黑色面包车"])
async def test_details_typed_at_the_photos_join_the_description(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, said: str
) -> None:
    """戴眼镜 (too short), 他们有时候拍视频 (a word of photos in it) typed at the photo
    question got 请直接发送照片 and were lost: only a place went anywhere."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", STORY, "跳过")
    added = await resident.say(said)
    assert f"已补充到情况描述：{said}" in added and "请直接发送照片" in added, added
    summary = await resident.say_all("完成", "跳过", "跳过", "匿名提交")
    assert f"情况描述：{STORY}；{said}" in summary, summary
    assert "举报已收到" in await resident.say("确认")
    [tip] = await tips(services)
    assert said in services.cipher.decrypt(tip.text_enc, "tip.text")


@pytest.mark.parametrize("said", ["好的", "稍等", "等一下", "照片在相册里"])
async def test_words_about_the_photo_step_add_nothing_to_the_description(
    dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", STORY, "跳过")
    reply = await resident.say(said)
    assert "已补充到情况描述" not in reply and "请直接发送" in reply, reply


@pytest.mark.parametrize(
    ("said", "added"),
    [
        ("没有照片，但是那个人大概四十岁", "那个人大概四十岁"),
        ("没拍到，他开一辆白色宝马车", "他开一辆白色宝马车"),
    ],
)
async def test_details_said_with_no_photo_join_the_description(
    dispatcher: Dispatcher, seeded: Seeded, said: str, added: str
) -> None:
    """没有照片，但是那个人大概四十岁 took 照片（无） and said the rest 没有用上: lost."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", STORY, "跳过")
    reply = await resident.say(said)
    assert f"已补充到情况描述：{added}" in reply and "没有用上" not in reply, reply
    assert "事情发生在哪里" in reply, reply
    summary = await resident.say_all("跳过", "跳过", "匿名提交")
    assert f"情况描述：{STORY}；{added}" in summary and "照片：（无）" in summary, summary


async def test_a_place_said_with_no_photo_is_the_place(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """没拍，在菜市场门口: no photo, and the place, not asked again."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", STORY, "跳过")
    reply = await resident.say("没拍，在菜市场门口")
    assert "已记下地点：" in reply and "菜市场门口" in reply and "没有用上" not in reply, reply
    assert "事情发生在哪里" not in reply and "大概是什么时候" in reply, reply
