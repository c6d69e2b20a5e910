"""`/风险`: the beat's red and orange venues with reasons, and officers' ratings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Choices
from handlers.services.risk.ruleset import load_rule_set
from handlers.venues import risk
from scheduler.jobs.visits import plan_visits
from storage.models import (
    RiskChange,
    RiskColour,
    Venue,
    VenueKind,
    VenueRisk,
    WorkLog,
)
from tests.support.beat_data import check_hit, store, watch_hit
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import texts_to
from tests.support.people import add_second_beat_officer, add_stranger_officer
from tests.support.seed import Seeded


async def test_rules_findings_show_with_reasons(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None
    assert "没有🔴红色、🟠橙色场所" in await officer_chat.say("/风险")
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=2)))
    detail = await officer_chat.say("/风险 平安旅馆")  # scores the venue afresh
    assert "综合风险：🟠橙（较大风险）" in detail and "规则🟠橙：近30天比中在逃人员1次" in detail
    listing = await officer_chat.say("/风险")
    assert "一号警务区🔴红色、🟠橙色场所共 1 处" in listing
    assert "🟠平安旅馆" in listing and "比中在逃人员1次" in listing


async def test_a_first_rating_names_its_colour_once(officer_chat: Chat) -> None:
    """评定为🟡黄色。综合风险：🟡黄（一般风险）: the combined colour of a first rating is the
    one rated, and was said twice; so was a rating given again."""
    first = await officer_chat.say("/风险 平安旅馆 黄 消防通道堵塞")
    assert first == "✅ 已将「平安旅馆」评定为🟡黄色（一般风险）。", first
    again = await officer_chat.say("/风险 平安旅馆 黄 复查仍堵塞")
    assert again == "✅ 已将「平安旅馆」评定为🟡黄色（一般风险）。", again


async def test_officer_rates_and_overrides_downward(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.hotel.id is not None and seeded.beat.id is not None
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=2)))
    await officer_chat.say("/风险 平安旅馆")
    assert "请写明评定理由" in await officer_chat.say("/风险 平安旅馆 红")
    await store(
        services,
        Venue(
            kind=VenueKind.INTERNET_CAFE,
            name="极速网吧",
            address="和平路3号",
            beat_id=seeded.beat.id,
        ),
    )
    cafe = await officer_chat.say("/风险 极速网吧 红")  # no guests there to register
    assert "请写明评定理由" in cafe and "未登记住客" not in cafe
    red = await officer_chat.say("/风险 平安旅馆 红 多次发现未登记住客")
    assert "评定为🔴红色" in red and "综合风险由🟠橙（较大风险）变为🔴红（重大风险）" in red
    low = await officer_chat.say("/风险 平安旅馆 蓝 已整改")
    assert "规则或上级评定为🟠橙色" in low and "/风险 平安旅馆 蓝 下调 理由" in low
    down = await officer_chat.say("/风险 平安旅馆 蓝 下调 比中人员系误登记已核实")
    assert "综合风险由🟠橙（较大风险）变为🔵蓝（低风险）" in down
    detail = await officer_chat.say("/风险 平安旅馆")
    assert "民警评定🔵蓝，下调：比中人员系误登记已核实" in detail
    assert "最近变化" in detail and "民警评定🟠橙→🔵蓝" not in detail
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        changes = (await session.exec(select(RiskChange).order_by(col(RiskChange.id)))).all()
        work = (
            await session.exec(
                select(WorkLog).where(WorkLog.action == "risk.rate").order_by(col(WorkLog.id))
            )
        ).all()
    assert risk is not None and risk.colour is RiskColour.BLUE and risk.officer_override
    assert [c.after for c in changes if c.source == "officer"] == [
        RiskColour.RED,
        RiskColour.BLUE,
        RiskColour.BLUE,
    ]
    assert len(work) == 3 and "评定红色" in work[0].summary


async def test_other_stations_and_non_officers_see_nothing(
    officer_chat: Chat,
    owner_chat: Chat,
    services: Services,
    seeded: Seeded,
    dispatcher: Dispatcher,
    clock: FakeClock,
) -> None:
    await officer_chat.say("/风险 平安旅馆 红 重点场所")
    assert "仅限本所民警" in await owner_chat.say("/风险")
    await add_stranger_officer(services)
    stranger = Chat(dispatcher, "stranger")
    assert "没有🔴红色、🟠橙色场所" in await stranger.say("/风险")
    assert "没有找到场所「平安旅馆」" in await stranger.say("/风险 平安旅馆 蓝 无")
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
    assert risk is not None and risk.colour is RiskColour.RED


async def test_a_word_that_is_no_colour_is_named(officer_chat: Chat) -> None:
    reply = await officer_chat.say("/风险 平安旅馆 紫 测试")
    assert "「紫」不是风险颜色" in reply and "红" in reply and "没有找到" not in reply


async def test_a_rating_from_another_beat_reaches_the_venues_officers(
    officer_chat: Chat, services: Services, seeded: Seeded, dispatcher: Dispatcher
) -> None:
    """An officer of the other beat could change the colour that steers this beat's
    visits, and its officers never heard of it."""
    await add_second_beat_officer(services, seeded)
    colleague = Chat(dispatcher, "officer-2")
    rated = await colleague.say("/风险 平安旅馆 橙 夜查发现未登记住客")
    assert "评定为🟠橙色" in rated and "已告知该场所所属警务区的民警" in rated
    [told] = await texts_to(services, "officer")
    assert "二号警务区" in told and "平安旅馆" in told and "夜查发现未登记住客" in told
    # Rating one's own beat's venue tells nobody.
    assert "已告知" not in await officer_chat.say("/风险 平安旅馆 红 再次发现")
    assert await texts_to(services, "officer-2") == []


async def test_a_rating_down_to_a_colour_without_visits_cancels_the_planned_visit(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """走访红色场所 stayed on /任务 and in every digest after the officer rated the venue
    blue, until cancelled by hand."""
    await officer_chat.say("/风险 平安旅馆 红 多次发现未登记住客")
    assert await plan_visits(services, load_rule_set(Settings())) == 1
    assert "走访🔴红色场所：平安旅馆" in await officer_chat.say("/任务")
    lowered = await officer_chat.say("/风险 平安旅馆 橙 已整改一半")
    assert (
        "综合风险由🔴红（重大风险）变为🟠橙（较大风险）" in lowered and "取消走访" not in lowered
    )  # orange: visited too
    down = await officer_chat.say("/风险 平安旅馆 蓝 下调 已全部整改")
    assert "已取消走访任务 #1" in down
    assert "走访🔴红色场所" not in await officer_chat.say("/任务")


async def test_the_first_assessment_reads_as_a_first_rating(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The history said 综合蓝→橙 of a venue never assessed (the list, which showed it as
    ⚪ 尚未评估, now scores it first: see test_record)."""
    assert seeded.hotel.id is not None
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=2)))
    detail = await officer_chat.say("/风险 平安旅馆")
    assert "首次评定：🟠橙（规则评分）：近30天比中在逃人员1次" in detail
    assert "🔵蓝→" not in detail


async def test_an_officers_rating_of_a_venue_never_assessed_is_no_change_from_blue(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    async with services.sessions() as session:
        assert await session.get(VenueRisk, seeded.hotel.id) is None
    rated = await officer_chat.say("/风险 平安旅馆 橙 夜查发现未登记住客")
    assert "评定为🟠橙色" in rated and "由🔵蓝" not in rated


async def test_a_missing_licence_is_named_by_the_kind_of_place(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A 网吧 with no licence was said to lack a 特种行业许可证, which a hotel needs; a
    网吧 needs the 网络文化经营许可证."""
    assert seeded.beat.id is not None
    for kind, name in ((VenueKind.INTERNET_CAFE, "极速网吧"), (VenueKind.ENTERTAINMENT, "星光KTV")):
        await store(
            services, Venue(kind=kind, name=name, address="和平路3号", beat_id=seeded.beat.id)
        )
    cafe = await officer_chat.say("/风险 极速网吧")
    assert "未登记网络文化经营许可证/营业执照" in cafe and "特种行业" not in cafe
    ktv = await officer_chat.say("/风险 星光KTV")
    assert "未登记娱乐经营许可证/营业执照" in ktv and "特种行业" not in ktv
    assert "未登记特种行业许可证/营业执照" in await officer_chat.say("/风险 平安旅馆")


async def test_the_venues_of_one_colour_are_listed_and_open_with_a_tap(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """/风险 红色 had answered 没有找到场所「红色」, and yellow venues could not be listed
    at all; the listing had no way to open a venue but to type its name."""
    assert seeded.hotel.id is not None
    assert "目前没有🔴红色场所" in await officer_chat.say("/风险 红色")
    await officer_chat.say("/风险 平安旅馆 黄 消防通道偶有堵塞")
    yellow = await officer_chat.say("/风险 黄")
    assert "一号警务区🟡黄色场所共 1 处" in yellow and "🟡平安旅馆" in yellow
    assert "没有找到场所" not in yellow
    assert officer_chat.buttons() == [f"/风险 {seeded.hotel.id}"]
    assert "「平安旅馆」综合风险：🟡黄" in await officer_chat.say(officer_chat.buttons()[0])
    assert "目前没有🔴红色、🟠橙色场所" in await officer_chat.say("/风险")


async def test_asking_for_a_colour_in_words_offers_that_colours_venues(
    officer_chat: Chat,
) -> None:
    """红色的场所 was offered 「场所」 (the venue list), and 哪些是黄色 after it got
    请点选上面的选项."""
    await officer_chat.say("红色的场所")
    assert officer_chat.buttons() == ["/风险 红"]
    await officer_chat.say("哪些是黄色")
    assert officer_chat.buttons() == ["/风险 黄"]


async def test_a_venue_named_before_risk_is_offered_its_detail(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """平安旅馆什么风险 was offered the bare 「风险」, the beat's red and orange list."""
    offer = await officer_chat.say("平安旅馆什么风险")
    assert "您是想用「风险 平安旅馆」" in offer, offer
    assert officer_chat.buttons() == [f"/风险 {seeded.hotel.id}"]
    assert "「平安旅馆」综合风险" in await officer_chat.say(officer_chat.buttons()[0])
    await officer_chat.say("看看风险")
    assert officer_chat.buttons() == ["/风险"]  # nothing named: the list


async def test_a_hit_checked_and_found_real_keeps_marking_the_venue(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """完成 4 …证件系伪造，人已带回 turned the venue from 橙 to 黄 (规则评分🟠橙→🟡黄): a check
    that confirmed a fugitive had stayed there made the venue look safer than before."""
    assert seeded.hotel.id is not None and seeded.beat.id is not None
    hit = watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=2))
    await store(services, hit)
    before = await officer_chat.say("/风险 平安旅馆")
    assert "综合风险：🟠橙" in before and "规则🟠橙：近30天比中在逃人员1次" in before
    assert hit.id is not None
    await check_hit(services, seeded, hit, "证件系伪造，人已带回")
    after = await officer_chat.say("/风险 平安旅馆")
    assert "综合风险：🟠橙" in after and "规则🟠橙：近30天比中在逃人员1次" in after
    assert "🟠橙→🟡黄" not in after


async def test_a_drop_names_the_rule_that_stopped_applying(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """A hit checked as someone else lowers the venue: the change names the rule that
    stopped applying, not only what is left (it had read as if 未登记…许可证 had lowered
    the colour)."""
    assert seeded.hotel.id is not None and seeded.beat.id is not None
    hit = watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=2))
    await store(services, hit)
    assert "综合风险：🟠橙" in await officer_chat.say("/风险 平安旅馆")
    assert hit.id is not None
    await check_hit(services, seeded, hit, "已核实，非本人")
    after = await officer_chat.say("/风险 平安旅馆")
    assert "规则🟠橙：近30天比中" not in after and "综合风险：🟡黄" in after
    [line] = [line for line in after.splitlines() if "规则评分🟠橙→🟡黄" in line]
    assert line.endswith(
        "：「近30天比中在逃人员1次」不再适用（仍有：未登记特种行业许可证/营业执照）"
    ), line


async def test_the_officers_rating_is_cleared_and_the_rules_decide_again(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """风险 悦来 清除 got 「清除」不是风险颜色."""
    assert "没有民警评定，无需清除" in await officer_chat.say("/风险 平安旅馆 清除")
    await officer_chat.say("/风险 平安旅馆 红 多次发现未登记住客")
    cleared = await officer_chat.say("/风险 平安旅馆 清除 已整改")
    assert "已清除「平安旅馆」的民警评定" in cleared and "民警评定🔴红" not in cleared
    assert "综合风险：🔴" not in cleared
    detail = await officer_chat.say("/风险 平安旅馆")
    assert "清除民警评定（原红）：已整改" in detail
    await officer_chat.say("/风险 平安旅馆 蓝 下调 已核实")
    assert "已清除" in await officer_chat.say("/风险 平安旅馆 恢复规则")
    async with services.sessions() as session:
        risk = await session.get(VenueRisk, seeded.hotel.id)
        work = (await session.exec(select(WorkLog).where(WorkLog.action == "risk.clear"))).all()
    assert risk is not None and risk.officer_colour is None and not risk.officer_override
    assert len(work) == 2


async def test_the_list_scores_venues_never_assessed_and_puts_each_reason_on_a_line(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """On a new station /风险 said 没有红色、橙色场所 of venues nobody had assessed yet, and a
    venue's reasons ran on in one line joined by ；."""
    assert seeded.hotel.id is not None
    await store(services, watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=2)))
    listing = await officer_chat.say("/风险")
    assert "🟠平安旅馆\n" in listing and "\n　· 规则🟠橙：近30天比中在逃人员1次" in listing
    assert "；规则" not in listing


async def test_venues_left_unassessed_are_counted(
    officer_chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(risk, "UNSCORED_LIMIT", 0)
    listing = await officer_chat.say("/风险")
    assert "没有🔴红色、🟠橙色场所" in listing and "处场所尚未评估" in listing


async def test_the_list_names_venues_as_officers_know_them(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """平安旅馆（#1） had shown the database's number, which no officer goes by: a venue is its
    name, with its plate; two of one name read apart by address and the number commands take."""
    assert seeded.beat.id is not None
    await officer_chat.say(f"/风险 {seeded.rental.plate} 红 多次未登记租客")
    listing = await officer_chat.say("/风险")
    assert "🔴和平里5号（门牌200001）\n" in listing and "#" not in listing, listing
    assert officer_chat.buttons() == [f"/风险 {seeded.rental.id}"]

    await store(
        services,
        Venue(kind=VenueKind.HOTEL, name="平安旅馆", address="建设路8号", beat_id=seeded.beat.id),
    )
    async with services.sessions() as session:
        twins = (await session.exec(select(Venue).where(Venue.name == "平安旅馆"))).all()
    first, second = sorted(v.id or 0 for v in twins)
    for twin in (first, second):
        await officer_chat.say(f"/风险 {twin} 橙 消防检查不合格")
    listing = await officer_chat.say("/风险")
    assert f"🟠平安旅馆（和平路1号，#{first}）\n" in listing, listing
    assert f"🟠平安旅馆（建设路8号，#{second}）\n" in listing
    assert "🔴和平里5号（门牌200001）\n" in listing
    titles = [b.label for r in officer_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert f"#{first} 平安旅馆" in titles and "和平里5号" in titles
