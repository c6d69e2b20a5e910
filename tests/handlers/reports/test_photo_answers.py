"""A photo sent after an officer's question (a report's 追问, a tip's 回复) is the answer:
it is kept with the case and reaches the officer. It had been answered 「已收到图片。如需
举报或报案，请先发送「举报」」 and dropped."""

from __future__ import annotations

from bot import codec
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Image
from handlers.services.photos import load
from storage.models import Report, Tip
from tests.handlers.reports.support import file_report, receipt_in
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import stored_photo
from tests.support.outbox import opened, queued, texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded


async def _pictures_to(services: Services, chat_id: str) -> list[Image]:
    rows = await queued(services, chat_id)
    return [r for row in rows for r in codec.loads(opened(row)) if isinstance(r, Image)]


async def test_a_photo_after_a_reports_question_reaches_the_officer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    reporter = RichChat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter))
    # Nobody asked yet: offered to the report, which takes nothing without the tap.
    assert "要补充到您最近的报案" in await reporter.photo(stored_photo(settings))
    await officer.say(f"/追问 {number} 能拍一下车锁被剪的地方吗")
    sent = await reporter.photo(stored_photo(settings, "blue"))
    assert f"已把照片（1 张）补充到报案 {number}" in sent
    [picture] = await _pictures_to(services, "officer")
    assert number in picture.caption
    async with services.sessions() as session:
        report = await session.get(Report, 1)
    assert report is not None and load(report.photos)[-1] == picture.sha256
    shown = await officer.send(f"/报案 {number}")
    assert picture.sha256 in [r.sha256 for r in shown if isinstance(r, Image)]
    # The rest of an album follows the first photo (channels send one a message).
    assert "已把照片（1 张）补充" in await reporter.photo(stored_photo(settings, "green"))
    assert len(await _pictures_to(services, "officer")) == 2


async def test_a_photo_after_the_stations_message_reaches_the_tip_officers(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    tipster = RichChat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    await officer.say("/回复 1 能拍到他们的车牌吗")
    sent = await tipster.photo(stored_photo(settings))
    assert "已把照片（1 张）补充到举报" in sent and code in sent
    assert len(await _pictures_to(services, "officer")) == 1
    async with services.sessions() as session:
        tip = await session.get(Tip, 1)
    assert tip is not None and len(load(tip.photos)) == 1


async def test_a_photo_nobody_asked_for_is_offered_to_the_open_tip(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A photo sent with a tip open and no question waiting had got 如需举报或报案，请先发送
    「举报」 and was dropped."""
    tipster = RichChat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    offered = await tipster.photo(stored_photo(settings))
    assert "已收到图片（1 张）" in offered and code in offered and "请先发送「举报」" not in offered
    # The rest of the album joins the same offer.
    assert "已收到图片（2 张）" in await tipster.photo(stored_photo(settings, "blue"))
    assert await _pictures_to(services, "officer") == []  # nothing before the tap
    [button] = tipster.buttons()
    assert "已把照片（2 张）补充到举报" in await tipster.say(button)
    assert len(await _pictures_to(services, "officer")) == 2
    async with services.sessions() as session:
        tip = await session.get(Tip, 1)
    assert tip is not None and len(load(tip.photos)) == 2
    # Pressed again, nothing is added twice.
    assert "没有待补充的照片" in await tipster.say(button)


async def test_a_photo_from_someone_with_nothing_open_is_not_offered(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    stranger = RichChat(dispatcher, "resident-2")
    assert "请先发送「举报」" in await stranger.photo(stored_photo(settings))


async def test_words_after_a_photo_answer_still_answer_the_officer(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """请把截图发过来，对方账号是多少？: the screenshot came first, and the account number
    after it had got 没有理解 (the newest message was the reporter's own photo)."""
    reporter = RichChat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    number = receipt_in(await file_report(reporter, "电信网络诈骗"))
    await officer.say(f"/追问 {number} 请把支付宝转账记录截图发过来，对方支付宝账号是多少？")
    assert f"补充到报案 {number}" in await reporter.photo(stored_photo(settings))
    offer = await reporter.say("对方账号是 liu8888@163.com")
    assert f"关于您的报案 {number}，民警向您提了问题" in offer
    assert [f"回复 {number} 对方账号是 liu8888@163.com"] == [
        b for b in reporter.buttons() if b.startswith("回复")
    ]


async def test_a_photo_with_words_is_offered_with_its_words(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """[photo] 就是这辆面包车 had got 没有理解; the same photo without words, the offer."""
    tipster = RichChat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    offered = await tipster.photo(stored_photo(settings), "就是这辆面包车")
    assert "已收到图片（1 张）及说明" in offered and code in offered
    assert "「就是这辆面包车」" in offered and "没有理解" not in offered
    [button] = tipster.buttons()
    assert "已把照片（1 张）补充到举报" in await tipster.say(button)
    assert [t for t in await texts_to(services, "officer") if "就是这辆面包车" in t]
    assert len(await _pictures_to(services, "officer")) == 1


async def test_a_photo_with_a_question_goes_to_the_report(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    reporter = RichChat(dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    offered = await reporter.photo(stored_photo(settings), "是这辆车吗？")
    assert f"报案 {number}" in offered and "「是这辆车吗？」" in offered


async def test_a_photo_asking_of_another_matter_is_answered_not_offered_to_the_tip(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A screenshot captioned 这个短信是不是诈骗 had been offered to the sender's open tip
    (要补充到您最近的举报…转给民警吗？): the question is answered, the photo held."""
    tipster = RichChat(dispatcher, "resident-1")
    code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    answered = await tipster.photo(stored_photo(settings), "这个短信是不是诈骗")
    assert "要补充到您最近的" not in answered and "补充到这条举报" not in answered
    assert answered.startswith("⚠️ 这很可能是诈骗") and "先替您保存着" in answered


async def test_a_photo_asking_of_the_tips_own_matter_is_offered_to_it(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    tipster = RichChat(dispatcher, "resident-1")
    code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    offered = await tipster.photo(stored_photo(settings), "这是不是在赌博？")
    assert "要补充到您最近的举报" in offered


async def test_a_photo_after_a_tip_offer_is_not_offered_to_the_old_report_alone(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """楼下有人天天晚上聚众赌博 (offered 举报), then a photo: it had been offered to the
    resident's old theft report only (要补充到您最近的报案 B…（盗窃）)."""
    resident = RichChat(dispatcher, "resident-1")
    number = receipt_in(await file_report(resident, "盗窃"))
    assert "是否要向民警举报" in await resident.say("楼下有人天天晚上聚众赌博")
    offered = await resident.photo(stored_photo(settings))
    assert "是您刚才说的事的照片吗" in offered and "照片会一并带上" in offered
    assert "/举报" in resident.buttons() and "补充照片" in resident.buttons()
    # The tip takes what was said, and the photo; nothing reached the report meanwhile.
    started = await resident.say("/举报")
    assert "聚众赌博" in started and "已带上您刚才发的照片（1 张）" in started
    async with services.sessions() as session:
        report = await session.get(Report, 1)
    assert report is not None and report.receipt_no == number and not load(report.photos)


async def test_a_photo_after_the_tip_offer_goes_with_the_tip(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """对面楼有人聚众赌博 → 是否要向民警举报？ → two photos → 是，我要举报: the photos had
    got 已收到图片，但没有保存 and were lost."""
    resident = RichChat(dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("对面楼有人聚众赌博")
    assert "没有保存" not in await resident.photo(stored_photo(settings))
    held = await resident.photo(stored_photo(settings, "blue"))
    assert "已收到图片（2 张）" in held and "照片会一并带上" in held
    started = await resident.say("/举报")
    assert "已带上您刚才发的照片（2 张）" in started
    # The photo question is not asked: the next one is the place.
    assert "照片" not in started.split("已带上您刚才发的照片（2 张）。")[-1]
    summary = await resident.say_all("跳过", "跳过", "匿名提交")
    assert "照片：2张" in summary
    code_in(await resident.say("确认"))
    async with services.sessions() as session:
        tip = await session.get(Tip, 1)
    assert tip is not None and len(load(tip.photos)) == 2
    # Taken once: the next tip starts without them.
    assert "已带上" not in await resident.say("/举报 楼下小卖部有人卖假烟")


async def test_a_tip_refused_for_the_hours_limit_keeps_what_was_held(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, clock: FakeClock
) -> None:
    """Five tips in the hour, then the offer and a photo: 举报 is refused, and had taken
    the photo and the offered words with it, so that the 举报 allowed later had neither."""
    resident = RichChat(dispatcher, "resident-1")
    for night in range(5):
        code_in(await submit_tip(resident, f"第{night + 1}次：楼下棋牌室有人赌博"))
    clock.advance(minutes=45)
    assert "是否要向民警举报" in await resident.say("对面楼有人聚众赌博")
    assert "照片会一并带上" in await resident.photo(stored_photo(settings))
    assert "比较多" in await resident.say("/举报")
    clock.advance(minutes=20)  # the first tips are now more than an hour old
    started = await resident.say("/举报")
    assert "已带上您刚才发的照片（1 张）" in started and "对面楼有人聚众赌博" in started


async def test_a_photo_after_the_situation_offer_goes_with_the_report_picked(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """举报 or 报案 offered, a photo, then 自助报案: the report takes the photo; a kind
    that takes none says it was not kept."""
    resident = RichChat(dispatcher, "resident-1")
    told = "有人把我车划了"
    assert "自助报案" in await resident.say(told)
    held = await resident.photo(stored_photo(settings))
    assert "请点「匿名举报」或「自助报案」" in held and "证件遗失的报案不收照片" in held
    # The kind read from the story (轻微财物损坏), which takes photos.
    assert "已带上您刚才发的照片（1 张）" in await resident.say("/报案")
    await resident.say("取消")
    assert "自助报案" in await resident.say(told)
    await resident.photo(stored_photo(settings, "blue"))
    started = await resident.say("/报案 证件/车牌遗失")
    assert "您刚才发的照片（1 张）没有保存：证件/车牌遗失报案不需要照片" in started


async def test_a_photo_held_for_a_declined_offer_is_dropped(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    resident = RichChat(dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("对面楼有人聚众赌博")
    await resident.photo(stored_photo(settings))
    await resident.say("不用举报")
    assert "已带上" not in await resident.say("/举报")


async def test_the_offered_words_sent_again_with_the_photo_are_told_once(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """对面楼有人聚众赌博 said, then sent again under its photo, had been told twice."""
    resident = RichChat(dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("对面楼有人聚众赌博")
    await resident.photo(stored_photo(settings), "对面楼有人聚众赌博")
    started = await resident.say("/举报")
    assert "已记下情况：对面楼有人聚众赌博" in started
    assert started.count("对面楼有人聚众赌博") == 1, started


async def test_words_sent_with_a_photo_after_the_tip_offer_start_the_description(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A caption sent with the photo (就是穿红衣服那个) had been dropped: the tip read only
    what was said before the offer."""
    resident = RichChat(dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("对面楼有人聚众赌博")
    held = await resident.photo(stored_photo(settings), "领头的是穿红衣服那个")
    assert "已收到图片（1 张）及说明" in held and "照片和说明会一并带上" in held
    started = await resident.say("/举报")
    assert "已记下情况：对面楼有人聚众赌博；领头的是穿红衣服那个" in started
    summary = await resident.say_all("跳过", "跳过", "匿名提交")
    assert "情况描述：对面楼有人聚众赌博；领头的是穿红衣服那个" in summary
    assert "照片：1张" in summary


async def test_words_sent_with_a_photo_after_the_report_offer_are_its_story(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    resident = RichChat(dispatcher, "resident-1")
    assert "自助报案" in await resident.say("有人把我车划了")
    await resident.photo(stored_photo(settings), "后视镜被掰断了")
    started = await resident.say("/报案")
    assert "已把您随照片发的文字记为「经过」：后视镜被掰断了" in started
    summary = await resident.say_all(
        "今天早上8点", "和平里5号门口", "汽车后视镜 约800元", "跳过", "跳过",
        "王小明", "身份证", GUEST_ID, "13812345678",
    )  # fmt: skip
    assert "经过：后视镜被掰断了" in summary


async def test_a_photo_after_the_law_desks_report_offer_is_held_for_it(
    law_dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """我的电动车被偷了 → its answer and 自助报案, then a photo: it had got 已收到图片，但没有
    保存 and was lost."""
    resident = RichChat(law_dispatcher, "resident-9")
    assert "如需报案" in await resident.say("我的电动车被偷了")
    held = await resident.photo(stored_photo(settings), "停在这个车棚里")
    assert "没有保存" not in held and "先替您保存着。请点「自助报案」" in held
    assert "/报案 电动车/自行车被盗" in resident.buttons()
    started = await resident.say("/报案 电动车/自行车被盗")
    assert "已带上您刚才发的照片（1 张）" in started


async def test_a_photo_after_the_law_desks_report_offer_is_not_the_old_reports_alone(
    law_dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A resident with an older 扒窃 report: the photo had been offered to that report only
    (要补充到您最近的报案 B…（扒窃），转给民警吗？)."""
    resident = RichChat(law_dispatcher, "resident-1")
    receipt_in(await file_report(resident, "扒窃"))
    assert "如需报案" in await resident.say("我的电动车被偷了")
    offered = await resident.photo(stored_photo(settings))
    assert "是您刚才说的事的照片吗" in offered and "请点「自助报案」" in offered
    assert resident.buttons()[0] == "/报案 电动车/自行车被盗"
    assert "已带上您刚才发的照片（1 张）" in await resident.say("/报案 电动车/自行车被盗")


async def test_no_thanks_typed_after_a_held_photo_declines_and_drops_it(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """有人在小区门口卖假药 → the offer → a photo → 不用了 typed (as WeChat users answer):
    it had got 好的。需要别的，直接告诉我 and a later 举报 still carried the photo."""
    resident = RichChat(dispatcher, "resident-1")
    assert "是否要向民警举报" in await resident.say("有人在小区门口卖假药")
    await resident.photo(stored_photo(settings))
    assert "不用举报" in resident.buttons()
    declined = await resident.say("不用了")
    assert declined.startswith("好的，刚才的照片没有保存。")
    assert "已带上" not in await resident.say("举报")


async def test_no_thanks_after_a_photo_held_for_the_report_offer_drops_it(
    law_dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    resident = RichChat(law_dispatcher, "resident-9")
    await resident.say("我的电动车被偷了")
    await resident.photo(stored_photo(settings))
    assert (await resident.say("不用了")).startswith("好的，刚才的照片没有保存。")
    assert "已带上" not in await resident.say("/报案 电动车/自行车被盗")


async def test_a_photo_after_the_tipsters_own_words_is_asked_about(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """回复 CODE 今晚又来了, then photos: each had gone to the officer unasked (「已把照片
    （1 张）补充到举报」), the tipster's own words taken for an officer's question."""
    tipster = RichChat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    await tipster.say(f"回复 {code} 今晚又来了，大概七八个人")
    offered = await tipster.photo(stored_photo(settings))
    assert "要补充到您最近的举报" in offered and "已把照片" not in offered
    assert "要补充到您最近的举报" in await tipster.photo(
        stored_photo(settings, "blue"), "这个人很可疑"
    )
    assert await _pictures_to(services, "officer") == []


async def test_an_album_answering_the_officer_ends_and_later_photos_are_asked_about(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings, clock: FakeClock
) -> None:
    """The album after an officer's question goes together; a photo seconds after each
    photo had still joined it, so the window never closed while the tipster kept sending."""
    tipster = RichChat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    await officer.say("/回复 1 能拍到他们的车牌吗")
    assert "已把照片（1 张）补充到举报" in await tipster.photo(stored_photo(settings))
    clock.advance(seconds=3)
    assert "已把照片（1 张）补充到举报" in await tipster.photo(stored_photo(settings, "blue"))
    clock.advance(seconds=3)
    # Words of its own: something new, not the rest of the album.
    captioned = await tipster.photo(stored_photo(settings, "green"), "这个人很可疑")
    assert "要补充到您最近的举报" in captioned
    clock.advance(seconds=16)  # within seconds of the last photo, not of the album's first
    assert "要补充到您最近的举报" in await tipster.photo(stored_photo(settings, "white"))
    assert len(await _pictures_to(services, "officer")) == 2


async def test_a_slow_album_answering_the_officer_goes_together_up_to_a_limit(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings, clock: FakeClock
) -> None:
    """WeChat pushes an album's photos as each is uploaded: on a slow network the later
    ones came more than 20 s after the first and were offered one by one as
    要补充到您最近的举报. Photos keep joining while they come seconds apart, not for ever."""
    tipster = RichChat(dispatcher, "resident-1")
    officer = Chat(dispatcher, "officer")
    code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    await officer.say("/回复 1 能拍到他们的车牌吗")
    colours = ["red", "blue", "green", "white", "black", "yellow", "purple", "orange", "gray"]
    assert "已把照片（1 张）补充到举报" in await tipster.photo(stored_photo(settings, colours[0]))
    for colour in colours[1:8]:  # one every 12 s: 84 s in all
        clock.advance(seconds=12)
        assert "已把照片（1 张）补充到举报" in await tipster.photo(stored_photo(settings, colour))
    clock.advance(seconds=12)  # 96 s after the first: the album has gone on long enough
    assert "要补充到您最近的举报" in await tipster.photo(stored_photo(settings, colours[8]))
    assert len(await _pictures_to(services, "officer")) == 8


async def test_a_photo_the_tip_holds_already_is_not_added_again(
    dispatcher: Dispatcher, seeded: Seeded, services: Services, settings: Settings
) -> None:
    """A photo sent in the form, sent again and added with 补充到这条举报, had reached the
    officer twice."""
    tipster = RichChat(dispatcher, "resident-1")
    await tipster.say("举报 菜市场东门每天下午有人设赌局")
    await tipster.photo(stored_photo(settings))
    await tipster.say_all("涉赌", "完成", "跳过", "跳过", "匿名提交", "确认")
    sent_before = len(await _pictures_to(services, "officer"))
    assert "要补充到您最近的举报" in await tipster.photo(stored_photo(settings))
    added = await tipster.say("补充照片")
    assert "1 张照片已经在这条举报里了" in added and "已把照片" not in added
    assert len(await _pictures_to(services, "officer")) == sent_before
    # With a new photo beside it, the new one goes, and the other is said to be there.
    await tipster.photo(stored_photo(settings))
    await tipster.photo(stored_photo(settings, "blue"))
    added = await tipster.say("补充照片")
    assert "已把照片（1 张）补充到举报" in added and "另有1 张照片已经在这条举报里了" in added
    assert len(await _pictures_to(services, "officer")) == sent_before + 1


async def test_a_captioned_photo_from_someone_with_nothing_open_is_held_after_its_answer(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """[photo] 你好呀这是什么 had got 没有理解 alone: the photo was dropped unsaid, and its
    sender believed it had reached the police."""
    resident = RichChat(dispatcher, "resident-2")
    replied = await resident.photo(stored_photo(settings), "门口这个东西是什么")
    assert "没有理解" in replied
    assert "已收到图片（1 张）及说明，先替您保存着" in replied
    assert resident.buttons()[-3:] == ["/举报", "/报案", "不用保存照片"]
    started = await resident.say("/举报")
    assert "已带上您刚才发的照片（1 张）" in started
    assert "门口这个东西是什么" in started


async def test_a_captioned_photo_the_law_answers_is_held_too(
    law_dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """[photo] 楼道里堆满了电动车在充电: the law's answer, and the photo never mentioned."""
    resident = RichChat(law_dispatcher, "resident-9")
    replied = await resident.photo(stored_photo(settings), "楼道里堆满了电动车在充电")
    assert "依据" in replied and "先替您保存着" in replied
    assert "/举报" in resident.buttons()
    assert "已带上您刚才发的照片（1 张）" in await resident.say("/举报")


async def test_a_photo_whose_words_make_the_tip_offer_goes_with_the_tip(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """[photo] 对面楼有人聚众赌博 → 是否要向民警举报？ → 是，我要举报: the tip had started
    without the photo; the words are said once, not again as the photo's caption."""
    resident = RichChat(dispatcher, "resident-1")
    replied = await resident.photo(stored_photo(settings), "对面楼有人聚众赌博")
    assert "是否要向民警举报" in replied
    assert "已收到图片（1 张），先替您保存着：点上面的按钮举报" in replied
    started = await resident.say("/举报")
    assert "已带上您刚才发的照片（1 张）" in started
    assert "已记下情况：对面楼有人聚众赌博（" in started


async def test_a_photo_whose_words_make_the_report_offer_goes_with_the_report(
    law_dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    resident = RichChat(law_dispatcher, "resident-9")
    replied = await resident.photo(stored_photo(settings), "我的电动车被偷了")
    assert "如需报案" in replied and "点上面的按钮报案，照片会一并带上" in replied
    assert "已带上您刚才发的照片（1 张）" in await resident.say("/报案 电动车/自行车被盗")


async def test_a_held_captioned_photo_is_dropped_on_no_thanks(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    resident = RichChat(dispatcher, "resident-2")
    await resident.photo(stored_photo(settings), "门口这个东西是什么")
    assert (await resident.say("不用了")).startswith("好的，刚才的照片没有保存。")
    assert "已带上" not in await resident.say("/举报")


async def test_an_officers_captioned_photo_is_said_not_kept(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    officer = RichChat(dispatcher, "officer")
    replied = await officer.photo(stored_photo(settings), "这个东西怎么处理")
    assert "已收到图片，但没有保存" in replied


async def test_an_owners_captioned_photo_is_offered_the_self_inspection_first(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A hotel owner's photo sent with words of its own had been offered 举报 and 报案
    alone, as a resident's; a landlord, whose rented house has no self-inspection, still is."""
    owner = RichChat(dispatcher, "owner")
    replied = await owner.photo(stored_photo(settings), "门口这个东西是什么")
    assert "先替您保存着" in replied and "消防自查" in replied
    assert owner.buttons()[-4:] == ["/自查", "/举报", "/报案", "不用保存照片"]
    landlord = RichChat(dispatcher, "landlord")
    await landlord.photo(stored_photo(settings), "门口这个东西是什么")
    assert landlord.buttons()[-3:] == ["/举报", "/报案", "不用保存照片"]
    assert "/自查" not in landlord.buttons()
