"""The parts of a beat's daily alert, as owners and residents read them."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.context import Services
from tests.support.beat_data import incidents, store
from tests.support.chat import Chat
from tests.support.seed import Seeded

YESTERDAY_NOON = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


async def test_the_daily_alert_tells_the_public_of_trends_in_plain_words(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The alert to every venue and subscriber had read 「盗窃 黄：近7天5起（昨天0起），前7天0起」:
    the officers' colour levels and week-over-week figures."""
    assert seeded.beat.id is not None
    await store(services, *incidents(seeded.beat.id, "盗窃", {0: 2, 1: 1, 3: 2}, YESTERDAY_NOON))
    shown = await officer_chat.say("/每日提示 预览")
    assert "近期盗窃警情有所增多（近7天5起），请注意防范。" in shown, shown
    assert "黄" not in shown and "前7天" not in shown
