"""The owner's hotels and homestays, and their guests in the house: fetched once per
message and handed on, and told apart by masked name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select

from bot.context import Context
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay, Venue


def told_apart(stays: Iterable[GuestStay]) -> dict[int | None, str]:
    """Masked names, with the ID number's last four where two would read alike (刘** and
    刘** in one room)."""
    stays = list(stays)
    seen = [s.name_masked for s in stays]
    return {
        s.id: s.name_masked
        if seen.count(s.name_masked) == 1
        else f"{s.name_masked}（尾号{s.doc_no_masked[-4:]}）"
        for s in stays
    }


async def my_places(ctx: Context) -> dict[int | None, Venue]:
    """The owner's hotels and homestays by id: fetched once per message, and handed on."""
    return {v.id: v for v in await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)}


async def staying_in(ctx: Context, owned: Iterable[int | None]) -> list[GuestStay]:
    """The guests not checked out of the places `owned`, by room."""
    rows = await ctx.session.exec(
        select(GuestStay)
        .where(col(GuestStay.venue_id).in_(owned), col(GuestStay.checked_out_at).is_(None))
        .order_by(col(GuestStay.room), col(GuestStay.id))
    )
    return list(rows.all())
