"""Reading "there is none" and "yes, submit" said in a short sentence of one's own."""

from __future__ import annotations

import pytest

from bot.forms.plain_answers import confirms, says_none
from bot.forms.words import SUMMARY_YES

PHONE = ("联系电话", "手机号", "手机号码", "电话", "手机")


@pytest.mark.parametrize(
    "text",
    [
        "无",
        "没有",
        "她没手机",
        "客人没有电话号码",
        "手机号没有",
        "不用了",
        "暂无",
        "这个没有",
        # The prompts' own word (不填则只写 110): it had become the answer, 联系不填.
        "不填",
        "不填了",
        "这个不填",
        "电话不填写",
        "不写",
    ],
)
def test_none_of_what_is_asked(text: str) -> None:
    assert says_none(text, PHONE)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("不记得了", ("车牌/车架号",)),
        ("车牌号不记得了", ("车牌/车架号", "车牌号")),
        ("不知道", ("嫌疑人",)),
        ("我也不知道", ("嫌疑人",)),
        ("没看到", ("嫌疑人",)),
        ("没看清", ("嫌疑人",)),
        ("没看清楚。", ("嫌疑人",)),
        ("记不清了", ("发生时间",)),
        ("忘了", ("车牌/车架号",)),
        ("不清楚", ("目击者",)),
        # Which one is not known, or 跳过 asked for in words: 不清楚哪个厂 跳过吧 had been
        # kept whole as the workplace.
        ("不清楚哪个厂 跳过吧", ("工作单位",)),
        ("不清楚哪个厂", ("工作单位",)),
        ("不知道在哪上班", ("工作单位",)),
        ("这个先跳过吧", ("职业",)),
        # The thing after not knowing it: 不知道车牌 had got 这不像车牌号.
        ("不知道车牌", ("车牌/车架号",)),
        ("不记得车牌号了", ("车牌/车架号",)),
        ("不清楚他的电话", PHONE),
    ],
)
def test_not_knowing_what_is_asked(text: str, names: tuple[str, ...]) -> None:
    """不记得了 at a stolen bike's plate had been kept as the plate, 没看到 as the suspect."""
    assert says_none(text, names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("无锡", ("工作单位",)),  # a city, not 无
        ("无业", ("职业",)),  # an answer to the job question
        # What was not seen, then what was: an answer.
        ("没看清脸，穿黑衣服", ("嫌疑人",)),
        ("不知道是谁，戴帽子", ("嫌疑人",)),
        ("脸没看清", ("嫌疑人",)),  # names something other than the question
        ("忘记锁车了", ("车牌/车架号",)),
        ("没有 13812345678", PHONE),  # data after all
        ("她没身份证", PHONE),  # names another thing than the question
        ("不知道是什么人戴帽子", ("嫌疑人",)),  # goes on to say what was seen
        ("他从墙上跳过", ("嫌疑人",)),
        ("不知道车牌", ("嫌疑人",)),  # names another thing than the question
        ("忘了锁车", ("车牌/车架号",)),
    ],
)
def test_an_answer_is_not_taken_for_none(text: str, names: tuple[str, ...]) -> None:
    assert not says_none(text, names)


@pytest.mark.parametrize("text", ["没问题提交吧", "可以提交", "对的确认", "好的确认", "就这样吧"])
def test_a_sentence_of_yes_words_confirms(text: str) -> None:
    assert confirms(text, SUMMARY_YES)


@pytest.mark.parametrize("text", ["不对", "别提交", "等一下", "好的等一下", "提交吗", "吧", ""])
def test_anything_else_in_it_does_not_confirm(text: str) -> None:
    assert not confirms(text, SUMMARY_YES)
