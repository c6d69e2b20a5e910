"""Photo fields: photos as answers, collected over several messages, until 完成."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.config import Settings
from bot.dispatch import Dispatcher
from bot.forms import FormEnv, More
from bot.forms.photos import collect_photos
from bot.forms.progress import Progress
from bot.messages import Location, Photo
from bot.validators import Invalid
from tests.support.chat import text_of
from tests.support.media import stored_photo
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

A, B, C = (Photo(ch * 64) for ch in "abc")


def env(photos: tuple[Photo, ...] = (), draft: object = None) -> FormEnv:
    return FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 10), photos=photos, draft=draft)


def test_collects_until_done_or_the_limit() -> None:
    parse = collect_photos(most=2)
    first = parse("", env((A,)))
    assert isinstance(first, More) and first.value == [A.sha256] and "1张" in first.note
    assert parse("", env((A, B), draft=first.value)) == [A.sha256, B.sha256]  # no repeats
    assert parse("", env((B, C), draft=[A.sha256])) == [A.sha256, B.sha256]
    assert parse("完成", env(draft=[A.sha256])) == [A.sha256]
    assert parse("完成", env()) is None


def test_required_photos_and_text_instead_of_a_photo() -> None:
    parse = collect_photos(most=1, least=1)
    assert parse("", env((A,))) == [A.sha256]
    with pytest.raises(Invalid, match="至少1张"):
        parse("跳过", env())
    with pytest.raises(Invalid, match="请直接发送照片"):
        parse("照片在相册里", env())


def test_no_photo_said_before_other_answers_at_a_required_photo_says_it_is_needed() -> None:
    """没照片 李四 … at a photo that must be sent had got 请直接发送照片 alone, as if 没照片
    had not been said; an optional one leaves the sentence to the form (see the wanted form)."""
    with pytest.raises(Invalid, match="这一项需要至少1张照片"):
        collect_photos(most=4, least=1)("没照片 只有个身份证号 李四", env())
    with pytest.raises(Invalid, match="没有请回复「跳过」"):
        collect_photos(most=4)("没照片 只有个身份证号 李四", env())


def test_an_optional_photo_is_declined_and_explained_in_the_questions_words() -> None:
    """需要配图吗？ answered 不要 got 请直接发送照片；发完请回复「完成」, while the question
    itself said 没有可回复「跳过」."""
    one = collect_photos(most=1)
    assert one("不要", env()) is None and one("不配图", env()) is None
    with pytest.raises(Invalid) as refused:
        one("日常", env())
    assert "跳过" in refused.value.reason and "完成" not in refused.value.reason
    with pytest.raises(Invalid, match="请直接发送照片；发完请回复「完成」"):
        collect_photos(most=3)("还有一张", env(draft=[A.sha256]))


def test_progress_saved_before_drafts_existed_still_loads() -> None:
    old = '{"form_name":"tip","answers":{},"history":[],"derived":{},"prefilled":[],"current":"x"}'
    assert Progress.from_json(old).drafts == {}


async def test_going_back_drops_the_photos_half_collected(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他")
    await resident.photo(stored_photo(settings))
    assert "请选择举报类别" in await resident.say("上一步")
    await resident.say("其他")
    assert "已收到1张照片" in await resident.photo(stored_photo(settings, "blue"))
    summary = await resident.say_all("完成", "跳过", "匿名提交")  # 晚上 is the time
    assert "照片：1张" in summary


@pytest.mark.parametrize("said", ["没拍", "没拍照", "没有拍", "没拍到", "没有拍照片", "没来得及拍"])
def test_everyday_words_for_no_photo_finish_an_optional_photo(said: str) -> None:
    """没拍 at the tip's photo question got the whole prompt again; 没有照片 worked."""
    assert collect_photos(most=6)(said, env()) is None
    with pytest.raises(Invalid, match="至少1张"):
        collect_photos(most=1, least=1)(said, env())


async def test_a_photo_sent_at_the_alerts_text_is_kept_for_its_picture(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A photo at 通报's text got 这一步请用文字回答 and was lost, and 需要配图吗 asked after."""
    officer = RichChat(dispatcher, "officer")
    await officer.say("/通报")
    kept = await officer.photo(stored_photo(settings))
    assert kept.startswith("照片已收到，已作为「图片」保留。")
    await officer.say("今晚有大风 请注意")
    asked = await officer.say("现在发送")
    assert "请选择类别" in asked and "需要配图吗" not in asked
    assert "图片：1张" in await officer.say_all("治安", "一般", "全部")


async def test_a_captioned_photo_at_the_alerts_text_gives_both(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """今晚有大风 请注意 as a photo's caption: the caption was the text, the photo dropped."""
    officer = RichChat(dispatcher, "officer")
    await officer.say("/通报")
    reply = await officer.photo(stored_photo(settings), "今晚有大风 请注意")
    assert "已作为「图片」保留" in reply and "什么时候发" in reply
    summary = await officer.say_all("现在发送", "治安", "一般", "全部")
    assert "今晚有大风 请注意" in summary and "图片：1张" in summary


async def test_a_photo_kept_early_goes_when_its_question_no_longer_applies(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A daily item takes no picture: one sent at its text is not shown in its summary."""
    officer = RichChat(dispatcher, "officer")
    await officer.say("/通报")
    await officer.photo(stored_photo(settings), "今晚有大风 请注意")
    summary = await officer.say("加入每日提示")
    assert "请核对" in summary and "图片" not in summary


async def test_a_photo_in_a_form_without_photos_is_said_not_kept(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A captioned photo at a question of a form with no photo: the caption was the answer
    and the photo dropped without a word."""
    owner = RichChat(dispatcher, "owner")
    await owner.say("登记")
    reply = await owner.photo(stored_photo(settings), "王小明")
    assert reply.startswith("旅客登记不收照片，这张照片没有保存。")
    assert "请选择证件类型" in reply
    alone = await owner.photo(stored_photo(settings))
    assert alone.startswith("旅客登记不收照片，这张照片没有保存。请接着回答：")


async def test_a_location_at_a_photo_question_says_a_photo_is_wanted(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A shared location at the tip's photos got 这一步请用文字回答, then 如有照片可以直接发送."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他")
    reply = await resident.place(Location(30.0, 120.0))
    assert reply == "这一步要的是照片，位置用不上：请直接发送照片；没有请回复「跳过」。"
    assert resident.buttons() == ["跳过"]


async def test_the_same_photo_again_is_said_to_be_in_already(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The same photo twice was told 已收到1张照片 each time, as if it were added."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他")
    photo = stored_photo(settings)
    assert "已收到1张照片" in await resident.photo(photo)
    assert resident.buttons() == ["完成"]
    assert (await resident.photo(photo)).startswith("这张照片已收到过（现有1张）。")


async def test_a_photo_question_offers_its_way_out_in_one_bubble(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """需要配图吗 had no 跳过 button, and a word typed there got two bubbles: the way to
    answer, then the whole question again."""
    officer = RichChat(dispatcher, "officer")
    await officer.say_all("/通报", "今晚有大风 请注意")
    await officer.say("现在发送")
    assert officer.buttons() == ["跳过"]
    replies = await officer.send("日常")
    assert len(replies) == 1 and "没有请回复「跳过」" in text_of(replies[0])
    assert "请选择类别" in await officer.say("1")  # the button's number: 跳过
