"""A place named in passing is read from a story; an answer that points back to it is the
place, not its filler words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.services.place_words import place_in, pointing_back, said_before
from handlers.services.places import parse_place


@pytest.mark.parametrize(
    ("story", "place"),
    [
        ("幸福里小区5栋3单元经常有人半夜吵闹打架", "幸福里小区5栋3单元"),
        ("今天上午在菜市场门口看到这个人", "菜市场门口"),
        ("昨晚幸福里小区有人打架", "幸福里小区"),
        ("人民路32号有人卖假烟", "人民路32号"),
        ("幸福里门口有人卖假烟", "幸福里门口"),
        # Where the speaker is, which only they know: the form asks.
        ("楼下有人吸毒", None),
        ("我们小区门口有人卖假烟", None),
        ("小区3号楼402经常有人聚集吸毒", None),
        ("对面超市老板卖假烟", None),
        ("小区门口那家小卖部", None),
        # No place at all: a day, an account, a road anyone is on, where someone went.
        ("11号晚上有人在这吵", None),
        ("他微信号是abc", None),
        ("有人在马路上飙车", None),
        ("穿灰色外套 往菜市场方向走了", None),
    ],
)
def test_a_place_someone_could_find_is_read_from_a_story(story: str, place: str | None) -> None:
    assert place_in(story) == place


@pytest.mark.parametrize(
    ("answer", "left"),
    [
        ("上面说了啊 幸福里5栋", "幸福里5栋"),
        ("前面写了，就在菜市场门口", "菜市场门口"),
        ("幸福里5栋，上面写了", "幸福里5栋"),
        ("上面说了", ""),
        ("不是说过了吗", ""),
        ("幸福里5栋", None),
    ],
)
def test_words_pointing_back_are_no_part_of_the_place(answer: str, left: str | None) -> None:
    assert said_before(answer) == left


def test_pointing_back_alone_takes_the_place_of_the_earlier_answer() -> None:
    parse = pointing_back(parse_place, ("text",))
    now = datetime(2026, 11, 30, 20, 0)
    told = FormEnv({"text": "我在菜市场门口看到他"}, date(2026, 11, 30), now)
    assert parse("刚说了", told) == {"text": "菜市场门口"}
    untold = FormEnv({"text": "有人半夜吵闹"}, date(2026, 11, 30), now)
    with pytest.raises(Invalid, match="没有具体地点"):
        parse("上面说了", untold)
