"""Photo fields: photos as answers, collected over several messages, until 完成."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.config import Settings
from bot.dispatch import Dispatcher
from bot.forms import FormEnv, More
from bot.forms.photos import collect_photos
from bot.forms.progress import Progress
from bot.messages import Photo
from bot.validators import Invalid
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
    summary = await resident.say_all("完成", "跳过", "跳过", "匿名提交")
    assert "照片：1张" in summary


@pytest.mark.parametrize("said", ["没拍", "没拍照", "没有拍", "没拍到", "没有拍照片", "没来得及拍"])
def test_everyday_words_for_no_photo_finish_an_optional_photo(said: str) -> None:
    """没拍 at the tip's photo question got the whole prompt again; 没有照片 worked."""
    assert collect_photos(most=6)(said, env()) is None
    with pytest.raises(Invalid, match="至少1张"):
        collect_photos(most=1, least=1)(said, env())
