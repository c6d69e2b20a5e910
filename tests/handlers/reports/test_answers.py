"""Whether what a tipster or reporter says may answer the officer's waiting question."""

from __future__ import annotations

import pytest

from handlers.reports.answers import may_answer

ASKED = ["大概几点开始？有几个人？"]
TIP = ["菜市场东门每天下午有人设赌局 输赢很大"]


@pytest.mark.parametrize(
    "said",
    [
        "晚上十点以后，七八个人",
        "不知道",
        "3",
        "东门那边",
        "一般晚上11点左右 有时候还在里面赌博打牌",
        "菜市场那个赌局昨天又开了，输赢好几万",
    ],
)
def test_what_answers_or_speaks_of_the_case_may_be_the_answer(said: str) -> None:
    assert may_answer(said, ASKED, TIP)


@pytest.mark.parametrize(
    "said",
    ["邻居天天半夜唱歌太吵了", "邻居天天半夜唱歌，太吵了", "房东不退押金", "我的电动车被偷了"],
)
def test_a_matter_of_its_own_is_no_answer(said: str) -> None:
    """Each had been offered as the answer to 大概几点开始？ about a gambling tip."""
    assert not may_answer(said, ASKED, TIP)
