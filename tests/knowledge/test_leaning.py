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
