"""Emergencies get the emergency numbers first, and a legal question still its answer."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.emergency import emergency_notice
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("救命 有人拿刀在楼下砍人", "110"),
        ("我老公说要跳楼 我怎么办", "12356"),
        ("着火了 快来人", "119"),
        ("我被人跟踪了 好害怕", "110"),
        ("楼道里有个老人晕倒了", "120"),
        ("孩子在超市门口不见了，五岁，穿红衣服", "110"),
        ("有个男的拿着菜刀在我家门口骂，说要弄死我", "110"),
        ("我老婆被她前夫打了，现在还在打", "110"),
        ("刚接到电话说我涉嫌洗钱要我把钱转到安全账户", "96110"),
        ("我要报警！", "110"),
        ("我被骗了，刚转了5000块给一个假客服", "96110"),
    ],
)
def test_emergency_words_get_the_right_number(text: str, number: str) -> None:
    notice = emergency_notice(text)
    assert notice is not None and number in notice


@pytest.mark.parametrize(
    "text",
    [
        "房东不退押金怎么办",
        "我要登记",
        "邻居装修太吵",
        "被打了要报警吗",
        "孩子的抚养费",
        "我的手机号被绑定了",
        "孩子的自行车丢了",
        "奶奶的钱包丢了",
        "正在打电话",
        "还在打官司",
        "有人闯红灯",
        "买菜刀要实名吗",
    ],
)
def test_ordinary_messages_get_no_notice(text: str) -> None:
    assert emergency_notice(text) is None


async def test_the_notice_replaces_not_understood(dispatcher: Dispatcher, seeded: Seeded) -> None:
    replies = await Chat(dispatcher, "someone-new").say("救命 快来人")
    assert replies.startswith("⚠️") and "110" in replies and "没有理解" not in replies


async def test_a_tip_like_emergency_still_offers_the_tip(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    replies = await Chat(dispatcher, "someone-new").say("有人拿刀在小区门口晃")
    assert replies.startswith("⚠️") and "是否要向民警举报" in replies
