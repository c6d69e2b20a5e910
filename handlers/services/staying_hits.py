"""Matching a wanted card against the people staying now, when it is added or reopened.

A registration is matched as it is made (`watchlist.check_registration`); a card entered
later had waited for the person's next registration, and a guest in room 302 that day was
never reported. Here each card added (`/通缉 新增`, an import) or reopened (an import naming
a closed card) or edited is matched at once against the guests not checked out and the
tenants not moved out. The hits are those a registration makes (`watchlist.record_hit`):
the beat's officers are alerted, never the owner. A stay a card has hit already, or a card
of the same document number has, is not reported again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import and_, exists, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.services.watchlist import Registration, rank_matches, record_hit, rescore
from storage.models import GuestStay, Tenancy, Venue, WantedPerson, WantedStatus, WatchHit

#: Cards matched per query: the ids are bound parameters, which both engines limit.
_CHUNK = 500


async def match_staying(
    session: AsyncSession, services: Services, wanted_ids: Sequence[int]
) -> list[WatchHit]:
    """Record and announce the hits of these cards (the active ones) on everyone staying
    now, in the caller's transaction."""
    ids = sorted(set(wanted_ids))
    hits: list[WatchHit] = []
    rescored: dict[int, Venue] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for table in (GuestStay, Tenancy):
            found = await _staying(session, table, chunk)
            if not found:
                continue
            taken = await _numbers_hit(session, table, list(found))
            venues = await _venues(session, {record.venue_id for record, _ in found.values()})
            for record_id, (record, cards) in found.items():
                venue = venues[record.venue_id]
                for wanted, strength in rank_matches(record, cards, taken[record_id]):
                    hits.append(
                        await record_hit(session, services, wanted, strength, record, venue)
                    )
                    rescored[record.venue_id] = venue
    for venue in rescored.values():
        await rescore(session, services, venue)
    return hits


def _kind(table: type[Registration]) -> str:
    return "guest" if table is GuestStay else "tenant"


async def _staying(
    session: AsyncSession, table: type[Registration], wanted_ids: list[int]
) -> dict[int, tuple[Registration, list[WantedPerson]]]:
    """Each registration of `table` still staying that one of these active cards matches
    (by document number, or name and birth date, through the blind indexes) and has not hit
    yet, with those cards: one query, whatever the number of stays."""
    left = GuestStay.checked_out_at if table is GuestStay else Tenancy.moved_out_at
    matches = or_(
        col(WantedPerson.doc_no_idx) == col(table.doc_no_idx),
        and_(
            col(WantedPerson.name_idx) == col(table.name_idx),
            col(WantedPerson.birth_date) == col(table.birth_date),
        ),
    )
    hit_before = exists().where(
        col(WatchHit.wanted_id) == col(WantedPerson.id),
        col(WatchHit.registration_kind) == _kind(table),
        col(WatchHit.registration_id) == col(table.id),
    )
    rows = await session.exec(
        select(table, WantedPerson)
        .join(WantedPerson, matches)
        .where(
            col(WantedPerson.id).in_(wanted_ids),
            col(WantedPerson.status) == WantedStatus.ACTIVE,
            col(left).is_(None),
            ~hit_before,
        )
        .order_by(col(table.id), col(WantedPerson.id))
    )
    found: dict[int, tuple[Registration, list[WantedPerson]]] = {}
    for record, wanted in rows.all():
        assert isinstance(record, GuestStay | Tenancy) and record.id is not None
        found.setdefault(record.id, (record, []))[1].append(wanted)
    return found


async def _numbers_hit(
    session: AsyncSession, table: type[Registration], record_ids: list[int]
) -> dict[int, set[str]]:
    """By registration, the document numbers (blind indexes) of the cards that hit it
    before: a second card of the same number is the same person entered twice."""
    rows = await session.exec(
        select(WatchHit.registration_id, WantedPerson.doc_no_idx)
        .join(WantedPerson, col(WantedPerson.id) == col(WatchHit.wanted_id))
        .where(
            col(WatchHit.registration_kind) == _kind(table),
            col(WatchHit.registration_id).in_(record_ids),
            col(WantedPerson.doc_no_idx).is_not(None),
        )
    )
    taken: dict[int, set[str]] = defaultdict(set)
    for record_id, number in rows.all():
        if number is not None:
            taken[record_id].add(number)
    return taken


async def _venues(session: AsyncSession, ids: set[int]) -> dict[int, Venue]:
    rows = await session.exec(select(Venue).where(col(Venue.id).in_(ids)))
    return {venue.id: venue for venue in rows.all() if venue.id is not None}
