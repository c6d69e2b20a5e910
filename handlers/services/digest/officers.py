"""Whose digest a beat's is: the officers the morning digest job briefs, and for each beat
the one whose digest the station admin reads as the beat's.

One rule for both (an officer or admin on a beat, with an account to send to): the job and
`/日报` for the admin had each written it out, and could drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Account, Beat, Person, Role

#: Who has a digest of their own.
BRIEFED_ROLES = (Role.OFFICER, Role.ADMIN)


async def briefed_officers(
    session: AsyncSession, beat_ids: Sequence[int] | None = None
) -> list[tuple[Person, Beat, list[Account]]]:
    """Every officer with a digest (of `beat_ids` only, if given), with their beat and chat
    accounts, in the order they were added."""
    query = (
        select(Person, Beat, Account)
        .join(Beat, col(Person.beat_id) == col(Beat.id))
        .join(Account, col(Account.person_id) == col(Person.id))
        .where(col(Person.role).in_(BRIEFED_ROLES))
        .order_by(col(Person.id), col(Account.id))
    )
    if beat_ids is not None:
        query = query.where(col(Person.beat_id).in_(beat_ids))
    grouped: dict[int, tuple[Person, Beat, list[Account]]] = {}
    for person, beat, account in (await session.exec(query)).all():
        assert person.id is not None
        grouped.setdefault(person.id, (person, beat, []))[2].append(account)
    return list(grouped.values())


async def beat_officers(session: AsyncSession, beat_ids: Sequence[int]) -> dict[int, Person]:
    """Each beat's officer by beat id; the first bound one where a beat has several, none
    where it has nobody."""
    found: dict[int, Person] = {}
    for person, beat, _accounts in await briefed_officers(session, beat_ids):
        assert beat.id is not None
        found.setdefault(beat.id, person)
    return found
