"""The morning digest for a seeded day: each section says what the beat's data says."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.digest.assemble import SECTIONS, build_digest
from handlers.services.digest.day import OfficerDay, Section
from handlers.services.personal import PersonData, seal
from handlers.services.risk.rating import rate_by_department
from handlers.services.tasks import create_task
from storage.models import (
    Beat,
    InspectionItem,
    InspectionStatus,
    Person,
    RiskColour,
    Tenancy,
    TipStatus,
)
from tests.handlers.reports.support import CASES, REPORTER, file_report, receipt_in
from tests.support.beat_data import guest_stay, incidents, inspection, store, tip, watch_hit
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded

#: The clock says 2026-11-23 10:00 in Shanghai; "yesterday" is 11-22 there.
YESTERDAY = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
DAY_BEFORE = YESTERDAY - timedelta(days=1)


async def seed_day(services: Services, seeded: Seeded, clock: FakeClock) -> None:
    hotel, rental = seeded.hotel.id, seeded.rental.id
    beat, other = seeded.beat.id, seeded.other_beat.id
    assert hotel and rental and beat and other
    tenant = seal(services, PersonData("李四", "resident_id", GUEST_ID), "tenancy")
    await store(
        services,
        guest_stay(services, hotel, YESTERDAY),
        guest_stay(services, hotel, YESTERDAY + timedelta(hours=5), foreign=True),
        guest_stay(services, hotel, DAY_BEFORE),
        Tenancy(
            **tenant,
            receipt_no="T-1",
            venue_id=rental,
            lease_start=date(2026, 11, 22),
            created_at=YESTERDAY,
        ),
        watch_hit(seeded, hotel, YESTERDAY),
        tip(seeded, YESTERDAY),
        tip(seeded, DAY_BEFORE, status=TipStatus.CHECKING),
        tip(seeded, DAY_BEFORE, status=TipStatus.HANDLED),
        tip(seeded, DAY_BEFORE, spam=True),
        tip(seeded, DAY_BEFORE, placed=False),  # no beat: the station's, listed by /线索
        *incidents(beat, "盗窃", dict.fromkeys(range(7), 3), YESTERDAY),
        *incidents(other, "诈骗", dict.fromkeys(range(7), 5), YESTERDAY),
    )
    async with services.sessions() as session:
        officer, now = seeded.officer.id, clock.now
        for target, subject, due in (
            ({"beat_id": beat}, "走访和平里5号", date(2026, 11, 21)),
            ({"officer_id": officer}, "检查平安旅馆", date(2026, 11, 23)),
            ({"officer_id": officer}, "下周的事", date(2026, 11, 30)),
        ):
            await create_task(
                session, **target, kind="visit", subject=subject, due=due, source="t", now=now
            )
        await rate_by_department(session, hotel, RiskColour.ORANGE, "上级通报", YESTERDAY)
        await session.commit()


async def test_digest_for_a_seeded_day(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    await seed_day(services, seeded, clock)
    text = await _digest(services, seeded, clock)
    assert text.splitlines() == [
        "📋 一号警务区 警务日报　11月23日（周一）",
        "【任务】今日到期 1 项，逾期 1 项",
        "  #1 走访：走访和平里5号（逾期2天）",
        "  #2 走访：检查平安旅馆",
        "【七日警情】",
        "  盗窃 红：近7天21起（昨天3起），前7天0起；昨天同一地点3起（某路）",
        "【昨日登记】旅客 2 人（外国人、港澳台居民 1 人），租客 1 人",
        "【比中】昨天 1 次",  # 今日截至10:00 0 次: a count of none is left out
        "  #1 平安旅馆（证件号码一致，昨天 10:00）",
        "  发送「/比中 编号」查看详情",
        "【线索】本警务区待处理 2 条（已收到 1，核查中 1），另有 1 条未定位到警务区，"
        "发送「/线索」查看",
        "【红橙场所】🟠平安旅馆",
        "【风险变化】1 处",
        "  平安旅馆 首次评定🟠橙（上级评定：上级通报）",  # never rated before: not 蓝→橙
        "发送「/任务」查看和办结任务，「/风险」查看红橙场所，「/警情趋势」查看警情走势。",
    ]


async def test_tip_counts_of_none_are_left_out(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """【线索】 had said 已收到 0，核查中 1, listing what was not there."""
    await store(services, tip(seeded, YESTERDAY, status=TipStatus.CHECKING))
    text = await _digest(services, seeded, clock)
    assert "【线索】本警务区待处理 1 条（核查中 1），发送「/线索」查看" in text
    await store(services, tip(seeded, YESTERDAY, placed=False))
    text = await _digest(services, seeded, clock)
    assert "（核查中 1），另有 1 条未定位到警务区" in text


async def test_a_quiet_beat_gets_a_short_digest(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    text = await _digest(services, seeded, clock)
    assert text.splitlines()[1:-1] == ["【昨日登记】无"]


async def test_a_failing_section_costs_only_its_lines(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    async def broken(_day: OfficerDay) -> list[str]:
        raise RuntimeError("a bug in someone's section")

    async def fine(_day: OfficerDay) -> list[str]:
        return ["【其他】正常"]

    text = await _digest(services, seeded, clock, [broken, fine])
    assert "【其他】正常" in text


async def test_reports_and_inspections_waiting_on_the_officer_are_counted(
    services: Services, seeded: Seeded, clock: FakeClock, dispatcher: Dispatcher
) -> None:
    assert seeded.hotel.id is not None
    await store(services, inspection(seeded, seeded.hotel.id, YESTERDAY, InspectionStatus.PENDING))
    here = receipt_in(await file_report(Chat(dispatcher, "resident-1")))  # 和平路1号: this beat
    text = await _digest(services, seeded, clock)
    assert "【来件待处理】自助报案待受理 1 件（「/报案」），自查待审核 1 份（「/自查」）" in text
    # A fraud has no place: no beat's report, so every officer of the station hears of it.
    fraud = Chat(dispatcher, "resident-2")
    await fraud.say_all("/报案 电信网络诈骗", *CASES["电信网络诈骗"], *REPORTER, "确认")
    text = await _digest(services, seeded, clock)
    assert "自助报案待受理 1 件，另有 1 件未定位到警务区（「/报案」）" in text
    # Accepted and not closed: still on the officer's desk (the digest had dropped it).
    await Chat(dispatcher, "officer").say(f"/报案状态 {here} 已受理")
    text = await _digest(services, seeded, clock)
    assert "已受理未办结 1 件" in text


async def test_the_digest_says_todays_hits_so_far_whenever_it_is_made(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The morning message left out today's hits, which /日报 listed: a push sent late in
    the morning (after downtime) missed a hit /日报 had shown a minute before."""
    hotel = seeded.hotel.id
    assert hotel is not None
    await store(
        services,
        watch_hit(seeded, hotel, YESTERDAY),
        watch_hit(seeded, hotel, clock.now - timedelta(hours=1)),  # 09:00 today
    )
    morning = await _digest(services, seeded, clock)
    assert (
        "【比中】昨天 1 次，今天 1 次（截至 10:00）\n"
        "  #2 平安旅馆（证件号码一致，今天 09:00）\n"
        "  #1 平安旅馆（证件号码一致，昨天 10:00）\n"
    ) in morning
    clock.advance(hours=8)  # 18:00
    assert "【比中】昨天 1 次，今天 1 次（截至 18:00）\n" in await _digest(services, seeded, clock)


async def test_venues_waiting_to_rectify_are_named(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """An inspection sent back left 自查待审核, and nothing named it until its deadline's task
    came due: the officer did not know which venues were still to fix."""
    assert seeded.hotel.id is not None
    await store(services, inspection(seeded, seeded.hotel.id, YESTERDAY, InspectionStatus.RECTIFY))
    text = await _digest(services, seeded, clock)
    assert "【自查整改】待整改 1 处：#1 平安旅馆，发送「/自查 编号」查看" in text


async def test_a_rectification_deadline_is_said_as_a_day(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The deadline had read 11-26 到期 where every other day of the bot reads 明天 or
    11月26日: said as the officer's own views say it, and 已逾期 once past."""
    assert seeded.hotel.id is not None
    sent_back = inspection(seeded, seeded.hotel.id, YESTERDAY, InspectionStatus.RECTIFY)
    await store(services, sent_back)
    assert sent_back.id is not None
    await store(
        services,
        InspectionItem(
            inspection_id=sent_back.id,
            position=3,
            key="ebike",
            name="电动车充电",
            question="楼道内是否没有电动车充电？",
            ok=False,
            rectify_note="电动车搬走",
            rectify_deadline=date(2026, 11, 26),
        ),
    )
    assert "待整改 1 处：#1 平安旅馆（11月26日到期）" in await _digest(services, seeded, clock)
    clock.advance(days=2)
    assert "待整改 1 处：#1 平安旅馆（明天到期）" in await _digest(services, seeded, clock)
    clock.advance(days=1)
    assert "待整改 1 处：#1 平安旅馆（今天到期）" in await _digest(services, seeded, clock)
    clock.advance(days=1)
    assert "待整改 1 处：#1 平安旅馆（已逾期1天）" in await _digest(services, seeded, clock)


async def _digest(
    services: Services,
    seeded: Seeded,
    clock: FakeClock,
    parts: Sequence[Section] = SECTIONS,
) -> str:
    """The seeded officer's digest as of the clock's time."""
    async with services.sessions() as session:
        officer = await session.get(Person, seeded.officer.id)
        beat = await session.get(Beat, seeded.beat.id)
        assert officer is not None and beat is not None
        day = OfficerDay.at(session, services.settings, officer, beat, clock.now)
        return await build_digest(day, parts)
