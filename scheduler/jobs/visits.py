"""Periodic visits: each red (orange …) venue is visited every N days (`[visits]` in the
risk rules file), as a task for the beat.

A visit task's key names the venue and the last visit closed there (done or cancelled), so
the rule adds one task after each, and running it again adds nothing. The next visit is due
N days after a visit done, or cancelled by hand while the colour still asked for visits; a
venue whose colour changed since its visit was cancelled (dropped to blue, then red again)
is visited at once. Before, a cancelled visit kept its key and the venue was never planned
again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.services.risk.describe import marked
from handlers.services.risk.ruleset import RuleSet
from handlers.services.tasks import create_task
from storage.models import RiskChange, Task, TaskStatus, Venue, VenueRisk
from storage.models.base import as_utc

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
            closed = (TaskStatus.DONE, TaskStatus.CANCELLED)
            last_ids = select(func.max(Task.id)).where(
                Task.kind == VISIT, col(Task.status).in_(closed), col(Task.venue_id).in_(ids)
            )
            last_rows = (
                await session.exec(
                    select(Task).where(col(Task.id).in_(last_ids.group_by(col(Task.venue_id))))
                )
            ).all()
            last = {t.venue_id: t for t in last_rows}
            recoloured = await _recoloured_since_cancelled(session, last_rows)
            for venue in venues:
                if venue.id in waiting:
                    continue
                previous = last.get(venue.id)
                due = today
                if (
                    previous is not None
                    and previous.done_at is not None
                    and previous.id not in recoloured
                ):
                    closed_on = previous.done_at.astimezone(zone).date()
                    due = closed_on + timedelta(days=days)
                task = await create_task(
                    session,
                    beat_id=venue.beat_id,
                    kind=VISIT,
                    subject=f"走访{marked(colour)}色场所：{venue.name}",
                    due=due,
                    source=f"rule:visit_{colour.value}",
                    now=now,
                    venue_id=venue.id,
                    key=f"visit:{venue.id}:{previous.id if previous else 0}",
                )
                if task.created_at != now or task.status is not TaskStatus.OPEN:
                    continue  # the key was taken: this visit was asked for already
                created += 1
        await session.commit()
    return created


async def _recoloured_since_cancelled(session: AsyncSession, tasks: Sequence[Task]) -> set[int]:
    """The cancelled visits whose venue's colour changed after the cancelling: the visits
    were dropped for a colour that asked for none, and the colour asks for them again."""
    cancelled = {
        t.id: t
        for t in tasks
        if t.status is TaskStatus.CANCELLED and t.done_at is not None and t.id is not None
    }
    if not cancelled:
        return set()
    changes = (
        await session.exec(
            select(RiskChange.venue_id, func.max(RiskChange.at))
            .where(col(RiskChange.venue_id).in_([t.venue_id for t in cancelled.values()]))
            .group_by(col(RiskChange.venue_id))
        )
    ).all()
    latest = {venue_id: as_utc(at) for venue_id, at in changes}
    return {
        task_id
        for task_id, task in cancelled.items()
        if task.venue_id in latest
        and task.done_at is not None
        and latest[task.venue_id] > as_utc(task.done_at)
    }
