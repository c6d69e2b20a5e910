"""A resident's 订阅 form: the area is checked as typed, and a subscriber is told so."""

from __future__ import annotations

from bot.messages import Location
from tests.handlers.broadcast.conftest import HOTEL_AT, Area
from tests.support.chat import Chat, text_of


async def test_an_unknown_area_is_said_at_once_with_the_beats(
    resident_chat: Chat, area: Area
) -> None:
    await resident_chat.say("/订阅")
    refused = await resident_chat.say("我住幸福小区")
    assert "没有找到「我住幸福小区」这个片区" in refused and "一号警务区" in refused
    assert "已订阅「一号警务区」" in await resident_chat.say("一号")


async def test_a_subscriber_is_told_and_can_unsubscribe_in_their_words(
    resident_chat: Chat, area: Area
) -> None:
    await resident_chat.say("/订阅 一号警务区")
    again = await resident_chat.say("/订阅")
    assert "您已订阅「一号警务区」" in again and resident_chat.buttons() == [
        "/订阅 换片区",
        "/退订",
    ]
    assert "请发送您的位置" in await resident_chat.say("换片区")
    assert "订阅没有变动" in await resident_chat.say("取消")
    assert "已退订" in await resident_chat.say("取消订阅")


async def test_a_confirmation_after_subscribing_at_once_says_it_is_done(
    resident_chat: Chat, area: Area
) -> None:
    """订阅 一号警务区 subscribes with no summary to confirm: a 确认 after it had got 没有理解."""
    assert "已订阅「一号警务区」" in await resident_chat.say("订阅 一号警务区")
    said = await resident_chat.say("确认")
    assert "已经为您订阅了「一号警务区」" in said and "不用再确认" in said, said
    assert "/退订" in said and "没有理解" not in said


async def test_checking_a_subscription_opens_no_form(resident_chat: Chat, area: Area) -> None:
    """订阅 when subscribed had opened the area form, and the next feature named (举报)
    was refused for it, "已填的内容会保留", though nothing was filled."""
    await resident_chat.say("/订阅 一号警务区")
    shown = await resident_chat.say("订阅")
    assert "您已订阅「一号警务区」" in shown and "请发送您的位置" not in shown
    tip = await resident_chat.say("举报")
    assert "请描述您看到的情况" in tip and "另一项功能" not in tip


async def test_the_area_subscribes_with_no_summary_to_confirm(
    resident_chat: Chat, area: Area
) -> None:
    """The one answer, 一号, had been followed by 请核对…片区：一号警务区 and 确认提交: the
    same thing asked twice. It subscribes, and a 确认 after it is told it is done."""
    await resident_chat.say("订阅")
    done = await resident_chat.say("一号")
    assert "已订阅「一号警务区」" in done and "请核对" not in done
    assert "确认提交" not in resident_chat.buttons()
    assert "不用再确认" in await resident_chat.say("确认")
    assert "您已订阅「一号警务区」" in await resident_chat.say("订阅")


async def test_a_resident_may_name_where_they_live_instead_of_the_beat(
    resident_chat: Chat, area: Area
) -> None:
    """我住和平里 found no area: residents know their street, not the beat's name."""
    await resident_chat.say("/订阅")
    assert "已订阅「一号警务区」" in await resident_chat.say("我住和平里")


async def test_a_resident_may_name_their_xiaoqu(resident_chat: Chat, area: Area) -> None:
    """幸福里小区 had found no area though 幸福里 3 号 was a venue's address: the 小区 a
    resident adds is not in the address."""
    await resident_chat.say("/订阅")
    assert "已订阅「一号警务区」" in await resident_chat.say("和平里小区")
    assert "已订阅「一号警务区」" in await resident_chat.say("/订阅 和平里社区")


async def test_a_place_is_read_out_of_a_sentence(resident_chat: Chat, area: Area) -> None:
    """我住幸福里小区 不知道哪个警务区 had got 没有找到这个片区, while 幸福里 alone worked."""
    for said in ("我住和平里小区 不知道哪个警务区", "不清楚是哪个警务区，我家在和平里"):
        await resident_chat.say_all("/退订", "/订阅")
        assert "已订阅「一号警务区」" in await resident_chat.say(said), said


async def test_subscribing_to_another_area_says_the_old_one_is_dropped(
    resident_chat: Chat, area: Area
) -> None:
    """/订阅 城西 while subscribed to 城东 had replaced it without a word."""
    await resident_chat.say("/订阅 一号警务区")
    other = area.seeded.other_beat.name
    changed = await resident_chat.say(f"/订阅 {other}")
    assert f"已订阅「{other}」" in changed and "原订阅的「一号警务区」已改为此片区" in changed
    assert "原订阅" not in await resident_chat.say(f"/订阅 {other}")  # the same: nothing dropped


async def test_unsubscribing_in_the_subscribe_form_ends_it(resident_chat: Chat, area: Area) -> None:
    """取消订阅 at the 订阅 form's question had been called "a feature: send /退订", and at
    its summary "reply 确认", leaving the form waiting for an area."""
    await resident_chat.say("/订阅")
    stopped = await resident_chat.say("取消订阅")
    assert "没有为您订阅" in stopped and "功能" not in stopped
    assert "请核对" not in await resident_chat.say("一号警务区")  # no form takes it as the area
    await resident_chat.say("/订阅")
    assert "已订阅" in await resident_chat.say("一号")
    assert "已退订" in await resident_chat.say("不订阅了")


async def test_a_subscriber_changing_area_may_unsubscribe_instead(
    resident_chat: Chat, area: Area
) -> None:
    await resident_chat.say("/订阅 一号警务区")
    await resident_chat.say("/订阅")
    assert "已退订" in await resident_chat.say("退订")
    assert "您没有订阅" in await resident_chat.say("/退订")


async def test_a_location_is_checked_as_sent_and_the_review_names_its_beat(
    resident_chat: Chat, area: Area
) -> None:
    """A point far outside the station was refused only after 确认, and the review said
    片区：所发位置附近 (or 幸福里) rather than the beat it found."""
    await resident_chat.say("/订阅")
    far = await resident_chat.send("", location=Location(39.9, 116.4))
    refused = "\n".join(text_of(r) for r in far)
    assert "这个位置附近没有本所辖区的场所" in refused and "已订阅" not in refused
    near = await resident_chat.send("", location=Location(HOTEL_AT[0], HOTEL_AT[1]))
    assert "已订阅「一号警务区」" in "\n".join(text_of(r) for r in near)
    await resident_chat.say_all("/订阅", "换片区")
    assert "已订阅「一号警务区」" in await resident_chat.say("我住和平里")


async def test_the_receipt_names_a_beat_typed_in_part_once(resident_chat: Chat) -> None:
    """一号 for 一号警务区 had been reviewed as 片区：一号警务区（一号）."""
    await resident_chat.say("/订阅")
    done = await resident_chat.say("一号")
    assert "已订阅「一号警务区」" in done and "（一号）" not in done


async def test_a_subscriber_may_type_the_new_area_under_the_status(
    resident_chat: Chat, area: Area
) -> None:
    """城西 typed under 您已订阅「一号警务区」…[换片区] [退订] got 请点选上面的选项; before
    the buttons it was the new area, as it is after 换片区."""
    other = area.seeded.other_beat.name
    await resident_chat.say_all("/订阅 一号警务区", "订阅")
    changed = await resident_chat.say(other)
    assert (
        "请点选" not in changed
        and f"已订阅「{other}」" in changed
        and "原订阅的「一号警务区」" in changed
    )


async def test_a_subscriber_may_send_a_location_under_the_status(
    resident_chat: Chat, area: Area
) -> None:
    await resident_chat.say_all(f"/订阅 {area.seeded.other_beat.name}", "订阅")
    sent = await resident_chat.send("", location=Location(HOTEL_AT[0], HOTEL_AT[1]))
    assert "已订阅「一号警务区」" in "\n".join(text_of(r) for r in sent)


async def test_subscribing_again_at_an_empty_form_asks_afresh(
    resident_chat: Chat, area: Area
) -> None:
    """/订阅 twice had said 您有一份未完成的警情提示订阅, with nothing filled in it."""
    first = await resident_chat.say("/订阅")
    again = await resident_chat.say("/订阅")
    assert again == first and "未完成" not in again
    assert "已订阅「一号警务区」" in await resident_chat.say("一号")


async def test_a_question_at_the_area_is_answered_and_the_area_asked_again(
    resident_chat: Chat, area: Area
) -> None:
    """派出所几点下班 at the 订阅 form's area had been looked up as a place (没有找到「派出
    所几点下班」这个片区): it is answered as with no form open, and the area asked again."""
    await resident_chat.say("/订阅")
    asked = await resident_chat.say("派出所几点下班")
    assert "办公时间" in asked and "没有找到" not in asked
    assert asked.endswith(
        "您的警情提示订阅还没填完，不要了回复「取消」。请发送您的位置（推荐），或输入所在警务区名称："
    )
    assert "已订阅「一号警务区」" in await resident_chat.say("一号")


async def test_a_place_said_as_a_question_is_still_the_area(
    resident_chat: Chat, area: Area
) -> None:
    """The area typed with a question after it (一号？, 和平里是哪个片区) is the area."""
    for said in ("一号？", "我住和平里，是哪个片区？"):
        await resident_chat.say_all("/退订", "/订阅")
        assert "已订阅「一号警务区」" in await resident_chat.say(said), said


async def test_another_feature_with_its_words_at_the_area_is_used(
    resident_chat: Chat, area: Area
) -> None:
    """举报 楼下有人赌博 at the area had been looked up as a place, the tip lost."""
    await resident_chat.say("/订阅")
    tip = await resident_chat.say("举报 楼下有人赌博")
    assert "没有找到" not in tip and "开始举报" in tip and "楼下有人赌博" in tip
