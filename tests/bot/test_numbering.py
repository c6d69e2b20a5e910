"""One sequence of numbers over a reply's options, as a channel without buttons shows them."""

from __future__ import annotations

from bot.channels.weixin.text import plan
from bot.messages import Button, Choices, Image, Reply, Text

PICTURE = "a" * 64
HINT = "（回复序号或文字即可）"


def sighting(text: str, n: int) -> Choices:
    return Choices(text, (Button("我见过此人", f"/见过 {n}"),))


def cards(*texts: str) -> list[Reply]:
    """协查通缉's shape: a lead, then each card's picture and its option."""
    replies: list[Reply] = [Text("目前有 3 份公开的协查通缉。")]
    for n, text in enumerate(texts, start=1):
        replies.extend([Image(PICTURE), sighting(text, n)])
    return replies


def texts(replies: list[Reply]) -> list[str]:
    return [m.text for m in plan(replies) if isinstance(m, Text)]


def test_the_options_of_several_cards_are_numbered_in_one_sequence() -> None:
    """Each card's option read 「1. 我见过此人」: three 1s, and only one of them could be
    picked. How to answer is said once, under the last options (it was under each)."""
    shown = texts(cards("甲某某：盗窃案", "乙某某：诈骗案", "丙某某：诈骗案"))
    assert shown[1:] == [
        "甲某某：盗窃案\n1. 我见过此人",
        "乙某某：诈骗案\n2. 我见过此人",
        f"丙某某：诈骗案\n3. 我见过此人\n{HINT}",
    ]


def test_numbers_go_on_across_options_of_several_buttons() -> None:
    replies: list[Reply] = [
        Choices("通报：今晚有大风", (Button("收到", "/收到 1"), Button("我见过此人", "/见过 1"))),
        Choices("通报：明早停水", (Button("收到", "/收到 2"),)),
    ]
    [both] = texts(replies)
    assert "1. 收到\n2. 我见过此人" in both and "明早停水\n3. 收到" in both


def test_a_forms_question_keeps_the_numbers_the_form_reads() -> None:
    """A form takes 「1」 at its question as its first option, whatever came before it."""
    replies: list[Reply] = [
        Choices("通报：今晚有大风", (Button("收到", "/收到 1"),)),
        Choices("请选择性别：", (Button("男", "男"), Button("女", "女")), first=1),
    ]
    [both] = texts(replies)
    assert "请选择性别：\n1. 男\n2. 女" in both


def test_each_number_sits_with_the_words_of_its_own_card() -> None:
    """Cards whose options read alike, their names in the pictures' captions: the titles
    stay as they are, since each number comes in one message with its card's caption."""
    replies: list[Reply] = [Text("今日协查：")]
    for n, caption in enumerate(("TJ-0001 甲某某（公开）", "TJ-0002 乙某某（公开）"), start=1):
        replies.extend([Image(PICTURE, caption), sighting("见到此人请选择：", n)])
    shown = texts(replies)
    assert shown[1:] == [
        "TJ-0001 甲某某（公开）\n\n见到此人请选择：\n1. 我见过此人",
        f"TJ-0002 乙某某（公开）\n\n见到此人请选择：\n2. 我见过此人\n{HINT}",
    ]
