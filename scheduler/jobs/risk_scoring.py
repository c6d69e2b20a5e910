"""Score every venue by the risk rules once a station day, a batch per transaction.

SQLite runs on the event loop, so the job yields between batches to let chat messages in;
each batch also picks up where the last left off (by venue id), so it always progresses.
"""

from __future__ import annotations

import asyncio

from sqlmodel import col, or_, select

from bot.context import Services
from handlers.services.incidents.levels import day_start
from handlers.services.risk.ruleset import RuleSet
from handlers.services.risk.scoring import score_venues
from storage.models import Venue, VenueRisk

BATCH = 500


async def score_risks(services: Services, rules: RuleSet, batch: int = BATCH) -> int:
    """Score venues not yet scored today; returns how many rule colours changed."""
    now = services.clock()
    zone = services.settings.zone
    today = day_start(now.astimezone(zone).date(), zone)
    changed, after = 0, 0
    while True:
        async with services.sessions() as session:
            venues = (
                await session.exec(
                    select(Venue)
                    .outerjoin(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id))
                    .where(
                        col(Venue.id) > after,
                        or_(col(VenueRisk.rules_at).is_(None), col(VenueRisk.rules_at) < today),
                    )
                    .order_by(col(Venue.id))
                    .limit(batch)
                )
            ).all()
            if not venues:
                return changed
            changed += await score_venues(session, rules.rules, venues, now)
            await session.commit()
            after = venues[-1].id or after
        await asyncio.sleep(0)
