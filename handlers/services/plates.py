"""Rental plate numbers (标识牌编号): look a house up by plate, a plate up by landlord name,
phone or address (or a tenant's name), and give the next free plates to rentals that have none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.validators import Invalid
from bot.validators.phone import parse_phone
from handlers.services.numbers import plate_number
from handlers.services.person_search import houses_of_tenant
from handlers.services.scope import BeatScope, restrict
from handlers.services.venue_registry import PHONE, Actor, update_venue
from storage.models import Venue, VenueContact, VenueKind

PLATE = re.compile(r"\d{6}")
FIRST_PLATE = 100001
LAST_PLATE = 999999
SEARCH_LIMIT = 20


class SearchBy(StrEnum):
    PLATE = "plate"
    PHONE = "phone"
    NAME = "name"
    TENANT = "tenant"

    @property
    def label(self) -> str:
        labels = {"plate": "门牌号", "phone": "电话", "name": "姓名/地址", "tenant": "租客姓名"}
        return labels[self.value]


@dataclass(frozen=True)
class PlateSearch:
    by: SearchBy
    venues: Sequence[Venue]
    #: The plate looked up, as digits (what was typed may have had 10000l).
    plate: str = ""


def _as_phone(text: str) -> str | None:
    digits = re.sub(r"[\s()+-]", "", text)
    if not digits.isdigit() or len(digits) < 7:
        return None
    try:
        return parse_phone(text)
    except Invalid:
        return None


async def search_plates(
    session: AsyncSession, services: Services, query: str, scope: BeatScope
) -> PlateSearch:
    """Six digits (10000l read as 100001): the plate. A phone number: contacts with that
    number (blind index). Otherwise a contact's name (whole or its beginning) or part of an
    address."""
    query = query.strip()
    plate = plate_number(query)
    if plate is not None:
        found = await session.exec(restrict(select(Venue).where(Venue.plate == plate), scope))
        return PlateSearch(SearchBy.PLATE, found.all(), plate)
    phone = _as_phone(query)
    if phone is not None:
        by_phone = (
            select(Venue)
            .join(VenueContact, col(VenueContact.venue_id) == col(Venue.id))
            .where(
                VenueContact.phone_idx == services.blind_index(phone, PHONE),
                col(VenueContact.removed_at).is_(None),
            )
        )
        rows = await session.exec(restrict(by_phone, scope).distinct().limit(SEARCH_LIMIT))
        return PlateSearch(SearchBy.PHONE, rows.all())
    by_name = (
        select(Venue)
        .join(VenueContact, col(VenueContact.venue_id) == col(Venue.id))
        .where(
            col(VenueContact.name).startswith(query, autoescape=True),
            col(VenueContact.removed_at).is_(None),
        )
    )
    named = (await session.exec(restrict(by_name, scope).limit(SEARCH_LIMIT))).all()
    by_address = select(Venue).where(col(Venue.address).contains(query, autoescape=True))
    placed = (await session.exec(restrict(by_address, scope).limit(SEARCH_LIMIT))).all()
    unique = {v.id: v for v in [*named, *placed]}
    if not unique:
        # 门牌 李梅: officers know a house by who rents it too (blind index of the name).
        rented = await houses_of_tenant(session, services, query, scope)
        if rented:
            return PlateSearch(SearchBy.TENANT, rented)
    return PlateSearch(SearchBy.NAME, list(unique.values())[:SEARCH_LIMIT])


class PlatesExhausted(Exception):
    pass


async def assign_plates(
    session: AsyncSession,
    *,
    actor: Actor,
    now: datetime,
    start: int = FIRST_PLATE,
    scope: BeatScope = None,
    dry_run: bool = False,
) -> list[tuple[Venue, str]]:
    """Give each rental without a plate the next unused number from `start` up, in the order
    the rentals were added. Numbers in use anywhere are skipped (plates are unique)."""
    used = {p for p in (await session.exec(select(Venue.plate))).all() if p}
    waiting = select(Venue).where(Venue.kind == VenueKind.RENTAL, col(Venue.plate).is_(None))
    rentals = (await session.exec(restrict(waiting, scope).order_by(col(Venue.id)))).all()
    assigned: list[tuple[Venue, str]] = []
    number = start
    for venue in rentals:
        while f"{number:06d}" in used:
            number += 1
        if number > LAST_PLATE:
            raise PlatesExhausted(f"no free plate numbers left above {start:06d}")
        plate = f"{number:06d}"
        used.add(plate)
        if not dry_run:
            await update_venue(session, venue, {"plate": plate}, actor, now)
        assigned.append((venue, plate))
    return assigned
