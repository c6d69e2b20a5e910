"""The check screen before 确认 says where the scope is: whose beat, which venues."""

from __future__ import annotations

import re

from bot.context import Services
from storage.models import Venue, VenueKind
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


async def test_venues_with_no_owner_bound_are_named_before_and_after_sending(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """涉及场所：便民超市、老街面馆、极速网吧 / 将发送给 1 个对象: the two venues with no bound
    owner got nothing, and neither the check screen nor /通报状态 said so."""
    async with services.sessions() as session:
        session.add(Venue(kind=VenueKind.RESTAURANT, name="老街面馆", beat_id=area.seeded.beat.id))
        await session.commit()
    summary = await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "重要", "九小场所")
    assert "涉及场所：" in summary and "老街面馆" in summary
    unbound = next(line for line in summary.splitlines() if "未绑定负责人" in line)
    assert "老街面馆" in unbound and "便民小店" not in unbound  # the shop's owner is bound
    assert "电话通知" in summary and "绑定" in summary
    sent = await officer_chat.say("确认")
    number = re.search(r"通报#(\d+)", sent)
    assert number, sent
    status = await officer_chat.say(f"/通报状态 {number.group(1)}")
    unbound = next(line for line in status.splitlines() if "未绑定负责人" in line)
    assert "老街面馆" in unbound and "便民小店" not in unbound
    assert "电话通知" in status
