"""The combined colour: the most severe input, unless the officer overrides it downward."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.context import Services
from handlers.services.risk.describe import change_line
from handlers.services.risk.findings import Finding
from handlers.services.risk.rating import (
    apply_findings,
    combine,
    rate_by_department,
    rate_by_officer,
    risk_of,
)
from storage.models import RiskChange, RiskColour, RiskSource, VenueRisk
from tests.support.clock import FakeClock
from tests.support.seed import Seeded

RED, ORANGE, YELLOW, BLUE = RiskColour.RED, RiskColour.ORANGE, RiskColour.YELLOW, RiskColour.BLUE


def test_most_severe_wins() -> None:
    assert combine(VenueRisk(venue_id=1)) is BLUE
    assert combine(VenueRisk(venue_id=1, officer_colour=YELLOW, rules_colour=ORANGE)) is ORANGE
    assert combine(VenueRisk(venue_id=1, officer_colour=RED, department_colour=YELLOW)) is RED
    assert combine(VenueRisk(venue_id=1, department_colour=ORANGE, rules_colour=YELLOW)) is ORANGE


def test_override_holds_until_something_more_severe_appears() -> None:
    risk = VenueRisk(
        venue_id=1,
        officer_colour=BLUE,
        officer_override=True,
        override_against=ORANGE,
        rules_colour=ORANGE,
    )
    assert combine(risk) is BLUE
    risk.rules_colour = RED  # a new, worse finding ends the override
    assert combine(risk) is RED


def test_parse_colour_words() -> None:
    assert RiskColour.parse("红") is RED and RiskColour.parse("橙色") is ORANGE
    assert RiskColour.parse("轻微危险") is YELLOW and RiskColour.parse("BLUE") is BLUE
    assert RiskColour.parse("较大风险") is RiskColour.ORANGE  # the names shown now


async def test_ratings_are_logged_with_the_combined_colour(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    venue = seeded.hotel.id
    assert venue is not None and seeded.officer.id is not None
    async with services.sessions() as session:
        risk = await risk_of(session, venue)
        apply_findings(session, risk, [Finding("hits", ORANGE, "近30天比中1次")], clock.now)
        await session.commit()
    clock.advance(minutes=5)
    async with services.sessions() as session:
        officer = seeded.officer.id
        rated = await rate_by_officer(
            session, venue, YELLOW, "已约谈", override=False, person_id=officer, now=clock.now
        )
        assert rated.outranked_by is ORANGE and rated.risk.colour is ORANGE
        rated = await rate_by_officer(
            session, venue, BLUE, "已核实为误报", override=True, person_id=officer, now=clock.now
        )
        assert rated.outranked_by is None and rated.risk.colour is BLUE
        rated = await rate_by_department(session, venue, RED, "上级通报", clock.now)
        assert rated.risk.colour is RED  # more severe than what the officer overrode
        await session.commit()
    async with services.sessions() as session:
        changes = (await session.exec(select(RiskChange).order_by(col(RiskChange.id)))).all()
    assert [(c.source, c.combined_before, c.combined_after) for c in changes] == [
        (RiskSource.RULES, ORANGE, ORANGE),  # the first rating: there was no colour before
        (RiskSource.OFFICER, ORANGE, ORANGE),
        (RiskSource.OFFICER, ORANGE, BLUE),
        (RiskSource.DEPARTMENT, BLUE, RED),
    ]
    assert "下调" in changes[2].reason and changes[2].actor_person_id == seeded.officer.id


async def test_unchanged_rule_colour_is_not_logged_again(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    venue = seeded.hotel.id
    assert venue is not None
    for _ in range(3):
        async with services.sessions() as session:
            risk = await risk_of(session, venue)
            apply_findings(session, risk, [Finding("x", YELLOW, "原因")], clock.now)
            await session.commit()
        clock.advance(days=1)
    async with services.sessions() as session:
        assert len((await session.exec(select(RiskChange))).all()) == 1
        stored = await session.get(VenueRisk, venue)
    assert stored is not None and stored.rules_at == clock.now - timedelta(days=1)


async def test_a_venue_never_rated_reads_as_rated_for_the_first_time(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The history said 综合蓝→黄 of a venue the list showed as ⚪ 尚未评估."""
    venue = seeded.hotel.id
    assert venue is not None
    async with services.sessions() as session:
        risk = await risk_of(session, venue)
        apply_findings(session, risk, [Finding("licence", YELLOW, "未登记许可证")], clock.now)
        await session.commit()
    clock.advance(days=1)
    async with services.sessions() as session:
        risk = await risk_of(session, venue)
        apply_findings(session, risk, [Finding("hits", ORANGE, "近30天比中1次")], clock.now)
        await session.commit()
    async with services.sessions() as session:
        first, second = (await session.exec(select(RiskChange).order_by(col(RiskChange.id)))).all()
    zone = services.settings.zone
    assert change_line(first, zone) == "11月23日 首次评定：🟡黄（规则评分）：未登记许可证"
    assert change_line(second, zone) == "11月24日 规则评分🟡黄→🟠橙，综合🟡黄→🟠橙：近30天比中1次"


async def test_a_first_rating_after_a_quiet_scoring_is_a_change_from_blue(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """Scored blue (not logged), the venue was rated: blue is then a colour it had."""
    venue = seeded.hotel.id
    assert venue is not None
    async with services.sessions() as session:
        apply_findings(session, await risk_of(session, venue), [], clock.now)
        await session.commit()
    async with services.sessions() as session:
        rated = await rate_by_department(session, venue, RED, "上级通报", clock.now)
        assert rated.combined_before is BLUE
        await session.commit()
    async with services.sessions() as session:
        [change] = (await session.exec(select(RiskChange))).all()
    assert change_line(change, services.settings.zone).endswith(
        "上级评定无→🔴红，综合🔵蓝→🔴红：上级通报"
    )
