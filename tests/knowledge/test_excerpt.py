"""Snippets of an article around the words a question matched."""

from __future__ import annotations

import pytest

from knowledge.excerpt import snippet
from knowledge.segment import Segmenter
from knowledge.vocabulary import Vocabulary


def every_offset(text: str) -> range:
    """Boundaries that let any substring be a word: the window and marks alone."""
    return range(len(text) + 1)


def test_snippet() -> None:
    text = "甲" * 100 + "盗窃财物的" + "乙" * 100
    short = snippet(text, ("盗窃",), 40, boundaries=every_offset)
    assert "【盗窃】" in short and short.startswith("…") and short.endswith("…")
    assert (
        snippet("凡入户盗窃的", ("盗窃", "入户盗窃"), 50, boundaries=every_offset)
        == "凡【入户盗窃】的"
    )
    assert snippet("第一行\n第二行", (), 50, boundaries=every_offset) == "第一行 第二行"


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(Vocabulary.load())


def test_snippet_marks_a_term_only_as_a_word(segmenter: Segmenter) -> None:
    """民法典1079 showed 人【民法】院: 民法 of 民法典 was marked inside 人民法院."""
    text = "夫妻一方要求离婚的，可以直接向人民法院提起离婚诉讼。被继承人的子女"
    shown = snippet(text, ("民法", "离婚", "继承"), 200, boundaries=segmenter.boundaries)
    assert "【民法】" not in shown and "人民法院" in shown
    assert shown.count("【离婚】") == 1 and "被【继承】人" in shown
    fine = "处三年以下有期徒刑，并处罚金"
    assert snippet(fine, ("处罚", "罚金"), 200, boundaries=segmenter.boundaries) == (
        "处三年以下有期徒刑，并处【罚金】"
    )


def test_snippet_does_not_mark_a_term_across_a_word_it_straddles(segmenter: Segmenter) -> None:
    """刑法 第二百八十条之一 showed 并处或者单【处罚】金: 处罚 of 单处|罚金."""
    fine = "情节严重的，处拘役或者管制，并处或者单处罚金。"
    assert snippet(fine, ("处罚", "罚金"), 200, boundaries=segmenter.boundaries) == (
        "情节严重的，处拘役或者管制，并处或者单处【罚金】。"
    )


def test_snippet_marks_each_term_once_and_opens_on_no_mark(segmenter: Segmenter) -> None:
    """【居住证】持有人在【居住】地连续【居住】的 marked every 居住 (a page of brackets), and
    【诈骗】公私财物… opened like a heading: each term once, not as the excerpt's first word."""
    permit = "居住证持有人在居住地连续居住的，应当在居住每满1年之日前1个月内办理签注手续。"
    shown = snippet(permit, ("居住证", "居住"), 200, boundaries=segmenter.boundaries)
    assert shown.startswith("居住证持有人在【居住】地连续居住的")
    assert shown.count("【") == 1
    fraud = "诈骗公私财物，数额较大的，处三年以下有期徒刑。"
    assert "【" not in snippet(fraud, ("诈骗",), 200, boundaries=segmenter.boundaries)


def test_snippet_from_start_and_cut_between_words(segmenter: Segmenter) -> None:
    text = "甲方应当通知乙方。" * 5 + "用人单位支付加班费" + "。其余事项另行约定" * 5
    around = snippet(text, ("加班费",), 30, boundaries=segmenter.boundaries)
    assert around.startswith("…") and "【加班费】" in around
    head = snippet(text, ("加班费",), 30, boundaries=segmenter.boundaries, from_start=True)
    assert head.startswith("甲方应当通知乙方。") and "加班费" not in head
    # 用人单位 is not cut into …人单位 where the window would start.
    assert "…人单位" not in snippet(text, ("加班费",), 24, boundaries=segmenter.boundaries)


def test_paragraphs_of_a_snippet_run_on_after_a_full_stop() -> None:
    """「赔偿损失。 承租人未经…」: an ASCII space after a Chinese full stop."""
    text = "出租人可以请求赔偿损失。\n承租人未经出租人同意转租的，\n出租人可以解除合同"
    shown = snippet(text, (), 200, boundaries=every_offset)
    assert shown == "出租人可以请求赔偿损失。承租人未经出租人同意转租的，出租人可以解除合同"
