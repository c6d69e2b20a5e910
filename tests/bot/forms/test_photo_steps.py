"""A form at a photo step, over the real self-inspection: a question of one's own asked
there, the photo taken, and an alert acknowledged in between."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.dispatch import Dispatcher
from tests.handlers.broadcast.conftest import compose
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

#: The inspection form's own request, at the photo of 安全出口.
EXIT_PHOTO = "请拍一张「安全出口」的照片发过来（暂时没法拍请回复「跳过」）："
WAITS_FOR_EXIT = (
    "您的消防安全自查还没填完，已填内容都保留着："
    "「安全出口」的照片拍好后直接发送；不拍了回复「跳过」；不填了回复「取消」。"
)


async def at_the_exit_photo(dispatcher: Dispatcher) -> RichChat:
    """The hotel owner's chat, their self-inspection waiting for the photo of 安全出口."""
    owner = RichChat(dispatcher, "owner")
    assert (await owner.say_all("/自查", "是")).endswith(EXIT_PHOTO)
    return owner


@pytest.mark.usefixtures("seeded")
async def test_a_question_at_a_photo_is_answered_and_the_photo_still_awaited(
    dispatcher: Dispatcher, settings: Settings
) -> None:
    """周末16岁的学生想来上网，家长陪着可以吗 at 安全出口照片 got only 「这一项需要拍一张
    「安全出口」的照片…」; without the digits, 「要咨询问题，请发送「/咨询 …」」: never the
    answer, as a question at a step with options gets."""
    owner = await at_the_exit_photo(dispatcher)
    for asked in ("周末16岁的学生想来上网，家长陪着可以吗", "消防通道堆了东西会被拘留吗"):
        reply = await owner.say(asked)
        assert "这一项需要拍" not in reply and "/咨询" not in reply, reply
        assert reply.endswith(WAITS_FOR_EXIT)
    # The photo sent next is the step's answer, with no 继续 first.
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))


@pytest.mark.usefixtures("seeded")
async def test_a_question_aside_at_an_empty_form_claims_nothing_kept(
    dispatcher: Dispatcher,
) -> None:
    """自查 opened, then a question asked at its first 是/否: the answer had ended 您的
    消防安全自查还没填完，已填内容都保留着, though nothing was filled."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("/自查")
    reply = await owner.say("消防通道堆了东西会被拘留吗")
    assert reply.endswith("您的消防安全自查还没填完：回复「继续」接着填写，不要了回复「取消」。")
    assert "已填" not in reply
    assert "【安全出口】" in await owner.say("继续")


@pytest.mark.usefixtures("seeded")
async def test_words_about_the_photo_are_still_the_steps_to_answer(
    dispatcher: Dispatcher, settings: Settings
) -> None:
    """A question about the photo itself, or saying there is none, is no question aside."""
    owner = await at_the_exit_photo(dispatcher)
    about = await owner.say("怎么拍才算合格？")
    assert "这一项需要拍一张「安全出口」的照片" in about and "还没填完" not in about
    assert "【灭火器】" in await owner.say("没带手机怎么办")


@pytest.mark.usefixtures("seeded")
async def test_a_photo_taken_as_the_answer_is_said_to_be_received(
    dispatcher: Dispatcher, settings: Settings
) -> None:
    """The next item had simply appeared, as if the photo had not been seen."""
    owner = await at_the_exit_photo(dispatcher)
    reply = await owner.photo(stored_photo(settings, "red"))
    assert reply.startswith("照片已收到。") and "【灭火器】" in reply
    # Words are no photo: nothing is said to be received.
    assert not (await owner.say("是")).startswith("照片已收到")


@pytest.mark.usefixtures("seeded")
async def test_a_photo_collected_as_a_draft_is_said_received_once(
    dispatcher: Dispatcher, settings: Settings
) -> None:
    """A photo kept for more to follow says so itself: no second word of it."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他")
    reply = await resident.photo(stored_photo(settings))
    assert "已收到1张照片" in reply and "照片已收到" not in reply


@pytest.mark.usefixtures("seeded")
async def test_an_alert_acknowledged_mid_form_says_the_photo_is_awaited(
    dispatcher: Dispatcher, officer_chat: Chat, settings: Settings
) -> None:
    """收到 mid-自查 acknowledged the alert, and the reply ended there: the owner had no
    word that the inspection still waited."""
    draft = await compose(
        officer_chat, "今晚降温 注意用火安全", "现在发送", "跳过", "消防", "一般", "旅馆", "确认"
    )
    number = draft.split("通报#")[1].split("（")[0]
    await officer_chat.say(f"/通报发送 {number}")
    owner = await at_the_exit_photo(dispatcher)
    reply = await owner.say("收到")
    assert f"已确认收到通报#{number}" in reply and reply.endswith(WAITS_FOR_EXIT)
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))


async def test_a_question_at_a_photo_in_a_form_without_a_skip_offers_none(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The line after the answer offers what the step takes: 跳过 where it is taken, and
    完成 once photos are being collected."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他")
    reply = await resident.say("消防通道堆了东西会被拘留吗")
    assert reply.endswith(
        "您的举报还没填完，已填内容都保留着：照片拍好后直接发送；不拍了回复「跳过」；"
        "不填了回复「取消」。"
    )
    await resident.photo(stored_photo(settings))
    reply = await resident.say("消防通道堆了东西会被拘留吗")
    assert reply.endswith("照片拍好后直接发送；发完回复「完成」；不填了回复「取消」。")


async def test_the_full_article_offered_under_an_answer_at_a_photo_is_shown(
    seeded: Seeded, law_dispatcher: Dispatcher, settings: Settings
) -> None:
    """全文 1, offered under a legal answer given at a photo, got the photo request."""
    owner = await at_the_exit_photo(law_dispatcher)
    answered = await owner.say("旅馆不登记旅客身份会受到什么处罚")
    assert "全文 1" in answered and answered.endswith(WAITS_FOR_EXIT)
    article = await owner.say("全文 1")
    assert "这一项需要拍" not in article and "第" in article, article
    assert article.endswith(WAITS_FOR_EXIT)
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
