"""Replies written for buttons, as read where buttons are numbered lines."""

from __future__ import annotations

import pytest

from bot.channels.weixin.passive import split_passive
from bot.channels.weixin.text import as_text, plan, untapped
from bot.messages import Button, Choices, Text

#: What the replies above carry: a reply's buttons are what 点「…」 may name.
_BUTTONS = frozenset({"收到", "/收到 3", "撤销退房", "/撤销退房 12", "仍在住"})


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
    assert untapped(said, _BUTTONS) == read


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("完成哪一项？点编号即可，或发送「/完成 编号 备注」：", "完成哪一项？回复序号即可"),
        ("点一项查看详情和民警的留言。", "回复序号查看详情和民警的留言。"),
        ("点下面的场所或发送「/风险 场所」查看详情", "回复下面场所的序号或发送"),
    ],
)
def test_the_bots_own_sayings_read_as_numbers(said: str, read: str) -> None:
    """点编号 had read 回复编号: under 「#2【走访】…」 listed as 「1. #2」, a 2 meant for
    task #2 opened #3."""
    assert untapped(said, frozenset({"#2", "#3"})).startswith(read)


def test_an_officers_alert_reaches_wechat_in_the_officers_words() -> None:
    """点「退款链接」 had read 回复「退款链接」 and 零点「统一行动」 零回复「统一行动」: an
    anti-fraud warning telling people to reply to the link."""
    body = (
        "【预警】收到退款短信切勿点「退款链接」，集合点「城东广场」。凌晨零点「统一行动」前"
        "请检查点「3号门」，这点「很重要」。"
    )
    alert = Choices(
        f"{body}\n阅后请点「收到」或回复「收到」；有疑问请回复「问民警 您的问题」。",
        (Button("收到", "/收到 3"),),
    )
    (shown,) = plan([alert])
    assert isinstance(shown, Text)
    assert shown.text.startswith(body + "\n阅后请回复「收到」；")
    passive, _rest = split_passive([Text("（退订请发送「/退订」）"), Text(body)])
    assert passive == Text("（退订请发送「/退订」）\n\n" + body)


def test_text_without_buttons_is_never_rewritten() -> None:
    tip = "举报：晚上有人在集合点「城东广场」发传单，让人点「链接」领奖。"
    assert plan([Text(tip)]) == [Text(tip)]


def test_a_receipt_says_to_reply_with_its_buttons_words() -> None:
    receipt = Choices(
        "✅ 302 房间 1 位旅客已办理退房：张*。\n如退错了房间，2 小时内可点「撤销退房」恢复。",
        (Button("撤销退房", "/撤销退房 12"),),
    )
    (shown,) = plan([receipt])
    assert isinstance(shown, Text)
    assert "2 小时内可回复「撤销退房」恢复。" in shown.text


def test_a_tap_is_read_by_the_buttons_of_the_whole_reply() -> None:
    """The text before the options names a button the options carry."""
    replies = [
        Text("还在住的请点「仍在住」。"),
        Choices("请选择：", (Button("301 仍在住", "/仍在住 #4"),)),
    ]
    shown, _rest = split_passive(replies)
    assert isinstance(shown, Text) and shown.text.startswith("还在住的请回复「仍在住」。")


def test_the_question_of_numbered_options_is_rewritten_not_the_labels() -> None:
    choices = Choices("客人已走点「已退房」：", (Button("301 张* 已退房", "/退房 301 旅客#3"),))
    assert as_text(choices).splitlines()[:2] == [
        "客人已走回复「已退房」：",
        "1. 301 张* 已退房",
    ]


def test_a_tap_on_an_alerts_button_reads_as_the_word_in_any_reply() -> None:
    """The bind's 「请点「收到」确认」 carried no 收到 button, so it reached WeChat as a tap
    on a button it does not show; the bot's own phrase for the alert's button is read anew
    in any reply, as an alert is answered by the word."""
    said = "民警的通报会发到这里，阅后请点通报下的「收到」确认；发送「自查」做消防安全自查"
    read = "民警的通报会发到这里，阅后请回复「收到」确认；发送「自查」做消防安全自查"
    assert untapped(said) == read
    assert untapped(said, frozenset({"查看 #3", "/最近通报 3"})) == read
