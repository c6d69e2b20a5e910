"""Whether a message goes on from the last legal question or asks anew."""

from __future__ import annotations

import pytest

from knowledge.answer import LawAnswerer
from knowledge.base import KnowledgeBase

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize(
    "follow_up", ["怎么罚", "那要是外国人呢", "第二条呢", "要赔多少", "会坐牢吗"]
)
def test_a_follow_up_naming_no_other_matter_still_leans_on_the_last_question(
    kb: KnowledgeBase, follow_up: str
) -> None:
    """What follows from any matter, or how to pursue it (罚, 赔, 坐牢), is no matter of
    its own."""
    assert LawAnswerer(kb).leans_on(follow_up, "客人不带身份证能入住吗")


def test_only_a_short_question_naming_no_matter_is_elliptical(kb: KnowledgeBase) -> None:
    answerer = LawAnswerer(kb)
    for said in ("怎么罚", "那要多久", "那房东呢", "会坐牢吗"):
        assert answerer.elliptical(said), said
    for said in ("你是谁", "还有他老婆", "旅馆消防要注意什么", "明天几点来检查"):
        assert not answerer.elliptical(said), said
    # Started like a follow-up and short, it leans even with words of its own.
    assert answerer.leans_on("如果对方不同意呢", "房东不退押金怎么办")


@pytest.mark.parametrize(
    ("kinds", "previous", "new"),
    [
        # Shared only 客人 or 租客, which an owner's every question names.
        ("hotel", "能不能用身份证照片给客人登记", "客人喝醉了在大堂闹事"),
        ("rental", "租客跑了留下一堆东西怎么处理", "租客在屋里养了好几只狗邻居投诉"),
        # 这辆车 names its own subject (a photo's caption), unlike 这种情况.
        ("", "员工工资老板拖着不发", "这辆车天天停在消防通道"),
    ],
)
def test_a_new_matter_is_not_read_as_a_follow_up(
    kb: KnowledgeBase, kinds: str, previous: str, new: str
) -> None:
    """A user trial: each had been answered 「接着上一个问题…」 with the last one's articles."""
    answerer = LawAnswerer(kb).asked_by({kinds} if kinds else set())
    assert not answerer.leans_on(new, previous)


@pytest.mark.parametrize(
    ("previous", "follow_up"),
    [("被狗咬了怎么办", "他不承认是他家的狗咋办"), ("房东不退押金怎么办", "这种情况能报警吗")],
)
def test_a_follow_up_on_the_same_people_still_leans(
    kb: KnowledgeBase, previous: str, follow_up: str
) -> None:
    assert LawAnswerer(kb).leans_on(follow_up, previous)
