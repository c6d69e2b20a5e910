"""The check screen before 确认 says where the scope is: whose beat, which venues."""

from __future__ import annotations

from tests.handlers.broadcast.conftest import Area, compose
from tests.support.chat import Chat

TEXT = "今晚注意电信诈骗\n近期辖区出现冒充公检法诈骗，凡要求转账到“安全账户”的一律是诈骗。"


async def test_a_kind_alone_is_named_with_the_officers_beat(officer_chat: Chat, area: Area) -> None:
    summary = await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "紧急", "旅馆")
    assert "· 范围：旅馆\n警务区：一号警务区\n" in summary
    assert "涉及场所：平安旅馆、远方宾馆" in summary  # few venues: named


async def test_a_circle_names_the_venues_it_takes_in(officer_chat: Chat, area: Area) -> None:
    summary = await compose(
        officer_chat, TEXT, "现在发送", "跳过", "防诈", "紧急", "平安旅馆 500米"
    )
    assert "警务区：一号警务区" in summary
    assert "涉及场所：平安旅馆、和平里5号、便民小店" in summary
    assert "远方宾馆" not in summary
