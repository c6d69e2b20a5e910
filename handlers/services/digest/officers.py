"""Whose digest a beat's is: the officer the morning digest job briefs for it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, exists, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Account, Person, Role


async def beat_officers(session: AsyncSession, beat_ids: Sequence[int]) -> dict[int, Person]:
    """Each beat's officer by beat id; the first bound one where a beat has several, none
    where it has nobody. The same people as `scheduler.jobs.digest` sends digests to: an
    officer or admin on the beat with an account."""
    bound = exists().where(col(Account.person_id) == col(Person.id))
    rows = await session.exec(
        select(Person)
        .where(
            col(Person.beat_id).in_(beat_ids),
            col(Person.role).in_([Role.OFFICER, Role.ADMIN]),
            bound,
        )
        .order_by(col(Person.id))
    )
    found: dict[int, Person] = {}
    for person in rows.all():
        assert person.beat_id is not None
        found.setdefault(person.beat_id, person)
    return found
