"""Nightly risk scoring: every venue once a station day, in batches that always progress."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.config import Settings
from bot.context import Services
from handlers.services.risk.ruleset import load_rule_set
from scheduler.jobs.risk_scoring import score_risks
from storage.models import RiskChange, RiskColour, Venue, VenueKind, VenueRisk
from tests.support.beat_data import store, watch_hit
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_scores_every_venue_once_a_day(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.beat.id is not None and seeded.hotel.id is not None
    await store(
        services,
        *(Venue(kind=VenueKind.SHOP, name=f"店{n}", beat_id=seeded.beat.id) for n in range(5)),
        watch_hit(seeded, seeded.hotel.id, clock.now - timedelta(days=1)),
    )
    rules = load_rule_set(Settings())
    # The hotel turns orange (a hit in the last 30 days); the shops are too new to have
    # missed a self-inspection, the rental has nothing against it.
    assert await score_risks(services, rules, batch=2) == 1
    async with services.sessions() as session:
        risks = (await session.exec(select(VenueRisk).order_by(col(VenueRisk.venue_id)))).all()
    assert len(risks) == 7 and all(r.rules_at == clock.now for r in risks)
    assert [r.colour for r in risks] == [RiskColour.ORANGE] + [RiskColour.BLUE] * 6
    clock.advance(hours=1)
    assert await score_risks(services, rules) == 0  # already scored today
    async with services.sessions() as session:
        assert all(r.rules_at != clock.now for r in (await session.exec(select(VenueRisk))).all())
    clock.advance(days=40)  # the hit is older than the rules look back; the hotel is quiet
    await score_risks(services, rules)
    async with services.sessions() as session:
        hotel = await session.get(VenueRisk, seeded.hotel.id)
        changes = (
            await session.exec(
                select(RiskChange)
                .where(RiskChange.venue_id == seeded.hotel.id)
                .order_by(col(RiskChange.id))
            )
        ).all()
    assert hotel is not None and hotel.rules_colour is RiskColour.YELLOW
    assert [c.after for c in changes] == [RiskColour.ORANGE, RiskColour.YELLOW]
    assert "连续7天无旅客登记" in changes[1].reason
