"""Score venues by the rules, a batch at a time (the nightly job, and one venue on demand)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config import Settings
from handlers.services.risk.findings import Rule, evaluate
from handlers.services.risk.rating import apply_findings
from handlers.services.risk.ruleset import load_rule_set
from storage.models import Venue, VenueRisk


async def score_venues(
    session: AsyncSession, rules: Sequence[Rule], venues: Sequence[Venue], now: datetime
) -> int:
    """Run every rule over `venues` and store the findings; returns how many rule colours
    changed. The venues' rating rows are locked until the caller commits (PostgreSQL)."""
    found = await evaluate(session, rules, venues, now)
    ids = list(found)
    rows = await session.exec(
        select(VenueRisk).where(col(VenueRisk.venue_id).in_(ids)).with_for_update()
    )
    risks = {r.venue_id: r for r in rows.all()}
    changed = 0
    for venue_id, findings in found.items():
        risk = risks.get(venue_id) or VenueRisk(venue_id=venue_id)
        changed += apply_findings(session, risk, findings, now)
    return changed


async def score_now(session: AsyncSession, settings: Settings, venue: Venue, now: datetime) -> None:
    """One venue scored at once, after a change a rule looks at (a licence entered, a hit,
    a hit's check): the nightly scoring is too late for an officer who opens it now."""
    await session.flush()
    await score_venues(session, load_rule_set(settings).rules, [venue], now)
