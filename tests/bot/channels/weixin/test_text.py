"""Replies written for buttons, as read where buttons are numbered lines."""

from __future__ import annotations

import pytest

from bot.channels.weixin.text import as_text, untapped
from bot.messages import Button, Choices


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("确认这条通报，阅后请点「收到」或回复「收到」。", "确认这条通报，阅后请回复「收到」。"),
        ("2 小时内可点「撤销退房」恢复。", "2 小时内可回复「撤销退房」恢复。"),
        ("是的话请点下面的按钮；不是请忽略。", "是的话请回复下面的序号；不是请忽略。"),
        ("请点选上面的选项（或回复序号 1–3）", "请回复序号 1–3"),
        (
            "请点选要撤回哪一条（撤回后民警不再处理）：",
            "请回复序号选择要撤回哪一条（撤回后民警不再处理）：",
        ),
        ("请点提醒里的「仍在住」按钮", "请回复提醒里「仍在住」的序号"),
        ("通报还有对象未确认，点按钮催读：", "通报还有对象未确认，回复序号催读："),
        # Not a tap: a place, quoted.
        ("地点「和平路1号」", "地点「和平路1号」"),
        ("晚上8点「巡逻」", "晚上8点「巡逻」"),
    ],
)
def test_taps_read_as_replies(said: str, read: str) -> None:
    assert untapped(said) == read


def test_the_question_of_numbered_options_is_rewritten_not_the_labels() -> None:
    choices = Choices("客人已走点「已退房」：", (Button("点「已退房」", "/退房 1"),))
    assert as_text(choices).splitlines()[:2] == ["客人已走回复「已退房」：", "1. 点「已退房」"]
