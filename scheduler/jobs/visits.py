"""Periodic visits: each red (orange …) venue is visited every N days (`[visits]` in the
risk rules file), as a task for the beat.

A visit task's key names the venue and the last visit done there, so the rule adds one task
after each visit, due N days after it, and running it again adds nothing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from bot.context import Services
from handlers.services.risk.ruleset import RuleSet
from handlers.services.tasks import create_task
from storage.models import Task, TaskStatus, Venue, VenueRisk

VISIT = "visit"


async def plan_visits(services: Services, rules: RuleSet) -> int:
    """Create the visit tasks that are missing; returns how many were created."""
    now = services.clock()
    zone = services.settings.zone
    today = now.astimezone(zone).date()
    created = 0
    async with services.sessions() as session:
        for colour, days in rules.visits.items():
            venues = (
                await session.exec(
                    select(Venue)
                    .join(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id))
                    .where(VenueRisk.colour == colour)
                    .order_by(col(Venue.id))
                )
            ).all()
            ids = [v.id for v in venues]
            visits = select(Task.venue_id).where(Task.kind == VISIT, col(Task.venue_id).in_(ids))
            waiting = set((await session.exec(visits.where(Task.status == TaskStatus.OPEN))).all())
            last_ids = select(func.max(Task.id)).where(
                Task.kind == VISIT, Task.status == TaskStatus.DONE, col(Task.venue_id).in_(ids)
            )
            done = (
                await session.exec(
                    select(Task).where(col(Task.id).in_(last_ids.group_by(col(Task.venue_id))))
                )
            ).all()
            last = {t.venue_id: t for t in done}
            for venue in venues:
                if venue.id in waiting:
                    continue
                previous = last.get(venue.id)
                due = today
                if previous is not None and previous.done_at is not None:
                    visited = previous.done_at.astimezone(zone).date()
                    due = visited + timedelta(days=days)
                task = await create_task(
                    session,
                    beat_id=venue.beat_id,
                    kind=VISIT,
                    subject=f"走访{colour.label}色场所：{venue.name}",
                    due=due,
                    source=f"rule:visit_{colour.value}",
                    now=now,
                    venue_id=venue.id,
                    key=f"visit:{venue.id}:{previous.id if previous else 0}",
                )
                if task.created_at != now:
                    continue  # the key was taken: this visit was asked for already
                created += 1
        await session.commit()
    return created
