"""`/警情趋势`: the beat's seven-day levels and a chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.assembly import build_dispatcher
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Image
from tests.support.admin import bound_admin
from tests.support.beat_data import incidents, store
from tests.support.chat import Chat, text_of
from tests.support.seed import Seeded

YESTERDAY_NOON = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


async def test_trend_lists_levels_and_sends_a_chart(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    assert "截至昨日（11月22日）近28日没有警情记录" in await officer_chat.say("/警情趋势")
    assert seeded.beat.id is not None and seeded.other_beat.id is not None
    await store(
        services,
        *incidents(seeded.beat.id, "盗窃", dict.fromkeys(range(7), 3), YESTERDAY_NOON),
        *incidents(seeded.beat.id, "纠纷", {3: 1}, YESTERDAY_NOON),
        *incidents(seeded.other_beat.id, "诈骗", dict.fromkeys(range(7), 5), YESTERDAY_NOON),
    )
    replies = await officer_chat.send("/警情趋势")
    text = await officer_chat.say("/警情趋势")
    assert "一号警务区 七日警情（截至11月22日）" in text and "今日新录入的警情明日计入" in text
    assert text.index("盗窃 红") < text.index("纠纷 绿") and "诈骗" not in text
    assert isinstance(replies[-1], Image) and "盗窃" in replies[-1].caption
    only = await officer_chat.send("/警情趋势 纠纷")
    assert isinstance(only[-1], Image) and "纠纷" in only[-1].caption


async def test_an_incident_entered_today_is_acknowledged_not_denied(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    # Typed in the officer's words: counted as the listed type it names.
    await officer_chat.say_all("/警情", "今天8:30", "偷电动车", "和平路菜市场")
    assert "警情已录入" in await officer_chat.say("确认")
    empty = await officer_chat.say("/警情趋势")
    assert "今日的警情已录入 1 起（盗窃1起），明日计入统计" in empty
    assert "近期没有警情记录" not in empty
    assert "今日的警情已录入 1 起" in await officer_chat.say("/警情趋势 盗窃")
    assert "今日的警情已录入" not in await officer_chat.say("/警情趋势 纠纷")
    assert seeded.beat.id is not None
    await store(services, *incidents(seeded.beat.id, "盗窃", {1: 2}, YESTERDAY_NOON))
    text = await officer_chat.say("/警情趋势")
    assert "盗窃" in text and "今日的警情已录入 1 起（盗窃1起）" in text


async def test_a_night_of_thefts_at_one_place_reads_in_counts_and_is_orange(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """Six thefts, five of them yesterday at one 车棚: 盗窃 黄：近7日日均0.9起，前7日0.0起."""
    assert seeded.beat.id is not None
    shed = incidents(seeded.beat.id, "盗窃", {0: 5}, YESTERDAY_NOON)
    for row in shed:
        row.place = "幸福里 车棚"
    await store(services, *shed, *incidents(seeded.beat.id, "盗窃", {3: 1}, YESTERDAY_NOON))
    text = await officer_chat.say("/警情趋势")
    assert "🟠盗窃 橙：近7天6起（昨天5起），前7天0起；昨天同一地点5起（幸福里车棚）" in text
    assert "日均" not in text


async def test_a_withdrawn_incident_counts_nowhere(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    assert seeded.beat.id is not None
    await store(services, *incidents(seeded.beat.id, "纠纷", {1: 1}, YESTERDAY_NOON))
    assert "纠纷" in await officer_chat.say("/警情趋势")
    assert "已撤销警情 #1" in await officer_chat.say("/警情 撤销 1 录错了警务区")
    assert "没有警情记录" in await officer_chat.say("/警情趋势")


async def test_the_help_says_the_days_the_station_configured(
    services: Services, seeded: Seeded
) -> None:
    """A station averaging over 14 days and charting 60 read 近7日预警和近28日走势."""
    incidents = services.settings.incidents.model_copy(update={"window_days": 14, "chart_days": 60})
    settings = services.settings.model_copy(update={"incidents": incidents})
    officer = Chat(build_dispatcher(replace(services, settings=settings)), "officer")
    shown = await officer.say("帮助 警情")
    assert "/警情趋势 — 本警务区警情趋势：近14日警情预警和近60日走势" in shown, shown
    assert "近7日" not in shown and "七日" not in shown and "近28日" not in shown


async def test_the_help_names_the_warning_as_its_headings_do(officer_chat: Chat) -> None:
    """The help offered 近7日预警 and the trend's heading said 七日警情: one warning, two
    names."""
    shown = await officer_chat.say("帮助 警情")
    assert "/警情趋势 — 本警务区警情趋势：七日警情预警和近28日走势" in shown, shown


async def test_a_level_lifted_by_the_rise_says_so(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """Five thefts in a week after none: 黄, while the chart's own legend puts yellow at
    日均≥1起, above this week's 0.7, and nothing had said the rise was why."""
    assert seeded.beat.id is not None
    await store(services, *incidents(seeded.beat.id, "盗窃", {0: 2, 1: 1, 3: 2}, YESTERDAY_NOON))
    text = await officer_chat.say("/警情趋势")
    assert "🟡盗窃 黄（较前7天明显上升）：近7天5起（昨天2起），前7天0起" in text, text
    # A week at the yellow line by its own average is yellow without a reason to give.
    await store(
        services, *incidents(seeded.beat.id, "纠纷", dict.fromkeys(range(14), 1), YESTERDAY_NOON)
    )
    assert "🟡纠纷 黄：近7天7起" in await officer_chat.say("/警情趋势 纠纷")


async def test_the_heading_names_the_stations_window(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A station averaging over 14 days read 一号警务区 七日警情 above 近14天 figures, then
    一号警务区 14日警情, as if the incidents of the 14th."""
    incidents_settings = services.settings.incidents.model_copy(update={"window_days": 14})
    settings = services.settings.model_copy(update={"incidents": incidents_settings})
    officer = Chat(build_dispatcher(replace(services, settings=settings)), "officer")
    assert seeded.beat.id is not None
    await store(services, *incidents(seeded.beat.id, "纠纷", {1: 1}, YESTERDAY_NOON))
    text = await officer.say("/警情趋势")
    assert "一号警务区 近14日警情（截至11月22日）" in text and "七日" not in text, text
    assert "一号警务区 七日警情（截至11月22日）" in await officer_chat.say("/警情趋势")


async def test_the_station_admin_sees_every_beat_and_can_name_one(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """An admin has no beat, and had been told 「您未分配警务区，无法查看警务区警情趋势。」."""
    chief = await bound_admin(services, dispatcher)
    assert seeded.beat.id is not None and seeded.other_beat.id is not None
    await store(
        services,
        *incidents(seeded.beat.id, "盗窃", dict.fromkeys(range(7), 3), YESTERDAY_NOON),
        *incidents(seeded.beat.id, "纠纷", {3: 1}, YESTERDAY_NOON),
    )
    text = await chief.say("/警情趋势")
    assert "全所七日警情（截至11月22日，起数为近7天）：" in text
    assert "一号警务区：🔴盗窃21起、🟢纠纷1起" in text
    assert "二号警务区：近7天无警情" in text
    assert "/警情趋势 二号警务区" in chief.buttons()
    one = await chief.send("/警情趋势 一号警务区")
    assert "一号警务区 七日警情（截至11月22日）" in text_of(one[0])
    assert isinstance(one[-1], Image) and "盗窃" in one[-1].caption
    kind = await chief.send("/警情趋势 一号 纠纷")
    assert isinstance(kind[-1], Image) and "纠纷" in kind[-1].caption
    assert "二号警务区：近7天无「盗窃」警情" in await chief.say("/警情趋势 盗窃")
