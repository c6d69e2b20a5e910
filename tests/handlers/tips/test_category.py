"""The tip's category as residents type it at the question, hedges and all."""

from __future__ import annotations

import pytest

from handlers.tips.category import read_category
from storage.models import TipCategory

HEDGES = ("好像在", "可能是", "疑似", "感觉有人在", "怀疑", "好像有人")

#: An act each category's residents describe, as they would type it.
ACTS = {
    TipCategory.SUSPICIOUS: "可疑",
    TipCategory.DRUGS: "吸毒",
    TipCategory.GAMBLING: "赌博",
    TipCategory.FRAUD: "诈骗",
    TipCategory.FIRE: "消防隐患",
    TipCategory.NOISE: "扰民",
}


@pytest.mark.parametrize("hedge", HEDGES)
@pytest.mark.parametrize("category", list(ACTS))
def test_a_hedge_in_front_of_the_act_still_names_the_category(
    hedge: str, category: TipCategory
) -> None:
    assert read_category(f"{hedge}{ACTS[category]}") is category
    assert read_category(f"{hedge}{ACTS[category]}吧") is category


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("涉赌", TipCategory.GAMBLING),
        ("赌博", TipCategory.GAMBLING),
        ("其他", TipCategory.OTHER),
        ("感觉挺可疑的", TipCategory.SUSPICIOUS),
        ("可能被骗了", TipCategory.FRAUD),
        ("觉得太吵了", TipCategory.NOISE),
        # Drugs by name, as people say them, and before the strangers who come for them.
        ("楼下出租屋有人卖冰毒", TipCategory.DRUGS),
        ("有人在卖k粉和摇头丸", TipCategory.DRUGS),
        ("卖那种药，晚上经常有陌生人进出", TipCategory.DRUGS),
        ("几个陌生人在聚赌", TipCategory.GAMBLING),
        # Noise as people tell it: had got no category.
        ("楼上那家人半夜吵闹打架", TipCategory.NOISE),
        ("隔壁装修吵死人了", TipCategory.NOISE),
    ],
)
def test_labels_words_and_phrases(typed: str, expected: TipCategory) -> None:
    assert read_category(typed) is expected


@pytest.mark.parametrize("typed", ["不是赌博", "赌博和吸毒", "好像", "随便", ""])
def test_no_guess_when_the_words_name_none_or_two_or_rule_one_out(typed: str) -> None:
    assert read_category(typed) is None
